import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate, officeCultureContent, type TestReportTemplate } from '../../../test/report-factories.js';
import { docxTableRows, docxText } from '../documents/docx.testing.js';
import { pdfPageLines } from '../documents/pdf.testing.js';
import { reportSummary } from './reports.documents.js';

// The report as the state prints it (Nghị định 30/2020) and the children's figures as a workbook.

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

interface Tree {
  province: TestUnit;
  wards: TestUnit[];
  template: TestReportTemplate;
}

async function tree(): Promise<Tree> {
  const db = t.ctx.db;
  const province = await newUnit(db, { kind: 'province', name: 'UBND tỉnh Khánh Hòa' });
  const wards: TestUnit[] = [];
  for (const name of ['UBND phường Bắc Nha Trang', 'UBND phường Nam Nha Trang', 'UBND xã Cam Lâm']) wards.push(await newUnit(db, { parent: province, kind: 'commune', name }));
  const template = await newReportTemplate(db, { planUnit: province, periodKind: 'six_months', reporterKinds: ['commune'], content: officeCultureContent, name: 'Kết quả thực hiện phong trào văn hóa công sở' });
  return { province, wards, template };
}

/** The ward's six-month report, sent on 02/6 (two days late), where it corrected one computed figure. */
async function wardReport(tr: Tree) {
  return newReport(t.ctx.db, { template: tr.template, unit: tr.wards[0]!,
    status: 'submitted',
    submittedAt: '2026-06-02T03:00:00Z',
    daysLate: 2,
    recipient: tr.province,
    number: '15',
    signer: 'Nguyễn Văn An',
    stored: {
      donViDangKy: { typed: 12, computed: 12 },
      nguoiDangKy: { typed: 140, computed: 138 },
      tyLeTuDanhGia: { typed: 96.5, computed: null },
      coQuyChe: { typed: true, computed: null },
    },
    narratives: { ketQua: '100% cán bộ đã ký cam kết thực hiện văn hóa công sở.\nTổ chức 2 buổi tuyên truyền.', tonTai: '' },
  });
}

