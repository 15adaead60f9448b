import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  addDays,
  daysBetween,
  daysInMonth,
  defaultReminderSchedule,
  dueDate,
  formatCalendarDate,
  isLeapYear,
  periodKey,
  periodLabel,
  reminderInstants,
  reportPeriod,
  timeliness,
  vietnamDateOf,
  vietnamInstant,
  type PeriodSpec,
  periodFromKey,
  periodsOfYear,
} from './reports.periods.js';

// Deadline arithmetic for periodic reports (kỳ báo cáo, hạn báo cáo), in Vietnam time.

function validationError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) {
      expect(e.code).toBe('VALIDATION_FAILED');
      return e;
    }
    throw e;
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe('calendar', () => {
  it.each([
    [2024, true],
    [2028, true],
    [2025, false],
    [2100, false],
    [2000, true],
  ])('%i leap year: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it('knows the ends of months', () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2025-12-15', '2026-01-04')).toBe(20);
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
  });

  it('writes dates dd/mm/yyyy and refuses impossible ones', () => {
    expect(formatCalendarDate('2025-05-31')).toBe('31/05/2025');
    validationError(() => formatCalendarDate('2025-02-29'));
    validationError(() => formatCalendarDate('2025-13-01'));
    validationError(() => formatCalendarDate('31/05/2025'));
  });

  it('reads an instant as its Vietnam calendar date, not its UTC one', () => {
    expect(vietnamDateOf('2025-05-31T16:59:59.999Z')).toBe('2025-05-31');
    expect(vietnamDateOf('2025-05-31T17:00:00Z')).toBe('2025-06-01');
    expect(vietnamDateOf(new Date('2025-12-31T17:30:00Z'))).toBe('2026-01-01');
    expect(vietnamInstant('2025-05-24', '08:00').toISOString()).toBe('2025-05-24T01:00:00.000Z');
    // The last instant a report due 31/5 is on time, and the first one it is late.
    expect(timeliness('2025-05-31T16:59:59.999Z', '2025-05-31').onTime).toBe(true);
    expect(timeliness('2025-05-31T17:00:00.000Z', '2025-05-31')).toMatchObject({ onTime: false, daysLate: 1 });
    validationError(() => vietnamDateOf('not a date'));
  });
});

describe('reportPeriod', () => {
  it.each<[PeriodSpec, string, string]>([
    [{ kind: 'year', year: 2025 }, '2025-01-01', '2025-12-31'],
    [{ kind: 'six_months', year: 2025 }, '2025-01-01', '2025-06-30'],
    [{ kind: 'six_months', year: 2025, index: 2 }, '2025-07-01', '2025-12-31'],
    [{ kind: 'quarter', year: 2025, index: 1 }, '2025-01-01', '2025-03-31'],
    [{ kind: 'quarter', year: 2025, index: 2 }, '2025-04-01', '2025-06-30'],
    [{ kind: 'quarter', year: 2025, index: 4 }, '2025-10-01', '2025-12-31'],
    [{ kind: 'month', year: 2024, index: 2 }, '2024-02-01', '2024-02-29'],
    [{ kind: 'month', year: 2028, index: 2 }, '2028-02-01', '2028-02-29'],
    [{ kind: 'month', year: 2100, index: 2 }, '2100-02-01', '2100-02-28'],
    [{ kind: 'month', year: 2025, index: 4 }, '2025-04-01', '2025-04-30'],
    [{ kind: 'custom', start: '2025-07-01', end: '2026-06-30' }, '2025-07-01', '2026-06-30'],
  ])('%o runs %s to %s', (spec, start, end) => {
    expect(reportPeriod(spec)).toMatchObject({ start, end });
  });

  it('names periods as documents do and keys them stably', () => {
    const h1 = reportPeriod({ kind: 'six_months', year: 2025 });
    expect(periodLabel(h1)).toBe('6 tháng đầu năm 2025');
    expect(periodLabel(h1, 'en')).toBe('First half of 2025');
    expect(periodKey(h1)).toBe('2025-H1');
    expect(periodLabel(reportPeriod({ kind: 'quarter', year: 2025, index: 4 }))).toBe('Quý IV/2025');
    expect(periodKey(reportPeriod({ kind: 'month', year: 2025, index: 3 }))).toBe('2025-M03');
    expect(periodKey(reportPeriod({ kind: 'year', year: 2025 }))).toBe('2025-Y');
    const custom = reportPeriod({ kind: 'custom', start: '2025-07-01', end: '2026-06-30' });
    expect(periodLabel(custom)).toBe('Từ ngày 01/07/2025 đến ngày 30/06/2026');
    expect(periodKey(custom)).toBe('2025-07-01_2026-06-30');
  });

  it('refuses periods that do not exist', () => {
    validationError(() => reportPeriod({ kind: 'quarter', year: 2025, index: 5 }));
    validationError(() => reportPeriod({ kind: 'month', year: 2025, index: 0 }));
    validationError(() => reportPeriod({ kind: 'six_months', year: 2025, index: 3 }));
    validationError(() => reportPeriod({ kind: 'year', year: 1800 }));
    validationError(() => reportPeriod({ kind: 'year', year: 2025.5 }));
    const e = validationError(() => reportPeriod({ kind: 'custom', start: '2025-06-30', end: '2025-01-01' }));
    expect(e.fields?.[0]?.path).toBe('end');
    validationError(() => reportPeriod({ kind: 'custom', start: '2025-02-30', end: '2025-03-01' }));
  });
});

