import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser } from '../../../test/factories.js';
import { newReportTemplate, officeCultureContent } from '../../../test/report-factories.js';
import { calendarSources } from '../notifications/calendar-sources.js';
import { reportDueEvents } from './reports.calendar.js';
import { vietnamInstant } from './reports.periods.js';

const PUBLIC_URL = 'https://thidua.example.gov.vn';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ publicUrl: PUBLIC_URL });
});

describe('report deadlines in the iCalendar feed', () => {
  it('is registered as a source of the feed', () => {
    expect(calendarSources().map((s) => s.name)).toContain('report-deadlines');
  });

  it('gives the due dates of the templates whose plan covers my unit, last year to next, and no others', async () => {
    const db = t.ctx.db;
    const province = await newUnit(db, { kind: 'province', name: 'UBND tỉnh Khánh Hòa' });
    const ward = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    const otherProvince = await newUnit(db, { kind: 'province', name: 'UBND tỉnh Phú Yên' });
    const sixMonthly = await newReportTemplate(db, { planUnit: province, periodKind: 'six_months', reporterKinds: ['commune'], content: officeCultureContent, name: 'Báo cáo văn hóa công sở' });
    const yearly = await newReportTemplate(db, { planUnit: province, reporterKinds: [], content: officeCultureContent, name: 'Báo cáo tổng kết', periodKind: 'year', due: { day: 30, month: 11 } });
    await newReportTemplate(db, { planUnit: otherProvince, periodKind: 'six_months', reporterKinds: [], content: officeCultureContent, name: 'Báo cáo của tỉnh khác' });
    await newReportTemplate(db, { planUnit: province, periodKind: 'six_months', reporterKinds: [], content: officeCultureContent, name: 'Mẫu đã ngừng dùng', active: false });
    await newReportTemplate(db, { planUnit: province, periodKind: 'six_months', reporterKinds: [], content: officeCultureContent, name: 'Kế hoạch chưa ban hành', planStatus: 'draft' });

    const events = await reportDueEvents(db, { userId: 0, unitPaths: [ward.path] }, vietnamInstant('2026-03-01', '09:00'));
    const summaries = events.map((e) => e.summary);
    expect(summaries.every((s) => s.includes('Báo cáo văn hóa công sở') || s.includes('Báo cáo tổng kết'))).toBe(true);
    // Two halves and one year for each of 2025, 2026 and 2027.
    expect(events.filter((e) => e.uid.startsWith(`report-due-${sixMonthly.id}-`))).toHaveLength(6);
    expect(events.filter((e) => e.uid.startsWith(`report-due-${yearly.id}-`))).toHaveLength(3);
    const h1 = events.find((e) => e.uid === `report-due-${sixMonthly.id}-2026-H1@thidua`)!;
    expect(h1).toMatchObject({
      date: { year: 2026, month: 5, day: 31 },
      summary: 'Hạn nộp báo cáo: Báo cáo văn hóa công sở – 6 tháng đầu năm 2026',
      link: `/bao-cao?mau=${sixMonthly.id}&ky=2026-H1`,
    });
    expect(h1.description).toContain('Hạn nộp: 31/05/2026, đúng hạn là nộp trước hoặc trong ngày này (giờ Việt Nam)');
    expect(h1.description).toContain('Nơi nhận: UBND tỉnh Khánh Hòa');
    // "31/5" is the first half's deadline; the second half's moves on six months (reports.periods.ts dueDate).
    expect(events.find((e) => e.uid === `report-due-${sixMonthly.id}-2026-H2@thidua`)!.date).toEqual({ year: 2026, month: 11, day: 30 });
    // A template of the first half only (6 tháng đầu năm, seed 004) has no second-half deadlines.
    await db.updateTable('report_templates').set({ period_indexes: [1] }).where('id', '=', sixMonthly.id).execute();
    const firstHalves = await reportDueEvents(db, { userId: 0, unitPaths: [ward.path] }, vietnamInstant('2026-03-01', '09:00'));
    expect(firstHalves.filter((e) => e.uid.startsWith(`report-due-${sixMonthly.id}-`)).map((e) => e.uid.split('-').slice(-2).join('-'))).toEqual(['2025-H1@thidua', '2026-H1@thidua', '2027-H1@thidua']);
    await db.updateTable('report_templates').set({ period_indexes: null }).where('id', '=', sixMonthly.id).execute();

    // The province's own officers see them too (they receive and consolidate); the other province does not.
    expect(await reportDueEvents(db, { userId: 0, unitPaths: [province.path] }, vietnamInstant('2026-03-01', '09:00'))).toHaveLength(9);
    expect(await reportDueEvents(db, { userId: 0, unitPaths: [otherProvince.path] }, vietnamInstant('2026-03-01', '09:00'))).toHaveLength(6);
    expect(await reportDueEvents(db, { userId: 0, unitPaths: [] }, vietnamInstant('2026-03-01', '09:00'))).toEqual([]);

    // Through the feed a calendar app fetches.
    const officer = await newUser(db, { roles: [['unit_officer', ward]] });
    const c = new Client(t.app);
    await c.signIn(officer.username);
    const url = new URL((await c.post('/api/calendar/token')).json().url as string);
    const ics = (await new Client(t.app).get(url.pathname)).body.replace(/\r\n /g, '');
    expect(ics).toContain(`UID:report-due-${sixMonthly.id}-`);
    expect(ics).toContain(`URL:${PUBLIC_URL}/bao-cao?mau=${sixMonthly.id}&ky=`);
    expect(ics).not.toContain('tỉnh khác');
  });
});
