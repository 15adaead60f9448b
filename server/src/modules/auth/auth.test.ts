import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { Client, DEFAULT_PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser } from '../../../test/factories.js';
import { LOCK_AFTER, LOCK_MINUTES } from './auth.service.js';

describe('sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });

  it('signs in, shows who I am, and signs out', async () => {
    const unit = await newUnit(t.ctx.db);
    const user = await newUser(t.ctx.db, { roles: [['unit_officer', unit]] });
    const c = new Client(t.app);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    const me = await c.signIn(user.username);
    expect(me.username).toBe(user.username);
    expect(me.grants).toEqual([expect.objectContaining({ role: 'unit_officer', unitId: unit.id })]);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const user = await newUser(t.ctx.db);
    const c = new Client(t.app);
    await c.signIn(user.username);
    const res = await c.request({ method: 'POST', url: '/api/auth/sign-out', headers: { 'x-csrf-token': 'wrong' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('says in Vietnamese and English which field is wrong', async () => {
    const res = await new Client(t.app).post('/api/auth/sign-in', { username: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields[0].path).toBe('username');
    expect(body.error.message).toBe('Dữ liệu không hợp lệ');
  });

  it('locks the account after repeated wrong passwords from anywhere, even for the right one', async () => {
    const user = await newUser(t.ctx.db);
    const c = new Client(t.app);
    // Spread over many addresses, as guessing that dodges the per-address slow-down would be.
    const signIn = (password: string, i: number) => c.request({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password }, remoteAddress: `198.51.100.${i + 1}` });
    for (let i = 0; i < LOCK_AFTER; i++) {
      const res = await signIn('sai-mat-khau', i);
      expect(res.statusCode).toBe(401);
    }
    const res = await signIn(DEFAULT_PASSWORD, LOCK_AFTER);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(res.headers['retry-after'])).toBe(LOCK_MINUTES * 60);
    const locked = await t.ctx.db.selectFrom('audit_log').select('ip').where('actor_user_id', '=', user.id).where('action', '=', 'auth.locked').executeTakeFirstOrThrow();
    expect(locked.ip).toBe(`198.51.100.${LOCK_AFTER}`);
  });

  it('chains every sign-in into the audit log', async () => {
    const user = await newUser(t.ctx.db);
    await new Client(t.app).signIn(user.username);
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('actor_user_id', '=', user.id).execute();
    expect(rows.map((r) => r.action)).toContain('auth.sign_in');
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
