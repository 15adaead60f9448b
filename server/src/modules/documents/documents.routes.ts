import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** Documents in the state format (Nghị định 30/2020), under /api. */
export async function documentRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  void fastify;
  void ctx;
}
