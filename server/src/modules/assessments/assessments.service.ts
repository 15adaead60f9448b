import {
  criterionLabel,
  criterionNoteLabel,
  fieldMessage,
  NOTE_MAX,
  permissions,
  roles,
  type FieldParams,
  type FieldProblem,
  type Label,
  type AssessmentCriterionView,
  type AssessmentDetail,
  type AssessmentScoreView,
  type AssessmentStage,
  type AssessmentSummary,
  type AssessmentsPage,
  type ClassificationCap,
  type CriterionSubject,
  type DisciplineForm,
  type FinaliseAssessmentBody,
  type OpenAssessmentBody,
  type ReopenAssessmentBody,
  type ReturnAssessmentBody,
  type Role,
  type SaveScoresBody,
  listAssessmentsQuery,
} from '@thidua/contracts';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/database.js';
import { AppError, refusedField } from '../../platform/errors.js';
import { nameCollation, searchWords } from '../../platform/search.js';
import {
  assessmentOperations,
  canOpen,
  canReopen,
  canViewAssessment,
  canWorkOn,
  visibleStages,
  type AssessmentRef,
} from './assessments.policy.js';
import { noticeFinalised, noticeReopened, noticeReturned, noticeSubmitted } from './assessments.notices.js';
import { assessmentsRepository as repo, type AssessmentPatch, type AssessmentRow, type CriterionRow, type ScoreDbRow, type StageWrite } from './assessments.repository.js';
import {
  classify,
  effectiveValues,
  isOverscored,
  leavesOf,
  keptCriteria,
  normaliseBands,
  scoreProblem,
  stageValues,
  subtreePoints,
  totalsOf,
  type Band,
  type DisciplineFact,
  type RuleCriterion,
  type ScoredStage,
  type ScoreRow,
} from './assessments.rules.js';
import { disciplinesRepository } from './disciplines.repository.js';
import { toDisciplineView } from './disciplines.service.js';

type ListQuery = z.output<typeof listAssessmentsQuery>;

// ── Reading the sheet ──────────────────────────────────────────────────

const refOf = (row: Pick<AssessmentRow, 'subject' | 'stage' | 'unit_path' | 'person_id'>): AssessmentRef => ({
  subject: row.subject as CriterionSubject,
  stage: row.stage as AssessmentStage,
  unitPath: row.unit_path,
  personId: row.person_id,
});

/** Hidden or unknown → 404: an id the actor may not see looks like one that does not exist. */
async function visibleAssessment(db: Executor, actor: Actor, id: number): Promise<AssessmentRow> {
  const row = await repo.find(db, id);
  if (!row || !canViewAssessment(actor, refOf(row))) throw new AppError('NOT_FOUND');
  return row;
}

const stageNames: Record<AssessmentStage, { vi: string; en: string }> = {
  self: { vi: 'tự đánh giá', en: 'self-assessment' },
  review: { vi: 'thủ trưởng chấm điểm', en: 'the head’s review' },
  council: { vi: 'Hội đồng xét', en: 'council review' },
  final: { vi: 'đã hoàn tất', en: 'final' },
};

/** Visible but not the actor's turn: 403, saying which step holds the sheet. */
function notYours(row: AssessmentRow): AppError {
  const s = stageNames[row.stage as AssessmentStage];
  return new AppError('FORBIDDEN', { stage: row.stage, reason: `Phiếu đang ở bước ${s.vi}`, reasonEn: `The assessment is at ${s.en}` });
}

function wrongStage(row: AssessmentRow, vi: string, en: string): AppError {
  return new AppError('ASSESSMENT_WRONG_STAGE', { stage: row.stage, reason: vi, reasonEn: en });
}

function locked(row: AssessmentRow): AppError {
  return new AppError('ASSESSMENT_LOCKED', { assessmentId: row.id, finalisedAt: row.finalised_at });
}

const ruleCriteria = (rows: CriterionRow[]): RuleCriterion[] =>
  rows.map((c) => ({ id: c.id, parentId: c.parent_id, code: c.code, text: c.text, maxPoints: c.max_points, isVeto: c.is_veto, droppedReason: c.dropped_reason }));

