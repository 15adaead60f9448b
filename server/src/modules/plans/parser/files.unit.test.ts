import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { parsePlanFile, PlanFileError } from './index.js';
import { find, fixture, makeZip, outlineLike } from './plan-parser.testing.js';
import type { PlanNode } from './plan-types.js';

function expectOutline(nodes: PlanNode[], expected: [string, string, number][]) {
  expect(outlineLike(nodes, expected)).toEqual(expected);
}

const zip = (entries: Parameters<typeof makeZip>[0]) => makeZip(entries, (b) => deflateRawSync(b));

async function refusal(bytes: Buffer, name: string): Promise<PlanFileError> {
  const err = await parsePlanFile(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlanFileError);
  return err as PlanFileError;
}

describe('.docx with Word numbering and a criteria table', () => {
  const parsed = parsePlanFile(fixture('ke-hoach-diem.docx'), 'ke-hoach-diem.docx');

  it('reads the heading table', async () => {
    const plan = await parsed;
    expect(plan).toMatchObject({
      number: '125',
      code: 'KH-UBND',
      issuer: 'ỦY BAN NHÂN DÂN HUYỆN DIÊN KHÁNH',
      place: 'Diên Khánh',
      date: '2024-03-15',
      documentType: 'Kế hoạch',
      title: 'Tổ chức phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” năm 2024',
      period: { from: 2024, to: 2024 },
      source: { format: 'docx' },
    });
  });

  it('keeps the labels Word draws (I., 1., a)) and its bullets', async () => {
    const plan = await parsed;
    expectOutline(plan.sections, [
      ['', 'Căn cứ Luật Thi đua', 0],
      ['I', 'MỤC ĐÍCH, YÊU CẦU', 2],
      ['II', 'TIÊU CHÍ THI ĐUA', 2],
      ['III', 'HÌNH THỨC KHEN THƯỞNG', 0],
      ['IV', 'TIẾN ĐỘ THỰC HIỆN', 2],
      ['V', 'TỔ CHỨC THỰC HIỆN', 2],
    ]);
    expect(find(plan.sections, 'I')!.children.map((n) => n.code)).toEqual(['1', '2']);
    expect(find(plan.sections, 'I')!.children[0]!.children.map((n) => n.code)).toEqual(['a', 'b']);
    // "Nơi nhận" and the signature are not part of the plan's body.
    expect(JSON.stringify(plan.sections)).not.toMatch(/Nơi nhận|Trần Văn Bình/);
    expect(plan.signer).toBe('Trần Văn Bình');
  });

  it('reads the table rows as criteria with their points, and the numbered criteria after it', async () => {
    const plan = await parsed;
    expect(plan.criteria.collective.map((n) => [n.code, n.text, n.maxPoints, n.children.length])).toEqual([
      ['1', 'Xây dựng, ban hành và thực hiện quy chế văn hóa công sở', 20, 2],
      ['2', 'Đẩy mạnh cải cách hành chính', 25, 2],
      ['3', 'Ứng dụng công nghệ thông tin trong hoạt động nội bộ', 15, 0],
    ]);
    expect(plan.criteria.collective[0]!.children.map((n) => [n.code, n.maxPoints])).toEqual([
      ['1.1', 10],
      ['1.2', 10],
    ]);
    expect(plan.criteria.collective[1]!.children.map((n) => n.text)).toEqual(['Niêm yết công khai thủ tục hành chính', 'Giải quyết hồ sơ đúng hạn, không để trễ hẹn']);
    expect(plan.criteria.individual.map((n) => [n.code, n.maxPoints, n.children.length])).toEqual([
      ['a', 15, 2],
      ['b', 15, 0],
      ['c', 10, 1],
    ]);
    expect(plan.criteria.individual[1]!.text).toBe('Giao tiếp, ứng xử chuẩn mực, thực hiện “4 xin, 4 luôn”');
    expect(plan.criteria.individual[2]!.children[0]!.children.map((n) => n.code)).toEqual(['c.1.1', 'c.1.2']);
    // The points add up (60 and 40): nothing to warn about.
    expect(plan.warnings.filter((w) => w.includes('tổng điểm'))).toEqual([]);
  });

  it('reads the timeline, the deadlines with their year, awards and titles', async () => {
    const plan = await parsed;
    expect(plan.milestones.map((m) => [m.year, m.kind, m.label])).toEqual([
      [2024, 'launch', 'Tháng 3: phát động phong trào, các đơn vị đăng ký thi đua'],
      [2024, 'final_review', 'Quý IV: tổng kết, khen thưởng'],
    ]);
    expect(plan.deadlines.map((d) => [d.day, d.month, d.year, d.period, d.recipient])).toEqual([
      [15, 6, 2024, 'six_months', 'Phòng Nội vụ'],
      [15, 11, 2024, 'year', 'Phòng Nội vụ'],
    ]);
    expect(plan.awardForms).toEqual(['Giấy khen', 'Bằng khen của Chủ tịch UBND tỉnh']);
    expect(plan.titles).toEqual(['Lao động tiên tiến', 'Chiến sĩ thi đua cơ sở']);
  });
});

