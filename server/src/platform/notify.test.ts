import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../test/factories.js';
import { twoServers, type TestServer } from '../../test/two-servers.js';
import { PGBOSS_SCHEMA } from './jobs.js';
import type { Mailer } from './mail.js';
import { deliverOnce, queueNotification, type DeliverOnceInput } from './notify.js';
import { startSmtpInbox, type SmtpInbox } from '../../test/smtp-inbox.js';

declare module './jobs.js' {
  interface JobQueues {
    /** This test's stand-in for a scheduled sweep that every server process runs. */
    'test-due-reminders-sweep': { recipients: { userId: number; email: string }[] };
  }
}

const PUBLIC_URL = 'https://thidua.example.gov.vn';

/** A reminder as the reports module will send it: Vietnamese, with the link to the report. */
function reminder(userId: number, email: string, key = 'report-reminder:7:2026-05-24'): DeliverOnceInput {
  return {
    key,
    userId,
    email,
    kind: 'report.reminder',
    title: 'Nhắc nộp báo cáo 6 tháng đầu năm 2026',
    body: 'Hạn nộp: 31/05/2026',
    link: '/bao-cao/7',
    mail: { subject: 'Nhắc nộp báo cáo 6 tháng đầu năm 2026', text: 'Đơn vị chưa nộp báo cáo 6 tháng đầu năm 2026, hạn 31/05/2026.\n(Reminder: the 6-month report is due on 31/05/2026.)' },
  };
}

