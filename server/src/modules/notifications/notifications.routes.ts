import {
  calendarFeedParams,
  calendarTokenCreated,
  calendarTokenStatus,
  idParams,
  notificationPreferences,
  notificationsPage,
  notificationsQuery,
  notificationView,
  readAllResponse,
  updateNotificationPreferencesBody,
} from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as notifications from './notifications.service.js';

const icsResponse = { 200: { description: 'Lịch iCalendar (RFC 5545)', content: { 'text/calendar': { schema: z.instanceof(Buffer).meta({ type: 'string', format: 'binary' }) } } } };

/** The notification centre (thông báo) and the deadlines feed (lịch hạn báo cáo), under /api. */
export async function notificationRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  app.get('/notifications', { schema: { tags, summary: 'My notifications, newest first, with the unread count', querystring: notificationsQuery, response: { 200: notificationsPage } } }, async (req) =>
    notifications.listNotifications(ctx, requireActor(req), req.query),
  );

  app.post('/notifications/:id/read', { schema: { tags, summary: 'Mark one of my notifications read', params: idParams, response: { 200: notificationView } } }, async (req) =>
    notifications.markRead(ctx, requireActor(req), req.params.id),
  );

  app.post('/notifications/read-all', { schema: { tags, summary: 'Mark all my notifications read', response: { 200: readAllResponse } } }, async (req) =>
    notifications.markAllRead(ctx, requireActor(req)),
  );

  app.get('/notifications/preferences', { schema: { tags, summary: 'How each kind of notice reaches me (app, e-mail, daily digest), with the kinds and their labels', response: { 200: notificationPreferences } } }, async (req) =>
    notifications.getPreferences(ctx, requireActor(req)),
  );

  app.put(
    '/notifications/preferences',
    { schema: { tags, summary: 'Choose how some kinds of notice reach me', body: updateNotificationPreferencesBody, response: { 200: notificationPreferences } } },
    async (req) => notifications.updatePreferences(ctx, requireActor(req), req.body),
  );

  const calTags = ['calendar'];
  app.get('/calendar/token', { schema: { tags: calTags, summary: 'Whether I have a deadlines feed', response: { 200: calendarTokenStatus } } }, async (req) =>
    notifications.calendarTokenStatus(ctx, requireActor(req)),
  );

  app.post('/calendar/token', { schema: { tags: calTags, summary: 'Create or replace my deadlines feed URL', response: { 201: calendarTokenCreated } } }, async (req, reply) =>
    reply.status(201).send(await notifications.rotateCalendarToken(ctx, requireActor(req))),
  );

  // Public: calendar apps fetch it without a session; the secret token in the URL is the key.
  // Fastify sends a Buffer as it is; the schema only documents the file in the OpenAPI document.
  app.get('/calendar/:token.ics', { schema: { tags: calTags, summary: 'My deadlines as iCalendar', security: [], params: calendarFeedParams, response: icsResponse } }, async (req, reply) => {
    const body = await notifications.calendarFeed(ctx, req.params.token);
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(Buffer.from(body, 'utf8'));
  });
}
