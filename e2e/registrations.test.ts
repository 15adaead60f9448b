import { describe, expect, it } from 'vitest';
import { newPerson, newUnit } from '../server/test/factories.js';
import { newMovement, newPublishedPlan } from '../server/test/registration-factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, signIn } from './steps.js';

describe.skipIf(!browserAvailable)('Registration (đăng ký thi đua)', () => {
  const j = useJourney();

  it('a teacher registers on the phone; the officer follows the board, reminds, registers the rest and reaches 100 %', async () => {
    const city = await newUnit(j.db, { kind: 'district', name: 'Thành phố Nha Trang' });
    const school = await newUnit(j.db, { parent: city, kind: 'school', name: 'Trường THCS Lý Thường Kiệt' });
    const movement = await newMovement(j.db, city, { name: 'CBCCVC thi đua thực hiện văn hóa công sở', startYear: 2025, endYear: 2030 });
    const plan = await newPublishedPlan(j.db, city, { movement, title: 'Kế hoạch thực hiện văn hóa công sở năm 2026' });
    await j.db.updateTable('plans').set({ number: '6344', code: 'KH-UBND' }).where('id', '=', plan.id).execute();
    const mai = await newPerson(j.db, school, { fullName: 'Nguyễn Thị Mai', gender: 'female' });
    for (const fullName of ['Trần Văn Nam', 'Lê Thị Hồng', 'Phạm Văn Tú']) await newPerson(j.db, school, { fullName });
    const teacher = await newNamedUser(j.db, 'Nguyễn Thị Mai', [['staff_member', school]]);
    await j.db.updateTable('users').set({ person_id: mai.id }).where('id', '=', teacher.id).execute();
    const officer = await newNamedUser(j.db, 'Hồ Thị Thanh', [['unit_officer', school]]);
    // The year offered first is this year, within the movement's 2025–2030.
    const year = j.year();

    // The teacher, on a phone: "Đăng ký của tôi" shows the city's plan, which reaches the school.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, teacher.username);
    await phone.goto('/dang-ky-thi-dua');
    await phone.getByRole('tab', { name: 'Đăng ký của tôi' }).waitFor();
    await phone.getByText('6344/KH-UBND — Kế hoạch thực hiện văn hóa công sở năm 2026').waitFor();
    await chooseOption(phone, phone, 'Danh hiệu đăng ký', 'Lao động tiên tiến');
    await phone.getByRole('textbox', { name: 'Nội dung đăng ký, cam kết' }).fill('Trồng hoa, dọn vệ sinh hàng tuần; không hút thuốc lá nơi công sở');
    await phone.getByRole('button', { name: 'Đăng ký', exact: true }).click();

    const card = phone.getByText('Đã đăng ký: Lao động tiên tiến');
    await card.waitFor();
    await phone.getByText('Trồng hoa, dọn vệ sinh hàng tuần; không hút thuốc lá nơi công sở').waitFor();
    const saved = await j.db.selectFrom('registrations').selectAll().where('person_id', '=', mai.id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ title_code: 'lao_dong_tien_tien', unit_id: school.id, plan_id: plan.id, status: 'registered', year });
    expect(await phone.getByRole('link', { name: 'In bản đăng ký' }).getAttribute('href')).toBe(`/api/registrations/${saved.id}/document.docx`);
    await phone.getByRole('button', { name: 'Sửa' }).waitFor();
    await phone.getByRole('button', { name: 'Rút đăng ký' }).waitFor();
    await j.screenshot(phone, 'registration-mine-phone');

    // The school's own plan for next year only: choosing next year offers it, this year keeps the city's.
    const next = year + 1;
    const schoolPlan = await newPublishedPlan(j.db, school, { movement, parentPlanId: plan.id, title: `Kế hoạch văn hóa công sở của trường năm ${next}` });
    await j.db.updateTable('plans').set({ year_from: next, year_to: next }).where('id', '=', schoolPlan.id).execute();
    const applies = phone.getByRole('region', { name: 'Kế hoạch áp dụng' });
    await chooseOption(phone, phone, 'Năm', String(next));
    await applies.getByText(new RegExp(`— Kế hoạch văn hóa công sở của trường năm ${next}$`)).waitFor();
    await phone.getByText(`Bản đăng ký năm ${next}`).waitFor();
    await chooseOption(phone, phone, 'Năm', String(year));
    await applies.getByText('6344/KH-UBND — Kế hoạch thực hiện văn hóa công sở năm 2026').waitFor();
    await phone.getByText('Đã đăng ký: Lao động tiên tiến').waitFor();

    // The school's officer: the board stands at 1 of 4 people.
    const page = await j.newPage();
    await signIn(page, officer.username);
    await page.goto('/dang-ky-thi-dua?tab=board');
    const schoolRow = page.getByRole('row', { name: /Trường THCS Lý Thường Kiệt/ });
    await eventually(() => schoolRow.first().innerText()).toMatch(/25\s%\s+1\/4/);
    await eventually(() => page.getByRole('main').innerText()).toMatch(/Cá nhân\s+25\s%\s+1\/4/);

    // Who has not registered, then a reminder (confirmed) that the board records.
    await schoolRow.first().getByRole('button', { name: 'Mở rộng dòng' }).click();
    // The school itself, as a collective, has not registered either.
    await page.getByText('4 chưa đăng ký').waitFor();
    await page.getByText('— Đơn vị (tập thể)').waitFor();
    for (const name of ['Lê Thị Hồng', 'Phạm Văn Tú', 'Trần Văn Nam']) await page.getByText(name).first().waitFor();
    await schoolRow.first().getByRole('button', { name: 'Nhắc đăng ký: Trường THCS Lý Thường Kiệt' }).click();
    const confirm = page.getByRole('dialog', { name: 'Nhắc đăng ký cho Trường THCS Lý Thường Kiệt?' });
    await confirm.getByRole('button', { name: 'Gửi nhắc nhở' }).click();
    await page.getByText(/Đã nhắc lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/).waitFor();
    await j.screenshot(page, 'registration-board-before');

    // "Đăng ký cho đơn vị": select everyone not yet registered and register them with one title.
    await page.getByRole('tab', { name: 'Đăng ký cho đơn vị' }).click();
    await page.getByRole('button', { name: 'Chọn tất cả người chưa đăng ký (3)' }).click();
    await page.getByRole('button', { name: 'Đăng ký cho 3 người đã chọn' }).click();
    await page.getByText('Đã đăng ký 3 người; 0 người đã đăng ký từ trước; 0 người không thuộc đơn vị.').waitFor();
    const rows = await j.db.selectFrom('registrations').select(['person_id', 'title_code', 'registered_by']).where('unit_id', '=', school.id).where('status', '=', 'registered').execute();
    expect(rows).toHaveLength(4);
    await j.screenshot(page, 'registration-unit');
    expect(rows.filter((r) => r.person_id !== mai.id).every((r) => r.title_code === 'lao_dong_tien_tien' && r.registered_by === officer.id)).toBe(true);

    // The board now shows everyone registered.
    await page.getByRole('tab', { name: 'Theo dõi' }).click();
    await eventually(() => page.getByRole('main').innerText()).toMatch(/Cá nhân\s+100\s%\s+4\/4/);
    await eventually(() => schoolRow.first().innerText()).toMatch(/100\s%\s+4\/4/);
    await j.screenshot(page, 'registration-board-after');
  });
});
