import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

export async function orgRoutes(_fastify: FastifyInstance, _opts: { ctx: AppContext }) {}
