import type { TemplateContent } from '@thidua/contracts';
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';
import type { ReportRow, UnitRef } from './reports.repository.js';

// Consolidation (tổng hợp báo cáo): a unit's report at a level above starts from its children's
// reports — the reports of the same template and period by the reporting units whose nearest
// reporting unit above is this one.
//
// Which children count: those that have SENT their report (submitted or accepted). A draft is not
// sent yet and a returned report was sent back to be fixed; both are listed but not summed, so the
// figures are what the recipient actually received. A missing child (no report opened) is listed
// with status 'missing'.
//
// How figures combine, indicator by indicator (a child's figure is what it typed, else what the
// system counted for it):
// - number: the sum of the children's figures, plus the parent's OWN part for indicators the system
//   counts: the registry counts the parent's whole subtree, which already contains the children's
//   subtrees, so the own part is (parent computed − Σ children's computed), never below 0. Adding the
//   parent's whole computed figure would count the children twice.
// - percent: the average of the children's percentages weighted by the number of active units each
//   child covers (its subtree, itself included) — a share of agencies is a share of units, so a ward
//   of 40 agencies weighs more than one of 4; a plain average when every weight is 0.
// - boolean: how many children answered yes (the editor then answers for the parent).
// - text: nothing; the children's texts are listed beside.
// The parent's typed figure takes the combined one when the editor has not changed it since the last
// consolidation (it is null or still equals the figure last proposed); an edited figure is kept.

/** One indicator's stored figures; `start` is the figure consolidation last proposed (internal). */
export interface StoredValue {
  typed: number | boolean | string | null;
  computed: number | null;
  consolidated: number | null;
  start?: number | null;
}
export type StoredValues = Record<string, StoredValue>;

export const SENT_STATUSES = ['submitted', 'accepted'];

export function storedValues(raw: unknown): StoredValues {
  const out: StoredValues = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, Partial<StoredValue>>)) {
    out[k] = { typed: v.typed ?? null, computed: v.computed ?? null, consolidated: v.consolidated ?? null, ...(v.start !== undefined ? { start: v.start } : {}) };
  }
  return out;
}

/** What a child sent for an indicator: typed, else computed. */
export function effectiveValue(v: StoredValue | undefined): number | boolean | string | null {
  if (!v) return null;
  return v.typed ?? v.computed;
}

export interface ChildFigures {
  values: StoredValues;
  /** Active units the child covers (its subtree), the weight of its percentages. */
  weight: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The combined figure of each indicator from the children that sent their report (see above). */
export function combine(content: TemplateContent, parentComputed: Record<string, number | null>, children: ChildFigures[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const ind of content.sections.flatMap((s) => s.indicators)) {
    const figures = children.map((c) => ({ v: effectiveValue(c.values[ind.key]), computed: c.values[ind.key]?.computed ?? null, weight: c.weight }));
    switch (ind.kind) {
      case 'number': {
        const childSum = figures.reduce((s, f) => s + (typeof f.v === 'number' ? f.v : 0), 0);
        const own = ind.source && parentComputed[ind.key] != null ? Math.max(0, parentComputed[ind.key]! - figures.reduce((s, f) => s + (f.computed ?? 0), 0)) : 0;
        out[ind.key] = round2(childSum + own);
        break;
      }
      case 'percent': {
        const given = figures.filter((f): f is { v: number; computed: number | null; weight: number } => typeof f.v === 'number');
        if (given.length === 0) {
          out[ind.key] = null;
          break;
        }
        const totalWeight = given.reduce((s, f) => s + f.weight, 0);
        out[ind.key] = round2(
          totalWeight > 0 ? given.reduce((s, f) => s + f.v * f.weight, 0) / totalWeight : given.reduce((s, f) => s + f.v, 0) / given.length,
        );
        break;
      }
      case 'boolean':
        out[ind.key] = figures.filter((f) => f.v === true || f.v === 1).length;
        break;
      case 'text':
        out[ind.key] = null;
        break;
    }
  }
  return out;
}

/**
 * The parent's values after consolidation: `consolidated` set from `combined`, and the typed figure of
 * numbers and percentages moved to it unless the editor changed it since the last proposal.
 */
export function applyConsolidation(content: TemplateContent, current: StoredValues, combined: Record<string, number | null>): StoredValues {
  const out: StoredValues = { ...current };
  for (const ind of content.sections.flatMap((s) => s.indicators)) {
    const prev = current[ind.key] ?? { typed: null, computed: null, consolidated: null };
    const proposal = combined[ind.key] ?? null;
    const untouched = prev.typed === null || prev.typed === (prev.start ?? null);
    const proposes = ind.kind === 'number' || ind.kind === 'percent';
    out[ind.key] = {
      ...prev,
      consolidated: proposal,
      ...(proposes ? { start: proposal, typed: untouched ? proposal : prev.typed } : {}),
    };
  }
  return out;
}

/** Active units in each child's subtree (itself included), by child unit id. */
export async function unitWeights(db: Executor, children: UnitRef[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (children.length === 0) return out;
  const rows = await db
    .selectFrom('units as u')
    .innerJoin('units as c', (j) => j.on(sql<SqlBool>`u.path <@ c.path`))
    .select(['c.id as id', sql<number>`count(*)::int`.as('n')])
    .where(
      'c.id',
      '=',
      sql<number>`any(${children.map((c) => c.id)}::bigint[])`,
    )
    .where('u.status', '=', 'active')
    .groupBy('c.id')
    .execute();
  for (const r of rows) out.set(r.id, r.n);
  return out;
}

/** The children that sent their report, with their weights, ready for `combine`. */
export function sentChildren(reports: ReportRow[], weights: Map<number, number>): ChildFigures[] {
  return reports.filter((r) => SENT_STATUSES.includes(r.status)).map((r) => ({ values: storedValues(r.values), weight: weights.get(r.unit_id) ?? 0 }));
}
