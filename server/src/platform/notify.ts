import { sql } from 'kysely';
import type { Now } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './database.js';
import type { Jobs } from './jobs.js';
import type { Mailer } from './mail.js';

// Notifications (thông báo) that reach each recipient exactly once, however many server processes
// run the same reminder at the same moment. The ledger `deliveries` is the arbiter: a process claims
// a key with one INSERT … ON CONFLICT before it sends, in its own short transaction, so the database
// decides who sends; the in-app notice is additionally unique per (user, dedupe_key).
//
// Failure policy: a send that fails releases its claim (claimed_at cleared, last_error kept) and the
// error is rethrown, so pg-boss retries the job (retryLimit 1) or the next reminder sweep picks the
// notice up again. A process that dies between its claim and its send leaves a claim that others
// respect for CLAIM_TIMEOUT_MINUTES, then take over: a mail is never sent twice unless one SMTP
// hand-over takes longer than that.

export const CLAIM_TIMEOUT_MINUTES = 15;

/** What delivering needs of the app: the database, the mailer and the public URL for links. */
export interface NotifyContext {
  db: Database;
  mailer: Mailer;
  config: Pick<Config, 'publicUrl'>;
  now: Now;
}

export interface MailContent {
  subject: string;
  text: string;
  html?: string;
}

export interface DeliverOnceInput {
  /** Identity of the notice for this user (e.g. `report-reminder:42:2026-05-24`); the same key is delivered once. */
  key: string;
  userId: number;
  /** What kind of notice, for the notification centre (e.g. `report.reminder`). */
  kind?: string;
  /** Where to mail it; without it (or without `mail`) the notice is in-app only. */
  email?: string | null;
  title: string;
  body: string;
  /** A path inside the web app (`/bao-cao/42`); mails carry it absolute. */
  link: string | null;
  /** The mail, Vietnamese first; the link is appended to its text unless it already contains it. */
  mail?: MailContent;
  /**
   * The channel the recipient chose for this kind (notifications module): kept with the notice, so
   * that the daily digest finds those waiting for it. Defaults to 'email' when a mail goes, else 'app'.
   */
  channel?: 'app' | 'email' | 'digest';
}

export type AppOutcome = 'stored' | 'duplicate';
export type EmailOutcome = 'sent' | 'duplicate' | 'in-progress' | 'none';

export interface DeliverOnceResult {
  app: AppOutcome;
  email: EmailOutcome;
  notificationId: number | null;
}

/** The ledger keys of one notice: one per channel and user, so one key serves all recipients. */
export const deliveryKey = (channel: 'app' | 'email', userId: number, key: string) => `${channel}:${userId}:${key}`;