describe('periods a template reports', () => {
  it('lists every half, quarter or month of a year, or only those the template reports', () => {
    expect(periodsOfYear('six_months', 2026).map((p) => p.index)).toEqual([1, 2]);
    expect(periodsOfYear('six_months', 2026, [1]).map((p) => [p.start, p.end])).toEqual([['2026-01-01', '2026-06-30']]);
    expect(periodsOfYear('quarter', 2026, [2, 4]).map((p) => p.index)).toEqual([2, 4]);
    expect(periodsOfYear('year', 2026, null)).toHaveLength(1);
    expect(periodsOfYear('custom', 2026)).toEqual([]);
  });

  it('reads a period key of the template, and refuses a period it does not report', () => {
    expect(periodFromKey('six_months', '2026-H1', [1]).end).toBe('2026-06-30');
    expect(validationError(() => periodFromKey('six_months', '2026-H2', [1])).fields?.[0]?.message).toContain('không có trong mẫu báo cáo');
    validationError(() => periodFromKey('year', '2026-H1'));
    validationError(() => periodFromKey('month', '2026-M13'));
    expect(periodFromKey('custom', '2026-01-01_2026-03-31').end).toBe('2026-03-31');
  });
});

describe('dueDate', () => {
  const year2025 = reportPeriod({ kind: 'year', year: 2025 });
  const h1 = reportPeriod({ kind: 'six_months', year: 2025 });

  it('puts the six-month report of seed 004 on 31/5, before its period ends on 30/6', () => {
    expect(h1.end).toBe('2025-06-30');
    expect(dueDate(h1, { day: 31, month: 5 })).toBe('2025-05-31');
  });

  it('puts the yearly report on 30/11 and the wards’ on 15/12 of the same year', () => {
    expect(dueDate(year2025, { day: 30, month: 11 })).toBe('2025-11-30');
    expect(dueDate(year2025, { day: 15, month: 12 })).toBe('2025-12-15');
  });

  it('moves a day/month before the period start into the following year', () => {
    expect(dueDate(reportPeriod({ kind: 'custom', start: '2025-07-01', end: '2026-06-30' }), { day: 31, month: 5 })).toBe('2026-05-31');
    expect(dueDate(reportPeriod({ kind: 'custom', start: '2025-07-01', end: '2026-06-30' }), { day: 15, month: 7 })).toBe('2025-07-15');
  });

  it('reads a day/month as the first half, quarter or month of the year and moves later ones on by their length', () => {
    // Seed 004: the first half due 31/5; a second half of the same template would be due 30/11.
    expect(dueDate(reportPeriod({ kind: 'six_months', year: 2025, index: 2 }), { day: 31, month: 5 })).toBe('2025-11-30');
    // Quarterly "by the 15th of the month after the quarter", written for the first quarter as 15/4.
    expect(dueDate(reportPeriod({ kind: 'quarter', year: 2025, index: 1 }), { day: 15, month: 4 })).toBe('2025-04-15');
    expect(dueDate(reportPeriod({ kind: 'quarter', year: 2025, index: 3 }), { day: 15, month: 4 })).toBe('2025-10-15');
    expect(dueDate(reportPeriod({ kind: 'quarter', year: 2025, index: 4 }), { day: 15, month: 4 })).toBe('2026-01-15');
    // Monthly "by the 25th of the month" (hard sample 5), and "by the 5th of the next month".
    expect(dueDate(reportPeriod({ kind: 'month', year: 2025, index: 7 }), { day: 25, month: 1 })).toBe('2025-07-25');
    expect(dueDate(reportPeriod({ kind: 'month', year: 2025, index: 12 }), { day: 5, month: 2 })).toBe('2026-01-05');
  });

  it('clamps 31/2 and 29/2 to the last day of February, and 31/4 to 30/4', () => {
    expect(dueDate(reportPeriod({ kind: 'year', year: 2025 }), { day: 31, month: 2 })).toBe('2025-02-28');
    expect(dueDate(reportPeriod({ kind: 'year', year: 2025 }), { day: 29, month: 2 })).toBe('2025-02-28');
    expect(dueDate(reportPeriod({ kind: 'year', year: 2024 }), { day: 29, month: 2 })).toBe('2024-02-29');
    expect(dueDate(reportPeriod({ kind: 'year', year: 2028 }), { day: 31, month: 2 })).toBe('2028-02-29');
    expect(dueDate(reportPeriod({ kind: 'year', year: 2100 }), { day: 29, month: 2 })).toBe('2100-02-28');
    expect(dueDate(year2025, { day: 31, month: 4 })).toBe('2025-04-30');
    // Clamped in the month it lands in: "the last day of the next month", written 31/1 for January,
    // is 28/02 for February 2027, 29/02 for February 2028 and 31/12 for November.
    expect(dueDate(reportPeriod({ kind: 'month', year: 2027, index: 1 }), { day: 31, month: 2 })).toBe('2027-02-28');
    expect(dueDate(reportPeriod({ kind: 'month', year: 2027, index: 2 }), { day: 31, month: 1 })).toBe('2027-02-28');
    expect(dueDate(reportPeriod({ kind: 'month', year: 2028, index: 2 }), { day: 31, month: 1 })).toBe('2028-02-29');
    expect(dueDate(reportPeriod({ kind: 'month', year: 2027, index: 11 }), { day: 31, month: 1 })).toBe('2027-11-30');
    expect(dueDate(reportPeriod({ kind: 'six_months', year: 2027, index: 2 }), { day: 31, month: 8 })).toBe('2028-02-29');
  });

  it('takes an exact date, but not one before the period starts', () => {
    expect(dueDate(h1, { date: '2025-06-05' })).toBe('2025-06-05');
    const e = validationError(() => dueDate(h1, { date: '2024-12-31' }));
    expect(e.fields?.[0]?.message).toContain('Hạn báo cáo trước ngày bắt đầu');
    validationError(() => dueDate(h1, { date: '2025-02-29' }));
  });

  it('refuses a day or month out of range', () => {
    validationError(() => dueDate(year2025, { day: 32, month: 5 }));
    validationError(() => dueDate(year2025, { day: 0, month: 5 }));
    validationError(() => dueDate(year2025, { day: 15, month: 13 }));
    validationError(() => dueDate(reportPeriod({ kind: 'quarter', year: 2100, index: 4 }), { day: 15, month: 4 }));
  });
});

