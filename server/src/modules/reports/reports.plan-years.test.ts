import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser } from '../../../test/factories.js';
import { newReportTemplate, officeCultureContent } from '../../../test/report-factories.js';
import { reportDueEvents } from './reports.calendar.js';
import { vietnamInstant } from './reports.periods.js';
import { runReminderSweep } from './reports.reminders.js';

// A report template of a plan for 2027 only (năm áp dụng, plans.years.ts) asks for 2027's reports:
// its deadlines of other years stay out of the calendar feed and nobody is reminded of them.

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('reports of a plan for some years only', () => {
  it('the feed and the reminder sweep keep to the years the plan applies to', async () => {
    const db = t.ctx.db;
    const province = await newUnit(db, { kind: 'province' });
    const ward = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Năm 2027' });
    await newUser(db, { roles: [['unit_officer', ward]], email: 'canbo@phuong2027.example.test' });
    const template = await newReportTemplate(db, {
      planUnit: province,
      reporterKinds: ['commune'],
      content: officeCultureContent,
      periodKind: 'year',
      due: { day: 30, month: 11 },
      schedule: { daysBefore: [1], everyDaysAfter: null, maxAfter: 0, at: '08:00' },
    });
    await db.updateTable('plans').set({ year_from: 2027, year_to: 2027 }).where('id', '=', template.planId!).execute();

    // Last year to next, seen from 2026: only 2027's deadline.
    const events = await reportDueEvents(db, { userId: 0, unitPaths: [ward.path] }, vietnamInstant('2026-03-01', '09:00'));
    expect(events.map((e) => e.uid)).toEqual([`report-due-${template.id}-2027-Y@thidua`]);

    // The day before 2026's deadline nobody is reminded; the day before 2027's the ward is.
    expect((await runReminderSweep(t.ctx, vietnamInstant('2026-11-29', '08:20'))).units).toBe(0);
    const in2027 = await runReminderSweep(t.ctx, vietnamInstant('2027-11-29', '08:20'));
    expect(in2027.units).toBe(1);
    expect(t.mails.map((m) => m.subject)).toEqual([expect.stringContaining('Năm 2027')]);
  });
});
