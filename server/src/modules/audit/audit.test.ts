import type { Role } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newSystemAdmin, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { entryHash } from '../../platform/audit.js';

interface Entry {
  id: number;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  unitName: string | null;
  actorUserId: number | null;
  at: string;
}

describe('audit log viewer (nhật ký)', () => {
  let t: TestApp;
  let national: TestUnit;
  let p: TestUnit;
  let q: TestUnit;
  let admin: Client;
  let officerP: Client & { userId: number };
  let officerQ: Client & { userId: number };
  let createdInP: { id: number; path: string; name: string };

  async function as(...roles: [Role, TestUnit][]) {
    const user = await newUser(t.ctx.db, { roles });
    const c = new Client(t.app);
    await c.signIn(user.username);
    return Object.assign(c, { userId: user.id });
  }

  /** Appends a chained entry at a chosen instant, to test the day boundaries. */
  async function appendAt(at: string, unit: TestUnit) {
    const last = await t.ctx.db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const fields = { at: new Date(at), actor_user_id: null, action: 'test.boundary', entity: 'test', entity_id: at, unit_id: unit.id, before: null, after: null, ip: null };
    const hash = entryHash(last?.hash ?? null, fields);
    await t.ctx.db
      .insertInto('audit_log')
      .values({ ...fields, before: null, after: null, actor_name: null, user_agent: null, unit_path: unit.path, prev_hash: last?.hash ?? null, hash })
      .execute();
  }

  const items = async (c: Client, qs = ''): Promise<Entry[]> => {
    const res = await c.get(`/api/audit${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  beforeAll(async () => {
    t = await testApp();
    national = await newUnit(t.ctx.db, { kind: 'national' });
    p = await newUnit(t.ctx.db, { parent: national, name: 'Tỉnh Phú Thọ' });
    q = await newUnit(t.ctx.db, { parent: national, name: 'Tỉnh Quảng Trị' });
    const a = await newSystemAdmin(t.ctx.db, national);
    admin = new Client(t.app);
    await admin.signIn(a.username, undefined, a.totp());
    officerP = await as(['standing_officer', p]);
    officerQ = await as(['standing_officer', q]);
    createdInP = (await officerP.post('/api/units', { parentId: p.id, code: 'SYT-PT', name: 'Sở Y tế', kind: 'department' })).json();
    await officerP.patch(`/api/units/${createdInP.id}`, { shortName: 'SYT' });
    await officerQ.post('/api/units', { parentId: q.id, code: 'SYT-QT', name: 'Sở Y tế', kind: 'department' });
  });

  it('shows an officer only the entries of its own subtree, newest first, with unit names', async () => {
    const list = await items(officerP);
    expect(list.map((e) => e.action)).toEqual(['unit.update', 'unit.create']);
    expect(list[0]).toMatchObject({ entity: 'unit', entityId: String(createdInP.id), unitId: createdInP.id, unitName: 'Sở Y tế', actorUserId: officerP.userId });
    expect(list[0]!.id).toBeGreaterThan(list[1]!.id);
    expect((await items(officerQ)).map((e) => e.action)).toEqual(['unit.create']);
  });

  it('shows a system administrator everything, including entries tied to no unit', async () => {
    const list = await items(admin, '?pageSize=200');
    expect(list.some((e) => e.action === 'auth.sign_in' && e.unitId === null)).toBe(true);
    expect(list.filter((e) => e.action === 'unit.create')).toHaveLength(2);
    // Narrowed to a unit, the unscoped entries drop out.
    const inP = await items(admin, `?unitId=${p.id}`);
    expect(inP.every((e) => e.unitId === createdInP.id)).toBe(true);
  });

  it('filters by action prefix, entity, entity id, actor and unit subtree, and pages', async () => {
    expect((await items(admin, '?action=unit.&pageSize=200')).every((e) => e.action.startsWith('unit.'))).toBe(true);
    expect((await items(admin, '?action=unit.cr')).map((e) => e.action)).toEqual(['unit.create', 'unit.create']);
    expect(await items(admin, '?action=unit_')).toEqual([]);
    expect((await items(admin, '?entity=unit&pageSize=200')).every((e) => e.entity === 'unit')).toBe(true);
    expect((await items(admin, `?entity=unit&entityId=${createdInP.id}`)).map((e) => e.action)).toEqual(['unit.update', 'unit.create']);
    expect((await items(admin, `?actorUserId=${officerQ.userId}`)).map((e) => [e.action, e.unitName])).toEqual([
      ['unit.create', 'Sở Y tế'],
      ['auth.sign_in', null],
    ]);
    expect(await items(officerP, `?unitId=${createdInP.id}&action=unit.create`)).toHaveLength(1);
    const page2 = await officerP.get('/api/audit?pageSize=1&page=2');
    expect(page2.json()).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ action: 'unit.create' }] });
  });

  it('reads from and to as whole days in Vietnam (UTC+7), both inclusive', async () => {
    for (const at of ['2026-02-28T16:59:59.000Z', '2026-02-28T17:00:00.000Z', '2026-03-01T16:59:59.000Z', '2026-03-01T17:00:00.000Z']) await appendAt(at, p);
    const ids = async (qs: string) => (await items(officerP, `?entity=test${qs}`)).map((e) => e.entityId);
    expect(await ids('&from=2026-03-01&to=2026-03-01')).toEqual(['2026-03-01T16:59:59.000Z', '2026-02-28T17:00:00.000Z']);
    expect(await ids('&from=2026-03-02')).toEqual(['2026-03-01T17:00:00.000Z']);
    expect(await ids('&to=2026-02-28')).toEqual(['2026-02-28T16:59:59.000Z']);
    const backwards = await officerP.get('/api/audit?from=2026-03-02&to=2026-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0].path).toBe('to');
    expect((await officerP.get('/api/audit?from=01/03/2026')).statusCode).toBe(400);
    expect((await officerP.get('/api/audit?from=0000-01-01')).statusCode).toBe(400);
    expect((await officerP.get('/api/audit?action=%00')).statusCode).toBe(400);
    expect((await officerP.get('/api/audit?pageSize=201')).statusCode).toBe(400);
  });

  it('refuses those without audit.read, hides other subtrees, and asks strangers to sign in', async () => {
    const staff = await as(['staff_member', p]);
    expect((await staff.get('/api/audit')).statusCode).toBe(403);
    expect((await new Client(t.app).get('/api/audit')).statusCode).toBe(401);
    expect((await officerP.get(`/api/audit?unitId=${q.id}`)).statusCode).toBe(404);
    const mixed = await as(['standing_officer', p], ['viewer', q]);
    expect((await mixed.get(`/api/audit?unitId=${q.id}`)).statusCode).toBe(403);
    // A viewer grant elsewhere does not widen what the officer may read.
    expect((await items(mixed)).every((e) => e.unitId !== null && e.unitName !== 'Tỉnh Quảng Trị')).toBe(true);
    expect((await items(mixed)).map((e) => e.actorUserId)).not.toContain(officerQ.userId);
  });

  it('lets only a system administrator verify the chain, and the check finds a forged entry', async () => {
    expect((await officerP.get('/api/audit/verify')).statusCode).toBe(403);
    expect((await new Client(t.app).get('/api/audit/verify')).statusCode).toBe(401);
    const ok = await admin.get('/api/audit/verify');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, firstBrokenId: null, problem: null });
    expect(ok.json().checked).toBeGreaterThan(5);

    // Rows cannot be edited (a trigger refuses), but one could be inserted with a made-up hash.
    const forged = await t.ctx.db
      .insertInto('audit_log')
      .values({ at: new Date(), action: 'unit.create', entity: 'unit', unit_id: p.id, unit_path: p.path, before: null, after: null, prev_hash: null, hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const broken = (await admin.get('/api/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, firstBrokenId: forged.id });
  });
});
