import { createHash } from 'node:crypto';
import { createUserBody, type MfaSetup, type Me, type Role, type SignInBody, type SsoInfo } from '@thidua/contracts';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import { isSystemAdmin } from '../../platform/actor.js';
import { auditContextOf, writeAudit, type AuditContext } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/database.js';
import { AppError, validationError } from '../../platform/errors.js';
import { createSession, destroySession, randomToken } from '../../platform/session.js';
import { passwordResetMail } from './auth.mails.js';
import { authRepository as repo } from './auth.repository.js';
import { authorizationRequest, completeAuthorization } from './oidc.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { checkAddressLimit, claimSignInAttempt, forgetSignInFailures } from './sign-in-limits.js';
import { checkTotp, newTotpSecret, totpFor } from './totp.js';

/**
 * Account lock-out, whatever the address: after LOCK_AFTER wrong passwords or codes the account waits
 * LOCK_MINUTES. From one address the pair's slow-down comes long before (sign-in-limits.ts): this
 * stops guessing spread over many addresses.
 */
export const LOCK_AFTER = 20;
export const LOCK_MINUTES = 15;
/** A reset link works once, for RESET_TTL_MINUTES. */
export const RESET_TTL_MINUTES = 60;
/** "Forgot password" requests allowed from one address in FORGOT_WINDOW_MINUTES. */
export const FORGOT_IP_LIMIT = 10;
export const FORGOT_WINDOW_MINUTES = 15;
/** Live reset links per account: beyond this, further requests send nothing (no mailbox flooding). */
export const MAX_LIVE_RESET_TOKENS = 3;
/** How long a single sign-on round trip may take before its state is discarded. */
export const SSO_FLOW_MINUTES = 15;
export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';
/** The web app's sign-in page, where failed single sign-on lands with ?loi=<error code>. */
export const SIGN_IN_PAGE = '/dang-nhap';
export const RESET_PAGE = '/dat-lai-mat-khau';

interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Enough of a logger for failures that must not reach the caller (a mail that could not be sent). */
export interface ErrorLog {
  error(obj: object, msg: string): void;
}

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Checks the password (and TOTP code when enabled), then opens a session. Wrong attempts are slowed
 * down per address and account, capped per address, and lock the account after many (sign-in-limits.ts).
 */
export async function signIn(ctx: AppContext, input: SignInBody, client: ClientInfo) {
  const { db } = ctx;
  const now = ctx.now();
  await checkAddressLimit(db, client.ip, now);
  const user = await repo.findUserByLogin(db, input.username);
  // The account's own name when it exists, so that its username and e-mail share one count.
  const account = user?.username ?? input.username;
  await claimSignInAttempt(db, client.ip, account, now);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user) {
    await repo.recordAttempt(db, input.username, client.ip, false, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (isLocked(user, now)) {
    await repo.recordAttempt(db, user.username, client.ip, false, now);
    throw lockedError(user, now);
  }
  const audit = auditContextOf(null, client.ip, client.userAgent);
  if (!passwordOk) {
    await registerFailure(db, user, client, audit, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!user.is_active) throw new AppError('ACCOUNT_DISABLED');
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret) {
    if (!input.totp) throw new AppError('MFA_REQUIRED');
    totpStep = checkTotp(user.totp_secret, input.totp, user.totp_last_step);
    if (totpStep === null) {
      await registerFailure(db, user, client, audit, now);
      throw new AppError('MFA_INVALID');
    }
  }
  const session = await openSession(ctx, user.id, user.display_name, client, 'auth.sign_in', totpStep);
  await forgetSignInFailures(db, client.ip, user.username);
  return session;
}

function isLocked(user: UserRow, now: Date): boolean {
  return !!user.locked_until && new Date(user.locked_until) > now;
}

function lockedError(user: UserRow, now: Date): AppError {
  const until = new Date(user.locked_until!);
  return new AppError('ACCOUNT_LOCKED', { lockedUntil: until.toISOString(), retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) });
}

