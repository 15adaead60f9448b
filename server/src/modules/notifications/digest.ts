import { vietnamDate } from '../../platform/clock.js';
import type { Jobs } from '../../platform/jobs.js';
import { absoluteLink, mailOnce, type NotifyContext } from '../../platform/notify.js';
import { notificationsRepository as repo, type DigestRow } from './notifications.repository.js';

// The daily digest (tóm tắt hằng ngày): at 17:00 Vietnam time, one mail to each person listing the
// notices of the kinds they set to "digest" that arrived since and that they have not read in the app
// yet. The notices themselves were stored in the app when they came. One mail per person per day,
// however many processes run the sweep: the mail goes through the delivery ledger under the key
// `digest/<day>`, and only the process that sent it marks the notices it listed as digested; a
// notice that came after the winner read the list waits for the next day's digest.

export const DIGEST_QUEUE = 'notification-digest';
export const DIGEST_TIME = '17:00';
export const DIGEST_CRON = '0 17 * * *';
/** Notices older than this are no longer news: a server down for a week sends no backlog. */
export const DIGEST_LOOKBACK_MS = 7 * 86_400_000;

declare module '../../platform/jobs.js' {
  interface JobQueues {
    /** The digest sweep: `at` pins the clock (tests), otherwise the time the job runs. */
    'notification-digest': { at?: string };
  }
}

export interface DigestResult {
  /** People with something to digest. */
  users: number;
  mailsSent: number;
  noticesDigested: number;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const hhmm = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);

/** The digest mail of one person: Vietnamese, each notice with its time and link, an English line. */
export function digestMail(publicUrl: string, day: string, name: string, rows: Pick<DigestRow, 'title' | 'body' | 'link' | 'created_at'>[]) {
  const n = rows.length;
  const items = rows.flatMap((r, i) => [
    `${i + 1}. ${r.title} (${hhmm(r.created_at)})`,
    ...r.body.split('\n').map((line) => `   ${line}`),
    ...(r.link ? [`   ${absoluteLink(publicUrl, r.link)}`] : []),
    '',
  ]);
  return {
    subject: `Tóm tắt thông báo ngày ${dmy(day)} (${n} thông báo)`,
    text: [
      `Kính gửi ${name},`,
      '',
      `Bạn có ${n} thông báo chưa đọc trên hệ thống Thi đua - Khen thưởng (tóm tắt hằng ngày ${dmy(day)}):`,
      '',
      ...items,
      'Đồng chí có thể đổi cách nhận từng loại thông báo (chỉ trong ứng dụng, kèm thư điện tử, tóm tắt hằng ngày) ở trang Thông báo.',
      '',
      `(English: your daily digest of ${n} unread notice${n === 1 ? '' : 's'} for ${dmy(day)}.)`,
    ].join('\n'),
  };
}

/** One digest sweep at `at`: safe to run in any number of processes at once. */
export async function runDailyDigest(ctx: NotifyContext, at: Date): Promise<DigestResult> {
  const day = vietnamDate(at);
  const rows = await repo.pendingDigest(ctx.db, new Date(at.getTime() - DIGEST_LOOKBACK_MS), at);
  const byUser = new Map<number, DigestRow[]>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  const result: DigestResult = { users: byUser.size, mailsSent: 0, noticesDigested: 0 };
  const errors: unknown[] = [];
  for (const [userId, list] of byUser) {
    const first = list[0]!;
    try {
      const sent = await mailOnce(ctx, { key: `digest/${day}`, userId, email: first.email, mail: digestMail(ctx.config.publicUrl, day, first.display_name, list), link: '/thong-bao' });
      if (sent !== 'sent') continue;
      result.mailsSent++;
      await repo.markDigested(
        ctx.db,
        list.map((r) => r.id),
        ctx.now(),
      );
      result.noticesDigested += list.length;
    } catch (err) {
      // The claim was released: the job's retry sends it.
      errors.push(err);
    }
  }
  if (errors.length) throw new AggregateError(errors, `${errors.length} digest mail(s) failed`);
  return result;
}

/** Declares the digest's handler and its daily schedule (from server/src/workers.ts). */
export async function registerDigestJobs(ctx: NotifyContext & { jobs: Jobs }): Promise<void> {
  await ctx.jobs.work(DIGEST_QUEUE, async (data) => {
    await runDailyDigest(ctx, data.at ? new Date(data.at) : ctx.now());
  });
  await ctx.jobs.schedule(DIGEST_QUEUE, DIGEST_CRON, {});
}
