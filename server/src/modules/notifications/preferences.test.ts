import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { decodeSubject, decodeText, startSmtpInbox, type SmtpInbox } from '../../../test/smtp-inbox.js';
import { newUser } from '../../../test/factories.js';
import { twoServers, type TestServer } from '../../../test/two-servers.js';
import { PGBOSS_SCHEMA, type inlineJobs } from '../../platform/jobs.js';
import { DIGEST_QUEUE, runDailyDigest } from './digest.js';
import { notifyUsers, withPreferences, type Notice } from './notices.js';
// The kinds the capabilities register when they load, as in the server.
import '../assessments/assessments.notices.js';
import '../plans/plans.notices.js';
import '../reports/reports.notices.js';

// Each person chooses, per kind of notice, how it reaches them: in the app only, by e-mail too, or
// in one daily digest mail (tóm tắt hằng ngày) at 17:00. The notice is in the app at once whatever
// the choice; the digest goes out once a day per person, however many server processes sweep.

const PUBLIC_URL = 'https://thidua.example.gov.vn';

/** A notice of a registered kind, as a workflow step sends it. */
function notice(kind: string, key: string, recipients: number[], title: string): Notice {
  return { kind, key, recipients, actorUserId: null, title, body: `${title}: nội dung`, english: `${title} (in English)`, link: `/danh-gia/${key}` };
}