/** Counts a wrong password or code towards the lockout, and audits the moment the account locks. */
async function registerFailure(db: Database, user: UserRow, client: ClientInfo, audit: AuditContext, now: Date) {
  await db.transaction().execute(async (trx) => {
    await repo.recordAttempt(trx, user.username, client.ip, false, now);
    const after = await repo.registerFailure(trx, user.id, LOCK_AFTER, LOCK_MINUTES, now);
    if (after.locked_until && new Date(after.locked_until) > now) {
      await writeAudit(trx, { ...audit, userId: user.id, name: user.display_name }, { action: 'auth.locked', entity: 'user', entityId: user.id, unitId: null, after: { lockedUntil: after.locked_until } });
    }
  });
}

/** Opens a session for a user already authenticated (password, or single sign-on). */
export async function openSession(ctx: AppContext, userId: number, displayName: string, client: ClientInfo, action: string, totpStep: number | null = null) {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await repo.findUserById(trx, userId);
    await repo.recordAttempt(trx, user!.username, client.ip, true, ctx.now());
    await repo.registerSuccess(trx, userId, totpStep, ctx.now());
    const session = await createSession(trx, userId, ctx.config.sessionTtlHours, client.ip, client.userAgent, ctx.now());
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
    await repo.setPassword(trx, actor.userId, passwordHash, ctx.now());
    // Other sessions of this account end: a changed password should lock out whoever knew the old one.
    await repo.deleteSessionsOf(trx, actor.userId, actor.sessionId);
    await writeAudit(trx, auditContextOf(actor), { action: 'auth.password_change', entity: 'user', entityId: actor.userId, unitId: null });
  });
}

/**
 * Sends a password-reset link when `login` (username or e-mail) names an active account with an
 * e-mail. The caller always answers the same, so the endpoint does not reveal which accounts exist.
 */
export async function forgotPassword(ctx: AppContext, login: string, client: ClientInfo, log: ErrorLog): Promise<void> {
  const { db } = ctx;
  if ((await repo.resetRequestsFromIp(db, client.ip, FORGOT_WINDOW_MINUTES)) >= FORGOT_IP_LIMIT) {
    throw new AppError('TOO_MANY_ATTEMPTS');
  }
  await repo.recordResetRequest(db, client.ip);
  const user = await repo.findUserByLogin(db, login);
  if (!user || !user.is_active || !user.email) return;
  if ((await repo.liveResetTokens(db, user.id)) >= MAX_LIVE_RESET_TOKENS) return;
  // Only the hash is stored: a copy of the database does not hold working links.
  const token = randomToken();
  await db.transaction().execute(async (trx) => {
    await repo.insertResetToken(trx, sha256(token), user.id, RESET_TTL_MINUTES);
    await writeAudit(trx, auditContextOf(null, client.ip, client.userAgent), { action: 'auth.password_reset_requested', entity: 'user', entityId: user.id, unitId: null });
  });
  const link = `${ctx.config.publicUrl}${RESET_PAGE}?token=${encodeURIComponent(token)}`;
  const mail = passwordResetMail({ email: user.email, displayName: user.display_name, username: user.username }, link, RESET_TTL_MINUTES);
  // Not awaited: a slow or failing mail server must neither delay nor change the answer, which
  // would tell an outsider that the account exists. Failures go to the operator's log.
  void ctx.mailer.send(mail).catch((err: unknown) => log.error({ err, userId: user.id }, 'password reset mail could not be sent'));
}

/** Sets a new password with an e-mailed token; the token is spent and every session of the account ends. */
export async function resetPassword(ctx: AppContext, token: string, password: string, client: ClientInfo): Promise<void> {
  assertStrongPassword(password);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const claimed = await repo.consumeResetToken(trx, sha256(token));
    if (!claimed) throw new AppError('INVALID_TOKEN');
    const user = await repo.findUserById(trx, claimed.user_id);
    if (!user || !user.is_active) throw new AppError('INVALID_TOKEN');
    await repo.setPassword(trx, user.id, passwordHash, ctx.now());
    await repo.forgetSignInPairsOf(trx, user.username);
    // Older links of the same account die too: whoever holds one should not undo this reset.
    await repo.revokeResetTokensOf(trx, user.id);
    await repo.deleteSessionsOf(trx, user.id);
    await writeAudit(trx, { userId: user.id, name: user.display_name, ip: client.ip, userAgent: client.userAgent }, { action: 'auth.password_reset', entity: 'user', entityId: user.id, unitId: null });
  });
}

