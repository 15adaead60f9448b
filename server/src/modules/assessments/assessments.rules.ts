// The arithmetic of an assessment (đánh giá): totals, classification (xếp loại) from a plan's bands,
// the caps of a veto criterion (điểm liệt) and of discipline (kỷ luật), and the overscore flag.
// Pure functions of plain data: no database, no clock, no actor.
//
// Decisions, as users should read them:
// - Only leaves are scored. A criterion with children is never scored itself: its points are the
//   sum of its children's (a group heading "1. Cơ quan văn minh (20 điểm)" is the sum of 1.1…1.n).
//   A criterion without children is a leaf, whatever its depth, so a parent whose children were all
//   dropped is scored on its own points. Dropped criteria (bỏ, with a reason) and their subtrees
//   do not count.
// - A leaf with max points is scored 0..max (two decimals); a leaf without is met / not met (đạt /
//   không đạt).
// - Bands are read as a share of the maximum, in per cent: on the usual 100-point sheet that is the
//   points themselves (≥ 90 Xuất sắc…); a 50-point plan reaches Xuất sắc at 45. A plan without any
//   points classifies by the share of its criteria met against the same minimums. In a plan with
//   both, the points decide and met / not met criteria only count for veto and for met_count.
// - A veto criterion that is not met, or scored 0 (for a parent: its leaves sum to 0 or one is not
//   met), caps the classification at the lowest band, with the criterion named.
// - Discipline of khiển trách (reprimand) or above decided in the assessment year, and not
//   revoked, means "không hoàn thành nhiệm vụ" (Nghị định 335/2025): the lowest band, with the form
//   and the decision named. Every recorded form is at least a reprimand.
// - The overscore flag: the self total exceeds the head's total by more than the plan's margin.
import { defaultClassificationBands, disciplineFormLabels, type AssessmentStage, type DisciplineForm } from '@thidua/contracts';

export type ScoredStage = Exclude<AssessmentStage, 'final'>;
export const scoredStages: readonly ScoredStage[] = ['self', 'review', 'council'];

export interface RuleCriterion {
  id: number;
  parentId: number | null;
  code: string;
  text: string;
  maxPoints: number | null;
  isVeto: boolean;
  droppedReason?: string | null;
}

/** One stage's value for a criterion: points for a points criterion, met for the others. */
export interface StageValue {
  points: number | null;
  met: boolean | null;
}

/** Every stage's values of one criterion, as stored in assessment_scores. */
export interface ScoreRow {
  criterionId: number;
  self: StageValue;
  review: StageValue;
  council: StageValue;
}

export interface Band {
  key: string;
  vi: string;
  en: string;
  min: number;
}

