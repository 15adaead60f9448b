import {
  importPlanFields,
  isDocumentNumber,
  permissions,
  type CreateMovementBody,
  type CreatePlanBody,
  type CriterionInput,
  type CriterionSubject,
  type CriterionView,
  type DeadlinePeriod,
  type ListPlansQuery,
  type MilestoneKind,
  type MovementKind,
  type MovementList,
  type MovementView,
  type PlanDetail,
  type PlanList,
  type PlanOperation,
  type PlanStatus,
  type PlanSummary,
  type ReplaceCriteriaBody,
  type UpdatePlanBody,
} from '@thidua/contracts';
import { can } from '../../platform/access.js';
import { isWithin, visibleRoots, type Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/database.js';
import { AppError, fieldEntry, fieldError } from '../../platform/errors.js';
import { readPlanFile, type ParsedPlan, type PlanNode } from './parser/index.js';
import { normaliseBands } from '../assessments/assessments.rules.js';
import { pendingCount } from './plans.changes.js';
import { noticePlanPublished } from './plans.notices.js';
import { checkPlanYears, importedYears } from './plans.years.js';
import { plansRepository as repo, type CriterionRow, type MovementRow, type NewCriterion, type PlanRow } from './plans.repository.js';

/** Largest plan file accepted: a 60-page plan in .docx is a few megabytes. */
export const PLAN_MAX_BYTES = 20 * 1024 * 1024;

// ── Access ─────────────────────────────────────────────────────────────

/**
 * May the actor read a record of the unit at `path`? Its own subtrees, and the units above them:
 * lower levels must read the plans they adopt.
 */
export function canSee(actor: Actor, path: string): boolean {
  return visibleRoots(actor).some((r) => isWithin(path, r) || isWithin(r, path));
}

/** Hidden → 404 (an unknown id and a hidden one look the same); visible but not writable → 403. */
export function requireWrite(actor: Actor, path: string): void {
  if (!canSee(actor, path)) throw new AppError('NOT_FOUND');
  if (!can(actor, 'plan.write', path)) throw new AppError('FORBIDDEN');
}

/**
 * May the actor adopt (áp dụng) a plan issued at `path` for some unit strictly below it? Yes when
 * one of its plan.write grants lies below that unit, or at or above it (it then covers the units below).
 */
export function canAdoptBelow(actor: Actor, path: string): boolean {
  const writers = permissions['plan.write'];
  return actor.grants.some((g) => writers.includes(g.role) && (isWithin(g.unitPath, path) || isWithin(path, g.unitPath)));
}

function operations(actor: Actor, plan: PlanRow): PlanOperation[] {
  const ops: PlanOperation[] = [];
  const current = plan.superseded_by_plan_id === null;
  if (can(actor, 'plan.write', plan.unit_path)) {
    if (plan.status === 'draft') ops.push('edit', 'publish');
    if (plan.status === 'published') ops.push('close');
    if (plan.status === 'published' && current && plan.criteria_frozen_at === null) ops.push('correctCriteria');
    if (plan.status !== 'draft' && current) ops.push('newVersion');
    if (plan.parent_plan_id !== null && current) ops.push('reviewParentChanges');
  }
  if (plan.status === 'published' && canAdoptBelow(actor, plan.unit_path)) ops.push('adopt');
  return ops;
}

export async function visiblePlan(db: Executor, actor: Actor, id: number): Promise<PlanRow> {
  const plan = await repo.findPlan(db, id);
  if (!plan || !canSee(actor, plan.unit_path)) throw new AppError('NOT_FOUND');
  return plan;
}

export async function writableUnit(db: Executor, actor: Actor, unitId: number) {
  const unit = await repo.findUnit(db, unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  requireWrite(actor, unit.path);
  if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId });
  return unit;
}

async function visibleMovement(db: Executor, actor: Actor, id: number): Promise<MovementRow> {
  const m = await repo.findMovement(db, id);
  if (!m || !canSee(actor, m.owner_unit_path)) throw new AppError('NOT_FOUND');
  return m;
}

export function invalid(path: string, vi: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [fieldEntry(path, vi, en)]);
}

// ── Views ──────────────────────────────────────────────────────────────

