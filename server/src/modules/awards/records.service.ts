import {
  awards,
  disciplineForms,
  type AddInitiativeBody,
  type AwardCode,
  type CommendationKind,
  type DisciplineForm,
  type EligibilityQuery,
  type EligibilityView,
  type GrantAwardBody,
  type InitiativeLevel,
  type PersonRecord,
  type Rating,
  type RecordYear,
  type RevokeRecordBody,
  type SetRatingBody,
} from '@thidua/contracts';
import { awardOf } from './awards.catalogue.js';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import { vietnamDate, vietnamYear } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation, type Executor } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { canViewAssessment } from '../assessments/assessments.policy.js';
import { disciplineOfForm } from './awards.catalogue.js';
import { checkEligibility, EligibilityError, shortfall, type HistoryYear } from './eligibility.js';
import { recordsRepository as repo, type GrantedRow, type InitiativeRow, type RecordPerson } from './records.repository.js';

// A person's record of achievements (hồ sơ thành tích): the yearly rating, titles and awards granted,
// initiatives, and the discipline recorded elsewhere; and, over it, the eligibility of an award.
// Past years are entered here (or imported); later the council's decisions write to it.

/** Who reads a person's record: the person, and those who read the unit's assessments. */
const canRead = (actor: Actor, p: RecordPerson) => canViewAssessment(actor, { subject: 'individual', stage: 'self', unitPath: p.unit_path, personId: p.id });
/** Who writes it: the unit's head or emulation officer and the standing body above; never about oneself. */
const canWrite = (actor: Actor, p: RecordPerson) => actor.personId !== p.id && can(actor, 'record.write', p.unit_path);

async function personFor(ctx: AppContext, actor: Actor, personId: number, write: boolean): Promise<RecordPerson> {
  const p = await repo.findPerson(ctx.db, personId);
  if (!p || !canRead(actor, p)) throw new AppError('NOT_FOUND');
  if (write && !canWrite(actor, p)) throw new AppError('FORBIDDEN');
  return p;
}

/** A year the record may hold: from 1990 to the current one (a title for next year is not yet earned). */
function checkYear(ctx: AppContext, year: number): void {
  const now = vietnamYear(ctx.now());
  if (year > now) throw new AppError('VALIDATION_FAILED', undefined, [fieldEntry('year', `không được sau năm ${now}`, `cannot be after ${now}`)]);
}

const heavier = (a: DisciplineForm, b: DisciplineForm) => (disciplineForms.indexOf(a) >= disciplineForms.indexOf(b) ? a : b);

/** The records of several people by year, newest first: one query per table for all of them. */
export async function recordsOf(db: Executor, personIds: readonly number[]): Promise<Map<number, RecordYear[]>> {
  const [ratings, granted, initiatives, disciplines] = await Promise.all([
    repo.ratingsOf(db, personIds),
    repo.grantedOf(db, personIds),
    repo.initiativesOf(db, personIds),
    repo.disciplinesOf(db, personIds),
  ]);
  const people = new Map<number, Map<number, RecordYear>>(personIds.map((id) => [id, new Map()]));
  const yearOf = (personId: number | null, y: number) => {
    const years = people.get(personId ?? -1);
    if (!years) return null;
    let r = years.get(y);
    if (!r) years.set(y, (r = { year: y, rating: null, granted: [], initiatives: [], discipline: null }));
    return r;
  };
  for (const r of ratings) yearOf(r.person_id, r.year)!.rating = r.rating as Rating;
  for (const g of granted) yearOf(g.person_id, g.year)!.granted.push(grantedView(g));
  for (const i of initiatives) yearOf(i.person_id, i.year)!.initiatives.push(initiativeView(i));
  for (const d of disciplines) {
    const y = yearOf(d.person_id, Number(d.decided_on.slice(0, 4)))!;
    const form = d.form as DisciplineForm;
    if (!y.discipline || heavier(form, y.discipline.form) === form) y.discipline = { form, decidedOn: d.decided_on };
  }
  return new Map([...people].map(([id, years]) => [id, [...years.values()].sort((a, b) => b.year - a.year)]));
}

async function yearsOf(ctx: AppContext, personId: number): Promise<RecordYear[]> {
  return (await recordsOf(ctx.db, [personId])).get(personId) ?? [];
}