// Two server processes with real pg-boss workers on ONE database and a real SMTP server: whatever
// the number of processes or of times a reminder is queued, each recipient gets one mail and one
// notice. The SMTP server answers slowly so that racing senders overlap.
describe('deliverOnce', () => {
  let a: TestServer;
  let b: TestServer;
  let smtp: SmtpInbox;
  // Addresses refused once with a temporary error, to prove a failed send is retried and sent once.
  const refuseOnce = new Set<string>();

  beforeAll(async () => {
    smtp = await startSmtpInbox({ delayMs: 150, refuse: (address) => refuseOnce.delete(address) });
    [a, b] = await twoServers({ publicUrl: PUBLIC_URL, smtpUrl: smtp.url, mailFrom: 'Thi đua - Khen thưởng <no-reply@thidua.example.gov.vn>' });
  });
  afterAll(() => smtp.close());

  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  const notices = (userId: number) => a.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).execute();
  /** Jobs of a queue not yet finished, in pg-boss's own table: the end of the work, without sleeping. */
  const unfinished = async (queue: string) => {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(PGBOSS_SCHEMA, 'job')} WHERE name = ${queue} AND state NOT IN ('completed', 'failed', 'cancelled')`.execute(a.ctx.db);
    return Number(r.rows[0]?.n);
  };

  it('sends one mail and stores one notice when both servers queue the same reminder, one of them twice', async () => {
    const users = await Promise.all([1, 2, 3].map((i) => newUser(a.ctx.db, { email: `canbo${i}@phuong.example.test` })));
    for (const [i, u] of users.entries()) {
      const r = reminder(u.id, `canbo${i + 1}@phuong.example.test`);
      await Promise.all([queueNotification(a.ctx.jobs, r), queueNotification(a.ctx.jobs, r), queueNotification(b.ctx.jobs, r)]);
    }
    await expect.poll(() => unfinished('notify'), { timeout: 20_000 }).toBe(0);

    for (const [i, u] of users.entries()) {
      const address = `canbo${i + 1}@phuong.example.test`;
      expect(mailsTo(address)).toHaveLength(1);
      const raw = mailsTo(address)[0]!.raw;
      // The link to the report, absolute (quoted-printable may fold the line).
      expect(raw.replace(/=\r\n/g, '')).toContain(`${PUBLIC_URL}/bao-cao/7`);
      const rows = await notices(u.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'report.reminder', title: 'Nhắc nộp báo cáo 6 tháng đầu năm 2026', link: '/bao-cao/7', read_at: null });
    }
    const ledger = await a.ctx.db.selectFrom('deliveries').selectAll().where('key', 'like', `email:${users[0]!.id}:%`).execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ channel: 'email', recipient: 'canbo1@phuong.example.test', attempts: 1, last_error: null });
    expect(ledger[0]!.sent_at).not.toBeNull();
  });

  it('sends once when a sweep that every server runs picks the same reminders at the same moment', async () => {
    const users = await Promise.all([1, 2, 3, 4].map((i) => newUser(a.ctx.db, { email: `hieutruong${i}@truong.example.test` })));
    const recipients = users.map((u, i) => ({ userId: u.id, email: `hieutruong${i + 1}@truong.example.test` }));
    // Each process holds its sweep until the other has started too: the two really run together.
    const started = new Set<string>();
    let bothStarted!: () => void;
    const together = new Promise<void>((resolve) => (bothStarted = resolve));
    for (const server of [a, b]) {
      await server.ctx.jobs.work('test-due-reminders-sweep', async ({ recipients: due }) => {
        started.add(server.name);
        if (started.size === 2) bothStarted();
        await Promise.race([together, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        for (const r of due) await deliverOnce(server.ctx, reminder(r.userId, r.email, 'report-reminder:9:2026-11-29'));
      });
    }
    await Promise.all([a.ctx.jobs.send('test-due-reminders-sweep', { recipients }), b.ctx.jobs.send('test-due-reminders-sweep', { recipients })]);
    await expect.poll(() => unfinished('test-due-reminders-sweep'), { timeout: 30_000 }).toBe(0);

    expect([...started].sort()).toEqual(['A', 'B']);
    for (const r of recipients) {
      expect(mailsTo(r.email)).toHaveLength(1);
      expect(await notices(r.userId)).toHaveLength(1);
    }
  });

  it('releases the claim of a refused mail so that the pg-boss retry sends it, once', async () => {
    const user = await newUser(a.ctx.db, { email: 'vanthu@xa.example.test' });
    refuseOnce.add('vanthu@xa.example.test');
    const r = reminder(user.id, 'vanthu@xa.example.test', 'report-reminder:11:2026-12-08');
    await queueNotification(a.ctx.jobs, r);
    await queueNotification(b.ctx.jobs, r);
    await expect.poll(() => unfinished('notify'), { timeout: 30_000 }).toBe(0);

    expect(mailsTo('vanthu@xa.example.test')).toHaveLength(1);
    expect(await notices(user.id)).toHaveLength(1);
    const row = await a.ctx.db.selectFrom('deliveries').selectAll().where('key', '=', `email:${user.id}:report-reminder:11:2026-12-08`).executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(2);
  });

  it('keeps the claim free after a failed send and reports a duplicate once the mail is out', async () => {
    const user = await newUser(a.ctx.db);
    const sent: string[] = [];
    let fail = true;
    const flaky: Mailer = {
      send: async (m) => {
        if (fail) throw new Error('SMTP unavailable');
        sent.push(m.to);
      },
    };
    const ctx = { ...a.ctx, mailer: flaky };
    const r = reminder(user.id, 'truongphong@so.example.test', 'report-reminder:12:2026-11-30');

    await expect(deliverOnce(ctx, r)).rejects.toThrow('SMTP unavailable');
    const key = `email:${user.id}:report-reminder:12:2026-11-30`;
    expect(await a.ctx.db.selectFrom('deliveries').selectAll().where('key', '=', key).executeTakeFirstOrThrow()).toMatchObject({
      claimed_at: null,
      sent_at: null,
      last_error: 'SMTP unavailable',
    });

    fail = false;
    expect(await deliverOnce(ctx, r)).toMatchObject({ app: 'duplicate', email: 'sent' });
    expect(await deliverOnce(ctx, r)).toMatchObject({ app: 'duplicate', email: 'duplicate', notificationId: null });
    expect(sent).toEqual(['truongphong@so.example.test']);
    expect(await notices(user.id)).toHaveLength(1);
  });

  it('stores an in-app notice alone when there is no mail', async () => {
    const user = await newUser(a.ctx.db);
    const input = { key: 'plan-published:3', userId: user.id, title: 'Kế hoạch mới', body: 'Kế hoạch thi đua năm 2026 đã ban hành', link: '/ke-hoach/3' };
    const [first, second] = await Promise.all([deliverOnce(a.ctx, input), deliverOnce(b.ctx, input)]);
    expect([first.app, second.app].sort()).toEqual(['duplicate', 'stored']);
    expect([first.email, second.email]).toEqual(['none', 'none']);
    expect(await notices(user.id)).toHaveLength(1);
  });
});