/** The in-app path made absolute with the public URL, for mails. */
export function absoluteLink(publicUrl: string, link: string): string {
  return new URL(link, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString();
}

/** Adds the link and an English line to a Vietnamese mail, as every notice mail ends. */
export function mailWithLink(mail: MailContent, url: string | null): MailContent {
  if (!url) return mail;
  const text = mail.text.includes(url) ? mail.text : `${mail.text}\n\nXem chi tiết / Open: ${url}\n`;
  const html = mail.html && !mail.html.includes(url) ? `${mail.html}<p><a href="${escapeHtml(url)}">Xem chi tiết / Open</a></p>` : mail.html;
  return { ...mail, text, ...(html ? { html } : {}) };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Stores the in-app notice and sends the mail of one notice to one user, each at most once across
 * all processes; rethrows a failed send after releasing its claim, so that a retry sends it.
 */
export async function deliverOnce(ctx: NotifyContext, input: DeliverOnceInput): Promise<DeliverOnceResult> {
  const { db } = ctx;
  const appKey = deliveryKey('app', input.userId, input.key);

  // In-app: the ledger row and the notice in one transaction; either both exist or neither.
  const notificationId = await db.transaction().execute(async (tx) => {
    const claimed = await tx
      .insertInto('deliveries')
      .values({ key: appKey, channel: 'app', recipient: String(input.userId), sent_at: ctx.now() })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) return null;
    const row = await tx
      .insertInto('notifications')
      .values({
        user_id: input.userId,
        kind: input.kind ?? 'notice',
        title: input.title,
        body: input.body,
        link: input.link,
        dedupe_key: input.key,
        created_at: ctx.now(),
        channel: input.channel ?? (input.email && input.mail ? 'email' : 'app'),
      })
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  });
  const app: AppOutcome = notificationId === null ? 'duplicate' : 'stored';

  if (!input.email || !input.mail) return { app, email: 'none', notificationId };
  const email = await mailOnce(ctx, { key: input.key, userId: input.userId, email: input.email, mail: input.mail, link: input.link });
  return { app, email, notificationId };
}

export interface MailOnceInput {
  /** Identity of the mail for this user; the same key is mailed once. */
  key: string;
  userId: number;
  email: string;
  mail: MailContent;
  /** A path inside the web app, appended absolute to the mail. */
  link: string | null;
}

/**
 * Sends one mail to one user at most once across all processes, through the same ledger as
 * deliverOnce (key `email:<user>:<key>`), without an in-app notice: the daily digest. Rethrows a
 * failed send after releasing its claim.
 */
export async function mailOnce(ctx: NotifyContext, input: MailOnceInput): Promise<Exclude<EmailOutcome, 'none'>> {
  const { db } = ctx;
  const emailKey = deliveryKey('email', input.userId, input.key);
  const claim = await claimEmail(ctx, emailKey, input.email);
  if (claim !== 'claimed') return claim;

  const url = input.link ? absoluteLink(ctx.config.publicUrl, input.link) : null;
  try {
    await ctx.mailer.send({ to: input.email, ...mailWithLink(input.mail, url) });
  } catch (err) {
    await db
      .updateTable('deliveries')
      .set({ claimed_at: null, last_error: (err instanceof Error ? err.message : String(err)).slice(0, 1000) })
      .where('key', '=', emailKey)
      .where('sent_at', 'is', null)
      .execute();
    throw err;
  }
  await db.updateTable('deliveries').set({ sent_at: ctx.now(), last_error: null }).where('key', '=', emailKey).execute();
  return 'sent';
}

/**
 * Claims the mail's ledger row in one statement (its own transaction): a new key, a released claim
 * (after a failed send) or a claim abandoned for CLAIM_TIMEOUT_MINUTES. Exactly one racer gets a row back.
 */
async function claimEmail(ctx: Pick<NotifyContext, 'db'>, key: string, recipient: string): Promise<'claimed' | 'duplicate' | 'in-progress'> {
  const claimed = await ctx.db
    .insertInto('deliveries')
    .values({ key, channel: 'email', recipient })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ claimed_at: sql`now()`, attempts: sql`deliveries.attempts + 1`, recipient })
        .where('deliveries.sent_at', 'is', null)
        .where((eb) =>
          eb.or([eb('deliveries.claimed_at', 'is', null), eb('deliveries.claimed_at', '<', sql<Date>`now() - make_interval(mins => ${CLAIM_TIMEOUT_MINUTES})`)]),
        ),
    )
    .returning('key')
    .executeTakeFirst();
  if (claimed) return 'claimed';
  const row = await ctx.db.selectFrom('deliveries').select('sent_at').where('key', '=', key).executeTakeFirst();
  return row?.sent_at ? 'duplicate' : 'in-progress';
}

declare module './jobs.js' {
  interface JobQueues {
    /** One notice to one user, delivered once however often it is queued. */
    notify: DeliverOnceInput;
  }
}

/**
 * Queues a notice to be delivered by whichever process works the `notify` queue; call after commit.
 * Queueing the same notice twice (or from two processes) still delivers it once.
 */
export async function queueNotification(jobs: Jobs, input: DeliverOnceInput): Promise<void> {
  await jobs.send('notify', input);
}

/** Declares the `notify` queue's handler (from server/src/workers.ts). */
export async function registerNotifyJobs(ctx: AppContext): Promise<void> {
  await ctx.jobs.work('notify', async (data) => {
    await deliverOnce(ctx, data);
  });
}