/** The record as the eligibility engine reads it. */
export function historyOf(years: readonly RecordYear[]): HistoryYear[] {
  const held = (y: RecordYear, kind: 'title' | 'form') =>
    y.granted.filter((g) => awardOf(g.awardCode).kind === kind).map((g) => ({ code: g.awardCode, kind: g.kind }));
  return years.map((y) => ({
    year: y.year,
    rating: y.rating,
    titles: held(y, 'title'),
    awards: held(y, 'form'),
    initiatives: y.initiatives.map((i) => ({ level: i.level })),
    discipline: y.discipline ? disciplineOfForm[y.discipline.form] : null,
  }));
}

const grantedView = (g: GrantedRow) => ({
  id: g.id,
  year: g.year,
  awardCode: g.award_code as AwardCode,
  kind: g.kind as CommendationKind,
  decisionNumber: g.decision_number,
  decidedOn: g.decided_on,
  bonusAmount: g.bonus_amount,
  reviewNote: g.review_note,
});
const initiativeView = (i: InitiativeRow) => ({ id: i.id, year: i.year, title: i.title, level: i.level as InitiativeLevel, decisionNumber: i.decision_number });

export async function getRecord(ctx: AppContext, actor: Actor, personId: number): Promise<PersonRecord> {
  const p = await personFor(ctx, actor, personId, false);
  return { personId: p.id, personName: p.full_name, unitName: p.unit_name, years: await yearsOf(ctx, p.id), allowed: canWrite(actor, p) ? ['write'] : [] };
}

/** The person and their record by year, for whoever may read it (the printed summary). */
export async function readRecord(ctx: AppContext, actor: Actor, personId: number): Promise<{ person: RecordPerson; years: RecordYear[] }> {
  const person = await personFor(ctx, actor, personId, false);
  return { person, years: await yearsOf(ctx, person.id) };
}

/** Sets (or clears, with null) the person's rating of a year. */
export async function setRating(ctx: AppContext, actor: Actor, personId: number, year: number, input: SetRatingBody): Promise<PersonRecord> {
  const p = await personFor(ctx, actor, personId, true);
  checkYear(ctx, year);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.ratingOf(trx, p.id, year);
    if (input.rating === null) await repo.deleteRating(trx, p.id, year);
    else await repo.upsertRating(trx, { personId: p.id, unitId: p.unit_id, year, rating: input.rating, by: actor.userId, at: ctx.now() });
    await writeAudit(trx, auditContextOf(actor), {
      action: 'record.rating',
      entity: 'person',
      entityId: p.id,
      unitId: p.unit_id,
      before: { year, rating: before?.rating ?? null },
      after: { year, rating: input.rating },
    });
  });
  return getRecord(ctx, actor, personId);
}

/** Records a title or award granted to the person, with its decision. */
export async function grantAward(ctx: AppContext, actor: Actor, personId: number, input: GrantAwardBody): Promise<PersonRecord> {
  const p = await personFor(ctx, actor, personId, true);
  checkYear(ctx, input.year);
  const award = awardOf(input.awardCode);
  if (!(award.subjects as readonly string[]).includes('individual')) throw new AppError('AWARD_NOT_FOR_SUBJECT', { awardCode: input.awardCode });
  if (input.decidedOn && input.decidedOn > vietnamDate(ctx.now())) {
    throw new AppError('VALIDATION_FAILED', undefined, [fieldEntry('decidedOn', 'không được sau hôm nay', 'cannot be after today')]);
  }
  const row = {
    person_id: p.id,
    unit_id: p.unit_id,
    year: input.year,
    award_code: input.awardCode,
    kind: input.kind ?? 'cong_trang',
    decision_number: input.decisionNumber ?? null,
    decided_on: input.decidedOn ?? null,
    created_by: actor.userId,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const id = await repo.insertGranted(trx, row);
      await writeAudit(trx, auditContextOf(actor), { action: 'record.award', entity: 'granted_award', entityId: id, unitId: p.unit_id, after: row });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('RECORD_DUPLICATE', { awardCode: input.awardCode, year: input.year });
    throw e;
  }
  return getRecord(ctx, actor, personId);
}

/**
 * Revokes a title or award entered in error, or annulled (hủy bỏ), with the reason; the person's later
 * titles and awards that no longer meet their conditions without it are flagged for review.
 */