describe('notification preferences', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ publicUrl: PUBLIC_URL });
  });
  const drain = () => (t.ctx.jobs as ReturnType<typeof inlineJobs>).drain();

  async function signedIn() {
    const user = await newUser(t.ctx.db);
    const c = new Client(t.app);
    await c.signIn(user.username);
    return { user, c, email: `${user.username}@example.test` };
  }

  it('lists every registered kind with its labels, group, default and my choice; the address mail goes to', async () => {
    const { c, email } = await signedIn();
    const res = await c.get('/api/notifications/preferences');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ digestTime: '17:00', email });
    const byKind = Object.fromEntries(body.kinds.map((k: { kind: string }) => [k.kind, k]));
    expect(byKind['assessment.submitted']).toEqual({
      kind: 'assessment.submitted',
      label: { vi: 'Phiếu đánh giá gửi đến tôi để chấm điểm', en: 'An assessment sent to me for the head’s review' },
      group: { vi: 'Đánh giá, chấm điểm', en: 'Assessments' },
      defaultChannel: 'email',
      channel: 'email',
    });
    // Hand-overs that wait for the reader's action come by mail; information stays in the app.
    expect(byKind['report.accepted']).toMatchObject({ defaultChannel: 'app', channel: 'app' });
    expect(byKind['assessment.reopened']).toMatchObject({ defaultChannel: 'app' });
    for (const k of ['assessment.sent_to_council', 'assessment.returned', 'assessment.finalised', 'report.submitted', 'report.returned', 'report.unlocked', 'report.reminder', 'plan.published']) {
      expect(byKind[k]?.defaultChannel, k).toBe('email');
    }
    expect((await new Client(t.app).get('/api/notifications/preferences')).statusCode).toBe(401);
  });

  it('saves my choices for the kinds I send and keeps the others; refuses an unknown kind or channel, naming it', async () => {
    const { c, user } = await signedIn();
    const other = await signedIn();
    const res = await c.request({
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { preferences: [{ kind: 'assessment.submitted', channel: 'digest' }, { kind: 'report.accepted', channel: 'email' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const channels = Object.fromEntries(res.json().kinds.map((k: { kind: string; channel: string }) => [k.kind, k.channel]));
    expect(channels).toMatchObject({ 'assessment.submitted': 'digest', 'report.accepted': 'email', 'assessment.returned': 'email', 'assessment.reopened': 'app' });
    // Mine only.
    const theirs = (await other.c.get('/api/notifications/preferences')).json().kinds.find((k: { kind: string }) => k.kind === 'assessment.submitted');
    expect(theirs.channel).toBe('email');

    const again = await c.request({ method: 'PUT', url: '/api/notifications/preferences', payload: { preferences: [{ kind: 'assessment.submitted', channel: 'app' }] } });
    expect(again.json().kinds.find((k: { kind: string }) => k.kind === 'assessment.submitted').channel).toBe('app');
    expect(again.json().kinds.find((k: { kind: string }) => k.kind === 'report.accepted').channel).toBe('email');

    const unknown = await c.request({ method: 'PUT', url: '/api/notifications/preferences', payload: { preferences: [{ kind: 'khong.co', channel: 'app' }] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toMatchObject({ path: 'preferences.0.kind', message: 'preferences.0.kind: Không có loại thông báo "khong.co"' });
    const badChannel = await c.request({ method: 'PUT', url: '/api/notifications/preferences', payload: { preferences: [{ kind: 'report.accepted', channel: 'sms' }] } });
    expect(badChannel.statusCode).toBe(400);
    expect(badChannel.json().error.code).toBe('VALIDATION_FAILED');
    // Nothing of a refused request was kept.
    const saved = await t.ctx.db.selectFrom('notification_preferences').select(['kind', 'channel']).where('user_id', '=', user.id).orderBy('kind').execute();
    expect(saved).toEqual([
      { kind: 'assessment.submitted', channel: 'app' },
      { kind: 'report.accepted', channel: 'email' },
    ]);
    const anonymous = await new Client(t.app).request({ method: 'PUT', url: '/api/notifications/preferences', payload: { preferences: [{ kind: 'report.accepted', channel: 'app' }] } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('app only: the notice is in the app and no mail goes; e-mail too: both', async () => {
    const quiet = await signedIn();
    const loud = await signedIn();
    await quiet.c.request({ method: 'PUT', url: '/api/notifications/preferences', payload: { preferences: [{ kind: 'assessment.returned', channel: 'app' }] } });
    await notifyUsers(t.ctx, notice('assessment.returned', 'pref-1', [quiet.user.id, loud.user.id], 'Phiếu đánh giá bị trả lại: Nguyễn Văn A'));
    await drain();
    const stored = await t.ctx.db.selectFrom('notifications').select(['user_id', 'channel']).where('dedupe_key', '=', 'assessment.returned/pref-1').orderBy('user_id').execute();
    expect(stored).toEqual([
      { user_id: quiet.user.id, channel: 'app' },
      { user_id: loud.user.id, channel: 'email' },
    ]);
    expect(t.mails.filter((m) => m.to === quiet.email)).toEqual([]);
    expect(t.mails.filter((m) => m.to === loud.email).map((m) => m.subject)).toEqual(['Phiếu đánh giá bị trả lại: Nguyễn Văn A']);
    // In the bell at once.
    expect((await quiet.c.get('/api/notifications')).json()).toMatchObject({ unread: 1, items: [{ title: 'Phiếu đánh giá bị trả lại: Nguyễn Văn A' }] });
  });

  it('reminders the reports module delivers itself follow the same choice', async () => {
    const { c, user } = await signedIn();
    await c.request({ method: 'PUT', url: '/api/notifications/preferences', payload: { preferences: [{ kind: 'report.reminder', channel: 'digest' }] } });
    const other = await newUser(t.ctx.db);
    const base = { key: 'r', kind: 'report.reminder', title: 'Nhắc nộp báo cáo', body: '…', link: '/bao-cao/1', mail: { subject: 'Nhắc nộp báo cáo', text: '…' } };
    const [mine, theirs] = await withPreferences(t.ctx, [
      { ...base, userId: user.id, email: 'a@example.test' },
      { ...base, userId: other.id, email: 'b@example.test' },
    ]);
    expect(mine).toMatchObject({ channel: 'digest' });
    expect(mine!.email).toBeUndefined();
    expect(mine!.mail).toBeUndefined();
    expect(theirs).toMatchObject({ channel: 'email', email: 'b@example.test' });
  });
});

// THE PROOF of the digest: two complete servers on one database with their pg-boss workers, a real
// SMTP server that answers slowly; the notices arrive through both servers' queues, the digest is
// swept by both at once and through the queue: one mail per person per day, listing that day's
// unread notices of the kinds they set to digest.
describe('the daily digest on two servers', () => {
  let a: TestServer;
  let b: TestServer;
  let smtp: SmtpInbox;

  beforeAll(async () => {
    smtp = await startSmtpInbox({ delayMs: 100 });
    [a, b] = await twoServers({ publicUrl: PUBLIC_URL, smtpUrl: smtp.url, mailFrom: 'Thi đua - Khen thưởng <no-reply@thidua.example.gov.vn>' });
  });
  afterAll(() => smtp.close());

  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  const unfinished = async (queue: string) => {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(PGBOSS_SCHEMA, 'job')} WHERE name = ${queue} AND state NOT IN ('completed', 'failed', 'cancelled')`.execute(a.ctx.db);
    return Number(r.rows[0]?.n);
  };
  const settle = (queue: string) => expect.poll(() => unfinished(queue), { timeout: 30_000 }).toBe(0);

  it('stores each notice at once, then sends one digest listing the unread ones, once, whichever servers sweep', async () => {
    const db = a.ctx.db;
    const reader = await newUser(db, { email: 'hoa.digest@truong.example.test' });
    const colleague = await newUser(db, { email: 'nam.email@truong.example.test' });
    await db.updateTable('users').set({ display_name: 'Nguyễn Thị Hoa' }).where('id', '=', reader.id).execute();
    await db
      .insertInto('notification_preferences')
      .values([
        { user_id: reader.id, kind: 'assessment.submitted', channel: 'digest' },
        { user_id: reader.id, kind: 'report.returned', channel: 'digest' },
      ])
      .execute();

    // Three notices through the two servers' queues (one queued twice); a fourth the reader reads in the app.
    await Promise.all([
      notifyUsers(a.ctx, notice('assessment.submitted', 'd1', [reader.id, colleague.id], 'Phiếu đánh giá chờ chấm điểm: Trần Văn Nam')),
      notifyUsers(b.ctx, notice('assessment.submitted', 'd1', [reader.id, colleague.id], 'Phiếu đánh giá chờ chấm điểm: Trần Văn Nam')),
      notifyUsers(b.ctx, notice('assessment.submitted', 'd2', [reader.id], 'Phiếu đánh giá chờ chấm điểm: Lê Thị Lan')),
      notifyUsers(a.ctx, { ...notice('report.returned', 'd3', [reader.id], 'Báo cáo bị trả lại: Báo cáo năm 2026'), link: '/bao-cao/3' }),
      notifyUsers(a.ctx, notice('assessment.submitted', 'd4', [reader.id], 'Phiếu đánh giá chờ chấm điểm: Đã đọc rồi')),
    ]);
    await settle('notify-users');
    const stored = await db.selectFrom('notifications').select(['id', 'title', 'channel']).where('user_id', '=', reader.id).orderBy('id').execute();
    expect(stored.map((n) => n.channel)).toEqual(['digest', 'digest', 'digest', 'digest']);
    await db.updateTable('notifications').set({ read_at: new Date() }).where('id', '=', stored.find((n) => n.title.endsWith('Đã đọc rồi'))!.id).execute();
    // The colleague kept the default: one mail for one notice queued twice. The reader: no mail yet.
    expect(mailsTo('nam.email@truong.example.test')).toHaveLength(1);
    expect(mailsTo('hoa.digest@truong.example.test')).toHaveLength(0);

    // 17:00 in Vietnam: both servers sweep at once, and the queue sends the sweep to both, twice.
    const at = new Date('2026-06-15T17:00:00+07:00');
    const results = await Promise.all([runDailyDigest(a.ctx, at), runDailyDigest(b.ctx, at)]);
    await Promise.all([a.ctx.jobs.send(DIGEST_QUEUE, { at: at.toISOString() }), b.ctx.jobs.send(DIGEST_QUEUE, { at: at.toISOString() })]);
    await settle(DIGEST_QUEUE);
    expect(results.reduce((n, r) => n + r.mailsSent, 0)).toBe(1);

    const digests = mailsTo('hoa.digest@truong.example.test');
    expect(digests).toHaveLength(1);
    expect(decodeSubject(digests[0]!.raw)).toBe('Tóm tắt thông báo ngày 15/06/2026 (3 thông báo)');
    const decoded = decodeText(digests[0]!.raw);
    expect(decoded).toContain('Kính gửi Nguyễn Thị Hoa,');
    // Oldest first; these three came in the same moment through two queues, in either order. Vietnam time.
    expect(decoded).toMatch(/\n[1-3]\. Phiếu đánh giá chờ chấm điểm: Trần Văn Nam \(09:00\)/);
    expect(decoded).toMatch(/\n[1-3]\. Phiếu đánh giá chờ chấm điểm: Lê Thị Lan \(09:00\)/);
    expect(decoded).toMatch(/\n[1-3]\. Báo cáo bị trả lại: Báo cáo năm 2026 \(09:00\)/);
    expect(decoded).toContain(`${PUBLIC_URL}/bao-cao/3`);
    expect(decoded).not.toContain('Đã đọc rồi');
    expect(decoded).toContain(`${PUBLIC_URL}/thong-bao`);
    expect(await db.selectFrom('notifications').select('id').where('user_id', '=', reader.id).where('digested_at', 'is not', null).execute()).toHaveLength(3);

    // A notice after the digest waits for the next day's, which lists it alone.
    await notifyUsers(b.ctx, notice('assessment.submitted', 'd5', [reader.id], 'Phiếu đánh giá chờ chấm điểm: Sau giờ tóm tắt'));
    await settle('notify-users');
    await Promise.all([runDailyDigest(a.ctx, new Date('2026-06-15T17:30:00+07:00')), runDailyDigest(b.ctx, new Date('2026-06-15T17:30:00+07:00'))]);
    expect(mailsTo('hoa.digest@truong.example.test')).toHaveLength(1);
    const nextDay = new Date('2026-06-16T17:00:00+07:00');
    await Promise.all([runDailyDigest(a.ctx, nextDay), runDailyDigest(b.ctx, nextDay)]);
    const all = mailsTo('hoa.digest@truong.example.test');
    expect(all).toHaveLength(2);
    expect(decodeSubject(all[1]!.raw)).toBe('Tóm tắt thông báo ngày 16/06/2026 (1 thông báo)');
  });
});
