import type { ReportBoard, ReportDetail } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate, type TestReportTemplate } from '../../../test/report-factories.js';
import { docxTableRows, docxText } from '../documents/docx.testing.js';

// A province above two districts above communes, with one yearly template reported at all three
// levels. The consolidated report's document must show what its page shows: each child with its
// figures and whether it sent on time, and the consolidated total. And the board's block filter
// offers the blocks of the year that take in units reporting there, whoever organises them.

let t: TestApp;
let province: TestUnit;
let districtA: TestUnit;
let districtB: TestUnit;
let communes: TestUnit[];
let template: TestReportTemplate;

beforeAll(async () => {
  t = await testApp();
  const db = t.ctx.db;
  province = await newUnit(db, { kind: 'province', name: 'UBND tỉnh Đắk Lắk' });
  districtA = await newUnit(db, { parent: province, kind: 'district', name: 'UBND huyện Krông Pắc' });
  districtB = await newUnit(db, { parent: province, kind: 'district', name: 'UBND huyện Cư Kuin' });
  communes = [
    await newUnit(db, { parent: districtA, kind: 'commune', name: 'UBND xã Ea Phê' }),
    await newUnit(db, { parent: districtA, kind: 'commune', name: 'UBND xã Ea Kly' }),
    await newUnit(db, { parent: districtB, kind: 'commune', name: 'UBND xã Hòa Hiệp' }),
  ];
  template = await newReportTemplate(db, { periodKind: 'year', reporterKinds: ['province', 'district', 'commune'] });
  // Ea Phê sends on time, Ea Kly three days late; Hòa Hiệp sends nothing.
  await newReport(db, { template, unit: communes[0]!, recipient: districtA, status: 'submitted', values: { events: 5, posted_rate: 80 } });
  await newReport(db, { template, unit: communes[1]!, recipient: districtA, status: 'submitted', daysLate: 3, values: { events: 7, posted_rate: 100 } });
});

const open = async (unit: TestUnit, role: 'unit_officer' | 'standing_officer' = 'unit_officer') => {
  const c = await clientWith(t, [[role, unit]]);
  const res = await c.post('/api/reports', { templateId: template.id, unitId: unit.id, year: 2026 });
  expect(res.statusCode, res.body).toBe(201);
  return { c, report: res.json<ReportDetail>() };
};

