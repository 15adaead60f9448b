import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** The dashboard capability's routes, under /api. */
export async function dashboardRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  void fastify;
  void ctx;
}
