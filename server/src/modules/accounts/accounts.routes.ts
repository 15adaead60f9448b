import {
  idParams,
  listGrantsQuery,
  listUsersQuery,
  okResponse,
  roleGrantBody,
  roleGrantList,
  roleGrantView,
  updateUserBody,
  usersPage,
  userView,
} from '@thidua/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { requireActor } from '../../platform/session.js';
import { rejectNulCharacters } from '../people/input-guards.js';
import { createUserRequest } from './accounts.schemas.js';
import * as grants from './grants.service.js';
import * as users from './users.service.js';

/** Accounts (tài khoản) and role grants (phân quyền), registered at /api. */
export async function accountRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Signed-in first: an anonymous caller learns 401, not which of its fields were wrong.
  app.addHook('preValidation', async (req) => {
    requireActor(req);
    rejectNulCharacters(req);
  });

  const userTags = ['accounts'];
  app.get('/users', { schema: { tags: userTags, querystring: listUsersQuery, response: { 200: usersPage } } }, async (req) =>
    users.listUsers(ctx, requireActor(req), req.query),
  );

  app.post('/users', { schema: { tags: userTags, body: createUserRequest, response: { 201: userView } } }, async (req, reply) =>
    reply.status(201).send(await users.createUser(ctx, requireActor(req), req.body)),
  );

  app.patch('/users/:id', { schema: { tags: userTags, params: idParams, body: updateUserBody, response: { 200: userView } } }, async (req) =>
    users.updateUser(ctx, requireActor(req), req.params.id, req.body),
  );

  const grantTags = ['role-grants'];
  app.get('/role-grants', { schema: { tags: grantTags, querystring: listGrantsQuery, response: { 200: roleGrantList } } }, async (req) =>
    grants.listGrants(ctx, requireActor(req), req.query),
  );

  app.post('/role-grants', { schema: { tags: grantTags, body: roleGrantBody, response: { 201: roleGrantView } } }, async (req, reply) =>
    reply.status(201).send(await grants.createGrant(ctx, requireActor(req), req.body)),
  );

  app.delete('/role-grants/:id', { schema: { tags: grantTags, params: idParams, response: { 200: okResponse } } }, async (req) => {
    await grants.deleteGrant(ctx, requireActor(req), req.params.id);
    return { ok: true as const };
  });
}
