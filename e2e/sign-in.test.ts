import { describe, expect, it } from 'vitest';
import { newPerson, newUnit } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { eventually, newNamedUser, peopleNames, signIn, submitSignIn } from './steps.js';

describe.skipIf(!browserAvailable)('Sign in (đăng nhập)', () => {
  const j = useJourney();

  it('takes a standing officer from the form to the home page that greets them by name', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const department = await newUnit(j.db, { parent: province, kind: 'department', name: 'Sở Văn hóa và Thể thao' });
    await newPerson(j.db, department, { fullName: 'Nguyễn Thị Mai' });
    await newPerson(j.db, department, { fullName: 'Lê Văn Hùng', gender: 'male' });
    const officer = await newNamedUser(j.db, 'Trần Thị Hoa', [['standing_officer', province]]);
    const page = await j.newPage();

    // An anonymous visit to the home page is sent to the form.
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === '/dang-nhap');
    await signIn(page, officer.username);

    await page.waitForURL((u) => u.pathname === '/');
    const greeting = page.getByRole('heading', { level: 1 });
    await eventually(() => greeting.textContent()).toMatch(/, Trần Thị Hoa$/);
    await page.getByRole('listitem').filter({ hasText: 'Thường trực thi đua' }).filter({ hasText: 'Tỉnh Khánh Hòa' }).waitFor();
    // The count covers the officer's whole subtree (the department's two people).
    await eventually(() => page.getByRole('main').innerText()).toMatch(/Số cán bộ trong phạm vi quản lý\s+2\b/);
    await j.screenshot(page, 'home');
  });

  it('refuses a wrong password with the Vietnamese message and stays on the form', async () => {
    const province = await newUnit(j.db, { kind: 'province' });
    const officer = await newNamedUser(j.db, 'Lê Văn Nam', [['standing_officer', province]]);
    const page = await j.newPage();

    await submitSignIn(page, officer.username, 'mat-khau-sai-roi');

    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(0);
  });

  it('shows the people page on a phone-sized screen', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Lâm Đồng' });
    const office = await newUnit(j.db, { parent: province, kind: 'department', name: 'Sở Nội vụ' });
    for (const fullName of ['Phạm Thị Thu', 'Võ Minh Tuấn', 'Đặng Quốc Bảo']) await newPerson(j.db, office, { fullName });
    const officer = await newNamedUser(j.db, 'Ngô Thị Lan', [['standing_officer', province]]);
    const page = await j.newPage({ phone: true });

    await signIn(page, officer.username);
    await page.goto('/can-bo');

    await page.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
    await eventually(async () => (await peopleNames(page)).sort()).toEqual(['Phạm Thị Thu', 'Võ Minh Tuấn', 'Đặng Quốc Bảo'].sort());
    // On a phone the menu hides behind a button instead of a side bar.
    await page.getByRole('button', { name: 'Mở menu' }).waitFor();
    await j.screenshot(page, 'people-phone');
  });
});