const scoreRows = (rows: ScoreDbRow[]): ScoreRow[] =>
  rows.map((r) => ({
    criterionId: r.criterion_id,
    self: { points: r.self_points, met: r.self_met },
    review: { points: r.review_points, met: r.review_met },
    council: { points: r.council_points, met: r.council_met },
  }));

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function bandsOf(row: AssessmentRow): Band[] {
  return normaliseBands(row.classification_bands);
}

/** The subject sees the head's and council's figures only once final; the overscore flag is the council's. */
function toSummary(actor: Actor, row: AssessmentRow): AssessmentSummary {
  const ref = refOf(row);
  const stages = visibleStages(actor, ref);
  const band = row.classification ? bandsOf(row).find((b) => b.key === row.classification) : undefined;
  return {
    id: row.id,
    subject: ref.subject,
    movementId: row.movement_id,
    movementName: row.movement_name,
    year: row.year,
    planId: row.plan_id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    personId: row.person_id,
    personName: row.person_name,
    stage: ref.stage,
    selfTotal: row.self_total,
    reviewTotal: stages.includes('review') ? row.review_total : null,
    councilTotal: stages.includes('council') ? row.council_total : null,
    classification: row.classification,
    classificationLabel: band ? { vi: band.vi, en: band.en } : row.classification ? { vi: row.classification, en: row.classification } : null,
    cappedBy: row.capped_by as ClassificationCap | null,
    capReason: row.cap_reason,
    overscoreFlag: stages.includes('review') && row.overscore_flag,
    updatedAt: new Date(row.updated_at).toISOString(),
    allowed: assessmentOperations(actor, ref),
  };
}

function scoreView(row: ScoreDbRow | undefined, stage: ScoredStage): AssessmentScoreView | null {
  if (!row) return null;
  const v = { points: row[`${stage}_points`], met: row[`${stage}_met`], note: row[`${stage}_note`] };
  return v.points === null && v.met === null && v.note === null ? null : v;
}

/** The sheet as the actor sees it; a save passes what it already holds (criteria, scores) to spare the reads. */
async function detailOf(db: Executor, actor: Actor, row: AssessmentRow, known: { criteria?: CriterionRow[]; scores?: ScoreDbRow[] } = {}): Promise<AssessmentDetail> {
  const ref = refOf(row);
  const [criteriaRows, scores, disciplines, dependants] = await Promise.all([
    known.criteria ?? repo.criteria(db, row.plan_id, row.subject),
    known.scores ?? repo.scores(db, row.id),
    row.person_id !== null ? disciplinesRepository.ofPerson(db, row.person_id) : Promise.resolve([]),
    row.subject === 'collective' ? repo.dependants(db, { movementId: row.movement_id, year: row.year, unitId: row.unit_id }) : Promise.resolve(null),
  ]);
  const stages = visibleStages(actor, ref);
  const criteria = keptCriteria(ruleCriteria(criteriaRows));
  const leafIds = new Set(leavesOf(criteria).map((c) => c.id));
  const byCriterion = new Map(scores.map((s) => [s.criterion_id, s]));
  const rows = scoreRows(scores);
  const perStage = Object.fromEntries((['self', 'review', 'council'] as const).map((s) => [s, stageValues(rows, s)])) as Record<ScoredStage, ReturnType<typeof stageValues>>;

  // Depth first, siblings in plan order, as the plan shows them.
  const children = new Map<number | null, RuleCriterion[]>();
  for (const c of criteria) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const out: AssessmentCriterionView[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const c of children.get(parentId) ?? []) {
      const leaf = leafIds.has(c.id);
      const view = (s: ScoredStage): AssessmentScoreView | null => {
        if (!stages.includes(s)) return null;
        if (leaf) return scoreView(byCriterion.get(c.id), s);
        const sum = subtreePoints(criteria, perStage[s], c.id);
        return sum === null ? null : { points: sum, met: null, note: null };
      };
      out.push({ id: c.id, parentId: c.parentId, code: c.code, text: c.text, depth, maxPoints: c.maxPoints, isVeto: c.isVeto, leaf, self: view('self'), review: view('review'), council: view('council') });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);

  const totals = totalsOf(criteria, new Map());
  const yearDisciplines = disciplines.filter((d) => Number(d.decided_on.slice(0, 4)) === row.year);
  return {
    ...toSummary(actor, row),
    planTitle: row.plan_title,
    titleCode: row.title_code,
    titleName: row.title_name,
    revision: row.revision,
    maxTotal: totals.maxTotal,
    bands: bandsOf(row),
    overscoreMargin: Number(row.overscore_margin),
    metCount: row.met_count,
    criteriaCount: row.criteria_count,
    visibleStages: stages,
    criteria: out,
    returned:
      row.returned_reason && row.returned_from && row.returned_at
        ? { reason: row.returned_reason, from: row.returned_from as 'review' | 'council' | 'final', byName: row.returned_by_name, at: iso(row.returned_at)! }
        : null,
    submittedAt: iso(row.submitted_at),
    reviewedAt: iso(row.reviewed_at),
    reviewedByName: row.reviewed_by_name,
    finalisedAt: iso(row.finalised_at),
    finalisedByName: row.finalised_by_name,
    overrideReason: row.override_reason,
    dependants: dependants ? { total: dependants.total, notFinal: dependants.notFinal } : null,
    disciplines: yearDisciplines.map((d) => toDisciplineView(actor, d)),
  };
}