export async function revokeGranted(ctx: AppContext, actor: Actor, id: number, input: RevokeRecordBody): Promise<PersonRecord> {
  const g = await repo.findGranted(ctx.db, id);
  if (!g || g.person_id === null) throw new AppError('NOT_FOUND');
  const p = await personFor(ctx, actor, g.person_id, true);
  const reason = input.reason.trim();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockGranted(trx, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.revoked_at !== null) throw new AppError('RECORD_REVOKED');
    await repo.revokeGranted(trx, id, reason, ctx.now());
    const flagged = await flagDependents(trx, p.id, g, reason);
    await writeAudit(trx, auditContextOf(actor), { action: 'record.award_revoke', entity: 'granted_award', entityId: id, unitId: p.unit_id, before: grantedView(g), after: { reason, flagged } });
  });
  return getRecord(ctx, actor, p.id);
}

/**
 * The later công trạng titles and awards of the person judged again on the record without the revoked
 * one, by the rule in force when each was decided: those no longer eligible get a note to review them.
 * Returns their ids. Awards of a year no rule covers (before 2024) are left as they are.
 */
async function flagDependents(trx: Executor, personId: number, revoked: GrantedRow, reason: string): Promise<number[]> {
  const years = (await recordsOf(trx, [personId])).get(personId) ?? [];
  const history = historyOf(years);
  const revokedName = awardOf(revoked.award_code).vi;
  const flagged: number[] = [];
  for (const y of years) {
    for (const later of y.granted) {
      if (later.year < revoked.year || later.kind !== 'cong_trang' || later.reviewNote) continue;
      let result;
      try {
        result = checkEligibility({ award: later.awardCode, subject: 'individual', year: later.year, proposedOn: later.decidedOn ?? `${later.year}-12-31`, history });
      } catch (e) {
        if (e instanceof EligibilityError) continue;
        throw e;
      }
      if (result.eligible) continue;
      await repo.setReviewNote(trx, later.id, `Cần xem xét lại: ${revokedName} năm ${revoked.year} đã bị hủy (${reason}); ${shortfall(result)}`);
      flagged.push(later.id);
    }
  }
  return flagged;
}

/** Records an initiative (sáng kiến) of the person, recognised at a level. */
export async function addInitiative(ctx: AppContext, actor: Actor, personId: number, input: AddInitiativeBody): Promise<PersonRecord> {
  const p = await personFor(ctx, actor, personId, true);
  checkYear(ctx, input.year);
  const row = { person_id: p.id, unit_id: p.unit_id, year: input.year, title: input.title.trim(), level: input.level, decision_number: input.decisionNumber ?? null, created_by: actor.userId };
  await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertInitiative(trx, row);
    await writeAudit(trx, auditContextOf(actor), { action: 'record.initiative', entity: 'initiative', entityId: id, unitId: p.unit_id, after: row });
  });
  return getRecord(ctx, actor, personId);
}

export async function revokeInitiative(ctx: AppContext, actor: Actor, id: number, input: RevokeRecordBody): Promise<PersonRecord> {
  const i = await repo.findInitiative(ctx.db, id);
  if (!i) throw new AppError('NOT_FOUND');
  const p = await personFor(ctx, actor, i.person_id, true);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockInitiative(trx, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.revoked_at !== null) throw new AppError('RECORD_REVOKED');
    await repo.revokeInitiative(trx, id, input.reason.trim(), ctx.now());
    await writeAudit(trx, auditContextOf(actor), { action: 'record.initiative_revoke', entity: 'initiative', entityId: id, unitId: p.unit_id, before: initiativeView(i), after: { reason: input.reason.trim() } });
  });
  return getRecord(ctx, actor, p.id);
}

/** The eligibility of the person for an award, judged on the record by the rule in force on the proposal's date. */
export async function personEligibility(ctx: AppContext, actor: Actor, personId: number, q: EligibilityQuery): Promise<EligibilityView> {
  const p = await personFor(ctx, actor, personId, false);
  const history = historyOf(await yearsOf(ctx, p.id));
  try {
    return checkEligibility({ award: q.award, subject: 'individual', year: Number(q.year), proposedOn: q.proposedOn ?? vietnamDate(ctx.now()), history });
  } catch (e) {
    if (!(e instanceof EligibilityError)) throw e;
    const code = e.code === 'AWARD_SUBJECT_MISMATCH' ? 'AWARD_NOT_FOR_SUBJECT' : 'AWARD_NO_RULE';
    throw new AppError(code, { reason: e.message, reasonEn: e.messageEn });
  }
}
