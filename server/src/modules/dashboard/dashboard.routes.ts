import { dashboardQuery, dashboardView, rankingsQuery, rankingView, yearlyResultsQuery } from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import { sendAttachment } from '../documents/attachment.js';
import { XLSX_CONTENT_TYPE } from '../documents/state-format.js';
import * as dashboard from './dashboard.service.js';
import { yearlyResultsCsv, yearlyResultsXlsx } from './yearly-results.js';

// Fastify sends a Buffer as it is; the schema only documents the file in the OpenAPI document.
const xlsxResponse = { 200: { description: 'Bảng tính Excel (.xlsx)', content: { [XLSX_CONTENT_TYPE]: { schema: z.instanceof(Buffer).meta({ type: 'string', format: 'binary' }) } } } };

/** The dashboard (tổng hợp) and rankings (xếp hạng), live from the database, under /api. */
export async function dashboardRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboard'];
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/dashboard', { schema: { tags, summary: 'Registration rate, assessment progress and classification of a level', querystring: dashboardQuery, response: { 200: dashboardView } } }, async (req) =>
    dashboard.getDashboard(ctx, requireActor(req), req.query),
  );

  app.get('/dashboard/export.xlsx', { schema: { tags, summary: 'The sub-unit table of the dashboard as .xlsx', querystring: dashboardQuery, response: xlsxResponse } }, async (req, reply) => {
    const file = await dashboard.exportDashboard(ctx, requireActor(req), req.query);
    return sendAttachment(reply, XLSX_CONTENT_TYPE, file);
  });

  app.get('/yearly-results.xlsx', { schema: { tags, summary: 'Each official’s office-culture result of the year, for the yearly rating, as .xlsx', querystring: yearlyResultsQuery, response: xlsxResponse } }, async (req, reply) =>
    sendAttachment(reply, XLSX_CONTENT_TYPE, await yearlyResultsXlsx(ctx, requireActor(req), req.query)),
  );

  app.get('/yearly-results.csv', { schema: { tags, summary: 'The same as .csv (UTF-8)', querystring: yearlyResultsQuery, response: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } } } }, async (req, reply) =>
    sendAttachment(reply, 'text/csv; charset=utf-8', await yearlyResultsCsv(ctx, requireActor(req), req.query)),
  );

  app.get('/rankings', { schema: { tags, summary: 'Units of a block, or people of a unit, ranked by score', querystring: rankingsQuery, response: { 200: rankingView } } }, async (req) =>
    dashboard.getRankings(ctx, requireActor(req), req.query),
  );

  app.get('/rankings/export.xlsx', { schema: { tags, summary: 'A ranking as .xlsx', querystring: rankingsQuery, response: xlsxResponse } }, async (req, reply) => {
    const file = await dashboard.exportRankings(ctx, requireActor(req), req.query);
    return sendAttachment(reply, XLSX_CONTENT_TYPE, file);
  });
}
