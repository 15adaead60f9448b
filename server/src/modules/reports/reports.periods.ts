import type { ReportPeriodKind } from '@thidua/contracts';
import { AppError, fieldEntry } from '../../platform/errors.js';

// Reporting periods (kỳ báo cáo), deadlines (hạn báo cáo), on-time checks and reminder (đôn đốc)
// instants: pure arithmetic, no database, no clock.
//
// Everything is reckoned in Vietnam time, Asia/Ho_Chi_Minh, which is UTC+7 all year (no daylight
// saving since 1975), so a fixed offset is exact and no time-zone library is needed. A period's
// start and end and a due date are CALENDAR DATES in Vietnam, written 'YYYY-MM-DD'; they are never
// UTC midnights. A submission is an instant (a Date or an ISO timestamp) and is converted to its
// Vietnam calendar date before it is compared: 23:30 on 31/5 in Hà Nội is 16:30 UTC the same day
// and is on time; 00:10 on 01/6 in Hà Nội is 17:10 UTC on 31/5 and is one day late.
//
// Periods: a year (01/01–31/12), six months (6 tháng: first half 01/01–30/06, second half
// 01/07–31/12), a quarter, a month, or custom dates. Seed 004's six-month report is due 31/5 although
// the first half ends 30/6: the province wants it before the half is over. The period stays
// 01/01–30/06 and the due date is 31/5 of the same year (a day/month on or after the period's start
// falls in the start's year). Its figures are counted live for the whole period until it is sent.

/** A calendar date in Vietnam, 'YYYY-MM-DD'. */
export type CalendarDate = string;

/** Vietnam is UTC+7 all year round. */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function invalid(path: string, vi: string, en: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', details, [fieldEntry(path, vi, en)]);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Gregorian leap years: 2024 and 2028 are, 2100 is not (divisible by 100 but not by 400). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkYear(year: number, path = 'year'): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw invalid(path, `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`, `The year must be between ${MIN_YEAR} and ${MAX_YEAR}`, { year });
  }
}

function makeDate(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Splits a 'YYYY-MM-DD' date, refusing impossible ones (30/02, 29/02/2025) with VALIDATION_FAILED. */
export function parseCalendarDate(date: string, path = 'date'): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalid(path, `Ngày không hợp lệ: ${date}`, `Not a valid date: ${date}`, { date });
  }
  checkYear(year, path);
  return { year, month, day };
}