function toMovementView(m: MovementRow): MovementView {
  return {
    id: m.id,
    name: m.name,
    theme: m.theme,
    kind: m.kind as MovementKind,
    startYear: m.start_year,
    endYear: m.end_year,
    ownerUnitId: m.owner_unit_id,
    ownerUnitName: m.owner_unit_name,
    createdAt: new Date(m.created_at).toISOString(),
  };
}

export function toSummary(p: PlanRow, actor: Actor): PlanSummary {
  return {
    id: p.id,
    movementId: p.movement_id,
    movementName: p.movement_name,
    unitId: p.unit_id,
    unitName: p.unit_name,
    parentPlanId: p.parent_plan_id,
    documentType: p.document_type,
    number: p.number,
    code: p.code,
    issueDate: p.issue_date,
    title: p.title,
    status: p.status as PlanStatus,
    version: p.version,
    supersedesPlanId: p.supersedes_plan_id,
    supersededByPlanId: p.superseded_by_plan_id,
    yearFrom: p.year_from,
    yearTo: p.year_to,
    movementStartYear: p.movement_start_year,
    movementEndYear: p.movement_end_year,
    updatedAt: new Date(p.updated_at).toISOString(),
    allowed: operations(actor, p),
  };
}

/** The tree depth first: each node after its parent, siblings by position. */
function flattenTree(rows: CriterionRow[]): CriterionView[] {
  const children = new Map<number | null, CriterionRow[]>();
  for (const r of rows) {
    const list = children.get(r.parent_id) ?? [];
    list.push(r);
    children.set(r.parent_id, list);
  }
  const out: CriterionView[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const r of children.get(parentId) ?? []) {
      out.push({
        id: r.id,
        parentId: r.parent_id,
        subject: r.subject as CriterionSubject,
        code: r.code,
        text: r.text,
        maxPoints: r.max_points === null ? null : Number(r.max_points),
        position: r.position,
        depth,
        originCriterionId: r.origin_criterion_id,
        droppedReason: r.dropped_reason,
        isVeto: r.is_veto,
        sourceLine: r.source_line,
        key: r.lineage_key,
      });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export async function detailOf(db: Executor, actor: Actor, id: number): Promise<PlanDetail> {
  const plan = await repo.findPlan(db, id);
  if (!plan) throw new AppError('NOT_FOUND');
  const [criteria, milestones, deadlines, awardForms, warnings, sourceText, parentChanges] = await Promise.all([
    repo.criteria(db, id),
    repo.milestones(db, id),
    repo.deadlines(db, id),
    repo.awardForms(db, id),
    repo.warnings(db, id),
    repo.sourceText(db, id),
    pendingCount(db, plan),
  ]);
  const settings = await repo.planSettings(db, id);
  return {
    ...toSummary(plan, actor),
    classificationBands: normaliseBands(settings.classification_bands),
    overscoreMargin: Number(settings.overscore_margin),
    signer: plan.signer,
    purposeText: plan.purpose_text,
    criteriaFrozenAt: plan.criteria_frozen_at ? new Date(plan.criteria_frozen_at).toISOString() : null,
    sourceFileName: plan.source_file_name,
    sourceText,
    warnings,
    criteria: flattenTree(criteria),
    milestones: milestones.map((m) => ({ id: m.id, year: m.year, date: m.date, label: m.label, kind: m.kind as MilestoneKind, sourceLine: m.source_line })),
    deadlines: deadlines.map((d) => ({
      id: d.id,
      day: d.day,
      month: d.month,
      year: d.year,
      period: d.period as DeadlinePeriod,
      recipientText: d.recipient_text,
      recipientUnitId: d.recipient_unit_id,
      text: d.text,
      sourceLine: d.source_line,
    })),
    awardForms,
    createdAt: new Date(plan.created_at).toISOString(),
    parentChanges,
  };
}

/** What the audit log keeps of a plan's header and state. */
export function snapshot(p: PlanRow) {
  return {
    movementId: p.movement_id,
    unitId: p.unit_id,
    parentPlanId: p.parent_plan_id,
    documentType: p.document_type,
    number: p.number,
    code: p.code,
    issueDate: p.issue_date,
    signer: p.signer,
    title: p.title,
    yearFrom: p.year_from,
    yearTo: p.year_to,
    status: p.status,
    version: p.version,
    supersedesPlanId: p.supersedes_plan_id,
  };
}

// ── Movements ──────────────────────────────────────────────────────────

/** Movements (phong trào) owned in the actor's subtrees or above them. */
export async function listMovements(ctx: AppContext, actor: Actor): Promise<MovementList> {
  const rows = await repo.listMovements(ctx.db, visibleRoots(actor));
  return { items: rows.map(toMovementView) };
}

/** Starts a movement owned by a unit the actor writes plans for. */
export async function createMovement(ctx: AppContext, actor: Actor, input: CreateMovementBody): Promise<MovementView> {
  await writableUnit(ctx.db, actor, input.ownerUnitId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertMovement(trx, {
      name: input.name,
      theme: input.theme ?? null,
      kind: input.kind,
      start_year: input.startYear,
      end_year: input.endYear,
      owner_unit_id: input.ownerUnitId,
      created_by: actor.userId,
    });
    await writeAudit(trx, auditContextOf(actor), {
      action: 'movement.create',
      entity: 'movement',
      entityId: newId,
      unitId: input.ownerUnitId,
      after: { name: input.name, kind: input.kind, startYear: input.startYear, endYear: input.endYear, ownerUnitId: input.ownerUnitId },
    });
    return newId;
  });
  return toMovementView((await repo.findMovement(ctx.db, id))!);
}

// ── Plans: reading ─────────────────────────────────────────────────────

/** Plans issued in the actor's subtrees or above them (the ones they adopt). */
export async function listPlans(ctx: AppContext, actor: Actor, query: ListPlansQuery): Promise<PlanList> {
  const rows = await repo.listPlans(ctx.db, visibleRoots(actor), query);
  return { items: rows.map((r) => toSummary(r, actor)) };
}

/** One plan with its criteria tree, milestones, deadlines, award forms and import warnings. */
export async function getPlan(ctx: AppContext, actor: Actor, id: number): Promise<PlanDetail> {
  await visiblePlan(ctx.db, actor, id);
  return detailOf(ctx.db, actor, id);
}

// ── Plans: creating ────────────────────────────────────────────────────

/** The plan a new one adopts: published, of the same movement, issued above the adopter. */
async function adoptablePlan(db: Executor, actor: Actor, parentPlanId: number, movementId: number, unitPath: string): Promise<void> {
  const parent = await visiblePlan(db, actor, parentPlanId);
  if (parent.movement_id !== movementId) throw invalid('parentPlanId', 'Kế hoạch cấp trên thuộc phong trào khác', 'The parent plan belongs to another movement');
  if (parent.unit_path === unitPath || !isWithin(unitPath, parent.unit_path)) {
    throw invalid('parentPlanId', 'Kế hoạch cấp trên phải do đơn vị cấp trên ban hành', 'The parent plan must be issued by a unit above');
  }
  if (parent.status === 'draft') throw invalid('parentPlanId', 'Kế hoạch cấp trên chưa ban hành', 'The parent plan is not published');
}

/**
 * One adoption per unit and parent plan, whichever version of the parent it took: a second one is
 * refused (PLAN_ALREADY_ADOPTED) naming the plan the unit already has. Run inside the writing
 * transaction: the lock makes two simultaneous adoptions by one unit take turns.
 */
export async function requireNotAdopted(trx: Executor, unitId: number, parentPlanId: number): Promise<void> {
  await repo.lockAdoptions(trx, unitId);
  const versions = await repo.versions(trx, parentPlanId);
  const [existing] = await repo.adoptionsBy(trx, unitId, versions.map((v) => v.id));
  if (!existing) return;
  throw new AppError('PLAN_ALREADY_ADOPTED', { existingPlanId: existing.id, unitId }, [
    {
      path: 'unitId',
      message: `unitId: Đơn vị đã áp dụng kế hoạch này trong kế hoạch #${existing.id}`,
      messageEn: `unitId: The unit already adopted this plan in plan #${existing.id}`,
    },
  ]);
}

/** Creates an empty draft plan (kế hoạch) issued by a unit for a movement. */
export async function createPlan(ctx: AppContext, actor: Actor, input: CreatePlanBody): Promise<PlanDetail> {
  const unit = await writableUnit(ctx.db, actor, input.unitId);
  assertDocumentNumber(input.number);
  const movement = await visibleMovement(ctx.db, actor, input.movementId);
  const years = { year_from: input.yearFrom ?? null, year_to: input.yearTo ?? null };
  checkPlanYears(years, movement);
  if (input.parentPlanId) await adoptablePlan(ctx.db, actor, input.parentPlanId, input.movementId, unit.path);
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (input.parentPlanId) await requireNotAdopted(trx, input.unitId, input.parentPlanId);
    const newId = await repo.insertPlan(trx, {
      movement_id: input.movementId,
      unit_id: input.unitId,
      parent_plan_id: input.parentPlanId ?? null,
      document_type: input.documentType,
      number: input.number ?? null,
      code: input.code ?? null,
      issue_date: input.issueDate ?? null,
      signer: input.signer ?? null,
      title: input.title,
      purpose_text: input.purposeText ?? null,
      ...years,
      source_file_name: null,
      source_text: null,
      parse_warnings: [],
      created_by: actor.userId,
    });
    const created = await repo.findPlan(trx, newId);
    await writeAudit(trx, auditContextOf(actor), { action: 'plan.create', entity: 'plan', entityId: newId, unitId: input.unitId, after: snapshot(created!) });
    return newId;
  });
  return detailOf(ctx.db, actor, id);
}

