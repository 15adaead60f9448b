import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPerson, newUnit } from '../server/test/factories.js';
import { newPublishedPlan, newRegistration } from '../server/test/registration-factories.js';
import { browserAvailable, screenshotDir, useJourney } from './harness.js';
import { eventually, newNamedUser, signIn } from './steps.js';

// Seed 001's yearly round (issue 10): the school's emulation officer opens the round of bình xét and
// the system proposes Lao động tiên tiến for the teachers who meet it, naming the one who falls short
// and why; the council votes in secret (a member on a phone from the task in the inbox); the
// principal issues the decision; the certificates and the bonuses follow, and each teacher's record.
// The clock is the journeys' (15/06/2026): the round is for 2025, Nghị định 152/2025 applies, and
// Lao động tiên tiến pays 0.3 × 2,340,000 đ, rounded up to 710,000 đ.

describe.skipIf(!browserAvailable)('journey: a school’s round of bình xét, secret ballot and decision', () => {
  const j = useJourney();

  const inbox = (page: Page) => page.getByRole('list', { name: 'Việc cần làm' });

  it('the officer opens the round, the council votes, the principal decides, and the records and certificates follow', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const school = await newUnit(j.db, { parent: province, kind: 'school', name: 'Trường Tiểu học Phước Tiến' });
    const plan = await newPublishedPlan(j.db, school, { year: 2025 });
    const teachers: Record<string, number> = {};
    for (const [name, rating] of [
      ['Nguyễn Thị Lan', 'hoan_thanh_tot'],
      ['Trần Văn Minh', 'hoan_thanh_xuat_sac'],
      ['Lê Thị Ngọc', 'hoan_thanh_tot'],
      ['Phạm Văn Quang', 'hoan_thanh'],
    ] as const) {
      const p = await newPerson(j.db, school, { fullName: name });
      teachers[name] = p.id;
      await j.db.insertInto('yearly_ratings').values({ subject: 'individual', person_id: p.id, unit_id: school.id, year: 2025, rating }).execute();
      await newRegistration(j.db, { plan, person: p, unit: school });
    }
    const officer = await newNamedUser(j.db, 'Võ Thị Hồng', [['unit_officer', school]]);
    const principal = await newNamedUser(j.db, 'Nguyễn Văn Hiệu', [['unit_head', school], ['council_member', school]]);
    const members = [await newNamedUser(j.db, 'Đặng Thị Thu', [['council_member', school]]), await newNamedUser(j.db, 'Bùi Văn Tài', [['council_member', school]])];
    const lan = await newNamedUser(j.db, 'Nguyễn Thị Lan', [['staff_member', school]]);
    await j.db.updateTable('users').set({ person_id: teachers['Nguyễn Thị Lan']! }).where('id', '=', lan.id).execute();

    // The officer opens the year's round from the menu.
    const desk = await j.newPage();
    await signIn(desk, officer.username);
    await desk.getByRole('navigation', { name: 'Menu chính' }).getByText('Khen thưởng').click();
    await desk.getByRole('heading', { name: 'Khen thưởng' }).waitFor();
    await desk.getByRole('button', { name: 'Mở đợt bình xét' }).click();
    const open = desk.getByRole('dialog', { name: 'Mở đợt bình xét' });
    await open.getByLabel('Năm xét').fill('2025');
    await open.getByRole('button', { name: 'Mở và đề xuất' }).click();
    await desk.getByRole('heading', { name: 'Bình xét thi đua, khen thưởng năm 2025' }).waitFor();
    const proposed = desk.getByRole('region', { name: 'Danh sách đề nghị (3)' });
    const lanCard = desk.getByRole('article', { name: 'Nguyễn Thị Lan' });
    await lanCard.getByText('Đủ điều kiện Lao động tiên tiến').waitFor();
    await lanCard.getByText('Tiền thưởng dự kiến: 710.000 đ').waitFor();
    const short = desk.getByRole('article', { name: 'Phạm Văn Quang' });
    await short.getByText('Chưa đủ điều kiện Lao động tiên tiến: Năm 2025: hoàn thành nhiệm vụ (yêu cầu: năm 2025 hoàn thành tốt nhiệm vụ trở lên)').waitFor();
    expect(await proposed.getByRole('article').count()).toBe(3);
    await j.screenshot(desk, 'round-proposals');

    // Proposing him anyway is refused with the reason; the list is unchanged.
    await short.getByRole('button', { name: 'Đề nghị' }).click();
    const award = desk.getByRole('dialog', { name: 'Danh hiệu, hình thức đề nghị cho Phạm Văn Quang' });
    await award.getByRole('combobox', { name: 'Danh hiệu, hình thức khen thưởng' }).click();
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Lao động tiên tiến"]').click();
    await award.getByRole('button', { name: 'Lưu' }).click();
    await award.getByText('Người được đề nghị chưa đủ điều kiện của danh hiệu, hình thức khen thưởng này').waitFor();
    await award.getByRole('button', { name: 'Hủy' }).click();

    await desk.getByRole('button', { name: 'Mở bỏ phiếu kín' }).click();
    await desk.getByRole('dialog', { name: 'Mở bỏ phiếu kín?' }).getByRole('button', { name: 'Mở bỏ phiếu kín' }).click();
    await desk.getByText('Đã bỏ phiếu: 0/3 thành viên (cần ít nhất 2 để kết thúc)').waitFor();

    // A council member, on a phone, finds the ballot in her inbox and votes.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, members[0]!.username);
    await inbox(phone).getByText('Bỏ phiếu bình xét: Bình xét thi đua, khen thưởng năm 2025').waitFor();
    await phone.getByRole('button', { name: 'Làm ngay: Bỏ phiếu bình xét: Bình xét thi đua, khen thưởng năm 2025' }).click();
    const ballot = phone.getByRole('region', { name: 'Phiếu bầu của bạn (bỏ phiếu kín)' });
    await ballot.waitFor();
    await ballot.getByText('Còn 3 người chưa chọn').waitFor();
    await ballot.getByRole('button', { name: 'Đồng ý tất cả' }).click();
    await ballot.getByRole('radiogroup', { name: 'Lê Thị Ngọc — Lao động tiên tiến' }).getByText('Không đồng ý').click();
    await j.screenshot(phone, 'round-ballot-phone');
    await ballot.getByRole('button', { name: 'Gửi phiếu' }).click();
    const confirm = phone.getByRole('dialog', { name: 'Gửi phiếu bầu?' });
    await confirm.getByText('Đồng ý 2, không đồng ý 1. Phiếu đã gửi không sửa được.').waitFor();
    await confirm.getByRole('button', { name: 'Gửi phiếu' }).click();
    await phone.getByText('Bạn đã bỏ phiếu. Phiếu của bạn không gắn với tên bạn', { exact: false }).waitFor();
    await eventually(() => inbox(phone).getByText('Bỏ phiếu bình xét', { exact: false }).count()).toBe(0);

    // The principal votes yes to all; then the officer counts.
    const head = await j.newPage();
    await signIn(head, principal.username);
    await head.goto(desk.url());
    const headBallot = head.getByRole('region', { name: 'Phiếu bầu của bạn (bỏ phiếu kín)' });
    await headBallot.getByRole('button', { name: 'Đồng ý tất cả' }).click();
    await headBallot.getByRole('button', { name: 'Gửi phiếu' }).click();
    await head.getByRole('dialog', { name: 'Gửi phiếu bầu?' }).getByRole('button', { name: 'Gửi phiếu' }).click();
    await head.getByText('Bạn đã bỏ phiếu.', { exact: false }).waitFor();

    await desk.reload();
    await desk.getByText('Đã bỏ phiếu: 2/3 thành viên (cần ít nhất 2 để kết thúc)').waitFor();
    await desk.getByRole('button', { name: 'Kết thúc bỏ phiếu và kiểm phiếu' }).click();
    await desk.getByRole('dialog', { name: 'Kết thúc bỏ phiếu?' }).getByRole('button', { name: 'Kết thúc bỏ phiếu và kiểm phiếu' }).click();
    // More than half of all three members is two: Ngọc, with one of two, is not approved.
    await desk.getByRole('article', { name: 'Lê Thị Ngọc' }).getByText('Đồng ý 1/3 (cần 2) — không đạt').waitFor();
    await desk.getByRole('article', { name: 'Nguyễn Thị Lan' }).getByText('Đồng ý 2/3 (cần 2) — đạt').waitFor();
    await desk.getByText('Đã kiểm phiếu. Thủ trưởng đơn vị ban hành quyết định khen thưởng.').waitFor();

    // The principal has the decision in his inbox, and issues it.
    await head.goto('/');
    await inbox(head).getByText('Ban hành quyết định khen thưởng: Bình xét thi đua, khen thưởng năm 2025').click();
    await head.getByRole('button', { name: 'Ban hành quyết định' }).click();
    const decide = head.getByRole('dialog', { name: 'Ban hành quyết định khen thưởng' });
    await decide.getByText('2 người đạt số phiếu cần thiết', { exact: false }).waitFor();
    await decide.getByLabel('Số quyết định').fill('15');
    await decide.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn Hiệu');
    await decide.getByRole('button', { name: 'Ban hành quyết định' }).click();
    const decision = head.getByRole('region', { name: 'Quyết định' });
    await decision.getByText(/^Quyết định số 15\/QĐ-[A-Z]+ ngày 15\/06\/2026; người ký: Nguyễn Văn Hiệu$/u).waitFor();
    await decision.getByText('Tổng tiền thưởng: 1.420.000 đ').waitFor();
    await j.screenshot(head, 'round-decided');
    // The files as downloaded, kept beside the screenshots for a reader to look at.
    for (const [name, type, file] of [
      ['Quyết định (.docx)', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'round-decision.docx'],
      ['Quyết định (.pdf)', 'application/pdf', 'round-decision.pdf'],
      ['Giấy chứng nhận (.pdf)', 'application/pdf', 'round-certificates.pdf'],
    ] as const) {
      const href = await decision.getByRole('link', { name }).getAttribute('href');
      const res = await head.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe(type);
      fs.mkdirSync(screenshotDir, { recursive: true });
      fs.writeFileSync(path.join(screenshotDir, file), await res.body());
    }

    // The bonuses were paid from the school's fund; the principal enters this year's allocation on his phone.
    const fund = await j.newPage({ phone: true });
    await signIn(fund, principal.username);
    await fund.goto('/khen-thuong');
    await fund.getByRole('link', { name: 'Quỹ thi đua, khen thưởng' }).click();
    await fund.getByRole('link', { name: /^Chi thưởng theo Quyết định số 15\/QĐ-[A-Z]+ ngày 15\/06\/2026 \(2 người\)$/u }).waitFor();
    await fund.getByRole('button', { name: 'Ghi khoản thu, chi' }).click();
    const entry = fund.getByRole('dialog', { name: 'Ghi khoản thu, chi' });
    await entry.getByLabel('Số tiền').fill('5.000.000');
    await entry.getByLabel('Nội dung').fill('Ngân sách cấp năm 2026');
    await entry.getByRole('button', { name: 'Lưu' }).click();
    await fund.getByText('Đã ghi vào sổ quỹ').waitFor();
    await fund.getByText('Số dư 3.580.000').waitFor();
    await j.screenshot(fund, 'round-fund-phone');

    // The teacher learns of it in the bell, and her record holds the title with the decision and the bonus.
    const own = await j.newPage({ phone: true });
    await signIn(own, lan.username);
    await own.getByRole('button', { name: 'Thông báo (1 chưa đọc)' }).click();
    await own.getByRole('dialog', { name: 'Thông báo' }).getByText('Chúc mừng: Lao động tiên tiến năm 2025').waitFor();
    const record = await j.db.selectFrom('granted_awards').select(['award_code', 'decision_number', 'bonus_amount']).where('person_id', '=', teachers['Nguyễn Thị Lan']!).execute();
    expect(record).toEqual([{ award_code: 'lao_dong_tien_tien', decision_number: expect.stringMatching(/^15\/QĐ-/u), bonus_amount: 710_000 }]);
  });
});
