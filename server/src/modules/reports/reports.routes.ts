import {
  createReportTemplateBody,
  idParams,
  indicatorSourceList,
  listReportsQuery,
  listReportTemplatesQuery,
  openReportBody,
  reasonBody,
  reportDetail,
  reportList,
  reportTemplateList,
  reportTemplateView,
  saveReportBody,
  templatesFromPlanBody,
  templatesFromPlanResult,
  updateReportTemplateBody,
} from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as reports from './reports.service.js';
import * as templates from './reports.templates.js';
// The capability's tasks join the inbox (việc cần làm) when its routes are mounted.
import './reports.tasks.js';

/** Periodic reports (báo cáo định kỳ): templates, a unit's report, submitting, returning, accepting, consolidating, under /api. */
export async function reportRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  // Anonymous callers learn nothing, not even which fields a body needs: 401 before validation.
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/report-templates', { schema: { tags, querystring: listReportTemplatesQuery, response: { 200: reportTemplateList } } }, async (req) =>
    templates.listTemplates(ctx, requireActor(req), req.query),
  );

  // Registered before /:id for readers of this file; the router prefers the static segment anyway.
  app.get('/report-templates/sources', { schema: { tags, response: { 200: indicatorSourceList } } }, async () => templates.listSources());

  app.post('/report-templates/from-plan', { schema: { tags, body: templatesFromPlanBody, response: { 201: templatesFromPlanResult } } }, async (req, reply) =>
    reply.status(201).send(await templates.templatesFromPlan(ctx, requireActor(req), req.body)),
  );

  app.get('/report-templates/:id', { schema: { tags, params: idParams, response: { 200: reportTemplateView } } }, async (req) =>
    templates.getTemplate(ctx, requireActor(req), req.params.id),
  );

  app.post('/report-templates', { schema: { tags, body: createReportTemplateBody, response: { 201: reportTemplateView } } }, async (req, reply) =>
    reply.status(201).send(await templates.createTemplate(ctx, requireActor(req), req.body)),
  );

  app.patch('/report-templates/:id', { schema: { tags, params: idParams, body: updateReportTemplateBody, response: { 200: reportTemplateView } } }, async (req) =>
    templates.updateTemplate(ctx, requireActor(req), req.params.id, req.body),
  );

  app.get('/reports', { schema: { tags, querystring: listReportsQuery, response: { 200: reportList } } }, async (req) =>
    reports.listReports(ctx, requireActor(req), req.query),
  );

  // 201 when the report was opened now, 200 when the unit's report for the period was already open.
  app.post('/reports', { schema: { tags, body: openReportBody, response: { 200: reportDetail, 201: reportDetail } } }, async (req, reply) => {
    const { report, created } = await reports.openReport(ctx, requireActor(req), req.body);
    return reply.status(created ? 201 : 200).send(report);
  });

  app.get('/reports/:id', { schema: { tags, params: idParams, response: { 200: reportDetail } } }, async (req) =>
    reports.getReport(ctx, requireActor(req), req.params.id),
  );

  app.put('/reports/:id', { schema: { tags, params: idParams, body: saveReportBody, response: { 200: reportDetail } } }, async (req) =>
    reports.saveReport(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/reports/:id/submit', { schema: { tags, params: idParams, response: { 200: reportDetail } } }, async (req) =>
    reports.submitReport(ctx, requireActor(req), req.params.id),
  );

  app.post('/reports/:id/recall', { schema: { tags, params: idParams, response: { 200: reportDetail } } }, async (req) =>
    reports.recallReport(ctx, requireActor(req), req.params.id),
  );

  app.post('/reports/:id/return', { schema: { tags, params: idParams, body: reasonBody, response: { 200: reportDetail } } }, async (req) =>
    reports.returnReport(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/reports/:id/accept', { schema: { tags, params: idParams, response: { 200: reportDetail } } }, async (req) =>
    reports.acceptReport(ctx, requireActor(req), req.params.id),
  );

  app.post('/reports/:id/lock-exception', { schema: { tags, params: idParams, body: reasonBody, response: { 200: reportDetail } } }, async (req) =>
    reports.grantLockException(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/reports/:id/refresh', { schema: { tags, params: idParams, response: { 200: reportDetail } } }, async (req) =>
    reports.refreshReport(ctx, requireActor(req), req.params.id),
  );
}
