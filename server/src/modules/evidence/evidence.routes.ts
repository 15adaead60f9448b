import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** The evidence capability's routes, under /api. */
export async function evidenceRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  void fastify;
  void ctx;
}
