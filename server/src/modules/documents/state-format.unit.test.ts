import { describe, expect, it } from 'vitest';
import { docxParagraphs, docxParts, docxTableRows, docxText } from './docx.testing.js';
import { attachmentDisposition, formatNumber, placeAndDate, referenceLine, renderStateDocument, splitTableColumns, type StateBlock, type StateDocument } from './state-format.js';

/** Seed 000's plan, as the city issued it. */
const plan: StateDocument = {
  parentBody: 'UBND tỉnh Khánh Hòa',
  issuingBody: 'UBND thành phố Nha Trang',
  reference: { number: '6344', code: 'KH-UBND' },
  place: 'Nha Trang',
  date: '2019-09-05',
  title: 'Kế hoạch',
  summary: 'Thực hiện phong trào thi đua “CBCCVC thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025',
  body: [
    { kind: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' },
    { kind: 'heading', text: '1. Mục đích', level: 2 },
    { kind: 'paragraph', text: 'Nâng cao nhận thức & trách nhiệm của CBCCVC <người lao động>.' },
    { kind: 'paragraph', text: [{ text: 'Danh hiệu: ' }, { text: 'Lao động tiên tiến', bold: true }] },
    { kind: 'field', label: 'Họ và tên', value: 'Nguyễn Văn Đức' },
    { kind: 'field', label: 'Chức vụ', value: null },
    { kind: 'bullet', text: 'Chấp hành giờ giấc làm việc' },
    { kind: 'bullet', text: 'Trồng hoa, dọn vệ sinh hàng tuần', marker: '+', level: 1 },
    {
      kind: 'table',
      widths: [1, 6, 2, 2],
      header: [['Mã', 'Tiêu chí', 'Điểm tối đa', 'Tự chấm']],
      rows: [
        [{ value: '1', bold: true }, { value: 'Chấp hành kỷ luật', bold: true }, 30, 28.5],
        ['1.1', { value: 'Đúng giờ', indent: 1 }, 10, null],
        [{ value: 'Tổng cộng', colSpan: 2, bold: true }, 1000, 95.25],
      ],
    },
  ],
  signatures: [{ authority: ['TM. Ủy ban nhân dân', 'KT. Chủ tịch'], title: 'Phó Chủ tịch', name: 'Lê Văn Dễ' }],
  recipients: ['Sở Nội vụ;', '- Các phòng, ban', 'Lưu: VT, NV'],
};

describe(renderStateDocument.name, () => {
  it('lays out A4 with the margins of Nghị định 30 (top/bottom 20 mm, left 30 mm, right 15 mm)', async () => {
    const xml = docxParts(await renderStateDocument(plan)).get('word/document.xml')!;
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    // Page numbers from the second page: the first page has its own (empty) header.
    expect(xml).toContain('<w:titlePg/>');
  });

  it('sets Times New Roman, 14 pt, as the default and on every run', async () => {
    const bytes = await renderStateDocument(plan);
    const styles = docxParts(bytes).get('word/styles.xml')!;
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"\/><w:sz w:val="28"\/>/);
    const xml = docxParts(bytes).get('word/document.xml')!;
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(20);
    for (const r of runs.filter((r) => r.includes('<w:t'))) expect(r).toContain('w:ascii="Times New Roman"');
    // Body 14 pt, the issuer 13 pt, Quốc hiệu 12 pt, Nơi nhận's lines 11 pt.
    const sizeOf = (text: string) => /<w:sz w:val="(\d+)"\/>/.exec(docxParagraphs(bytes).find((p) => p.text.startsWith(text))!.xml)![1];
    expect(sizeOf('Nâng cao nhận thức')).toBe('28');
    expect(sizeOf('UBND THÀNH PHỐ NHA TRANG')).toBe('26');
    expect(sizeOf('CỘNG HÒA')).toBe('24');
    expect(sizeOf('- Sở Nội vụ;')).toBe('22');
  });

  it('heads the page with the issuer, Quốc hiệu, Tiêu ngữ, the number and the place and date', async () => {
    const bytes = await renderStateDocument(plan);
    const [top, second] = docxTableRows(bytes);
    expect(top).toEqual(['UBND TỈNH KHÁNH HÒA\nUBND THÀNH PHỐ NHA TRANG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc']);
    expect(second).toEqual(['Số: 6344/KH-UBND', 'Nha Trang, ngày 05 tháng 9 năm 2019']);
    const paragraphs = docxParagraphs(bytes);
    const byText = (t: string) => paragraphs.find((p) => p.text === t)!.xml;
    expect(byText('UBND THÀNH PHỐ NHA TRANG')).toContain('<w:b/>');
    expect(byText('UBND TỈNH KHÁNH HÒA')).not.toContain('<w:b/>');
    expect(byText('Độc lập - Tự do - Hạnh phúc')).toContain('<w:b/>');
    expect(byText('Nha Trang, ngày 05 tháng 9 năm 2019')).toContain('<w:i/>');
    // The short rules under the issuer and under the motto are bordered paragraphs.
    expect(paragraphs.filter((p) => p.xml.includes('<w:pBdr><w:bottom w:val="single"')).length).toBe(3);
  });

  it('prints the title in capitals, the summary, the body blocks and the table in order', async () => {
    const bytes = await renderStateDocument(plan);
    const text = docxText(bytes);
    const order = [
      'KẾ HOẠCH',
      'Thực hiện phong trào thi đua “CBCCVC thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      'Nâng cao nhận thức & trách nhiệm của CBCCVC <người lao động>.',
      'Danh hiệu: Lao động tiên tiến',
      'Họ và tên: Nguyễn Văn Đức',
      'Chức vụ: ......',
      '- Chấp hành giờ giấc làm việc',
      '+ Trồng hoa, dọn vệ sinh hàng tuần',
    ];
    let at = -1;
    for (const line of order) {
      const next = text.indexOf(line, at + 1);
      expect(next, line).toBeGreaterThan(at);
      at = next;
    }
    const title = docxParagraphs(bytes).find((p) => p.text === 'KẾ HOẠCH')!.xml;
    expect(title).toContain('<w:b/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    const rows = docxTableRows(bytes);
    expect(rows).toContainEqual(['Mã', 'Tiêu chí', 'Điểm tối đa', 'Tự chấm']);
    expect(rows).toContainEqual(['1', 'Chấp hành kỷ luật', '30', '28,5']);
    expect(rows).toContainEqual(['1.1', 'Đúng giờ', '10', '']);
    expect(rows).toContainEqual(['Tổng cộng', '1.000', '95,25']);
    // The header row repeats on every page.
    expect(docxParts(bytes).get('word/document.xml')).toContain('<w:tblHeader/>');
  });

  it('signs on the right with TM./KT. lines and lists Nơi nhận on the left', async () => {
    const rows = docxTableRows(await renderStateDocument(plan));
    const last = rows.at(-1)!;
    expect(last[0]).toBe('Nơi nhận:\n- Sở Nội vụ;\n- Các phòng, ban;\n- Lưu: VT, NV.');
    expect(last[1]).toBe('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Dễ');
  });

  it('puts two signature blocks side by side, leaves the date blank and omits "Số:" when told', async () => {
    const bytes = await renderStateDocument({
      issuingBody: 'Trường THCS Thái Nguyên',
      place: 'Nha Trang',
      date: null,
      title: 'Bản đăng ký thi đua năm 2025',
      body: [],
      signatures: [{ title: 'Xác nhận của thủ trưởng đơn vị' }, { title: 'Người đăng ký', note: '(Ký, ghi rõ họ tên)', name: 'Nguyễn Văn Đức' }],
    });
    const rows = docxTableRows(bytes);
    expect(rows[1]![0]).toBe('');
    expect(rows[1]![1]).toMatch(/^Nha Trang, ngày\s+tháng\s+năm\s*$/);
    expect(rows.at(-1)).toEqual(['XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ', 'NGƯỜI ĐĂNG KÝ\n(Ký, ghi rõ họ tên)\nNguyễn Văn Đức']);
    expect(docxText(bytes)).not.toContain('Số:');
  });
});

describe('the signature’s page and appendices', () => {
  it('prints a multi-line title one line under the other, and keeps the body’s last paragraph with the signature', async () => {
    const bytes = await renderStateDocument({
      ...plan,
      body: [
        { kind: 'paragraph', text: 'Đoạn đầu.' },
        { kind: 'paragraph', text: 'Trên đây là báo cáo của Ủy ban nhân dân phường.' },
      ],
      signatures: [{ authority: ['TM. Ủy ban nhân dân'], title: 'KT. Chủ tịch\nPhó Chủ tịch', name: 'Phạm Minh Tuấn' }],
    });
    expect(docxTableRows(bytes).at(-1)![1]).toBe('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhạm Minh Tuấn');
    const paragraphs = docxParagraphs(bytes);
    const keeps = (t: string) => paragraphs.find((p) => p.text === t)!.xml.includes('<w:keepNext/>');
    expect(keeps('Trên đây là báo cáo của Ủy ban nhân dân phường.')).toBe(true);
    expect(keeps('Đoạn đầu.')).toBe(false);
  });

  it('keeps a closing table’s last row with the signature', async () => {
    const table: StateBlock = { kind: 'table', widths: [1, 1], header: [['A', 'B']], rows: [['đầu', 1], ['cuối', 2]] };
    const paragraphs = docxParagraphs(await renderStateDocument({ ...plan, body: [table] }));
    expect(paragraphs.find((p) => p.text === 'cuối')!.xml).toContain('<w:keepNext/>');
    expect(paragraphs.find((p) => p.text === 'đầu')!.xml).not.toContain('<w:keepNext/>');
  });

  it('puts an appendix after the signature on a landscape page, numbered on its own', async () => {
    const bytes = await renderStateDocument({
      ...plan,
      appendices: [
        {
          label: 'Phụ lục',
          title: 'Số liệu của các đơn vị trực thuộc',
          note: '(Kèm theo Báo cáo số 45/BC-UBND ngày 07/12/2026)',
          landscape: true,
          body: [{ kind: 'table', widths: [1, 4, 2], header: [['STT', 'Đơn vị', 'Số cuộc']], rows: [['1', 'Phường Nha Trang', 4]] }],
        },
      ],
    });
    const xml = docxParts(bytes).get('word/document.xml')!;
    // The document's own section first (portrait), then the appendix's: A4 turned, page numbers from 1 again.
    expect(xml).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(xml).toMatch(/<w:pgNumType w:start="1"/);
    expect(xml.indexOf('orient="portrait"')).toBeLessThan(xml.indexOf('orient="landscape"'));
    const text = docxText(bytes);
    expect(text.indexOf('Lê Văn Dễ')).toBeLessThan(text.indexOf('Phụ lục'));
    expect(text).toContain('Phụ lục\nSỐ LIỆU CỦA CÁC ĐƠN VỊ TRỰC THUỘC\n(Kèm theo Báo cáo số 45/BC-UBND ngày 07/12/2026)');
    expect(docxTableRows(bytes)).toContainEqual(['1', 'Phường Nha Trang', '4']);
  });
});

describe(splitTableColumns.name, () => {
  const figures = Array.from({ length: 10 }, (_, i) => `Chỉ tiêu ${i + 1}`);
  const table: Extract<StateBlock, { kind: 'table' }> = {
    kind: 'table',
    widths: [1, 5, 2, ...figures.map(() => 2)],
    header: [['STT', 'Đơn vị', 'Tình hình gửi', ...figures]],
    rows: [
      ['1', 'Phường Nha Trang', 'Đúng hạn', ...figures.map((_, i) => i)],
      [{ value: 'Tổng hợp', colSpan: 3 }, ...figures.map((_, i) => i * 10)],
    ],
  };

  it('shares the columns out evenly, repeating STT, the unit and its state in each table', () => {
    const [a, b, more] = splitTableColumns(table, 3, 7);
    expect(more).toBeUndefined();
    expect(a!.header[0]).toEqual(['STT', 'Đơn vị', 'Tình hình gửi', 'Chỉ tiêu 1', 'Chỉ tiêu 2', 'Chỉ tiêu 3', 'Chỉ tiêu 4', 'Chỉ tiêu 5']);
    expect(b!.header[0]).toEqual(['STT', 'Đơn vị', 'Tình hình gửi', 'Chỉ tiêu 6', 'Chỉ tiêu 7', 'Chỉ tiêu 8', 'Chỉ tiêu 9', 'Chỉ tiêu 10']);
    expect(b!.rows[0]).toEqual(['1', 'Phường Nha Trang', 'Đúng hạn', 5, 6, 7, 8, 9]);
    expect(b!.rows[1]).toEqual([{ value: 'Tổng hợp', colSpan: 3 }, 50, 60, 70, 80, 90]);
    expect(b!.widths).toEqual([1, 5, 2, 2, 2, 2, 2, 2]);
  });

  it('leaves a table that fits as it is', () => {
    expect(splitTableColumns(table, 3, 10)).toEqual([table]);
  });
});

describe(placeAndDate.name, () => {
  it.each([
    ['2019-09-05', 'Nha Trang, ngày 05 tháng 9 năm 2019'],
    ['2025-02-03', 'Nha Trang, ngày 03 tháng 02 năm 2025'],
    ['2025-01-31', 'Nha Trang, ngày 31 tháng 01 năm 2025'],
    ['2025-12-25', 'Nha Trang, ngày 25 tháng 12 năm 2025'],
  ])('%s → %s', (iso, expected) => expect(placeAndDate('Nha Trang', iso)).toBe(expected));

  it('dates a moment in Vietnam’s time zone', () => {
    expect(placeAndDate('Hà Nội', new Date('2025-06-30T20:00:00Z'))).toBe('Hà Nội, ngày 01 tháng 7 năm 2025');
  });
});

describe('small formats', () => {
  it('writes numbers Vietnamese style', () => {
    expect([formatNumber(8.5), formatNumber(1234567), formatNumber(70)]).toEqual(['8,5', '1.234.567', '70']);
  });

  it('leaves the number blank until issue, and writes a zero before numbers under 10', () => {
    expect(referenceLine({ number: '5', code: 'BC-UBND' })).toBe('Số: 05/BC-UBND');
    expect(referenceLine({ number: '125', code: 'BC-UBND' })).toBe('Số: 125/BC-UBND');
    expect(referenceLine({ number: '05', code: 'KH-UBND' })).toBe('Số: 05/KH-UBND');
    expect(referenceLine({ number: null, code: 'ĐKTĐ' })).toBe('Số:       /ĐKTĐ');
  });

  it('names a download in UTF-8 with an ASCII fallback', () => {
    expect(attachmentDisposition('Phiếu tự đánh giá - Đỗ Thị Ánh.docx')).toBe(
      `attachment; filename="Phieu tu danh gia - Do Thi Anh.docx"; filename*=UTF-8''${encodeURIComponent('Phiếu tự đánh giá - Đỗ Thị Ánh.docx')}`,
    );
    expect(attachmentDisposition('a"b\r\nc/d.xlsx')).toBe(`attachment; filename="a_b  c d.xlsx"; filename*=UTF-8''a%22b%20%20c%20d.xlsx`);
  });
});