async function currentUser(ctx: AppContext, actor: Actor): Promise<UserRow> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

/**
 * Starts TOTP (xác thực hai lớp) set-up: a new secret is kept as pending and shown once; sign-in
 * is unchanged until enableMfa confirms a code from it. Calling again replaces the pending secret.
 */
export async function setupMfa(ctx: AppContext, actor: Actor): Promise<MfaSetup> {
  const user = await currentUser(ctx, actor);
  // Replacing a working factor needs the old one first (disable), else a stolen session could swap it.
  if (user.totp_enabled) throw new AppError('MFA_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setPendingTotp(trx, user.id, secret, ctx.now());
    await writeAudit(trx, auditContextOf(actor), { action: 'auth.mfa_setup', entity: 'user', entityId: user.id, unitId: null });
  });
  return { secret, otpauthUrl: totpFor(secret, user.username).toString() };
}

/** Turns TOTP on once the user proves, with a current code, that the app holds the pending secret. */
export async function enableMfa(ctx: AppContext, actor: Actor, code: string): Promise<Me> {
  const user = await currentUser(ctx, actor);
  if (user.totp_enabled) throw new AppError('MFA_ALREADY_ENABLED');
  const pending = user.totp_pending_secret;
  if (!pending) throw new AppError('MFA_NOT_PENDING');
  const step = checkTotp(pending, code, null);
  if (step === null) throw new AppError('MFA_INVALID');
  await ctx.db.transaction().execute(async (trx) => {
    // The step is remembered so that this very code cannot also be used to sign in.
    if (!(await repo.enableTotp(trx, user.id, pending, step, ctx.now()))) throw new AppError('MFA_NOT_PENDING');
    await writeAudit(trx, auditContextOf(actor), { action: 'auth.mfa_enable', entity: 'user', entityId: user.id, unitId: null });
  });
  return me(ctx, actor);
}

/** Turns TOTP off with a current code; never for a system administrator, for whom it is mandatory. */
export async function disableMfa(ctx: AppContext, actor: Actor, code: string): Promise<Me> {
  if (isSystemAdmin(actor)) throw new AppError('FORBIDDEN');
  const user = await currentUser(ctx, actor);
  if (!user.totp_enabled || !user.totp_secret) throw new AppError('MFA_NOT_ENABLED');
  // Wrong codes count towards the lockout, so a stolen session cannot try all million codes.
  const now = ctx.now();
  if (isLocked(user, now)) throw lockedError(user, now);
  if (checkTotp(user.totp_secret, code, user.totp_last_step) === null) {
    await registerFailure(ctx.db, user, actor, auditContextOf(actor), now);
    throw new AppError('MFA_INVALID');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.disableTotp(trx, user.id, ctx.now());
    await writeAudit(trx, auditContextOf(actor), { action: 'auth.mfa_disable', entity: 'user', entityId: user.id, unitId: null });
  });
  return me(ctx, actor);
}

/** Whether single sign-on (đăng nhập một lần) is offered, and the button's label. */
export function ssoInfo(ctx: AppContext): SsoInfo {
  return { enabled: !!ctx.config.oidc, label: ctx.config.oidc?.label ?? '' };
}

/**
 * Only a path on this site may follow sign-in ("/ke-hoach?nam=2026"); anything that could leave
 * it ("//evil.example", "https://…", "/\\evil") falls back to the home page.
 */
