import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate, officeCultureContent, type TestReportTemplate } from '../../../test/report-factories.js';
import { twoServers, type TestServer } from '../../../test/two-servers.js';
import { PGBOSS_SCHEMA } from '../../platform/jobs.js';
import { vietnamInstant } from './reports.periods.js';
import { REMINDER_SWEEP_QUEUE, runReminderSweep } from './reports.reminders.js';
import { startSmtpInbox, type SmtpInbox } from '../../../test/smtp-inbox.js';

// THE PROOF of exactly-once reminders (đôn đốc): two complete servers on one database, each with
// its own pool, pg-boss workers and SMTP transport, sweep at the same moment; a real SMTP server
// that answers slowly counts the mails. One mail per recipient per reminder slot, none for a unit
// that has submitted, and none again when the same slot is swept later.

const PUBLIC_URL = 'https://thidua.example.gov.vn';

describe('the report reminder sweep on two servers', () => {
  let a: TestServer;
  let b: TestServer;
  let smtp: SmtpInbox;

  let template: TestReportTemplate;
  let submitted: TestUnit;
  let draft: TestUnit;
  let nothing: TestUnit;
  /** Each commune's officer and head, by commune. */
  const addresses = new Map<number, string[]>();

  beforeAll(async () => {
    smtp = await startSmtpInbox({ delayMs: 100 });
    [a, b] = await twoServers({ publicUrl: PUBLIC_URL, smtpUrl: smtp.url, mailFrom: 'Thi đua - Khen thưởng <no-reply@thidua.example.gov.vn>' });

    const db = a.ctx.db;
    const province = await newUnit(db, { kind: 'province', name: 'UBND tỉnh Khánh Hòa' });
    submitted = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    draft = await newUnit(db, { parent: province, kind: 'commune', name: 'Xã Cam Lâm' });
    nothing = await newUnit(db, { parent: province, kind: 'commune', name: 'Xã Đại Lãnh' });
    // The yearly report due 30/11: reminders 7 and 1 days before, then every 3 days after, at 08:00 Vietnam time.
    template = await newReportTemplate(db, { planUnit: province, reporterKinds: ['commune'], content: officeCultureContent, name: 'Báo cáo văn hóa công sở', periodKind: 'year', due: { day: 30, month: 11 }, schedule: { daysBefore: [7, 1], everyDaysAfter: 3, maxAfter: 5, at: '08:00' } });
    for (const [i, unit] of [submitted, draft, nothing].entries()) {
      const officer = `canbo${i}@xa.example.test`;
      const head = `chutich${i}@xa.example.test`;
      await newUser(db, { roles: [['unit_officer', unit]], email: officer });
      await newUser(db, { roles: [['unit_head', unit]], email: head });
      addresses.set(unit.id, [officer, head]);
    }
    await newReport(db, { template, unit: submitted, year: 2026, status: 'submitted', submittedAt: '2026-11-25T02:00:00Z' });
    await newReport(db, { template, unit: draft, year: 2026, status: 'draft' });
  });
  afterAll(() => smtp.close());

  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  const unfinished = async (queue: string) => {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(PGBOSS_SCHEMA, 'job')} WHERE name = ${queue} AND state NOT IN ('completed', 'failed', 'cancelled')`.execute(a.ctx.db);
    return Number(r.rows[0]?.n);
  };
  const counts = (unit: TestUnit) => addresses.get(unit.id)!.map((addr) => mailsTo(addr).length);

  it('sends one mail and one notice per officer and head of each unit not submitted when both servers sweep at once', async () => {
    // 29/11 08:05 in Hà Nội: the "one day before" slot has come.
    const now = vietnamInstant('2026-11-29', '08:05');
    const results = await Promise.all([runReminderSweep(a.ctx, now), runReminderSweep(b.ctx, now), runReminderSweep(a.ctx, now)]);

    expect(counts(submitted)).toEqual([0, 0]);
    expect(counts(draft)).toEqual([1, 1]);
    expect(counts(nothing)).toEqual([1, 1]);
    // Between them the sweeps sent four mails, whichever server won each.
    expect(results.reduce((n, r) => n + r.mailsSent, 0)).toBe(4);
    expect(results.reduce((n, r) => n + r.noticesStored, 0)).toBe(4);

    const raw = mailsTo(addresses.get(nothing.id)![0]!)[0]!.raw.replace(/=\r\n/g, '');
    expect(raw).toContain(`${PUBLIC_URL}/bao-cao/don-vi/${nothing.id}/${template.id}/2026-Y`);
    const notices = await a.ctx.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.email', 'n.kind', 'n.title', 'n.dedupe_key'])
      .where('n.kind', '=', 'report.reminder')
      .execute();
    expect(notices).toHaveLength(4);
    expect(notices.every((n) => n.title === 'Nhắc nộp báo cáo: Báo cáo văn hóa công sở – Năm 2026')).toBe(true);
    expect(notices.map((n) => n.dedupe_key).sort()).toEqual(
      [draft, draft, nothing, nothing].map((u) => `report-reminder/${template.id}/${u.id}/2026-Y/-1`).sort(),
    );

    // The same slot swept again, later the same day: nothing new.
    await Promise.all([runReminderSweep(a.ctx, vietnamInstant('2026-11-29', '08:20')), runReminderSweep(b.ctx, vietnamInstant('2026-11-29', '08:20'))]);
    expect(counts(draft)).toEqual([1, 1]);
    expect(counts(nothing)).toEqual([1, 1]);
  });

  it('does the same through the pg-boss queue that both servers work, and stops for a unit once it submits', async () => {
    // 3/12 08:01: three days after the due date; the sweep job is sent three times to the two servers.
    const at = vietnamInstant('2026-12-03', '08:01').toISOString();
    await Promise.all([a.ctx.jobs.send(REMINDER_SWEEP_QUEUE, { at }), b.ctx.jobs.send(REMINDER_SWEEP_QUEUE, { at }), b.ctx.jobs.send(REMINDER_SWEEP_QUEUE, { at })]);
    await expect.poll(() => unfinished(REMINDER_SWEEP_QUEUE), { timeout: 30_000 }).toBe(0);
    expect(counts(submitted)).toEqual([0, 0]);
    expect(counts(draft)).toEqual([2, 2]);
    expect(counts(nothing)).toEqual([2, 2]);
    const lateMail = mailsTo(addresses.get(draft.id)![1]!)[1]!.raw.replace(/=\r\n/g, '');
    expect(lateMail).toContain('Xem chi ti');

    // The draft is submitted (late); at the next slot only the unit with nothing is reminded.
    await a.ctx.db.updateTable('reports').set({ status: 'submitted', submitted_at: '2026-12-04T03:00:00Z', days_late: 4 }).where('unit_id', '=', draft.id).execute();
    const next = vietnamInstant('2026-12-06', '08:00');
    await Promise.all([runReminderSweep(a.ctx, next), runReminderSweep(b.ctx, next)]);
    expect(counts(draft)).toEqual([2, 2]);
    expect(counts(nothing)).toEqual([3, 3]);
    expect(counts(submitted)).toEqual([0, 0]);
  });

  it('sends nothing before a slot has come, nor for a slot older than the look-back', async () => {
    const before = smtp.mails.length;
    // 23/11 07:59: the "seven days before" slot comes at 08:00 that day.
    await runReminderSweep(a.ctx, vietnamInstant('2026-11-23', '07:59'));
    // 20/01/2027: the last slot after the due date (15/12) is long past.
    await runReminderSweep(b.ctx, vietnamInstant('2027-01-20', '08:00'));
    expect(smtp.mails.length).toBe(before);
  });
});
