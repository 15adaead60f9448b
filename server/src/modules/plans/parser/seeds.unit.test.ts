import { describe, expect, it } from 'vitest';
import { parsePlanText } from './index.js';
import type { PlanNode } from './plan-types.js';
import { find, fixture, outlineLike } from './plan-parser.testing.js';

function expectOutline(nodes: PlanNode[], expected: [string, string, number][]) {
  expect(outlineLike(nodes, expected)).toEqual(expected);
}

// The four real plans in shared/seeds (copied to server/test/fixtures/plans/seeds), with the
// structure a reader sees in them written out by hand.

const seed = (name: string) => parsePlanText(fixture(`seeds/${name}.txt`).toString('utf8'));

describe('seed 000: Nha Trang plan 6344/KH-UBND', () => {
  const plan = seed('000_4d5fff50ea1c841f');

  it('reads the heading, not the received stamp', () => {
    expect(plan.number).toBe('6344');
    expect(plan.code).toBe('KH-UBND');
    expect(plan.place).toBe('Nha Trang');
    expect(plan.date).toBe('2019-08-08');
    expect(plan.documentType).toBe('Kế hoạch');
    // The stamp "ĐẾN Số: 1243 … Chuyển: Tổ chức thực" swallowed the title's first words.
    expect(plan.title).toBe('Tổ chức thực hiện phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” giai đoạn 2019-2025');
    expect(plan.issuer).toBe('Ủy ban nhân dân thành phố Nha Trang');
    expect(plan.period).toEqual({ from: 2019, to: 2025 });
    expect(JSON.stringify(plan)).not.toContain('"1243"');
    // "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", blank lines for the signature, then the name.
    expect(plan.signer).toBe('Nguyễn Anh Tuấn');
    expect(plan.warnings.some((w) => w.includes('ĐẾN') && w.includes('1243'))).toBe(true);
  });

  it('builds the outline, reading "I. Đối tượng" inside II as "1." and fixing BỐI/Cúm', () => {
    expectOutline(plan.sections, [
      ['', 'Thực hiện Kế hoạch số', 0],
      ['I', 'MỤC ĐÍCH, YÊU CẦU', 2],
      ['II', 'ĐỐI TƯỢNG, NỘI DUNG PHONG', 2],
      ['III', 'GIẢI PHÁP THỰC HIỆN', 3],
      ['IV', 'TIÊU CHUẨN THI ĐUA VÀ', 2],
      ['V', 'TIẾN ĐỘ THỰC HIỆN', 3],
      ['VI', 'TỔ CHỨC THỰC HIỆN', 4],
    ]);
    const ii = plan.sections[2]!;
    expectOutline(ii.children, [
      ['1', 'Đối tượng:', 2],
      ['2', 'Nội dung:', 2],
    ]);
    expect(ii.children[0]!.children[0]!.text).toMatch(/^Tập thể: Các cơ quan, đơn vị, xã, phường thuộc các Cụm, khối/);
    expectOutline(ii.children[1]!.children, [
      ['a', 'Đối với tập thể:', 6],
      ['b', 'Đối với cán bộ,', 7],
    ]);
    // Sentences broken by a page ("kịp thời phát / hiện nhân tố mới") are joined.
    expect(find(plan.sections, 'I')!.children[1]!.children[2]!.text).toContain('kịp thời phát hiện nhân tố mới');
    expect(plan.warnings).toContain('Dòng 39: "I." nằm trong mục II. nên được hiểu là "1." (lỗi đánh máy hoặc nhận dạng chữ?)');
  });

  it('takes the criteria from IV.1 "Tiêu chuẩn thi đua", not from II.2 "Nội dung"', () => {
    expectOutline(plan.criteria.collective, [
      ['1', 'Xây dựng, ban hành và tổ chức thực', 5],
      ['2', 'Thực hiện đẩy mạnh công tác cải', 3],
      ['3', 'Thực hiện ứng dụng rộng rãi công', 0],
      ['4', 'Xây dựng và giữ gìn cơ quan,', 2],
      ['5', 'Tổ chức các phong trào thi đua', 0],
    ]);
    expectOutline(plan.criteria.collective[0]!.children, [
      ['1.1', 'Xây dựng và thực hiện', 0],
      ['1.2', 'Bám sát thực tiễn, nghiên', 0],
      ['1.3', 'Quản lý và sử dụng', 0],
      ['1.4', 'Xây dựng, ban hành và', 0],
      ['1.5', 'Tổ chức thực hiện có', 0],
    ]);
    // "+ Bám sát … cho người dân và / doanh nghiệp; …" continues across the page break.
    expect(plan.criteria.collective[0]!.children[1]!.text).toContain('cho người dân và doanh nghiệp; Tăng cường vai trò');
    // The unmarked paragraph after "+ Thực hiện bài trí công sở" belongs to it.
    expect(plan.criteria.collective[3]!.children[0]!.text).toMatch(/Nhà nước\nĐối với các cơ quan Đảng, cơ quan của các đoàn thể/);
    expectOutline(plan.criteria.individual, [
      ['1', 'Thực hiện chấp hành nghiêm túc kỷ', 4],
      ['2', 'Thực hiện chuyên nghiệp về chuyên', 3],
      ['3', 'Tinh thần, thái độ làm việc', 4],
      ['4', 'Thực hiện chuẩn mực trong giao', 4],
      ['5', 'Thường xuyên tu dưỡng, rèn luyện', 6],
      ['6', 'Trang phục gọn gàng, sạch sẽ,', 3],
      ['7', 'Tích cực tham gia các phong', 0],
    ]);
    expect(plan.criteria.individual[0]!.text).toBe('Thực hiện chấp hành nghiêm túc kỷ cương, kỷ luật hành chính');
    expect(plan.criteria.individual[3]!.children[0]!.code).toBe('4.1');
    expect(plan.criteria.individual[3]!.children[0]!.text).toContain('"4 xin, 4 luôn"');
    expect(plan.criteria.collective.every((n) => n.maxPoints === undefined)).toBe(true);
  });

  it('finds the timeline, the award forms and the missing report deadline', () => {
    expect(plan.milestones.map((m) => [m.year, m.kind])).toEqual([
      [2019, 'launch'],
      [2022, 'midterm_review'],
      [2025, 'final_review'],
    ]);
    expect(plan.milestones[1]!.label).toMatch(/^Ủy ban nhân dân thành phố tiến hành sơ kết/);
    expect(plan.awardForms).toEqual(['Giấy khen', 'Bằng khen của Chủ tịch UBND tỉnh', 'Bằng khen của Thủ tướng Chính phủ', 'Huân chương Lao động hạng Ba']);
    expect(plan.deadlines).toEqual([]);
    expect(plan.warnings).toContain(
      'Dòng 222: có yêu cầu báo cáo định kỳ (gửi Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng thành phố) nhưng không ghi hạn ngày/tháng: bổ sung hạn khi rà soát',
    );
  });
});

