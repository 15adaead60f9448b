import { describe, expect, it } from 'vitest';
import { parsePlanText, type ParsedPlan, type PlanNode } from './index.js';
import { fixture } from './plan-parser.testing.js';
import { extractPoints } from './points.js';

// Issue 9, section 7: what trying the import on real files showed. Each block names the case a
// user met; the texts are written as the seed plans are (shared/seeds).

/** A district plan as typed in Word and saved as text: heading in two columns, criteria with points. */
const DISTRICT_PLAN = [
  'ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'HUYỆN DIÊN KHÁNH\tĐộc lập - Tự do - Hạnh phúc',
  'Số: 45/KH-UBND\tDiên Khánh, ngày 15 tháng 01 năm 2026',
  '',
  'KẾ HOẠCH',
  'Tổ chức phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” năm 2026',
  '',
  'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
  'Căn cứ Kế hoạch số 112/KH-UBND ngày 10/01/2026 của UBND tỉnh Khánh Hòa, Ủy ban nhân dân huyện Diên Khánh ban hành Kế hoạch như sau:',
  '',
  'I. MỤC ĐÍCH, YÊU CẦU',
  'Nâng cao ý thức, trách nhiệm của cán bộ, công chức, viên chức trong thực thi công vụ.',
  '',
  'II. TIÊU CHÍ THI ĐUA',
  '1. Đối với tập thể (100 điểm):',
  'a) Ban hành và thực hiện quy chế văn hóa công sở (20 điểm);',
  'b) Niêm yết công khai thủ tục hành chính tại bộ phận một cửa (30 điểm);',
  'c) Không có cán bộ, công chức bị kỷ luật từ hình thức khiển trách trở lên (50 điểm - điểm liệt).',
  '2. Đối với cá nhân:',
  'a) Đi làm đúng giờ, không rời nhiệm sở khi không có lý do (40 điểm);',
  'b) Không sử dụng đồ uống có cồn trong giờ làm việc và giờ nghỉ trưa (điểm liệt – 60 điểm).',
  '',
  'III. TỔ CHỨC THỰC HIỆN',
  '1. Các cơ quan, đơn vị đăng ký thi đua trước ngày 28/02 về Phòng Nội vụ (cơ quan Thường trực Hội đồng Thi đua - Khen thưởng huyện).',
  '2. Các cơ quan, đơn vị gửi báo cáo năm về Phòng Nội vụ trước ngày 30/11/2026.',
  '',
  'Nơi nhận:',
  '- Sở Nội vụ (b/c);',
  '- Các cơ quan, đơn vị thuộc huyện;',
  '- Lưu: VT, NV.\tTM. ỦY BAN NHÂN DÂN',
  'KT. CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  '',
  '',
  '',
  'Nguyễn Văn An',
].join('\n');

