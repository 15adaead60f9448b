import { auditPage, auditVerifyResponse, listAuditQuery } from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as audit from './audit.service.js';

/** The audit log viewer (nhật ký hệ thống), under /api/audit. */
export async function auditRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  // 401 before validation: anonymous callers learn nothing about the query shape.
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/', { schema: { tags, querystring: listAuditQuery, response: { 200: auditPage } } }, async (req) =>
    audit.listAudit(ctx, requireActor(req), req.query),
  );

  app.get('/verify', { schema: { tags, response: { 200: auditVerifyResponse } } }, async (req) => audit.verifyChain(ctx, requireActor(req)));
}
