import { describe, expect, it } from 'vitest';
import { extractAwards } from './awards.js';
import { extractDeadlines } from './deadlines.js';
import { parsePlanText } from './index.js';
import { detectMarker } from './markers.js';
import { extractMilestones } from './milestones.js';
import { fixture, outlineLike } from './plan-parser.testing.js';
import type { PlanNode } from './plan-types.js';
import { extractPoints } from './points.js';
import type { TextUnit } from './text-units.js';

function expectOutline(nodes: PlanNode[], expected: [string, string, number][]) {
  expect(outlineLike(nodes, expected)).toEqual(expected);
}

const unit = (text: string, ancestors: string[] = []): TextUnit => ({ text, line: 1, head: text, ancestors });

describe('detectMarker', () => {
  it.each([
    ['I. MỤC ĐÍCH', 'roman', 'I', 'MỤC ĐÍCH'],
    ['I.MỤC ĐÍCH,YÊU CẦU', 'roman', 'I', 'MỤC ĐÍCH,YÊU CẦU'],
    ['II -   NỘI DUNG', 'roman', 'II', 'NỘI DUNG'],
    ['IV) Tiêu chí', 'roman', 'IV', 'Tiêu chí'],
    ['1. Mục đích', 'arabic.', '1', 'Mục đích'],
    ['1.Mục đích', 'arabic.', '1', 'Mục đích'],
    ['2 . Yêu cầu', 'arabic.', '2', 'Yêu cầu'],
    ['1/ Tiêu chí', 'arabic/', '1', 'Tiêu chí'],
    ['3) Nội dung', 'arabic)', '3', 'Nội dung'],
    ['(2) Nội dung', 'arabic()', '2', 'Nội dung'],
    ['1.1. Nội dung', 'multi2', '1.1', 'Nội dung'],
    ['2.3.1 Tiêu chí con', 'multi3', '2.3.1', 'Tiêu chí con'],
    ['1.2.Nội dung', 'multi2', '1.2', 'Nội dung'],
    ['a) Tập thể:', 'letter)', 'a', 'Tập thể:'],
    ['a)Tập thể', 'letter)', 'a', 'Tập thể'],
    ['đ) Khác', 'letter)', 'đ', 'Khác'],
    ['b/ Cá nhân', 'letter/', 'b', 'Cá nhân'],
    ['c. Trang phục', 'letter.', 'c', 'Trang phục'],
    ['- Xây dựng', 'dash', '-', 'Xây dựng'],
    ['-Xây dựng', 'dash', '-', 'Xây dựng'],
    ['– Ký số', 'dash', '-', 'Ký số'],
    ['+ Niêm yết', 'plus', '+', 'Niêm yết'],
    ['• Gửi nhận', 'bullet', '•', 'Gửi nhận'],
    ['\uf0b7 Gửi nhận', 'bullet', '•', 'Gửi nhận'],
    ['Phần II. Tiêu chí', 'part-phần', 'Phần II', 'Tiêu chí'],
    ['Điều 3. Khen thưởng', 'article', 'Điều 3', 'Khen thưởng'],
    ['A. PHẦN CHUNG', 'upper.', 'A', 'PHẦN CHUNG'],
    ['1. Năm 2019: ban hành kế hoạch', 'arabic.', '1', 'Năm 2019: ban hành kế hoạch'],
  ])('%s', (line, kind, label, rest) => {
    expect(detectMarker(line)).toMatchObject({ kind, label, rest });
  });

  it.each(['2025.', '15/12 hằng năm', '30/11/2019 là hạn', '-------', '___', '1.5 điểm', '10. điểm', 'Số: 1243', 'Căn cứ Luật', '"Thi đua xây dựng"', 'v.v...'])(
    'is not a marker: %s',
    (line) => {
      expect(detectMarker(line)).toBeNull();
    },
  );
});

describe('extractPoints', () => {
  it.each([
    ['Ban hành quy chế (10 điểm)', 10, 'Ban hành quy chế'],
    ['Ban hành quy chế (tối đa 10 điểm)', 10, 'Ban hành quy chế'],
    ['Niêm yết công khai (10đ)', 10, 'Niêm yết công khai'],
    ['Đi làm đúng giờ - 5 điểm', 5, 'Đi làm đúng giờ'],
    ['Không uống rượu bia: 5 điểm.', 5, 'Không uống rượu bia'],
    ['Ứng dụng CNTT, tối đa 7,5 điểm', 7.5, 'Ứng dụng CNTT'],
    ['Điểm tối đa: 20', 20, 'Điểm tối đa: 20'],
    ['Giải quyết hồ sơ (15 điểm), gồm:', 15, 'Giải quyết hồ sơ (15 điểm), gồm:'],
  ])('%s', (text, points, clean) => {
    const r = extractPoints(text);
    expect(r.points).toBe(points);
    expect(r.text).toBe(clean);
  });

  it.each(['Trừ 2 điểm mỗi lần vi phạm', 'Đơn vị đạt từ 90 điểm trở lên xếp loại xuất sắc', 'Mỗi sáng kiến được cộng 1 điểm', 'Không có điểm'])('takes no maximum from: %s', (text) => {
    expect(extractPoints(text).points).toBeUndefined();
  });

  it('reports two different maxima', () => {
    expect(extractPoints('Tiêu chí A (10 điểm), tối đa 15 điểm').ambiguous).toEqual([10, 15]);
  });
});

