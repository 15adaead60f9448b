import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPerson } from '../server/test/factories.js';
import { newAssessmentPlan, newRegistration, newSchools } from '../server/src/modules/assessments/assessments.testing.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, signIn } from './steps.js';

/** Confirms a Popconfirm opened by the button of the same name. */
async function confirmPopover(page: Page, name: string) {
  await page.locator('.ant-popover:visible').getByRole('button', { name }).click();
}

describe.skipIf(!browserAvailable)('Assessment (đánh giá, chấm điểm)', () => {
  const j = useJourney();

  it('a teacher self-assesses and sends it; the head scores lower and sends it on; the council finalises: Tốt, locked', async () => {
    const { city, school } = await newSchools(j.db);
    const year = j.year();
    const plan = await newAssessmentPlan(j.db, city, { year });
    await j.db.updateTable('movements').set({ start_year: year - 1, end_year: year + 3 }).where('id', '=', plan.movementId).execute();
    const person = await newPerson(j.db, school, { fullName: 'Nguyễn Thị Hoa' });
    const teacher = await newNamedUser(j.db, 'Nguyễn Thị Hoa', [['staff_member', school]]);
    await j.db.updateTable('users').set({ person_id: person.id }).where('id', '=', teacher.id).execute();
    await newRegistration(j.db, { plan, person, unit: school, year });
    const head = await newNamedUser(j.db, 'Trần Văn Nam', [['unit_head', school]]);
    const council = await newNamedUser(j.db, 'Lê Thị Mai', [['council_member', school]]);

    // The teacher, on a phone: opens the sheet for the movement and year registered.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, teacher.username);
    await phone.goto('/danh-gia');
    await phone.getByRole('tab', { name: 'Phiếu của tôi' }).waitFor();
    await chooseOption(phone, phone, 'Năm', String(year));
    await phone.getByRole('button', { name: 'Mở phiếu tự đánh giá' }).click();
    await phone.getByRole('heading', { name: 'Phiếu đánh giá: Nguyễn Thị Hoa' }).waitFor();

    const score = (p: Page, column: string, code: string) => p.getByRole('spinbutton', { name: `Điểm ${column} tiêu chí ${code}` });
    await score(phone, 'tự chấm', '1.1').fill('14');
    await score(phone, 'tự chấm', '1.2').fill('14');
    await score(phone, 'tự chấm', '2').fill('48');
    await score(phone, 'tự chấm', '3').fill('19');
    await phone.getByRole('radiogroup', { name: 'Đạt tiêu chí 4 (tự chấm)' }).getByText('Đạt', { exact: true }).click();
    await phone.getByRole('textbox', { name: 'Ghi chú tiêu chí 2' }).fill('Chủ nhiệm lớp 9A, 100% học sinh lên lớp');
    await eventually(() => phone.getByText('Tổng điểm: 95 / 100').count()).toBe(1);
    await phone.getByRole('button', { name: 'Lưu', exact: true }).click();
    await phone.getByText('Có thay đổi chưa lưu').waitFor({ state: 'detached' });
    await j.screenshot(phone, 'assessment-self-phone');

    await phone.getByRole('button', { name: 'Gửi thủ trưởng' }).click();
    await confirmPopover(phone, 'Gửi thủ trưởng');
    await phone.getByText('Phiếu đang ở bước Thủ trưởng chấm điểm.').waitFor();
    expect(await score(phone, 'tự chấm', '1.1').count()).toBe(0);

    // The head: the sheet waits in "Chờ tôi chấm"; takes the self-scores, lowers criterion 2, sends it on.
    const desk = await j.newPage();
    await signIn(desk, head.username);
    await desk.goto('/danh-gia/cho-cham');
    await desk.getByRole('link', { name: 'Nguyễn Thị Hoa' }).click();
    await desk.getByRole('heading', { name: 'Phiếu đánh giá: Nguyễn Thị Hoa' }).waitFor();
    await desk.getByText('“Chủ nhiệm lớp 9A, 100% học sinh lên lớp”').waitFor();
    await desk.getByRole('button', { name: 'Lấy điểm tự chấm' }).click();
    await eventually(() => score(desk, 'thủ trưởng chấm', '2').inputValue()).toBe('48');
    await score(desk, 'thủ trưởng chấm', '2').fill('36');
    await desk.getByRole('textbox', { name: 'Ghi chú tiêu chí 2' }).fill('Chưa có minh chứng về kết quả thi học sinh giỏi');
    await eventually(() => desk.getByText('Tổng điểm: 83 / 100').count()).toBe(1);
    await desk.getByRole('button', { name: 'Gửi Hội đồng' }).click();
    await confirmPopover(desk, 'Gửi Hội đồng');
    await desk.getByText('Phiếu đang ở bước Hội đồng xét.').waitFor();

    // The council: the queue shows the gap between self (95) and head (83); finalises.
    const room = await j.newPage();
    await signIn(room, council.username);
    await room.goto('/danh-gia/hoi-dong');
    const row = room.getByRole('row').filter({ hasText: 'Nguyễn Thị Hoa' });
    await row.getByText('Tự chấm cao hơn').waitFor();
    await j.screenshot(room, 'assessment-council-queue');
    await row.getByRole('link', { name: 'Nguyễn Thị Hoa' }).click();
    await room.getByText('Điểm tự chấm (95) cao hơn điểm thủ trưởng (83) quá 10 điểm').waitFor();
    await room.getByRole('button', { name: 'Hoàn tất' }).click();
    const dialog = room.getByRole('dialog', { name: 'Hoàn tất phiếu đánh giá' });
    await dialog.getByRole('button', { name: 'Hoàn tất' }).click();
    await room.getByText('Xếp loại: Tốt').waitFor();

    // The teacher sees the final classification and can change nothing any more.
    await phone.reload();
    await phone.getByText('Xếp loại: Tốt').waitFor();
    await phone.getByText('Phiếu đã hoàn tất và khóa, không sửa được nữa.').waitFor();
    expect(await phone.getByRole('spinbutton').count()).toBe(0);
    expect(await phone.getByRole('button', { name: 'Lưu', exact: true }).count()).toBe(0);
    expect(await phone.getByRole('button', { name: 'Gửi thủ trưởng' }).count()).toBe(0);
    await j.screenshot(phone, 'assessment-final-phone');

    const stored = await j.db.selectFrom('assessments').select(['stage', 'classification', 'self_total', 'review_total', 'council_total', 'overscore_flag']).where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ stage: 'final', classification: 'good', self_total: 95, review_total: 83, council_total: 83, overscore_flag: true });
  });
});