/** One assessment with its criteria and the scores of every stage the actor may see. */
export async function getAssessment(ctx: AppContext, actor: Actor, id: number): Promise<AssessmentDetail> {
  const row = await visibleAssessment(ctx.db, actor, id);
  return detailOf(ctx.db, actor, row);
}

// ── Lists ──────────────────────────────────────────────────────────────

const rolesFor = (action: keyof typeof permissions): readonly Role[] => permissions[action];
const readerRoles = roles.filter((r) => r !== 'staff_member');
const grantPaths = (actor: Actor, allowed: readonly Role[]) => [...new Set(actor.grants.filter((g) => allowed.includes(g.role)).map((g) => g.unitPath))];

/**
 * The lists: "mine" (the actor's own sheets), "review" (waiting for the head's score in the actor's
 * subtrees), "council" (the council's queue, with the overscore flag), "all" (everything the actor
 * reads). Filters narrow each; the name search ignores diacritics.
 */
export async function listAssessments(ctx: AppContext, actor: Actor, query: ListQuery): Promise<AssessmentsPage> {
  const common = {
    movementId: query.movementId,
    year: query.year,
    classification: query.classification,
    flagged: query.flagged,
    words: searchWords(query.q),
  };
  let unitPath: string | undefined;
  if (query.unitId !== undefined) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    unitPath = unit.path;
  }
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  let filter: Parameters<typeof repo.list>[1];
  switch (query.view) {
    case 'mine':
      if (actor.personId === null) return empty;
      filter = { ...common, personId: actor.personId, stage: query.stage };
      break;
    case 'review': {
      const roots = grantPaths(actor, rolesFor('assessment.review'));
      filter = { ...common, roots, collectiveStrictlyBelow: roots, excludePersonId: actor.personId ?? undefined, stage: 'review' };
      break;
    }
    case 'council':
      filter = { ...common, roots: grantPaths(actor, rolesFor('assessment.council')), excludePersonId: actor.personId ?? undefined, stage: 'council' };
      break;
    case 'all':
      filter = { ...common, roots: grantPaths(actor, readerRoles), stage: query.stage };
      break;
  }
  if (unitPath !== undefined) filter.unitPath = unitPath;
  const collation = await nameCollation(ctx.db);
  const { rows, total } = await repo.list(ctx.db, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize, collation });
  return { items: rows.map((r) => toSummary(actor, r)), total, page: query.page, pageSize: query.pageSize };
}

// ── Opening ────────────────────────────────────────────────────────────

/**
 * Opens the assessment of a registered subject (or returns the one already open), against the
 * plan of its registration. The first assessment of a plan freezes its criteria for the year.
 */
