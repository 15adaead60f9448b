import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

export async function accountRoutes(_fastify: FastifyInstance, _opts: { ctx: AppContext }) {}