describe('seed 001: Hứa Tạo primary school trade union plan', () => {
  const plan = seed('001_30d75222328c1f15');

  it('reads a heading without number, place or date', () => {
    expect(plan.number).toBeNull();
    expect(plan.code).toBeNull();
    expect(plan.date).toBeNull();
    expect(plan.title).toBe(
      'Tổ chức thực hiện Phong trào thi đua “Cán bộ, công chức thi đua thực hiện văn hóa công sở” giai đoạn 2019-2023 gắn với xây dựng cơ quan đạt chuẩn văn hóa',
    );
    expect(plan.issuer).toBe('Công đoàn cơ sở Hứa Tạo');
    // The copy ends before the signature.
    expect(plan.signer).toBeNull();
    expect(plan.period).toEqual({ from: 2019, to: 2023 });
    expect(plan.warnings).toContain('Không thấy số và ký hiệu văn bản ("Số: …/KH-…")');
  });

  it('builds the outline', () => {
    expectOutline(plan.sections, [
      ['', 'Thực hiện Quyết định số', 0],
      ['I', 'MỤC ĐÍCH, YÊU CẦU', 2],
      ['II', 'NỘI DUNG PHONG TRÀO THI', 2],
      ['III', 'THỜI GIAN THỰC HIỆN\nPhong', 0],
      ['IV', 'TỔ CHỨC THỰC HIỆN', 3],
    ]);
  });

  it('takes the criteria from "Đối với tập thể trường…" and "Đối với cán bộ công chức"', () => {
    expectOutline(plan.criteria.collective, [
      ['1', 'BCH công đoàn tham mưu với', 0],
      ['2', 'Quản lý và sử dụng có', 0],
      ['3', 'Xây dựng, ban hành và thực', 0],
      ['4', 'Tổ chức thực hiện có hiệu', 0],
      ['5', 'Thực hiện có hiệu quả Cuộc', 1],
      ['6', 'Thực hiện ứng dụng rộng rãi', 0],
      ['7', 'Xây dựng và giữ gìn cơ', 2],
      ['8', 'Tổ chức các phong trào thi', 0],
    ]);
    expect(plan.criteria.collective[6]!.children[1]!.text).toContain('tổ chức trồng hoa và dọn vệ sinh hàng tuần');
    expect(plan.criteria.individual.map((n) => [n.code, n.children.length])).toEqual([
      ['1', 4],
      ['2', 3],
      ['3', 3],
      ['4', 4],
      ['5', 6],
      ['6', 2],
      ['7', 0],
    ]);
    // "+ Đối với cán bộ quản lý: …" is a criterion inside the individual ones, not a new group.
    expect(plan.criteria.individual[2]!.children[2]!.text).toMatch(/^Đối với cán bộ quản lý: Không gây khó khăn/);
    expect(plan.criteria.individual[4]!.children[2]!.text).toContain('không hút thuốc lá trong khu vực làm việc');
    // The stray "+" under a finished sentence is flagged for review.
    expect(plan.warnings.some((w) => w.startsWith('Dòng 36: không rõ cấp của mục "+ Tăng cường ứng dụng'))).toBe(true);
  });

  it('finds the period of the movement and no dated deadline', () => {
    expect(plan.milestones.map((m) => [m.year, m.kind])).toEqual([
      [2019, 'start'],
      [2020, 'end'],
    ]);
    expect(plan.milestones[0]!.label).toContain('quý IV năm 2019');
    expect(plan.deadlines).toEqual([]);
    expect(plan.awardForms).toEqual([]);
    expect(plan.warnings.some((w) => w.startsWith('Dòng 115:') && w.includes('BTV LĐLĐ huyện'))).toBe(true);
  });
});