describe('timeliness', () => {
  it('counts 23:30 Vietnam time on the due date (16:30 UTC) as on time', () => {
    expect(timeliness('2025-05-31T23:30:00+07:00', '2025-05-31')).toEqual({ onTime: true, daysLate: 0, submittedOn: '2025-05-31' });
    expect(timeliness(new Date('2025-05-31T16:30:00Z'), '2025-05-31').onTime).toBe(true);
    expect(timeliness('2025-05-31T16:59:59.999Z', '2025-05-31').onTime).toBe(true);
  });

  it('counts 00:10 Vietnam time the next day as one day late, though it is still 31/5 in UTC', () => {
    expect(timeliness('2025-05-31T17:10:00Z', '2025-05-31')).toEqual({ onTime: false, daysLate: 1, submittedOn: '2025-06-01' });
    expect(timeliness('2025-06-01T00:10:00+07:00', '2025-05-31').daysLate).toBe(1);
  });

  it('counts early submissions as on time and late ones in whole Vietnam days, across the year', () => {
    expect(timeliness('2025-01-10T02:00:00Z', '2025-05-31')).toMatchObject({ onTime: true, daysLate: 0 });
    expect(timeliness('2026-01-02T09:00:00+07:00', '2025-12-15')).toMatchObject({ onTime: false, daysLate: 18 });
    // 31/12 at 18:00 UTC is already 01/01 in Vietnam.
    expect(timeliness('2025-12-31T18:00:00Z', '2025-12-31')).toMatchObject({ onTime: false, daysLate: 1, submittedOn: '2026-01-01' });
    expect(timeliness('2024-03-01T08:00:00+07:00', '2024-02-28').daysLate).toBe(2);
    expect(timeliness('2025-03-01T08:00:00+07:00', '2025-02-28').daysLate).toBe(1);
  });
});

