import type {
  AppliedPlan,
  AssessmentStage,
  BoardCounts,
  BoardMissingPage,
  boardMissingQuery,
  boardQuery,
  BulkOutcome,
  BulkRegisterResult,
  bulkRegisterBody,
  createRegistrationBody,
  CriterionSubject,
  EmulationTitleCode,
  listRegistrationsQuery,
  MovementKind,
  MovementOption,
  MyRegistration,
  myRegistrationQuery,
  PlanStatus,
  RegistrationBoard,
  RegistrationsPage,
  RegistrationStatus,
  RegistrationView,
  remindBody,
  RemindResult,
  UnitRoster,
  unitRosterQuery,
  updateRegistrationBody,
} from '@thidua/contracts';
import type { z } from 'zod';
import { can, requireAccess } from '../../platform/access.js';
import { isWithin, visibleRoots, type Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation, type Executor, type Tx } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { nameCollation, searchWords } from '../../platform/search.js';
import { officerReminderMail, personReminderMail } from './registrations.mails.js';
import { canRegisterFor, canViewRegistration, isLocked, registrationOperations } from './registrations.policy.js';
import {
  registrationsRepository as repo,
  type ApplicablePlanRow,
  type CountRow,
  type MissingScope,
  type RegistrationRow,
} from './registrations.repository.js';

declare module '../../platform/jobs.js' {
  interface JobQueues {
    /** Mails the reminders just recorded (registration_reminders ids). */
    'registration-reminders': { reminderIds: number[] };
  }
}

type ListQuery = z.output<typeof listRegistrationsQuery>;
type CreateBody = z.output<typeof createRegistrationBody>;
type UpdateBody = z.output<typeof updateRegistrationBody>;
type BulkBody = z.output<typeof bulkRegisterBody>;
type MyQuery = z.output<typeof myRegistrationQuery>;
type RosterQuery = z.output<typeof unitRosterQuery>;
type BoardQuery = z.output<typeof boardQuery>;
type MissingQuery = z.output<typeof boardMissingQuery>;
type RemindBody = z.output<typeof remindBody>;

/** A second reminder of the same unit within this time is refused: people are not mailed twice in a row. */
export const REMINDER_INTERVAL_MS = 60 * 60 * 1000;

// ── Views ──────────────────────────────────────────────────────────────

const iso = (d: Date | string) => new Date(d).toISOString();

function toView(actor: Actor, r: RegistrationRow): RegistrationView {
  const ref = { unitPath: r.unit_path, personId: r.person_id, status: r.status, assessmentStage: r.assessment_stage };
  return {
    id: r.id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    planNumber: r.plan_number ? (r.plan_code ? `${r.plan_number}/${r.plan_code}` : r.plan_number) : null,
    planUnitName: r.plan_unit_name,
    movementId: r.movement_id,
    movementName: r.movement_name,
    year: r.year,
    subject: r.subject as CriterionSubject,
    unitId: r.unit_id,
    unitName: r.unit_name,
    personId: r.person_id,
    personName: r.person_name,
    personPosition: r.person_position,
    titleCode: r.title_code as EmulationTitleCode,
    titleName: r.title_name,
    commitments: r.commitments,
    status: r.status as RegistrationStatus,
    registeredAt: iso(r.registered_at),
    registeredByName: r.registered_by_name,
    updatedAt: iso(r.updated_at),
    assessmentStage: (r.assessment_stage as AssessmentStage | null) ?? null,
    allowed: registrationOperations(actor, ref),
  };
}

async function viewOf(db: Executor, actor: Actor, id: number): Promise<RegistrationView> {
  const row = await repo.findRegistration(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toView(actor, row);
}

async function appliedPlanOf(db: Executor, plan: ApplicablePlanRow): Promise<AppliedPlan> {
  const criteria = await repo.planCriteria(db, plan.id);
  return {
    id: plan.id,
    title: plan.title,
    documentType: plan.document_type,
    number: plan.number ? (plan.code ? `${plan.number}/${plan.code}` : plan.number) : null,
    issueDate: plan.issue_date,
    status: plan.status as PlanStatus,
    unitId: plan.unit_id,
    unitName: plan.unit_name,
    criteria: criteria.map((c) => ({
      id: c.id,
      subject: c.subject as CriterionSubject,
      code: c.code,
      text: c.text,
      maxPoints: c.max_points === null ? null : Number(c.max_points),
      depth: c.depth,
    })),
  };
}

function toMovementOption(m: { id: number; name: string; kind: string; start_year: number; end_year: number }): MovementOption {
  return { id: m.id, name: m.name, kind: m.kind as MovementKind, startYear: m.start_year, endYear: m.end_year };
}

/** What the audit log keeps of a registration. */
function snapshot(r: { plan_id: number; movement_id: number; year: number; subject: string; unit_id: number; person_id: number | null; title_code: string; commitments: string | null; status: string }) {
  return {
    planId: r.plan_id,
    movementId: r.movement_id,
    year: r.year,
    subject: r.subject,
    unitId: r.unit_id,
    personId: r.person_id,
    titleCode: r.title_code,
    commitments: r.commitments,
    status: r.status,
  };
}

function invalid(path: string, vi: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [fieldEntry(path, vi, en)]);
}