const documentTypeByName: [RegExp, string][] = [
  [/^kế hoạch/iu, 'KH'],
  [/^chỉ thị/iu, 'CT'],
  [/^hướng dẫn/iu, 'HD'],
  [/^quyết định/iu, 'QĐ'],
  [/^thông báo/iu, 'TB'],
];

/** "KH" from the code "KH-UBND", else from the name the document gives itself; KH when neither says. */
function documentTypeOf(parsed: ParsedPlan): string {
  const fromCode = parsed.code?.split('-')[0]?.trim().toUpperCase();
  if (fromCode && /^\p{Lu}{1,10}$/u.test(fromCode)) return fromCode;
  const name = parsed.documentType?.trim() ?? '';
  return documentTypeByName.find(([re]) => re.test(name))?.[1] ?? 'KH';
}

/** Parsed criteria as rows with ids taken ahead, parents before children, positions per sibling list. */
function criteriaRows(planId: number, parsed: ParsedPlan, ids: number[]): NewCriterion[] {
  const rows: NewCriterion[] = [];
  let next = 0;
  const add = (nodes: PlanNode[], subject: CriterionSubject, parentId: number | null) => {
    nodes.forEach((n, position) => {
      const id = ids[next++]!;
      rows.push({
        id,
        plan_id: planId,
        parent_id: parentId,
        subject,
        code: n.code,
        text: n.text,
        max_points: n.maxPoints ?? null,
        position,
        origin_criterion_id: null,
        dropped_reason: null,
        is_veto: n.veto ?? false,
        source_line: n.line ?? null,
      });
      add(n.children, subject, id);
    });
  };
  add(parsed.criteria.collective, 'collective', null);
  add(parsed.criteria.individual, 'individual', null);
  return rows;
}

