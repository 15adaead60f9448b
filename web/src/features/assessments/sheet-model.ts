import { criterionLabel, criterionNoteLabel, NOTE_MAX, type AssessmentCriterionView, type AssessmentDetail, type AssessmentScoreView } from '@thidua/contracts';
import { numberError, type TypedNumber } from '../../app/number-input';
import { lengthError } from '../../app/text-limit';

// The sheet's arithmetic on the client, for the running total while typing; the server recomputes
// everything from what is saved (assessments.rules.ts), so this only has to agree with it.

export type Column = 'self' | 'review' | 'council';

/**
 * What the user changed in the editable column and has not saved yet, by criterion id. Points are
 * kept as typed: a number, null when cleared, or the text when it is not a number ("abc").
 */
export type Draft = { points?: TypedNumber; met?: boolean | null; note?: string | null };
export type Drafts = Record<number, Draft>;

/** A leaf's value in a column: the draft when there is one, else what is saved; points not a number count as none. */
export function valueOf(c: AssessmentCriterionView, column: Column, editable: Column | null, drafts: Drafts): AssessmentScoreView {
  const saved = c[column] ?? { points: null, met: null, note: null };
  if (column !== editable) return saved;
  const d = drafts[c.id];
  if (!d) return saved;
  // A refused value (not a number, out of range) counts for nothing in the totals, as it would not be saved.
  const fits = (p: TypedNumber) => typeof p === 'number' && p >= 0 && (c.maxPoints === null || p <= c.maxPoints);
  return {
    points: d.points !== undefined ? (fits(d.points) ? (d.points as number) : null) : saved.points,
    met: d.met !== undefined ? d.met : saved.met,
    note: d.note !== undefined ? d.note : saved.note,
  };
}

/** The points in the editable field: as typed when changed, else as saved. */
export function typedPointsOf(c: AssessmentCriterionView, column: Column, drafts: Drafts): TypedNumber {
  const d = drafts[c.id];
  return d?.points !== undefined ? d.points : (c[column]?.points ?? null);
}

/** Why a criterion's typed values would be refused, by field; the same words the server uses. */
export interface DraftProblems {
  points?: string;
  note?: string;
  met?: string;
}

/** Checks each draft against its criterion before it is sent: points 0..max with two decimals, a note of at most 2,000 characters. */
export function draftProblems(a: AssessmentDetail, drafts: Drafts, lang: string): Record<number, DraftProblems> {
  const out: Record<number, DraftProblems> = {};
  for (const c of a.criteria) {
    const d = drafts[c.id];
    if (!d) continue;
    const p: DraftProblems = {};
    if (c.maxPoints !== null && d.points !== undefined) {
      const e = numberError(d.points, { min: 0, max: c.maxPoints, decimals: 2, points: true }, criterionLabel(c.code), lang);
      if (e) p.points = e;
    }
    const note = d.note !== undefined ? lengthError(d.note, NOTE_MAX, criterionNoteLabel(c.code), lang) : null;
    if (note) p.note = note;
    if (p.points || p.note) out[c.id] = p;
  }
  return out;
}

/** The council's column falls back to the head's, which falls back to the self-score, as at finalisation. */
export function effectiveOf(c: AssessmentCriterionView, column: Column, editable: Column | null, drafts: Drafts): AssessmentScoreView {
  const order: Column[] = column === 'council' ? ['council', 'review', 'self'] : column === 'review' ? ['review'] : ['self'];
  for (const col of order) {
    const v = valueOf(c, col, editable, drafts);
    if ((c.maxPoints !== null ? v.points : v.met) !== null) return v;
  }
  return { points: null, met: null, note: null };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Sum of the points leaves below `parentId` (all leaves when null) in one column; null when none is scored. */
export function columnTotal(a: AssessmentDetail, column: Column, editable: Column | null, drafts: Drafts, parentId: number | null = null): number | null {
  const inside = parentId === null ? null : descendants(a, parentId);
  let sum: number | null = null;
  for (const c of a.criteria) {
    if (!c.leaf || c.maxPoints === null) continue;
    if (inside && !inside.has(c.id)) continue;
    const p = effectiveOf(c, column, editable, drafts).points;
    if (p !== null) sum = (sum ?? 0) + p;
  }
  return sum === null ? null : round2(sum);
}

/** Met / not met leaves: how many are met, of how many, in one column. */
export function columnMet(a: AssessmentDetail, column: Column, editable: Column | null, drafts: Drafts): { met: number; of: number } | null {
  const leaves = a.criteria.filter((c) => c.leaf && c.maxPoints === null);
  if (leaves.length === 0) return null;
  return { met: leaves.filter((c) => effectiveOf(c, column, editable, drafts).met === true).length, of: leaves.length };
}

function descendants(a: AssessmentDetail, rootId: number): Set<number> {
  const out = new Set<number>();
  let frontier = [rootId];
  while (frontier.length) {
    const next = a.criteria.filter((c) => c.parentId !== null && frontier.includes(c.parentId)).map((c) => c.id);
    next.forEach((id) => out.add(id));
    frontier = next;
  }
  return out;
}

/** One score of a save, as the API takes it. */
export interface ScoreToSave {
  criterionId: number;
  points?: number | null;
  met?: boolean | null;
  note?: string | null;
}

/** The drafts that may be sent, as the API's score list: those without a problem (a value not a number, out of range, too long) stay on the page. */
export function draftsToScores(drafts: Drafts, held: ReadonlySet<number> = new Set()): ScoreToSave[] {
  const out: ScoreToSave[] = [];
  for (const [id, d] of Object.entries(drafts)) {
    const criterionId = Number(id);
    if (held.has(criterionId) || typeof d.points === 'string') continue;
    out.push({ criterionId, ...(d as Omit<ScoreToSave, 'criterionId'>) });
  }
  return out;
}

/** The drafts left once `sent` is saved: a value changed again meanwhile stays. */
export function withoutSaved(drafts: Drafts, sent: ScoreToSave[]): Drafts {
  const next: Drafts = { ...drafts };
  for (const s of sent) {
    const d = next[s.criterionId];
    if (!d) continue;
    const left: Draft = { ...d };
    if (d.points !== undefined && d.points === s.points) delete left.points;
    if (d.met !== undefined && d.met === s.met) delete left.met;
    if (d.note !== undefined && d.note === s.note) delete left.note;
    if (Object.keys(left).length === 0) delete next[s.criterionId];
    else next[s.criterionId] = left;
  }
  return next;
}

/** The drafts the sheet does not hold yet: a draft equal to what is stored in the editable column is dropped. */
export function withoutStored(drafts: Drafts, a: AssessmentDetail, editable: Column | null): Drafts {
  if (!editable) return {};
  const byId = new Map(a.criteria.map((c) => [c.id, c]));
  const left: Drafts = {};
  for (const [id, d] of Object.entries(drafts)) {
    const c = byId.get(Number(id));
    const stored = c?.[editable] ?? { points: null, met: null, note: null };
    const differs =
      (d.points !== undefined && d.points !== stored.points) ||
      (d.met !== undefined && d.met !== stored.met) ||
      (d.note !== undefined && (d.note?.trim() || null) !== stored.note);
    if (differs) left[Number(id)] = d;
  }
  return left;
}
