import type { TemplateContent } from '@thidua/contracts';
import type { Executor } from '../../platform/database.js';
import type { StoredValues } from './reports.consolidation.js';
import { computeIndicators } from './reports.indicators.js';
import type { ReportTemplateRow } from './reports.repository.js';
import { contentOf } from './reports.templates.js';

// The system's figures (số liệu hệ thống tính) of a report, and whether the ones it stores are still
// true. A report keeps the counts of the moment it was opened or last refreshed; while it is a draft
// (or returned, or unlocked) registrations, assessments and evidence keep changing, so each read
// counts again and names the indicators whose stored count no longer matches. A sent report is
// frozen: nothing here runs for it, and its documents print what it stored.
//
// Counting again on every read is the simple and certain signal (no change counters to keep in step
// with every module that writes rows the registry counts). Measured with bench/report-consolidation.ts:
// see docs/benchmarks.md.

const indicatorsOf = (content: TemplateContent) => content.sections.flatMap((s) => s.indicators);

/** Where and when a report counts: its unit's subtree and its period. */
export interface FigureScope {
  unitPath: string;
  year: number;
  start: string;
  end: string;
}

/** Whether the template has any indicator the system counts (else there is nothing to compare). */
export function hasSystemFigures(t: Pick<ReportTemplateRow, 'content'>): boolean {
  return indicatorsOf(contentOf(t)).some((i) => i.source);
}

/** The system's figures for the unit's subtree and period, by indicator key (null for typed-only ones). */
export async function computedValues(db: Executor, t: ReportTemplateRow, scope: FigureScope): Promise<Record<string, number | null>> {
  const sourced = indicatorsOf(contentOf(t)).filter((i) => i.source);
  const counted =
    sourced.length === 0
      ? {}
      : await computeIndicators(
          db,
          sourced.map((i) => i.source!),
          { unitPath: scope.unitPath, movementId: t.plan_movement_id, year: scope.year, periodStart: scope.start, periodEnd: scope.end },
        );
  const out: Record<string, number | null> = {};
  for (const ind of indicatorsOf(contentOf(t))) out[ind.key] = ind.source ? (counted[ind.source] ?? null) : null;
  return out;
}

/** One indicator whose stored system figure is no longer what the system counts. */
export interface OutdatedFigure {
  key: string;
  /** The figure the report holds. */
  stored: number | null;
  /** What the system counts now. */
  current: number | null;
}

/** The counted indicators whose stored figure differs from `fresh`, in the template's order. */
export function outdatedFigures(t: Pick<ReportTemplateRow, 'content'>, stored: StoredValues, fresh: Record<string, number | null>): OutdatedFigure[] {
  const out: OutdatedFigure[] = [];
  for (const ind of indicatorsOf(contentOf(t))) {
    if (!ind.source) continue;
    const before = stored[ind.key]?.computed ?? null;
    const now = fresh[ind.key] ?? null;
    if (before !== now) out.push({ key: ind.key, stored: before, current: now });
  }
  return out;
}

/** The stored values with each counted indicator's `computed` replaced by `fresh`; typed and consolidated figures kept. */
export function withComputed(t: Pick<ReportTemplateRow, 'content'>, stored: StoredValues, fresh: Record<string, number | null>): StoredValues {
  const values: StoredValues = { ...stored };
  for (const ind of indicatorsOf(contentOf(t))) {
    values[ind.key] = { ...(stored[ind.key] ?? { typed: null, consolidated: null }), computed: fresh[ind.key] ?? null };
  }
  return values;
}