function countNodes(nodes: PlanNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countNodes(n.children), 0);
}

/**
 * Imports a plan from the document the unit already has (.docx, .xlsx, text) into a draft holding
 * all that was parsed, warnings included. A document without recognisable structure still becomes a
 * draft with its text; only an unreadable file is refused (FILE_INVALID), and then nothing is stored.
 */
export async function importPlan(
  ctx: AppContext,
  actor: Actor,
  upload: { fileName: string; bytes: Buffer; fields: Record<string, string> },
): Promise<PlanDetail> {
  const fields = importPlanFields.safeParse(upload.fields);
  if (!fields.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      undefined,
      fields.error.issues.map((i) => {
        const path = i.path.map(String).join('.') || '(body)';
        return fieldEntry(path, 'Bắt buộc nhập số hợp lệ', 'A valid number is required');
      }),
    );
  }
  const { movementId, unitId } = fields.data;
  await writableUnit(ctx.db, actor, unitId);
  const movement = await visibleMovement(ctx.db, actor, movementId);

  // The text is numbered as the warnings and criteria number their lines (paragraphs of a .docx).
  const { parsed, sourceText } = await readPlanFile(upload.bytes, upload.fileName);
  const fileName = upload.fileName.slice(0, 255) || 'ke-hoach';
  const title = parsed.title?.trim() || fileName.replace(/\.[^.]+$/, '');
  const nodeCount = countNodes(parsed.criteria.collective) + countNodes(parsed.criteria.individual);
  // "Kế hoạch … năm 2027" applies to 2027; "giai đoạn 2026-2030" to those years.
  const years = importedYears(parsed.period, movement);
  const warnings = years.warning ? [...parsed.warnings, years.warning] : parsed.warnings;

  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertPlan(trx, {
      movement_id: movementId,
      unit_id: unitId,
      parent_plan_id: null,
      document_type: documentTypeOf(parsed),
      number: parsed.number,
      code: parsed.code,
      issue_date: parsed.date,
      signer: parsed.signer,
      title: title.slice(0, 1000),
      purpose_text: null,
      ...years.years,
      source_file_name: fileName,
      // NUL cannot be stored in text; a text file holding one is binary junk anyway.
      source_text: sourceText.replaceAll('\u0000', ''),
      parse_warnings: warnings,
      created_by: actor.userId,
    });
    const ids = await repo.nextCriterionIds(trx, nodeCount);
    await repo.insertCriteria(trx, criteriaRows(newId, parsed, ids));
    await repo.replaceMilestones(
      trx,
      newId,
      parsed.milestones.map((m) => ({ year: m.year, date: m.date ?? null, label: m.label, kind: m.kind, source_line: m.line ?? null })),
    );
    await repo.replaceDeadlines(
      trx,
      newId,
      parsed.deadlines.map((d) => ({
        day: d.day,
        month: d.month,
        year: d.year ?? null,
        period: d.period,
        recipient_text: d.recipient ?? null,
        recipient_unit_id: null,
        text: d.text,
        source_line: d.line ?? null,
      })),
    );
    await repo.replaceAwardForms(trx, newId, parsed.awardForms);
    const created = await repo.findPlan(trx, newId);
    await writeAudit(trx, auditContextOf(actor), {
      action: 'plan.import',
      entity: 'plan',
      entityId: newId,
      unitId,
      after: { ...snapshot(created!), sourceFileName: fileName, format: parsed.source.format, criteria: nodeCount, warnings: warnings.length },
    });
    return newId;
  });
  return detailOf(ctx.db, actor, id);
}

