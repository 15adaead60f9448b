import { createDisciplineBody, disciplineList, disciplineView, idParams, listDisciplinesQuery, revokeDisciplineBody } from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as disciplines from './disciplines.service.js';

/** Discipline (kỷ luật) decided for a person, which caps the year's classification; under /api. */
export async function disciplineRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['disciplines'];
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.post('/disciplines', { schema: { tags, body: createDisciplineBody, response: { 201: disciplineView } } }, async (req, reply) =>
    reply.status(201).send(await disciplines.recordDiscipline(ctx, requireActor(req), req.body)),
  );

  app.get('/disciplines', { schema: { tags, querystring: listDisciplinesQuery, response: { 200: disciplineList } } }, async (req) =>
    disciplines.listDisciplines(ctx, requireActor(req), req.query.personId),
  );

  app.post('/disciplines/:id/revoke', { schema: { tags, params: idParams, body: revokeDisciplineBody, response: { 200: disciplineView } } }, async (req) =>
    disciplines.revokeDiscipline(ctx, requireActor(req), req.params.id, req.body),
  );
}