export async function openAssessment(ctx: AppContext, actor: Actor, input: OpenAssessmentBody): Promise<{ created: boolean; detail: AssessmentDetail }> {
  const subject: CriterionSubject = input.personId !== undefined ? 'individual' : 'collective';
  const key = { movementId: input.movementId, year: input.year, personId: input.personId, unitId: input.unitId };
  const registration = await repo.findRegistration(ctx.db, key);
  let unitPath: string;
  if (input.personId !== undefined) {
    const person = await repo.findPerson(ctx.db, input.personId);
    if (!person) throw new AppError('NOT_FOUND');
    unitPath = registration?.unit_path ?? person.unit_path;
  } else {
    const unit = await repo.findUnit(ctx.db, input.unitId!);
    if (!unit) throw new AppError('NOT_FOUND');
    unitPath = unit.path;
  }
  const ref = { subject, unitPath, personId: input.personId ?? null };
  if (!canViewAssessment(actor, { ...ref, stage: 'self' })) throw new AppError('NOT_FOUND');
  if (!canOpen(actor, ref)) throw new AppError('FORBIDDEN');

  const existing = await repo.findExisting(ctx.db, key);
  if (existing) return { created: false, detail: await getAssessment(ctx, actor, existing.id) };
  if (!registration) throw new AppError('ASSESSMENT_NOT_REGISTERED', { movementId: input.movementId, year: input.year });
  const criteria = leavesOf(ruleCriteria(await repo.criteria(ctx.db, registration.plan_id, subject)));
  if (criteria.length === 0) throw new AppError('ASSESSMENT_NO_CRITERIA', { planId: registration.plan_id, subject });

  const opened = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insert(trx, {
      plan_id: registration.plan_id,
      movement_id: input.movementId,
      year: input.year,
      subject,
      unit_id: registration.unit_id,
      person_id: input.personId ?? null,
      registration_id: registration.id,
      created_at: ctx.now(),
    });
    if (id === null) return null;
    const frozen = await repo.freezePlan(trx, registration.plan_id, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'assessment.open',
      entity: 'assessment',
      entityId: id,
      unitId: registration.unit_id,
      after: { planId: registration.plan_id, movementId: input.movementId, year: input.year, subject, personId: input.personId ?? null, unitId: registration.unit_id, registrationId: registration.id, criteriaFrozen: frozen },
    });
    return id;
  });
  if (opened === null) {
    // Opened meanwhile by another request: return that one.
    const again = await repo.findExisting(ctx.db, key);
    return { created: false, detail: await getAssessment(ctx, actor, again!.id) };
  }
  return { created: true, detail: await getAssessment(ctx, actor, opened) };
}

// ── Writing ────────────────────────────────────────────────────────────

/** Totals, counts and the overscore flag of a sheet's scores, for the stage the sheet is at. */
function totalsPatch(row: AssessmentRow, criteria: RuleCriterion[], rows: ScoreRow[], stage: AssessmentStage): AssessmentPatch {
  const self = totalsOf(criteria, stageValues(rows, 'self'));
  const review = totalsOf(criteria, stageValues(rows, 'review'));
  const upTo: ScoredStage = stage === 'final' ? 'council' : stage;
  const effective = totalsOf(criteria, effectiveValues(criteria, rows, upTo));
  const reviewComplete = review.missing.length === 0 && rows.length > 0;
  return {
    self_total: self.total,
    review_total: review.total,
    council_total: stage === 'council' || stage === 'final' ? effective.total : null,
    met_count: effective.metCount,
    criteria_count: effective.criteriaCount,
    overscore_flag: reviewComplete && isOverscored(self.total, review.total, Number(row.overscore_margin)),
  };
}

/** The same, from the scores as stored now (inside the step's transaction). */
async function recomputed(trx: Tx, row: AssessmentRow, stage: AssessmentStage): Promise<AssessmentPatch> {
  const criteria = ruleCriteria(await repo.criteria(trx, row.plan_id, row.subject));
  return totalsPatch(row, criteria, scoreRows(await repo.scores(trx, row.id)), stage);
}