// ── Plans: editing a draft ─────────────────────────────────────────────

/**
 * Runs `change` on a draft the actor may write, inside one transaction with the plan row locked:
 * a concurrent publish waits, and a plan published meanwhile is refused (PLAN_NOT_DRAFT).
 */
async function changeDraft(ctx: AppContext, actor: Actor, id: number, action: string, change: (trx: Tx) => Promise<unknown>): Promise<PlanDetail> {
  const plan = await visiblePlan(ctx.db, actor, id);
  requireWrite(actor, plan.unit_path);
  if (plan.status !== 'draft') throw new AppError('PLAN_NOT_DRAFT', { planId: id, status: plan.status });
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPlan(trx, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status !== 'draft') throw new AppError('PLAN_NOT_DRAFT', { planId: id, status: locked.status });
    const details = await change(trx);
    await repo.touch(trx, id, ctx.now());
    const after = await repo.findPlan(trx, id);
    await writeAudit(trx, auditContextOf(actor), {
      action,
      entity: 'plan',
      entityId: id,
      unitId: plan.unit_id,
      before: snapshot(plan),
      after: { ...snapshot(after!), ...(details && typeof details === 'object' ? details : {}) },
    });
  });
  return detailOf(ctx.db, actor, id);
}

/** The plan's number is its running number only ("6344"); its code ("KH-UBND") has a field of its own. */
function assertDocumentNumber(number: string | null | undefined): void {
  if (number && !isDocumentNumber(number)) throw fieldError('DOCUMENT_NUMBER_INVALID', 'number', { vi: 'Số văn bản', en: 'Document number' });
}

