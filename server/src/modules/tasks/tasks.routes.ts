import { taskList } from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as tasks from './tasks.service.js';

/** The task inbox (việc cần làm), under /api. */
export async function taskRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/tasks', { schema: { tags: ['tasks'], summary: 'My tasks across all my roles and units, most pressing first', response: { 200: taskList } } }, async (req) =>
    tasks.listTasks(ctx, requireActor(req)),
  );
}