// ── Guards shared by the writes ────────────────────────────────────────

/** The movement exists and the year lies within its years (plan not published is checked per subject). */
async function movementForYear(db: Executor, movementId: number, year: number) {
  const movement = await repo.findMovement(db, movementId);
  if (!movement) throw new AppError('NOT_FOUND');
  if (year < movement.start_year || year > movement.end_year) {
    throw new AppError('REGISTRATION_YEAR_OUTSIDE', { startYear: movement.start_year, endYear: movement.end_year });
  }
  return movement;
}

/** The title must be one for this kind of subject: Lao động tiên tiến for a person, Tập thể… for a unit. */
async function requireTitleFor(db: Executor, code: string, subject: CriterionSubject) {
  const title = await repo.titleSubject(db, code);
  if (!title || title.subject !== subject) throw new AppError('REGISTRATION_TITLE_MISMATCH', { titleCode: code, subject });
  return title;
}

async function planFor(db: Executor, movementId: number, unitPath: string, year: number): Promise<ApplicablePlanRow> {
  const plan = await repo.applicablePlan(db, movementId, unitPath, year);
  if (!plan) throw new AppError('REGISTRATION_NO_PLAN');
  return plan;
}

// ── Reading ────────────────────────────────────────────────────────────

/** Registrations the actor may see (their subtrees and their own), filtered and searched without diacritics. */
export async function listRegistrations(ctx: AppContext, actor: Actor, query: ListQuery): Promise<RegistrationsPage> {
  let roots = visibleRoots(actor);
  let unitId: number | undefined;
  if (query.unitId !== undefined) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'unit.read', unit.path);
    roots = [unit.path];
    if (!query.includeSubunits) unitId = unit.id;
  }
  const filter = {
    roots,
    unitId,
    // Asking for a unit means that unit's records; otherwise one's own registrations come along.
    ownPersonId: query.unitId === undefined ? actor.personId : null,
    movementId: query.movementId,
    year: query.year,
    subject: query.subject,
    status: query.status,
    words: searchWords(query.q),
  };
  const offset = (query.page - 1) * query.pageSize;
  const collation = await nameCollation(ctx.db);
  const rows = await repo.list(ctx.db, filter, { limit: query.pageSize, offset, collation });
  const knownTotal = rows.length < query.pageSize && (rows.length > 0 || offset === 0);
  const total = knownTotal ? offset + rows.length : await repo.count(ctx.db, filter);
  return { items: rows.map((r) => toView(actor, r)), total, page: query.page, pageSize: query.pageSize };
}

/** One registration: the person themself, or anyone who may read the unit. */
export async function getRegistration(ctx: AppContext, actor: Actor, id: number): Promise<RegistrationView> {
  const row = await repo.findRegistration(ctx.db, id);
  if (!row || !canViewRegistration(actor, { unitPath: row.unit_path, personId: row.person_id })) throw new AppError('NOT_FOUND');
  return toView(actor, row);
}

