import type { AssessmentCriterionView, AssessmentDetail, AssessmentScoreView } from '@thidua/contracts';

// The sheet's arithmetic on the client, for the running total while typing; the server recomputes
// everything from what is saved (assessments.rules.ts), so this only has to agree with it.

export type Column = 'self' | 'review' | 'council';

/** What the user changed in the editable column and has not saved yet, by criterion id. */
export type Drafts = Record<number, { points?: number | null; met?: boolean | null; note?: string | null }>;

/** A leaf's value in a column: the draft when there is one, else what is saved. */
export function valueOf(c: AssessmentCriterionView, column: Column, editable: Column | null, drafts: Drafts): AssessmentScoreView {
  const saved = c[column] ?? { points: null, met: null, note: null };
  if (column !== editable) return saved;
  const d = drafts[c.id];
  if (!d) return saved;
  return {
    points: d.points !== undefined ? d.points : saved.points,
    met: d.met !== undefined ? d.met : saved.met,
    note: d.note !== undefined ? d.note : saved.note,
  };
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

/** The drafts as the API's score list. */
export function draftsToScores(drafts: Drafts) {
  return Object.entries(drafts).map(([id, d]) => ({ criterionId: Number(id), ...d }));
}
