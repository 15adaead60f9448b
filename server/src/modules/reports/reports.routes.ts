import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** Periodic reports (báo cáo định kỳ): templates, a unit's report, submitting, returning, accepting, consolidating, under /api. */
export async function reportRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  void fastify;
  void ctx;
}
