import { createHash, randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { Client, DEFAULT_PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { newUser } from '../../../test/factories.js';
import { FORGOT_IP_LIMIT, LOCK_AFTER, MAX_LIVE_RESET_TOKENS } from './auth.service.js';
import { PAIR_FREE_FAILURES } from './sign-in-limits.js';

const PUBLIC_URL = 'https://thidua.example.gov.vn';
const NEW_PASSWORD = 'mat-khau-moi-2026';

// Each test speaks from its own address so that the per-address limit of one test never spills into another.
// A fresh address per call: a random pick could repeat one another test already counted against its limit.
let lastIp = 0;
const someIp = () => `198.51.100.${++lastIp}`;

describe('password reset (đặt lại mật khẩu)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ publicUrl: PUBLIC_URL });
  });

  const forgot = (c: Client, login: string, ip = someIp()) =>
    c.request({ method: 'POST', url: '/api/auth/password/forgot', payload: { login }, remoteAddress: ip });

  /** The token from the link in the newest mail to `email`. */
  function tokenMailedTo(email: string): string {
    const mail = t.mails.filter((m) => m.to === email).at(-1);
    expect(mail, `a mail to ${email}`).toBeDefined();
    const match = new RegExp(`${PUBLIC_URL}/dat-lai-mat-khau\\?token=([A-Za-z0-9_-]+)`).exec(mail!.text);
    expect(match, 'the reset link in the mail').not.toBeNull();
    return match![1]!;
  }

  it('mails a single-use link, sets the new password and ends every session', async () => {
    const user = await newUser(t.ctx.db);
    const email = `${user.username}@example.test`;
    const elsewhere = new Client(t.app);
    await elsewhere.signIn(user.username);

    const c = new Client(t.app);
    const res = await forgot(c, user.username);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const mail = t.mails.at(-1)!;
    expect(mail.to).toBe(email);
    expect(mail.subject).toBe('Đặt lại mật khẩu tài khoản thi đua - khen thưởng');
    expect(mail.text).toContain('English:');
    const token = tokenMailedTo(email);

    // Only the token's hash is kept, so a copy of the database holds no working link.
    const stored = await t.ctx.db.selectFrom('password_reset_tokens').selectAll().where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(stored[0]!.token_hash).not.toContain(token);

    const weak = await c.post('/api/auth/password/reset', { token, password: 'ngan' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');

    const ok = await c.post('/api/auth/password/reset', { token, password: NEW_PASSWORD });
    expect(ok.statusCode).toBe(200);

    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    const old = await new Client(t.app).post('/api/auth/sign-in', { username: user.username, password: DEFAULT_PASSWORD });
    expect(old.statusCode).toBe(401);
    await new Client(t.app).signIn(user.username, NEW_PASSWORD);

    const again = await c.post('/api/auth/password/reset', { token, password: 'mot-mat-khau-khac' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('INVALID_TOKEN');
    expect(again.json().error.message).toBe('Liên kết không hợp lệ hoặc đã hết hạn');

    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(user.id)).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset']));
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('finds the account by e-mail as well as by username', async () => {
    const email = `hoa.${randomInt(1e9)}@so-noi-vu.example.test`;
    await newUser(t.ctx.db, { email });
    expect((await forgot(new Client(t.app), email.toUpperCase())).statusCode).toBe(200);
    expect(tokenMailedTo(email)).toBeTruthy();
  });

  it('refuses an expired link', async () => {
    const user = await newUser(t.ctx.db);
    const c = new Client(t.app);
    await forgot(c, user.username);
    const token = tokenMailedTo(`${user.username}@example.test`);
    await t.ctx.db.updateTable('password_reset_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    const res = await c.post('/api/auth/password/reset', { token, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_TOKEN');
    await new Client(t.app).signIn(user.username);
  });

  it('refuses a made-up token and a malformed body with the contract error', async () => {
    const c = new Client(t.app);
    const bad = await c.post('/api/auth/password/reset', { token: 'khong-phai-token-that', password: NEW_PASSWORD });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_TOKEN');
    const malformed = await c.post('/api/auth/password/reset', { token: 'x' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    expect(malformed.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['token', 'password']));
  });

  it('answers the same for unknown, mail-less and disabled accounts, and sends nothing', async () => {
    const noMail = await newUser(t.ctx.db);
    await t.ctx.db.updateTable('users').set({ email: null }).where('id', '=', noMail.id).execute();
    const disabled = await newUser(t.ctx.db);
    await t.ctx.db.updateTable('users').set({ is_active: false }).where('id', '=', disabled.id).execute();
    const before = t.mails.length;
    const c = new Client(t.app);
    for (const login of ['khong-ton-tai', 'ai.do@example.test', noMail.username, disabled.username]) {
      const res = await forgot(c, login);
      expect(res.statusCode, login).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    }
    expect(t.mails.length).toBe(before);
  });

  it('a reset also lifts a lockout and the waits of wrong sign-ins', async () => {
    const user = await newUser(t.ctx.db);
    const c = new Client(t.app);
    const home = someIp();
    const signIn = (password: string, ip: string) => c.request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password }, remoteAddress: ip });
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await signIn('sai-mat-khau', home);
    expect((await signIn(DEFAULT_PASSWORD, home)).json().error.code).toBe('SIGN_IN_WAIT');
    for (let i = PAIR_FREE_FAILURES; i < LOCK_AFTER; i++) await signIn('sai-mat-khau', someIp());
    expect((await signIn(DEFAULT_PASSWORD, someIp())).json().error.code).toBe('ACCOUNT_LOCKED');
    await forgot(c, user.username);
    const reset = await c.post('/api/auth/password/reset', { token: tokenMailedTo(`${user.username}@example.test`), password: NEW_PASSWORD });
    expect(reset.statusCode).toBe(200);
    expect((await signIn(NEW_PASSWORD, home)).statusCode).toBe(200);
  });

  it('limits requests per address, and links per account, without telling which', async () => {
    const c = new Client(t.app);
    const ip = someIp();
    for (let i = 0; i < FORGOT_IP_LIMIT; i++) expect((await forgot(c, `khong-ai-${i}`, ip)).statusCode).toBe(200);
    const limited = await forgot(c, 'khong-ai', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('TOO_MANY_ATTEMPTS');

    const user = await newUser(t.ctx.db);
    const email = `${user.username}@example.test`;
    for (let i = 0; i < MAX_LIVE_RESET_TOKENS + 2; i++) expect((await forgot(c, user.username)).statusCode).toBe(200);
    expect(t.mails.filter((m) => m.to === email)).toHaveLength(MAX_LIVE_RESET_TOKENS);
  });

  it('says single sign-on is off when no provider is configured', async () => {
    const c = new Client(t.app);
    expect((await c.get('/api/auth/sso')).json()).toEqual({ enabled: false, label: '' });
    const start = await c.get('/api/auth/sso/start');
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/dang-nhap?loi=SSO_NOT_CONFIGURED');
  });
});