describe('extractDeadlines', () => {
  it('splits two deadlines of one sentence and keeps each period', () => {
    const r = extractDeadlines([unit('Định kỳ 06 tháng, 01 năm báo cáo về Sở Nội vụ. (Báo cáo 6 tháng gửi trước ngày 31/5 hàng năm và báo cáo năm gửi trước ngày 30/11 hàng năm).')]);
    expect(r.deadlines.map((d) => [d.day, d.month, d.period, d.recipient])).toEqual([
      [31, 5, 'six_months', 'Sở Nội vụ'],
      [30, 11, 'year', 'Sở Nội vụ'],
    ]);
  });

  it.each([
    ['Báo cáo quý gửi Phòng Nội vụ chậm nhất ngày 25 tháng 3', 25, 3, 'quarter', 'Phòng Nội vụ'],
    ['Hằng tháng báo cáo về Văn phòng UBND tỉnh trước ngày 20-1', 20, 1, 'month', 'Văn phòng UBND tỉnh'],
    ['Nộp hồ sơ khen thưởng về Ban Thi đua - Khen thưởng tỉnh trước ngày 15/01/2026', 15, 1, 'once', 'Ban Thi đua - Khen thưởng tỉnh'],
    ['Các trường gửi báo cáo năm học về Sở Giáo dục và Đào tạo trước ngày 31/5/2025', 31, 5, 'year', 'Sở Giáo dục và Đào tạo'],
  ])('%s', (text, day, month, period, recipient) => {
    const [d] = extractDeadlines([unit(text)]).deadlines;
    expect(d).toMatchObject({ day, month, period, recipient });
  });

  it('refuses an impossible date and asks for a month that is not given', () => {
    expect(extractDeadlines([unit('Gửi báo cáo trước ngày 31/13.')]).notes[0]!.message).toContain('không phải ngày hợp lệ');
    expect(extractDeadlines([unit('Báo cáo quý gửi UBND huyện trước ngày 20 của tháng cuối quý.')]).notes[0]!.message).toContain('không ghi tháng cụ thể');
  });
});

describe('extractAwards', () => {
  it('normalises award forms and finds who gives each Bằng khen', () => {
    const r = extractAwards([
      unit('Chủ tịch UBND huyện tặng Giấy khen; đề nghị Chủ tịch UBND tỉnh Khánh Hòa xem xét tặng thưởng Bằng khen.'),
      unit('Đề nghị Thủ tướng Chính phủ tặng Bằng khen hoặc trình Chủ tịch nước tặng Huân chương Lao động hạng Ba; Bằng khen của Bộ trưởng Bộ Nội vụ.'),
      unit('Giấy khen của Chủ tịch UBND xã Phước Đồng; Kỷ niệm chương Vì sự nghiệp thi đua - khen thưởng.'),
      unit('Xét danh hiệu Tập thể lao động xuất sắc, Lao động tiên tiến, Chiến sĩ thi đua cơ sở và Cờ thi đua của Chính phủ.'),
    ]);
    expect(r.awardForms).toEqual([
      'Giấy khen',
      'Bằng khen của Chủ tịch UBND tỉnh',
      'Bằng khen của Thủ tướng Chính phủ',
      'Huân chương Lao động hạng Ba',
      'Bằng khen của Bộ trưởng Bộ Nội vụ',
      'Giấy khen của Chủ tịch UBND xã',
      'Kỷ niệm chương Vì sự nghiệp thi đua - khen thưởng',
    ]);
    expect(r.titles).toEqual(['Tập thể lao động xuất sắc', 'Lao động tiên tiến', 'Chiến sĩ thi đua cơ sở', 'Cờ thi đua của Chính phủ']);
  });
});

