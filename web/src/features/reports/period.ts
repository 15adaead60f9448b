import type { ReportPeriodKind } from '@thidua/contracts';
import { appToday } from '../../app/clock';

// Period keys (kỳ báo cáo) as the server writes them (reports.periods.ts): 2026-Y, 2026-H1,
// 2026-Q2, 2026-M05, or 2026-01-01_2026-03-31 for custom dates.

export interface PeriodChoice {
  year: number;
  /** Half, quarter or month; null for a year or custom dates. */
  index: number | null;
  start?: string;
  end?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodKeyOf(kind: ReportPeriodKind, p: PeriodChoice): string | null {
  switch (kind) {
    case 'year':
      return `${p.year}-Y`;
    case 'six_months':
      return `${p.year}-H${p.index ?? 1}`;
    case 'quarter':
      return p.index ? `${p.year}-Q${p.index}` : null;
    case 'month':
      return p.index ? `${p.year}-M${pad(p.index)}` : null;
    case 'custom':
      return p.start && p.end ? `${p.start}_${p.end}` : null;
  }
}

/** The year, index or dates of a key; null when it is not a period key. */
export function parsePeriodKey(key: string | null | undefined): PeriodChoice | null {
  if (!key) return null;
  const custom = /^(\d{4})-(\d{2})-(\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (custom) return { year: Number(custom[1]), index: null, start: key.slice(0, 10), end: custom[4] };
  const m = /^(\d{4})-(Y|H([12])|Q([1-4])|M(0[1-9]|1[0-2]))$/.exec(key);
  if (!m) return null;
  const index = m[3] ?? m[4] ?? m[5];
  return { year: Number(m[1]), index: index ? Number(index) : null };
}

/** How many periods of a kind a year has (halves, quarters, months); 0 when there is no index. */
export function periodsPerYear(kind: ReportPeriodKind): number {
  return kind === 'six_months' ? 2 : kind === 'quarter' ? 4 : kind === 'month' ? 12 : 0;
}

/** The halves, quarters or months a template reports (`indexes`, null for all of them). */
export function reportedIndexes(kind: ReportPeriodKind, indexes: number[] | null): number[] {
  return Array.from({ length: periodsPerYear(kind) }, (_, i) => i + 1).filter((i) => !indexes || indexes.includes(i));
}

/**
 * The period a unit reports on now: the current half, quarter or month when the template reports
 * it, else the latest reported one before it this year (a first-half-only template in November
 * gives the first half), else the first.
 */
export function defaultPeriod(kind: ReportPeriodKind, indexes: number[] | null = null, today = appToday()): PeriodChoice {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const current = kind === 'six_months' ? (month <= 6 ? 1 : 2) : kind === 'quarter' ? Math.ceil(month / 3) : kind === 'month' ? month : null;
  if (current === null) return { year, index: null };
  const reported = reportedIndexes(kind, indexes);
  return { year, index: reported.filter((i) => i <= current).at(-1) ?? reported[0] ?? current };
}

/** The years a template reports: those of its plan (null: not limited on that side). */
export interface TemplateYears {
  planYearFrom: number | null;
  planYearTo: number | null;
}

export const reportsYear = (t: TemplateYears, year: number) => (t.planYearFrom === null || year >= t.planYearFrom) && (t.planYearTo === null || year <= t.planYearTo);

/**
 * The period a page starts on: the current one, unless the template's plan applies to other years
 * only — then the first period of its first year, or the last of its last year.
 */
export function defaultPeriodOf(kind: ReportPeriodKind, indexes: number[] | null, years: TemplateYears, today = appToday()): PeriodChoice {
  const year = Number(today.slice(0, 4));
  if (years.planYearFrom !== null && year < years.planYearFrom) return defaultPeriod(kind, indexes, `${years.planYearFrom}-01-01`);
  if (years.planYearTo !== null && year > years.planYearTo) return defaultPeriod(kind, indexes, `${years.planYearTo}-12-31`);
  return defaultPeriod(kind, indexes, today);
}

/** The body of POST /api/reports for a period. */
export function openBodyOf(p: PeriodChoice): { year: number; index?: number; start?: string; end?: string } {
  return { year: p.year, ...(p.index ? { index: p.index } : {}), ...(p.start && p.end ? { start: p.start, end: p.end } : {}) };
}
