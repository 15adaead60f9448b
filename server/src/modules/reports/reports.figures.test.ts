import type { ReportDetail } from '@thidua/contracts';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, type TestUnit } from '../../../test/factories.js';
import { newReportTemplate, type TestReportTemplate } from '../../../test/report-factories.js';
import { newPublishedPlan, newRegistration, type TestPlan } from '../../../test/registration-factories.js';
import { docxTableRows } from '../documents/docx.testing.js';
import { pdfPageLines } from '../documents/pdf.testing.js';

// Figures that stay true: a draft says when the system's counts moved since it was opened, refresh
// takes them (typed figures kept), sending takes them too, and a sent report never changes again —
// its page, its .docx and .pdf and its parent's children .xlsx all print what it sent.

describe('reports: the system figures of a draft and of a sent report', () => {
  let t: TestApp;
  let province: TestUnit;
  let commune: TestUnit;
  let plan: TestPlan;
  let template: TestReportTemplate;
  let communeOfficer: Client;
  let provinceOfficer: Client;

  beforeAll(async () => {
    t = await testApp();
    const db = t.ctx.db;
    province = await newUnit(db, { kind: 'province', name: 'Tỉnh Số Liệu' });
    commune = await newUnit(db, { parent: province, kind: 'commune', name: 'Xã Số Liệu' });
    template = await newReportTemplate(db, { periodKind: 'year', reporterKinds: ['province', 'commune'] });
    plan = await newPublishedPlan(db, province, { year: 2026 });
    communeOfficer = await clientWith(t, [['unit_officer', commune]]);
    provinceOfficer = await clientWith(t, [['standing_officer', province]]);
  });

  const register = async (unit: TestUnit, n = 1) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push((await newRegistration(t.ctx.db, { plan, unit, person: await newPerson(t.ctx.db, unit), year: 2026 })).id);
    return ids;
  };
  const ok = async (res: { statusCode: number; body: string; json<T>(): T }) => {
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<ReportDetail>();
  };
  const open = (c: Client, unit: TestUnit) => c.post('/api/reports', { templateId: template.id, unitId: unit.id, year: 2026 }).then(ok);
  const get = (c: Client, id: number) => c.get(`/api/reports/${id}`).then(ok);
  const save = async (c: Client, id: number, body: Record<string, unknown>) =>
    ok(await c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: (await get(c, id)).revision, ...body } }));

  it('a draft tells when registrations changed its system figures; refresh takes the new counts and keeps what was typed', async () => {
    // A commune of another province, apart from the tree the next tests send up.
    const place = await newUnit(t.ctx.db, { parent: await newUnit(t.ctx.db, { kind: 'province' }), kind: 'commune', name: 'Xã Làm Mới' });
    const officer = await clientWith(t, [['unit_officer', place]]);
    await register(place, 2);
    const opened = await open(officer, place);
    expect(opened.values.people_registered).toEqual({ typed: null, computed: 2, consolidated: null });
    expect(opened).toMatchObject({ figuresOutdated: false, outdatedFigures: [] });
    // The unit corrects the count by hand and types a figure the system does not count.
    await save(officer, opened.id, { values: { people_registered: 5, events: 4 } });

    const [, withdrawn] = await register(place, 2);
    const later = await get(officer, opened.id);
    expect(later.figuresOutdated).toBe(true);
    expect(later.outdatedFigures).toEqual([{ key: 'people_registered', stored: 2, current: 4 }]);
    // Reading changes nothing: the stored figures are still those of the opening.
    expect(later.values.people_registered).toEqual({ typed: 5, computed: 2, consolidated: null });

    await t.ctx.db.updateTable('registrations').set({ status: 'withdrawn' }).where('id', '=', withdrawn!).execute();
    expect((await get(officer, opened.id)).outdatedFigures).toEqual([{ key: 'people_registered', stored: 2, current: 3 }]);

    const refreshed = await officer.post(`/api/reports/${opened.id}/refresh`).then(ok);
    expect(refreshed).toMatchObject({ figuresOutdated: false, outdatedFigures: [] });
    expect(refreshed.values.people_registered).toEqual({ typed: 5, computed: 3, consolidated: null });
    expect(refreshed.values.events).toEqual({ typed: 4, computed: null, consolidated: null });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'report').where('entity_id', '=', String(opened.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['report.open', 'report.update', 'report.refresh']);
  });

  it('a report is sent with the counts of the moment it is sent, typed figures kept, and then never changes', async () => {
    await register(commune, 3);
    const draft = await open(communeOfficer, commune);
    expect(draft.values.people_registered!.computed).toBe(3);
    await save(communeOfficer, draft.id, { values: { events: 6 } });
    await register(commune, 1);
    expect((await get(communeOfficer, draft.id)).figuresOutdated).toBe(true);

    const sent = await communeOfficer.post(`/api/reports/${draft.id}/submit`).then(ok);
    expect(sent).toMatchObject({ status: 'submitted', figuresOutdated: false, outdatedFigures: [] });
    expect(sent.values.people_registered).toEqual({ typed: null, computed: 4, consolidated: null });
    expect(sent.values.events).toEqual({ typed: 6, computed: null, consolidated: null });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', 'report.submit').where('entity_id', '=', String(draft.id)).executeTakeFirstOrThrow();
    expect((audit.after as { figuresRefreshed: unknown }).figuresRefreshed).toEqual([{ key: 'people_registered', stored: 3, current: 4 }]);

    // Registrations go on after sending: the sent report keeps what it sent, and says nothing is out of date.
    await register(commune, 2);
    const frozen = await get(communeOfficer, draft.id);
    expect(frozen).toMatchObject({ figuresOutdated: false, outdatedFigures: [] });
    expect(frozen.values.people_registered).toEqual({ typed: null, computed: 4, consolidated: null });
    // Nor can it be refreshed: it is taken back first.
    expect((await communeOfficer.post(`/api/reports/${draft.id}/refresh`)).statusCode).toBe(409);
  });

  it('the sent reports, their .docx and .pdf and the children’s .xlsx all print the figures sent, whatever the system counts later', async () => {
    const communeReport = (await communeOfficer.get(`/api/reports?templateId=${template.id}&periodKey=2026-Y&unitId=${commune.id}`)).json<{ items: { id: number }[] }>().items[0]!;
    // The province: one of its own people registered, then it consolidates the commune's sent report and sends.
    await register(province, 1);
    const provinceDraft = await open(provinceOfficer, province);
    const provinceSent = await provinceOfficer.post(`/api/reports/${provinceDraft.id}/submit`).then(ok);
    // 7 counted in its subtree; consolidated: the commune's sent 4 + the province's own part (7 − 4).
    const shownProvince = provinceSent.values.people_registered!;
    expect(shownProvince).toEqual({ typed: 7, computed: 7, consolidated: 7 });
    const communePage = await get(provinceOfficer, communeReport.id);
    const communeFigure = communePage.values.people_registered!.typed ?? communePage.values.people_registered!.computed;
    expect(communeFigure).toBe(4);
    expect(provinceSent.children.map((c) => [c.unitName, c.values.people_registered])).toContainEqual(['Xã Số Liệu', 4]);

    // Much later the system counts many more; nothing sent moves.
    await register(commune, 5);
    await register(province, 5);
    const provincePage = await get(provinceOfficer, provinceDraft.id);
    expect(provincePage.values.people_registered).toEqual(shownProvince);
    expect(provincePage.figuresOutdated).toBe(false);
    const provinceFigure = String(shownProvince.typed ?? shownProvince.computed);

    // The province's .docx: its own table and the children's table, as on the page.
    const docx = await provinceOfficer.get(`/api/reports/${provinceDraft.id}/document.docx`);
    expect(docx.statusCode).toBe(200);
    const rows = docxTableRows(docx.rawPayload);
    expect(rows.find((r) => r[1] === 'Số cá nhân đăng ký thi đua')![3]).toBe(provinceFigure);
    const childRow = rows.find((r) => r[1] === 'Xã Số Liệu')!;
    expect(childRow[3]).toBe('4');
    expect(rows.find((r) => r[0] === 'Tổng hợp')![1]).toBe(String(shownProvince.consolidated));

    // The .pdf says the same.
    const pdf = await provinceOfficer.get(`/api/reports/${provinceDraft.id}/document.pdf`);
    const lines = (await pdfPageLines(pdf.rawPayload)).flat();
    expect(lines.find((l) => l.includes('Số cá nhân đăng ký thi đua'))).toMatch(new RegExp(`Số cá nhân đăng ký thi đua.* ${provinceFigure}$`));
    expect(lines.find((l) => l.includes('Xã Số Liệu') && l.includes('Đúng hạn'))).toMatch(/Xã Số Liệu Đúng hạn 4 6/);

    // The children's .xlsx: the commune's sent figure and the province's consolidated one.
    const xlsx = await provinceOfficer.get(`/api/reports/${provinceDraft.id}/children.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const all = Array.from({ length: ws.rowCount }, (_, i) => (ws.getRow(i + 1).values as unknown[]).slice(1));
    const header = all.find((r) => r[0] === 'STT')!;
    const col = header.indexOf('Số cá nhân đăng ký thi đua');
    expect(all.find((r) => r[1] === 'Xã Số Liệu')![col]).toBe(4);
    expect(all.find((r) => r[1] === `Tổng hợp của ${province.name}`)![col]).toBe(shownProvince.consolidated);

    // And the commune's own .docx prints its sent 4, not the 11 the system counts now.
    const communeDocx = docxTableRows((await communeOfficer.get(`/api/reports/${communeReport.id}/document.docx`)).rawPayload);
    expect(communeDocx.find((r) => r[1] === 'Số cá nhân đăng ký thi đua')![3]).toBe('4');
  });

  it('an accepted report is not checked; unlocked for correction it is, and sent again with the count of then', async () => {
    const communeReport = (await communeOfficer.get(`/api/reports?templateId=${template.id}&periodKey=2026-Y&unitId=${commune.id}`)).json<{ items: { id: number }[] }>().items[0]!;
    const accepted = await provinceOfficer.post(`/api/reports/${communeReport.id}/accept`).then(ok);
    expect(accepted).toMatchObject({ status: 'accepted', figuresOutdated: false });
    const unlocked = await provinceOfficer.post(`/api/reports/${communeReport.id}/lock-exception`, { reason: 'Bổ sung số liệu đăng ký' }).then(ok);
    // Open again for correction: the commune counts 11 now, it sent 4.
    expect(unlocked.outdatedFigures).toEqual([{ key: 'people_registered', stored: 4, current: 11 }]);
    const resent = await communeOfficer.post(`/api/reports/${communeReport.id}/submit`).then(ok);
    expect(resent.values.people_registered!.computed).toBe(11);
  });
});
