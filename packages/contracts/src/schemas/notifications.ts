// Request and response schemas of the notification centre (trung tâm thông báo) and of the
// iCalendar feed of deadlines (lịch hạn báo cáo).
import { z } from 'zod';
import { pageQuery, paged } from './common.js';

export const notificationsQuery = pageQuery.extend({
  /** Only the unread ones. */
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type NotificationsQuery = z.infer<typeof notificationsQuery>;

export const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path inside the web app, or null. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationsPage = paged(notificationView).extend({ unread: z.number().int().min(0) });
export type NotificationsPage = z.infer<typeof notificationsPage>;

export const readAllResponse = z.object({ updated: z.number().int().min(0) });
export type ReadAllResponse = z.infer<typeof readAllResponse>;

/** Whether the user has a feed; the URL itself is shown only when it is created (only its hash is kept). */
export const calendarTokenStatus = z.object({ exists: z.boolean(), createdAt: z.string().nullable() });
export type CalendarTokenStatus = z.infer<typeof calendarTokenStatus>;

export const calendarTokenCreated = z.object({ url: z.string(), createdAt: z.string() });
export type CalendarTokenCreated = z.infer<typeof calendarTokenCreated>;

/** The feed's token: base64url, as the server makes them. */
export const calendarFeedParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

// ── Preferences: how each kind of notice reaches me ──────────────────

/**
 * How a kind of notice reaches a person: in the app only (chỉ trong ứng dụng), in the app and by
 * e-mail (kèm thư điện tử), or in the app and in one daily digest mail (tóm tắt hằng ngày).
 */
export const notificationChannels = ['app', 'email', 'digest'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

const bilingual = z.object({ vi: z.string(), en: z.string() });

export const notificationKindPreference = z.object({
  /** The kind's key, e.g. `assessment.submitted`. */
  kind: z.string(),
  label: bilingual,
  /** The capability it belongs to, for grouping (Đánh giá, Báo cáo, Kế hoạch…). */
  group: bilingual,
  defaultChannel: z.enum(notificationChannels),
  /** The person's choice, or the default when they made none. */
  channel: z.enum(notificationChannels),
});
export type NotificationKindPreference = z.infer<typeof notificationKindPreference>;

export const notificationPreferences = z.object({
  kinds: z.array(notificationKindPreference),
  /** When the daily digest goes out, Vietnam time (HH:mm). */
  digestTime: z.string(),
  /** Where mail goes; null when the account has no address (then only the app shows notices). */
  email: z.string().nullable(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

export const updateNotificationPreferencesBody = z.object({
  /** Only the kinds to change; the others keep their setting. */
  preferences: z
    .array(z.object({ kind: z.string().min(1).max(100), channel: z.enum(notificationChannels) }))
    .min(1)
    .max(200),
});
export type UpdateNotificationPreferencesBody = z.infer<typeof updateNotificationPreferencesBody>;