/**
 * Runs one step on a sheet the caller has already checked, in a transaction with the row locked: a
 * sheet changed since it was read (another save, another step) answers 409 ASSESSMENT_STALE.
 */
async function step<T>(ctx: AppContext, row: AssessmentRow, expectedRevision: number, work: (trx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.lock(trx, row.id);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.stage === 'final' && row.stage !== 'final') throw locked(row);
    if (current.revision !== expectedRevision || current.stage !== row.stage) throw new AppError('ASSESSMENT_STALE', { revision: current.revision, stage: current.stage });
    return work(trx);
  });
}

/** One refused score of a save: the criterion as the sheet names it ("Tiêu chí 1.2"), the problem from the message table. */
function scoreRefusal(i: number, field: 'criterionId' | 'points' | 'met' | 'note', problem: FieldProblem, label: Label, params: FieldParams = {}) {
  return { path: `scores.${i}.${field}`, ...fieldMessage(problem, label, params) };
}

/**
 * Saves scores into the current stage's column (tự chấm, thủ trưởng chấm or Hội đồng), by whoever
 * holds that stage. Each value is checked against its criterion: 0..max points, or met / not met,
 * a note of at most 2,000 characters. A value out of range is refused, never corrected, and every
 * refused value of the save is named at once; nothing of a refused save is written. Every change is
 * audited with its old and new value.
 */
export async function saveScores(ctx: AppContext, actor: Actor, id: number, input: SaveScoresBody): Promise<AssessmentDetail> {
  const row = await visibleAssessment(ctx.db, actor, id);
  if (row.stage === 'final') throw locked(row);
  if (!canWorkOn(actor, refOf(row))) throw notYours(row);
  const stage = row.stage as ScoredStage;

  const criteriaRows = await repo.criteria(ctx.db, row.plan_id, row.subject);
  const criteria = ruleCriteria(criteriaRows);
  const kept = new Map(keptCriteria(criteria).map((c) => [c.id, c]));
  const leafIds = new Set(leavesOf(criteria).map((c) => c.id));
  const seen = new Set<number>();
  const refused: ReturnType<typeof scoreRefusal>[] = [];
  input.scores.forEach((s, i) => {
    const c = kept.get(s.criterionId);
    if (!c) return refused.push(scoreRefusal(i, 'criterionId', 'criterion_not_in_plan', criterionLabel(`#${s.criterionId}`)));
    const label = criterionLabel(c.code);
    if (seen.has(c.id)) return refused.push(scoreRefusal(i, 'criterionId', 'criterion_twice', label));
    seen.add(c.id);
    const noteLength = s.note?.trim().length ?? 0;
    if (noteLength > NOTE_MAX) refused.push(scoreRefusal(i, 'note', 'too_long', criterionNoteLabel(c.code), { max: NOTE_MAX, actual: noteLength }));
    const problem = scoreProblem(c, leafIds.has(c.id), s);
    if (!problem) return;
    switch (problem.kind) {
      case 'not_leaf':
        return refused.push(scoreRefusal(i, 'criterionId', 'criterion_is_group', label));
      case 'out_of_range':
        return refused.push(scoreRefusal(i, 'points', s.points! < 0 ? 'points_negative' : 'points_above_max', label, { max: problem.max, value: s.points! }));
      case 'too_precise':
        return refused.push(scoreRefusal(i, 'points', 'too_precise', label, { decimals: 2, value: s.points! }));
      case 'points_expected':
        return refused.push(scoreRefusal(i, 'met', 'points_expected', label));
      case 'met_expected':
        return refused.push(scoreRefusal(i, 'points', 'met_expected', label));
    }
  });
  if (refused.length > 0) throw new AppError('VALIDATION_FAILED', undefined, refused);

  // The sheet after the save, built from what the transaction read and wrote: the row was checked
  // against the locked one (same revision), so only the totals and the revision moved.
  const saved = await step(ctx, row, input.revision, async (trx) => {
    const stored = await repo.scores(trx, id);
    const before = new Map(stored.map((s) => [s.criterion_id, s]));
    const writes: StageWrite[] = [];
    const oldValues: unknown[] = [];
    const newValues: unknown[] = [];
    for (const s of input.scores) {
      const c = kept.get(s.criterionId)!;
      const old = before.get(c.id);
      const was = { points: old?.[`${stage}_points`] ?? null, met: old?.[`${stage}_met`] ?? null, note: old?.[`${stage}_note`] ?? null };
      const now = {
        points: s.points === undefined ? was.points : s.points,
        met: s.met === undefined ? was.met : s.met,
        note: s.note === undefined ? was.note : s.note,
      };
      if (now.points === was.points && now.met === was.met && now.note === was.note) continue;
      writes.push({ criterionId: c.id, ...now });
      oldValues.push({ criterionId: c.id, code: c.code, ...was });
      newValues.push({ criterionId: c.id, code: c.code, ...now });
    }
    if (writes.length === 0) return { row, scores: stored };
    await repo.writeStage(trx, id, row.plan_id, stage, writes, actor.userId, ctx.now());
    // Criteria are frozen once a sheet is open, so those read before the transaction still hold.
    const after = new Map<number, ScoreDbRow>(stored.map((r) => [r.criterion_id, r]));
    for (const w of writes) {
      const r: ScoreDbRow = after.get(w.criterionId) ?? {
        criterion_id: w.criterionId,
        self_points: null,
        self_met: null,
        self_note: null,
        review_points: null,
        review_met: null,
        review_note: null,
        council_points: null,
        council_met: null,
        council_note: null,
      };
      after.set(w.criterionId, { ...r, [`${stage}_points`]: w.points, [`${stage}_met`]: w.met, [`${stage}_note`]: w.note });
    }
    const scores = [...after.values()];
    const patch = totalsPatch(row, criteria, scoreRows(scores), row.stage as AssessmentStage);
    await repo.update(trx, id, patch, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'assessment.scores',
      entity: 'assessment',
      entityId: id,
      unitId: row.unit_id,
      before: { stage, revision: input.revision, scores: oldValues },
      after: { stage, revision: input.revision + 1, scores: newValues },
    });
    const updated: AssessmentRow = {
      ...row,
      self_total: patch.self_total ?? null,
      review_total: patch.review_total ?? null,
      council_total: patch.council_total ?? null,
      met_count: patch.met_count ?? null,
      criteria_count: patch.criteria_count ?? null,
      overscore_flag: patch.overscore_flag ?? false,
      revision: input.revision + 1,
      updated_at: ctx.now(),
    };
    return { row: updated, scores };
  });
  return detailOf(ctx.db, actor, saved.row, { criteria: criteriaRows, scores: saved.scores });
}