/** "Đăng ký của tôi": the actor's person, the movements whose plans reach them, and for one movement and year the plan and their registration. */
export async function myRegistration(ctx: AppContext, actor: Actor, query: MyQuery): Promise<MyRegistration> {
  const person = actor.personId ? await repo.findPerson(ctx.db, actor.personId) : undefined;
  if (!person) return { person: null, movements: [], plan: null, registration: null };
  const movements = (await repo.movementsFor(ctx.db, person.unit_path, { below: false })).map(toMovementOption);
  let plan: AppliedPlan | null = null;
  let registration: RegistrationView | null = null;
  if (query.movementId !== undefined) {
    const applicable = await repo.applicablePlan(ctx.db, query.movementId, person.unit_path, query.year);
    plan = applicable ? await appliedPlanOf(ctx.db, applicable) : null;
    if (query.year !== undefined) {
      const existing = await repo.existing(ctx.db, { movementId: query.movementId, year: query.year, personId: person.id, unitId: person.unit_id });
      registration = existing ? await viewOf(ctx.db, actor, existing.id) : null;
    }
  }
  return {
    person: { id: person.id, fullName: person.full_name, unitId: person.unit_id, unitName: person.unit_name },
    movements,
    plan,
    registration,
  };
}

/** Movements with a published plan at, above or below a unit the actor may read (for the officer's tabs). */
export async function movementOptions(ctx: AppContext, actor: Actor, unitId: number): Promise<{ items: MovementOption[] }> {
  const unit = await repo.findUnit(ctx.db, unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'unit.read', unit.path);
  return { items: (await repo.movementsFor(ctx.db, unit.path, { below: true })).map(toMovementOption) };
}

/** "Đăng ký cho đơn vị": the unit's collective registration and its own people with theirs. */
export async function unitRoster(ctx: AppContext, actor: Actor, query: RosterQuery): Promise<UnitRoster> {
  const unit = await repo.findUnit(ctx.db, query.unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'unit.read', unit.path);
  const key = { movementId: query.movementId, year: query.year, unitId: unit.id };
  const filter = { ...key, words: searchWords(query.q) };
  const collation = await nameCollation(ctx.db);
  const offset = (query.page - 1) * query.pageSize;
  const [applicable, collective, rows, total] = await Promise.all([
    repo.applicablePlan(ctx.db, query.movementId, unit.path, query.year),
    repo.existing(ctx.db, { ...key, personId: null }),
    repo.roster(ctx.db, filter, { limit: query.pageSize, offset, collation }),
    repo.rosterCount(ctx.db, filter),
  ]);
  const ids = rows.map((r) => r.registration_id).filter((id): id is number => id !== null);
  if (collective) ids.push(collective.id);
  const views = new Map((await repo.findRegistrations(ctx.db, ids)).map((r) => [r.id, toView(actor, r)]));
  return {
    unit: { id: unit.id, name: unit.name, canRegister: can(actor, 'registration.write', unit.path) },
    plan: applicable ? await appliedPlanOf(ctx.db, applicable) : null,
    collective: collective ? (views.get(collective.id) ?? null) : null,
    people: {
      items: rows.map((r) => ({
        personId: r.id,
        fullName: r.full_name,
        position: r.position,
        registration: r.registration_id !== null ? (views.get(r.registration_id) ?? null) : null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    },
  };
}

// ── Registering ────────────────────────────────────────────────────────

interface Subject {
  subject: CriterionSubject;
  personId: number | null;
  unitId: number;
  unitPath: string;
}

/** Who is being registered, after the access check: 404 for what the actor cannot see, 403 for what they may not register. */
async function subjectOf(db: Executor, actor: Actor, body: CreateBody): Promise<Subject> {
  if (body.subject === 'collective') {
    const unit = await repo.findUnit(db, body.unitId!);
    if (!unit) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'registration.write', unit.path);
    if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: unit.id });
    return { subject: 'collective', personId: null, unitId: unit.id, unitPath: unit.path };
  }
  const personId = body.personId ?? actor.personId;
  if (!personId) throw new AppError('REGISTRATION_NO_PERSON');
  const person = await repo.findPerson(db, personId);
  if (!person) throw new AppError('NOT_FOUND');
  if (personId !== actor.personId) requireAccess(actor, 'registration.write', person.unit_path);
  if (person.unit_status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: person.unit_id });
  if (!person.is_active) throw invalid('personId', 'Cán bộ đã nghỉ việc, không thể đăng ký', 'The person is no longer active and cannot register');
  return { subject: 'individual', personId: person.id, unitId: person.unit_id, unitPath: person.unit_path };
}

async function duplicateOf(db: Executor, actor: Actor, id: number): Promise<AppError> {
  return new AppError('REGISTRATION_DUPLICATE', { existing: await viewOf(db, actor, id) });
}