describe('extractMilestones', () => {
  it('reads a timeline of years, quarters and dates', () => {
    const timeline = ['V. TIẾN ĐỘ THỰC HIỆN'];
    const r = extractMilestones([
      unit('Năm 2019: ban hành kế hoạch, phát động phong trào.', timeline),
      unit('Quý IV/2022: sơ kết 3 năm thực hiện.', timeline),
      unit('20/12/2025: tổng kết, khen thưởng.', timeline),
      unit('Năm 2019 là năm có vai trò quan trọng.'),
    ]);
    expect(r.map((m) => [m.year, m.kind, m.date])).toEqual([
      [2019, 'launch', undefined],
      [2022, 'midterm_review', undefined],
      [2025, 'final_review', '2025-12-20'],
    ]);
    expect(r[1]!.label).toBe('Quý IV: sơ kết 3 năm thực hiện');
  });

  it('ignores the years of a period and "sơ kết, tổng kết" said together', () => {
    expect(extractMilestones([unit('Tham mưu sơ kết, tổng kết phong trào giai đoạn 2019 - 2025.')])).toEqual([]);
  });
});

describe('messy numbering (own sample)', () => {
  const plan = parsePlanText(fixture('messy-numbering.txt').toString('utf8'));

  it('reads a heading typed with tabs and blanks', () => {
    expect(plan).toMatchObject({ number: null, code: 'KH-UBND', issuer: 'UBND XÃ PHƯỚC ĐỒNG', place: 'Phước Đồng', date: null, documentType: 'Kế hoạch' });
    expect(plan.title).toBe('KẾ HOẠCH THI ĐUA thực hiện văn hóa công sở tại UBND xã năm 2024');
    expect(plan.warnings).toContain('Dòng 3: số văn bản để trống ("Số: /KH-UBND")');
    expect(plan.warnings).toContain('Dòng 3: ngày ban hành để trống hoặc không hợp lệ ("Phước Đồng, ngày tháng 4 năm 2024")');
  });

  it('builds the outline whatever the spacing, and drops page numbers and running headers', () => {
    expectOutline(plan.sections, [
      ['', 'Căn cứ Kế hoạch', 0],
      ['I', 'MỤC ĐÍCH,YÊU CẦU', 2],
      ['II', 'NỘI DUNG VÀ TIÊU CHÍ', 2],
      ['III', 'KHEN THƯỞNG\nChủ tịch', 0],
      ['IV', 'TIẾN ĐỘ', 2],
      ['V', 'TỔ CHỨC THỰC HIỆN', 2],
    ]);
    expect(JSON.stringify(plan.sections)).not.toContain('UBND xã Phước Đồng\\n');
    expect(JSON.stringify(plan.sections)).not.toContain('Kế hoạch thi đua năm 2024 - UBND');
    expect(plan.warnings).toContain('Bỏ 6 dòng số trang hoặc đầu trang lặp lại');
  });

  it('reads criteria with points, a skipped letter and mixed bullets', () => {
    expectOutline(plan.criteria.collective, [
      ['a', 'Ban hành quy chế văn hóa công sở của UBND xã', 0],
      ['b', 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa', 0],
      ['d', 'Ứng dụng công nghệ thông tin', 3],
    ]);
    expect(plan.criteria.collective.map((n) => n.maxPoints)).toEqual([10, 10, 10]);
    expect(plan.criteria.collective[2]!.children.map((n) => n.code)).toEqual(['d.1', 'd.2', 'd.3']);
    expectOutline(plan.criteria.individual, [
      ['1', 'Đi làm đúng giờ, không rời nhiệm sở khi không có lý do', 0],
      ['2', 'Không sử dụng đồ uống có cồn trong giờ làm việc', 1],
      ['3', 'Trang phục gọn gàng, lịch sự; đeo thẻ công chức khi làm việc', 0],
      ['4', 'Giao tiếp với người dân theo "4 xin, 4 luôn"', 0],
      ['5', 'Tích cực tham gia phong trào do xã phát động', 0],
    ]);
    expect(plan.criteria.individual.map((n) => n.maxPoints)).toEqual([5, 5, 5, 5, undefined]);
    // A deduction is not a maximum.
    expect(plan.criteria.individual[1]!.children[0]).toMatchObject({ text: 'Trừ 2 điểm mỗi lần vi phạm' });
    expect(plan.criteria.individual[1]!.children[0]!.maxPoints).toBeUndefined();
    expect(plan.warnings).toContain('Dòng 17: thứ tự chữ cái nhảy từ "b)" sang "d)"');
    expect(plan.warnings).toContain('Dòng 20: ký hiệu đầu dòng "•" khác các mục cùng cấp ("-"): đã xếp cùng cấp theo lề');
  });

  it('reads the timeline, the deadline and the award forms, and says what it could not', () => {
    expect(plan.milestones.map((m) => [m.year, m.kind, m.label])).toEqual([
      [2024, 'launch', 'Phát động phong trào trong toàn xã'],
      [2024, 'final_review', 'Tháng 12: tổng kết, bình xét khen thưởng'],
    ]);
    expect(plan.deadlines).toEqual([
      { day: 5, month: 12, period: 'year', recipient: 'Văn phòng UBND xã', text: 'Các bộ phận gửi báo cáo năm về Văn phòng UBND xã chậm nhất ngày 05/12', line: 43 },
    ]);
    expect(plan.warnings).toContain('Dòng 42: hạn "trước ngày 20 của tháng cuối quý" không ghi tháng cụ thể: nhập hạn khi rà soát');
    expect(plan.awardForms).toEqual(['Giấy khen', 'Bằng khen']);
    expect(plan.warnings).toContain('Dòng 32: "Bằng khen" không rõ cấp nào tặng: chọn khi rà soát');
  });

  it('reads the same text decomposed (NFD) and with Windows line ends', () => {
    const again = parsePlanText(fixture('messy-numbering.txt').toString('utf8').normalize('NFD').replace(/\n/g, '\r\n'));
    expect(again.criteria).toEqual(plan.criteria);
    expect(again.title).toBe(plan.title);
  });
});

describe('prose with inline lists (own sample)', () => {
  const plan = parsePlanText(fixture('prose-inline.txt').toString('utf8'));

  it('reads the heading', () => {
    expect(plan).toMatchObject({ number: '08', code: 'HD-LĐLĐ', issuer: 'LIÊN ĐOÀN LAO ĐỘNG TỈNH KHÁNH HÒA', place: 'Nha Trang', date: '2025-01-02', documentType: 'Hướng dẫn' });
  });

  it('splits "a) …; b) …; c) …" and "Đối với cá nhân: …; …" into criteria', () => {
    expect(plan.criteria.collective.map((n) => [n.code, n.text, n.maxPoints])).toEqual([
      ['a', 'Có quy chế văn hóa công sở được ban hành', 10],
      ['b', 'Niêm yết công khai thủ tục, quy trình giải quyết công việc', 10],
      ['c', 'Không có đoàn viên vi phạm kỷ luật', 20],
    ]);
    expect(plan.criteria.individual.map((n) => n.text)).toEqual([
      'Chấp hành tốt nội quy cơ quan',
      'Trang phục gọn gàng, lịch sự',
      'Không hút thuốc lá trong phòng làm việc',
      'Tích cực tham gia phong trào do công đoàn phát động',
    ]);
    // "Điểm a) khoản 1 Điều 7" is a legal reference, not a list.
    expect(plan.sections[plan.sections.length - 1]!.children).toEqual([]);
  });

  it('reads dated milestones, two deadlines and the givers of awards', () => {
    expect(plan.milestones.map((m) => [m.year, m.kind, m.date])).toEqual([
      [2025, 'launch', '2025-01-15'],
      [2025, 'midterm_review', undefined],
      [2025, 'final_review', undefined],
    ]);
    expect(plan.deadlines.map((d) => [d.day, d.month, d.period, d.recipient])).toEqual([
      [10, 6, 'six_months', 'Ban Tổ chức Liên đoàn Lao động tỉnh'],
      [10, 11, 'year', 'Ban Tổ chức Liên đoàn Lao động tỉnh'],
    ]);
    expect(plan.awardForms).toEqual(['Bằng khen của Liên đoàn Lao động tỉnh', 'Giấy khen']);
    expect(plan.titles).toEqual(['Cờ thi đua của UBND tỉnh']);
  });
});

describe('documents without structure', () => {
  it('keeps plain prose as paragraphs with a warning', () => {
    const plan = parsePlanText('Hưởng ứng phong trào, cơ quan tổ chức ra quân dọn vệ sinh.\n\nMọi người tham gia đầy đủ, đúng giờ.\n');
    expect(plan.sections.map((n) => [n.code, n.text])).toEqual([
      ['', 'Hưởng ứng phong trào, cơ quan tổ chức ra quân dọn vệ sinh.'],
      ['', 'Mọi người tham gia đầy đủ, đúng giờ.'],
    ]);
    expect(plan.warnings[0]).toMatch(/^Không nhận ra cấu trúc đề mục/);
    expect(plan.criteria).toEqual({ collective: [], individual: [] });
  });

  it('returns an empty draft for an empty text', () => {
    expect(parsePlanText('  \n\n').warnings).toEqual(['Tài liệu không có nội dung chữ nào đọc được']);
  });

  it('never throws on noise', () => {
    const pieces = ['I.', 'a)', '-', '+', '1.1.', 'Số: /', 'ngày tháng năm', 'KẾ HOẠCH', 'Đối với tập thể:', '(10 điểm)', 'trước ngày 31/2', 'Nơi nhận:', '', '2', '“', 'ĐẾN', 'Bằng khen', '\t\t', 'II -', 'l.'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 40) }, () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pieces[Math.floor(next() * pieces.length)]).join(' '));
      expect(() => parsePlanText(lines.join('\n'))).not.toThrow();
    }
  });
});