describe('.docx with heading styles, line breaks and a tracked deletion', () => {
  it('reads headings as levels and skips deleted text', async () => {
    const plan = await parsePlanFile(fixture('chi-thi-heading.docx'), 'x.docx');
    expect(plan).toMatchObject({ number: '12', code: 'HD-SGDĐT', issuer: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', documentType: 'Hướng dẫn', period: { from: 2024, to: 2025 } });
    expect(plan.title).toBe('Chấm điểm thi đua văn hóa công sở trong trường học năm học 2024-2025');
    expectOutline(plan.sections, [
      ['', 'MỤC ĐÍCH', 0],
      ['', 'TIÊU CHÍ ĐÁNH GIÁ', 2],
      ['', 'TỔ CHỨC THỰC HIỆN', 0],
    ]);
    expect(plan.criteria.collective.map((n) => [n.text, n.maxPoints])).toEqual([
      ['Có kế hoạch thực hiện văn hóa công sở', 10],
      ['Khuôn viên xanh, sạch, đẹp', 10],
    ]);
    expect(JSON.stringify(plan)).not.toContain('vườn hoa');
    // Two items typed in one paragraph with a line break.
    expect(plan.criteria.individual.map((n) => n.text)).toEqual(['Đeo thẻ khi làm việc', 'Không hút thuốc lá trong trường học']);
    expect(plan.deadlines).toMatchObject([{ day: 31, month: 5, year: 2025, period: 'year', recipient: 'Sở Giáo dục và Đào tạo' }]);
  });
});

describe('.docx written by other tools', () => {
  const body = (p: string) =>
    `<${p}p><${p}r><${p}t>KẾ HOẠCH</${p}t></${p}r></${p}p><${p}p><${p}r><${p}t>Thi đua năm 2025</${p}t></${p}r></${p}p>` +
    `<${p}p><${p}r><${p}t>I. TIÊU CHÍ</${p}t></${p}r></${p}p><${p}p><${p}r><${p}t>1. Đối với tập thể:</${p}t></${p}r></${p}p>` +
    `<${p}p><${p}r><${p}t xml:space="preserve">- Có quy chế </${p}t></${p}r><${p}r><${p}t>(10 điểm)</${p}t></${p}r></${p}p>`;
  const ns = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

  it.each([
    ['another prefix', `<ns0:document xmlns:ns0="${ns}"><ns0:body>${body('ns0:')}</ns0:body></ns0:document>`],
    ['a default namespace', `<document xmlns="${ns}"><body>${body('')}</body></document>`],
    ['the Strict namespace', `<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>${body('w:')}</w:body></w:document>`],
  ])('reads WordprocessingML with %s', async (_, xml) => {
    const plan = await parsePlanFile(zip([{ name: 'word/document.xml', data: Buffer.from(xml) }]), 'x.docx');
    expect(plan.title).toBe('Thi đua năm 2025');
    expect(plan.criteria.collective).toMatchObject([{ code: '1', text: 'Có quy chế', maxPoints: 10 }]);
  });
});

describe('.docx with the criteria in appendices after the signature', () => {
  it('reads on past "Nơi nhận" and the signature into the appendices', async () => {
    const plan = await parsePlanFile(fixture('phu-luc.docx'), 'phu-luc.docx');
    expect(plan).toMatchObject({ number: '03', code: 'KH-CĐ', issuer: 'BAN CHẤP HÀNH CÔNG ĐOÀN TRƯỜNG THCS LÊ LỢI', place: 'Ninh Hòa', date: '2024-09-20' });
    expect(plan.sections.map((n) => n.code)).toEqual(['I', 'II', 'III', 'PHỤ LỤC 1', 'PHỤ LỤC 2']);
    expect(JSON.stringify(plan.sections)).not.toMatch(/Nơi nhận|Nguyễn Thị Hoa/);
    expect(plan.signer).toBe('Nguyễn Thị Hoa');
    expect(plan.criteria.collective.map((n) => [n.code, n.maxPoints])).toEqual([
      ['1', 20],
      ['2', 30],
      ['3', 50],
    ]);
    expect(plan.criteria.individual.map((n) => [n.text, n.maxPoints])).toEqual([
      ['Đi làm đúng giờ, lên lớp đúng thời khóa biểu', 40],
      ['Trang phục lịch sự, phù hợp môi trường sư phạm', 30],
      ['Ứng xử chuẩn mực với học sinh, phụ huynh', 30],
    ]);
    expect(plan.period).toEqual({ from: 2024, to: 2025 });
  });
});

describe('.xlsx scoring workbook', () => {
  const parsed = parsePlanFile(fixture('bang-diem.xlsx'), 'bang-diem.xlsx');

  it('reads the title rows as the heading', async () => {
    const plan = await parsed;
    expect(plan).toMatchObject({
      issuer: 'UBND TỈNH KHÁNH HÒA – SỞ NỘI VỤ',
      title: 'BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA THỰC HIỆN VĂN HÓA CÔNG SỞ NĂM 2024',
      documentType: 'Bảng tiêu chí',
      source: { format: 'xlsx' },
    });
  });

  it('takes the collective criteria from sheet "Tập thể" with its STT and points columns', async () => {
    const plan = await parsed;
    expectOutline(plan.criteria.collective, [
      ['I', 'Thực hiện quy chế văn hóa công sở', 3],
      ['II', 'Cải cách hành chính', 3],
      ['III', 'Điểm thưởng', 1],
    ]);
    expect(plan.criteria.collective.map((n) => n.maxPoints)).toEqual([30, 40, 30]);
    expect(plan.criteria.collective[0]!.children.map((n) => [n.code, n.maxPoints])).toEqual([
      ['I.1', 10],
      ['I.2', 10],
      ['I.3', 10],
    ]);
    const ii2 = plan.criteria.collective[1]!.children[1]!;
    expect(ii2.text).toBe('Giải quyết hồ sơ đúng hạn');
    expect(ii2.children.map((n) => [n.text, n.maxPoints])).toEqual([
      ['Trễ hạn dưới 5% số hồ sơ', 10],
      ['Không có hồ sơ trễ hạn', 15],
    ]);
    expect(plan.criteria.collective[1]!.children[2]!.text).toBe('Mức độ hài lòng của người dân\n(theo phiếu khảo sát)');
    // A row with points but no STT is a criterion of the group above.
    expect(plan.criteria.collective[2]!.children[0]).toMatchObject({ text: 'Có sáng kiến về văn hóa công sở được công nhận', maxPoints: 30 });
    // Scoring levels of one criterion read as sub-criteria: the sum is flagged.
    expect(plan.warnings).toContain('Dòng 14: tổng điểm các mục con (25) khác điểm tối đa của mục "II.2" (15)');
  });

  it('takes the individual criteria from sheet "Cá nhân" and flags a total that does not add up', async () => {
    const plan = await parsed;
    expect(plan.criteria.individual.map((n) => [n.code, n.maxPoints, n.children.map((c) => c.code)])).toEqual([
      ['1', 40, ['1.a', '1.b']],
      ['2', 30, []],
      ['3', 20, []],
      ['4', 5, []],
    ]);
    expect(plan.warnings).toContain('Dòng 1: tổng điểm các tiêu chí (95) khác tổng điểm ghi ở đầu mục (100)');
    // The hidden sheet is not read.
    expect(JSON.stringify(plan)).not.toContain('Dòng nháp');
  });

  it('reads a workbook without a criteria table as text', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kế hoạch');
    ws.addRow(['KẾ HOẠCH']);
    ws.addRow(['Thi đua năm 2025']);
    ws.addRow(['I', 'MỤC ĐÍCH']);
    ws.addRow(['1', 'Nâng cao ý thức']);
    ws.addRow(['II', 'TIÊU CHÍ']);
    ws.addRow(['a)', 'Đối với tập thể: xây dựng quy chế; niêm yết thủ tục']);
    const plan = await parsePlanFile(Buffer.from(await wb.xlsx.writeBuffer()), 'ke-hoach.xlsx');
    expect(plan.title).toBe('Thi đua năm 2025');
    expect(plan.sections.map((n) => [n.code, n.text])).toEqual([
      ['I', 'MỤC ĐÍCH'],
      ['II', 'TIÊU CHÍ'],
    ]);
    expect(plan.criteria.collective.map((n) => n.text)).toEqual(['Xây dựng quy chế', 'Niêm yết thủ tục']);
    expect(plan.warnings[0]).toMatch(/^Không thấy bảng tiêu chí/);
  });
});

describe('text files', () => {
  it('reads UTF-8 with a BOM and UTF-16', async () => {
    const text = 'KẾ HOẠCH\nThi đua năm 2025\nI. TIÊU CHÍ\n1. Đối với tập thể:\n- Có quy chế (10 điểm)\n';
    const utf8 = await parsePlanFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'a.txt');
    const utf16 = await parsePlanFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'a.txt');
    expect(utf8.criteria.collective).toMatchObject([{ code: '1', text: 'Có quy chế', maxPoints: 10 }]);
    expect(utf16.criteria).toEqual(utf8.criteria);
  });
});