export interface DisciplineFact {
  id: number;
  form: DisciplineForm;
  /** ISO yyyy-mm-dd. */
  decidedOn: string;
  decisionNumber: string | null;
  revokedAt: Date | string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ── The tree ───────────────────────────────────────────────────────────

/**
 * The criteria that count, depth first as the plan reads (each parent, then its children, siblings
 * in the order given): those not dropped, nor under a dropped one.
 */
export function keptCriteria<C extends RuleCriterion>(criteria: C[]): C[] {
  const ids = new Set(criteria.map((c) => c.id));
  const children = new Map<number | null, C[]>();
  for (const c of criteria) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: C[] = [];
  const walk = (parentId: number | null) => {
    for (const c of children.get(parentId) ?? []) {
      if (c.droppedReason) continue;
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}

/** Ids of the criteria that have at least one (kept) child. */
function parentIds(criteria: RuleCriterion[]): Set<number> {
  return new Set(criteria.map((c) => c.parentId).filter((p): p is number => p !== null));
}

/** The scored criteria: kept and without kept children. */
export function leavesOf<C extends RuleCriterion>(criteria: C[]): C[] {
  const kept = keptCriteria(criteria);
  const parents = parentIds(kept);
  return kept.filter((c) => !parents.has(c.id));
}

export const hasPoints = (c: RuleCriterion) => c.maxPoints !== null;

/** Is a leaf's value at a stage given (points for a points criterion, met for the others)? */
export function isScored(c: RuleCriterion, v: StageValue | undefined): boolean {
  if (!v) return false;
  return hasPoints(c) ? v.points !== null : v.met !== null;
}

/** The value that counts for a leaf once a stage is reached: the latest stage that gave one. */
export function effectiveValue(c: RuleCriterion, row: ScoreRow | undefined, upTo: ScoredStage): StageValue | undefined {
  if (!row) return undefined;
  const order = scoredStages.slice(0, scoredStages.indexOf(upTo) + 1).reverse();
  for (const s of order) if (isScored(c, row[s])) return row[s];
  return undefined;
}

/** Values of one stage only, by criterion id (what that stage's holder entered). */
export function stageValues(rows: ScoreRow[], stage: ScoredStage): Map<number, StageValue> {
  return new Map(rows.map((r) => [r.criterionId, r[stage]]));
}

/** The values that decide the result at `upTo`: each leaf's latest given value up to that stage. */
export function effectiveValues(criteria: RuleCriterion[], rows: ScoreRow[], upTo: ScoredStage): Map<number, StageValue> {
  const byId = new Map(rows.map((r) => [r.criterionId, r]));
  const out = new Map<number, StageValue>();
  for (const c of leavesOf(criteria)) {
    const v = effectiveValue(c, byId.get(c.id), upTo);
    if (v) out.set(c.id, v);
  }
  return out;
}

// ── Validation of one input ────────────────────────────────────────────

export type ScoreProblem =
  | { kind: 'not_leaf' }
  | { kind: 'points_expected' }
  | { kind: 'met_expected' }
  | { kind: 'out_of_range'; max: number }
  | { kind: 'too_precise' };

/** What is wrong with a value for a leaf, or null when it may be stored. Null values clear. */
export function scoreProblem(c: RuleCriterion, isLeaf: boolean, input: { points?: number | null; met?: boolean | null }): ScoreProblem | null {
  if (!isLeaf) return { kind: 'not_leaf' };
  if (hasPoints(c)) {
    if (input.met !== undefined && input.met !== null) return { kind: 'points_expected' };
    if (input.points === undefined || input.points === null) return null;
    if (!Number.isFinite(input.points) || input.points < 0 || input.points > c.maxPoints!) return { kind: 'out_of_range', max: c.maxPoints! };
    if (Math.abs(round2(input.points) - input.points) > 1e-9) return { kind: 'too_precise' };
    return null;
  }
  if (input.points !== undefined && input.points !== null) return { kind: 'met_expected' };
  return null;
}

// ── Totals ─────────────────────────────────────────────────────────────

export interface Totals {
  /** Sum of the scored points leaves; null when the plan has no points or none is scored. */
  total: number | null;
  /** Sum of the points leaves' max points; null for a plan without points. */
  maxTotal: number | null;
  /** Met / not met leaves: how many are met, of how many; null when the plan has none. */
  metCount: number | null;
  criteriaCount: number | null;
  /** Leaves still without a value, in plan order. */
  missing: RuleCriterion[];
}

/** Totals of one set of values (a stage's own, or the effective ones). */
export function totalsOf(criteria: RuleCriterion[], values: Map<number, StageValue>): Totals {
  const leaves = leavesOf(criteria);
  const pointLeaves = leaves.filter(hasPoints);
  const metLeaves = leaves.filter((c) => !hasPoints(c));
  let total: number | null = null;
  for (const c of pointLeaves) {
    const p = values.get(c.id)?.points;
    if (p !== null && p !== undefined) total = (total ?? 0) + p;
  }
  const metCount = metLeaves.length ? metLeaves.filter((c) => values.get(c.id)?.met === true).length : null;
  return {
    total: total === null ? null : round2(total),
    maxTotal: pointLeaves.length ? round2(pointLeaves.reduce((s, c) => s + c.maxPoints!, 0)) : null,
    metCount,
    criteriaCount: metLeaves.length ? metLeaves.length : null,
    missing: leaves.filter((c) => !isScored(c, values.get(c.id))),
  };
}

/** Sum of a parent's leaves (for display beside a group heading); null when none is scored. */
export function subtreePoints(criteria: RuleCriterion[], values: Map<number, StageValue>, rootId: number): number | null {
  const kept = keptCriteria(criteria);
  const children = new Map<number, RuleCriterion[]>();
  for (const c of kept) if (c.parentId !== null) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  let sum: number | null = null;
  const walk = (id: number) => {
    const kids = children.get(id);
    if (!kids) {
      const p = values.get(id)?.points;
      if (p !== null && p !== undefined) sum = (sum ?? 0) + p;
      return;
    }
    for (const k of kids) walk(k.id);
  };
  walk(rootId);
  return sum === null ? null : round2(sum);
}

// ── Classification ─────────────────────────────────────────────────────

/** Bands highest first; a malformed or empty list falls back to Nghị định 335/2025's. */
export function normaliseBands(raw: unknown): Band[] {
  const ok =
    Array.isArray(raw) &&
    raw.length > 0 &&
    raw.every(
      (b): b is Band =>
        typeof b === 'object' && b !== null && typeof (b as Band).key === 'string' && typeof (b as Band).vi === 'string' && typeof (b as Band).min === 'number',
    );
  const bands: Band[] = ok ? (raw as Band[]).map((b) => ({ key: b.key, vi: b.vi, en: typeof b.en === 'string' ? b.en : b.vi, min: b.min })) : defaultClassificationBands.map((b) => ({ ...b }));
  return bands.sort((a, b) => b.min - a.min);
}

export const lowestBand = (bands: Band[]): Band => bands[bands.length - 1]!;

/** The share (per cent, two decimals) the bands are compared with, or null when there is nothing to classify. */
export function scorePercent(t: Pick<Totals, 'total' | 'maxTotal' | 'metCount' | 'criteriaCount'>): number | null {
  if (t.maxTotal !== null && t.maxTotal > 0) return round2(((t.total ?? 0) / t.maxTotal) * 100);
  if (t.criteriaCount !== null && t.criteriaCount > 0) return round2(((t.metCount ?? 0) / t.criteriaCount) * 100);
  return null;
}

/** The highest band whose minimum the share reaches; the lowest band otherwise. */
export function bandFor(bands: Band[], percent: number): Band {
  return bands.find((b) => percent >= b.min) ?? lowestBand(bands);
}

/** Veto criteria (điểm liệt) that fail: a leaf not met or scored 0; a parent whose leaves sum to 0 or include one not met. */
export function failedVetoes(criteria: RuleCriterion[], values: Map<number, StageValue>): RuleCriterion[] {
  const kept = keptCriteria(criteria);
  const children = new Map<number, RuleCriterion[]>();
  for (const c of kept) if (c.parentId !== null) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const leavesUnder = (c: RuleCriterion): RuleCriterion[] => {
    const kids = children.get(c.id);
    return kids ? kids.flatMap(leavesUnder) : [c];
  };
  return kept.filter((c) => {
    if (!c.isVeto) return false;
    const leaves = leavesUnder(c);
    if (leaves.some((l) => !hasPoints(l) && values.get(l.id)?.met === false)) return true;
    const pointLeaves = leaves.filter(hasPoints);
    const scored = pointLeaves.filter((l) => values.get(l.id)?.points !== null && values.get(l.id)?.points !== undefined);
    // Zero only counts once every points leaf below is scored: an unscored one is not a zero.
    return pointLeaves.length > 0 && scored.length === pointLeaves.length && scored.every((l) => values.get(l.id)!.points === 0);
  });
}

/** Discipline that caps the year: decided in `year`, not revoked. */
export function disciplinesInYear(disciplines: DisciplineFact[], year: number): DisciplineFact[] {
  return disciplines.filter((d) => d.revokedAt === null && Number(d.decidedOn.slice(0, 4)) === year);
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function vetoReason(c: RuleCriterion): string {
  return `Tiêu chí điểm liệt ${c.code} "${c.text}" không đạt`;
}

export function disciplineReason(d: DisciplineFact): string {
  const decision = d.decisionNumber ? `Quyết định số ${d.decisionNumber} ngày ${ddmmyyyy(d.decidedOn)}` : `quyết định ngày ${ddmmyyyy(d.decidedOn)}`;
  return `Bị kỷ luật ${disciplineFormLabels[d.form].vi.toLowerCase()} theo ${decision}`;
}

export interface Classification {
  /** The band key; null when there is nothing to classify (no criteria at all). */
  classification: string | null;
  cappedBy: 'veto' | 'discipline' | null;
  capReason: string | null;
  /** The share the bands were compared with, before any cap. */
  percent: number | null;
}

/**
 * The classification of a finished assessment: the band the share reaches, lowered to the lowest
 * band by a failed veto criterion or by discipline in the year. A cap is recorded whenever its
 * condition holds, even if the score alone already earns the lowest band, so the reason is shown.
 * Discipline is named first: it concerns the person, whatever the scores.
 */
export function classify(input: {
  criteria: RuleCriterion[];
  values: Map<number, StageValue>;
  bands: Band[];
  year: number;
  disciplines: DisciplineFact[];
}): Classification {
  const totals = totalsOf(input.criteria, input.values);
  const percent = scorePercent(totals);
  const vetoes = failedVetoes(input.criteria, input.values);
  const discipline = disciplinesInYear(input.disciplines, input.year).sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
  const reasons = [...discipline.map(disciplineReason), ...vetoes.map(vetoReason)];
  const cappedBy = discipline.length ? 'discipline' : vetoes.length ? 'veto' : null;
  if (percent === null && !cappedBy) return { classification: null, cappedBy: null, capReason: null, percent };
  const band = cappedBy ? lowestBand(input.bands) : bandFor(input.bands, percent!);
  return { classification: band.key, cappedBy, capReason: reasons.length ? reasons.join('; ') : null, percent };
}

/** The self-score exceeds the head's by more than the margin (points plans only). */
export function isOverscored(selfTotal: number | null, reviewTotal: number | null, margin: number): boolean {
  if (selfTotal === null || reviewTotal === null) return false;
  return round2(selfTotal - reviewTotal) > margin;
}