/** Edits a draft's header (number, code, date, signer, title, purpose, years) and, when given, its lists. */
export async function updatePlan(ctx: AppContext, actor: Actor, id: number, input: UpdatePlanBody): Promise<PlanDetail> {
  return changeDraft(ctx, actor, id, 'plan.update', async (trx) => {
    assertDocumentNumber(input.number);
    const header = {
      ...(input.documentType !== undefined ? { document_type: input.documentType } : {}),
      ...(input.number !== undefined ? { number: input.number } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.issueDate !== undefined ? { issue_date: input.issueDate } : {}),
      ...(input.signer !== undefined ? { signer: input.signer } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.purposeText !== undefined ? { purpose_text: input.purposeText } : {}),
      ...(input.yearFrom !== undefined ? { year_from: input.yearFrom } : {}),
      ...(input.yearTo !== undefined ? { year_to: input.yearTo } : {}),
    };
    if (input.yearFrom !== undefined || input.yearTo !== undefined) {
      const current = (await repo.findPlan(trx, id))!;
      checkPlanYears({ year_from: header.year_from !== undefined ? header.year_from : current.year_from, year_to: header.year_to !== undefined ? header.year_to : current.year_to }, { start_year: current.movement_start_year, end_year: current.movement_end_year });
    }
    if (Object.keys(header).length > 0) await repo.updateHeader(trx, id, header, ctx.now());
    if (input.milestones) {
      await repo.replaceMilestones(
        trx,
        id,
        input.milestones.map((m) => ({ year: m.year, date: m.date, label: m.label, kind: m.kind, source_line: null })),
      );
    }
    if (input.deadlines) {
      await repo.replaceDeadlines(
        trx,
        id,
        input.deadlines.map((d) => ({
          day: d.day,
          month: d.month,
          year: d.year,
          period: d.period,
          recipient_text: d.recipientText,
          recipient_unit_id: d.recipientUnitId,
          text: d.text,
          source_line: null,
        })),
      );
    }
    if (input.awardForms) await repo.replaceAwardForms(trx, id, input.awardForms);
    if (input.classificationBands || input.overscoreMargin !== undefined) {
      const current = await repo.planSettings(trx, id);
      await repo.setPlanSettings(trx, id, {
        classification_bands: input.classificationBands ?? current.classification_bands,
        overscore_margin: input.overscoreMargin ?? Number(current.overscore_margin),
      });
    }
    return {
      ...(input.classificationBands ? { classificationBands: input.classificationBands } : {}),
      ...(input.overscoreMargin !== undefined ? { overscoreMargin: input.overscoreMargin } : {}),
      ...(input.milestones ? { milestones: input.milestones.length } : {}),
      ...(input.deadlines ? { deadlines: input.deadlines.length } : {}),
      ...(input.awardForms ? { awardForms: input.awardForms } : {}),
    };
  });
}

/**
 * Checks a whole criteria tree: refs unique, each parent named before its child and of the same
 * subject, codes unique per subject (tập thể and cá nhân each number from 1).
 */
function validateTree(items: CriterionInput[]): void {
  const refs = new Map<string, CriterionInput>();
  const codes = new Set<string>();
  items.forEach((c, i) => {
    if (refs.has(c.ref)) throw invalid(`criteria.${i}.ref`, `Trùng ref "${c.ref}"`, `Duplicate ref "${c.ref}"`);
    if (c.parentRef !== null) {
      const parent = refs.get(c.parentRef);
      if (!parent) throw invalid(`criteria.${i}.parentRef`, 'Tiêu chí cha phải đứng trước tiêu chí con', 'The parent must come before the child');
      if (parent.subject !== c.subject) throw invalid(`criteria.${i}.subject`, 'Tiêu chí con phải cùng đối tượng với tiêu chí cha', 'A child must have its parent’s subject');
    }
    const key = `${c.subject}\u0000${c.code.toLowerCase()}`;
    if (codes.has(key)) throw invalid(`criteria.${i}.code`, `Trùng mã tiêu chí "${c.code}"`, `Duplicate criterion code "${c.code}"`);
    codes.add(key);
    refs.set(c.ref, c);
  });
}

/**
 * The origins a plan's criteria name: each must be a criterion of the plan it adopts (of any of that
 * plan's versions, as an adopter may have taken changes from a newer one), for the same subject, and
 * no two of the plan's criteria may come from the same one.
 */
