import { describe, expect, it } from 'vitest';
import { deliverOnce } from '../server/src/platform/notify.js';
import { newUnit } from '../server/test/factories.js';
import { newMovement, newPublishedPlan } from '../server/test/registration-factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { eventually, newNamedUser, signIn } from './steps.js';

// A ward's emulation officer finds a reminder (arranged in the database, as the reminder job stores
// it) behind the bell in the header, opens it, lands on the plan, and the bell has nothing unread;
// then subscribes to the deadlines calendar from the account page.

describe.skipIf(!browserAvailable)('Notification centre (thông báo) and deadlines calendar', () => {
  const j = useJourney();

  it('shows the unread count, opens the notice on its page and marks it read', async () => {
    const db = j.db;
    const ward = await newUnit(db, { kind: 'commune', name: 'UBND phường Trần Phú' });
    const movement = await newMovement(db, ward, { name: 'Văn hóa công sở', startYear: 2026, endYear: 2026 });
    const plan = await newPublishedPlan(db, ward, { movement, title: 'Kế hoạch thực hiện văn hóa công sở năm 2026' });
    await db
      .insertInto('plan_deadlines')
      .values({ plan_id: plan.id, day: 31, month: 5, year: 2026, period: '6 tháng', text: 'Báo cáo sơ kết 6 tháng', recipient_text: 'Phòng Nội vụ', position: 0 })
      .execute();
    const officer = await newNamedUser(db, 'Lê Thị Thu Hà', [['unit_officer', ward]]);
    const notice = await deliverOnce(
      { db, mailer: { send: async () => undefined }, config: { publicUrl: j.baseUrl }, now: j.clock.now },
      {
        key: `report-reminder:${plan.id}:2026-05-24`,
        userId: officer.id,
        kind: 'report.reminder',
        title: 'Nhắc nộp báo cáo sơ kết 6 tháng',
        body: 'Hạn nộp: 31/05/2026. Đơn vị chưa nộp báo cáo.',
        link: `/ke-hoach/${plan.id}`,
      },
    );
    await db.updateTable('notifications').set({ created_at: new Date('2026-05-24T01:30:00Z') }).where('id', '=', notice.notificationId!).execute();

    const page = await j.newPage();
    await signIn(page, officer.username);
    const bell = page.getByRole('button', { name: 'Thông báo (1 chưa đọc)' });
    await bell.waitFor();
    await bell.click();

    const drawer = page.getByRole('dialog', { name: 'Thông báo' });
    await drawer.getByText('Hạn nộp: 31/05/2026. Đơn vị chưa nộp báo cáo.').waitFor();
    // Shown in Vietnam's time: 01:30 UTC is 08:30.
    await drawer.getByText('24/05/2026 08:30').waitFor();
    await j.screenshot(page, 'notifications-drawer');
    await drawer.getByRole('button', { name: 'Nhắc nộp báo cáo sơ kết 6 tháng' }).click();

    await eventually(() => new URL(page.url()).pathname).toBe(`/ke-hoach/${plan.id}`);
    await page.getByRole('button', { name: 'Thông báo', exact: true }).waitFor();
    const row = await db.selectFrom('notifications').select('read_at').where('id', '=', notice.notificationId!).executeTakeFirstOrThrow();
    expect(row.read_at).not.toBeNull();

    // The deadlines calendar: the link is made on the account page and serves the plan's deadline.
    await page.goto('/tai-khoan');
    await page.getByRole('heading', { name: 'Lịch hạn báo cáo (iCalendar)' }).waitFor();
    await page.getByRole('button', { name: 'Tạo đường dẫn lịch' }).click();
    const url = (await page.getByText(/\/api\/calendar\/[A-Za-z0-9_-]+\.ics$/).textContent())!.trim();
    // The URL carries the configured public address; the journey's server listens elsewhere.
    const feed = await page.request.get(new URL(url).pathname);
    expect(feed.status()).toBe(200);
    const ics = (await feed.text()).replace(/\r\n /g, '');
    expect(ics).toContain('SUMMARY:Hạn: Báo cáo sơ kết 6 tháng');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260531');
  });
});
