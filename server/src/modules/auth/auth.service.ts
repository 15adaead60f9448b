import type { Me, Role, SignInBody } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { isSystemAdmin } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { createSession, destroySession } from '../../platform/session.js';
import { authRepository as repo } from './auth.repository.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { checkTotp } from './totp.js';

/** Lockout policy: after LOCK_AFTER wrong passwords the account waits LOCK_MINUTES. */
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
/** Failed sign-ins allowed from one address in IP_WINDOW_MINUTES, across all accounts. */
export const IP_LIMIT = 30;
export const IP_WINDOW_MINUTES = 15;

interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Checks the password (and TOTP code when enabled), then opens a session. */
export async function signIn(ctx: AppContext, input: SignInBody, client: ClientInfo) {
  const { db } = ctx;
  if ((await repo.failedAttemptsFromIp(db, client.ip, IP_WINDOW_MINUTES)) >= IP_LIMIT) {
    throw new AppError('TOO_MANY_ATTEMPTS');
  }
  const user = await repo.findUserByLogin(db, input.username);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user) {
    await repo.recordAttempt(db, input.username, client.ip, false);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    await repo.recordAttempt(db, user.username, client.ip, false);
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: new Date(user.locked_until).toISOString() });
  }
  const audit = auditContextOf(null, client.ip, client.userAgent);
  if (!passwordOk) {
    await db.transaction().execute(async (trx) => {
      await repo.recordAttempt(trx, user.username, client.ip, false);
      const after = await repo.registerFailure(trx, user.id, LOCK_AFTER, LOCK_MINUTES);
      if (after.locked_until && new Date(after.locked_until) > new Date()) {
        await writeAudit(trx, { ...audit, userId: user.id, name: user.display_name }, { action: 'auth.locked', entity: 'user', entityId: user.id, unitId: null, after: { lockedUntil: after.locked_until } });
      }
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!user.is_active) throw new AppError('ACCOUNT_DISABLED');
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret) {
    if (!input.totp) throw new AppError('MFA_REQUIRED');
    totpStep = checkTotp(user.totp_secret, input.totp, user.totp_last_step);
    if (totpStep === null) {
      await repo.recordAttempt(db, user.username, client.ip, false);
      await repo.registerFailure(db, user.id, LOCK_AFTER, LOCK_MINUTES);
      throw new AppError('MFA_INVALID');
    }
  }
  return openSession(ctx, user.id, user.display_name, client, 'auth.sign_in', totpStep);
}

/** Opens a session for a user already authenticated (password, or single sign-on). */
export async function openSession(ctx: AppContext, userId: number, displayName: string, client: ClientInfo, action: string, totpStep: number | null = null) {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await repo.findUserById(trx, userId);
    await repo.recordAttempt(trx, user!.username, client.ip, true);
    await repo.registerSuccess(trx, userId, totpStep);
    const session = await createSession(trx, userId, ctx.config.sessionTtlHours, client.ip, client.userAgent);
    await writeAudit(trx, { userId, name: displayName, ip: client.ip, userAgent: client.userAgent }, { action, entity: 'user', entityId: userId, unitId: null });
    return session;
  });
}

export async function signOut(ctx: AppContext, actor: Actor) {
  await ctx.db.transaction().execute(async (trx) => {
    await destroySession(trx, actor.sessionId);
    await writeAudit(trx, auditContextOf(actor), { action: 'auth.sign_out', entity: 'user', entityId: actor.userId, unitId: null });
  });
}

/** The signed-in user as the web app needs it. */
export async function me(ctx: AppContext, actor: Actor): Promise<Me> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    personId: user.person_id,
    mfaEnabled: user.totp_enabled,
    mfaSetupRequired: isSystemAdmin(actor) && !user.totp_enabled,
    grants: actor.grants.map((g) => ({ id: g.id, role: g.role as Role, unitId: g.unitId, unitName: g.unitName, unitPath: g.unitPath })),
    csrfToken: actor.csrfToken,
  };
}

export function assertStrongPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('WEAK_PASSWORD');
}

export async function changePassword(ctx: AppContext, actor: Actor, currentPassword: string, newPassword: string) {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) throw new AppError('INVALID_CREDENTIALS');
  assertStrongPassword(newPassword);
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', actor.userId).execute();
    // Other sessions of this account end: a changed password should lock out whoever knew the old one.
    await trx.deleteFrom('sessions').where('user_id', '=', actor.userId).where('id', '<>', actor.sessionId).execute();
    await writeAudit(trx, auditContextOf(actor), { action: 'auth.password_change', entity: 'user', entityId: actor.userId, unitId: null });
  });
}