describe('"(50 điểm - điểm liệt)": a veto criterion that also carries points', () => {
  it.each([
    ['Không có cán bộ bị kỷ luật (50 điểm - điểm liệt)', 50],
    ['Không có cán bộ bị kỷ luật (50đ – điểm liệt).', 50],
    ['Không có cán bộ bị kỷ luật (điểm liệt - 50 điểm)', 50],
    ['Không có cán bộ bị kỷ luật (tối đa 50 điểm, là tiêu chí liệt);', 50],
  ])('%s', (text, points) => {
    expect(extractPoints(text)).toEqual({ points, text: 'Không có cán bộ bị kỷ luật', veto: true });
  });

  it('keeps the points of the criterion and marks it veto', () => {
    const plan = parsePlanText(DISTRICT_PLAN);
    expect(plan.criteria.collective.map((n) => [n.code, n.text, n.maxPoints, n.veto ?? false])).toEqual([
      ['a', 'Ban hành và thực hiện quy chế văn hóa công sở', 20, false],
      ['b', 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa', 30, false],
      ['c', 'Không có cán bộ, công chức bị kỷ luật từ hình thức khiển trách trở lên', 50, true],
    ]);
    expect(plan.criteria.individual.map((n) => [n.maxPoints, n.veto ?? false])).toEqual([
      [40, false],
      [60, true],
    ]);
    // The points add up to the group's 100: no warning about the sum.
    expect(plan.warnings.filter((w) => w.includes('tổng điểm'))).toEqual([]);
  });

  it('reads "(50 điểm - điểm liệt)" on a line of its own under the item', () => {
    const plan = parsePlanText('1. Đối với tập thể:\na) Không có cán bộ bị kỷ luật\n(50 điểm - điểm liệt)\nb) Có quy chế văn hóa công sở (50 điểm)');
    expect(plan.criteria.collective.map((n) => [n.text, n.maxPoints, n.veto ?? false])).toEqual([
      ['Không có cán bộ bị kỷ luật', 50, true],
      ['Có quy chế văn hóa công sở', 50, false],
    ]);
  });
});

describe('"đăng ký thi đua trước ngày 28/02": a registration milestone, not a report deadline', () => {
  it('reads the registration date as a milestone of the plan year and keeps only the report as a deadline', () => {
    const plan = parsePlanText(DISTRICT_PLAN);
    expect(plan.milestones).toEqual([
      {
        year: 2026,
        date: '2026-02-28',
        kind: 'registration',
        label: 'Các cơ quan, đơn vị đăng ký thi đua trước ngày 28/02 về Phòng Nội vụ (cơ quan Thường trực Hội đồng Thi đua - Khen thưởng huyện)',
        line: 24,
      },
    ]);
    expect(plan.deadlines.map((d) => [d.day, d.month, d.year, d.period, d.recipient])).toEqual([[30, 11, 2026, 'year', 'Phòng Nội vụ']]);
  });

  it('keeps a year the document writes, and a report about registrations as a deadline', () => {
    const plan = parsePlanText(
      [
        'KẾ HOẠCH',
        'Thi đua thực hiện văn hóa công sở năm 2027',
        'I. TỔ CHỨC THỰC HIỆN',
        '1. Các phòng, ban gửi bản đăng ký thi đua về Văn phòng trước ngày 15/01/2027; báo cáo kết quả đăng ký thi đua gửi Sở Nội vụ trước ngày 31/01/2027.',
        '2. Trước ngày 10/02/2027, các xã, thị trấn đăng ký thi đua với Cụm thi đua.',
      ].join('\n'),
    );
    expect(plan.milestones.map((m) => [m.kind, m.date, m.line])).toEqual([
      ['registration', '2027-01-15', 4],
      ['registration', '2027-02-10', 5],
    ]);
    expect(plan.deadlines.map((d) => [d.day, d.month, d.recipient])).toEqual([[31, 1, 'Sở Nội vụ']]);
    expect(plan.warnings.filter((w) => w.includes('đăng ký'))).toEqual([]);
  });

  it('takes the first such date after the plan is issued when a plan of several years gives no year, and says so', () => {
    const plan = parsePlanText(
      [
        'Số: 6344/KH-UBND',
        'Nha Trang, ngày 08 tháng 8 năm 2019',
        'KẾ HOẠCH',
        'Tổ chức thực hiện phong trào thi đua giai đoạn 2019-2025',
        'I. TỔ CHỨC THỰC HIỆN',
        '1. Hằng năm, các cơ quan, đơn vị đăng ký thi đua trước ngày 15/3 về Phòng Nội vụ thành phố.',
      ].join('\n'),
    );
    expect(plan.milestones.map((m) => [m.kind, m.year, m.date])).toEqual([['registration', 2020, '2020-03-15']]);
    expect(plan.deadlines).toEqual([]);
    expect(plan.warnings).toContain('Dòng 6: hạn đăng ký thi đua "trước ngày 15/3" không ghi năm: đã ghi mốc năm 2020 (lần đầu sau ngày ban hành), kiểm tra lại');
  });

  it('asks for the year when nothing in the document tells it', () => {
    const plan = parsePlanText('1. Các đơn vị đăng ký thi đua trước ngày 28/02 về Phòng Nội vụ.');
    expect(plan.milestones).toEqual([]);
    expect(plan.deadlines).toEqual([]);
    expect(plan.warnings).toContain('Dòng 1: hạn đăng ký thi đua "trước ngày 28/02" không rõ năm nào: thêm mốc đăng ký khi rà soát');
  });

  it('reads a timeline item about registering as a registration milestone', () => {
    const plan = parsePlanText('V. TIẾN ĐỘ THỰC HIỆN\n1. Tháng 01/2026: ban hành kế hoạch, phát động phong trào.\n2. Tháng 02/2026: các cơ quan, đơn vị đăng ký thi đua.\n3. Tháng 12/2026: tổng kết.');
    expect(plan.milestones.map((m) => [m.year, m.kind])).toEqual([
      [2026, 'launch'],
      [2026, 'registration'],
      [2026, 'final_review'],
    ]);
  });
});

describe('the signer, read from the signature at the end', () => {
  it('reads the name under "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"', () => {
    expect(parsePlanText(DISTRICT_PLAN).signer).toBe('Nguyễn Văn An');
  });

  it.each([
    ['a name under the title, after "(Đã ký)"', 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nLê Thị Hồng Nhung', 'Lê Thị Hồng Nhung'],
    ['a name after the list of recipients', 'CHỦ TỊCH\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nLê Anh Xuân', 'Lê Anh Xuân'],
    ['a name in capitals', 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTRẦN MINH QUANG', 'TRẦN MINH QUANG'],
    ['the title and the name on one line', 'TM. BAN CHẤP HÀNH\nCHỦ TỊCH Nguyễn Thị Hoa', 'Nguyễn Thị Hoa'],
    ['a signature left blank for the pen', 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', null],
    ['no signature at all', '', null],
  ])('%s', (_, ending, signer) => {
    const plan = parsePlanText(`KẾ HOẠCH\nThi đua năm 2026\nI. NỘI DUNG\n1. Đi làm đúng giờ.\n${ending}`);
    expect(plan.signer).toBe(signer);
  });
});

describe('criteria written as prose after "tiêu chuẩn …:", separated by ";"', () => {
  it('makes each part a criterion, for each subject, inside a numbered section', () => {
    const plan = parsePlanText(
      [
        'KẾ HOẠCH',
        'Thi đua thực hiện văn hóa công sở năm 2026',
        'I. MỤC ĐÍCH',
        'Nâng cao ý thức trách nhiệm của công chức.',
        'II. TIÊU CHUẨN THI ĐUA',
        'Tiêu chuẩn đối với tập thể: có quy chế văn hóa công sở; niêm yết công khai thủ tục hành chính (10 điểm); không có công chức bị kỷ luật (điểm liệt).',
        'Tiêu chuẩn đối với cá nhân: đi làm đúng giờ; trang phục gọn gàng, lịch sự; giao tiếp với người dân theo “4 xin, 4 luôn”.',
        'III. TỔ CHỨC THỰC HIỆN',
        'Văn phòng theo dõi, đôn đốc thực hiện.',
      ].join('\n'),
    );
    expect(plan.criteria.collective.map((n) => [n.code, n.text, n.maxPoints, n.veto ?? false, n.line])).toEqual([
      ['1', 'Có quy chế văn hóa công sở', undefined, false, 6],
      ['2', 'Niêm yết công khai thủ tục hành chính', 10, false, 6],
      ['3', 'Không có công chức bị kỷ luật (điểm liệt)', undefined, true, 6],
    ]);
    expect(plan.criteria.individual.map((n) => n.text)).toEqual(['Đi làm đúng giờ', 'Trang phục gọn gàng, lịch sự', 'Giao tiếp với người dân theo “4 xin, 4 luôn”']);
    // The section still shows the two paragraphs, as the document has them.
    expect(plan.sections[1]!.children.map((n) => n.text.slice(0, 27))).toEqual(['Tiêu chuẩn đối với tập thể:', 'Tiêu chuẩn đối với cá nhân:']);
    expect(plan.warnings).toContain('Dòng 6: tách 3 tiêu chí viết liền, ngăn bởi dấu ";"');
  });

  it('takes "Tiêu chuẩn thi đua: …; …" that names no subject, and asks whom it is for', () => {
    const plan = parsePlanText(
      'KẾ HOẠCH\nThi đua năm 2026\nI. NỘI DUNG\nTiêu chuẩn thi đua: chấp hành nghiêm kỷ luật, kỷ cương hành chính; hoàn thành tốt nhiệm vụ được giao; không vi phạm quy định về văn hóa công sở.\nII. TỔ CHỨC THỰC HIỆN\nCác phòng triển khai thực hiện.',
    );
    expect(plan.criteria.collective.map((n) => n.text)).toEqual([
      'Chấp hành nghiêm kỷ luật, kỷ cương hành chính',
      'Hoàn thành tốt nhiệm vụ được giao',
      'Không vi phạm quy định về văn hóa công sở',
    ]);
    expect(plan.warnings).toContain('Dòng 4: không rõ tiêu chí dành cho tập thể hay cá nhân: tạm xếp vào tiêu chí tập thể, chọn lại khi rà soát');
  });

  it('leaves a sentence that only mentions criteria as it is', () => {
    const plan = parsePlanText('I. TỔ CHỨC THỰC HIỆN\nTiêu chí chấm điểm: theo Phụ lục kèm theo.\nCác phòng triển khai thực hiện; báo cáo kết quả về Văn phòng.');
    expect(plan.criteria).toEqual({ collective: [], individual: [] });
    expect(plan.sections[0]!.text).toBe('TỔ CHỨC THỰC HIỆN\nTiêu chí chấm điểm: theo Phụ lục kèm theo.\nCác phòng triển khai thực hiện; báo cáo kết quả về Văn phòng.');
  });
});

/** A decision copied out of a PDF viewer: one line, the heading's two columns interleaved, gaps as runs of spaces. */
const DECISION_FROM_PDF = fixture('pdf-one-line.txt').toString('utf8');

/**
 * What a reader checks of a draft, without the line numbers (a text cut into lines numbers them
 * anew) and the paragraph breaks inside an item (a PDF copy keeps none: "Nhà nước.\nĐối với" is
 * "Nhà nước. Đối với" there).
 */
function essentials(plan: ParsedPlan) {
  const flat = (text: string) => text.replace(/\.?\n/g, '. ').replace(/\.$/, '');
  const tree = (nodes: PlanNode[]): unknown[] => nodes.map((n) => [n.code, flat(n.text), n.maxPoints, n.veto ?? false, tree(n.children)]);
  return {
    heading: [plan.number, plan.code, plan.issuer, plan.place, plan.date, plan.documentType, plan.title, plan.period, plan.signer],
    criteria: [tree(plan.criteria.collective), tree(plan.criteria.individual)],
    milestones: plan.milestones.map((m) => [m.year, m.date, m.kind, m.label]),
    deadlines: plan.deadlines.map((d) => [d.day, d.month, d.year, d.period, d.recipient, d.text]),
    awards: [plan.awardForms, plan.titles],
  };
}

describe('text copied out of a PDF: the whole document on one line', () => {
  const plan = parsePlanText(DECISION_FROM_PDF);

  it('reads the heading: number, code, place, date, issuing body, type, title; the authority line is not the title', () => {
    expect(plan).toMatchObject({
      number: '15',
      code: 'QĐ-UBND',
      issuer: 'ỦY BAN NHÂN DÂN HUYỆN DIÊN KHÁNH',
      place: 'Diên Khánh',
      date: '2026-01-12',
      documentType: 'Quyết định',
      title: 'Về việc ban hành tiêu chuẩn thi đua thực hiện văn hóa công sở năm 2026',
      period: { from: 2026, to: 2026 },
    });
  });

  it('finds the "Căn cứ …" lines, "QUYẾT ĐỊNH:", "Điều 1." and "Điều 2.", and stops at "Nơi nhận"', () => {
    expect(plan.sections.map((n) => [n.code, n.text.slice(0, 30), n.children.map((c) => c.code)])).toEqual([
      ['', 'Căn cứ Luật Tổ chức chính quyề', []],
      ['', 'Căn cứ Luật Thi đua, khen thưở', []],
      ['', 'Căn cứ Nghị định số 152/2025/N', []],
      ['', 'Theo đề nghị của Trưởng phòng ', []],
      ['', 'QUYẾT ĐỊNH:', ['Điều 1', 'Điều 2']],
    ]);
    const [article1, article2] = plan.sections[4]!.children;
    expect(article1!.children.map((n) => [n.code, n.children.map((c) => c.code)])).toEqual([
      ['1', ['a', 'b', 'c']],
      ['2', []],
      ['3', []],
    ]);
    expect(article2!.text).toBe(
      'Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.',
    );
    expect(JSON.stringify(plan.sections)).not.toMatch(/Nơi nhận|Lưu: VT|Nguyễn Văn An/);
  });

  it('reads the criteria, the registration date, the report deadline and the signer', () => {
    expect(plan.criteria.collective.map((n) => [n.code, n.maxPoints, n.veto ?? false])).toEqual([
      ['a', 20, false],
      ['b', 30, false],
      ['c', 50, true],
    ]);
    expect(plan.criteria.individual.map((n) => n.text)).toEqual([
      'Chấp hành nghiêm nội quy, quy chế của cơ quan',
      'Trang phục gọn gàng, đeo thẻ công chức khi thi hành công vụ',
      'Giao tiếp chuẩn mực, thực hiện “4 xin, 4 luôn”',
    ]);
    expect(plan.milestones.map((m) => [m.kind, m.date, m.label])).toEqual([['registration', '2026-02-28', 'Các cơ quan, đơn vị đăng ký thi đua trước ngày 28/02/2026 về Phòng Nội vụ']]);
    expect(plan.deadlines.map((d) => [d.day, d.month, d.year, d.recipient])).toEqual([[30, 11, 2026, 'Phòng Nội vụ']]);
    expect(plan.signer).toBe('Nguyễn Văn An');
  });

  it('says that it cut the text into lines, and numbers its warnings by those lines', () => {
    expect(plan.warnings[0]).toBe(
      'Văn bản viết liền trên một dòng (chép từ tệp PDF?): đã tách lại thành 30 dòng ở đầu các mục (Số, ngày, Căn cứ, Điều, I., 1., a), -, Nơi nhận, chữ ký), kiểm tra lại',
    );
    expect(plan.warnings).toContain('Dòng 20: tách 3 tiêu chí viết liền, ngăn bởi dấu ";"');
    expect(plan.criteria.collective.map((n) => n.line)).toEqual([17, 18, 19]);
  });

  it('reads the district plan and seed 000 run together as it reads them line by line', () => {
    const runTogether = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean).join('  ');
    expect(essentials(parsePlanText(runTogether(DISTRICT_PLAN)))).toEqual(essentials(parsePlanText(DISTRICT_PLAN)));
    const seed000 = fixture('seeds/000_4d5fff50ea1c841f.txt').toString('utf8');
    const lined = parsePlanText(seed000);
    const oneLine = parsePlanText(runTogether(seed000));
    expect(essentials(oneLine)).toEqual(essentials(lined));
    expect(oneLine.sections.map((n) => [n.code, n.children.length])).toEqual(lined.sections.map((n) => [n.code, n.children.length]));
  });

  it('never throws on a long line of noise', () => {
    const pieces = ['I.', 'II. MỤC ĐÍCH', 'a)', '-', '+', '1.', 'Điều 1.', 'Số: 5/KH-UBND', 'ngày 5 tháng 3 năm 2026', 'KẾ HOẠCH', 'Căn cứ', 'Nơi nhận:', 'TM.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '(50 điểm - điểm liệt)', 'đăng ký trước ngày 28/02', 'Nguyễn Văn An', ';', '.', '   ', 'ĐẾN Số: 12', 'Chuyển:', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 100; round++) {
      const line = Array.from({ length: 150 + Math.floor(next() * 300) }, () => pieces[Math.floor(next() * pieces.length)]).join(' ');
      expect(() => parsePlanText(line)).not.toThrow();
    }
  });

  it('leaves a long paragraph of an ordinary text alone', () => {
    const paragraph = `Trong thời gian qua, ${'cán bộ, công chức, viên chức đã thực hiện tốt văn hóa công sở; - tuy nhiên còn hạn chế: '.repeat(14)}cần khắc phục.`;
    const plan = parsePlanText(`KẾ HOẠCH\nThi đua năm 2026\n${paragraph}\nI. MỤC ĐÍCH\nNâng cao ý thức.`);
    expect(plan.sections[0]!.text).toBe(paragraph);
    expect(plan.warnings.some((w) => w.includes('viết liền'))).toBe(false);
  });
});
