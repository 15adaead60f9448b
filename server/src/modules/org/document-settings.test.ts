import type { DocumentSettings, DocumentSettingsView, ReportDetail } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate, officeCultureContent } from '../../../test/report-factories.js';
import { docxTableRows, docxText } from '../documents/docx.testing.js';
import { pdfPageLines } from '../documents/pdf.testing.js';

// A unit's document settings (thể thức văn bản): read with the unit, kept by its head or emulation
// officer, audited; and every state-format document the unit prints takes them — the issuer lines,
// "Số: 125/BC-UBND", the place and the signature block.

let t: TestApp;
let national: TestUnit;
let province: TestUnit;
let ward: TestUnit;
let homeAffairs: TestUnit;

/** What the demonstration ward prints. */
const wardSettings: DocumentSettings = {
  governingBody: 'Ủy ban nhân dân',
  issuingBody: 'Phường Nha Trang',
  codeSuffix: 'UBND',
  place: 'Nha Trang',
  signPrefix: 'TM.',
  signAuthority: 'Ủy ban nhân dân',
  signerTitle: 'KT. Chủ tịch\nPhó Chủ tịch',
  signerName: 'Phạm Minh Tuấn',
};

const put = (c: Client, unit: TestUnit, body: object) => c.request({ method: 'PUT', url: `/api/units/${unit.id}/document-settings`, payload: body });

beforeAll(async () => {
  t = await testApp();
  const db = t.ctx.db;
  national = await newUnit(db, { kind: 'national', name: 'Việt Nam' });
  province = await newUnit(db, { parent: national, kind: 'province', name: 'Tỉnh Khánh Hòa' });
  ward = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
  homeAffairs = await newUnit(db, { parent: province, kind: 'department', name: 'Sở Nội vụ tỉnh Khánh Hòa' });
  await db.updateTable('units').set({ short_name: 'SNV' }).where('id', '=', homeAffairs.id).execute();
});

