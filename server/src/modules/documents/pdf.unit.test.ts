import { beforeAll, describe, expect, it } from 'vitest';
import { renderStatePdf } from './pdf.js';
import { pdfPageLines, pdfTextItems, sampleReport, type PdfTextItem } from './pdf.testing.js';
import type { StateDocument } from './state-format.js';

const mm = (n: number) => (n * 72) / 25.4;

describe(renderStatePdf.name, () => {
  let pdf: Buffer;
  let pages: string[][];
  let items: PdfTextItem[];
  beforeAll(async () => {
    pdf = await renderStatePdf(sampleReport);
    pages = await pdfPageLines(pdf);
    items = (await pdfTextItems(pdf)).items;
  });

  it('is an A4 PDF whose text keeps every Vietnamese letter', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = pages.flat().join('\n');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả thực hiện phong trào thi đua “Cán bộ, công chức, viên chức thi đua');
    expect(text).toContain('III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM');
    // Extracted text is in composed form, as typed: "Ệ" is one letter, not E + two marks.
    expect(text).toBe(text.normalize('NFC'));
  });

  it('embeds the serif font, subset, with its Unicode map, and references no standard PDF font', () => {
    const raw = pdf.toString('latin1');
    for (const face of ['LiberationSerif', 'LiberationSerif-Bold', 'LiberationSerif-Italic']) {
      expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${face}\\n`));
    }
    expect(raw.match(/\/FontFile2 /g)?.length).toBeGreaterThanOrEqual(3);
    expect(raw).toContain('/ToUnicode');
    // The 14 standard fonts cannot print Vietnamese: none may be used, not even as pdfkit's default.
    expect(raw).not.toMatch(/\/Subtype \/Type1|Helvetica|Times-Roman/);
  });

  it('prints the issuer beside Quốc hiệu, then "Số:" beside the place and the date', () => {
    const [first, second, third, fourth] = pages[0]!;
    expect(first).toBe('UBND TỈNH KHÁNH HÒA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(second).toBe('SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc');
    expect(third).toBe('Số: 125/BC-SNV Khánh Hòa, ngày 05 tháng 6 năm 2026');
    expect(fourth).toBe('BÁO CÁO');
    // The issuer sits in the left column, Quốc hiệu in the right one.
    const at = (text: string) => items.find((i) => i.page === 1 && i.text.includes(text))!;
    expect(at('SỞ NỘI VỤ').x + at('SỞ NỘI VỤ').width).toBeLessThan(at('Độc lập').x);
    // Same line: the tops align, the baselines differ by the sizes (13 and 14 pt).
    expect(Math.abs(at('Số: 125').y - at('Khánh Hòa, ngày').y)).toBeLessThan(3);
  });

  it('keeps the text inside the margins of Nghị định 30 (left 30 mm, right 15 mm, top and bottom 20 mm)', () => {
    for (const i of items) {
      expect(i.x).toBeGreaterThanOrEqual(mm(30) - 0.5);
      expect(i.x + i.width).toBeLessThanOrEqual(595.28 - mm(15) + 0.5);
      expect(i.y).toBeGreaterThanOrEqual(mm(20) - 0.5);
    }
    // Body text starts at the left margin.
    expect(items.find((i) => i.text.startsWith('I. KẾT QUẢ'))!.x).toBeCloseTo(mm(30), 0);
  });

  it('keeps the spaces around bold words inside a justified paragraph', () => {
    const text = pages[0]!.join(' ');
    expect(text).toContain('người lao động; 100% đơn vị đăng ký thi đua đúng hạn');
  });

  it('prints the table with its cells, numbers the Vietnamese way, and repeats the header rows on the next page', () => {
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('STT Chỉ tiêu Đơn vị tính Kết quả');
    expect(pages[0]).toContain('2 Số cán bộ, công chức, viên chức đăng ký người 4.512');
    expect(pages[0]).toContain('3 Tỷ lệ đơn vị đã tự đánh giá % 96,5');
    // Page 2: its number at the top, then the table's header again, then the rows that moved.
    expect(pages[1]!.slice(0, 2)).toEqual(['2', 'STT Chỉ tiêu Đơn vị tính Kết quả']);
    expect(pages[1]).toContain('Tổng số người đăng ký của các đơn vị trực thuộc 2.922');
    // The first page carries no page number.
    expect(pages[0]).not.toContain('1');
  });

  it('ends with the signature block on the right and Nơi nhận on the left', () => {
    const last = items.filter((i) => i.page === 2);
    const at = (text: string) => last.find((i) => i.text.includes(text))!;
    expect(at('KT. GIÁM ĐỐC').x).toBeGreaterThan(mm(30) + (595.28 - mm(45)) / 2);
    expect(at('Trần Thị Ánh Tuyết').y).toBeLessThan(at('PHÓ GIÁM ĐỐC').y - 40);
    expect(at('Nơi nhận:').x).toBeCloseTo(mm(30), 0);
    expect(Math.abs(at('Nơi nhận:').y - at('KT. GIÁM ĐỐC').y)).toBeLessThan(3);
    expect(pages[1]).toContain('- Bộ Nội vụ (Vụ Thi đua - Khen thưởng);');
    expect(pages[1]!.join('\n')).toContain('- Lưu: VT, TĐKT.');
  });

  it('leaves blanks to fill by hand when the number and the date are not yet given', async () => {
    const draft: StateDocument = { ...sampleReport, reference: { number: null, code: 'BC-SNV' }, date: null, body: [], recipients: [] };
    const [first] = await pdfPageLines(await renderStatePdf(draft));
    expect(first![2]).toBe('Số: /BC-SNV Khánh Hòa, ngày tháng năm');
  });
});

describe('long words', () => {
  it('cuts a word wider than its cell so that it stays inside the table', async () => {
    const code = 'HTTPS://DICHVUCONG.KHANHHOA.GOV.VN/BAOCAO/2026/6THANG/SONOIVU/0000125';
    const doc: StateDocument = { ...sampleReport, body: [{ kind: 'table', widths: [1, 1, 1, 1], header: [['Mã', 'Tên', 'Đơn vị', 'Số']], rows: [[code, 'Hồ sơ', 'bộ', 1]] }] };
    const { items } = await pdfTextItems(await renderStatePdf(doc));
    const pieces = items.filter((i) => code.includes(i.text) && i.text.length > 3);
    expect(pieces.map((i) => i.text).join('')).toBe(code);
    for (const p of pieces) expect(p.x + p.width).toBeLessThanOrEqual(mm(30) + (595.28 - mm(45)) / 4);
  });
});

describe('the signature’s page', () => {
  // A closing paragraph pushed down line by line across the foot of page 1: wherever the page ends,
  // the signature never stands alone on the last page — the last lines go over with it.
  const filler = (n: number): StateDocument => ({
    ...sampleReport,
    body: [
      ...Array.from({ length: n }, (_, i): StateDocument['body'][number] => ({ kind: 'paragraph', text: `Dòng nội dung thứ ${i + 1} của báo cáo.` })),
      { kind: 'paragraph', text: 'Trên đây là báo cáo kết quả thực hiện phong trào của Sở Nội vụ.' },
    ],
  });

  it('carries the body’s last lines to the signature’s page wherever the page breaks', async () => {
    let breaks = 0;
    // Page 1 holds about 26 of these lines before the signature.
    for (let n = 20; n <= 28; n++) {
      const pages = await pdfPageLines(await renderStatePdf(filler(n)));
      const last = pages.at(-1)!;
      expect(last.some((l) => l.includes('Trần Thị Ánh Tuyết')), `n=${n}`).toBe(true);
      if (pages.length > 1) {
        breaks++;
        expect(last.some((l) => l.includes('Trên đây là báo cáo')), `n=${n}: ${last.join(' | ')}`).toBe(true);
      }
    }
    // The range does cross the foot of the first page.
    expect(breaks).toBeGreaterThan(0);
  }, 60_000);
});

describe('appendices', () => {
  it('prints an appendix after the signature on a landscape page, with its own page numbers', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [String(i + 1), `Đơn vị số ${i + 1}`, 'Đúng hạn', ...Array.from({ length: 7 }, (_, k) => i * k)]);
    const doc: StateDocument = {
      ...sampleReport,
      body: [{ kind: 'paragraph', text: 'Số liệu của từng đơn vị tại Phụ lục kèm theo.' }],
      appendices: [
        {
          label: 'Phụ lục',
          title: 'Số liệu của các đơn vị trực thuộc',
          note: '(Kèm theo Báo cáo số 125/BC-SNV ngày 05/06/2026)',
          landscape: true,
          body: [{ kind: 'table', widths: [1.3, 5.5, 2.4, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3], header: [['STT', 'Đơn vị', 'Tình hình gửi', 'A', 'B', 'C', 'D', 'E', 'F', 'G']], rows }],
        },
      ],
    };
    const pdf = await renderStatePdf(doc);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 841.89 595.28]');
    const pages = await pdfPageLines(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[0]!.join('\n')).toContain('Trần Thị Ánh Tuyết');
    expect(pages[1]!.slice(0, 3)).toEqual(['Phụ lục', 'SỐ LIỆU CỦA CÁC ĐƠN VỊ TRỰC THUỘC', '(Kèm theo Báo cáo số 125/BC-SNV ngày 05/06/2026)']);
    // The appendix's second page is its page 2, the header of the table above its rows again.
    expect(pages[2]![0]).toBe('2');
    expect(pages[2]!.slice(1, 3).join(' ')).toContain('STT Đơn vị A B C D E F G');
    const { items } = await pdfTextItems(pdf);
    // Landscape: text runs wider than a portrait page's 595 points, still inside the right margin.
    const right = Math.max(...items.filter((i) => i.page === 2).map((i) => i.x + i.width));
    expect(right).toBeGreaterThan(595.28);
    expect(right).toBeLessThanOrEqual(841.89 - mm(15) + 0.5);
  }, 30_000);
});
