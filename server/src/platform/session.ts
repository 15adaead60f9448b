import type { Now } from './clock.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@thidua/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from './actor.js';
import type { Config } from './config.js';
import type { Database, Executor } from './database.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'thidua_sid';
export const CSRF_COOKIE = 'thidua_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Creates a server-side session and returns the cookie token (only its hash is stored). */
export async function createSession(db: Executor, userId: number, ttlHours: number, ip: string | null, userAgent: string | null, now: Date) {
  const token = randomToken();
  const csrfToken = randomToken(24);
  await db
    .insertInto('sessions')
    .values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: new Date(now.getTime() + ttlHours * 3600_000), last_seen_at: now, ip, user_agent: userAgent?.slice(0, 500) ?? null })
    .execute();
  return { token, csrfToken };
}

export async function destroySession(db: Executor, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Loads the actor behind a session token: user, then grants with their unit paths. */
export async function loadActor(db: Database, token: string, ip: string | null, userAgent: string | null, now: Date): Promise<Actor | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.id as userId', 'u.username', 'u.display_name', 'u.person_id', 'u.totp_enabled', 'u.is_active'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.is_active || new Date(row.expires_at) < now) return null;
  const grants = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as un', 'un.id', 'g.unit_id')
    .select(['g.id', 'g.role', 'g.unit_id', 'un.name', 'un.path'])
    .where('g.user_id', '=', row.userId)
    .execute();
  // Touch the session at most once a minute: cheap and shared by every process.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    personId: row.person_id,
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
    mfaEnabled: row.totp_enabled,
    grants: grants.map((g) => ({ id: g.id, role: g.role as Role, unitId: g.unit_id, unitName: g.name, unitPath: g.path })),
    ip,
    userAgent,
  };
}

export function setSessionCookies(req: FastifyRequest, reply: FastifyReply, token: string, csrfToken: string, ttlHours: number) {
  const secure = req.protocol === 'https';
  const maxAge = ttlHours * 3600;
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });
  reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure, maxAge });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the actor of every /api request and enforces CSRF on state-changing ones:
 * the x-csrf-token header must equal the csrf cookie (double submit) and, once signed in,
 * the token bound to the server-side session.
 */
export const sessionPlugin = fp(async (app: FastifyInstance, opts: { db: Database; config: Config; now: Now }) => {
  app.decorateRequest('actor', null);
  // Sign-in comes before everything else a route does, validation included: an anonymous caller
  // learns nothing about a route's input. Public routes say so with `security: []`; routes
  // without a schema (the API docs) or hidden from it are not API operations.
  app.addHook('preValidation', async (req) => {
    const schema = req.routeOptions.schema as { security?: unknown[]; hide?: boolean } | undefined;
    const isPublic = !schema || schema.hide === true || (Array.isArray(schema.security) && schema.security.length === 0);
    if (!isPublic && !req.actor) throw new AppError('UNAUTHENTICATED');
  });
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    const ua = req.headers['user-agent'] ?? null;
    req.actor = token ? await loadActor(opts.db, token, req.ip, ua, opts.now()) : null;
    if (!req.cookies[CSRF_COOKIE]) {
      // Anonymous visitors get a token too, so that sign-in and password reset are protected alike.
      const fresh = req.actor?.csrfToken ?? randomToken(24);
      reply.setCookie(CSRF_COOKIE, fresh, { path: '/', httpOnly: false, sameSite: 'lax', secure: req.protocol === 'https' });
      req.cookies[CSRF_COOKIE] = fresh;
    }
    if (!UNSAFE.has(req.method)) return;
    const header = req.headers[CSRF_HEADER];
    const cookie = req.cookies[CSRF_COOKIE];
    const ok = typeof header === 'string' && header.length > 0 && header === cookie && (!req.actor || header === req.actor.csrfToken);
    if (!ok) throw new AppError('CSRF_INVALID');
  });
});

/**
 * The actor of a request, or 401. A system administrator without a second factor may only
 * reach the routes that set one up (allowWithoutMfa); everything else answers MFA_SETUP_REQUIRED.
 */
export function requireActor(req: FastifyRequest, opts: { allowWithoutMfa?: boolean } = {}): Actor {
  const actor = req.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!opts.allowWithoutMfa && !actor.mfaEnabled && actor.grants.some((g) => g.role === 'system_admin')) {
    throw new AppError('MFA_SETUP_REQUIRED');
  }
  return actor;
}