export function safeReturnTo(returnTo: string | null | undefined): string {
  if (!returnTo || !returnTo.startsWith('/') || /[\\\u0000-\u001f]/.test(returnTo)) return '/';
  const base = 'http://thidua.invalid';
  const url = new URL(returnTo, base);
  if (url.origin !== base) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Starts single sign-on: state, nonce and PKCE verifier go to the database (so any server process
 * can take the callback) and the browser is sent to the provider's URL returned here.
 */
export async function ssoStart(ctx: AppContext, returnTo: string | undefined): Promise<string> {
  const oidc = ctx.config.oidc;
  if (!oidc) throw new AppError('SSO_NOT_CONFIGURED');
  const request = await authorizationRequest(oidc, `${ctx.config.publicUrl}${SSO_CALLBACK_PATH}`).catch((err: unknown) => {
    throw new AppError('SSO_FAILED', { reason: `discovery: ${errorMessage(err)}` });
  });
  // Abandoned round trips are swept here rather than by a job: starts are rare and the table stays tiny.
  await repo.deleteStaleSsoFlows(ctx.db, SSO_FLOW_MINUTES);
  await repo.insertSsoFlow(ctx.db, { state: request.state, nonce: request.nonce, codeVerifier: request.codeVerifier, returnTo: safeReturnTo(returnTo) });
  return request.url.href;
}

/**
 * Finishes single sign-on from the provider's redirect (`query` is the raw query string): checks
 * the response, finds the account by its linked subject or else by a verified e-mail (then links
 * it), and opens a session. Throws AppError with the code the sign-in page should show.
 */
export async function ssoCallback(ctx: AppContext, query: string, client: ClientInfo) {
  const oidc = ctx.config.oidc;
  if (!oidc) throw new AppError('SSO_NOT_CONFIGURED');
  const params = new URLSearchParams(query);
  const state = params.get('state');
  const flow = state ? await repo.takeSsoFlow(ctx.db, state, SSO_FLOW_MINUTES) : undefined;
  if (!state || !flow) throw new AppError('SSO_FAILED', { reason: 'unknown or expired state' });
  // The redirect URI must be exactly the registered one, whatever host the request came through.
  const callbackUrl = new URL(`${ctx.config.publicUrl}${SSO_CALLBACK_PATH}?${params.toString()}`);
  const identity = await completeAuthorization(oidc, callbackUrl, { state, nonce: flow.nonce, codeVerifier: flow.code_verifier }).catch((err: unknown) => {
    throw new AppError('SSO_FAILED', { reason: errorMessage(err) });
  });

  let user = await repo.findUserByOidcSubject(ctx.db, identity.subject);
  let link = false;
  if (!user) {
    // Linking by e-mail only when the provider vouches for it and it names exactly one account
    // that is not linked to another identity already.
    if (!identity.email || !identity.emailVerified) throw new AppError('SSO_NO_ACCOUNT');
    const candidates = await repo.findUsersByEmail(ctx.db, identity.email);
    if (candidates.length !== 1 || candidates[0]!.oidc_subject) throw new AppError('SSO_NO_ACCOUNT');
    user = candidates[0]!;
    link = true;
  }
  if (!user.is_active) throw new AppError('ACCOUNT_DISABLED');
  // The provider's sign-in is not this account's second factor: an account with TOTP signs in with it.
  if (user.totp_enabled) throw new AppError('SSO_MFA_REQUIRED');
  if (link) {
    const linked = user;
    await ctx.db.transaction().execute(async (trx) => {
      const r = await repo.linkOidcSubject(trx, linked.id, identity.subject, ctx.now());
      if (r.numUpdatedRows === 0n) throw new AppError('SSO_NO_ACCOUNT');
      await writeAudit(trx, { userId: linked.id, name: linked.display_name, ip: client.ip, userAgent: client.userAgent }, { action: 'auth.sso_link', entity: 'user', entityId: linked.id, unitId: null, after: { issuer: oidc.issuer, email: identity.email } });
    });
  }
  const session = await openSession(ctx, user.id, user.display_name, client, 'auth.sso_sign_in');
  return { ...session, returnTo: flow.return_to ?? '/' };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

// The same rules as an account created in the web app; the password's strength is checked by assertStrongPassword.
const createAdminInput = createUserBody
  .pick({ username: true, email: true })
  .extend({ password: z.string().max(1000), displayName: z.string().trim().min(1).max(200).optional(), resetMfa: z.boolean().optional() });
export type CreateAdminInput = z.input<typeof createAdminInput>;

// Who the audit log names for changes made from the command line on the server itself.
const CLI_AUDIT: AuditContext = { userId: null, name: 'thidua create-admin', ip: null, userAgent: 'cli' };

/**
 * Creates a system administrator (quản trị hệ thống) or, when the username exists, sets its
 * password and reactivates it; grants system_admin at every root unit, creating the national root
 * ('VN', Việt Nam) when the tree is still empty. Used to bootstrap and to recover access.
 */
export async function createAdmin(db: Database, input: CreateAdminInput, now: Date) {
  const parsed = createAdminInput.safeParse(input);
  if (!parsed.success) {
    throw validationError(parsed.error.issues, input);
  }
  const { username, password, displayName, email, resetMfa } = parsed.data;
  assertStrongPassword(password);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    let roots = await repo.rootUnits(trx);
    if (roots.length === 0) {
      const unit = await repo.insertRootUnit(trx, { code: 'VN', name: 'Việt Nam', kind: 'national' });
      await writeAudit(trx, CLI_AUDIT, { action: 'unit.create', entity: 'unit', entityId: unit.id, unitId: unit.id, after: unit });
      roots = [unit];
    }
    const existing = await repo.findUserByUsername(trx, username);
    const user = existing ? await updateAdmin(trx, existing, passwordHash, displayName, email, now) : await insertAdmin(trx, username, passwordHash, displayName, email);
    if (existing && resetMfa && existing.totp_enabled) {
      // The way back for an administrator who lost the phone: only someone at the server's console can take it.
      await repo.clearTotp(trx, existing.id, now);
      await writeAudit(trx, CLI_AUDIT, { action: 'auth.mfa_reset', entity: 'user', entityId: existing.id, unitId: null, before: { mfaEnabled: true }, after: { mfaEnabled: false } });
    }
    const grantedAt: string[] = [];
    for (const root of roots) {
      const grant = await repo.grantRole(trx, user.id, 'system_admin', root.id);
      if (!grant) continue;
      grantedAt.push(root.name);
      await writeAudit(trx, CLI_AUDIT, { action: 'role_grant.create', entity: 'role_grant', entityId: grant.id, unitId: root.id, after: { userId: user.id, role: 'system_admin', unitId: root.id } });
    }
    return { userId: user.id, username: user.username, created: !existing, units: roots.map((r) => r.name), grantedAt };
  });
}

