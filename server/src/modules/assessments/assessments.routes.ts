import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** The assessments capability's routes, under /api. */
export async function assessmentRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  void fastify;
  void ctx;
}
