import type { ReportDetail, ReportTemplateList, ReportTemplateView } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { auditCount, newUnit, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate, type TestReportTemplate } from '../../../test/report-factories.js';
import { newPublishedPlan } from '../../../test/registration-factories.js';

describe('reports', () => {
  let t: TestApp;
  let province: TestUnit;
  let commune: TestUnit;
  let agency: TestUnit;
  let office: TestUnit;
  let template: TestReportTemplate;
  let officer: Client;
  let head: Client;
  let communeOfficer: Client;

  beforeAll(async () => {
    t = await testApp();
    const db = t.ctx.db;
    province = await newUnit(db, { kind: 'province' });
    commune = await newUnit(db, { parent: province, kind: 'commune' });
    agency = await newUnit(db, { parent: commune, kind: 'agency' });
    office = await newUnit(db, { parent: commune, kind: 'office' });
    template = await newReportTemplate(db, { periodKind: 'six_months', reporterKinds: ['province', 'commune', 'agency'] });
    officer = await clientWith(t, [['unit_officer', agency]]);
    head = await clientWith(t, [['unit_head', commune]]);
    communeOfficer = await clientWith(t, [['unit_officer', office]]);
  });

  const reportRow = (id: number) => t.ctx.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  describe('templates', () => {
    it('ships the office-culture templates: six months due 31/5 and the year due 30/11, with typed and counted indicators', async () => {
      const res = await officer.get('/api/report-templates');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json<ReportTemplateList>().items;
      const six = items.find((i) => i.code === 'six_months')!;
      const year = items.find((i) => i.code === 'year')!;
      // The six-month report is the first half's only (6 tháng đầu năm): the yearly one covers the rest.
      expect([six.dueDay, six.dueMonth, six.periodKind, six.periodIndexes, six.planId]).toEqual([31, 5, 'six_months', [1], null]);
      expect([year.dueDay, year.dueMonth, year.periodKind, year.periodIndexes]).toEqual([30, 11, 'year', null]);
      const indicators = year.content.sections.flatMap((s) => s.indicators);
      expect(indicators.find((i) => i.source === 'registrations.people')).toBeDefined();
      expect(indicators.find((i) => i.source === 'evidence.items')).toBeDefined();
      expect(indicators.filter((i) => !i.source).map((i) => [i.label, i.kind])).toEqual([
        ['Số cuộc tuyên truyền, hội nghị', 'number'],
        ['Tỷ lệ cơ quan niêm yết quy tắc ứng xử', 'percent'],
        ['Có xây dựng quy chế văn hóa công sở', 'boolean'],
        ['Ghi chú', 'text'],
      ]);
      expect(year.content.narratives.map((n) => n.title)).toEqual(['Kết quả đạt được', 'Tồn tại, hạn chế', 'Nguyên nhân', 'Phương hướng, nhiệm vụ', 'Đề xuất, kiến nghị']);
      expect(six.allowed).toEqual([]);
    });

    it('a plan gets its own template copied from the default, checked against the registry, and edits it', async () => {
      const plan = await newPublishedPlan(t.ctx.db, province, { year: 2026 });
      const so = await clientWith(t, [['standing_officer', province]]);
      const created = await so.post('/api/report-templates', { planId: plan.id, code: 'nam', periodKind: 'year', reporterKinds: ['commune'] });
      expect(created.statusCode, created.body).toBe(201);
      const view = created.json<ReportTemplateView>();
      expect(view).toMatchObject({ planId: plan.id, dueDay: 30, dueMonth: 11, reporterKinds: ['commune'], allowed: ['edit'] });
      expect(view.content.sections.length).toBeGreaterThan(0);

      const again = await so.post('/api/report-templates', { planId: plan.id, code: 'nam', periodKind: 'year' });
      expect(again.statusCode).toBe(409);

      const unknownSource = {
        sections: [{ key: 's', title: 'S', indicators: [{ key: 'x', label: 'X', kind: 'number', source: 'khong.co' }] }],
        narratives: [],
      };
      const bad = await so.post('/api/report-templates', { planId: plan.id, code: 'sai', periodKind: 'year', content: unknownSource });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0].message).toContain('khong.co');

      const duplicate = {
        sections: [{ key: 's', title: 'S', indicators: [{ key: 'x', label: 'X', kind: 'number' }, { key: 'x', label: 'Y', kind: 'percent' }] }],
        narratives: [],
      };
      expect((await so.post('/api/report-templates', { planId: plan.id, code: 'trung', periodKind: 'year', content: duplicate })).statusCode).toBe(400);
      const wrongKind = {
        sections: [{ key: 's', title: 'S', indicators: [{ key: 'x', label: 'X', kind: 'percent', source: 'registrations.people' }] }],
        narratives: [],
      };
      expect((await so.post('/api/report-templates', { planId: plan.id, code: 'kieu', periodKind: 'year', content: wrongKind })).statusCode).toBe(400);

      const patched = await so.patch(`/api/report-templates/${view.id}`, { name: 'Báo cáo năm của tỉnh', dueDay: 15, dueMonth: 12 });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json<ReportTemplateView>()).toMatchObject({ name: 'Báo cáo năm của tỉnh', dueDay: 15, dueMonth: 12 });
      const listed = (await so.get(`/api/report-templates?planId=${plan.id}`)).json<ReportTemplateList>().items;
      expect(listed.map((i) => i.code)).toEqual(['nam']);

      // A copy of the six-month default keeps its first-half-only rhythm; a quarterly one may report
      // some quarters; every quarter chosen is the same as none (null); a year has no quarters.
      const six = await so.post('/api/report-templates', { planId: plan.id, code: 'sau_thang', periodKind: 'six_months' });
      expect(six.json<ReportTemplateView>().periodIndexes).toEqual([1]);
      const quarterly = await so.post('/api/report-templates', { planId: plan.id, code: 'quy', periodKind: 'quarter', dueDay: 15, dueMonth: 4, periodIndexes: [4, 2, 2] });
      expect(quarterly.statusCode, quarterly.body).toBe(201);
      const q = quarterly.json<ReportTemplateView>();
      expect(q.periodIndexes).toEqual([2, 4]);
      expect((await so.patch(`/api/report-templates/${q.id}`, { periodIndexes: [1, 2, 3, 4] })).json<ReportTemplateView>().periodIndexes).toBeNull();
      const fifth = await so.patch(`/api/report-templates/${q.id}`, { periodIndexes: [5] });
      expect(fifth.statusCode).toBe(400);
      expect(fifth.json().error.fields[0].message).toContain('từ 1 đến 4');
      const yearly = await so.patch(`/api/report-templates/${view.id}`, { periodIndexes: [1] });
      expect(yearly.statusCode).toBe(400);
      expect((await so.get(`/api/report-templates/${view.id}`)).json<ReportTemplateView>().periodIndexes).toBeNull();
    });
  });

  it('makes a plan’s templates from the deadlines its document states, once', async () => {
    const db = t.ctx.db;
    const city = await newUnit(db, { kind: 'province', name: 'UBND tỉnh Đắk Lắk' });
    const plan = await newPublishedPlan(db, city, { year: 2026 });
    const so = await clientWith(t, [['standing_officer', city]]);
    // Nothing to make a template from yet: a clear 400, nothing saved.
    const none = await so.post('/api/report-templates/from-plan', { planId: plan.id });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].message).toContain('chưa có hạn báo cáo');
    // Seed 004: "Báo cáo 6 tháng gửi trước ngày 31/5 hàng năm và báo cáo năm gửi trước ngày 30/11", to Sở Nội vụ.
    await db
      .insertInto('plan_deadlines')
      .values([
        { plan_id: plan.id, day: 31, month: 5, period: 'six_months', recipient_text: 'Sở Nội vụ', text: 'Báo cáo 6 tháng gửi trước ngày 31/5 hàng năm', position: 0 },
        { plan_id: plan.id, day: 30, month: 11, period: 'year', recipient_text: 'Sở Nội vụ', text: 'báo cáo năm gửi trước ngày 30/11', position: 1 },
        { plan_id: plan.id, day: 15, month: 1, year: 2027, period: 'once', text: 'Tổng kết giai đoạn trước ngày 15/01/2027', position: 2 },
      ])
      .execute();
    const made = await so.post('/api/report-templates/from-plan', { planId: plan.id });
    expect(made.statusCode, made.body).toBe(201);
    const { created, existing } = made.json<{ created: ReportTemplateView[]; existing: number }>();
    expect(existing).toBe(0);
    expect(created.map((c) => [c.periodKind, c.periodIndexes, c.dueDay, c.dueMonth, c.recipientText, c.planId])).toEqual([
      ['six_months', [1], 31, 5, 'Sở Nội vụ', plan.id],
      ['year', null, 30, 11, 'Sở Nội vụ', plan.id],
    ]);
    expect(created[0]!.name).toBe('Báo cáo kết quả thực hiện văn hóa công sở 6 tháng đầu năm');
    expect(created[1]!.content.sections.length).toBeGreaterThan(0);
    // Again: the templates are there, nothing is made twice.
    const again = (await so.post('/api/report-templates/from-plan', { planId: plan.id })).json<{ created: ReportTemplateView[]; existing: number }>();
    expect([again.created.length, again.existing]).toEqual([0, 2]);
    expect((await so.get(`/api/report-templates?planId=${plan.id}`)).json<ReportTemplateList>().items).toHaveLength(2);
  });

  it('lists for a unit the templates of the published plans covering it, nearest first, then the system’s', async () => {
    const db = t.ctx.db;
    const city = await newUnit(db, { kind: 'province' });
    const ward = await newUnit(db, { parent: city, kind: 'commune' });
    const school = await newUnit(db, { parent: ward, kind: 'school' });
    const cityTpl = await newReportTemplate(db, { planUnit: city, name: 'Báo cáo năm của thành phố' });
    const wardTpl = await newReportTemplate(db, { planUnit: ward, name: 'Báo cáo năm của phường' });
    await newReportTemplate(db, { planUnit: ward, name: 'Mẫu ngừng dùng', active: false });
    await newReportTemplate(db, { planUnit: ward, name: 'Kế hoạch chưa ban hành', planStatus: 'draft' });
    await newReportTemplate(db, { planUnit: school, name: 'Báo cáo của trường' });
    const c = await clientWith(t, [['unit_officer', ward]]);
    const res = await c.get(`/api/report-templates?unitId=${ward.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<ReportTemplateList>().items;
    expect(items.slice(0, 2).map((i) => i.id)).toEqual([wardTpl.id, cityTpl.id]);
    expect(items.slice(2).every((i) => i.planId === null)).toBe(true);
    expect(items.map((i) => i.name)).not.toContain('Báo cáo của trường');
    // A unit outside the caller's subtree is not found.
    expect((await c.get(`/api/report-templates?unitId=${province.id}`)).statusCode).toBe(404);
  });

  describe('a unit’s report', () => {
    it('opens once per period; a period that does not exist and a unit that does not report are refused', async () => {
      const first = await officer.post('/api/reports', { templateId: template.id, unitId: agency.id, year: 2026, index: 1 });
      expect(first.statusCode, first.body).toBe(201);
      const r = first.json<ReportDetail>();
      expect(r).toMatchObject({ periodKey: '2026-H1', periodLabel: '6 tháng đầu năm 2026', periodStart: '2026-01-01', periodEnd: '2026-06-30', dueDate: '2026-05-31' });
      expect(r.allowed).toEqual(['edit', 'submit', 'refresh']);
      const again = await officer.post('/api/reports', { templateId: template.id, unitId: agency.id, year: 2026, index: 1 });
      expect(again.statusCode).toBe(200);
      expect(again.json<ReportDetail>().id).toBe(r.id);

      const noHalf = await officer.post('/api/reports', { templateId: template.id, unitId: agency.id, year: 2026, index: 3 });
      expect(noHalf.statusCode).toBe(400);
      expect(noHalf.json().error.fields[0].path).toBe('index');

      // A template of the first half only has no second-half report.
      await t.ctx.db.updateTable('report_templates').set({ period_indexes: [1] }).where('id', '=', template.id).execute();
      const secondHalf = await officer.post('/api/reports', { templateId: template.id, unitId: agency.id, year: 2026, index: 2 });
      expect(secondHalf.statusCode).toBe(400);
      expect(secondHalf.json().error.fields[0].message).toContain('không báo cáo kỳ 6 tháng cuối năm 2026');
      await t.ctx.db.updateTable('report_templates').set({ period_indexes: null }).where('id', '=', template.id).execute();

      const admin = await adminAt(t, province);
      const notReporting = await admin.post('/api/reports', { templateId: template.id, unitId: office.id, year: 2026 });
      expect(notReporting.statusCode).toBe(400);
      expect(notReporting.json().error.code).toBe('REPORT_NOT_REPORTING_UNIT');
    });

    it('a unit may not report for a subtree not its own; the commune’s office writes the commune’s report', async () => {
      const sibling = await newUnit(t.ctx.db, { parent: commune, kind: 'agency' });
      expect((await officer.post('/api/reports', { templateId: template.id, unitId: sibling.id, year: 2026 })).statusCode).toBe(404);
      expect((await officer.post('/api/reports', { templateId: template.id, unitId: commune.id, year: 2026 })).statusCode).toBe(404);
      expect((await head.post('/api/reports', { templateId: template.id, unitId: agency.id, year: 2026 })).statusCode).toBe(403);
      const own = await communeOfficer.post('/api/reports', { templateId: template.id, unitId: commune.id, year: 2026 });
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json<ReportDetail>().recipientUnitId).toBe(province.id);
    });

    it('a named recipient outside the branch (Sở Nội vụ) lists, reads and accepts the communes’ reports', async () => {
      const db = t.ctx.db;
      const city = await newUnit(db, { kind: 'province' });
      const department = await newUnit(db, { parent: city, kind: 'department', name: 'Sở Nội vụ' });
      const ward = await newUnit(db, { parent: city, kind: 'commune' });
      const tpl = await newReportTemplate(db, { periodKind: 'year', reporterKinds: ['commune'], recipientUnit: department });
      const wardOfficer = await clientWith(t, [['unit_officer', ward]]);
      const opened = (await wardOfficer.post('/api/reports', { templateId: tpl.id, unitId: ward.id, year: 2026 })).json<ReportDetail>();
      expect(opened.recipientUnitId).toBe(department.id);
      expect(opened.recipientUnitName).toBe('Sở Nội vụ');
      await wardOfficer.post(`/api/reports/${opened.id}/submit`);

      const deptHead = await clientWith(t, [['unit_head', department]]);
      const listed = (await deptHead.get(`/api/reports?templateId=${tpl.id}`)).json<{ items: { id: number; allowed: string[] }[] }>().items;
      expect(listed).toEqual([expect.objectContaining({ id: opened.id, allowed: ['return', 'accept'] })]);
      expect((await deptHead.post(`/api/reports/${opened.id}/accept`)).json<ReportDetail>().status).toBe('accepted');
    });

    it('checks each figure against its indicator and names it; nothing is saved', async () => {
      const unit = await newUnit(t.ctx.db, { parent: commune, kind: 'agency' });
      const { id } = await newReport(t.ctx.db, { template, unit, recipient: commune });
      const c = await clientWith(t, [['unit_officer', unit]]);
      const before = await reportRow(id);
      const audits = await auditCount(t.ctx.db);
      const cases: [Record<string, unknown>, string][] = [
        [{ posted_rate: 120 }, 'Tỷ lệ cơ quan niêm yết quy tắc ứng xử'],
        [{ events: -1 }, 'Số cuộc tuyên truyền, hội nghị'],
        [{ events: 'năm' }, 'Số cuộc tuyên truyền, hội nghị'],
        [{ has_rules: 'có' }, 'Có xây dựng quy chế văn hóa công sở'],
        [{ note: 'x'.repeat(2001) }, 'Ghi chú'],
        [{ khong_co: 1 }, 'khong_co'],
      ];
      for (const [values, name] of cases) {
        const res = await c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: 0, values } });
        expect(res.statusCode, JSON.stringify(values)).toBe(400);
        expect(res.json().error.fields[0].message).toContain(name);
      }
      const narrative = await c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: 0, narratives: { khong_co: 'x' } } });
      expect(narrative.statusCode).toBe(400);
      // Each refused figure of one save is named at once, as typed, with the reason; none is corrected.
      const many = await c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: 0, values: { posted_rate: 150, events: -3, note: 'x'.repeat(3200) } } });
      expect(many.statusCode).toBe(400);
      expect(many.json().error.fields.map((f: { path: string; message: string }) => [f.path, f.message])).toEqual([
        ['values.posted_rate', '“Tỷ lệ cơ quan niêm yết quy tắc ứng xử”: tối đa là 100\u00a0%, không nhận 150\u00a0%'],
        ['values.events', '“Số cuộc tuyên truyền, hội nghị”: tối thiểu là 0, không nhận -3'],
        ['values.note', '“Ghi chú”: tối đa 2.000 ký tự (đang có 3.200)'],
      ]);
      const word = await c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: 0, values: { events: 'abc' } } });
      expect(word.json().error.fields[0].message).toBe('“Số cuộc tuyên truyền, hội nghị”: “abc” không phải là một số');
      const longSigner = await c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: 0, signer: 'x'.repeat(201) } });
      expect(longSigner.json().error.fields[0]).toMatchObject({ path: 'signer', message: 'Người ký: tối đa 200 ký tự (đang có 201)' });
      expect(await reportRow(id)).toEqual(before);
      expect(await auditCount(t.ctx.db)).toBe(audits);

      const ok = await c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: 0, values: { posted_rate: 100, events: 0, has_rules: false, note: 'Đủ' } } });
      expect(ok.statusCode, ok.body).toBe(200);
      const stale = await c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: 0, values: { events: 2 } } });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('REPORT_STALE');
    });

    it('goes draft → submitted → returned with a reason → resubmitted → accepted (locked) → unlocked with a reason', async () => {
      const r = (await officer.get(`/api/reports?templateId=${template.id}&unitId=${agency.id}`)).json<{ items: { id: number }[] }>().items[0]!;
      const id = r.id;
      const put = (c: Client, values: Record<string, unknown>) =>
        reportRow(id).then((row) => c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: row.revision, values } }));

      // The recipient reads the child's draft but does not edit it, nor return a draft.
      expect((await head.get(`/api/reports/${id}`)).statusCode).toBe(200);
      expect((await put(head, { events: 9 })).statusCode).toBe(403);
      expect((await head.post(`/api/reports/${id}/return`, { reason: 'Sớm quá' })).json().error.code).toBe('REPORT_WRONG_STATUS');

      expect((await put(officer, { events: 4 })).statusCode).toBe(200);
      const sent = (await officer.post(`/api/reports/${id}/submit`)).json<ReportDetail>();
      // Due 31/5/2026: sent later than that, it is late by the days in between.
      expect(sent.status).toBe('submitted');
      expect(sent.daysLate).toBeGreaterThan(0);
      expect(sent.submittedAt).not.toBeNull();
      expect((await put(officer, { events: 5 })).json().error.code).toBe('REPORT_WRONG_STATUS');
      expect((await officer.post(`/api/reports/${id}/accept`)).statusCode).toBe(403);

      const noReason = await head.post(`/api/reports/${id}/return`, { reason: '  ' });
      expect(noReason.statusCode).toBe(400);
      const returned = await head.post(`/api/reports/${id}/return`, { reason: 'Thiếu số liệu hội nghị' });
      expect(returned.json<ReportDetail>()).toMatchObject({ status: 'returned', returnedReason: 'Thiếu số liệu hội nghị', allowed: [] });
      expect((await officer.get(`/api/reports/${id}`)).json<ReportDetail>().allowed).toEqual(['edit', 'submit', 'refresh']);

      expect((await put(officer, { events: 6 })).statusCode).toBe(200);
      expect((await officer.post(`/api/reports/${id}/submit`)).json<ReportDetail>().status).toBe('submitted');
      const accepted = await head.post(`/api/reports/${id}/accept`);
      expect(accepted.json<ReportDetail>()).toMatchObject({ status: 'accepted', allowed: ['grantLockException'] });

      const locked = await officer.post(`/api/reports/${id}/submit`);
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.code).toBe('REPORT_LOCKED');
      expect((await put(officer, { events: 7 })).json().error.code).toBe('REPORT_LOCKED');

      expect((await head.post(`/api/reports/${id}/lock-exception`, {})).statusCode).toBe(400);
      const unlocked = await head.post(`/api/reports/${id}/lock-exception`, { reason: 'Bổ sung số liệu quý II' });
      expect(unlocked.json<ReportDetail>()).toMatchObject({ status: 'accepted', lockException: { reason: 'Bổ sung số liệu quý II' } });
      expect((await put(officer, { events: 7 })).statusCode).toBe(200);
      const resent = (await officer.post(`/api/reports/${id}/submit`)).json<ReportDetail>();
      expect(resent).toMatchObject({ status: 'submitted', lockException: null, values: { events: { typed: 7 } } });

      const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'report').where('entity_id', '=', String(id)).orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual([
        'report.open',
        'report.update',
        'report.submit',
        'report.return',
        'report.update',
        'report.submit',
        'report.accept',
        'report.lock_exception',
        'report.update',
        'report.submit',
      ]);
    });
  });
});