/** Sends the sheet on: self → the head (gửi thủ trưởng), review → the council. Every leaf must be scored at this stage. */
export async function submitAssessment(ctx: AppContext, actor: Actor, id: number): Promise<AssessmentDetail> {
  const row = await visibleAssessment(ctx.db, actor, id);
  if (row.stage === 'final') throw locked(row);
  if (!canWorkOn(actor, refOf(row))) throw notYours(row);
  if (row.stage === 'council') throw wrongStage(row, 'Hội đồng hoàn tất phiếu (Hoàn tất) thay vì gửi tiếp', 'The council finalises the assessment instead of submitting it');
  const stage = row.stage as 'self' | 'review';
  const next: AssessmentStage = stage === 'self' ? 'review' : 'council';
  await step(ctx, row, row.revision, async (trx) => {
    const criteria = ruleCriteria(await repo.criteria(trx, row.plan_id, row.subject));
    const missing = totalsOf(criteria, stageValues(scoreRows(await repo.scores(trx, id)), stage)).missing;
    if (missing.length > 0) {
      const codes = missing.map((c) => c.code);
      const list = codes.slice(0, 20).join(', ') + (codes.length > 20 ? ', …' : '');
      throw new AppError('ASSESSMENT_INCOMPLETE', { missing: codes }, [
        { path: 'scores', message: `Còn ${codes.length} tiêu chí chưa chấm: ${list}`, messageEn: `${codes.length} criteria are not scored yet: ${list}` },
      ]);
    }
    const now = ctx.now();
    const patch: AssessmentPatch = {
      ...(await recomputed(trx, row, next)),
      stage: next,
      returned_reason: null,
      returned_from: null,
      returned_by: null,
      returned_at: null,
      ...(stage === 'self' ? { submitted_at: now } : { reviewed_by: actor.userId, reviewed_at: now }),
    };
    await repo.update(trx, id, patch, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'assessment.submit',
      entity: 'assessment',
      entityId: id,
      unitId: row.unit_id,
      before: { stage, selfTotal: row.self_total, reviewTotal: row.review_total },
      after: { stage: next, selfTotal: patch.self_total, reviewTotal: patch.review_total, overscoreFlag: patch.overscore_flag },
    });
  });
  const detail = await getAssessment(ctx, actor, id);
  await noticeSubmitted(ctx, actor, row, stage, detail);
  return detail;
}

