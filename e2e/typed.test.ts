import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPerson, newUnit } from '../server/test/factories.js';
import { newReport, newReportTemplate } from '../server/test/report-factories.js';
import { newAssessmentPlan, newRegistration, newSchools } from '../server/src/modules/assessments/assessments.testing.js';
import { browserAvailable, useJourney } from './harness.js';
import { callApi, eventually, newNamedUser, signIn } from './steps.js';

// Nothing typed is lost or silently changed (issue 9, section 4): a score of 40 on a criterion
// worth 25, −3, "abc" and a 3,200-character note are each refused beside their field and saved as
// nothing else; leaving with unsaved marks asks first; a closed tab loses nothing; an address of a
// report that does not exist says so; a percentage reads 17,5 %.

const score = (p: Page, code: string) => p.getByRole('spinbutton', { name: `Điểm tự chấm tiêu chí ${code}` });
const note = (p: Page, code: string) => p.getByRole('textbox', { name: `Ghi chú tiêu chí ${code}` });

describe.skipIf(!browserAvailable)('Nothing typed is lost or silently changed', () => {
  const j = useJourney();

  it('on a phone, refuses 40 of 25, −3, "abc" and a 3,200-character note beside each field, asks before leaving, and keeps the marks over a closed tab', async () => {
    const { city, school } = await newSchools(j.db);
    const year = 2026;
    const plan = await newAssessmentPlan(j.db, city, { year });
    await j.db.updateTable('movements').set({ start_year: year - 1, end_year: year + 3 }).where('id', '=', plan.movementId).execute();
    // Criterion 1.2 is worth 25 (and 1.1 five): the group still sums to 30.
    await j.db.updateTable('plan_criteria').set({ max_points: 25 }).where('id', '=', plan.c.ind['1.2']).execute();
    await j.db.updateTable('plan_criteria').set({ max_points: 5 }).where('id', '=', plan.c.ind['1.1']).execute();
    const person = await newPerson(j.db, school, { fullName: 'Phạm Thị Lan' });
    const teacher = await newNamedUser(j.db, 'Phạm Thị Lan', [['staff_member', school]]);
    await j.db.updateTable('users').set({ person_id: person.id }).where('id', '=', teacher.id).execute();
    await newRegistration(j.db, { plan, person, unit: school, year });

    const phone = await j.newPage({ phone: true });
    await signIn(phone, teacher.username);
    const sheet = await callApi<{ id: number }>(phone, 'POST', '/api/assessments', { movementId: plan.movementId, year, personId: person.id });
    await phone.goto(`/danh-gia/${sheet.id}`);
    await phone.getByRole('heading', { name: 'Phiếu đánh giá: Phạm Thị Lan' }).waitFor();

    // Each value is refused next to its field, in words, and stays as typed.
    await score(phone, '1.2').fill('40');
    await phone.getByText('Tiêu chí 1.2: điểm tối đa là 25, không nhận 40').waitFor();
    await score(phone, '2').fill('-3');
    await phone.getByText('Tiêu chí 2: điểm không được âm, không nhận -3').waitFor();
    await score(phone, '3').fill('abc');
    await phone.getByText('Tiêu chí 3: “abc” không phải là một số').waitFor();
    await note(phone, '3').fill('x'.repeat(3200));
    await phone.getByText('Tiêu chí 3 — ghi chú: tối đa 2.000 ký tự (đang có 3.200)').waitFor();
    await phone.getByText('3.200 / 2.000').waitFor();
    // A good mark beside them is saved as one types.
    await score(phone, '1.1').fill('4,5');
    await score(phone, '1.1').blur();
    expect(await score(phone, '1.2').inputValue()).toBe('40');
    expect(await score(phone, '2').inputValue()).toBe('-3');
    expect(await score(phone, '3').inputValue()).toBe('abc');
    expect((await note(phone, '3').inputValue()).length).toBe(3200);
    expect(await score(phone, '1.2').getAttribute('aria-invalid')).toBe('true');
    await phone.getByText('Chưa lưu — 3 ô chưa hợp lệ').waitFor();
    const stored = () =>
      j.db
        .selectFrom('assessment_scores')
        .select(['criterion_id', 'self_points', 'self_note'])
        .where('assessment_id', '=', sheet.id)
        .orderBy('criterion_id')
        .execute()
        .then((rows) => rows.map((r) => [r.criterion_id, r.self_points, r.self_note]));
    const byId = (rows: (number | string | null)[][]) => [...rows].sort((x, y) => Number(x[0]) - Number(y[0]));
    await eventually(stored).toEqual([[plan.c.ind['1.1'], 4.5, null]]);
    await j.screenshot(phone, 'typed-refusals-phone');
    // Sending is held back while a value is refused.
    await phone.getByRole('button', { name: 'Gửi thủ trưởng' }).click();
    await phone.locator('.ant-popover:visible').getByRole('button', { name: 'Gửi thủ trưởng' }).click();
    await phone.getByText('Hãy sửa các ô chưa hợp lệ trước.').waitFor();
    expect((await j.db.selectFrom('assessments').select('stage').where('id', '=', sheet.id).executeTakeFirstOrThrow()).stage).toBe('self');

    // Marks corrected, one still not a number: leaving asks first (Vietnamese), and staying keeps them.
    await score(phone, '1.2').fill('25');
    await score(phone, '2').fill('45');
    await note(phone, '3').fill('Tham gia đủ các buổi sinh hoạt chuyên đề');
    await phone.getByRole('button', { name: 'Danh sách phiếu' }).click();
    const ask = phone.getByRole('dialog').filter({ hasText: 'Rời trang khi chưa lưu?' });
    await ask.getByText('Có ô chưa hợp lệ nên chưa được lưu; nếu rời trang, các ô đó sẽ mất.').waitFor();
    await j.screenshot(phone, 'typed-leave-asks-phone');
    await ask.getByRole('button', { name: 'Ở lại' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(new URL(phone.url()).pathname).toBe(`/danh-gia/${sheet.id}`);
    expect(await score(phone, '3').inputValue()).toBe('abc');
    await score(phone, '3').fill('18');
    await phone.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor();
    await eventually(stored).toEqual(
      byId([
        [plan.c.ind['1.1'], 4.5, null],
        [plan.c.ind['1.2'], 25, null],
        [plan.c.ind['2'], 45, null],
        [plan.c.ind['3'], 18, 'Tham gia đủ các buổi sinh hoạt chuyên đề'],
      ]),
    );

    // A mark typed just before the tab closes is not lost: the next visit shows it, and it is saved.
    await score(phone, '1.1').fill('5');
    const browserProfile = phone.context();
    await phone.close();
    const again = await browserProfile.newPage();
    await again.goto(`/danh-gia/${sheet.id}`);
    await again.getByRole('heading', { name: 'Phiếu đánh giá: Phạm Thị Lan' }).waitFor();
    await eventually(() => score(again, '1.1').inputValue()).toBe('5');
    expect(await score(again, '1.2').inputValue()).toBe('25');
    expect(await score(again, '3').inputValue()).toBe('18');
    expect(await note(again, '3').inputValue()).toBe('Tham gia đủ các buổi sinh hoạt chuyên đề');
    await eventually(stored).toContainEqual([plan.c.ind['1.1'], 5, null]);
    await eventually(() => again.getByText('Tổng điểm: 93 / 100').count()).toBe(1);
    await j.screenshot(again, 'typed-reopened-phone');

    // An address of a report that does not exist, or cannot be one, says so with a way back.
    for (const url of ['/bao-cao/abc', '/bao-cao/999999999', '/bao-cao/123456789012345678901234567890']) {
      await again.goto(url);
      await again.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    }
    await j.screenshot(again, 'typed-not-found-phone');
  });

  it('on a desktop, refuses 150 % and "abc" beside the figure, saves 17,5 and shows it as 17,5 %; /bao-cao/abc is not found', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Gia Lai' });
    const ward = await newUnit(j.db, { parent: province, kind: 'commune', name: 'Phường Pleiku' });
    const template = await newReportTemplate(j.db, { reporterKinds: ['province', 'commune'], name: 'Báo cáo năm văn hóa công sở' });
    const provinceReport = await newReport(j.db, { template, unit: province, year: 2026, recipient: null });
    const wardOfficer = await newNamedUser(j.db, 'Rơ Mah Hờ', [['unit_officer', ward]]);
    const provinceOfficer = await newNamedUser(j.db, 'Trần Quốc Hùng', [['standing_officer', province]]);

    const page = await j.newPage();
    await signIn(page, wardOfficer.username);
    const report = await callApi<{ id: number }>(page, 'POST', '/api/reports', { templateId: template.id, unitId: ward.id, year: 2026 });
    await page.goto(`/bao-cao/${report.id}`);
    const rate = page.getByRole('spinbutton', { name: 'Tỷ lệ cơ quan niêm yết quy tắc ứng xử' });
    const events = page.getByRole('spinbutton', { name: 'Số cuộc tuyên truyền, hội nghị' });
    await rate.fill('150');
    await page.getByText('“Tỷ lệ cơ quan niêm yết quy tắc ứng xử”: tối đa là 100 %, không nhận 150 %').waitFor();
    await events.fill('abc');
    await page.getByText('“Số cuộc tuyên truyền, hội nghị”: “abc” không phải là một số').waitFor();
    await page.getByRole('textbox', { name: 'Ghi chú' }).fill('y'.repeat(2100));
    await page.getByText('“Ghi chú”: tối đa 2.000 ký tự (đang có 2.100)').waitFor();
    expect(await rate.inputValue()).toBe('150');
    await j.screenshot(page, 'typed-report-refusals');
    const typed = () =>
      j.db
        .selectFrom('reports')
        .select(['values', 'revision'])
        .where('id', '=', report.id)
        .executeTakeFirstOrThrow()
        .then((r) => (r.values as Record<string, { typed?: unknown }>) ?? {});
    expect(Object.values(await typed()).every((v) => v.typed === undefined || v.typed === null)).toBe(true);

    await events.fill('12');
    await page.getByRole('textbox', { name: 'Ghi chú' }).fill('Đủ');
    // Saving keeps the good figures and holds back the one still refused.
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await eventually(() => typed().then((v) => [v.posted_rate?.typed, v.events?.typed, v.note?.typed])).toEqual([null, 12, 'Đủ']);
    await page.getByText('Chưa lưu — 1 ô chưa hợp lệ').waitFor();
    expect(await rate.inputValue()).toBe('150');

    // The connection drops while typing: the page says so, keeps the figure, and saves it once back.
    await page.context().setOffline(true);
    await rate.fill('17,5');
    await rate.blur();
    await page.getByText('Chưa lưu — mất kết nối, sẽ thử lại').waitFor();
    await j.screenshot(page, 'typed-report-offline');
    await page.context().setOffline(false);
    await page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor();
    expect((await typed()).posted_rate?.typed).toBe(17.5);

    // The province reads the ward's figure the Vietnamese way.
    const desk = await j.newPage();
    await signIn(desk, provinceOfficer.username);
    await desk.goto(`/bao-cao/${provinceReport.id}`);
    const row = desk.getByRole('row', { name: /Phường Pleiku/ });
    await eventually(() => row.innerText()).toMatch(/17,5\s%/);
    await j.screenshot(desk, 'typed-report-percent');

    await desk.goto('/bao-cao/abc');
    await desk.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await desk.getByRole('button', { name: 'Về danh sách báo cáo' }).click();
    await desk.waitForURL(/\/bao-cao$/);
  });

  it('offers a staff member and a viewer only the pages they can use', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Kon Tum' });
    const school = await newUnit(j.db, { parent: province, kind: 'school', name: 'Trường Tiểu học Kon Tum' });
    const person = await newPerson(j.db, school, { fullName: 'A Thị Hoa' });
    const staff = await newNamedUser(j.db, 'A Thị Hoa', [['staff_member', school]]);
    await j.db.updateTable('users').set({ person_id: person.id }).where('id', '=', staff.id).execute();
    const viewer = await newNamedUser(j.db, 'Y Bình', [['viewer', province]]);
    const menu = async (username: string) => {
      const page = await j.newPage();
      await signIn(page, username);
      const items = await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('menuitem').allInnerTexts();
      return { page, items: items.map((i) => i.trim()) };
    };
    const s = await menu(staff.username);
    expect(s.items).toEqual(['Việc cần làm', 'Kế hoạch', 'Đăng ký thi đua', 'Đánh giá, chấm điểm', 'Tổng hợp, xếp hạng', 'Tài khoản']);
    await j.screenshot(s.page, 'typed-menu-staff');
    const v = await menu(viewer.username);
    expect(v.items).toEqual(['Việc cần làm', 'Kế hoạch', 'Đăng ký thi đua', 'Tổng hợp, xếp hạng', 'Báo cáo định kỳ', 'Khen thưởng', 'Đơn vị', 'Khối thi đua', 'Cán bộ', 'Tài khoản']);
    // The viewer's pages offer no button that changes anything.
    await v.page.goto('/ke-hoach');
    await v.page.getByRole('heading', { name: 'Kế hoạch' }).first().waitFor();
    expect(await v.page.getByRole('main').getByRole('button', { name: /Tạo|Nhập|Thêm/ }).count()).toBe(0);
  });

  it('says when the sheet was changed in another tab, and keeps what this tab typed on top of it', async () => {
    const { city, school } = await newSchools(j.db);
    const year = 2026;
    const plan = await newAssessmentPlan(j.db, city, { year });
    const person = await newPerson(j.db, school, { fullName: 'Lê Văn Tâm' });
    const teacher = await newNamedUser(j.db, 'Lê Văn Tâm', [['staff_member', school]]);
    await j.db.updateTable('users').set({ person_id: person.id }).where('id', '=', teacher.id).execute();
    await newRegistration(j.db, { plan, person, unit: school, year });

    const first = await j.newPage();
    await signIn(first, teacher.username);
    const sheet = await callApi<{ id: number }>(first, 'POST', '/api/assessments', { movementId: plan.movementId, year, personId: person.id });
    await first.goto(`/danh-gia/${sheet.id}`);
    const second = await first.context().newPage();
    await second.goto(`/danh-gia/${sheet.id}`);
    await score(second, '1.1').waitFor();

    // The first tab saves a mark; the second, opened before, types another on the revision it read.
    await score(first, '1.1').fill('12');
    await first.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor();
    await score(second, '1.2').fill('13');
    await second.getByText('Trang này vừa được thay đổi ở nơi khác, nên phần bạn đang nhập chưa được lưu.').waitFor();
    expect(await score(second, '1.2').inputValue()).toBe('13');
    await j.screenshot(second, 'typed-conflict');
    await second.getByRole('button', { name: 'Lấy bản mới nhất, giữ phần tôi đang nhập' }).click();
    await eventually(() => score(second, '1.1').inputValue()).toBe('12');
    await second.getByText(/^Đã lưu lúc \d{2}:\d{2}$/).waitFor();
    const rows = await j.db.selectFrom('assessment_scores').select(['criterion_id', 'self_points']).where('assessment_id', '=', sheet.id).execute();
    expect(Object.fromEntries(rows.map((r) => [r.criterion_id, r.self_points]))).toEqual({ [plan.c.ind['1.1']]: 12, [plan.c.ind['1.2']]: 13 });
  });
});
