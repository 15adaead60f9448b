import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/demo/demo-accounts.js';
import { demoOnFirstStart } from '../server/src/demo/first-start.js';
import { browserAvailable, useJourney } from './harness.js';
import { eventually, signIn } from './steps.js';

// Each of the eight demonstration accounts signs in on 07/12/2026 — a week after the yearly report
// was due — and finds its own work on the home page (Việc cần làm), with the menu's badges, and one
// click takes it to the work.

describe.skipIf(!browserAvailable)('journey: every role finds its own work on the home page', () => {
  const j = useJourney({ now: '2026-12-07T09:00:00+07:00' });

  beforeAll(async () => {
    await demoOnFirstStart(j.db, j.clock.now, {}, () => undefined);
  }, 120_000);

  const inbox = (page: Page) => page.getByRole('list', { name: 'Việc cần làm' });
  const taskTitles = async (page: Page) => (await inbox(page).locator('li a').allTextContents()).map((s) => s.trim());
  /** The count on a menu entry's badge (its title, as antd renders the number in moving digits). */
  const menuBadge = (page: Page, entry: string) => page.getByRole('navigation', { name: 'Menu chính' }).locator('.ant-menu-item', { hasText: entry }).locator('.ant-badge-count').getAttribute('title');

  it('the teacher left unregistered is asked to register, and the link opens her registration', async () => {
    const page = await j.newPage({ phone: true });
    await signIn(page, 'nhanvien', DEMO_PASSWORD);
    await eventually(() => taskTitles(page)).toEqual(['Đăng ký thi đua năm 2026']);
    await j.screenshot(page, 'inbox-nhanvien-phone');
    await page.getByRole('button', { name: 'Làm ngay: Đăng ký thi đua năm 2026' }).click();
    await page.waitForURL(/\/dang-ky-thi-dua\?tab=mine/);
  });

  it("the ward's officer sees the late reports first, and the badges count per menu entry", async () => {
    const page = await j.newPage();
    await signIn(page, 'canbothidua', DEMO_PASSWORD);
    await eventually(() => taskTitles(page)).toContain('Hoàn thành và gửi báo cáo kết quả thực hiện văn hóa công sở năm 2026');
    const titles = await taskTitles(page);
    expect(titles).toContain('6 đơn vị chưa nộp báo cáo kết quả thực hiện văn hóa công sở năm 2026');
    expect(titles).toContain('Đăng ký thi đua năm 2026 của tập thể');
    expect(await inbox(page).locator('li').first().getAttribute('data-state')).toBe('overdue');
    expect(await inbox(page).locator('li').last().getAttribute('data-state')).toBe('open');
    const yearly = inbox(page).locator('li', { hasText: 'Hoàn thành và gửi báo cáo kết quả thực hiện văn hóa công sở năm 2026' });
    expect(await yearly.getByText('Quá hạn 7 ngày').isVisible()).toBe(true);
    expect(await yearly.getByText('Hạn 30/11/2026').isVisible()).toBe(true);
    expect(await menuBadge(page, 'Báo cáo định kỳ')).toBe('4');
    expect(await menuBadge(page, 'Việc cần làm')).toBe(String(titles.length));
    await j.screenshot(page, 'inbox-canbothidua');
    await yearly.getByRole('link').click();
    await page.waitForURL(/\/bao-cao\/\d+$/);
    await page.getByText('Phường Nha Trang').first().waitFor();
  });

  it("the ward's head has the school's report to take in and a sheet to score; the council member has the one the head sent on", async () => {
    const head = await j.newPage();
    await signIn(head, 'thutruong', DEMO_PASSWORD);
    await eventually(() => taskTitles(head)).toEqual(expect.arrayContaining(['1 báo cáo gửi đến chờ tiếp nhận', '1 phiếu đánh giá chờ thủ trưởng chấm điểm']));
    expect(await menuBadge(head, 'Đánh giá')).toBe('1');
    await j.screenshot(head, 'inbox-thutruong');
    await head.getByRole('button', { name: 'Làm ngay: 1 phiếu đánh giá chờ thủ trưởng chấm điểm' }).click();
    await head.waitForURL(/\/danh-gia\/\d+$/);

    const council = await j.newPage({ phone: true });
    await signIn(council, 'hoidong', DEMO_PASSWORD);
    await eventually(() => taskTitles(council)).toEqual(['1 phiếu đánh giá chờ Hội đồng xét']);
    await j.screenshot(council, 'inbox-hoidong-phone');
  });

  it("the province's standing officer sees the ward's report Sở Nội vụ still awaits", async () => {
    const page = await j.newPage();
    await signIn(page, 'thuongtruc', DEMO_PASSWORD);
    await eventually(() => taskTitles(page)).toContain('Phường Nha Trang chưa nộp báo cáo kết quả thực hiện văn hóa công sở năm 2026');
    await j.screenshot(page, 'inbox-thuongtruc');
  });

  it('the inspector and the viewer have nothing waiting, and are told so', async () => {
    for (const username of ['kiemtra', 'xem']) {
      const page = await j.newPage({ phone: username === 'xem' });
      await signIn(page, username, DEMO_PASSWORD);
      await page.getByText('Không có việc nào đang chờ bạn.').waitFor();
      expect(await taskTitles(page)).toEqual([]);
    }
  });

  it('the administrator sets up the second factor first, then sees an empty inbox', async () => {
    const page = await j.newPage();
    await page.goto('/dang-nhap');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('admin');
    await page.getByRole('textbox', { name: 'Mật khẩu' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL(/\/xac-thuc-hai-lop/);
    const pending = async () => (await j.db.selectFrom('users').select('totp_pending_secret').where('username', '=', 'admin').executeTakeFirstOrThrow()).totp_pending_secret;
    await eventually(pending).not.toBeNull();
    const secret = (await pending())!;
    const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
    await page.getByRole('textbox', { name: 'Mã xác thực' }).fill(code);
    await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await page.goto('/');
    await page.getByText('Không có việc nào đang chờ bạn.').waitFor();
  });
});