/** Registers one subject (a person, oneself by default, or a unit as a collective) for a movement and year. */
export async function createRegistration(ctx: AppContext, actor: Actor, body: CreateBody): Promise<RegistrationView> {
  const subject = await subjectOf(ctx.db, actor, body);
  await requireTitleFor(ctx.db, body.titleCode, subject.subject);
  await movementForYear(ctx.db, body.movementId, body.year);
  const plan = await planFor(ctx.db, body.movementId, subject.unitPath, body.year);
  const key = { movementId: body.movementId, year: body.year, personId: subject.personId, unitId: subject.unitId };
  const values = {
    plan_id: plan.id,
    movement_id: body.movementId,
    year: body.year,
    subject: subject.subject,
    unit_id: subject.unitId,
    person_id: subject.personId,
    title_code: body.titleCode,
    commitments: body.commitments ?? null,
    registered_by: actor.userId,
    registered_at: ctx.now(),
  };
  let id: number;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const existing = await repo.existing(trx, key, { lock: true });
      if (existing?.status === 'registered') throw await duplicateOf(trx, actor, existing.id);
      let newId: number;
      if (existing) {
        await repo.reactivate(trx, existing.id, values);
        newId = existing.id;
      } else {
        newId = await repo.insert(trx, values);
      }
      await writeAudit(trx, auditContextOf(actor), {
        action: 'registration.create',
        entity: 'registration',
        entityId: newId,
        unitId: subject.unitId,
        before: existing ? snapshot(existing) : undefined,
        after: snapshot({ ...values, status: 'registered' }),
      });
      return newId;
    });
  } catch (err) {
    // Two first registrations at the same moment: the unique index lets one through.
    if (!isUniqueViolation(err)) throw err;
    const existing = await repo.existing(ctx.db, key);
    if (!existing) throw err;
    throw await duplicateOf(ctx.db, actor, existing.id);
  }
  return viewOf(ctx.db, actor, id);
}

/** A unit's officer registers many of its people at once with one title; the answer says what happened to each. */
export async function bulkRegister(ctx: AppContext, actor: Actor, body: BulkBody): Promise<BulkRegisterResult> {
  const unit = await repo.findUnit(ctx.db, body.unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'registration.write', unit.path);
  if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: unit.id });
  await requireTitleFor(ctx.db, body.titleCode, 'individual');
  await movementForYear(ctx.db, body.movementId, body.year);
  // Every subunit lies below the unit, so the unit's plan (or a nearer one) reaches them all.
  await planFor(ctx.db, body.movementId, unit.path, body.year);

  const personIds = [...new Set(body.personIds)];
  const people = new Map((await repo.findPeople(ctx.db, personIds)).map((p) => [p.id, p]));
  const inUnit = (id: number) => {
    const p = people.get(id);
    return p && p.is_active && p.unit_status === 'active' && isWithin(p.unit_path, unit.path) ? p : undefined;
  };
  const plans = new Map<string, ApplicablePlanRow>();
  for (const id of personIds) {
    const p = inUnit(id);
    if (p && !plans.has(p.unit_path)) plans.set(p.unit_path, await planFor(ctx.db, body.movementId, p.unit_path, body.year));
  }

  const items = await ctx.db.transaction().execute(async (trx) => {
    const existing = new Map((await repo.existingForPeople(trx, body.movementId, body.year, personIds)).map((r) => [r.person_id!, r]));
    const out: BulkRegisterResult['items'] = [];
    const audits = [];
    for (const id of personIds) {
      const p = inUnit(id);
      if (!p) {
        // A name is shown only for someone the actor may see anyway.
        const seen = people.get(id);
        out.push({ personId: id, fullName: seen && can(actor, 'unit.read', seen.unit_path) ? seen.full_name : null, outcome: 'not_in_unit', registrationId: null });
        continue;
      }
      const prior = existing.get(id);
      if (prior?.status === 'registered') {
        out.push({ personId: id, fullName: p.full_name, outcome: 'already_registered', registrationId: prior.id });
        continue;
      }
      const values = {
        plan_id: plans.get(p.unit_path)!.id,
        movement_id: body.movementId,
        year: body.year,
        subject: 'individual',
        unit_id: p.unit_id,
        person_id: p.id,
        title_code: body.titleCode,
        commitments: body.commitments ?? null,
        registered_by: actor.userId,
        registered_at: ctx.now(),
      };
      let regId: number;
      if (prior) {
        await repo.reactivate(trx, prior.id, values);
        regId = prior.id;
      } else {
        regId = await repo.insert(trx, values);
      }
      audits.push({
        action: 'registration.create',
        entity: 'registration',
        entityId: regId,
        unitId: p.unit_id,
        after: { ...snapshot({ ...values, status: 'registered' }), bulk: true },
      });
      out.push({ personId: id, fullName: p.full_name, outcome: 'created' as BulkOutcome, registrationId: regId });
    }
    await writeAudit(trx, auditContextOf(actor), audits);
    return out;
  });
  const countOf = (o: BulkOutcome) => items.filter((i) => i.outcome === o).length;
  return { created: countOf('created'), alreadyRegistered: countOf('already_registered'), notInUnit: countOf('not_in_unit'), items };
}

