import {
  changePasswordBody,
  forgotPasswordBody,
  meResponse,
  mfaCodeBody,
  mfaSetupResponse,
  okResponse,
  resetPasswordBody,
  signInBody,
  ssoInfoResponse,
  ssoStartQuery,
} from '@thidua/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { clearSessionCookies, loadActor, requireActor, setSessionCookies } from '../../platform/session.js';
import * as auth from './auth.service.js';

const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });

/**
 * Single sign-on runs in the browser's address bar, so its failures are a redirect to the sign-in
 * page with the error code (?loi=SSO_NO_ACCOUNT), not a JSON body.
 */
function toSignInPage(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const code = err instanceof AppError ? err.code : 'SSO_FAILED';
  req.log.warn({ code, details: err instanceof AppError ? err.details : undefined, err: err instanceof AppError ? undefined : err }, 'single sign-on refused');
  return reply.redirect(`${auth.SIGN_IN_PAGE}?loi=${code}`, 302);
}

export async function authRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  app.post('/sign-in', { schema: { tags, security: [], body: signInBody, response: { 200: meResponse } } }, async (req, reply) => {
    const session = await auth.signIn(ctx, req.body, client(req));
    setSessionCookies(req, reply, session.token, session.csrfToken, ctx.config.sessionTtlHours);
    const actor = await loadActor(ctx.db, session.token, req.ip, req.headers['user-agent'] ?? null, ctx.now());
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

  app.post('/password/forgot', { schema: { tags, security: [], body: forgotPasswordBody, response: { 200: okResponse } } }, async (req) => {
    await auth.forgotPassword(ctx, req.body.login, client(req), req.log);
    return { ok: true as const };
  });

  app.post('/password/reset', { schema: { tags, security: [], body: resetPasswordBody, response: { 200: okResponse } } }, async (req) => {
    await auth.resetPassword(ctx, req.body.token, req.body.password, client(req));
    return { ok: true as const };
  });

  // The TOTP routes stay open to an administrator without a second factor: that is how one gets set up.
  app.post('/mfa/setup', { schema: { tags, response: { 200: mfaSetupResponse } } }, async (req) => auth.setupMfa(ctx, requireActor(req, { allowWithoutMfa: true })));

  app.post('/mfa/enable', { schema: { tags, body: mfaCodeBody, response: { 200: meResponse } } }, async (req) =>
    auth.enableMfa(ctx, requireActor(req, { allowWithoutMfa: true }), req.body.code),
  );

  app.post('/mfa/disable', { schema: { tags, body: mfaCodeBody, response: { 200: meResponse } } }, async (req) =>
    auth.disableMfa(ctx, requireActor(req, { allowWithoutMfa: true }), req.body.code),
  );

  app.get('/sso', { schema: { tags, security: [], response: { 200: ssoInfoResponse } } }, async () => auth.ssoInfo(ctx));

  app.get('/sso/start', { schema: { tags, security: [], querystring: ssoStartQuery } }, async (req, reply) => {
    try {
      return reply.redirect(await auth.ssoStart(ctx, req.query.returnTo), 302);
    } catch (err) {
      return toSignInPage(req, reply, err);
    }
  });

  app.get('/sso/callback', { schema: { tags, security: [] } }, async (req, reply) => {
    try {
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      const session = await auth.ssoCallback(ctx, query, client(req));
      setSessionCookies(req, reply, session.token, session.csrfToken, ctx.config.sessionTtlHours);
      return reply.redirect(session.returnTo, 302);
    } catch (err) {
      return toSignInPage(req, reply, err);
    }
  });
}