/** Days since 1970-01-01 of a calendar date: date arithmetic without time zones. */
function dayNumber(date: CalendarDate): number {
  const { year, month, day } = parseCalendarDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(n: number): CalendarDate {
  const d = new Date(n * DAY_MS);
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatCalendarDate(date: CalendarDate): string {
  const { year, month, day } = parseCalendarDate(date);
  return `${pad(day)}/${pad(month)}/${year}`;
}

function toInstant(value: Date | string, path: string): Date {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw invalid(path, 'Thời điểm không hợp lệ', 'Not a valid instant', { value: String(value) });
  return d;
}

/** The calendar date in Vietnam at an instant: 2025-05-31T17:10:00Z is 2025-06-01. */
export function vietnamDateOf(instant: Date | string): CalendarDate {
  const d = new Date(toInstant(instant, 'instant').getTime() + OFFSET_MS);
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The instant a Vietnam clock shows `time` ('HH:MM') on `date`. */
export function vietnamInstant(date: CalendarDate, time = '00:00'): Date {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw invalid('time', `Giờ không hợp lệ: ${time}`, `Not a valid time: ${time}`, { time });
  return new Date(dayNumber(date) * DAY_MS + (Number(m[1]) * 60 + Number(m[2])) * 60_000 - OFFSET_MS);
}

/** 00:00:00.000 in Vietnam on `date`. */
export function startOfVietnamDay(date: CalendarDate): Date {
  return vietnamInstant(date);
}

// ── Periods (kỳ báo cáo) ──

/** What identifies a period: the kind and year, with the half, quarter or month, or custom dates. */
export type PeriodSpec =
  | { kind: 'year'; year: number }
  | { kind: 'six_months'; year: number; /** 1 = first half (6 tháng đầu năm), 2 = second half; default 1 */ index?: number }
  | { kind: 'quarter'; year: number; index: number }
  | { kind: 'month'; year: number; index: number }
  | { kind: 'custom'; start: CalendarDate; end: CalendarDate };

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** The year the period starts in. */
  year: number;
  /** Half (1–2), quarter (1–4) or month (1–12); null for a year or custom dates. */
  index: number | null;
  /** First day, inclusive. */
  start: CalendarDate;
  /** Last day, inclusive. */
  end: CalendarDate;
}

function checkIndex(index: number | undefined, max: number): number {
  if (index === undefined || !Number.isInteger(index) || index < 1 || index > max) {
    throw invalid('index', `Số thứ tự của kỳ phải từ 1 đến ${max}`, `The period's number must be between 1 and ${max}`, { index });
  }
  return index;
}

/** The start and end dates of a period; VALIDATION_FAILED for a period that does not exist. */
export function reportPeriod(spec: PeriodSpec): ReportPeriod {
  if (spec.kind === 'custom') {
    const s = parseCalendarDate(spec.start, 'start');
    parseCalendarDate(spec.end, 'end');
    if (spec.end < spec.start) throw invalid('end', 'Ngày kết thúc trước ngày bắt đầu', 'The end date is before the start date', { start: spec.start, end: spec.end });
    return { kind: 'custom', year: s.year, index: null, start: spec.start, end: spec.end };
  }
  checkYear(spec.year);
  const y = spec.year;
  const months = (first: number, last: number) => ({ start: makeDate(y, first, 1), end: makeDate(y, last, daysInMonth(y, last)) });
  switch (spec.kind) {
    case 'year':
      return { kind: 'year', year: y, index: null, ...months(1, 12) };
    case 'six_months': {
      const half = checkIndex(spec.index ?? 1, 2);
      return { kind: 'six_months', year: y, index: half, ...months(half * 6 - 5, half * 6) };
    }
    case 'quarter': {
      const q = checkIndex(spec.index, 4);
      return { kind: 'quarter', year: y, index: q, ...months(q * 3 - 2, q * 3) };
    }
    case 'month': {
      const m = checkIndex(spec.index, 12);
      return { kind: 'month', year: y, index: m, ...months(m, m) };
    }
  }
}

/** Halves, quarters or months in a year; 0 for a year or custom dates (no index). */
export function periodsPerYear(kind: ReportPeriodKind): number {
  return kind === 'six_months' ? 2 : kind === 'quarter' ? 4 : kind === 'month' ? 12 : 0;
}

/**
 * The periods of a kind that start in a year. A template may report only some of them (`indexes`,
 * null for all): seed 004's six-month report is the first half only (6 tháng đầu năm), the yearly
 * report covering the rest. Custom periods are not enumerable: none.
 */
export function periodsOfYear(kind: ReportPeriodKind, year: number, indexes: readonly number[] | null = null): ReportPeriod[] {
  if (kind === 'year') return [reportPeriod({ kind, year })];
  if (kind === 'custom') return [];
  return Array.from({ length: periodsPerYear(kind) }, (_, i) => i + 1)
    .filter((index) => !indexes || indexes.includes(index))
    .map((index) => reportPeriod({ kind, year, index }));
}

/**
 * The period a key names (2026-H1, 2026-Y, 2026-Q2, 2026-M05, 2026-01-01_2026-03-31), which must
 * be of the template's kind and among its reported periods (`indexes`); VALIDATION_FAILED otherwise.
 */
export function periodFromKey(kind: ReportPeriodKind, key: string, indexes: readonly number[] | null = null): ReportPeriod {
  const fail = () =>
    invalid('periodKey', `Kỳ báo cáo "${key}" không có trong mẫu báo cáo này`, `The period "${key}" does not exist for this report template`, { periodKey: key, periodKind: kind });
  let m: RegExpExecArray | null;
  let spec: PeriodSpec;
  if ((m = /^(\d{4})-Y$/.exec(key))) spec = { kind: 'year', year: Number(m[1]) };
  else if ((m = /^(\d{4})-H([12])$/.exec(key))) spec = { kind: 'six_months', year: Number(m[1]), index: Number(m[2]) };
  else if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) spec = { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  else if ((m = /^(\d{4})-M(\d{2})$/.exec(key))) spec = { kind: 'month', year: Number(m[1]), index: Number(m[2]) };
  else if ((m = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key))) spec = { kind: 'custom', start: m[1]!, end: m[2]! };
  else throw fail();
  if (spec.kind !== kind) throw fail();
  const period = reportPeriod(spec);
  if (!isReportedPeriod(period, indexes)) throw fail();
  return period;
}

/** Whether a template that reports the periods `indexes` (null: all) reports `period`. */
export function isReportedPeriod(period: ReportPeriod, indexes: readonly number[] | null): boolean {
  return period.index === null || !indexes || indexes.includes(period.index);
}

/**
 * A short stable key of a period, for reminder keys and URLs: 2025-Y, 2025-H1, 2025-Q4, 2025-M03,
 * 2025-07-01_2026-06-30 (custom).
 */
export function periodKey(p: ReportPeriod): string {
  switch (p.kind) {
    case 'year':
      return `${p.year}-Y`;
    case 'six_months':
      return `${p.year}-H${p.index ?? 1}`;
    case 'quarter':
      return `${p.year}-Q${p.index ?? 1}`;
    case 'month':
      return `${p.year}-M${pad(p.index ?? 1)}`;
    case 'custom':
      return `${p.start}_${p.end}`;
  }
}

const roman = ['I', 'II', 'III', 'IV'];

/** How documents name a period: "6 tháng đầu năm 2025", "Quý IV/2025", "Tháng 3/2025"… */
export function periodLabel(p: ReportPeriod, lang: 'vi' | 'en' = 'vi'): string {
  const i = p.index ?? 1;
  switch (p.kind) {
    case 'year':
      return lang === 'vi' ? `Năm ${p.year}` : `Year ${p.year}`;
    case 'six_months':
      if (lang === 'vi') return `6 tháng ${i === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
      return `${i === 1 ? 'First' : 'Second'} half of ${p.year}`;
    case 'quarter':
      return lang === 'vi' ? `Quý ${roman[i - 1]}/${p.year}` : `Q${i} ${p.year}`;
    case 'month':
      return lang === 'vi' ? `Tháng ${i}/${p.year}` : `Month ${i}/${p.year}`;
    case 'custom':
      return lang === 'vi'
        ? `Từ ngày ${formatCalendarDate(p.start)} đến ngày ${formatCalendarDate(p.end)}`
        : `From ${formatCalendarDate(p.start)} to ${formatCalendarDate(p.end)}`;
  }
}

// ── Due dates (hạn báo cáo) ──

/** A deadline as plans write it: a day and month ("trước ngày 31/5 hằng năm"), or one exact date. */
export type DueRule = { day: number; month: number } | { date: CalendarDate };

/** Months in one period of a kind: a half moves its deadline on by 6, a quarter by 3, a month by 1. */
const MONTHS_PER_PERIOD: Record<ReportPeriodKind, number> = { six_months: 6, quarter: 3, month: 1, year: 0, custom: 0 };

/**
 * The due date of a period under a rule.
 *
 * A day/month is the deadline of the FIRST period of the year (the year itself, the first half,
 * quarter or month). It falls in the year the period starts, unless that date is before the start,
 * in which case it is the following year's. A later half, quarter or month is due as many months
 * later as it starts after the first: a six-month report due 31/5 (seed 004, inside its period
 * 01/01–30/06) makes the second half due 30/11; a quarterly one due 15/4 makes the fourth quarter
 * due 15/01 of the next year; a monthly one due 5/2 makes December's due 05/01 of the next year.
 *
 * A day past the end of its month is clamped to the month's last day: 31/2 and 29/2 give 28/02 in
 * common years (2025, 2100) and 29/02 in leap years (2024, 2028), and 31/4 gives 30/04 — plans say
 * "cuối tháng 2" this way and the deadline must still exist.
 * An exact date must not be before the period starts.
 */
export function dueDate(period: ReportPeriod, rule: DueRule): CalendarDate {
  if ('date' in rule) {
    parseCalendarDate(rule.date, 'dueDate');
    if (rule.date < period.start) {
      throw invalid('dueDate', 'Hạn báo cáo trước ngày bắt đầu kỳ báo cáo', 'The due date is before the reporting period starts', {
        dueDate: rule.date,
        periodStart: period.start,
      });
    }
    return rule.date;
  }
  const { day, month } = rule;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw invalid('month', 'Tháng phải từ 1 đến 12', 'The month must be between 1 and 12', { month });
  if (!Number.isInteger(day) || day < 1 || day > 31) throw invalid('day', 'Ngày phải từ 1 đến 31', 'The day must be between 1 and 31', { day });
  const on = (year: number, m: number) => makeDate(year, m, Math.min(day, daysInMonth(year, m)));
  const step = period.index === null ? 0 : MONTHS_PER_PERIOD[period.kind];
  // The start of the year's first period of this kind: the year's first day for halves, quarters
  // and months; the period's own start for a year or custom dates.
  const firstStart = step > 0 ? makeDate(period.year, 1, 1) : period.start;
  const firstYear = on(period.year, month) >= firstStart ? period.year : period.year + 1;
  // Months since year 0 of the due date, moved on by the periods before this one.
  const months = firstYear * 12 + (month - 1) + (period.index === null ? 0 : (period.index - 1) * step);
  const year = Math.floor(months / 12);
  checkYear(year, 'dueDate');
  return on(year, (months % 12) + 1);
}

// ── On time or late (đúng hạn / trễ hạn) ──

export type Timeliness =
  | { onTime: true; daysLate: 0; submittedOn: CalendarDate }
  | { onTime: false; daysLate: number; submittedOn: CalendarDate };

/**
 * Whether a submission was on time: by the end of the due date in Vietnam (23:59:59.999 +07:00).
 * Otherwise it is late by the number of Vietnam calendar days after the due date it was sent on.
 */
export function timeliness(submittedAt: Date | string, due: CalendarDate): Timeliness {
  const submittedOn = vietnamDateOf(toInstant(submittedAt, 'submittedAt'));
  const late = daysBetween(due, submittedOn);
  return late <= 0 ? { onTime: true, daysLate: 0, submittedOn } : { onTime: false, daysLate: late, submittedOn };
}

// ── Reminders (đôn đốc) ──

export interface ReminderSchedule {
  /** Days before the due date to remind on; 0 is the due date itself. */
  daysBefore: number[];
  /** After the due date, remind every this many days; null for no reminders after it. */
  everyDaysAfter: number | null;
  /** At most this many reminders after the due date: the limit of the repeating part. */
  maxAfter: number;
  /** The Vietnam clock time reminders go out at, 'HH:MM'. */
  at: string;
}

/** 7 days and 1 day before, then every 3 days after the due date (at most 5 times), at 08:00. */
export const defaultReminderSchedule: ReminderSchedule = { daysBefore: [7, 1], everyDaysAfter: 3, maxAfter: 5, at: '08:00' };

export interface ReminderSlot {
  /**
   * Stable across processes and restarts — `report-reminder/<template>/<unit>/<period>/<offset>` —
   * so a unique index or pg-boss singleton key on it makes delivery exactly once.
   */
  key: string;
  /** Days relative to the due date: -7, -1, +3, +6… */
  offsetDays: number;
  date: CalendarDate;
  at: Date;
}

function checkDays(values: number[], path: string, min: number): void {
  for (const v of values) {
    if (!Number.isInteger(v) || v < min || v > 366) {
      throw invalid(path, `Số ngày phải là số nguyên từ ${min} đến 366`, `Days must be a whole number from ${min} to 366`, { value: v });
    }
  }
}

/**
 * The reminder instants of one unit's report for one period, in time order, without duplicates.
 * `from`/`until` keep only instants inside that window (e.g. not those already past).
 */
export function reminderInstants(args: {
  due: CalendarDate;
  schedule: ReminderSchedule;
  templateId: number | string;
  unitId: number;
  period: ReportPeriod;
  from?: Date;
  until?: Date;
}): ReminderSlot[] {
  const { due, schedule } = args;
  parseCalendarDate(due, 'due');
  checkDays(schedule.daysBefore, 'daysBefore', 0);
  if (schedule.everyDaysAfter !== null) checkDays([schedule.everyDaysAfter], 'everyDaysAfter', 1);
  if (!Number.isInteger(schedule.maxAfter) || schedule.maxAfter < 0 || schedule.maxAfter > 100) {
    throw invalid('maxAfter', 'Số lần nhắc sau hạn phải từ 0 đến 100', 'Reminders after the due date must number 0 to 100', { maxAfter: schedule.maxAfter });
  }
  const offsets = new Set(schedule.daysBefore.map((d) => -d));
  if (schedule.everyDaysAfter !== null) for (let i = 1; i <= schedule.maxAfter; i++) offsets.add(i * schedule.everyDaysAfter);
  const prefix = `report-reminder/${args.templateId}/${args.unitId}/${periodKey(args.period)}`;
  return [...offsets]
    .sort((a, b) => a - b)
    .map((offsetDays) => {
      const date = addDays(due, offsetDays);
      return { key: `${prefix}/${offsetDays > 0 ? '+' : ''}${offsetDays}`, offsetDays, date, at: vietnamInstant(date, schedule.at) };
    })
    .filter((s) => (!args.from || s.at >= args.from) && (!args.until || s.at <= args.until));
}
