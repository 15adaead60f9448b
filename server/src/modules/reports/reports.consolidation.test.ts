import type { ReportDetail } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, type TestUnit } from '../../../test/factories.js';
import { newReportTemplate, type TestReportTemplate } from '../../../test/report-factories.js';
import { newPublishedPlan, newRegistration } from '../../../test/registration-factories.js';
import { addDays, vietnamDateOf } from './reports.periods.js';

// Consolidation (tổng hợp) over a three-level tree: a province, two communes, agencies below. In
// commune 1, agency A sends on time, agency B (which covers three units) sends three days late and
// agency C never opens its report. Commune 2 never reports to the province.

describe('reports: consolidation', () => {
  let t: TestApp;
  let template: TestReportTemplate;
  let province: TestUnit;
  let commune1: TestUnit;
  let commune2: TestUnit;
  let a: TestUnit;
  let b: TestUnit;
  let c: TestUnit;
  const clients: Record<string, Client> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await testApp();
    const db = t.ctx.db;
    province = await newUnit(db, { kind: 'province', name: 'Tỉnh Thử' });
    commune1 = await newUnit(db, { parent: province, kind: 'commune', name: 'Xã Một' });
    commune2 = await newUnit(db, { parent: province, kind: 'commune', name: 'Xã Hai' });
    a = await newUnit(db, { parent: commune1, kind: 'agency', name: 'Cơ quan A' });
    b = await newUnit(db, { parent: commune1, kind: 'agency', name: 'Cơ quan B' });
    c = await newUnit(db, { parent: commune1, kind: 'agency', name: 'Cơ quan C' });
    // B covers two offices (not reporting units): its percentages weigh 3 against A's 1.
    await newUnit(db, { parent: b, kind: 'office' });
    await newUnit(db, { parent: b, kind: 'office' });
    template = await newReportTemplate(db, { periodKind: 'year', reporterKinds: ['province', 'commune', 'agency'] });

    // Individuals registered: two in A, one in the commune itself (the commune's own part).
    const plan = await newPublishedPlan(db, province, { year: 2026 });
    for (const unit of [a, a, commune1]) {
      const person = await newPerson(db, unit);
      await newRegistration(db, { plan, unit, person, year: 2026 });
    }

    clients.a = await clientWith(t, [['unit_officer', a]]);
    clients.b = await clientWith(t, [['unit_officer', b]]);
    clients.commune1 = await clientWith(t, [['unit_officer', commune1]]);
    clients.commune1Head = await clientWith(t, [['unit_head', commune1]]);
    clients.province = await clientWith(t, [['standing_officer', province]]);
  });

  const open = async (who: string, unit: TestUnit) => {
    const res = await clients[who]!.post('/api/reports', { templateId: template.id, unitId: unit.id, year: 2026 });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<ReportDetail>();
  };
  const save = async (who: string, id: number, body: Record<string, unknown>) => {
    const rev = (await clients[who]!.get(`/api/reports/${id}`)).json<ReportDetail>().revision;
    const res = await clients[who]!.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: rev, ...body } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ReportDetail>();
  };
  const submit = async (who: string, id: number) => {
    const res = await clients[who]!.post(`/api/reports/${id}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ReportDetail>();
  };
  const get = async (who: string, id: number) => (await clients[who]!.get(`/api/reports/${id}`)).json<ReportDetail>();
  const setDue = (id: number, due: string) => t.ctx.db.updateTable('reports').set({ due_date: due }).where('id', '=', id).execute();

  it('the agencies send: A on time, B three days late; the system counts A’s registrations', async () => {
    const today = vietnamDateOf(t.ctx.now());
    const ra = await open('a', a);
    expect(ra.values.people_registered).toEqual({ typed: null, computed: 2, consolidated: null });
    expect(ra.recipientUnitId).toBe(commune1.id);
    ids.a = ra.id;
    await setDue(ra.id, today);
    await save('a', ra.id, { values: { events: 3, posted_rate: 50, has_rules: true }, narratives: { results: 'A tổ chức 3 hội nghị' } });
    const sentA = await submit('a', ra.id);
    expect(sentA).toMatchObject({ status: 'submitted', daysLate: 0, onTime: true });

    const rb = await open('b', b);
    ids.b = rb.id;
    await setDue(rb.id, addDays(today, -3));
    await save('b', rb.id, { values: { events: 5, posted_rate: 100, has_rules: false }, narratives: { results: 'B niêm yết đầy đủ' } });
    const sentB = await submit('b', rb.id);
    expect(sentB).toMatchObject({ status: 'submitted', daysLate: 3, onTime: false });
  });

  it('the commune’s report starts from its children: exact sums, the weighted percentage, the child list', async () => {
    const r = await open('commune1', commune1);
    ids.commune1 = r.id;
    // 2 from A (computed) + 0 from B + the commune's own 1 (3 counted in the subtree − 2 in A's).
    expect(r.values.people_registered).toEqual({ typed: 3, computed: 3, consolidated: 3 });
    expect(r.values.events).toEqual({ typed: 8, computed: null, consolidated: 8 });
    // (50 × 1 unit + 100 × 3 units) / 4 units.
    expect(r.values.posted_rate).toEqual({ typed: 87.5, computed: null, consolidated: 87.5 });
    // One child of two said yes; the commune answers for itself.
    expect(r.values.has_rules).toEqual({ typed: null, computed: null, consolidated: 1 });
    expect(r.consolidatedAt).not.toBeNull();
    expect(r.stale).toBe(false);
    expect(r.children.map((ch) => [ch.unitName, ch.status, ch.daysLate])).toEqual([
      ['Cơ quan A', 'submitted', 0],
      ['Cơ quan B', 'submitted', 3],
      ['Cơ quan C', 'missing', null],
    ]);
    expect(r.children[2]).toMatchObject({ unitId: c.id, reportId: null });
    expect(r.children[0]!.values).toMatchObject({ events: 3, people_registered: 2, has_rules: true });
    expect(r.children.map((ch) => ch.narratives.results ?? null)).toEqual(['A tổ chức 3 hội nghị', 'B niêm yết đầy đủ', null]);
  });

  it('a child returned and resubmitted marks the commune stale; refresh re-sums and keeps an edited figure', async () => {
    const ret = await clients.commune1Head!.post(`/api/reports/${ids.b}/return`, { reason: 'Số hội nghị chưa khớp biên bản' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json<ReportDetail>()).toMatchObject({ status: 'returned', returnedReason: 'Số hội nghị chưa khớp biên bản' });
    expect((await get('commune1', ids.commune1!)).stale).toBe(true);

    // The commune's editor condenses meanwhile: its own percentage is kept through a refresh.
    await save('commune1', ids.commune1!, { values: { posted_rate: 90 }, narratives: { results: 'Các cơ quan thực hiện tốt' } });
    const refreshed = await clients.commune1!.post(`/api/reports/${ids.commune1}/refresh`);
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    // B is back with its unit: only A counts until B sends again.
    expect(refreshed.json<ReportDetail>().values.events).toEqual({ typed: 3, computed: null, consolidated: 3 });

    await save('b', ids.b!, { values: { events: 7 } });
    const again = await submit('b', ids.b!);
    expect(again).toMatchObject({ status: 'submitted', daysLate: 3, returnedReason: 'Số hội nghị chưa khớp biên bản' });
    expect((await get('commune1', ids.commune1!)).stale).toBe(true);

    const r = (await clients.commune1!.post(`/api/reports/${ids.commune1}/refresh`)).json<ReportDetail>();
    expect(r.stale).toBe(false);
    expect(r.values.events).toEqual({ typed: 10, computed: null, consolidated: 10 });
    expect(r.values.posted_rate).toEqual({ typed: 90, computed: null, consolidated: 87.5 });
    expect(r.narratives.results).toBe('Các cơ quan thực hiện tốt');
  });

  it('the province consolidates its communes: the commune sent, the other missing', async () => {
    await submit('commune1', ids.commune1!);
    const res = await clients.province!.post('/api/reports', { templateId: template.id, unitId: province.id, year: 2026 });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<ReportDetail>();
    expect(r.recipientUnitId).toBeNull();
    expect(r.children.map((ch) => [ch.unitName, ch.status])).toEqual([
      ['Xã Hai', 'missing'],
      ['Xã Một', 'submitted'],
    ]);
    expect(r.values.events).toEqual({ typed: 10, computed: null, consolidated: 10 });
    expect(r.values.people_registered).toEqual({ typed: 3, computed: 3, consolidated: 3 });
    expect(r.children.find((ch) => ch.unitId === commune2.id)!.reportId).toBeNull();

    // The list by period shows the four opened reports of the tree to the province.
    const list = await clients.province!.get(`/api/reports?templateId=${template.id}&periodKey=2026-Y`);
    expect(list.json<{ items: { unitName: string }[] }>().items.map((i) => i.unitName).sort()).toEqual(['Cơ quan A', 'Cơ quan B', 'Tỉnh Thử', 'Xã Một']);
  });

  it('a child that sends after its commune sent: the commune takes its report back, refreshes and sends again', async () => {
    // Agency C finally reports, after the commune has sent to the province.
    clients.c = await clientWith(t, [['unit_officer', c]]);
    const rc = await open('c', c);
    await save('c', rc.id, { values: { events: 2 } });
    await submit('c', rc.id);
    const stale = await get('commune1', ids.commune1!);
    expect(stale).toMatchObject({ status: 'submitted', stale: true });
    // A sent report is not edited in place: it is taken back first.
    expect(stale.allowed).toEqual(['recall']);
    expect((await clients.commune1!.post(`/api/reports/${ids.commune1}/refresh`)).statusCode).toBe(409);

    const recalled = await clients.commune1!.post(`/api/reports/${ids.commune1}/recall`);
    expect(recalled.statusCode, recalled.body).toBe(200);
    expect(recalled.json<ReportDetail>()).toMatchObject({ status: 'draft', submittedAt: null, daysLate: null, allowed: ['edit', 'submit', 'refresh'] });
    // The commune's report left the province's sums: the province's report is stale.
    const provinceReport = (await clients.province!.get(`/api/reports?templateId=${template.id}&periodKey=2026-Y`)).json<{ items: { id: number; unitId: number }[] }>().items.find((i) => i.unitId === province.id)!;
    expect((await get('province', provinceReport.id)).stale).toBe(true);
    // Taking back twice, or a draft, is refused and changes nothing.
    expect((await clients.commune1!.post(`/api/reports/${ids.commune1}/recall`)).json().error.code).toBe('REPORT_WRONG_STATUS');

    const r = (await clients.commune1!.post(`/api/reports/${ids.commune1}/refresh`)).json<ReportDetail>();
    expect(r.values.events).toEqual({ typed: 12, computed: null, consolidated: 12 });
    expect(r.children.map((ch) => ch.status)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(await submit('commune1', ids.commune1!)).toMatchObject({ status: 'submitted' });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'report').where('entity_id', '=', String(ids.commune1)).orderBy('id').execute();
    expect(audit.map((x) => x.action).filter((x) => x === 'report.recall')).toHaveLength(1);

    // Once the province accepts it, the commune's report is locked: no taking back.
    const accepted = await clients.province!.post(`/api/reports/${ids.commune1}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const locked = await clients.commune1!.post(`/api/reports/${ids.commune1}/recall`);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('REPORT_LOCKED');
  });
});
