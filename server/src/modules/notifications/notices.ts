import type { NotificationChannel } from '@thidua/contracts';
import type { Jobs } from '../../platform/jobs.js';
import { deliverOnce, type DeliverOnceInput, type NotifyContext } from '../../platform/notify.js';
import { defaultChannelOf } from './notification-kinds.js';
import { notificationsRepository as repo } from './notifications.repository.js';

// Sending a notice of a workflow step (a sheet handed to the head, a report returned, a plan
// published) to the people it concerns. The step calls `notifyUsers` after its transaction commits;
// that queues ONE job, and whichever server process takes it resolves each recipient's channel for
// the kind (app only, e-mail too, or the daily digest) and delivers with `deliverOnce`: the notice
// is stored in the app at once in every case, and a notice reaches each recipient once however
// often the job runs (a retry, two processes).

export interface Notice {
  /** A registered kind (notification-kinds.ts), e.g. `assessment.submitted`. */
  kind: string;
  /**
   * The event, unique for this kind: the same hand-over repeated later (a sheet returned, sent again,
   * returned again) is a new event, so key on the revision or the audit row, e.g. `assessment/12/r5`.
   */
  key: string;
  /** User ids; repeated ids and the actor are left out. */
  recipients: number[];
  /** Whoever took the step: never notified of it. */
  actorUserId: number | null;
  /** Vietnamese; also the mail's subject. */
  title: string;
  /** Vietnamese: who, what, the reason or the classification. */
  body: string;
  /** The same in one English line, under the Vietnamese in the mail. */
  english: string;
  /** A path inside the web app; the mail carries it absolute. */
  link: string | null;
}

declare module '../../platform/jobs.js' {
  interface JobQueues {
    /** One notice to several users, each resolved to their channel and delivered once. */
    'notify-users': Notice;
  }
}

export const NOTIFY_USERS_QUEUE = 'notify-users';

/** Queues a step's notice for its recipients; call after the step's transaction has committed. */
export async function notifyUsers(ctx: { jobs: Jobs }, notice: Notice): Promise<void> {
  const recipients = [...new Set(notice.recipients)].filter((id) => id !== notice.actorUserId);
  if (recipients.length === 0) return;
  await ctx.jobs.send(NOTIFY_USERS_QUEUE, { ...notice, recipients });
}

/** The mail of a notice to one person: greeting, the Vietnamese body, the English line (the link follows). */
export function noticeMail(notice: Pick<Notice, 'title' | 'body' | 'english'>, name: string) {
  return { subject: notice.title, text: [`Kính gửi ${name},`, '', notice.body, '', `(English: ${notice.english})`].join('\n') };
}

export interface NoticeResult {
  stored: number;
  mailed: number;
}

/**
 * Delivers one notice to each of its recipients on the channel they chose for its kind (the kind's
 * default otherwise); safe to run again. A failed mail does not stop the others; the failures are
 * rethrown together afterwards, so that the job's retry sends what is missing.
 */
export async function deliverNotice(ctx: NotifyContext, notice: Notice): Promise<NoticeResult> {
  const ids = [...new Set(notice.recipients)].filter((id) => id !== notice.actorUserId);
  const result: NoticeResult = { stored: 0, mailed: 0 };
  const errors: unknown[] = [];
  for (const user of await repo.recipients(ctx.db, ids, notice.kind)) {
    const channel = user.channel ?? defaultChannelOf(notice.kind);
    const mailed = channel === 'email' && !!user.email;
    try {
      const r = await deliverOnce(ctx, {
        key: `${notice.kind}/${notice.key}`,
        userId: user.id,
        kind: notice.kind,
        channel,
        email: mailed ? user.email : null,
        title: notice.title,
        body: notice.body,
        link: notice.link,
        ...(mailed ? { mail: noticeMail(notice, user.display_name) } : {}),
      });
      if (r.app === 'stored') result.stored++;
      if (r.email === 'sent') result.mailed++;
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length) throw new AggregateError(errors, `${errors.length} notice(s) of ${notice.kind} failed`);
  return result;
}

/**
 * The recipients' channels applied to notices a capability delivers itself (the report reminder
 * sweep): without a mail for those who chose the app only or the digest.
 */
export async function withPreferences(ctx: Pick<NotifyContext, 'db'>, inputs: DeliverOnceInput[]): Promise<DeliverOnceInput[]> {
  const pairs = inputs.filter((i) => i.kind).map((i) => ({ userId: i.userId, kind: i.kind! }));
  const chosen = await repo.channelsFor(ctx.db, pairs);
  return inputs.map((i) => {
    if (!i.kind) return i;
    const channel: NotificationChannel = chosen.get(`${i.userId}:${i.kind}`) ?? defaultChannelOf(i.kind);
    if (channel === 'email') return { ...i, channel };
    const { email: _email, mail: _mail, ...rest } = i;
    return { ...rest, channel };
  });
}

/** Declares the `notify-users` queue's handler (from server/src/workers.ts). */
export async function registerNoticeJobs(ctx: NotifyContext & { jobs: Jobs }): Promise<void> {
  await ctx.jobs.work(NOTIFY_USERS_QUEUE, async (notice) => {
    await deliverNotice(ctx, notice);
  });
}