/** Locks and checks a registration before a change: visible (404), the actor's to change (403), still open (409). */
async function changeable(trx: Tx, actor: Actor, id: number) {
  const locked = await repo.lockRegistration(trx, id);
  const row = locked ? await repo.findRegistration(trx, id) : undefined;
  if (!locked || !row) throw new AppError('NOT_FOUND');
  const ref = { unitPath: row.unit_path, personId: row.person_id };
  if (!canViewRegistration(actor, ref)) throw new AppError('NOT_FOUND');
  if (!canRegisterFor(actor, ref)) throw new AppError('FORBIDDEN');
  if (row.status !== 'registered') throw new AppError('REGISTRATION_WITHDRAWN');
  const stage = await repo.assessmentStage(trx, { movementId: row.movement_id, year: row.year, personId: row.person_id, unitId: row.unit_id });
  if (isLocked({ assessmentStage: stage?.stage ?? null })) throw new AppError('REGISTRATION_LOCKED', { stage: stage?.stage });
  return locked;
}

/** Changes the title aimed for or the commitments, until the assessment leaves the self stage. */
export async function updateRegistration(ctx: AppContext, actor: Actor, id: number, body: UpdateBody): Promise<RegistrationView> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await changeable(trx, actor, id);
    if (body.titleCode !== undefined) await requireTitleFor(trx, body.titleCode, row.subject as CriterionSubject);
    const patch: { title_code?: string; commitments?: string | null } = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (body.titleCode !== undefined && body.titleCode !== row.title_code) {
      patch.title_code = body.titleCode;
      before.titleCode = row.title_code;
      after.titleCode = body.titleCode;
    }
    if (body.commitments !== undefined && (body.commitments ?? null) !== row.commitments) {
      patch.commitments = body.commitments ?? null;
      before.commitments = row.commitments;
      after.commitments = patch.commitments;
    }
    if (Object.keys(patch).length === 0) return;
    await repo.update(trx, id, patch, ctx.now());
    await writeAudit(trx, auditContextOf(actor), { action: 'registration.update', entity: 'registration', entityId: id, unitId: row.unit_id, before, after });
  });
  return viewOf(ctx.db, actor, id);
}

/** Withdraws a registration (rút đăng ký); registering again later reuses the row. */
export async function withdrawRegistration(ctx: AppContext, actor: Actor, id: number): Promise<RegistrationView> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await changeable(trx, actor, id);
    await repo.update(trx, id, { status: 'withdrawn' }, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'registration.withdraw',
      entity: 'registration',
      entityId: id,
      unitId: row.unit_id,
      before: { status: 'registered' },
      after: { status: 'withdrawn' },
    });
  });
  return viewOf(ctx.db, actor, id);
}

// ── The board (theo dõi đăng ký) ───────────────────────────────────────

const rate = (registered: number, expected: number) => (expected === 0 ? null : Math.round((registered / expected) * 1000) / 10);

function countsOf(people: CountRow | undefined, units: CountRow | undefined): BoardCounts {
  const c = {
    expectedPeople: people?.expected ?? 0,
    registeredPeople: people?.registered ?? 0,
    expectedUnits: units?.expected ?? 0,
    registeredUnits: units?.registered ?? 0,
  };
  return { ...c, peopleRate: rate(c.registeredPeople, c.expectedPeople), unitRate: rate(c.registeredUnits, c.expectedUnits) };
}

const sum = (rows: CountRow[]): CountRow => rows.reduce((a, r) => ({ key: 0, expected: a.expected + r.expected, registered: a.registered + r.registered }), { key: 0, expected: 0, registered: 0 });

async function readableUnit(db: Executor, actor: Actor, unitId: number) {
  const unit = await repo.findUnit(db, unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'unit.read', unit.path);
  return unit;
}

