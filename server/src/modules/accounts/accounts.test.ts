import type { Role } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { verifyPassword } from '../auth/passwords.js';
import { newTotpSecret, totpFor } from '../auth/totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

async function signedIn(username: string) {
  const c = new Client(t.app);
  await c.signIn(username);
  return c;
}

async function clientWith(roles: [Role, TestUnit][]) {
  const user = await newUser(t.ctx.db, { roles });
  return { c: await signedIn(user.username), user };
}

/** A signed-in system administrator: they must have a second factor to act. */
async function adminAt(unit: TestUnit) {
  const secret = newTotpSecret();
  const user = await newUser(t.ctx.db, { roles: [['system_admin', unit]], totpSecret: secret });
  const c = new Client(t.app);
  await c.signIn(user.username, undefined, totpFor(secret, 'x').generate());
  return { c, user };
}

/** Everything an accounts write could touch, to prove a refused request changed nothing. */
async function accountsState() {
  const db = t.ctx.db;
  return {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    grants: await db.selectFrom('role_grants').selectAll().orderBy('id').execute(),
    sessions: await db.selectFrom('sessions').select(['id', 'user_id']).orderBy('id').execute(),
    audit: await auditCount(),
  };
}

async function auditCount() {
  const r = await t.ctx.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('entity', 'in', ['user', 'role_grant'])
    .where('action', 'not like', 'auth.%')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const ids = (items: { id: number }[]) => items.map((x) => x.id).sort((a, b) => a - b);

describe('UsersService', () => {
  it('lists the accounts in the actor’s subtrees, with their grants, searchable without diacritics', async () => {
    const root = await newUnit(t.ctx.db);
    const a = await newUnit(t.ctx.db, { parent: root });
    const a1 = await newUnit(t.ctx.db, { parent: a });
    const b = await newUnit(t.ctx.db, { parent: root });
    const inA1 = await newUser(t.ctx.db, { roles: [['unit_officer', a1], ['viewer', b]] });
    const inB = await newUser(t.ctx.db, { roles: [['unit_officer', b]] });
    const person = await newPerson(t.ctx.db, a);
    const linked = await newUser(t.ctx.db);
    await t.ctx.db.updateTable('users').set({ person_id: person.id, display_name: 'Lê Thị Hồng Nhung' }).where('id', '=', linked.id).execute();
    const loner = await newUser(t.ctx.db);
    const { c: head, user: headUser } = await clientWith([['unit_head', a]]);

    const list = await head.get('/api/users?pageSize=200');
    expect(list.statusCode, list.body).toBe(200);
    expect(ids(list.json().items)).toEqual([inA1.id, linked.id, headUser.id].sort((x, y) => x - y));
    // Roles at units the head cannot read (B) are not shown to it.
    const a1User = list.json().items.find((u: { id: number }) => u.id === inA1.id);
    expect(a1User.grants).toEqual([{ id: expect.any(Number), role: 'unit_officer', unitId: a1.id, unitName: a1.name }]);

    for (const q of ['le thi hong', 'LÊ THI HÔNG nhung']) {
      expect(ids((await head.get(`/api/users?q=${encodeURIComponent(q)}`)).json().items)).toEqual([linked.id]);
    }
    expect(ids((await head.get(`/api/users?unitId=${a1.id}`)).json().items)).toEqual([inA1.id]);
    expect((await head.get(`/api/users?unitId=${b.id}`)).statusCode).toBe(404);

    const { c: admin } = await adminAt(root);
    const all = (await admin.get('/api/users?pageSize=200')).json();
    expect(ids(all.items)).toEqual(expect.arrayContaining([inA1.id, inB.id, linked.id, loner.id]));
    expect(all.items.find((u: { id: number }) => u.id === inA1.id).grants).toHaveLength(2);

    const viewer = await clientWith([['viewer', root]]);
    expect((await viewer.c.get('/api/users')).statusCode).toBe(403);
    expect((await new Client(t.app).get('/api/users')).statusCode).toBe(401);
  });

  it('creates an account with an argon2id hash; weak passwords and taken usernames are refused', async () => {
    const unit = await newUnit(t.ctx.db);
    const person = await newPerson(t.ctx.db, unit);
    const { c } = await clientWith([['unit_head', unit]]);
    const weak = await c.post('/api/users', { username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', password: 'ngan-qua' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');

    const res = await c.post('/api/users', { username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', personId: person.id, password: 'mat-khau-du-dai' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: 'nguyen.van.a', personId: person.id, isActive: true, mfaEnabled: false, grants: [] });
    const row = await t.ctx.db.selectFrom('users').select('password_hash').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash, 'mat-khau-du-dai')).toBe(true);

    const taken = await c.post('/api/users', { username: 'NGUYEN.VAN.A', displayName: 'X', password: 'mat-khau-du-dai' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('USERNAME_TAKEN');
    const twice = await c.post('/api/users', { username: 'nguyen.van.b', displayName: 'X', personId: person.id, password: 'mat-khau-du-dai' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields[0].path).toBe('personId');
    const bad = await c.post('/api/users', { username: 'có dấu', displayName: '', password: 'mat-khau-du-dai' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['displayName', 'username']);

    // The person's card now shows the account.
    expect((await c.get(`/api/people/${person.id}`)).json().accountId).toBe(res.json().id);
  });

  it('deactivating ends the sessions; unlocking clears the lockout', async () => {
    const unit = await newUnit(t.ctx.db);
    const target = await newUser(t.ctx.db, { roles: [['staff_member', unit]] });
    const targetClient = await signedIn(target.username);
    expect((await targetClient.get('/api/auth/me')).statusCode).toBe(200);
    const { c } = await clientWith([['unit_head', unit]]);

    const off = await c.patch(`/api/users/${target.id}`, { isActive: false, displayName: 'Đã nghỉ' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ isActive: false, displayName: 'Đã nghỉ' });
    expect(await t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', target.id).execute()).toEqual([]);
    expect((await targetClient.get('/api/auth/me')).statusCode).toBe(401);

    await t.ctx.db.updateTable('users').set({ failed_sign_ins: 3, locked_until: new Date(t.ctx.now().getTime() + 600_000) }).where('id', '=', target.id).execute();
    // The owner also waits at an address after wrong sign-ins there: unlocking ends that too.
    const waitUntil = new Date(t.ctx.now().getTime() + 600_000);
    await t.ctx.db.insertInto('sign_in_throttles').values({ ip: '203.0.113.5', username: target.username, failures: 9, last_failure_at: t.ctx.now(), blocked_until: waitUntil }).execute();
    const locked = await c.get(`/api/users?q=${target.username}`);
    expect(locked.json().items[0].lockedUntil).not.toBeNull();
    const unlocked = await c.patch(`/api/users/${target.id}`, { unlock: true, isActive: true });
    expect(unlocked.json()).toMatchObject({ lockedUntil: null, isActive: true });
    const row = await t.ctx.db.selectFrom('users').select(['failed_sign_ins', 'locked_until']).where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_sign_ins: 0, locked_until: null });
    expect(await t.ctx.db.selectFrom('sign_in_throttles').select('ip').where('username', '=', target.username).execute()).toEqual([]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'unit_id']).where('entity', '=', 'user').where('entity_id', '=', String(target.id)).where('action', 'like', 'user.%').execute();
    expect(audit).toEqual([
      { action: 'user.update', unit_id: unit.id },
      { action: 'user.update', unit_id: unit.id },
    ]);
  });

  it('refuses to change an account holding more authority than the actor', async () => {
    const root = await newUnit(t.ctx.db);
    const a = await newUnit(t.ctx.db, { parent: root });
    const peer = await newUser(t.ctx.db, { roles: [['unit_head', a]] });
    const admin = await newUser(t.ctx.db, { roles: [['system_admin', root]] });
    const { c: head } = await clientWith([['unit_head', a]]);
    const { c: standing } = await clientWith([['standing_officer', root]]);
    const before = await accountsState();
    expect((await head.patch(`/api/users/${peer.id}`, { isActive: false })).statusCode).toBe(403);
    expect((await standing.patch(`/api/users/${admin.id}`, { isActive: false })).statusCode).toBe(403);
    expect(await accountsState()).toEqual(before);
    expect((await standing.patch(`/api/users/${peer.id}`, { displayName: 'Trưởng đơn vị A' })).statusCode).toBe(200);
  });
});

describe('GrantsService', () => {
  it('lists grants at a unit and its subtree, or of one account, within what the actor can see', async () => {
    const root = await newUnit(t.ctx.db);
    const a = await newUnit(t.ctx.db, { parent: root });
    const a1 = await newUnit(t.ctx.db, { parent: a });
    const b = await newUnit(t.ctx.db, { parent: root });
    const u = await newUser(t.ctx.db, { roles: [['unit_officer', a1], ['inspector', b]] });
    const { c, user: me } = await clientWith([['viewer', a]]);
    const atA = (await c.get(`/api/role-grants?unitId=${a.id}`)).json().items;
    expect(atA.map((g: { userId: number; role: string; unitId: number }) => [g.userId, g.role, g.unitId]).sort()).toEqual(
      [
        [me.id, 'viewer', a.id],
        [u.id, 'unit_officer', a1.id],
      ].sort(),
    );
    expect(atA[0]).toMatchObject({ username: expect.any(String), displayName: expect.any(String), createdAt: expect.any(String) });
    const ofU = (await c.get(`/api/role-grants?userId=${u.id}`)).json().items;
    expect(ofU.map((g: { role: string }) => g.role)).toEqual(['unit_officer']);
    expect((await c.get(`/api/role-grants?unitId=${b.id}`)).statusCode).toBe(404);
  });

  it('a role granted at a sub-unit narrows the people the account sees to that subtree', async () => {
    const root = await newUnit(t.ctx.db);
    const a = await newUnit(t.ctx.db, { parent: root });
    const a1 = await newUnit(t.ctx.db, { parent: a });
    const b = await newUnit(t.ctx.db, { parent: root });
    await newPerson(t.ctx.db, a);
    await newPerson(t.ctx.db, b);
    const inA1 = await newPerson(t.ctx.db, a1);
    const { c: standing } = await clientWith([['standing_officer', root]]);
    const created = await standing.post('/api/users', { username: `officer_${a1.id}`, displayName: 'Cán bộ thi đua', password: 'mat-khau-thu-nghiem' });
    expect(created.statusCode, created.body).toBe(201);
    const grant = await standing.post('/api/role-grants', { userId: created.json().id, role: 'unit_officer', unitId: a1.id });
    expect(grant.statusCode, grant.body).toBe(201);
    expect(grant.json()).toMatchObject({ userId: created.json().id, role: 'unit_officer', unitId: a1.id, unitName: a1.name });

    const officer = await signedIn(`officer_${a1.id}`);
    const seen = (await officer.get('/api/people')).json();
    expect(ids(seen.items)).toEqual([inA1.id]);
    expect(seen.total).toBe(1);
    expect((await officer.get(`/api/people?unitId=${a.id}`)).statusCode).toBe(404);
  });

  it('refuses duplicates, inactive units, and removing one’s own last system_admin role', async () => {
    const root = await newUnit(t.ctx.db);
    const merged = await newUnit(t.ctx.db, { parent: root });
    await t.ctx.db.updateTable('units').set({ status: 'merged' }).where('id', '=', merged.id).execute();
    const target = await newUser(t.ctx.db, { roles: [['viewer', root]] });
    const { c, user: me } = await adminAt(root);
    const dup = await c.post('/api/role-grants', { userId: target.id, role: 'viewer', unitId: root.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
    const inactive = await c.post('/api/role-grants', { userId: target.id, role: 'viewer', unitId: merged.id });
    expect(inactive.json().error.code).toBe('UNIT_INACTIVE');
    const noUser = await c.post('/api/role-grants', { userId: 999_999_999, role: 'viewer', unitId: root.id });
    expect(noUser.statusCode).toBe(404);

    const [own] = await t.ctx.db.selectFrom('role_grants').select('id').where('user_id', '=', me.id).execute();
    const last = await c.delete(`/api/role-grants/${own!.id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error).toMatchObject({ code: 'CONFLICT', details: { reason: 'last_system_admin_grant' } });
    expect(last.json().error.fields[0].message).toContain('quản trị hệ thống cuối cùng');

    // With a second administrator role, the first may go.
    const elsewhere = await newUnit(t.ctx.db);
    // Another tree is not the administrator's to grant at: it cannot even see it.
    expect((await c.post('/api/role-grants', { userId: me.id, role: 'system_admin', unitId: elsewhere.id })).statusCode).toBe(404);
    const sub = await newUnit(t.ctx.db, { parent: root });
    expect((await c.post('/api/role-grants', { userId: me.id, role: 'system_admin', unitId: sub.id })).statusCode).toBe(201);
    expect((await c.delete(`/api/role-grants/${own!.id}`)).statusCode).toBe(200);
  });
});

// Every mutating route: outsider, wrong role, other subtree, right role, administrator. Each refusal
// must leave accounts, grants, sessions and the audit log exactly as they were.
describe('Accounts authorisation matrix', () => {
  let root: TestUnit;
  let a: TestUnit;
  let a1: TestUnit;
  let b: TestUnit;
  let clients: Record<'anonymous' | 'viewer' | 'staff' | 'outsider' | 'head' | 'admin', Client>;
  beforeAll(async () => {
    root = await newUnit(t.ctx.db);
    a = await newUnit(t.ctx.db, { parent: root });
    a1 = await newUnit(t.ctx.db, { parent: a });
    b = await newUnit(t.ctx.db, { parent: root });
    clients = {
      anonymous: new Client(t.app),
      viewer: (await clientWith([['viewer', a]])).c,
      staff: (await clientWith([['staff_member', a]])).c,
      outsider: (await clientWith([['unit_head', b]])).c,
      head: (await clientWith([['unit_head', a]])).c,
      admin: (await adminAt(root)).c,
    };
  });

  type Who = keyof typeof clients;
  type Act = (c: Client) => ReturnType<Client['get']>;

  async function expectRefused(who: Who, act: Act, status: number) {
    const before = await accountsState();
    const res = await act(clients[who]);
    expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
    expect(res.json().error).toMatchObject({ message: expect.any(String), messageEn: expect.any(String) });
    expect(await accountsState()).toEqual(before);
  }

  async function expectDone(who: Who, act: Act, status: number) {
    const before = await auditCount();
    const res = await act(clients[who]);
    expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
    expect(await auditCount()).toBe(before + 1);
    return res.json();
  }

  it('POST /api/users', async () => {
    const inA = await newPerson(t.ctx.db, a);
    const inB = await newPerson(t.ctx.db, b);
    let n = 0;
    const create = (personId?: number) => (c: Client) =>
      c.post('/api/users', { username: `matrix_${a.id}_${++n}`, displayName: 'Tài khoản thử', password: 'mat-khau-thu-nghiem', personId });
    await expectRefused('anonymous', create(inA.id), 401);
    await expectRefused('viewer', create(inA.id), 403);
    await expectRefused('staff', create(), 403);
    await expectRefused('head', create(inB.id), 404);
    await expectRefused('outsider', create(inA.id), 404);
    expect((await expectDone('head', create(inA.id), 201)).personId).toBe(inA.id);
    expect((await expectDone('admin', create(inB.id), 201)).personId).toBe(inB.id);
    expect((await expectDone('admin', create(), 201)).personId).toBeNull();
  });

  it('PATCH /api/users/:id', async () => {
    const target = await newUser(t.ctx.db, { roles: [['unit_officer', a1]] });
    const edit = (displayName: string) => (c: Client) => c.patch(`/api/users/${target.id}`, { displayName });
    await expectRefused('anonymous', edit('x'), 401);
    await expectRefused('viewer', edit('x'), 403);
    await expectRefused('staff', edit('x'), 403);
    await expectRefused('outsider', edit('x'), 404);
    await expectRefused('head', (c) => c.patch('/api/users/999999999', { displayName: 'x' }), 404);
    expect((await expectDone('head', edit('Nguyễn Thị Thu'), 200)).displayName).toBe('Nguyễn Thị Thu');
    expect((await expectDone('admin', edit('Nguyễn Thị Thủy'), 200)).displayName).toBe('Nguyễn Thị Thủy');
  });

  it('POST /api/role-grants', async () => {
    const target = await newUser(t.ctx.db);
    const grant = (role: Role, unit: () => TestUnit) => (c: Client) => c.post('/api/role-grants', { userId: target.id, role, unitId: unit().id });
    await expectRefused('anonymous', grant('unit_officer', () => a1), 401);
    await expectRefused('viewer', grant('unit_officer', () => a1), 403);
    await expectRefused('staff', grant('viewer', () => a), 403);
    // A unit head may not grant a role above its own, nor anything outside its subtree.
    await expectRefused('head', grant('standing_officer', () => a), 403);
    await expectRefused('head', grant('unit_officer', () => b), 404);
    await expectRefused('outsider', grant('unit_officer', () => a1), 404);
    expect((await expectDone('head', grant('unit_officer', () => a1), 201)).role).toBe('unit_officer');
    expect((await expectDone('admin', grant('standing_officer', () => a), 201)).role).toBe('standing_officer');
  });

  it('DELETE /api/role-grants/:id', async () => {
    const target = await newUser(t.ctx.db, { roles: [['inspector', a1], ['viewer', a], ['standing_officer', a]] });
    const grantId = async (role: Role) =>
      (await t.ctx.db.selectFrom('role_grants').select('id').where('user_id', '=', target.id).where('role', '=', role).executeTakeFirstOrThrow()).id;
    const inspector = await grantId('inspector');
    const remove = (id: number) => (c: Client) => c.delete(`/api/role-grants/${id}`);
    await expectRefused('anonymous', remove(inspector), 401);
    await expectRefused('viewer', remove(inspector), 403);
    await expectRefused('staff', remove(inspector), 403);
    await expectRefused('outsider', remove(inspector), 404);
    await expectRefused('head', remove(await grantId('standing_officer')), 403);
    await expectRefused('head', remove(999_999_999), 404);
    expect(await expectDone('head', remove(inspector), 200)).toEqual({ ok: true });
    expect(await expectDone('admin', remove(await grantId('standing_officer')), 200)).toEqual({ ok: true });
    expect((await t.ctx.db.selectFrom('role_grants').select('role').where('user_id', '=', target.id).execute()).map((g) => g.role)).toEqual(['viewer']);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
