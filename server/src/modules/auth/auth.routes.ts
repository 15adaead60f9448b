import { changePasswordBody, meResponse, okResponse, signInBody } from '@thidua/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { clearSessionCookies, loadActor, requireActor, setSessionCookies } from '../../platform/session.js';
import * as auth from './auth.service.js';

const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });

export async function authRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  app.post('/sign-in', { schema: { tags, security: [], body: signInBody, response: { 200: meResponse } } }, async (req, reply) => {
    const session = await auth.signIn(ctx, req.body, client(req));
    setSessionCookies(req, reply, session.token, session.csrfToken, ctx.config.sessionTtlHours);
    const actor = await loadActor(ctx.db, session.token, req.ip, req.headers['user-agent'] ?? null);
    return auth.me(ctx, actor!);
  });

  app.post('/sign-out', { schema: { tags, response: { 200: okResponse } } }, async (req, reply) => {
    await auth.signOut(ctx, requireActor(req, { allowWithoutMfa: true }));
    clearSessionCookies(reply);
    return { ok: true as const };
  });

  app.get('/me', { schema: { tags, response: { 200: meResponse } } }, async (req) => auth.me(ctx, requireActor(req, { allowWithoutMfa: true })));

  app.post('/password/change', { schema: { tags, body: changePasswordBody, response: { 200: okResponse } } }, async (req) => {
    await auth.changePassword(ctx, requireActor(req), req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });
}
