import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPerson } from '../server/test/factories.js';
import { newAssessmentPlan, newRegistration, newSchools } from '../server/src/modules/assessments/assessments.testing.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, signIn } from './steps.js';

// "A notice at every step": a teacher sends her self-assessment on a phone; the head finds it
// behind the bell on a desk and opens the sheet from the notice; the council member, on a phone,
// does the same; the teacher finds the finalised notice with her classification on the
// notification page. Each hand-over sends one mail to the next person, and nobody else.

async function confirmPopover(page: Page, name: string) {
  await page.locator('.ant-popover:visible').getByRole('button', { name }).click();
}

describe.skipIf(!browserAvailable)('Notices at every step (thông báo)', () => {
  const j = useJourney();

  it('self → head → council: each next person sees the notice in the bell, opens the sheet from it, and gets one mail', async () => {
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
    const cityHead = await newNamedUser(j.db, 'Phạm Minh Tuấn', [['unit_head', city]]);
    const emailOf = async (id: number) => (await j.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email!;
    const mailsTo = async (id: number) => {
      const email = await emailOf(id);
      return j.mails.filter((m) => m.to === email);
    };
    /** Waits until the step's notice job has stored the notice (it runs in the background). */
    const noticeArrives = (userId: number, count = 1) =>
      eventually(async () => (await j.db.selectFrom('notifications').select('id').where('user_id', '=', userId).execute()).length).toBe(count);
    const score = (p: Page, column: string, code: string) => p.getByRole('spinbutton', { name: `Điểm ${column} tiêu chí ${code}` });

    // The teacher, on a phone: self-assesses and sends it to the head.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, teacher.username);
    await phone.goto('/danh-gia');
    await phone.getByRole('tab', { name: 'Phiếu của tôi' }).waitFor();
    await chooseOption(phone, phone, 'Năm', String(year));
    await phone.getByRole('button', { name: 'Mở phiếu tự đánh giá' }).click();
    await phone.getByRole('heading', { name: 'Phiếu đánh giá: Nguyễn Thị Hoa' }).waitFor();
    const sheetPath = new URL(phone.url()).pathname;
    await score(phone, 'tự chấm', '1.1').fill('14');
    await score(phone, 'tự chấm', '1.2').fill('14');
    await score(phone, 'tự chấm', '2').fill('45');
    await score(phone, 'tự chấm', '3').fill('17');
    await phone.getByRole('radiogroup', { name: 'Đạt tiêu chí 4 (tự chấm)' }).getByText('Đạt', { exact: true }).click();
    await phone.getByRole('button', { name: 'Lưu', exact: true }).click();
    await phone.getByText('Có thay đổi chưa lưu').waitFor({ state: 'detached' });
    await phone.getByRole('button', { name: 'Gửi thủ trưởng' }).click();
    await confirmPopover(phone, 'Gửi thủ trưởng');
    await phone.getByText('Phiếu đang ở bước Thủ trưởng chấm điểm.').waitFor();

    // The head, at a desk: one unread notice in the bell; opening it lands on the sheet and reads it.
    await noticeArrives(head.id);
    const desk = await j.newPage();
    await signIn(desk, head.username);
    await desk.getByRole('button', { name: 'Thông báo (1 chưa đọc)' }).click();
    const drawer = desk.getByRole('dialog', { name: 'Thông báo' });
    await drawer.getByText('Nguyễn Thị Hoa (Trường THCS Thái Nguyên) đã gửi phiếu tự đánh giá (tự chấm 90 điểm)', { exact: false }).waitFor();
    await j.screenshot(desk, 'notices-head-bell');
    await drawer.getByRole('button', { name: 'Phiếu đánh giá chờ chấm điểm: Nguyễn Thị Hoa' }).click();
    await eventually(() => new URL(desk.url()).pathname).toBe(sheetPath);
    await desk.getByRole('heading', { name: 'Phiếu đánh giá: Nguyễn Thị Hoa' }).waitFor();
    await desk.getByRole('button', { name: 'Thông báo', exact: true }).waitFor();
    const toHead = await mailsTo(head.id);
    expect(toHead.map((m) => m.subject)).toEqual(['Phiếu đánh giá chờ chấm điểm: Nguyễn Thị Hoa']);
    expect(toHead[0]!.text).toContain(`/danh-gia/${sheetPath.split('/').at(-1)}`);

    // The head scores lower and sends it to the council.
    await desk.getByRole('button', { name: 'Lấy điểm tự chấm' }).click();
    await eventually(() => score(desk, 'thủ trưởng chấm', '2').inputValue()).toBe('45');
    await score(desk, 'thủ trưởng chấm', '2').fill('40');
    await score(desk, 'thủ trưởng chấm', '3').fill('12');
    await eventually(() => desk.getByText('Tổng điểm: 80 / 100').count()).toBe(1);
    await desk.getByRole('button', { name: 'Gửi Hội đồng' }).click();
    await confirmPopover(desk, 'Gửi Hội đồng');
    await desk.getByText('Phiếu đang ở bước Hội đồng xét.').waitFor();

    // The council member, on a phone: the same, then finalises.
    await noticeArrives(council.id);
    const room = await j.newPage({ phone: true });
    await signIn(room, council.username);
    await room.getByRole('button', { name: 'Thông báo (1 chưa đọc)' }).click();
    const roomDrawer = room.getByRole('dialog', { name: 'Thông báo' });
    await roomDrawer.getByText('Trần Văn Nam đã chấm phiếu đánh giá của Nguyễn Thị Hoa (Trường THCS Thái Nguyên): 80 điểm (tự chấm 90)', { exact: false }).waitFor();
    await j.screenshot(room, 'notices-council-bell-phone');
    await roomDrawer.getByRole('button', { name: 'Phiếu đánh giá chờ Hội đồng xét: Nguyễn Thị Hoa' }).click();
    await eventually(() => new URL(room.url()).pathname).toBe(sheetPath);
    await room.getByRole('button', { name: 'Hoàn tất' }).click();
    await room.getByRole('dialog', { name: 'Hoàn tất phiếu đánh giá' }).getByRole('button', { name: 'Hoàn tất' }).click();
    await room.getByText('Xếp loại: Tốt').waitFor();

    // The teacher: the bell counts one; the notification page shows the classification and opens the sheet.
    await noticeArrives(teacher.id);
    await phone.goto('/');
    await phone.getByRole('button', { name: 'Thông báo (1 chưa đọc)' }).click();
    await phone.getByRole('dialog', { name: 'Thông báo' }).getByRole('link', { name: 'Xem tất cả thông báo' }).click();
    await phone.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
    await phone.getByRole('button', { name: 'Phiếu đánh giá đã hoàn tất: xếp loại Tốt' }).waitFor();
    await phone.getByText(/: 80 điểm, xếp loại Tốt\./).waitFor();
    await phone.getByRole('radiogroup', { name: 'Lọc thông báo' }).getByText('Chưa đọc (1)').click();
    await eventually(() => new URL(phone.url()).search).toBe('?chua-doc=1');
    await j.screenshot(phone, 'notices-page-phone');
    // Nothing overflows the phone's width.
    expect(await phone.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByRole('button', { name: 'Phiếu đánh giá đã hoàn tất: xếp loại Tốt' }).click();
    await eventually(() => new URL(phone.url()).pathname).toBe(sheetPath);
    await phone.getByText('Xếp loại: Tốt').waitFor();
    await phone.getByRole('button', { name: 'Thông báo', exact: true }).waitFor();

    // One mail per hand-over, to the next person only.
    expect((await mailsTo(council.id)).map((m) => m.subject)).toEqual(['Phiếu đánh giá chờ Hội đồng xét: Nguyễn Thị Hoa']);
    expect((await mailsTo(teacher.id)).map((m) => m.subject)).toEqual(['Phiếu đánh giá đã hoàn tất: xếp loại Tốt']);
    expect(await mailsTo(cityHead.id)).toEqual([]);
    expect(j.mails).toHaveLength(3);

    // The head, at the desk, chooses the daily digest for finalised sheets on the notification page.
    await desk.goto('/thong-bao');
    await desk.getByRole('heading', { name: 'Cách nhận thông báo' }).waitFor();
    await chooseOption(desk, desk, 'Cách nhận: Phiếu đánh giá gửi đến tôi để chấm điểm', 'Tóm tắt hằng ngày');
    await desk.getByText('Đã lưu: Phiếu đánh giá gửi đến tôi để chấm điểm — Tóm tắt hằng ngày').waitFor();
    await j.screenshot(desk, 'notices-page-desktop');
    const pref = await j.db.selectFrom('notification_preferences').select(['kind', 'channel']).where('user_id', '=', head.id).execute();
    expect(pref).toEqual([{ kind: 'assessment.submitted', channel: 'digest' }]);
  });
});
