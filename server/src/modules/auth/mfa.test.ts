import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEFAULT_PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser } from '../../../test/factories.js';
import { newTotpSecret } from './totp.js';

/** The code an authenticator app shows for `secret`, `stepsAhead` periods of 30 s from now. */
const codeFor = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

const wrongCode = (secret: string) => (codeFor(secret) === '000000' ? '111111' : '000000');

describe('two-factor authentication (xác thực hai lớp, TOTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });

  it('sets up in two steps; from then on sign-in needs a fresh code', async () => {
    const user = await newUser(t.ctx.db);
    const c = new Client(t.app);
    await c.signIn(user.username);

    const setup = await c.post('/api/auth/mfa/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/thidua:/);
    expect(otpauthUrl).toContain(`secret=${secret}`);

    // Pending only: signing in still needs no code until the secret is confirmed.
    expect((await c.get('/api/auth/me')).json().mfaEnabled).toBe(false);
    await new Client(t.app).signIn(user.username);

    const wrong = await c.post('/api/auth/mfa/enable', { code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('MFA_INVALID');

    const code = codeFor(secret);
    const enabled = await c.post('/api/auth/mfa/enable', { code });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({ mfaEnabled: true, mfaSetupRequired: false });

    const noCode = await new Client(t.app).post('/api/auth/sign-in', { username: user.username, password: DEFAULT_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('MFA_REQUIRED');
    // The code that enabled TOTP cannot be replayed to sign in.
    const replay = await new Client(t.app).post('/api/auth/sign-in', { username: user.username, password: DEFAULT_PASSWORD, totp: code });
    expect(replay.json().error.code).toBe('MFA_INVALID');
    await new Client(t.app).signIn(user.username, DEFAULT_PASSWORD, codeFor(secret, 1));

    const again = await c.post('/api/auth/mfa/setup');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MFA_ALREADY_ENABLED');

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', String(user.id)).execute();
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.mfa_setup', 'auth.mfa_enable']));
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('refuses to enable before set-up, and a malformed code with the contract error', async () => {
    const user = await newUser(t.ctx.db);
    const c = new Client(t.app);
    await c.signIn(user.username);
    const early = await c.post('/api/auth/mfa/enable', { code: '123456' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('MFA_NOT_PENDING');
    const malformed = await c.post('/api/auth/mfa/enable', { code: '12ab' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    expect(malformed.json().error.fields[0].message).toBe('Mã: Mã gồm 6 chữ số');
    expect((await new Client(t.app).post('/api/auth/mfa/setup')).statusCode).toBe(401);
  });

  it('lets an ordinary user turn TOTP off with a current code', async () => {
    const secret = newTotpSecret();
    const user = await newUser(t.ctx.db, { totpSecret: secret });
    const c = new Client(t.app);
    await c.signIn(user.username, DEFAULT_PASSWORD, codeFor(secret));

    const wrong = await c.post('/api/auth/mfa/disable', { code: wrongCode(secret) });
    expect(wrong.json().error.code).toBe('MFA_INVALID');
    const off = await c.post('/api/auth/mfa/disable', { code: codeFor(secret, 1) });
    expect(off.statusCode).toBe(200);
    expect(off.json().mfaEnabled).toBe(false);
    await new Client(t.app).signIn(user.username);
    const row = await t.ctx.db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_secret: null, totp_enabled: false });
  });

  it('holds an administrator without TOTP to the set-up routes until it is on', async () => {
    const root = await newUnit(t.ctx.db, { kind: 'national' });
    const admin = await newUser(t.ctx.db, { roles: [['system_admin', root]] });
    const c = new Client(t.app);
    const me = await c.signIn(admin.username);
    expect(me.mfaSetupRequired).toBe(true);

    const blocked = await c.post('/api/auth/password/change', { currentPassword: DEFAULT_PASSWORD, newPassword: 'mat-khau-moi-2026' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('MFA_SETUP_REQUIRED');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);

    const { secret } = (await c.post('/api/auth/mfa/setup')).json();
    expect((await c.post('/api/auth/mfa/enable', { code: codeFor(secret) })).json().mfaSetupRequired).toBe(false);

    // The same session now reaches the other routes.
    const wrongCurrent = await c.post('/api/auth/password/change', { currentPassword: 'khong-dung-mat-khau', newPassword: 'mat-khau-moi-2026' });
    expect(wrongCurrent.json().error.code).toBe('INVALID_CREDENTIALS');

    const disable = await c.post('/api/auth/mfa/disable', { code: codeFor(secret, 1) });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().error.code).toBe('FORBIDDEN');
    const row = await t.ctx.db.selectFrom('users').select(['totp_enabled']).where('id', '=', admin.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(true);

    const noCode = await new Client(t.app).post('/api/auth/sign-in', { username: admin.username, password: DEFAULT_PASSWORD });
    expect(noCode.json().error.code).toBe('MFA_REQUIRED');
  });
});
