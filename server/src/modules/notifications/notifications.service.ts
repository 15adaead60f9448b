import { createHash } from 'node:crypto';
import type {
  CalendarTokenCreated,
  CalendarTokenStatus,
  NotificationPreferences,
  NotificationsPage,
  NotificationsQuery,
  NotificationView,
  ReadAllResponse,
  UpdateNotificationPreferencesBody,
} from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { absoluteLink } from '../../platform/notify.js';
import { randomToken } from '../../platform/session.js';
import { calendarSources, registerCalendarSource, type CalendarEntry } from './calendar-sources.js';
import { DIGEST_TIME } from './digest.js';
import { writeCalendar } from './ical.js';
import { notificationKind, notificationKinds } from './notification-kinds.js';
import { notificationsRepository as repo, type NotificationRow, type PlanDeadlineRow } from './notifications.repository.js';

// The notification centre (trung tâm thông báo): every user sees and marks only their own notices,
// so the access check is the user id in every query; someone else's notice is a 404. Reading is
// personal state, not a record of the organisation, so it is not audited; the calendar token is.

const toView = (r: NotificationRow): NotificationView => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
});

/** The actor's notices, newest first, with how many are unread. */
export async function listNotifications(ctx: AppContext, actor: Actor, q: NotificationsQuery): Promise<NotificationsPage> {
  const [rows, counts] = await Promise.all([
    repo.list(ctx.db, actor.userId, { unreadOnly: q.unread, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.counts(ctx.db, actor.userId, q.unread),
  ]);
  return { items: rows.map(toView), total: counts.total, unread: counts.unread, page: q.page, pageSize: q.pageSize };
}

/** Marks one of the actor's notices read (again is harmless); another user's is a 404. */
export async function markRead(ctx: AppContext, actor: Actor, id: number): Promise<NotificationView> {
  const row = await repo.markRead(ctx.db, actor.userId, id, ctx.now());
  if (!row) throw new AppError('NOT_FOUND');
  return toView(row);
}

/** Marks all the actor's notices read. */
export async function markAllRead(ctx: AppContext, actor: Actor): Promise<ReadAllResponse> {
  return { updated: await repo.markAllRead(ctx.db, actor.userId, ctx.now()) };
}

// ── Preferences: how each kind reaches me ─────────────────────────────

/** Every registered kind with its labels and the actor's channel for it (the default where none was chosen). */
export async function getPreferences(ctx: AppContext, actor: Actor): Promise<NotificationPreferences> {
  const [chosen, email] = await Promise.all([repo.preferencesOf(ctx.db, actor.userId), repo.userEmail(ctx.db, actor.userId)]);
  return {
    kinds: notificationKinds().map((k) => ({ kind: k.key, label: k.label, group: k.group, defaultChannel: k.defaultChannel, channel: chosen.get(k.key) ?? k.defaultChannel })),
    digestTime: DIGEST_TIME,
    email,
  };
}

/**
 * Sets the actor's channel for the kinds given (the others keep theirs). Personal settings, like
 * reading a notice: not audited. An unknown kind is refused, naming it.
 */
export async function updatePreferences(ctx: AppContext, actor: Actor, input: UpdateNotificationPreferencesBody): Promise<NotificationPreferences> {
  input.preferences.forEach((p, i) => {
    if (notificationKind(p.kind)) return;
    const path = `preferences.${i}.kind`;
    throw new AppError('VALIDATION_FAILED', { kind: p.kind }, [{ path, message: `${path}: Không có loại thông báo "${p.kind}"`, messageEn: `${path}: There is no notice kind "${p.kind}"` }]);
  });
  // The last choice for a kind sent twice wins.
  const latest = new Map(input.preferences.map((p) => [p.kind, p.channel]));
  await repo.savePreferences(
    ctx.db,
    actor.userId,
    [...latest].map(([kind, channel]) => ({ kind, channel })),
    ctx.now(),
  );
  return getPreferences(ctx, actor);
}

// ── The iCalendar feed ────────────────────────────────────────────────

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const feedUrl = (ctx: AppContext, token: string) => absoluteLink(ctx.config.publicUrl, `/api/calendar/${token}.ics`);

/** Whether the actor has a feed (the URL is only shown when it is made). */
export async function calendarTokenStatus(ctx: AppContext, actor: Actor): Promise<CalendarTokenStatus> {
  const row = await repo.findCalendarToken(ctx.db, actor.userId);
  return { exists: !!row, createdAt: row ? row.created_at.toISOString() : null };
}

/** Creates the actor's feed URL, or replaces it: the old URL stops working at once. */
export async function rotateCalendarToken(ctx: AppContext, actor: Actor): Promise<CalendarTokenCreated> {
  const token = randomToken(24);
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.upsertCalendarToken(trx, actor.userId, sha256(token), ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: row.replaced ? 'calendar_token.rotate' : 'calendar_token.create',
      entity: 'user',
      entityId: actor.userId,
      unitId: null,
    });
    return row;
  });
  return { url: feedUrl(ctx, token), createdAt: saved.created_at.toISOString() };
}

/** The feed of the user behind a token, as text/calendar; an unknown token is a 404. */
export async function calendarFeed(ctx: AppContext, token: string): Promise<string> {
  const now = ctx.now();
  const user = await repo.userByCalendarToken(ctx.db, sha256(token));
  if (!user) throw new AppError('NOT_FOUND');
  const scope = { userId: user.id, unitPaths: await repo.userUnitPaths(ctx.db, user.id) };
  const lists = await Promise.all(calendarSources().map((s) => s.events(ctx.db, scope, now)));
  const events = lists
    .flat()
    .sort((a, b) => dateKey(a) - dateKey(b) || a.uid.localeCompare(b.uid))
    .map((e) => ({ uid: e.uid, date: e.date, summary: e.summary, ...(e.description ? { description: e.description } : {}), ...(e.link ? { url: absoluteLink(ctx.config.publicUrl, e.link) } : {}) }));
  return writeCalendar({
    name: `Lịch hạn báo cáo – ${user.display_name}`,
    description: 'Các hạn báo cáo thi đua liên quan đến bạn (deadlines that concern you)',
    events,
    now,
  });
}

const dateKey = (e: CalendarEntry) => e.date.year * 10_000 + e.date.month * 100 + e.date.day;

// ── Plan deadlines, the first source ──────────────────────────────────

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * One all-day event per deadline (thời hạn) and year: the deadline's own year, or every year the
 * plan applies to (the movement's unless the plan names its years). A 29/02 (or 31/…) falls on the month's last day in years that lack it.
 */
export function planDeadlineEntries(d: PlanDeadlineRow): CalendarEntry[] {
  const years = d.year !== null ? [d.year] : Array.from({ length: d.end_year - d.start_year + 1 }, (_, i) => d.start_year + i);
  return years.map((year) => {
    const description = [
      `Kế hoạch: ${d.plan_title}`,
      `Đơn vị ban hành: ${d.unit_name}`,
      d.recipient_text ? `Gửi: ${d.recipient_text}` : null,
      `Kỳ: ${d.period}`,
    ]
      .filter((line): line is string => line !== null)
      .join('\n');
    return {
      uid: `plan-deadline-${d.id}-${year}@thidua`,
      date: { year, month: d.month, day: Math.min(d.day, daysInMonth(year, d.month)) },
      summary: `Hạn: ${d.text}`,
      description,
      link: `/ke-hoach/${d.plan_id}`,
    };
  });
}

registerCalendarSource({
  name: 'plan-deadlines',
  async events(db, scope) {
    return (await repo.planDeadlines(db, scope.unitPaths)).flatMap(planDeadlineEntries);
  },
});
