import { sql } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { coversYear } from '../plans/plans.years.js';
import { registerCalendarSource, type CalendarEntry, type CalendarScope } from '../notifications/calendar-sources.js';
import { activeTemplates, customPeriods, type TemplateFacts } from './reports.board.js';
import { dueDate, formatCalendarDate, periodKey, periodLabel, periodsOfYear, vietnamDateOf, type ReportPeriod } from './reports.periods.js';

// Report deadlines (hạn nộp báo cáo) in each user's iCalendar feed. A template concerns a user when
// one of their units lies in the subtree of the plan that asks for the report: they report (or
// their unit's children do, and they consolidate), or they receive it at the plan's own unit. The
// feed spans last year to next year, within the years the plan applies to; custom periods appear
// where reports were opened for them.

const FEED_YEARS = [-1, 0, 1];

/** The events of one template: one all-day event per period on its due date. */
export function reportDueEntries(t: Pick<TemplateFacts, 'id' | 'name' | 'rule' | 'recipientText'>, periods: ReportPeriod[]): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  for (const period of periods) {
    let due: string;
    try {
      due = dueDate(period, t.rule);
    } catch {
      continue;
    }
    const key = periodKey(period);
    const [year, month, day] = due.split('-').map(Number) as [number, number, number];
    out.push({
      uid: `report-due-${t.id}-${key}@thidua`,
      date: { year, month, day },
      summary: `Hạn nộp báo cáo: ${t.name} – ${periodLabel(period)}`,
      description: [
        `Báo cáo: ${t.name}`,
        `Kỳ báo cáo: ${periodLabel(period)} (${formatCalendarDate(period.start)} – ${formatCalendarDate(period.end)})`,
        `Hạn nộp: ${formatCalendarDate(due)}, đúng hạn là nộp trước hoặc trong ngày này (giờ Việt Nam)`,
        t.recipientText ? `Nơi nhận: ${t.recipientText}` : null,
      ]
        .filter((l): l is string => l !== null)
        .join('\n'),
      link: `/bao-cao?mau=${t.id}&ky=${key}`,
    });
  }
  return out;
}

/** The active templates of published plans whose subtree holds one of the user's units. */
async function templatesConcerning(db: Executor, unitPaths: string[]): Promise<TemplateFacts[]> {
  if (unitPaths.length === 0) return [];
  const templates = await activeTemplates(db);
  const planPaths = [...new Set(templates.map((t) => t.planUnitPath).filter((p): p is string => p !== null))];
  if (planPaths.length === 0) return [];
  // One query: which plan units are at or above one of the user's units.
  const above = await sql<{ path: string }>`
    SELECT DISTINCT plan.path::text AS path
    FROM unnest(${planPaths}::text[]) AS plan(path), unnest(${unitPaths}::text[]) AS mine(path)
    WHERE mine.path::ltree <@ plan.path::ltree
  `.execute(db);
  const concerned = new Set(above.rows.map((r) => r.path));
  return templates.filter((t) => t.planUnitPath !== null && concerned.has(t.planUnitPath));
}

export async function reportDueEvents(db: Executor, scope: CalendarScope, now: Date): Promise<CalendarEntry[]> {
  const year = Number(vietnamDateOf(now).slice(0, 4));
  const out: CalendarEntry[] = [];
  for (const t of await templatesConcerning(db, scope.unitPaths)) {
    const years = FEED_YEARS.map((d) => year + d).filter((y) => coversYear(t.planYears, y));
    const periods = t.periodKind === 'custom' ? await customPeriods(db, t.id) : years.flatMap((y) => periodsOfYear(t.periodKind, y, t.periodIndexes));
    out.push(...reportDueEntries(t, periods));
  }
  return out;
}

registerCalendarSource({ name: 'report-deadlines', events: reportDueEvents });
