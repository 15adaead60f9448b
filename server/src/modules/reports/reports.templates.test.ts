import type { IndicatorSourceList, ReportTemplateList, ReportTemplateView } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';
import { newPublishedPlan } from '../../../test/registration-factories.js';

// What the template editor (trình soạn mẫu báo cáo) relies on: the registry of sources it offers,
// and the edits it sends — a copy of the default turned quarterly, a counted indicator, a bad due rule.
describe('report template editor', () => {
  let t: TestApp;
  let province: TestUnit;
  let standing: Client;

  beforeAll(async () => {
    t = await testApp();
    province = await newUnit(t.ctx.db, { kind: 'province' });
    standing = await clientWith(t, [['standing_officer', province]]);
  });

  it('lists the indicator registry with both labels and its kind, to the signed-in only', async () => {
    const anonymous = await new Client(t.app).get('/api/report-templates/sources');
    expect(anonymous.statusCode).toBe(401);
    // Documented, so app.test.ts's sweep of the OpenAPI document checks it too.
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toContain('/api/report-templates/sources');

    const ward = await newUnit(t.ctx.db, { parent: province, kind: 'commune' });
    const officer = await clientWith(t, [['unit_officer', ward]]);
    const res = await officer.get('/api/report-templates/sources');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<IndicatorSourceList>().items;
    expect(items.find((s) => s.key === 'registrations.people')).toEqual({
      key: 'registrations.people',
      label: { vi: 'Số cá nhân đăng ký thi đua', en: 'Individuals registered' },
      kind: 'number',
    });
    expect(items.map((s) => s.key)).toContain('units.active');
    expect(items.map((s) => s.key)).toEqual([...items.map((s) => s.key)].sort((a, b) => a.localeCompare(b)));
  });

  it('a copy of the six-month default becomes quarterly for Q2 and Q4 with a counted indicator; a day with no month is refused and nothing changes', async () => {
    const plan = await newPublishedPlan(t.ctx.db, province, { year: 2026 });
    const system = (await standing.get('/api/report-templates')).json<ReportTemplateList>().items;
    const six = system.find((x) => x.code === 'six_months')!;

    const created = await standing.post('/api/report-templates', { planId: plan.id, code: 'quy', periodKind: 'quarter', copyFromTemplateId: six.id });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json<ReportTemplateView>();
    expect(view).toMatchObject({ periodKind: 'quarter', periodIndexes: null, content: six.content, allowed: ['edit'] });

    const content = {
      sections: [...view.content.sections, { key: 'units', title: 'Đơn vị', indicators: [{ key: 'unit_count', label: 'Số cơ quan, đơn vị', kind: 'number', source: 'units.active' }] }],
      narratives: [...view.content.narratives, { key: 'highlights', title: 'Điểm nổi bật' }],
    };
    const patched = await standing.patch(`/api/report-templates/${view.id}`, { name: 'Báo cáo quý văn hóa công sở', periodIndexes: [4, 2], content });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<ReportTemplateView>()).toMatchObject({ name: 'Báo cáo quý văn hóa công sở', periodIndexes: [2, 4], content });

    const before = await t.ctx.db.selectFrom('report_templates').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    const bad = await standing.patch(`/api/report-templates/${view.id}`, { name: 'Không được lưu', dueDay: 31, dueMonth: null, dueDate: null });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ path: 'dueDay', message: 'Ngày của hạn báo cáo: Cần nhập cả ngày và tháng của hạn báo cáo' })]);
    expect(await t.ctx.db.selectFrom('report_templates').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow()).toEqual(before);
  });
});