/** Returns the sheet (trả lại) with a reason: review → self; council → review (default) or self. */
export async function returnAssessment(ctx: AppContext, actor: Actor, id: number, input: ReturnAssessmentBody): Promise<AssessmentDetail> {
  const row = await visibleAssessment(ctx.db, actor, id);
  if (row.stage === 'final') throw locked(row);
  if (!canWorkOn(actor, refOf(row))) throw notYours(row);
  if (row.stage === 'self') throw wrongStage(row, 'Phiếu đang ở bước tự đánh giá, chưa có gì để trả lại', 'The assessment is at self-assessment; there is nothing to return');
  const to: AssessmentStage = row.stage === 'review' ? 'self' : (input.to ?? 'review');
  if (row.stage === 'review' && input.to === 'review') {
    throw refusedField('to', 'Thủ trưởng chỉ trả lại cho người tự đánh giá', 'The head returns the assessment to its subject only');
  }
  const reason = input.reason.trim();
  await step(ctx, row, row.revision, async (trx) => {
    const patch: AssessmentPatch = {
      ...(await recomputed(trx, row, to)),
      stage: to,
      returned_reason: reason,
      returned_from: row.stage,
      returned_by: actor.userId,
      returned_at: ctx.now(),
    };
    await repo.update(trx, id, patch, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'assessment.return',
      entity: 'assessment',
      entityId: id,
      unitId: row.unit_id,
      before: { stage: row.stage },
      after: { stage: to, reason },
    });
  });
  await noticeReturned(ctx, actor, row, row.stage as 'review' | 'council', to as 'self' | 'review', reason);
  return getAssessment(ctx, actor, id);
}

/**
 * The council finalises (hoàn tất): totals from the latest stage's scores, the classification from
 * the plan's bands with the veto and discipline caps, then the sheet locks. A collective waits for
 * its members' and sub-units' assessments to be final, unless an override reason is recorded.
 */