/** Expected and registered people and units per direct child of a unit (and its own staff) and per block of the year. */
export async function registrationBoard(ctx: AppContext, actor: Actor, query: BoardQuery): Promise<RegistrationBoard> {
  const unit = await readableUnit(ctx.db, actor, query.unitId);
  const movement = await repo.findMovement(ctx.db, query.movementId);
  if (!movement) throw new AppError('NOT_FOUND');
  const collation = await nameCollation(ctx.db);
  const [children, people, units, blocks] = await Promise.all([
    repo.children(ctx.db, unit.id, collation),
    repo.peopleCounts(ctx.db, unit, query.movementId, query.year),
    repo.unitCounts(ctx.db, unit, query.movementId, query.year),
    repo.blocksWithin(ctx.db, unit.path, query.year, collation),
  ]);
  const blockIds = blocks.map((b) => b.id);
  const [blockPeople, blockUnits, reminded] = await Promise.all([
    repo.blockPeopleCounts(ctx.db, blockIds, unit.path, query.movementId, query.year),
    repo.blockUnitCounts(ctx.db, blockIds, unit.path, query.movementId, query.year),
    repo.lastReminders(ctx.db, query.movementId, query.year, [unit.id, ...children.map((c) => c.id)]),
  ]);
  const byKey = (rows: CountRow[]) => new Map(rows.map((r) => [Number(r.key), r]));
  const [p, u, bp, bu] = [byKey(people), byKey(units), byKey(blockPeople), byKey(blockUnits)];
  const row = (id: number, name: string, path: string, scope: 'direct' | 'subtree') => ({
    unitId: id,
    name,
    scope,
    ...countsOf(p.get(id), u.get(id)),
    lastRemindedAt: reminded.has(id) ? reminded.get(id)!.toISOString() : null,
    canRemind: can(actor, 'registration.write', path),
  });
  return {
    unit: { id: unit.id, name: unit.name },
    movementId: query.movementId,
    year: query.year,
    total: countsOf(sum(people), sum(units)),
    rows: [row(unit.id, unit.name, unit.path, 'direct'), ...children.map((c) => row(c.id, c.name, c.path, 'subtree'))],
    blocks: blocks.map((b) => ({ blockId: b.id, name: b.name, kind: b.kind, memberUnitIds: b.member_ids, ...countsOf(bp.get(b.id), bu.get(b.id)) })),
  };
}