describe('seed 003: Thanh Hóa city outreach plan', () => {
  const plan = seed('003_17aff2b4310d9060');

  it('reads the title and the issuer from the preamble', () => {
    expect(plan.documentType).toBe('Kế hoạch');
    expect(plan.title).toBe('Tuyên truyền, bồi dưỡng về văn hóa công vụ cho cán bộ, công chức, viên chức, người lao động trên địa bàn thành phố Thanh Hóa.');
    expect(plan.issuer).toBe('Chủ tịch UBND thành phố Thanh Hóa');
    // "CHỦ TỊCH", then the recipients (the left column), then the name.
    expect(plan.signer).toBe('Lê Anh Xuân');
  });

  it('builds the outline and flags the missing item 4', () => {
    expectOutline(plan.sections, [
      ['', 'Thực hiện Quyết định', 0],
      ['I', 'MỤC ĐÍCH, YÊU', 2],
      ['II', 'ĐỐI TƯỢNG, NỘI', 3],
      ['III', 'TỔ CHỨC THỰC', 4],
    ]);
    expectOutline(plan.sections[2]!.children[1]!.children, [
      ['a', 'Tinh thần, thái', 4],
      ['b', 'Chuẩn mực giao', 4],
      ['c', 'Chuẩn mực về', 3],
      ['d', 'Trang phục\nKhi thực', 0],
    ]);
    expect(plan.sections[3]!.children.map((n) => n.code)).toEqual(['1', '2', '3', '5']);
    expect(plan.warnings).toContain('Dòng 77: đánh số nhảy từ 3 sang 5 (thiếu mục?)');
    // The signature ("CHỦ TỊCH") and "Nơi nhận" are not part of the outline.
    expect(JSON.stringify(plan.sections)).not.toContain('Nơi nhận');
  });

  it('has no criteria, one yearly deadline to the justice office', () => {
    expect(plan.criteria).toEqual({ collective: [], individual: [] });
    expect(plan.deadlines).toEqual([
      {
        day: 15,
        month: 12,
        period: 'year',
        recipient: 'Phòng Tư pháp',
        text: 'Định kỳ hàng năm báo cáo đánh giá kết quả thực hiện Văn hóa công vụ về phòng Tư pháp trước ngày 15/12 để tổng hợp gửi phòng Nội vụ làm căn cứ đánh giá công chức',
        line: 84,
      },
    ]);
    expect(plan.milestones).toEqual([]);
    expect(plan.awardForms).toEqual([]);
  });
});

describe('seed 004: Đắk Lắk directive', () => {
  const plan = seed('004_64c463b29a383ba3');

  it('reads a directive with a lost first section', () => {
    expect(plan.documentType).toBe('Chỉ thị');
    expect(plan.title).toMatch(/^Về việc đẩy mạnh phong trào thi đua “Cán bộ, công chức, viên chức tỉnh Đăk Lăk/);
    expect(plan.period).toEqual({ from: 2019, to: 2025 });
    // No signature title survived the copy: the name closes the document after the recipients.
    expect(plan.signer).toBe('Phạm Ngọc Nghị');
    expectOutline(plan.sections, [
      ['', 'Năm 2019 là', 0],
      ['', 'Tuy nhiên, bên', 0],
      ['', 'Để triển khai', 0],
      ['-', 'Thực hiện tốt', 0],
      ['-', 'Định kỳ 06', 0],
      ['2', 'Cán bộ, công', 4],
      ['3', 'Sở Nội vụ', 3],
    ]);
    expect(plan.warnings.some((w) => w.startsWith('Dòng 19: mục "2." không có mục đứng trước cùng cấp'))).toBe(true);
  });

  it('reads the 6-month and yearly reports to the Department of Home Affairs', () => {
    expect(plan.deadlines.map(({ day, month, period, recipient, text }) => ({ day, month, period, recipient, text }))).toEqual([
      { day: 31, month: 5, period: 'six_months', recipient: 'Sở Nội vụ', text: 'Báo cáo 6 tháng gửi trước ngày 31/5 hàng năm' },
      { day: 30, month: 11, period: 'year', recipient: 'Sở Nội vụ', text: 'Báo cáo năm gửi trước ngày 30/11 hàng năm' },
    ]);
  });

  it('does not take the duties of officials in a directive for criteria', () => {
    expect(plan.criteria).toEqual({ collective: [], individual: [] });
    expect(plan.milestones).toEqual([]);
    expect(plan.awardForms).toEqual([]);
  });
});
