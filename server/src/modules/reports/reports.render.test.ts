import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportDetail, TemplateContent } from '@thidua/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate } from '../../../test/report-factories.js';
import { repoRoot } from '../../platform/config.js';
import { pdfPageLines } from '../documents/pdf.testing.js';
import { CONVERT_TIMEOUT_MS, convertToPdf, officeInstallHint, officeTools, picturePage, run } from '../documents/libreoffice.testing.js';

// A consolidated report as a person would see it printed: a ward above fourteen units that each
// report eleven figures. Downloaded through the API, opened by LibreOffice, read back page by page:
// the children's table sits in a landscape phụ lục after the signature, split into two tables that
// both repeat the units' names, and the signature shares its page with the end of the report.
// Pictures of the pages go to test-results/screenshots/ for a person to look at.

const missing = (['soffice', 'pdftotext', 'pdftoppm'] as const).filter((k) => !officeTools[k]);
const reason = `${missing.join(', ')} not found (${officeInstallHint})`;
if (missing.length && process.env.CI) throw new Error(`The LibreOffice check cannot be skipped in CI: ${reason}`);

const FIGURES = 11;
const content: TemplateContent = {
  sections: [
    {
      key: 'ket_qua',
      title: 'Kết quả thực hiện',
      indicators: [
        ...Array.from({ length: FIGURES - 1 }, (_, i) => ({
          key: `chi_tieu_${i + 1}`,
          label: ['Số cuộc tuyên truyền', 'Số người tham dự', 'Số đơn vị đăng ký', 'Số cá nhân đăng ký', 'Số minh chứng đã nộp', 'Số lượt kiểm tra', 'Số vi phạm phát hiện', 'Số vi phạm đã xử lý', 'Số phản ánh của người dân', 'Số sáng kiến được công nhận'][i]!,
          kind: 'number' as const,
        })),
        { key: 'ty_le_niem_yet', label: 'Tỷ lệ cơ quan niêm yết quy tắc ứng xử', kind: 'percent' },
      ],
    },
  ],
  narratives: [
    { key: 'ket_qua_dat_duoc', title: 'Kết quả đạt được' },
    { key: 'phuong_huong', title: 'Phương hướng, nhiệm vụ năm tới' },
  ],
};

const unitNames = [
  'Văn phòng HĐND và UBND phường',
  'Phòng Kinh tế, Hạ tầng và Đô thị',
  'Phòng Văn hóa - Xã hội',
  'Trung tâm Phục vụ hành chính công',
  'Trường Mầm non Hoa Sen',
  'Trường Tiểu học Hứa Tạo',
  'Trường Tiểu học Lộc Thọ',
  'Trường THCS Thái Nguyên',
  'Trường THCS Âu Cơ',
  'Trạm Y tế phường Nha Trang',
  'Công an phường Nha Trang',
  'Ban Chỉ huy Quân sự phường',
  'Hội Liên hiệp Phụ nữ phường',
  'Đoàn Thanh niên phường',
];