/** Who has not registered in one row of the board: units first, then people, by name. */
export async function boardMissing(ctx: AppContext, actor: Actor, query: MissingQuery): Promise<BoardMissingPage> {
  const unit = await readableUnit(ctx.db, actor, query.unitId);
  let scope: MissingScope;
  if (query.blockId !== undefined) {
    const block = await repo.findBlock(ctx.db, query.blockId);
    if (!block) throw new AppError('NOT_FOUND');
    scope = { kind: 'block', path: unit.path, blockId: block.id };
  } else {
    scope = query.scope === 'direct' ? { kind: 'direct', unitId: unit.id } : { kind: 'subtree', path: unit.path };
  }
  const collation = await nameCollation(ctx.db);
  const offset = (query.page - 1) * query.pageSize;
  const [rows, total] = await Promise.all([
    repo.missing(ctx.db, query.movementId, query.year, scope, { limit: query.pageSize, offset, collation }),
    repo.missingCount(ctx.db, query.movementId, query.year, scope),
  ]);
  return {
    items: rows.map((r) => ({ kind: r.kind, id: Number(r.id), name: r.name, unitId: Number(r.unit_id), unitName: r.unit_name })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ── Reminders (nhắc đăng ký) ────────────────────────────────────────────

/** Records a reminder for each unit and queues the mails; a unit reminded within the hour answers 409. */
export async function remindUnits(ctx: AppContext, actor: Actor, body: RemindBody): Promise<RemindResult> {
  const unitIds = [...new Set(body.unitIds)];
  const units: { id: number; name: string; path: string }[] = [];
  for (const id of unitIds) {
    const unit = await repo.findUnit(ctx.db, id);
    if (!unit) throw new AppError('NOT_FOUND');
    units.push(unit);
  }
  requireAccess(
    actor,
    'registration.write',
    units.map((u) => u.path),
  );
  await movementForYear(ctx.db, body.movementId, body.year);
  const reminders = await ctx.db.transaction().execute(async (trx) => {
    // Two officers clicking at once: the second waits here, then sees the first one's reminder.
    await repo.lockUnits(trx, unitIds);
    const last = await repo.lastReminders(trx, body.movementId, body.year, unitIds);
    const now = ctx.now().getTime();
    const recent = units.filter((u) => {
      const at = last.get(u.id);
      return at !== undefined && now - at.getTime() < REMINDER_INTERVAL_MS;
    });
    if (recent.length > 0) {
      throw new AppError('REMINDER_TOO_SOON', {
        units: recent.map((u) => ({
          unitId: u.id,
          unitName: u.name,
          remindedAt: last.get(u.id)!.toISOString(),
          nextAllowedAt: new Date(last.get(u.id)!.getTime() + REMINDER_INTERVAL_MS).toISOString(),
        })),
      });
    }
    const out = [];
    for (const u of units) {
      const r = await repo.insertReminder(trx, { movement_id: body.movementId, year: body.year, unit_id: u.id, sent_by: actor.userId, created_at: new Date(now) });
      out.push({ id: r.id, unitId: u.id, remindedAt: iso(r.created_at) });
    }
    await writeAudit(
      trx,
      auditContextOf(actor),
      out.map((r) => ({
        action: 'registration.remind',
        entity: 'registration_reminder',
        entityId: r.id,
        unitId: r.unitId,
        after: { movementId: body.movementId, year: body.year, unitId: r.unitId },
      })),
    );
    return out;
  });
  // After commit: the job reads the reminders, so they must be visible to it.
  await ctx.jobs.send('registration-reminders', { reminderIds: reminders.map((r) => r.id) });
  return { reminders };
}

interface Logger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Mails one recorded reminder: the unit's emulation officers and heads get the list of its people
 * not yet registered, and each of those people with an account and an e-mail gets their own.
 * The row stays locked while mailing, and a sent one is skipped, so a job run twice mails once.
 */
async function sendReminder(ctx: AppContext, reminderId: number, log: Logger): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const reminder = await repo.pendingReminder(trx, reminderId);
    if (!reminder) return;
    const collation = await nameCollation(ctx.db);
    const [contacts, people, collective] = await Promise.all([
      repo.unitContacts(trx, reminder.unit_id),
      repo.unregisteredPeople(trx, reminder.movement_id, reminder.year, reminder.unit_path, collation),
      repo.existing(trx, { movementId: reminder.movement_id, year: reminder.year, personId: null, unitId: reminder.unit_id }),
    ]);
    const facts = {
      movementName: reminder.movement_name,
      year: reminder.year,
      unitName: reminder.unit_name,
      link: `${ctx.config.publicUrl}/dang-ky-thi-dua`,
    };
    const unitNotRegistered = collective?.status !== 'registered';
    const mails = [];
    if (people.length > 0 || unitNotRegistered) {
      for (const c of contacts) {
        mails.push(
          officerReminderMail({ email: c.email!, displayName: c.display_name }, facts, {
            people: people.map((p) => ({ fullName: p.full_name, unitName: p.unit_name })),
            unitNotRegistered,
          }),
        );
      }
    }
    for (const p of people) if (p.email) mails.push(personReminderMail({ email: p.email, fullName: p.full_name }, facts));
    let sent = 0;
    const failures: string[] = [];
    for (const m of mails) {
      try {
        await ctx.mailer.send(m);
        sent++;
      } catch (err) {
        // One bad address must not stop the others; the reminder records what failed.
        failures.push(`${m.to}: ${err instanceof Error ? err.message : String(err)}`);
        log.error({ err, reminderId, to: m.to }, 'registration reminder mail failed');
      }
    }
    await repo.markReminderSent(trx, reminder.id, { unregistered: people.length, mails: sent, failure: failures.length ? failures.join('\n').slice(0, 4000) : null }, ctx.now());
    log.info({ reminderId, unitId: reminder.unit_id, mails: sent }, 'registration reminder sent');
  });
}

/** The job of queue registration-reminders. */
export async function sendReminderJob(ctx: AppContext, data: { reminderIds: number[] }, log: Logger): Promise<void> {
  for (const id of data.reminderIds) await sendReminder(ctx, id, log);
}

/** Declares the registrations module's background jobs (see server/src/workers.ts). */
export async function registerRegistrationJobs(ctx: AppContext, log: Logger): Promise<void> {
  await ctx.jobs.work('registration-reminders', (data) => sendReminderJob(ctx, data, log));
}