describe('GET /api/reports/:id/document.docx and .pdf', () => {
  it('prints the report in the state format: header, number, place and date, tables with the computed figure beside a changed one, narratives, signer, Nơi nhận', async () => {
    const tr = await tree();
    const report = await wardReport(tr);
    const c = await clientWith(t, [['unit_officer', tr.wards[0]!]]);
    const res = await c.get(`/api/reports/${report.id}/document.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Bao-cao-6-thang-dau-nam-2026-UBND-phuong-Bac-Nha-Trang.docx"; filename*=UTF-8''Bao-cao-6-thang-dau-nam-2026-UBND-phuong-Bac-Nha-Trang.docx`);
    const text = docxText(res.rawPayload);
    // A ward's committee as officials write it, while the ward has set nothing of its own.
    expect(docxTableRows(res.rawPayload)[0]![0]).toBe('ỦY BAN NHÂN DÂN\nPHƯỜNG BẮC NHA TRANG');
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 15/BC-UBND',
      'Bắc Nha Trang, ngày 02 tháng 6 năm 2026',
      'BÁO CÁO',
      'Kết quả thực hiện phong trào văn hóa công sở 6 tháng đầu năm 2026',
      'I. ĐĂNG KÝ VÀ ĐÁNH GIÁ',
      'II. VĂN HÓA CÔNG SỞ',
      'III. KẾT QUẢ ĐẠT ĐƯỢC',
      '100% cán bộ đã ký cam kết thực hiện văn hóa công sở.',
      'Tổ chức 2 buổi tuyên truyền.',
      'IV. TỒN TẠI, HẠN CHẾ',
      'Nguyễn Văn An',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/Nơi nhận:[\s\S]*UBND tỉnh Khánh Hòa;[\s\S]*Lưu: VT\./);
    const rows = docxTableRows(res.rawPayload);
    expect(rows).toContainEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kết quả', 'Số liệu hệ thống']);
    // The typed 140 with the system's 138 beside it; an unchanged figure has nothing beside it.
    expect(rows).toContainEqual(['2', 'Số cán bộ, công chức đăng ký', '', '140', '138']);
    expect(rows).toContainEqual(['1', 'Số đơn vị đăng ký thi đua', '', '12', '']);
    expect(rows).toContainEqual(['3', 'Tỷ lệ đã tự đánh giá', '%', '96,5\u00a0%', '']);
    expect(rows).toContainEqual(['1', 'Có quy chế văn hóa công sở', 'có/không', 'Có']);

    const pdf = await c.get(`/api/reports/${report.id}/document.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const lines = (await pdfPageLines(pdf.rawPayload)).flat();
    expect(lines).toContain('BÁO CÁO');
    expect(lines.some((l) => l.includes('Số: 15/BC-UBND'))).toBe(true);
    expect(lines.some((l) => l.includes('Bắc Nha Trang, ngày 02 tháng 6 năm 2026'))).toBe(true);
    expect(lines.some((l) => l.includes('Số cán bộ, công chức đăng ký'))).toBe(true);
    expect(pdf.headers['content-disposition']).toContain('filename="Bao-cao-6-thang-dau-nam-2026-UBND-phuong-Bac-Nha-Trang.pdf"');
  });

  it('leaves the date and number blank on a draft', async () => {
    const tr = await tree();
    const draft = await newReport(t.ctx.db, { template: tr.template, unit: tr.wards[1]!, status: 'draft' });
    const c = await clientWith(t, [['unit_officer', tr.wards[1]!]]);
    const text = docxText((await c.get(`/api/reports/${draft.id}/document.docx`)).rawPayload);
    expect(text).toMatch(/Số: +\/BC-UBND/);
    expect(text).toContain('Nam Nha Trang, ngày      tháng      năm');
  });

  it('is readable by the unit and by the recipient, and 404 for anyone else', async () => {
    const tr = await tree();
    const report = await wardReport(tr);
    const recipient = await clientWith(t, [['viewer', tr.province]]);
    expect((await recipient.get(`/api/reports/${report.id}/document.docx`)).statusCode).toBe(200);
    const sibling = await clientWith(t, [['unit_officer', tr.wards[1]!]]);
    for (const path of ['document.docx', 'document.pdf', 'children.xlsx']) {
      expect((await sibling.get(`/api/reports/${report.id}/${path}`)).statusCode).toBe(404);
      expect((await new Client(t.app).get(`/api/reports/${report.id}/${path}`)).statusCode).toBe(401);
    }
    expect((await recipient.get('/api/reports/99999999/document.docx')).statusCode).toBe(404);
  });
});

describe('GET /api/reports/:id/children.xlsx', () => {
  it('lists every reporting child as the report does, the figures of those that sent, their sum and the consolidated row', async () => {
    const tr = await tree();
    const db = t.ctx.db;
    const own = await newReport(db, { template: tr.template, unit: tr.province, status: 'draft' });
    // What the province's last consolidation gave (reports.consolidation.ts): its own part included.
    const consolidated = { donViDangKy: { typed: 21, computed: 21, consolidated: 21 }, nguoiDangKy: { typed: 236, computed: 236, consolidated: 236 }, tyLeTuDanhGia: { typed: 98.25, computed: null, consolidated: 98.25 } };
    await db.updateTable('reports').set({ values: JSON.stringify(consolidated) }).where('id', '=', own.id).execute();
    await wardReport(tr);
    await newReport(db, { template: tr.template, unit: tr.wards[1]!,
      status: 'accepted',
      submittedAt: '2026-05-30T03:00:00Z',
      stored: { donViDangKy: { typed: null, computed: 8 }, nguoiDangKy: { typed: 95, computed: 95 }, tyLeTuDanhGia: { typed: 100 } },
    });
    // A draft is not sent: listed, without its figures.
    await newReport(db, { template: tr.template, unit: tr.wards[2]!, status: 'draft', values: { donViDangKy: 1000 } });
    const missing = await newUnit(db, { parent: tr.province, kind: 'commune', name: 'UBND xã Vạn Ninh' });

    const c = await clientWith(t, [['unit_officer', tr.province]]);
    const res = await c.get(`/api/reports/${own.id}/children.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    const all = Array.from({ length: ws.rowCount }, (_, i) => values(i + 1));
    expect(all[0]![0]).toBe('BẢNG TỔNG HỢP SỐ LIỆU BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC');
    expect(all[1]![0]).toBe('Kết quả thực hiện phong trào văn hóa công sở – 6 tháng đầu năm 2026');
    const header = all.find((r) => r[0] === 'STT')!;
    expect(header).toEqual(['STT', 'Đơn vị', 'Trạng thái', 'Ngày nộp', 'Số đơn vị đăng ký thi đua', 'Số cán bộ, công chức đăng ký', 'Tỷ lệ đã tự đánh giá (%)']);
    const body = all.slice(all.indexOf(header) + 1);
    expect(body).toHaveLength(6);
    expect(body[0]!.slice(0, 3)).toEqual([1, 'UBND phường Bắc Nha Trang', 'Muộn 2 ngày']);
    expect(body[0]![3]).toBeInstanceOf(Date);
    expect(body[0]!.slice(4)).toEqual([12, 140, 96.5]);
    expect(body[1]!.slice(0, 3)).toEqual([2, 'UBND phường Nam Nha Trang', 'Đúng hạn']);
    // The computed figure where nothing was typed.
    expect(body[1]!.slice(4)).toEqual([8, 95, 100]);
    expect(body[2]!.slice(0, 3)).toEqual([3, 'UBND xã Cam Lâm', 'Chưa gửi (đang soạn)']);
    expect(body[2]!.slice(4).filter((v) => v != null)).toEqual([]);
    expect(body[3]!.slice(0, 3)).toEqual([4, missing.name, 'Chưa báo cáo']);
    // Numbers of the children that sent are summed, percentages are not; then the report's own figures.
    expect(body[4]).toEqual(['', 'Cộng các đơn vị đã gửi', '', '', 20, 235]);
    expect(body[5]).toEqual(['', 'Tổng hợp của UBND tỉnh Khánh Hòa', '', '', 21, 236, 98.25]);
  });
});

describe('reportSummary', () => {
  it('names the report once and its period once', () => {
    expect(reportSummary('Báo cáo kết quả thực hiện văn hóa công sở năm', 'Năm 2026')).toBe('Kết quả thực hiện văn hóa công sở năm 2026');
    expect(reportSummary('Báo cáo kết quả thực hiện văn hóa công sở 6 tháng đầu năm', '6 tháng đầu năm 2026')).toBe('Kết quả thực hiện văn hóa công sở 6 tháng đầu năm 2026');
    expect(reportSummary('Kết quả thực hiện phong trào văn hóa công sở', '6 tháng đầu năm 2026')).toBe('Kết quả thực hiện phong trào văn hóa công sở 6 tháng đầu năm 2026');
    expect(reportSummary('Báo cáo quý văn hóa công sở quý II', 'Quý II/2026')).toBe('Quý văn hóa công sở quý II/2026');
    expect(reportSummary('Tình hình thực hiện', 'Từ ngày 01/07/2026 đến ngày 30/06/2027')).toBe('Tình hình thực hiện từ ngày 01/07/2026 đến ngày 30/06/2027');
  });
});
