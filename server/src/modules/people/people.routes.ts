import { idParams, listPeopleQuery, peoplePage, personBody, personDetail, transferPersonBody, updatePersonBody } from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import { rejectNulCharacters } from './input-guards.js';
import * as people from './people.service.js';

/** People (CBCCVC, người lao động), registered at /api/people. */
export async function peopleRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['people'];
  // Signed-in first: an anonymous caller learns 401, not which of its fields were wrong.
  app.addHook('preValidation', async (req) => {
    requireActor(req);
    rejectNulCharacters(req);
  });

  app.get('/', { schema: { tags, querystring: listPeopleQuery, response: { 200: peoplePage } } }, async (req) =>
    people.listPeople(ctx, requireActor(req), req.query),
  );

  app.get('/:id', { schema: { tags, params: idParams, response: { 200: personDetail } } }, async (req) =>
    people.getPerson(ctx, requireActor(req), req.params.id),
  );

  app.post('/', { schema: { tags, body: personBody, response: { 201: personDetail } } }, async (req, reply) =>
    reply.status(201).send(await people.createPerson(ctx, requireActor(req), req.body)),
  );

  app.patch('/:id', { schema: { tags, params: idParams, body: updatePersonBody, response: { 200: personDetail } } }, async (req) =>
    people.updatePerson(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/:id/transfer', { schema: { tags, params: idParams, body: transferPersonBody, response: { 200: personDetail } } }, async (req) =>
    people.transferPerson(ctx, requireActor(req), req.params.id, req.body),
  );
}
