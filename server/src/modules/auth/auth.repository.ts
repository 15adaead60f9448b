import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/database.js';

export const authRepository = {
  findUserByLogin(db: Executor, login: string) {
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb.or([eb('username', '=', login), eb('email', '=', login)]))
      .orderBy(sql`username = ${login}`, 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  findUserByUsername(db: Executor, username: string) {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },
  findUserById(db: Executor, id: number) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  recordAttempt(db: Executor, username: string, ip: string | null, succeeded: boolean, at: Date) {
    return db.insertInto('sign_in_attempts').values({ username, ip, succeeded, at }).execute();
  },
  /** When the address failed for the `n`-th most recent time since `since`; undefined when it has failed fewer times. */
  async nthRecentFailureFromIp(db: Executor, ip: string, n: number, since: Date): Promise<Date | undefined> {
    const r = await db
      .selectFrom('sign_in_attempts')
      .select('at')
      .where('ip', '=', ip)
      .where('succeeded', '=', false)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .offset(n - 1)
      .limit(1)
      .executeTakeFirst();
    return r?.at;
  },
  /** The count of one address and account, made if new, locked until the transaction ends. */
  lockSignInPair(trx: Tx, ip: string, username: string, now: Date) {
    return trx
      .insertInto('sign_in_throttles')
      .values({ ip, username, failures: 0, last_failure_at: now, blocked_until: now })
      .onConflict((oc) => oc.columns(['ip', 'username']).doUpdateSet((eb) => ({ failures: eb.ref('sign_in_throttles.failures') })))
      .returning(['failures', 'last_failure_at', 'blocked_until'])
      .executeTakeFirstOrThrow();
  },
  updateSignInPair(trx: Tx, ip: string, username: string, next: { failures: number; lastFailureAt: Date; blockedUntil: Date }) {
    return trx
      .updateTable('sign_in_throttles')
      .set({ failures: next.failures, last_failure_at: next.lastFailureAt, blocked_until: next.blockedUntil })
      .where('ip', '=', ip)
      .where('username', '=', username)
      .execute();
  },
  forgetSignInPair(db: Executor, ip: string, username: string) {
    return db.deleteFrom('sign_in_throttles').where('ip', '=', ip).where('username', '=', username).execute();
  },
  /** Every address's count for the account: its owner has just proved control of it (a new password). */
  forgetSignInPairsOf(db: Executor, username: string) {
    return db.deleteFrom('sign_in_throttles').where('username', '=', username).execute();
  },
  sweepSignInPairs(db: Executor, before: Date) {
    return db.deleteFrom('sign_in_throttles').where('last_failure_at', '<', before).where('blocked_until', '<', before).execute();
  },
  registerFailure(db: Executor, userId: number, lockAfter: number, lockMinutes: number, now: Date) {
    return db
      .updateTable('users')
      .set({
        failed_sign_ins: sql`case when failed_sign_ins + 1 >= ${lockAfter} then 0 else failed_sign_ins + 1 end`,
        locked_until: sql`case when failed_sign_ins + 1 >= ${lockAfter} then ${now}::timestamptz + make_interval(mins => ${lockMinutes}) else locked_until end`,
      })
      .where('id', '=', userId)
      .returning(['failed_sign_ins', 'locked_until'])
      .executeTakeFirstOrThrow();
  },
  registerSuccess(db: Executor, userId: number, totpStep: number | null, at: Date) {
    return db
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: at, ...(totpStep !== null ? { totp_last_step: totpStep } : {}) })
      .where('id', '=', userId)
      .execute();
  },
  /** Forgets the second factor, active and pending: the owner enrols a new device at next sign-in. */
  clearTotp(db: Executor, userId: number, at: Date) {
    return db
      .updateTable('users')
      .set({ totp_enabled: false, totp_secret: null, totp_pending_secret: null, totp_last_step: null, updated_at: at })
      .where('id', '=', userId)
      .execute();
  },

  setPassword(db: Executor, userId: number, passwordHash: string, at: Date) {
    // A new password also lifts a lockout: the owner has just proved control of the account.
    return db
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, updated_at: at })
      .where('id', '=', userId)
      .execute();
  },
  /** Ends the user's sessions, all of them or all but `exceptSessionId`. */
  deleteSessionsOf(db: Executor, userId: number, exceptSessionId?: string) {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
    return q.execute();
  },

  // Password reset (đặt lại mật khẩu).
  recordResetRequest(db: Executor, ip: string | null) {
    return db.insertInto('password_reset_requests').values({ ip }).execute();
  },
  async resetRequestsFromIp(db: Executor, ip: string | null, sinceMinutes: number): Promise<number> {
    if (!ip) return 0;
    const r = await db
      .selectFrom('password_reset_requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ip', '=', ip)
      .where(sql<boolean>`at > now() - make_interval(mins => ${sinceMinutes})`)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  /** Tokens of the user still usable now. */
  async liveResetTokens(db: Executor, userId: number): Promise<number> {
    const r = await db
      .selectFrom('password_reset_tokens')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  insertResetToken(db: Executor, tokenHash: string, userId: number, ttlMinutes: number) {
    return db
      .insertInto('password_reset_tokens')
      .values({ token_hash: tokenHash, user_id: userId, expires_at: sql<Date>`now() + make_interval(mins => ${ttlMinutes})` })
      .execute();
  },
  /** Marks a live token used and returns its user, in one statement so two requests cannot both use it. */
  consumeResetToken(db: Executor, tokenHash: string) {
    return db
      .updateTable('password_reset_tokens')
      .set({ used_at: sql<Date>`now()` })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning('user_id')
      .executeTakeFirst();
  },
  revokeResetTokensOf(db: Executor, userId: number) {
    return db.updateTable('password_reset_tokens').set({ used_at: sql<Date>`now()` }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  },

  // TOTP (xác thực hai lớp).
  setPendingTotp(db: Executor, userId: number, secret: string, at: Date) {
    return db.updateTable('users').set({ totp_pending_secret: secret, updated_at: at }).where('id', '=', userId).execute();
  },
  /** Promotes the pending secret, provided it is still the one the code was checked against. */
  async enableTotp(db: Executor, userId: number, pendingSecret: string, step: number, at: Date): Promise<boolean> {
    const r = await db
      .updateTable('users')
      .set({ totp_secret: pendingSecret, totp_pending_secret: null, totp_enabled: true, totp_last_step: step, updated_at: at })
      .where('id', '=', userId)
      .where('totp_pending_secret', '=', pendingSecret)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },
  disableTotp(db: Executor, userId: number, at: Date) {
    return db
      .updateTable('users')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled: false, totp_last_step: null, updated_at: at })
      .where('id', '=', userId)
      .execute();
  },

  // Single sign-on (đăng nhập một lần).
  insertSsoFlow(db: Executor, flow: { state: string; codeVerifier: string; nonce: string; returnTo: string }) {
    return db
      .insertInto('sso_flows')
      .values({ state: flow.state, code_verifier: flow.codeVerifier, nonce: flow.nonce, return_to: flow.returnTo })
      .execute();
  },
  deleteStaleSsoFlows(db: Executor, olderThanMinutes: number) {
    return db.deleteFrom('sso_flows').where(sql<boolean>`created_at < now() - make_interval(mins => ${olderThanMinutes})`).execute();
  },
  /** Removes and returns a flow started less than `maxAgeMinutes` ago: each state is good for one callback. */
  takeSsoFlow(db: Executor, state: string, maxAgeMinutes: number) {
    return db
      .deleteFrom('sso_flows')
      .where('state', '=', state)
      .where(sql<boolean>`created_at >= now() - make_interval(mins => ${maxAgeMinutes})`)
      .returning(['code_verifier', 'nonce', 'return_to'])
      .executeTakeFirst();
  },
  findUserByOidcSubject(db: Executor, subject: string) {
    return db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
  },
  /** At most two, enough for the caller to tell "exactly one" from "ambiguous". */
  findUsersByEmail(db: Executor, email: string) {
    return db.selectFrom('users').selectAll().where('email', '=', email).orderBy('id').limit(2).execute();
  },
  linkOidcSubject(db: Executor, userId: number, subject: string, at: Date) {
    return db.updateTable('users').set({ oidc_subject: subject, updated_at: at }).where('id', '=', userId).where('oidc_subject', 'is', null).executeTakeFirst();
  },

  // Bootstrap of the first administrator (thidua create-admin).
  rootUnits(db: Executor) {
    return db.selectFrom('units').select(['id', 'name', 'code']).where('parent_id', 'is', null).where('status', '=', 'active').orderBy('id').execute();
  },
  async insertRootUnit(db: Executor, unit: { code: string; name: string; kind: string }) {
    // The path of a root unit is its own id, so take the id first.
    const { id } = await db.selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('units_id_seq')]).as('id')).executeTakeFirstOrThrow();
    return db
      .insertInto('units')
      .values({ id, parent_id: null, path: String(id), ...unit })
      .returning(['id', 'name', 'code'])
      .executeTakeFirstOrThrow();
  },
  insertUser(db: Executor, user: { username: string; displayName: string; email: string | null; passwordHash: string }) {
    return db
      .insertInto('users')
      .values({ username: user.username, display_name: user.displayName, email: user.email, password_hash: user.passwordHash })
      .returningAll()
      .executeTakeFirstOrThrow();
  },
  updateUserProfile(db: Executor, userId: number, changes: { displayName?: string; email?: string | null; isActive?: boolean }, at: Date) {
    return db
      .updateTable('users')
      .set({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        ...(changes.isActive !== undefined ? { is_active: changes.isActive } : {}),
        updated_at: at,
      })
      .where('id', '=', userId)
      .execute();
  },
  /** Grants the role unless the user already holds it there; returns the new grant or undefined. */
  grantRole(db: Executor, userId: number, role: string, unitId: number) {
    return db
      .insertInto('role_grants')
      .values({ user_id: userId, role, unit_id: unitId })
      .onConflict((oc) => oc.columns(['user_id', 'role', 'unit_id']).doNothing())
      .returning(['id'])
      .executeTakeFirst();
  },

  grantsOf(db: Executor, userId: number) {
    return db
      .selectFrom('role_grants as g')
      .innerJoin('units as u', 'u.id', 'g.unit_id')
      .select(['g.id', 'g.role', 'g.unit_id as unitId', 'u.name as unitName', 'u.path as unitPath'])
      .where('g.user_id', '=', userId)
      .orderBy('g.id')
      .execute();
  },
};
