import {
  boardMissingPage,
  boardMissingQuery,
  boardQuery,
  bulkRegisterBody,
  bulkRegisterResult,
  createRegistrationBody,
  idParams,
  listRegistrationsQuery,
  movementOptions,
  movementOptionsQuery,
  myRegistration,
  myRegistrationQuery,
  registrationBoard,
  registrationsPage,
  registrationView,
  remindBody,
  remindResult,
  unitRoster,
  unitRosterQuery,
  updateRegistrationBody,
} from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import * as registrations from './registrations.service.js';
// The capability's tasks join the inbox (việc cần làm) when its routes are mounted.
import './registrations.tasks.js';

/** Registration (đăng ký thi đua): one's own, for a unit's people in bulk, the board and reminders; under /api. */
export async function registrationRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['registrations'];
  // Anonymous callers learn nothing, not even which fields a body needs: 401 before validation.
  app.addHook('onRequest', async (req) => void requireActor(req));

  app.get('/registrations', { schema: { tags, querystring: listRegistrationsQuery, response: { 200: registrationsPage } } }, async (req) =>
    registrations.listRegistrations(ctx, requireActor(req), req.query),
  );

  app.get('/registrations/me', { schema: { tags, querystring: myRegistrationQuery, response: { 200: myRegistration } } }, async (req) =>
    registrations.myRegistration(ctx, requireActor(req), req.query),
  );

  app.get('/registrations/movements', { schema: { tags, querystring: movementOptionsQuery, response: { 200: movementOptions } } }, async (req) =>
    registrations.movementOptions(ctx, requireActor(req), req.query.unitId),
  );

  app.get('/registrations/roster', { schema: { tags, querystring: unitRosterQuery, response: { 200: unitRoster } } }, async (req) =>
    registrations.unitRoster(ctx, requireActor(req), req.query),
  );

  app.get('/registrations/board', { schema: { tags, querystring: boardQuery, response: { 200: registrationBoard } } }, async (req) =>
    registrations.registrationBoard(ctx, requireActor(req), req.query),
  );

  app.get('/registrations/board/missing', { schema: { tags, querystring: boardMissingQuery, response: { 200: boardMissingPage } } }, async (req) =>
    registrations.boardMissing(ctx, requireActor(req), req.query),
  );

  app.get('/registrations/:id', { schema: { tags, params: idParams, response: { 200: registrationView } } }, async (req) =>
    registrations.getRegistration(ctx, requireActor(req), req.params.id),
  );

  app.post('/registrations', { schema: { tags, body: createRegistrationBody, response: { 201: registrationView } } }, async (req, reply) =>
    reply.status(201).send(await registrations.createRegistration(ctx, requireActor(req), req.body)),
  );

  app.post('/registrations/bulk', { schema: { tags, body: bulkRegisterBody, response: { 200: bulkRegisterResult } } }, async (req) =>
    registrations.bulkRegister(ctx, requireActor(req), req.body),
  );

  app.patch('/registrations/:id', { schema: { tags, params: idParams, body: updateRegistrationBody, response: { 200: registrationView } } }, async (req) =>
    registrations.updateRegistration(ctx, requireActor(req), req.params.id, req.body),
  );

  app.post('/registrations/:id/withdraw', { schema: { tags, params: idParams, response: { 200: registrationView } } }, async (req) =>
    registrations.withdrawRegistration(ctx, requireActor(req), req.params.id),
  );

  app.post('/registrations/reminders', { schema: { tags, body: remindBody, response: { 202: remindResult } } }, async (req, reply) =>
    reply.status(202).send(await registrations.remindUnits(ctx, requireActor(req), req.body)),
  );
}