async function insertAdmin(trx: Tx, username: string, passwordHash: string, displayName: string | undefined, email: string | null | undefined) {
  const user = await repo.insertUser(trx, { username, displayName: displayName ?? 'Quản trị hệ thống', email: email ?? null, passwordHash });
  await writeAudit(trx, CLI_AUDIT, { action: 'user.create', entity: 'user', entityId: user.id, unitId: null, after: { username: user.username, displayName: user.display_name, email: user.email } });
  return user;
}

async function updateAdmin(trx: Tx, user: UserRow, passwordHash: string, displayName: string | undefined, email: string | null | undefined, now: Date) {
  await repo.setPassword(trx, user.id, passwordHash, now);
  await repo.forgetSignInPairsOf(trx, user.username);
  await repo.updateUserProfile(trx, user.id, { displayName, email: email === undefined ? undefined : email, isActive: true }, now);
  // Whoever held the old password is signed out, as after any reset.
  await repo.deleteSessionsOf(trx, user.id);
  await writeAudit(trx, CLI_AUDIT, {
    action: 'auth.password_reset',
    entity: 'user',
    entityId: user.id,
    unitId: null,
    before: { displayName: user.display_name, email: user.email, isActive: user.is_active },
    after: { displayName: displayName ?? user.display_name, email: email === undefined ? user.email : email, isActive: true },
  });
  return user;
}