async function validateOrigins(db: Executor, plan: PlanRow, items: CriterionInput[]): Promise<void> {
  const origins = [...new Set(items.map((c) => c.originCriterionId).filter((o): o is number => o !== null))];
  if (origins.length === 0) return;
  const versions = plan.parent_plan_id === null ? [] : await repo.versions(db, plan.parent_plan_id);
  const inParent = new Set(versions.map((v) => v.id));
  const found = new Map((await repo.criteriaByIds(db, origins)).filter((f) => inParent.has(f.plan_id)).map((f) => [f.id, f]));
  const taken = new Map<string, number>();
  items.forEach((c, i) => {
    if (c.originCriterionId === null) return;
    const origin = found.get(c.originCriterionId);
    if (!origin) {
      throw invalid(
        `criteria.${i}.originCriterionId`,
        `Tiêu chí gốc ${c.originCriterionId} không thuộc kế hoạch cấp trên mà kế hoạch này áp dụng`,
        `Origin criterion ${c.originCriterionId} is not in the parent plan this plan adopts`,
      );
    }
    if (origin.subject !== c.subject) {
      throw invalid(`criteria.${i}.subject`, 'Tiêu chí phải cùng đối tượng (tập thể/cá nhân) với tiêu chí gốc', 'A criterion must have the subject (collective/individual) of its origin');
    }
    const first = taken.get(origin.lineage_key);
    if (first !== undefined) {
      throw invalid(
        `criteria.${i}.originCriterionId`,
        `Tiêu chí gốc ${c.originCriterionId} đã được tiêu chí thứ ${first + 1} dùng; mỗi tiêu chí cấp trên chỉ tương ứng một tiêu chí`,
        `Origin criterion ${c.originCriterionId} is already used by criterion ${first + 1}; each parent criterion maps to one criterion`,
      );
    }
    taken.set(origin.lineage_key, i);
  });
}

/**
 * Writes a whole criteria tree into a plan whose row the caller has locked. A criterion named by
 * its id (`ref`) is updated in place and keeps its id and lineage key, so what lower plans adopted
 * from it stays linked; one left out is deleted unless lower plans adopted it (CRITERION_ADOPTED:
 * drop it with a reason instead). Returns what the audit row keeps.
 */
export async function writeCriteria(trx: Executor, plan: PlanRow, items: CriterionInput[]) {
  validateTree(items);
  await validateOrigins(trx, plan, items);
  const id = plan.id;
  const existing = await repo.criteria(trx, id);
  const existingIds = new Set(existing.map((c) => c.id));
  const keptId = (c: CriterionInput) => (/^\d{1,15}$/.test(c.ref) && existingIds.has(Number(c.ref)) ? Number(c.ref) : null);
  const kept = new Set(items.map(keptId).filter((k): k is number => k !== null));
  const removed = existing.filter((c) => !kept.has(c.id));
  const adopted = await repo.adoptedFrom(trx, id, removed.map((c) => c.id));
  if (adopted.length > 0) {
    const codes = [...new Set(adopted.map((a) => removed.find((r) => r.id === a.origin_criterion_id)!.code))];
    throw new AppError('CRITERION_ADOPTED', { criteria: codes, adoptingPlanIds: [...new Set(adopted.map((a) => a.plan_id))] });
  }
  const fresh = await repo.nextCriterionIds(trx, items.filter((c) => keptId(c) === null).length);
  let next = 0;
  const idOf = new Map(items.map((c) => [c.ref, keptId(c) ?? fresh[next++]!]));
  const positions = new Map<string, number>();
  const rows: NewCriterion[] = items.map((c) => {
    const siblings = `${c.subject}\u0000${c.parentRef ?? ''}`;
    const position = positions.get(siblings) ?? 0;
    positions.set(siblings, position + 1);
    return {
      id: idOf.get(c.ref)!,
      plan_id: id,
      parent_id: c.parentRef === null ? null : idOf.get(c.parentRef)!,
      subject: c.subject,
      code: c.code,
      text: c.text,
      max_points: c.maxPoints,
      position,
      origin_criterion_id: c.originCriterionId,
      dropped_reason: c.droppedReason,
      is_veto: c.isVeto,
      source_line: c.sourceLine,
    };
  });
  // Kept rows let go of their parents first: deleting the others then cascades to no kept row, and
  // a kept row may move under a new one once that is inserted.
  await repo.unparentCriteria(trx, id, [...kept]);
  await repo.deleteCriteriaByIds(trx, id, removed.map((c) => c.id));
  await repo.insertCriteria(trx, rows.filter((r) => !kept.has(r.id)));
  await repo.updateCriteria(
    trx,
    id,
    rows.filter((r) => kept.has(r.id)).map(({ plan_id: _plan, lineage_key: _key, ...r }) => r),
  );
  return {
    criteriaBefore: existing.length,
    criteria: rows.map((r) => ({ code: r.code, subject: r.subject, maxPoints: r.max_points, dropped: r.dropped_reason !== null })),
  };
}

/**
 * Whether a plan's criteria may change now: a draft's may; a published plan's may be corrected until
 * assessment freezes them (CRITERIA_FROZEN: a new version is needed), and only on the latest version.
 */
