import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** The reporting-rate board, reminders and the report as documents (.docx, .pdf, .xlsx), under /api. */
export async function reportBoardRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  void fastify;
  void ctx;
}