describe('reminderInstants', () => {
  const h1 = reportPeriod({ kind: 'six_months', year: 2025 });
  const base = { due: '2025-05-31', templateId: 12, unitId: 34, period: h1 };

  it('reminds 7 and 1 days before and every 3 days after the due date, at 08:00 Vietnam time', () => {
    const slots = reminderInstants({ ...base, schedule: { daysBefore: [7, 1], everyDaysAfter: 3, maxAfter: 3, at: '08:00' } });
    expect(slots.map((s) => [s.offsetDays, s.date, s.at.toISOString()])).toEqual([
      [-7, '2025-05-24', '2025-05-24T01:00:00.000Z'],
      [-1, '2025-05-30', '2025-05-30T01:00:00.000Z'],
      [3, '2025-06-03', '2025-06-03T01:00:00.000Z'],
      [6, '2025-06-06', '2025-06-06T01:00:00.000Z'],
      [9, '2025-06-09', '2025-06-09T01:00:00.000Z'],
    ]);
    expect(slots.map((s) => s.key)).toEqual([
      'report-reminder/12/34/2025-H1/-7',
      'report-reminder/12/34/2025-H1/-1',
      'report-reminder/12/34/2025-H1/+3',
      'report-reminder/12/34/2025-H1/+6',
      'report-reminder/12/34/2025-H1/+9',
    ]);
  });

  it('gives the same keys every time, and different ones per unit, template and period', () => {
    const a = reminderInstants({ ...base, schedule: defaultReminderSchedule });
    expect(reminderInstants({ ...base, schedule: defaultReminderSchedule })).toEqual(a);
    expect(a).toHaveLength(2 + defaultReminderSchedule.maxAfter);
    const others = [
      reminderInstants({ ...base, unitId: 35, schedule: defaultReminderSchedule }),
      reminderInstants({ ...base, templateId: 13, schedule: defaultReminderSchedule }),
      reminderInstants({ ...base, period: reportPeriod({ kind: 'six_months', year: 2025, index: 2 }), schedule: defaultReminderSchedule }),
    ];
    const keys = new Set([a, ...others].flat().map((s) => s.key));
    expect(keys.size).toBe(4 * a.length);
  });

  it('crosses the year and drops duplicates, keeping time order', () => {
    const slots = reminderInstants({
      due: '2025-12-30',
      templateId: 'ward-year',
      unitId: 1,
      period: reportPeriod({ kind: 'year', year: 2025 }),
      schedule: { daysBefore: [1, 7, 1, 0], everyDaysAfter: 2, maxAfter: 2, at: '07:30' },
    });
    expect(slots.map((s) => [s.key, s.date])).toEqual([
      ['report-reminder/ward-year/1/2025-Y/-7', '2025-12-23'],
      ['report-reminder/ward-year/1/2025-Y/-1', '2025-12-29'],
      ['report-reminder/ward-year/1/2025-Y/0', '2025-12-30'],
      ['report-reminder/ward-year/1/2025-Y/+2', '2026-01-01'],
      ['report-reminder/ward-year/1/2025-Y/+4', '2026-01-03'],
    ]);
    // 07:30 in Vietnam on 01/01/2026 is 00:30 UTC that day.
    expect(slots[3]?.at.toISOString()).toBe('2026-01-01T00:30:00.000Z');
  });

  it('keeps only instants inside from/until, and none after the due date without a repeat', () => {
    const slots = reminderInstants({ ...base, schedule: defaultReminderSchedule, from: new Date('2025-05-30T00:00:00Z'), until: new Date('2025-06-05T00:00:00Z') });
    expect(slots.map((s) => s.offsetDays)).toEqual([-1, 3]);
    expect(reminderInstants({ ...base, schedule: { daysBefore: [3], everyDaysAfter: null, maxAfter: 5, at: '08:00' } }).map((s) => s.offsetDays)).toEqual([-3]);
  });

  it('refuses a schedule that makes no sense', () => {
    validationError(() => reminderInstants({ ...base, schedule: { ...defaultReminderSchedule, daysBefore: [-1] } }));
    validationError(() => reminderInstants({ ...base, schedule: { ...defaultReminderSchedule, everyDaysAfter: 0 } }));
    validationError(() => reminderInstants({ ...base, schedule: { ...defaultReminderSchedule, maxAfter: 1000 } }));
    validationError(() => reminderInstants({ ...base, schedule: { ...defaultReminderSchedule, at: '25:00' } }));
  });
});