function requireCriteriaChangeable(p: { id: number; status: string; criteria_frozen_at: Date | null; superseded_by_plan_id: number | null }): void {
  if (p.criteria_frozen_at !== null) throw new AppError('CRITERIA_FROZEN', { planId: p.id, frozenAt: new Date(p.criteria_frozen_at).toISOString() });
  if (p.status === 'closed') throw new AppError('PLAN_NOT_DRAFT', { planId: p.id, status: p.status });
  if (p.superseded_by_plan_id !== null) throw new AppError('PLAN_SUPERSEDED', { planId: p.id, newerPlanId: p.superseded_by_plan_id });
}

/**
 * Replaces the whole criteria tree (tiêu chí) of a draft, or corrects that of a published plan
 * before assessment freezes it; a correction is audited as such.
 */
export async function replaceCriteria(ctx: AppContext, actor: Actor, id: number, input: ReplaceCriteriaBody): Promise<PlanDetail> {
  const plan = await visiblePlan(ctx.db, actor, id);
  requireWrite(actor, plan.unit_path);
  requireCriteriaChangeable(plan);
  validateTree(input.criteria);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPlan(trx, id);
    if (!locked) throw new AppError('NOT_FOUND');
    const current = (await repo.findPlan(trx, id))!;
    requireCriteriaChangeable(current);
    const details = await writeCriteria(trx, current, input.criteria);
    await repo.touch(trx, id, ctx.now());
    const after = await repo.findPlan(trx, id);
    await writeAudit(trx, auditContextOf(actor), {
      action: current.status === 'draft' ? 'plan.criteria.replace' : 'plan.criteria.correct',
      entity: 'plan',
      entityId: id,
      unitId: plan.unit_id,
      before: snapshot(current),
      after: { ...snapshot(after!), ...details },
    });
  });
  return detailOf(ctx.db, actor, id);
}

// ── Plans: state changes ───────────────────────────────────────────────

/**
 * Publishes (ban hành) a draft that has at least one criterion kept. A new version closes the
 * version it supersedes, audited on that plan: one version of a plan is in force at a time.
 */
export async function publishPlan(ctx: AppContext, actor: Actor, id: number): Promise<PlanDetail> {
  const detail = await changeDraft(ctx, actor, id, 'plan.publish', async (trx) => {
    if ((await repo.countCriteria(trx, id)) === 0) throw new AppError('PLAN_NO_CRITERIA', { planId: id });
    await repo.setStatus(trx, id, 'published', ctx.now());
    const plan = (await repo.findPlan(trx, id))!;
    if (plan.supersedes_plan_id === null) return { status: 'published' };
    const older = await repo.lockPlan(trx, plan.supersedes_plan_id);
    if (older?.status !== 'published') return { status: 'published' };
    const before = (await repo.findPlan(trx, older.id))!;
    await repo.setStatus(trx, older.id, 'closed', ctx.now());
    const after = (await repo.findPlan(trx, older.id))!;
    await writeAudit(trx, auditContextOf(actor), {
      action: 'plan.close',
      entity: 'plan',
      entityId: older.id,
      unitId: before.unit_id,
      before: snapshot(before),
      after: { ...snapshot(after), supersededByPlanId: id, reason: 'superseded' },
    });
    return { status: 'published', closedPlanId: older.id };
  });
  // After commit: the units below hear of it once.
  const published = await repo.findPlan(ctx.db, id);
  if (published) await noticePlanPublished(ctx, actor, published);
  return detail;
}

/** Closes (kết thúc) a published plan: the movement's period for it is over. */
export async function closePlan(ctx: AppContext, actor: Actor, id: number): Promise<PlanDetail> {
  const plan = await visiblePlan(ctx.db, actor, id);
  requireWrite(actor, plan.unit_path);
  if (plan.status !== 'published') throw new AppError('PLAN_NOT_PUBLISHED', { planId: id, status: plan.status });
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPlan(trx, id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (locked.status !== 'published') throw new AppError('PLAN_NOT_PUBLISHED', { planId: id, status: locked.status });
    await repo.setStatus(trx, id, 'closed', ctx.now());
    const after = await repo.findPlan(trx, id);
    await writeAudit(trx, auditContextOf(actor), { action: 'plan.close', entity: 'plan', entityId: id, unitId: plan.unit_id, before: snapshot(plan), after: snapshot(after!) });
  });
  return detailOf(ctx.db, actor, id);
}