describe('files that are not a plan document', () => {
  it('answers FILE_INVALID (400) with a bilingual reason', async () => {
    const err = await refusal(Buffer.from('%PDF-1.7 ...'), 'ke-hoach.pdf');
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('FILE_INVALID');
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ reason: err.reason, reasonEn: err.reasonEn });
    expect(err.message).toBe(`${err.reason} / ${err.reasonEn}`);
  });

  it('refuses a .docx that is not a zip, and a zip that is neither Word nor Excel', async () => {
    expect((await refusal(Buffer.from('chỉ là văn bản'), 'ke-hoach.docx')).reason).toBe('Tệp có đuôi .docx nhưng không phải là tệp Word hợp lệ');
    const notWord = zip([{ name: 'hello.txt', data: Buffer.from('xin chào') }]);
    expect((await refusal(notWord, 'ke-hoach.docx')).reason).toMatch(/^Tệp nén không phải là tài liệu Word/);
  });

  it('refuses Word 97-2003, damaged zips and binary junk', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(ole, 'ke-hoach.doc')).reason).toMatch(/97-2003/);
    const good = fixture('ke-hoach-diem.docx');
    expect((await refusal(good.subarray(0, good.length - 200), 'cut.docx')).reason).toMatch(/hỏng/);
    expect((await refusal(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x80]), 'x.txt')).reason).toMatch(/UTF-8|văn bản/);
  });

  it('refuses a zip bomb by its declared size, its ratio, its entry count and by what it really inflates to', async () => {
    const zeros = (mb: number) => Buffer.alloc(mb * 1024 * 1024);
    const big = zip([{ name: 'word/document.xml', data: zeros(51) }]);
    expect((await refusal(big, 'bomb.docx')).reason).toMatch(/bom nén.*50 MB/);
    const dense = zip([{ name: 'word/document.xml', data: zeros(5) }]);
    expect((await refusal(dense, 'bomb.docx')).reason).toMatch(/tỉ lệ nén/);
    const many = zip(Array.from({ length: 2500 }, (_, i) => ({ name: `word/media/${i}.xml`, data: Buffer.from('<a/>') })));
    expect((await refusal(many, 'bomb.docx')).reason).toMatch(/2500 tệp con/);
    // Claims 300 bytes, inflates to 5 MB: caught while inflating.
    const liar = zip([{ name: 'word/document.xml', data: zeros(5), declared: 300 }]);
    expect((await refusal(liar, 'bomb.docx')).reason).toMatch(/lớn hơn kích thước khai báo/);
  });

  it('refuses a .docx whose XML is broken', async () => {
    const broken = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document><w:body><w:p>') }]);
    expect((await refusal(broken, 'x.docx')).reason).toMatch(/hỏng/);
  });

  it('reads a .docx with no text as an empty draft, not an error', async () => {
    const empty = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document xmlns:w="x"><w:body/></w:document>') }]);
    const plan = await parsePlanFile(empty, 'x.docx');
    expect(plan.sections).toEqual([]);
    expect(plan.warnings).toEqual(['Tài liệu không có nội dung chữ nào đọc được']);
  });
});