export async function finaliseAssessment(ctx: AppContext, actor: Actor, id: number, input: FinaliseAssessmentBody): Promise<AssessmentDetail> {
  const row = await visibleAssessment(ctx.db, actor, id);
  if (row.stage === 'final') throw locked(row);
  if (!canWorkOn(actor, refOf(row))) throw notYours(row);
  if (row.stage !== 'council') throw wrongStage(row, 'Chỉ Hội đồng hoàn tất phiếu, sau khi thủ trưởng đã chấm', 'Only the council finalises, after the head’s review');
  const overrideReason = input?.overrideReason ?? null;

  await step(ctx, row, row.revision, async (trx) => {
    let override: string | null = null;
    let dependants: Awaited<ReturnType<typeof repo.dependants>> | null = null;
    if (row.subject === 'collective') {
      dependants = await repo.dependants(trx, { movementId: row.movement_id, year: row.year, unitId: row.unit_id });
      if (dependants.notFinal > 0) {
        if (!overrideReason) {
          const d = dependants;
          throw new AppError('ASSESSMENT_DEPENDANTS_NOT_FINAL', { notFinal: d.notFinal, members: d.members, childUnits: d.childUnits, total: d.total }, [
            {
              path: 'overrideReason',
              message: `Còn ${d.notFinal} phiếu chưa hoàn tất (${d.members} cá nhân, ${d.childUnits} đơn vị trực thuộc); hoàn tất các phiếu đó trước hoặc nhập lý do`,
              messageEn: `${d.notFinal} assessments are not final (${d.members} members, ${d.childUnits} sub-units); finalise them first or give a reason`,
            },
          ]);
        }
        override = overrideReason;
      }
    }
    const criteria = ruleCriteria(await repo.criteria(trx, row.plan_id, row.subject));
    const values = effectiveValues(criteria, scoreRows(await repo.scores(trx, id)), 'council');
    const missing = totalsOf(criteria, values).missing;
    if (missing.length > 0) {
      throw new AppError('ASSESSMENT_INCOMPLETE', { missing: missing.map((c) => c.code) }, [
        { path: 'scores', message: `Còn tiêu chí chưa chấm: ${missing.map((c) => c.code).join(', ')}`, messageEn: `Criteria not scored: ${missing.map((c) => c.code).join(', ')}` },
      ]);
    }
    const disciplines: DisciplineFact[] =
      row.person_id === null
        ? []
        : (await disciplinesRepository.ofPerson(trx, row.person_id)).map((d) => ({ id: d.id, form: d.form as DisciplineForm, decidedOn: d.decided_on, decisionNumber: d.decision_number, revokedAt: d.revoked_at }));
    const result = classify({ criteria, values, bands: bandsOf(row), year: row.year, disciplines });
    const patch: AssessmentPatch = {
      ...(await recomputed(trx, row, 'final')),
      stage: 'final',
      classification: result.classification,
      capped_by: result.cappedBy,
      cap_reason: result.capReason,
      finalised_by: actor.userId,
      finalised_at: ctx.now(),
      override_reason: override,
    };
    await repo.update(trx, id, patch, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'assessment.finalise',
      entity: 'assessment',
      entityId: id,
      unitId: row.unit_id,
      before: { stage: row.stage },
      after: {
        stage: 'final',
        councilTotal: patch.council_total,
        percent: result.percent,
        classification: result.classification,
        cappedBy: result.cappedBy,
        capReason: result.capReason,
        overrideReason: override,
        ...(dependants ? { dependantsNotFinal: dependants.notFinal, dependants: dependants.total } : {}),
      },
    });
  });
  const detail = await getAssessment(ctx, actor, id);
  await noticeFinalised(ctx, actor, row, detail);
  return detail;
}

/** Reopens a final assessment for the council (a recorded exception): back to the council's step, unclassified. */
export async function reopenAssessment(ctx: AppContext, actor: Actor, id: number, input: ReopenAssessmentBody): Promise<AssessmentDetail> {
  const row = await visibleAssessment(ctx.db, actor, id);
  const ref = refOf(row);
  if (!canReopen(actor, { ...ref, stage: 'final' })) throw notYours(row);
  if (row.stage !== 'final') throw wrongStage(row, 'Chỉ mở lại được phiếu đã hoàn tất', 'Only a final assessment can be reopened');
  const reason = input.reason.trim();
  await step(ctx, row, row.revision, async (trx) => {
    const patch: AssessmentPatch = {
      ...(await recomputed(trx, row, 'council')),
      stage: 'council',
      classification: null,
      capped_by: null,
      cap_reason: null,
      finalised_by: null,
      finalised_at: null,
      override_reason: null,
      returned_reason: reason,
      returned_from: 'final',
      returned_by: actor.userId,
      returned_at: ctx.now(),
    };
    await repo.update(trx, id, patch, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'assessment.reopen',
      entity: 'assessment',
      entityId: id,
      unitId: row.unit_id,
      before: { stage: 'final', classification: row.classification, cappedBy: row.capped_by, capReason: row.cap_reason, councilTotal: row.council_total, overrideReason: row.override_reason },
      after: { stage: 'council', reason },
    });
  });
  await noticeReopened(ctx, actor, row, reason);
  return getAssessment(ctx, actor, id);
}