describe('GET/PUT/DELETE /api/units/:id/document-settings', () => {
  it('offers what the tree suggests until the unit sets its own, and says who may change them', async () => {
    const officer = await clientWith(t, [['unit_officer', ward]]);
    const res = await officer.get(`/api/units/${ward.id}/document-settings`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<DocumentSettingsView>();
    expect(view).toMatchObject({ unitId: ward.id, custom: false, updatedAt: null });
    expect(view.settings).toEqual(view.defaults);
    expect(view.settings).toMatchObject({ governingBody: 'ỦY BAN NHÂN DÂN', issuingBody: 'PHƯỜNG NHA TRANG', codeSuffix: 'PNT', place: 'Nha Trang', signPrefix: 'TM.', signerTitle: 'CHỦ TỊCH' });
    expect(view.allowed).toContain('unit.documents');
    const viewer = await clientWith(t, [['viewer', province]]);
    const seen = await viewer.get(`/api/units/${homeAffairs.id}/document-settings`);
    expect(seen.json<DocumentSettingsView>().settings).toMatchObject({ governingBody: 'UBND TỈNH KHÁNH HÒA', issuingBody: 'SỞ NỘI VỤ', codeSuffix: 'SNV', place: 'Khánh Hòa', signPrefix: null, signerTitle: 'GIÁM ĐỐC' });
    expect(seen.json<DocumentSettingsView>().allowed).not.toContain('unit.documents');
  });

  it('stores the settings of the unit’s officer, audited, and drops them again on reset', async () => {
    const unit = await newUnit(t.ctx.db, { parent: province, kind: 'commune', name: 'Phường Bắc Nha Trang' });
    const officer = await clientWith(t, [['unit_officer', unit]]);
    const saved = await put(officer, unit, { ...wardSettings, issuingBody: '  Phường Bắc Nha Trang  ', signerTitle: 'KT. Chủ tịch\n\n  Phó   Chủ tịch ' });
    expect(saved.statusCode, saved.body).toBe(200);
    const view = saved.json<DocumentSettingsView>();
    expect(view.custom).toBe(true);
    // Lines are trimmed and empty ones dropped; the case stays as typed (the documents print capitals).
    expect(view.settings).toMatchObject({ issuingBody: 'Phường Bắc Nha Trang', signerTitle: 'KT. Chủ tịch\nPhó Chủ tịch' });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'unit').where('entity_id', '=', String(unit.id)).orderBy('id', 'desc').executeTakeFirst();
    expect(audit).toMatchObject({ action: 'unit.documents.update', after: { codeSuffix: 'UBND', signerName: 'Phạm Minh Tuấn' } });

    const reset = await officer.delete(`/api/units/${unit.id}/document-settings`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json<DocumentSettingsView>()).toMatchObject({ custom: false, settings: { issuingBody: 'PHƯỜNG BẮC NHA TRANG', codeSuffix: 'PBNT' } });
  });

  it('refuses settings that would print wrongly, naming the field', async () => {
    const officer = await clientWith(t, [['unit_officer', ward]]);
    const cases: [Partial<DocumentSettings>, string][] = [
      [{ codeSuffix: 'ubnd' }, 'codeSuffix'],
      [{ codeSuffix: 'BC/UBND' }, 'codeSuffix'],
      [{ issuingBody: '  ' }, 'issuingBody'],
      [{ place: '' }, 'place'],
      [{ signAuthority: '' }, 'signAuthority'],
      [{ signPrefix: null }, 'signPrefix'],
      [{ signPrefix: null, signAuthority: '', signerTitle: '' }, 'signerTitle'],
      [{ governingBody: 'A\nB\nC' }, 'governingBody'],
    ];
    for (const [change, field] of cases) {
      const res = await put(officer, ward, { ...wardSettings, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    expect((await officer.get(`/api/units/${ward.id}/document-settings`)).json<DocumentSettingsView>().custom).toBe(false);
  });
});

describe('documents printed with the unit’s settings', () => {
  it('heads and signs the ward’s report as its committee writes it, numbered “Số: 125/BC-UBND”, named as an official would', async () => {
    const unit = await newUnit(t.ctx.db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    const officer = await clientWith(t, [['unit_officer', unit]]);
    expect((await put(officer, unit, { ...wardSettings })).statusCode).toBe(200);
    const template = await newReportTemplate(t.ctx.db, { planUnit: province, periodKind: 'year', reporterKinds: ['commune'], name: 'Kết quả thực hiện văn hóa công sở năm' });
    const report = await newReport(t.ctx.db, { template, unit, recipient: homeAffairs, status: 'submitted', submittedAt: '2026-11-20T03:00:00Z', number: '125' });

    const detail = (await officer.get(`/api/reports/${report.id}`)).json<ReportDetail>();
    expect(detail).toMatchObject({ number: '125', referenceCode: 'BC-UBND', defaultSigner: 'Phạm Minh Tuấn' });

    const res = await officer.get(`/api/reports/${report.id}/document.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Bao-cao-nam-2026-Phuong-Nha-Trang.docx"; filename*=UTF-8''Bao-cao-nam-2026-Phuong-Nha-Trang.docx`);
    const rows = docxTableRows(res.rawPayload);
    expect(rows[0]).toEqual(['ỦY BAN NHÂN DÂN\nPHƯỜNG NHA TRANG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc']);
    expect(rows[1]).toEqual(['Số: 125/BC-UBND', 'Nha Trang, ngày 20 tháng 11 năm 2026']);
    expect(rows.at(-1)![1]).toBe('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhạm Minh Tuấn');
    const text = docxText(res.rawPayload);
    expect(text).not.toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(text).not.toContain('Ký tên, đóng dấu');

    const pdf = await officer.get(`/api/reports/${report.id}/document.pdf`);
    expect(pdf.headers['content-disposition']).toContain('filename="Bao-cao-nam-2026-Phuong-Nha-Trang.pdf"');
    const lines = (await pdfPageLines(pdf.rawPayload)).flat();
    expect(lines[0]).toBe('ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines[1]).toBe('PHƯỜNG NHA TRANG Độc lập - Tự do - Hạnh phúc');
    expect(lines[2]).toBe('Số: 125/BC-UBND Nha Trang, ngày 20 tháng 11 năm 2026');
    expect(lines.join('\n')).toMatch(/TM\. ỦY BAN NHÂN DÂN\n(.*\n)*KT\. CHỦ TỊCH\n(.*\n)*PHÓ CHỦ TỊCH\n(.*\n)*Phạm Minh Tuấn/);
  });

  it('prints a department under its province’s committee, signed by its director; the report’s own signer comes first', async () => {
    const director = await clientWith(t, [['unit_head', homeAffairs]]);
    const saved = await put(director, homeAffairs, {
      governingBody: 'UBND tỉnh Khánh Hòa',
      issuingBody: 'Sở Nội vụ',
      codeSuffix: 'SNV',
      place: 'Khánh Hòa',
      signPrefix: 'KT.',
      signAuthority: 'Giám đốc',
      signerTitle: 'Phó Giám đốc',
      signerName: 'Trần Thị Ánh Tuyết',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const template = await newReportTemplate(t.ctx.db, { planUnit: province, periodKind: 'six_months', reporterKinds: ['department'], content: officeCultureContent, name: 'Kết quả thực hiện văn hóa công sở' });
    const report = await newReport(t.ctx.db, { template, unit: homeAffairs, recipient: province, status: 'draft', number: '7', signer: 'Lê Văn Dễ' });
    const res = await director.get(`/api/reports/${report.id}/document.docx`);
    const rows = docxTableRows(res.rawPayload);
    expect(rows[0]![0]).toBe('UBND TỈNH KHÁNH HÒA\nSỞ NỘI VỤ');
    // Numbers under 10 take a zero (Nghị định 30); a draft leaves the date to write by hand.
    expect(rows[1]![0]).toBe('Số: 07/BC-SNV');
    expect(rows[1]![1]).toMatch(/^Khánh Hòa, ngày\s+tháng\s+năm\s*$/);
    expect(rows.at(-1)![1]).toBe('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn Dễ');
    expect(res.headers['content-disposition']).toContain('filename="Bao-cao-6-thang-dau-nam-2026-So-Noi-vu-tinh-Khanh-Hoa.docx"');
  });
});

describe('the report’s number field', () => {
  it('takes the number only: “125/BC-UBND” is refused next to “Số văn bản”, “125” prints “Số: 125/BC-PNT”', async () => {
    const unit = await newUnit(t.ctx.db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    const officer = await clientWith(t, [['unit_officer', unit]]);
    const template = await newReportTemplate(t.ctx.db, { planUnit: province, periodKind: 'year', reporterKinds: ['commune'] });
    const report = await newReport(t.ctx.db, { template, unit, recipient: province, status: 'draft' });
    const before = (await officer.get(`/api/reports/${report.id}`)).json<ReportDetail>();
    expect(before.referenceCode).toBe('BC-PNT');

    for (const number of ['125/BC-UBND', '125/BC-PNT', 'Số 125', '12a', '１２５']) {
      const res = await officer.request({ method: 'PUT', url: `/api/reports/${report.id}`, payload: { revision: before.revision, number } });
      expect(res.statusCode, number).toBe(400);
      const { error } = res.json();
      expect(error.code).toBe('DOCUMENT_NUMBER_INVALID');
      expect(error.fields).toEqual([
        {
          path: 'number',
          message: 'Số văn bản: Chỉ ghi số thứ tự của văn bản (ví dụ 125); ký hiệu phía sau như “/BC-UBND” do hệ thống tự thêm',
          messageEn: 'Document number: Give the document’s running number only (e.g. 125); the code after it, such as “/BC-UBND”, is added automatically',
        },
      ]);
    }
    expect((await t.ctx.db.selectFrom('reports').select('number').where('id', '=', report.id).executeTakeFirstOrThrow()).number).toBeNull();

    const saved = await officer.request({ method: 'PUT', url: `/api/reports/${report.id}`, payload: { revision: before.revision, number: '125' } });
    expect(saved.statusCode, saved.body).toBe(200);
    const rows = docxTableRows((await officer.get(`/api/reports/${report.id}/document.docx`)).rawPayload);
    expect(rows[1]![0]).toBe('Số: 125/BC-PNT');
  });
});

describe('document settings authorisation matrix', () => {
  let admin: Client;
  let outsider: Client;
  beforeAll(async () => {
    admin = await adminAt(t, national);
    const elsewhere = await newUnit(t.ctx.db, { parent: national, kind: 'province' });
    outsider = await clientWith(t, [['unit_officer', elsewhere]]);
  });

  const state = (u: TestUnit) => async () => ({
    settings: await t.ctx.db.selectFrom('unit_document_settings').selectAll().where('unit_id', '=', u.id).execute(),
  });

  const routes: MatrixRoute[] = [
    {
      name: 'PUT /api/units/:id/document-settings',
      ok: 200,
      async arrange() {
        const unit = await newUnit(t.ctx.db, { parent: province, kind: 'commune', name: 'Xã Cam Lâm' });
        return { unit, snapshot: state(unit), send: (c) => put(c, unit, { ...wardSettings, issuingBody: 'Xã Cam Lâm', place: 'Cam Lâm' }) };
      },
    },
    {
      name: 'DELETE /api/units/:id/document-settings',
      ok: 200,
      async arrange() {
        const unit = await newUnit(t.ctx.db, { parent: province, kind: 'commune', name: 'Xã Vạn Ninh' });
        await t.ctx.db
          .insertInto('unit_document_settings')
          .values({ unit_id: unit.id, governing_body: 'ỦY BAN NHÂN DÂN', issuing_body: 'XÃ VẠN NINH', code_suffix: 'UBND', place: 'Vạn Ninh', sign_prefix: 'TM.', sign_authority: 'ỦY BAN NHÂN DÂN', signer_title: 'CHỦ TỊCH', signer_name: '' })
          .execute();
        return { unit, snapshot: state(unit), send: (c) => c.delete(`/api/units/${unit.id}/document-settings`) };
      },
    },
  ];

  const callers: MatrixCaller[] = [
    { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) },
    { name: 'staff_member at the unit', expect: () => 403, client: (u) => clientWith(t, [['staff_member', u]]) },
    { name: 'council_member at the unit', expect: () => 403, client: (u) => clientWith(t, [['council_member', u]]) },
    { name: 'unit_officer of another province', expect: () => 404, client: async () => outsider },
    { name: 'unit_officer at the unit', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_officer', u]]) },
    { name: 'unit_head at the unit', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_head', u]]) },
    { name: 'standing_officer of the province', expect: (ok) => ok, client: () => clientWith(t, [['standing_officer', province]]) },
    { name: 'system_admin', expect: (ok) => ok, client: async () => admin },
  ];

  authorisationMatrix(() => t, routes, callers);
});
