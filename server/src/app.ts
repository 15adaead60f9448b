import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './platform/context.js';
import { compressApiAnswers } from './platform/compression.js';
import { databaseHealth } from './platform/database.js';
import { errorBody, registerErrorHandler } from './platform/errors.js';
import { sessionPlugin } from './platform/session.js';
import { sendWebPage, serveWebApp, wantsWebPage } from './platform/web-app.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { importRoutes } from './modules/imports/imports.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { registrationRoutes } from './modules/registrations/registrations.routes.js';
import { evidenceRoutes } from './modules/evidence/evidence.routes.js';
import { awardRoutes } from './modules/awards/awards.routes.js';
import { commendationRoutes } from './modules/commendations/commendations.routes.js';
import { assessmentRoutes } from './modules/assessments/assessments.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { documentRoutes } from './modules/documents/documents.routes.js';
import { reportRoutes } from './modules/reports/reports.routes.js';
import { reportBoardRoutes } from './modules/reports/report-board.routes.js';
import { planRoutes } from './modules/plans/plans.routes.js';
import { accountRoutes } from './modules/accounts/accounts.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { taskRoutes } from './modules/tasks/tasks.routes.js';

const healthResponse = z.object({ status: z.enum(['ok', 'degraded']), database: z.object({ ok: z.boolean(), latencyMs: z.number(), version: z.string().nullable() }) });

export const SERVER_TIME_HEADER = 'x-thidua-now';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface BuildOptions {
  /** Logger options, or false in tests; ignored when loggerInstance is given. */
  logger?: boolean | object;
  /** The process's own pino logger, shared with jobs and start-up messages. */
  loggerInstance?: FastifyBaseLogger;
}

/** Builds the Fastify app: infrastructure plugins, then modules, then the web app. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.loggerInstance ? { loggerInstance: opts.loggerInstance } : { logger: opts.logger ?? { level: ctx.config.logLevel } }),
    // X-Forwarded-For / -Proto only from the proxies named in TRUST_PROXY: from anyone else they would
    // let a client choose its own address (the sign-in limits, the audit log) and protocol.
    trustProxy: ctx.config.trustProxy.length ? ctx.config.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
    // One line per request only when debugging: at info level they drown what operators need.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await compressApiAnswers(app);
  // The web app reads the day from the server, not from the device: every API answer says what time
  // the app's clock shows (a pinned day in tests, a phone with a wrong date in the field).
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header(SERVER_TIME_HEADER, ctx.now().toISOString());
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'thidua API', description: 'Quản lý phong trào thi đua — emulation movements', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'thidua_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(sessionPlugin, { db: ctx.db, config: ctx.config, now: ctx.now });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        security: [],
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_req, reply) => {
      const database = await databaseHealth(ctx.db);
      return reply.status(database.ok ? 200 : 503).send({ status: database.ok ? 'ok' : 'degraded', database });
    },
  );

  await app.register(authRoutes, { prefix: '/api/auth', ctx });
  await app.register(orgRoutes, { prefix: '/api', ctx });
  await app.register(peopleRoutes, { prefix: '/api/people', ctx });
  await app.register(accountRoutes, { prefix: '/api', ctx });
  await app.register(importRoutes, { prefix: '/api/imports', ctx });
  await app.register(auditRoutes, { prefix: '/api/audit', ctx });
  await app.register(planRoutes, { prefix: '/api', ctx });
  await app.register(registrationRoutes, { prefix: '/api', ctx });
  await app.register(evidenceRoutes, { prefix: '/api', ctx });
  await app.register(assessmentRoutes, { prefix: '/api', ctx });
  await app.register(awardRoutes, { prefix: '/api', ctx });
  await app.register(commendationRoutes, { prefix: '/api', ctx });
  await app.register(dashboardRoutes, { prefix: '/api', ctx });
  await app.register(documentRoutes, { prefix: '/api', ctx });
  await app.register(reportRoutes, { prefix: '/api', ctx });
  await app.register(reportBoardRoutes, { prefix: '/api', ctx });
  await app.register(notificationRoutes, { prefix: '/api', ctx });
  await app.register(taskRoutes, { prefix: '/api', ctx });

  const serveWeb = ctx.config.serveWeb && fs.existsSync(path.join(ctx.config.webDir, 'index.html'));
  if (serveWeb) await serveWebApp(app, ctx.config.webDir);
  // The web app's own routes fall back to index.html; unknown /api paths and missing assets stay a 404 in JSON.
  app.setNotFoundHandler((req, reply) => {
    if (serveWeb && wantsWebPage(req)) return sendWebPage(reply);
    return reply.status(404).send(errorBody('NOT_FOUND'));
  });
  return app;
}