describe('the document of a consolidated report on a three-level tree', () => {
  it('prints each child with its timeliness and figures, who has not sent, and the consolidated total', async () => {
    // The district consolidates its communes and sends; the province then consolidates the districts.
    const district = await open(districtA);
    expect(district.report.values.events).toMatchObject({ consolidated: 12, typed: 12 });
    expect((await district.c.post(`/api/reports/${district.report.id}/submit`)).statusCode).toBe(200);
    const prov = await open(province, 'standing_officer');
    expect(prov.report.values.events).toMatchObject({ consolidated: 12 });

    const districtDoc = await district.c.get(`/api/reports/${district.report.id}/document.docx`);
    expect(districtDoc.statusCode, districtDoc.body).toBe(200);
    const districtRows = docxTableRows(districtDoc.rawPayload);
    expect(districtRows).toContainEqual(['STT', 'Đơn vị', 'Tình hình gửi', 'Số cá nhân đăng ký thi đua', 'Số cuộc tuyên truyền, hội nghị', 'Tỷ lệ cơ quan niêm yết quy tắc ứng xử (%)']);
    expect(districtRows).toContainEqual(['1', 'UBND xã Ea Kly', 'Muộn 3 ngày', '', '7', '100\u00a0%']);
    expect(districtRows).toContainEqual(['2', 'UBND xã Ea Phê', 'Đúng hạn', '', '5', '80\u00a0%']);
    // Percentages weighted by the units each commune covers (one each here): (80 + 100) / 2.
    expect(districtRows).toContainEqual(['Tổng hợp', '0', '12', '90\u00a0%']);
    expect(docxText(districtDoc.rawPayload)).toContain('Số đơn vị phải báo cáo: 2; đã gửi: 2 (đúng hạn: 1, muộn: 1); chưa gửi: 0.');

    const provinceDoc = await prov.c.get(`/api/reports/${prov.report.id}/document.docx`);
    const text = docxText(provinceDoc.rawPayload);
    // Only the districts: the communes are inside the districts' figures, not listed twice.
    expect(text).toContain('II. SỐ LIỆU CỦA CÁC ĐƠN VỊ TRỰC THUỘC');
    expect(text.indexOf('II. SỐ LIỆU CỦA CÁC ĐƠN VỊ TRỰC THUỘC')).toBeLessThan(text.indexOf('III. KẾT QUẢ ĐẠT ĐƯỢC'));
    expect(text).toContain('Số đơn vị phải báo cáo: 2; đã gửi: 1 (đúng hạn: 1, muộn: 0); chưa gửi: 1 (UBND huyện Cư Kuin).');
    expect(text).not.toContain('UBND xã Ea Phê');
    const rows = docxTableRows(provinceDoc.rawPayload);
    expect(rows).toContainEqual(['1', 'UBND huyện Cư Kuin', 'Chưa báo cáo', '', '', '']);
    // The district's figure of people registered is the system's count (0), as it sent it.
    expect(rows).toContainEqual(['2', 'UBND huyện Krông Pắc', 'Đúng hạn', '0', '12', '90\u00a0%']);
    expect(rows).toContainEqual(['Tổng hợp', '0', '12', '90\u00a0%']);
    // The indicator table carries the consolidated figure as the province's own.
    expect(rows).toContainEqual(['2', 'Số cuộc tuyên truyền, hội nghị', '', '12']);

    // A commune has nobody below: no such section.
    const commune = await clientWith(t, [['unit_officer', communes[0]!]]);
    const own = await commune.get(`/api/reports?templateId=${template.id}&periodKey=2026-Y&unitId=${communes[0]!.id}`);
    const communeReportId = own.json<{ items: { id: number; unitId: number }[] }>().items.find((r) => r.unitId === communes[0]!.id)!.id;
    expect(docxText((await commune.get(`/api/reports/${communeReportId}/document.docx`)).rawPayload)).not.toContain('ĐƠN VỊ TRỰC THUỘC');
  });
});

describe('the board offers the blocks that concern it', () => {
  it('lists the blocks of the year with a member reporting below the unit, and narrows to one', async () => {
    const db = t.ctx.db;
    const block = async (name: string, year: number, members: TestUnit[]) => {
      const b = await db.insertInto('blocks').values({ year, kind: 'cum', name, organizer_unit_id: province.id }).returning('id').executeTakeFirstOrThrow();
      await db
        .insertInto('block_members')
        .values(members.map((m) => ({ block_id: b.id, unit_id: m.id })))
        .execute();
      return { id: b.id, name };
    };
    const cum1 = await block('Cụm thi đua số 1', 2026, [communes[0]!, communes[2]!]);
    const cumB = await block('Cụm thi đua số 2', 2026, [communes[2]!]);
    await block('Cụm thi đua số 1 (2025)', 2025, [communes[0]!]);

    const c = await clientWith(t, [['standing_officer', province]]);
    const board = (q: string) => c.get(`/api/reports/board?templateId=${template.id}&periodKey=2026-Y${q}`);
    const atProvince = (await board(`&unitId=${province.id}`)).json<ReportBoard>();
    expect(atProvince.blocks).toEqual([cum1, cumB]);
    expect(atProvince.counts).toMatchObject({ expected: 5 });
    // The district's board: only the province's cụm that takes in one of its communes.
    const atDistrict = (await board(`&unitId=${districtA.id}`)).json<ReportBoard>();
    expect(atDistrict.blocks).toEqual([cum1]);
    const narrowed = (await board(`&unitId=${province.id}&blockId=${cum1.id}`)).json<ReportBoard>();
    expect(narrowed.block).toEqual(cum1);
    expect(narrowed.blocks).toEqual([cum1, cumB]);
    expect(narrowed.units.map((u) => u.unitName)).toEqual(['UBND xã Ea Phê', 'UBND xã Hòa Hiệp']);
    expect(narrowed.counts).toMatchObject({ expected: 2, submitted: 1, onTime: 1, late: 0, missing: 1 });
  });
});