describe('a consolidated report of fourteen units, printed through LibreOffice', () => {
  if (missing.length) {
    it.skip(`skipped: ${reason}`, () => {});
    return;
  }

  let t: TestApp;
  let dir: string;
  let pdf: string;
  /** pdftotext -layout's pages, blank lines dropped. */
  let pages: string[][];
  /** Each page's size in points, width × height. */
  let sizes: [number, number][];
  /** The same report as the PDF the server renders itself. */
  let ownPdf: Buffer;
  const shots = path.join(repoRoot, 'test-results', 'screenshots');

  beforeAll(async () => {
    t = await testApp();
    const db = t.ctx.db;
    const province = await newUnit(db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const ward = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    const children: TestUnit[] = [];
    for (const name of unitNames) children.push(await newUnit(db, { parent: ward, kind: 'agency', name }));
    const template = await newReportTemplate(db, { planUnit: province, periodKind: 'year', reporterKinds: ['commune', 'agency'], content, name: 'Kết quả thực hiện phong trào văn hóa công sở năm' });
    // Twelve send (two of them late), two have not.
    for (const [i, unit] of children.slice(0, 12).entries()) {
      const values = Object.fromEntries(content.sections[0]!.indicators.map((ind, k) => [ind.key, ind.kind === 'percent' ? 80 + ((i + k) % 20) : (i + 1) * (k + 2) * 7]));
      await newReport(db, { template, unit, recipient: ward, status: 'submitted', daysLate: i % 6 === 5 ? 2 : 0, values });
    }
    const officer = await clientWith(t, [['unit_officer', ward]]);
    await officer.request({
      method: 'PUT',
      url: `/api/units/${ward.id}/document-settings`,
      payload: {
        governingBody: 'ỦY BAN NHÂN DÂN',
        issuingBody: 'PHƯỜNG NHA TRANG',
        codeSuffix: 'UBND',
        place: 'Nha Trang',
        signPrefix: 'TM.',
        signAuthority: 'ỦY BAN NHÂN DÂN',
        signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
        signerName: 'Nguyễn Thị Lan',
      },
    });
    const opened = await officer.post('/api/reports', { templateId: template.id, unitId: ward.id, year: 2026 });
    expect(opened.statusCode, opened.body).toBe(201);
    const report = opened.json<ReportDetail>();
    const paragraph = (n: number) =>
      `${n}. Các cơ quan, đơn vị trên địa bàn phường tiếp tục quán triệt, triển khai thực hiện quy tắc ứng xử, niêm yết công khai tại trụ sở, gắn việc thực hiện văn hóa công sở với đánh giá, xếp loại cán bộ, công chức, viên chức cuối năm.`;
    const saved = await officer.request({
      method: 'PUT',
      url: `/api/reports/${report.id}`,
      payload: {
        revision: report.revision,
        number: '45',
        narratives: {
          ket_qua_dat_duoc: Array.from({ length: 9 }, (_, i) => paragraph(i + 1)).join('\n'),
          phuong_huong: 'Duy trì phong trào; đôn đốc các đơn vị chưa gửi báo cáo.\nTrên đây là báo cáo kết quả thực hiện phong trào văn hóa công sở năm 2026 của Ủy ban nhân dân phường Nha Trang.',
        },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const docx = await officer.get(`/api/reports/${report.id}/document.docx`);
    expect(docx.statusCode).toBe(200);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-render-'));
    const file = path.join(dir, 'bao-cao-tong-hop.docx');
    fs.writeFileSync(file, docx.rawPayload);
    pdf = await convertToPdf(file, dir);
    pages = (await run(officeTools.pdftotext!, ['-layout', '-enc', 'UTF-8', pdf, '-']))
      .split('\f')
      .filter((p) => p.trim() !== '')
      .map((p) => p.split('\n').filter((l) => l.trim() !== ''));
    const info = await run(officeTools.pdftotext!.replace(/pdftotext$/, 'pdfinfo'), ['-f', '1', '-l', String(pages.length), pdf]);
    sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (let p = 1; p <= pages.length; p++) await picturePage(pdf, path.join(shots, `report-consolidated-page-${p}`), p);

    ownPdf = (await officer.get(`/api/reports/${report.id}/document.pdf`)).rawPayload;
    const own = path.join(dir, 'bao-cao-tong-hop-rieng.pdf');
    fs.writeFileSync(own, ownPdf);
    for (let p = 1; p <= 4; p++) await picturePage(own, path.join(shots, `report-consolidated-pdf-page-${p}`), p);
  }, CONVERT_TIMEOUT_MS + 120_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const squeeze = (line: string) => line.trim().replace(/\s+/g, ' ');
  const signed = () => pages.findIndex((p) => p.some((l) => l.includes('Nguyễn Thị Lan')));
  const appendixStart = () => pages.findIndex((p) => p.some((l) => squeeze(l) === 'Phụ lục'));

  it('heads the report as the ward’s committee writes it, numbered 45/BC-UBND', () => {
    const [first, second] = pages[0]!;
    expect(first).toMatch(/^\s*ỦY BAN NHÂN DÂN\s{2,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\s*$/);
    expect(second).toMatch(/^\s*PHƯỜNG NHA TRANG\s{2,}Độc lập - Tự do - Hạnh phúc\s*$/);
    expect(pages[0]!.some((l) => /^\s*Số: 45\/BC-UBND\s{2,}Nha Trang, ngày/.test(l))).toBe(true);
  });

  it('keeps the signature with the end of the report: its page also carries the closing lines', () => {
    const page = pages[signed()]!.map(squeeze);
    const at = page.findIndex((l) => l.includes('TM. ỦY BAN NHÂN DÂN'));
    expect(at, page.join('\n')).toBeGreaterThan(0);
    // Text of the report above the signature block on the same page.
    expect(page.slice(0, at).join('\n')).toMatch(/Trên đây là báo cáo/);
    const block = page.slice(at).join('\n');
    for (const line of ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Thị Lan', 'Nơi nhận:', 'Lưu: VT.']) expect(block).toContain(line);
    expect(block).not.toMatch(/THỦ TRƯỞNG ĐƠN VỊ|Ký tên, đóng dấu/);
  });

  it('prints the children’s figures after the signature, on landscape pages, two tables that each repeat the units', () => {
    const start = appendixStart();
    expect(start).toBeGreaterThan(signed());
    // The report itself is portrait A4; the appendix is A4 turned.
    for (let p = 0; p < start; p++) expect(sizes[p]![0]).toBeLessThan(sizes[p]![1]);
    for (let p = start; p < pages.length; p++) expect(sizes[p]![0], `page ${p + 1}`).toBeGreaterThan(sizes[p]![1]);
    const appendix = pages.slice(start).flat().map(squeeze);
    expect(appendix.slice(0, 3)).toEqual(['Phụ lục', 'SỐ LIỆU CỦA CÁC ĐƠN VỊ TRỰC THUỘC', expect.stringMatching(/^\(Kèm theo Báo cáo số 45\/BC-UBND ngày/)]);
    expect(appendix).toContain('Bảng 1/2');
    expect(appendix).toContain('Bảng 2/2');
    // Every unit in each of the two tables, numbered, with its state; then the consolidated row.
    // (A long name wraps in its cell: its first words stand on the row's line.)
    for (const name of unitNames) {
      const start = name.split(' ').slice(0, 4).join(' ');
      expect(appendix.filter((l) => new RegExp(`^\\d+ ${start}.* (Đúng hạn|Muộn 2 ngày|Chưa báo cáo)`).test(l)), name).toHaveLength(2);
    }
    expect(appendix.filter((l) => l.startsWith('Tổng hợp'))).toHaveLength(2);
    // The first table's first figures and the second table's last one (a percentage).
    expect(appendix).toContainEqual(expect.stringMatching(/^Tổng hợp 1\.092 1\.638 2\.184 2\.730 3\.276 3\.822$/));
    expect(appendix).toContainEqual(expect.stringMatching(/^Tổng hợp 4\.368 4\.914 5\.460 6\.006 92,17\s%$/));
  });

  it('does the same in the PDF the server renders: the signature with the closing lines, the appendix on landscape pages', async () => {
    const lines = await pdfPageLines(ownPdf);
    const at = lines.findIndex((p) => p.some((l) => l.includes('Nguyễn Thị Lan')));
    expect(lines[at]!.join('\n')).toMatch(/Trên đây là báo cáo[\s\S]*TM\. ỦY BAN NHÂN DÂN/);
    const appendix = lines.findIndex((p) => p[0] === 'Phụ lục');
    expect(appendix).toBe(at + 1);
    expect(lines.slice(appendix).flat()).toContain('Bảng 2/2');
    const boxes = [...ownPdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => Number(m[1]) > Number(m[2]));
    expect(boxes.slice(0, appendix)).toEqual(Array(appendix).fill(false));
    expect(boxes.slice(appendix).every(Boolean)).toBe(true);
  });

  it('writes pictures of every page to look at', () => {
    for (let p = 1; p <= pages.length; p++) expect(fs.statSync(path.join(shots, `report-consolidated-page-${p}.png`)).size).toBeGreaterThan(10_000);
  });
});
