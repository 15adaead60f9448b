import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** The registrations capability's routes, under /api. */
export async function registrationRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  void fastify;
  void ctx;
}
