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
