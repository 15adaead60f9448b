import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, type TestUnit } from '../../../test/factories.js';
import { verifyAuditChain } from '../../platform/audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

/** Everything a people write could touch, to prove a refused request changed nothing. */
async function peopleState() {
  const db = t.ctx.db;
  return {
    people: await db.selectFrom('people').selectAll().orderBy('id').execute(),
    assignments: await db.selectFrom('person_assignments').selectAll().orderBy('id').execute(),
    audit: (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('entity', '=', 'person').executeTakeFirstOrThrow()).n,
  };
}

async function auditOf(entityId: number) {
  return t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'person').where('entity_id', '=', String(entityId)).orderBy('id').execute();
}

const personInput = (unit: TestUnit, extra: Record<string, unknown> = {}) => ({
  fullName: 'Phạm Thị Hoa',
  gender: 'female',
  category: 'public_employee',
  unitId: unit.id,
  position: 'Chuyên viên',
  ...extra,
});

describe('PeopleService search and scope', () => {
  it('finds people without diacritics and regardless of case, đ included', async () => {
    const unit = await newUnit(t.ctx.db);
    const duc = await newPerson(t.ctx.db, unit, { fullName: 'Nguyễn Văn Đức' });
    await newPerson(t.ctx.db, unit, { fullName: 'Nguyễn Văn Dũng' });
    await newPerson(t.ctx.db, unit, { fullName: 'Trần Thị Hương' });
    const c = await clientWith(t, [['viewer', unit]]);
    for (const q of ['nguyen van duc', 'NGUYEN VAN ĐUC', 'đức nguyễn']) {
      const res = await c.get(`/api/people?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((p: { id: number }) => p.id)).toEqual([duc.id]);
      expect(res.json().total).toBe(1);
    }
    // A LIKE wildcard typed by a user matches itself, not everything.
    expect((await c.get('/api/people?q=%25')).json().total).toBe(0);
  });

  it('matches a one- or two-letter word as a whole syllable ("le" is Lê, not part of Lệnh)', async () => {
    const unit = await newUnit(t.ctx.db);
    const le = await newPerson(t.ctx.db, unit, { fullName: 'Lê Thị Hoa' });
    const ly = await newPerson(t.ctx.db, unit, { fullName: 'Trần Văn Lý' });
    await newPerson(t.ctx.db, unit, { fullName: 'Phạm Văn Lệnh' });
    const c = await clientWith(t, [['viewer', unit]]);
    const ids = async (q: string) => (await c.get(`/api/people?q=${encodeURIComponent(q)}`)).json().items.map((p: { id: number }) => p.id);
    expect(await ids('le')).toEqual([le.id]);
    expect(await ids('LY van')).toEqual([ly.id]);
    // Longer words still match inside a name, so a half-typed word finds it.
    expect((await ids('hoa')).length + (await ids('lenh')).length).toBe(2);
  });

  it('sorts Vietnamese names the Vietnamese way when the collation exists', async () => {
    const unit = await newUnit(t.ctx.db);
    await newPerson(t.ctx.db, unit, { fullName: 'Nguyễn Văn Đức' });
    await newPerson(t.ctx.db, unit, { fullName: 'Nguyễn Văn Dũng' });
    const c = await clientWith(t, [['viewer', unit]]);
    const names = (await c.get('/api/people?q=nguyen')).json().items.map((p: { fullName: string }) => p.fullName);
    const r = await sql<{ ok: boolean }>`select exists (select 1 from pg_collation where collname = 'vi-x-icu') as ok`.execute(t.ctx.db);
    if (r.rows[0]?.ok) expect(names).toEqual(['Nguyễn Văn Dũng', 'Nguyễn Văn Đức']);
    else expect(names).toHaveLength(2);
  });

  it('scopes by unit and its subtree, with filters and paging', async () => {
    const root = await newUnit(t.ctx.db);
    const a = await newUnit(t.ctx.db, { parent: root });
    const a1 = await newUnit(t.ctx.db, { parent: a });
    const b = await newUnit(t.ctx.db, { parent: root });
    const pa = await newPerson(t.ctx.db, a, { gender: 'female' });
    const pa1 = await newPerson(t.ctx.db, a1);
    const pb = await newPerson(t.ctx.db, b);
    const c = await clientWith(t, [['viewer', root]]);
    const ids = async (url: string) => {
      const res = await c.get(url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((p: { id: number }) => p.id).sort((x: number, y: number) => x - y);
    };
    expect(await ids(`/api/people?unitId=${a.id}`)).toEqual([pa.id, pa1.id]);
    expect(await ids(`/api/people?unitId=${a.id}&includeSubunits=false`)).toEqual([pa.id]);
    expect(await ids(`/api/people?unitId=${root.id}`)).toEqual([pa.id, pa1.id, pb.id]);
    expect(await ids(`/api/people?unitId=${root.id}&gender=female`)).toEqual([pa.id]);
    expect(await ids(`/api/people?unitId=${root.id}&category=cadre`)).toEqual([]);
    const page2 = (await c.get(`/api/people?unitId=${root.id}&pageSize=2&page=2`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBe(3);
    expect((await c.get(`/api/people?unitId=${root.id}&pageSize=2`)).json().total).toBe(3);
  });

  it('shows an officer only their subtree; other units answer 404', async () => {
    const root = await newUnit(t.ctx.db);
    const a = await newUnit(t.ctx.db, { parent: root });
    const a1 = await newUnit(t.ctx.db, { parent: a });
    const b = await newUnit(t.ctx.db, { parent: root });
    const pa = await newPerson(t.ctx.db, a);
    const pa1 = await newPerson(t.ctx.db, a1);
    const pb = await newPerson(t.ctx.db, b);
    const c = await clientWith(t, [['unit_officer', a]]);
    const list = (await c.get('/api/people?pageSize=200')).json();
    expect(list.items.map((p: { id: number }) => p.id).sort()).toEqual([pa.id, pa1.id].sort());
    expect(list.items[0].allowed).toEqual(['unit.read', 'person.write', 'plan.write', 'registration.write', 'record.write', 'round.manage', 'fund.write', 'report.write', 'unit.documents']);
    expect((await c.get(`/api/people?unitId=${b.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/people/${pb.id}`)).statusCode).toBe(404);
    expect((await c.get('/api/people/999999999')).statusCode).toBe(404);
    const detail = await c.get(`/api/people/${pa1.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: pa1.id, unitId: a1.id, unitName: a1.name, accountId: null });
    expect(detail.json().assignments).toEqual([{ unitId: a1.id, unitName: a1.name, position: null, startedOn: '2025-01-01', endedOn: null }]);
  });

  it('answers bad input with the bilingual 400, and strangers with 401', async () => {
    const unit = await newUnit(t.ctx.db);
    const c = await clientWith(t, [['unit_officer', unit]]);
    for (const url of ['/api/people/abc', '/api/people?pageSize=1000', '/api/people?gender=x', '/api/people?includeSubunits=maybe']) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ' });
    }
    const bad = await c.post('/api/people', { ...personInput(unit), fullName: '', gender: 'x', email: 'not-mail' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'fullName', 'gender']);
    expect((await new Client(t.app).get('/api/people')).statusCode).toBe(401);
    // What PostgreSQL itself would refuse must still be a 400 naming the field, never a 500.
    const odd = [
      [await c.get('/api/people?q=%00x'), 'q'],
      [await c.post('/api/people', personInput(unit, { fullName: 'A\u0000B' })), 'fullName'],
      [await c.post('/api/people', personInput(unit, { birthDate: '0000-01-01' })), 'birthDate'],
    ] as const;
    for (const [res, field] of odd) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields[0].path).toBe(field);
    }
  });
});

