import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../server/src/platform/config.js';
import { newPerson, newUnit } from '../server/test/factories.js';
import { newMovement, newPublishedPlan } from '../server/test/registration-factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, signIn } from './steps.js';

// Seed 001 from end to end, in the browser: the primary school's trade union adopts the city's
// office-culture plan and adds its own criterion (trồng hoa, dọn vệ sinh hàng tuần), a teacher
// registers for Lao động tiên tiến, self-assesses with a photo taken on the phone, the head scores,
// the council finalises, and the dashboard shows the result.

const PHOTO = path.join(repoRoot, 'server/test/fixtures/evidence/anh-chup.jpg');

/** Confirms a Popconfirm opened by the button of the same name. */
async function confirmPopover(page: Page, name: string) {
  await page.locator('.ant-popover:visible').getByRole('button', { name }).click();
}

describe.skipIf(!browserAvailable)('A movement from plan to classification (seed 001)', () => {
  const j = useJourney();

  it('the school adopts the city plan, a teacher registers and self-assesses with a photo, the head scores, the council finalises, the dashboard shows it', async () => {
    const year = j.year();
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Quảng Nam' });
    const city = await newUnit(j.db, { parent: province, kind: 'district', name: 'Huyện Đại Lộc' });
    const school = await newUnit(j.db, { parent: city, kind: 'school', name: 'Trường Tiểu học Hứa Tạo' });
    const movement = await newMovement(j.db, city, { name: 'CBCCVC thi đua thực hiện văn hóa công sở', startYear: 2025, endYear: 2030 });
    const cityPlan = await newPublishedPlan(j.db, city, { movement, title: 'Thực hiện phong trào thi đua văn hóa công sở gắn với cơ quan đạt chuẩn văn hóa' });
    await j.db.updateTable('plans').set({ number: '16', code: 'KH-LĐLĐ' }).where('id', '=', cityPlan.id).execute();
    const lan = await newPerson(j.db, school, { fullName: 'Nguyễn Thị Lan', gender: 'female' });
    const teacher = await newNamedUser(j.db, 'Nguyễn Thị Lan', [['staff_member', school]]);
    await j.db.updateTable('users').set({ person_id: lan.id }).where('id', '=', teacher.id).execute();
    const officer = await newNamedUser(j.db, 'Võ Văn Hùng', [['unit_officer', school]]);
    const head = await newNamedUser(j.db, 'Trần Thị Thu', [['unit_head', school]]);
    const council = await newNamedUser(j.db, 'Lê Văn Sơn', [['council_member', school]]);

    // 1. The school's officer adopts the city plan, adds the school's own criterion and publishes.
    const desk = await j.newPage();
    await signIn(desk, officer.username);
    await desk.goto(`/ke-hoach/${cityPlan.id}`);
    await desk.getByRole('button', { name: 'Áp dụng cho đơn vị' }).click();
    const adopt = desk.getByRole('dialog', { name: 'Áp dụng kế hoạch cho đơn vị cấp dưới' });
    await adopt.getByText('Trường Tiểu học Hứa Tạo').waitFor();
    await adopt.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
    // The new draft opens; a refusal would show in the dialog instead, and the poll says which.
    const refusal = adopt.getByRole('alert');
    await eventually(async () => ((await refusal.count()) ? `refused: ${await refusal.innerText()}` : new URL(desk.url()).pathname), 30_000).toMatch(
      new RegExp(`^/ke-hoach/(?!${cityPlan.id}$)\\d+$`),
    );
    const schoolPlanId = Number(new URL(desk.url()).pathname.split('/').pop());
    await desk.getByRole('tab', { name: /^Tập thể/ }).click();
    const collective = desk.getByRole('list', { name: 'Tiêu chí Tập thể' });
    await collective.getByRole('button', { name: 'Thêm mục con của 3', exact: true }).click();
    await collective.getByRole('textbox', { name: 'Nội dung tiêu chí 3.1' }).fill('Trồng hoa và dọn vệ sinh hàng tuần');
    await collective.getByRole('spinbutton', { name: 'Điểm tối đa tiêu chí 3.1' }).fill('20');
    await desk.getByRole('button', { name: 'Lưu tiêu chí' }).click();
    await desk.getByText('Đã lưu tiêu chí').waitFor();
    await desk.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await desk.getByRole('dialog', { name: /^Ban hành .*\?$/ }).getByRole('button', { name: 'Ban hành' }).click();
    await desk.getByText('Đã ban hành kế hoạch').waitFor();
    await j.screenshot(desk, 'movement-school-plan');

    // 2. The teacher, on a phone, registers for Lao động tiên tiến under the school's plan.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, teacher.username);
    await phone.goto('/dang-ky-thi-dua');
    await chooseOption(phone, phone, 'Danh hiệu đăng ký', 'Lao động tiên tiến');
    await phone.getByRole('textbox', { name: 'Nội dung đăng ký, cam kết' }).fill('Trồng hoa, dọn vệ sinh lớp học hằng tuần; không hút thuốc lá nơi làm việc');
    await phone.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await phone.getByText('Đã đăng ký: Lao động tiên tiến').waitFor();
    const registration = await j.db.selectFrom('registrations').select(['plan_id', 'title_code']).where('person_id', '=', lan.id).executeTakeFirstOrThrow();
    expect(registration).toEqual({ plan_id: schoolPlanId, title_code: 'lao_dong_tien_tien' });

    // 3. She opens her sheet, scores herself, photographs the evidence and sends it to the head.
    await phone.goto('/danh-gia');
    await chooseOption(phone, phone, 'Năm', String(year));
    await phone.getByRole('button', { name: 'Mở phiếu tự đánh giá' }).click();
    await phone.getByRole('heading', { name: 'Phiếu đánh giá: Nguyễn Thị Lan' }).waitFor();
    const score = (p: Page, column: string, code: string) => p.getByRole('spinbutton', { name: `Điểm ${column} tiêu chí ${code}` });
    await score(phone, 'tự chấm', '1').fill('28');
    await score(phone, 'tự chấm', '2').fill('47');
    await score(phone, 'tự chấm', '3').fill('20');
    await eventually(() => phone.getByText('Tổng điểm: 95 / 100').count()).toBe(1);
    await phone.getByRole('button', { name: 'Lưu', exact: true }).click();
    await phone.getByText('Có thay đổi chưa lưu').waitFor({ state: 'detached' });
    await phone.getByRole('button', { name: 'Minh chứng (3)' }).click();
    const panel = phone.getByRole('region', { name: 'Minh chứng' }).first();
    const camera = phone.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'Chụp ảnh' }).click();
    await (await camera).setFiles(PHOTO);
    await panel.getByRole('img', { name: 'Ảnh thu nhỏ của anh-chup.jpg' }).waitFor();
    await j.screenshot(phone, 'movement-self-assessment-phone');
    await phone.getByRole('button', { name: 'Gửi thủ trưởng' }).click();
    await confirmPopover(phone, 'Gửi thủ trưởng');
    await phone.getByText('Phiếu đang ở bước Thủ trưởng chấm điểm.').waitFor();

    // 4. The head sees the photo, takes the self-scores and sends the sheet to the council.
    const office = await j.newPage();
    await signIn(office, head.username);
    await office.goto('/danh-gia/cho-cham');
    await office.getByRole('link', { name: 'Nguyễn Thị Lan' }).click();
    await office.getByRole('heading', { name: 'Phiếu đánh giá: Nguyễn Thị Lan' }).waitFor();
    await office.getByRole('button', { name: 'Minh chứng (3)' }).click();
    await office.getByRole('region', { name: 'Minh chứng' }).first().getByRole('link', { name: 'anh-chup.jpg' }).waitFor();
    await office.getByRole('button', { name: 'Lấy điểm tự chấm' }).click();
    await eventually(() => score(office, 'thủ trưởng chấm', '2').inputValue()).toBe('47');
    await office.getByRole('button', { name: 'Gửi Hội đồng' }).click();
    await confirmPopover(office, 'Gửi Hội đồng');
    await office.getByText('Phiếu đang ở bước Hội đồng xét.').waitFor();

    // 5. The council finalises: Xuất sắc (95 of 100), and the sheet locks.
    const room = await j.newPage();
    await signIn(room, council.username);
    await room.goto('/danh-gia/hoi-dong');
    await room.getByRole('row').filter({ hasText: 'Nguyễn Thị Lan' }).getByRole('link', { name: 'Nguyễn Thị Lan' }).click();
    await room.getByRole('button', { name: 'Hoàn tất' }).click();
    await room.getByRole('dialog', { name: 'Hoàn tất phiếu đánh giá' }).getByRole('button', { name: 'Hoàn tất' }).click();
    await room.getByText('Xếp loại: Xuất sắc').waitFor();
    await phone.reload();
    await phone.getByText('Xếp loại: Xuất sắc').waitFor();
    expect(await phone.getByRole('spinbutton').count()).toBe(0);

    // 6. The head's dashboard for the school: registered, assessed, classified.
    await office.goto(`/tong-hop?m=${movement.id}&y=${year}&u=${school.id}`);
    const main = office.getByRole('main');
    await main.getByText('1/1 cán bộ đã đăng ký').waitFor();
    await eventually(() => main.getByRole('img', { name: /^Phân bố xếp loại/ }).getAttribute('aria-label')).toBe('Phân bố xếp loại: Xuất sắc 1, Tốt 0, Đạt 0, Không đạt 0');
    await j.screenshot(office, 'movement-dashboard');

    const stored = await j.db.selectFrom('assessments').select(['plan_id', 'stage', 'classification', 'council_total']).where('person_id', '=', lan.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ plan_id: schoolPlanId, stage: 'final', classification: 'excellent', council_total: 95 });
  });
});
