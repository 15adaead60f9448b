import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUnit } from '../../../test/factories.js';
import { createAdmin } from './auth.service.js';
import { newTotpSecret } from './totp.js';

// `thidua create-admin` is a thin wrapper around createAdmin; these tests share one database, in order.
describe('create-admin (tạo quản trị hệ thống)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });

  const grantsOf = (userId: number) =>
    t.ctx.db.selectFrom('role_grants as g').innerJoin('units as u', 'u.id', 'g.unit_id').select(['g.role', 'u.code', 'u.parent_id']).where('g.user_id', '=', userId).orderBy('g.id').execute();

  it('on an empty tree creates the national root and an administrator there', async () => {
    expect(await t.ctx.db.selectFrom('units').select('id').execute()).toEqual([]);
    const r = await createAdmin(t.ctx.db, { username: 'quantri', password: 'mat-khau-quan-tri-1', email: 'quantri@example.gov.vn' }, t.ctx.now());
    expect(r).toMatchObject({ created: true, username: 'quantri', units: ['Việt Nam'] });

    const root = await t.ctx.db.selectFrom('units').selectAll().executeTakeFirstOrThrow();
    expect(root).toMatchObject({ code: 'VN', name: 'Việt Nam', kind: 'national', parent_id: null, path: String(root.id) });
    expect(await grantsOf(r.userId)).toEqual([{ role: 'system_admin', code: 'VN', parent_id: null }]);

    const me = await new Client(t.app).signIn('quantri', 'mat-khau-quan-tri-1');
    expect(me).toMatchObject({ displayName: 'Quản trị hệ thống', email: 'quantri@example.gov.vn', mfaSetupRequired: true });
    const actions = (await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name']).execute()).filter((a) => a.actor_name === 'thidua create-admin');
    expect(actions.map((a) => a.action)).toEqual(['unit.create', 'user.create', 'role_grant.create']);
  });

  it('run again, sets the password, signs the old sessions out and adds no duplicate grant', async () => {
    const old = new Client(t.app);
    await old.signIn('quantri', 'mat-khau-quan-tri-1');
    const r = await createAdmin(t.ctx.db, { username: 'QuanTri', password: 'mat-khau-quan-tri-2', displayName: 'Nguyễn Quản Trị' }, t.ctx.now());
    expect(r).toMatchObject({ created: false, grantedAt: [] });
    expect((await old.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new Client(t.app).post('/api/auth/sign-in', { username: 'quantri', password: 'mat-khau-quan-tri-1' })).statusCode).toBe(401);
    expect((await new Client(t.app).signIn('quantri', 'mat-khau-quan-tri-2')).displayName).toBe('Nguyễn Quản Trị');
    expect(await grantsOf(r.userId)).toHaveLength(1);
  });

  it('grants at every root unit when there are several', async () => {
    await newUnit(t.ctx.db, { code: 'HN', name: 'Hà Nội' });
    const r = await createAdmin(t.ctx.db, { username: 'quantri.hai', password: 'mat-khau-quan-tri-3' }, t.ctx.now());
    expect((await grantsOf(r.userId)).map((g) => g.code).sort()).toEqual(['HN', 'VN']);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('with --reset-mfa lets an administrator who lost the phone sign in and enrol a new device', async () => {
    const r = await createAdmin(t.ctx.db, { username: 'quantri.ba', password: 'mat-khau-quan-tri-4' }, t.ctx.now());
    await t.ctx.db.updateTable('users').set({ totp_enabled: true, totp_secret: newTotpSecret() }).where('id', '=', r.userId).execute();
    const locked = await new Client(t.app).post('/api/auth/sign-in', { username: 'quantri.ba', password: 'mat-khau-quan-tri-4' });
    expect(locked.json().error.code).toBe('MFA_REQUIRED');

    await createAdmin(t.ctx.db, { username: 'quantri.ba', password: 'mat-khau-quan-tri-5', resetMfa: true }, t.ctx.now());
    const me = await new Client(t.app).signIn('quantri.ba', 'mat-khau-quan-tri-5');
    expect(me.mfaSetupRequired).toBe(true);
    const last = await t.ctx.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').limit(2).execute();
    expect(last.map((a) => a.action)).toContain('auth.mfa_reset');
  });

  it('refuses a weak password or a bad username and changes nothing', async () => {
    const count = async () => (await t.ctx.db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    await expect(createAdmin(t.ctx.db, { username: 'yeu', password: 'ngan' }, t.ctx.now())).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'WEAK_PASSWORD');
    await expect(createAdmin(t.ctx.db, { username: 'co dau cach', password: 'mat-khau-du-dai' }, t.ctx.now())).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'VALIDATION_FAILED');
    expect(await count()).toBe(before);
  });
});
