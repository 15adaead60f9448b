import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

export async function peopleRoutes(_fastify: FastifyInstance, _opts: { ctx: AppContext }) {}