describe('PeopleService writes', () => {
  it('creates a person with a first assignment, unique code, and an audit row', async () => {
    const unit = await newUnit(t.ctx.db);
    const c = await clientWith(t, [['unit_officer', unit]]);
    const res = await c.post('/api/people', personInput(unit, { code: 'CB-001-x', email: '', birthDate: '1980-05-01' }));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ fullName: 'Phạm Thị Hoa', code: 'CB-001-x', email: null, birthDate: '1980-05-01', unitId: unit.id, isActive: true });
    expect(p.assignments).toHaveLength(1);
    expect(p.assignments[0]).toMatchObject({ unitId: unit.id, position: 'Chuyên viên', endedOn: null });
    const dup = await c.post('/api/people', personInput(unit, { code: 'cb-001-X' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
    expect(dup.json().error.fields[0].path).toBe('code');
    const audit = await auditOf(p.id);
    expect(audit.map((a) => [a.action, a.unit_id])).toEqual([['person.create', unit.id]]);
  });

  it('refuses a merged or dissolved unit', async () => {
    const root = await newUnit(t.ctx.db);
    const merged = await newUnit(t.ctx.db, { parent: root });
    await t.ctx.db.updateTable('units').set({ status: 'merged' }).where('id', '=', merged.id).execute();
    const c = await clientWith(t, [['unit_officer', root]]);
    const res = await c.post('/api/people', personInput(merged));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('UNIT_INACTIVE');
  });

  it('edits details, mirroring a new position into the open assignment', async () => {
    const unit = await newUnit(t.ctx.db);
    const person = await newPerson(t.ctx.db, unit, { fullName: 'Lê Văn Tám' });
    const c = await clientWith(t, [['unit_head', unit]]);
    const res = await c.patch(`/api/people/${person.id}`, { fullName: 'Lê Văn Tâm', position: 'Trưởng phòng', isActive: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fullName: 'Lê Văn Tâm', position: 'Trưởng phòng', isActive: false });
    expect(res.json().assignments[0].position).toBe('Trưởng phòng');
    const [entry] = await auditOf(person.id);
    expect(entry).toMatchObject({ action: 'person.update', unit_id: unit.id, before: { fullName: 'Lê Văn Tám', position: null, isActive: true } });
    // Searching follows the edit: the key is generated from the name.
    expect((await c.get('/api/people?q=le van tam')).json().items.map((p: { id: number }) => p.id)).toEqual([person.id]);
  });

  it('transfers a person, keeping the history of units', async () => {
    const root = await newUnit(t.ctx.db);
    const a = await newUnit(t.ctx.db, { parent: root });
    const b = await newUnit(t.ctx.db, { parent: root });
    const person = await newPerson(t.ctx.db, a);
    const c = await clientWith(t, [['standing_officer', root]]);

    const early = await c.post(`/api/people/${person.id}/transfer`, { unitId: b.id, date: '2024-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'date' })] });
    expect(early.json().error.fields[0].message).toContain('01/01/2025');

    const res = await c.post(`/api/people/${person.id}/transfer`, { unitId: b.id, position: 'Phó phòng', date: '2026-03-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unitId: b.id, unitName: b.name, position: 'Phó phòng' });
    expect(res.json().assignments).toEqual([
      { unitId: a.id, unitName: a.name, position: null, startedOn: '2025-01-01', endedOn: '2026-03-01' },
      { unitId: b.id, unitName: b.name, position: 'Phó phòng', startedOn: '2026-03-01', endedOn: null },
    ]);
    // Back again, keeping the position when none is given.
    const back = await c.post(`/api/people/${person.id}/transfer`, { unitId: a.id, date: '2026-09-01' });
    expect(back.json().assignments.map((x: { unitId: number; position: string | null }) => [x.unitId, x.position])).toEqual([
      [a.id, null],
      [b.id, 'Phó phòng'],
      [a.id, 'Phó phòng'],
    ]);
    const audit = await auditOf(person.id);
    expect(audit.map((x) => x.action)).toEqual(['person.transfer', 'person.transfer']);
    expect(audit[0]).toMatchObject({ unit_id: b.id, after: { fromUnitId: a.id, toUnitId: b.id, date: '2026-03-01' } });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('refuses a transfer into an inactive unit or to where the person already is', async () => {
    const root = await newUnit(t.ctx.db);
    const a = await newUnit(t.ctx.db, { parent: root });
    const dissolved = await newUnit(t.ctx.db, { parent: root });
    await t.ctx.db.updateTable('units').set({ status: 'dissolved' }).where('id', '=', dissolved.id).execute();
    const person = await newPerson(t.ctx.db, a);
    const c = await clientWith(t, [['unit_officer', root]]);
    const before = await peopleState();
    const inactive = await c.post(`/api/people/${person.id}/transfer`, { unitId: dissolved.id, date: '2026-01-01' });
    expect(inactive.json().error.code).toBe('UNIT_INACTIVE');
    const same = await c.post(`/api/people/${person.id}/transfer`, { unitId: a.id, date: '2026-01-01' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields[0].path).toBe('unitId');
    expect(await peopleState()).toEqual(before);
  });
});

// Every mutating route: outsider, wrong role, other subtree, right role, administrator. Each refusal
// must leave the people, their assignments and the audit log exactly as they were.
describe('PeopleService authorisation matrix', () => {
  let root: TestUnit;
  let a: TestUnit;
  let b: TestUnit;
  let clients: Record<'anonymous' | 'viewer' | 'staff' | 'outsider' | 'officer' | 'admin', Client>;
  beforeAll(async () => {
    root = await newUnit(t.ctx.db);
    a = await newUnit(t.ctx.db, { parent: root });
    b = await newUnit(t.ctx.db, { parent: root });
    clients = {
      anonymous: new Client(t.app),
      viewer: await clientWith(t, [['viewer', a]]),
      staff: await clientWith(t, [['staff_member', a]]),
      outsider: await clientWith(t, [['unit_officer', b]]),
      officer: await clientWith(t, [['unit_officer', a]]),
      admin: await adminAt(t, root),
    };
  });

  async function expectRefused(who: keyof typeof clients, act: (c: Client) => ReturnType<Client['get']>, status: number) {
    const before = await peopleState();
    const res = await act(clients[who]);
    expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
    expect(res.json().error.message).toBeTruthy();
    expect(await peopleState()).toEqual(before);
  }

  async function expectDone(who: keyof typeof clients, act: (c: Client) => ReturnType<Client['get']>, status: number) {
    const before = await peopleState();
    const res = await act(clients[who]);
    expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
    expect(Number((await peopleState()).audit)).toBe(Number(before.audit) + 1);
    return res.json();
  }

  it('POST /api/people', async () => {
    const create = (c: Client) => c.post('/api/people', personInput(a));
    await expectRefused('anonymous', create, 401);
    await expectRefused('viewer', create, 403);
    await expectRefused('staff', create, 403);
    await expectRefused('outsider', create, 404);
    expect((await expectDone('officer', create, 201)).unitId).toBe(a.id);
    expect((await expectDone('admin', create, 201)).unitId).toBe(a.id);
  });

  it('PATCH /api/people/:id', async () => {
    const person = await newPerson(t.ctx.db, a);
    const edit = (c: Client) => c.patch(`/api/people/${person.id}`, { phone: '0912 345 678' });
    await expectRefused('anonymous', edit, 401);
    await expectRefused('viewer', edit, 403);
    await expectRefused('staff', edit, 403);
    await expectRefused('outsider', edit, 404);
    expect((await expectDone('officer', edit, 200)).phone).toBe('0912 345 678');
    expect((await expectDone('admin', (c) => c.patch(`/api/people/${person.id}`, { phone: null }), 200)).phone).toBeNull();
  });

  it('POST /api/people/:id/transfer', async () => {
    const person = await newPerson(t.ctx.db, a);
    const toB = (c: Client) => c.post(`/api/people/${person.id}/transfer`, { unitId: b.id, date: '2026-02-01' });
    await expectRefused('anonymous', toB, 401);
    await expectRefused('viewer', toB, 403);
    await expectRefused('staff', toB, 403);
    // The officer of A may not push someone into B, nor may B's officer pull them out of A.
    await expectRefused('officer', toB, 404);
    await expectRefused('outsider', toB, 404);
    const both = await clientWith(t, [
      ['unit_officer', a],
      ['unit_head', b],
    ]);
    const before = Number((await peopleState()).audit);
    const res = await toB(both);
    expect(res.statusCode, res.body).toBe(200);
    expect(Number((await peopleState()).audit)).toBe(before + 1);
    const back = await expectDone('admin', (c) => c.post(`/api/people/${person.id}/transfer`, { unitId: a.id, date: '2026-02-02' }), 200);
    expect(back.assignments).toHaveLength(3);
  });
});
