import type { Role } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { auditCount, newPerson, newUnit, newUser, unitRow, type TestUnit } from '../../../test/factories.js';
import { verifyAuditChain } from '../../platform/audit.js';

describe('units (cơ quan, đơn vị)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });

  /** A unit that has existed since 2020, so that the 2025 restructuring dates fall inside its life. */
  async function unit(opts: Parameters<typeof newUnit>[1] = {}) {
    const u = await newUnit(t.ctx.db, opts);
    await t.ctx.db.updateTable('units').set({ valid_from: '2020-01-01' }).where('id', '=', u.id).execute();
    return u;
  }

  async function as(...roles: [Role, TestUnit][]) {
    const user = await newUser(t.ctx.db, { roles });
    const c = new Client(t.app);
    await c.signIn(user.username);
    return Object.assign(c, { userId: user.id });
  }

  /** A province with two communes under it: the shape of local government since 01/7/2025. */
  async function province() {
    const p = await unit({ kind: 'province' });
    const a = await unit({ parent: p, kind: 'commune' });
    const b = await unit({ parent: p, kind: 'commune' });
    return { p, a, b };
  }

  describe('listing', () => {
    it('without parentId or q lists the minimal set of units the grants are at', async () => {
      const { p, a } = await province();
      const other = await province();
      const c = await as(['standing_officer', p], ['viewer', a], ['unit_officer', other.a]);
      const res = await c.get('/api/units');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((u: { id: number }) => u.id).sort()).toEqual([p.id, other.a.id].sort());
      const root = res.json().items.find((u: { id: number }) => u.id === p.id);
      expect(root).toMatchObject({ childCount: 2, status: 'active', allowed: expect.arrayContaining(['unit.read', 'unit.write']) });
      const commune = res.json().items.find((u: { id: number }) => u.id === other.a.id);
      expect(commune.allowed).toEqual(['unit.read', 'person.write', 'plan.write', 'registration.write', 'record.write', 'round.manage', 'fund.write', 'report.write', 'unit.documents']);
    });

    it('lists children in Vietnamese order and hides retired ones unless asked', async () => {
      const p = await unit();
      for (const name of ['Xã Đức Hòa', 'Xã Dũng Tiến', 'Xã An Bình', 'Xã Ea Súp']) await unit({ parent: p, name, kind: 'commune' });
      const gone = await unit({ parent: p, name: 'Xã Bình Minh', kind: 'commune' });
      await t.ctx.db.updateTable('units').set({ status: 'dissolved', valid_to: '2025-07-01' }).where('id', '=', gone.id).execute();
      const c = await as(['viewer', p]);
      const names = (await c.get(`/api/units?parentId=${p.id}`)).json().items.map((u: { name: string }) => u.name);
      expect(names).toEqual(['Xã An Bình', 'Xã Dũng Tiến', 'Xã Đức Hòa', 'Xã Ea Súp']);
      const all = (await c.get(`/api/units?parentId=${p.id}&includeInactive=true`)).json().items;
      expect(all).toHaveLength(5);
      expect(all.find((u: { id: number }) => u.id === gone.id).status).toBe('dissolved');
      expect((await c.get(`/api/units/${p.id}`)).json().childCount).toBe(4);
    });

    it('answers 404 for the children of a unit the actor cannot see', async () => {
      const { p } = await province();
      const other = await province();
      const c = await as(['standing_officer', p]);
      const res = await c.get(`/api/units?parentId=${other.p.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    });

    it('searches without diacritics or case, word by word, within what the actor can see', async () => {
      const p = await unit({ name: 'Thành phố Hà Nội' });
      const ward = await unit({ parent: p, name: 'Phường Đức Giang', kind: 'commune' });
      const school = await unit({ parent: ward, name: 'Trường Tiểu học Hà Nội - Đức Giang', kind: 'school' });
      const hidden = await unit({ name: 'Tỉnh Hà Nam Đức' });
      const c = await as(['viewer', p]);
      const ids = async (q: string, extra = '') =>
        (await c.get(`/api/units?q=${encodeURIComponent(q)}${extra}`)).json().items.map((u: { id: number }) => u.id);
      expect(await ids('ha noi')).toEqual([p.id, school.id]);
      expect(await ids('HA NOI')).toEqual([p.id, school.id]);
      expect(await ids('Hà  nội')).toEqual([p.id, school.id]);
      expect(await ids('duc')).toEqual([ward.id, school.id]);
      expect(await ids('ĐỨC giang')).toEqual([ward.id, school.id]);
      expect(await ids('noi duc')).toEqual([school.id]);
      expect(await ids('duc', `&parentId=${ward.id}`)).toEqual([school.id]);
      expect(await ids(ward.code.toLowerCase())).toEqual([ward.id]);
      expect(await ids('nam')).not.toContain(hidden.id);
      // A LIKE wildcard typed by the user is a character, not a pattern.
      expect(await ids('%')).toEqual([]);
    });
  });

  describe('detail', () => {
    it('shows the visible breadcrumb, the merged history and the head count of the subtree', async () => {
      const { p, a, b } = await province();
      const office = await unit({ parent: a, kind: 'office' });
      await newPerson(t.ctx.db, a);
      await newPerson(t.ctx.db, office);
      const retiredPerson = await newPerson(t.ctx.db, office);
      await t.ctx.db.updateTable('people').set({ is_active: false }).where('id', '=', retiredPerson.id).execute();
      await t.ctx.db.updateTable('units').set({ status: 'merged', successor_id: a.id, valid_to: '2025-07-01' }).where('id', '=', b.id).execute();

      const wide = await as(['viewer', p]);
      const d = (await wide.get(`/api/units/${office.id}`)).json();
      expect(d.ancestors).toEqual([
        { id: p.id, name: p.name },
        { id: a.id, name: a.name },
      ]);
      const narrow = await as(['viewer', a]);
      expect((await narrow.get(`/api/units/${office.id}`)).json().ancestors).toEqual([{ id: a.id, name: a.name }]);

      const da = (await narrow.get(`/api/units/${a.id}`)).json();
      expect(da.peopleCount).toBe(2);
      expect(da.predecessors).toEqual([{ id: b.id, name: b.name, status: 'merged', validTo: '2025-07-01' }]);
      expect((await wide.get(`/api/units/${b.id}`)).json()).toMatchObject({ status: 'merged', successorId: a.id, successorName: a.name });
    });

    it('answers 404 for a unit outside the subtree and 400 for a malformed id', async () => {
      const { a, b } = await province();
      const c = await as(['standing_officer', a]);
      expect((await c.get(`/api/units/${b.id}`)).statusCode).toBe(404);
      expect((await c.get('/api/units/999999999')).statusCode).toBe(404);
      const bad = await c.get('/api/units/abc');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('creating', () => {
    it('creates a child whose path ends with its id, and audits it', async () => {
      const { p } = await province();
      const c = await as(['standing_officer', p]);
      const before = await auditCount(t.ctx.db);
      const res = await c.post('/api/units', { parentId: p.id, code: 'SNV-01', name: 'Sở Nội vụ', kind: 'department', shortName: 'SNV' });
      expect(res.statusCode).toBe(201);
      const u = res.json();
      expect(u).toMatchObject({ parentId: p.id, path: `${p.path}.${u.id}`, name: 'Sở Nội vụ', shortName: 'SNV', childCount: 0, status: 'active' });
      expect(await auditCount(t.ctx.db)).toBe(before + 1);
      const entry = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ action: 'unit.create', entity: 'unit', entity_id: String(u.id), unit_path: u.path, actor_user_id: c.userId });
      expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    });

    it('refuses a code already in use, whatever its case', async () => {
      const { p } = await province();
      await unit({ parent: p, code: 'TRUNG-CODE' });
      const c = await as(['standing_officer', p]);
      const res = await c.post('/api/units', { parentId: p.id, code: 'trung-code', name: 'Trùng', kind: 'office' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('UNIT_CODE_TAKEN');
    });

    it('says which fields are wrong', async () => {
      const { p } = await province();
      const c = await as(['standing_officer', p]);
      const res = await c.post('/api/units', { parentId: p.id, code: 'có dấu', name: '', kind: 'castle' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['code', 'kind', 'name']);
    });
  });

  it('answers bad input with a 400 naming the field, never a 500', async () => {
    const { p, a, b } = await province();
    const c = await as(['standing_officer', p]);
    const cases: [Promise<{ statusCode: number; json(): { error: { code: string; fields?: { path: string }[] } } }>, string][] = [
      [c.get('/api/units?q=%00'), 'q'],
      [c.get('/api/units?limit=0'), 'limit'],
      [c.post('/api/units', { parentId: p.id, code: 'NUL', name: 'Tên\u0000', kind: 'office' }), 'name'],
      [c.post('/api/units', { parentId: p.id, code: 'Y0', name: 'Năm 0', kind: 'office', validFrom: '0000-01-01' }), 'validFrom'],
      [c.patch(`/api/units/${a.id}`, { validFrom: '2025-02-30' }), 'validFrom'],
      [c.patch(`/api/units/${a.id}`, { parentId: -1 }), 'parentId'],
      [c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: b.id, date: '2025-07-01', note: 'a\u0000b' }), 'note'],
      [c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: b.id, date: '0000-01-01' }), 'date'],
    ];
    for (const [pending, field] of cases) {
      const res = await pending;
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields?.map((f) => f.path).join(), field).toContain(field);
    }
    const bodyless = await c.request({ method: 'POST', url: '/api/units', payload: '{not json', headers: { 'content-type': 'application/json' } });
    expect(bodyless.statusCode).toBe(400);
    expect((await unitRow(t.ctx.db, a.id)).status).toBe('active');
  });

  describe('editing and moving', () => {
    it('renames and recodes a unit', async () => {
      const { p, a } = await province();
      const c = await as(['standing_officer', p]);
      const res = await c.patch(`/api/units/${a.id}`, { name: 'Phường Hoàn Kiếm', code: 'HK', kind: 'commune' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Phường Hoàn Kiếm', code: 'HK' });
      const entry = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(entry.action).toBe('unit.update');
      expect(entry.before).toMatchObject({ name: a.name });
      expect(entry.after).toMatchObject({ name: 'Phường Hoàn Kiếm' });
    });

    it('moves a whole subtree, rewriting every path below it', async () => {
      const { p, a, b } = await province();
      const office = await unit({ parent: a });
      const team = await unit({ parent: office });
      const c = await as(['standing_officer', p]);
      const res = await c.patch(`/api/units/${office.id}`, { parentId: b.id });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ parentId: b.id, path: `${b.path}.${office.id}` });
      expect((await unitRow(t.ctx.db, team.id)).path).toBe(`${b.path}.${office.id}.${team.id}`);
      expect((await unitRow(t.ctx.db, team.id)).parent_id).toBe(office.id);
      expect((await c.get(`/api/units/${a.id}`)).json().childCount).toBe(0);
      expect((await c.get(`/api/units/${b.id}`)).json().childCount).toBe(1);
    });

    it('refuses to move a unit under its own descendant', async () => {
      const { p, a } = await province();
      const office = await unit({ parent: a });
      const c = await as(['standing_officer', p]);
      for (const target of [office.id, a.id]) {
        const res = await c.patch(`/api/units/${a.id}`, { parentId: target });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('UNIT_CYCLE');
      }
      expect((await unitRow(t.ctx.db, a.id)).path).toBe(a.path);
    });

    it('needs unit.write on the new parent too', async () => {
      const { p, a } = await province();
      const other = await province();
      const c = await as(['standing_officer', p], ['viewer', other.p]);
      expect((await c.patch(`/api/units/${a.id}`, { parentId: other.a.id })).statusCode).toBe(403);
      const blind = await as(['standing_officer', p]);
      expect((await blind.patch(`/api/units/${a.id}`, { parentId: other.a.id })).statusCode).toBe(404);
      expect((await unitRow(t.ctx.db, a.id)).path).toBe(a.path);
    });

    it('lets a grant at a unit edit it, but not its parent', async () => {
      const { p, a } = await province();
      const c = await as(['standing_officer', a]);
      expect((await c.patch(`/api/units/${a.id}`, { shortName: 'PA' })).statusCode).toBe(200);
      expect((await c.patch(`/api/units/${p.id}`, { shortName: 'PP' })).statusCode).toBe(404);
    });
  });

  describe('merging and dissolving (sáp nhập, giải thể)', () => {
    it('merges a commune: sub-units, people with their history, and later blocks pass to the successor', async () => {
      const { p, a, b } = await province();
      const office = await unit({ parent: a, kind: 'office' });
      const team = await unit({ parent: office, kind: 'office' });
      const oldOffice = await unit({ parent: a, kind: 'office' });
      await t.ctx.db.updateTable('units').set({ status: 'dissolved', valid_to: '2024-12-31', successor_id: a.id }).where('id', '=', oldOffice.id).execute();
      const p1 = await newPerson(t.ctx.db, a);
      const p2 = await newPerson(t.ctx.db, a);
      const left = await newPerson(t.ctx.db, a);
      await t.ctx.db.updateTable('people').set({ is_active: false }).where('id', '=', left.id).execute();
      const inOffice = await newPerson(t.ctx.db, office);
      const block2025 = await t.ctx.db.insertInto('blocks').values({ year: 2025, kind: 'cum', name: 'Cụm 1', organizer_unit_id: p.id, head_unit_id: a.id }).returning('id').executeTakeFirstOrThrow();
      const block2026 = await t.ctx.db.insertInto('blocks').values({ year: 2026, kind: 'cum', name: 'Cụm 1', organizer_unit_id: p.id, head_unit_id: a.id, deputy_unit_id: b.id }).returning('id').executeTakeFirstOrThrow();
      const blockBoth = await t.ctx.db.insertInto('blocks').values({ year: 2026, kind: 'cum', name: 'Cụm 2', organizer_unit_id: p.id }).returning('id').executeTakeFirstOrThrow();
      await t.ctx.db
        .insertInto('block_members')
        .values([
          { block_id: block2025.id, unit_id: a.id },
          { block_id: block2026.id, unit_id: a.id },
          { block_id: block2026.id, unit_id: b.id },
          { block_id: blockBoth.id, unit_id: a.id },
          { block_id: blockBoth.id, unit_id: b.id },
        ])
        .execute();

      const c = await as(['standing_officer', p]);
      const audits = await auditCount(t.ctx.db);
      const res = await c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: b.id, date: '2025-07-01', note: 'Nghị quyết sắp xếp ĐVHC cấp xã' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'merged', validTo: '2025-07-01', successorId: b.id, successorName: b.name, childCount: 0 });

      // The active sub-unit and everything under it now hang under the successor; the retired one stays.
      expect(await unitRow(t.ctx.db, office.id)).toMatchObject({ parent_id: b.id, path: `${b.path}.${office.id}` });
      expect((await unitRow(t.ctx.db, team.id)).path).toBe(`${b.path}.${office.id}.${team.id}`);
      expect(await unitRow(t.ctx.db, oldOffice.id)).toMatchObject({ parent_id: a.id, path: oldOffice.path });

      // Active people moved with an assignment history; those who left stay where they were.
      const people = await t.ctx.db.selectFrom('people').select(['id', 'unit_id']).where('id', 'in', [p1.id, p2.id, left.id, inOffice.id]).execute();
      expect(Object.fromEntries(people.map((r) => [r.id, r.unit_id]))).toEqual({ [p1.id]: b.id, [p2.id]: b.id, [left.id]: a.id, [inOffice.id]: office.id });
      const history = await t.ctx.db.selectFrom('person_assignments').select(['unit_id', 'started_on', 'ended_on']).where('person_id', '=', p1.id).orderBy('id').execute();
      expect(history).toEqual([
        { unit_id: a.id, started_on: '2025-01-01', ended_on: '2025-07-01' },
        { unit_id: b.id, started_on: '2025-07-01', ended_on: null },
      ]);

      // Blocks of later years pass to the successor; this year's stay as they were.
      const members = async (id: number) =>
        (await t.ctx.db.selectFrom('block_members').select('unit_id').where('block_id', '=', id).orderBy('unit_id').execute()).map((m) => m.unit_id);
      expect(await members(block2025.id)).toEqual([a.id]);
      expect(await members(block2026.id)).toEqual([b.id]);
      expect(await members(blockBoth.id)).toEqual([b.id]);
      const later = await t.ctx.db.selectFrom('blocks').selectAll().where('id', '=', block2026.id).executeTakeFirstOrThrow();
      expect(later).toMatchObject({ head_unit_id: b.id, deputy_unit_id: null });
      const same = await t.ctx.db.selectFrom('blocks').selectAll().where('id', '=', block2025.id).executeTakeFirstOrThrow();
      expect(same.head_unit_id).toBe(a.id);

      // One audit entry with a summary of what moved, and the chain still holds.
      expect(await auditCount(t.ctx.db)).toBe(audits + 1);
      const entry = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ action: 'unit.merge', entity_id: String(a.id) });
      expect(entry.after).toMatchObject({ status: 'merged', movedChildrenCount: 1, movedPeopleCount: 2, movedBlockMemberships: 2, note: 'Nghị quyết sắp xếp ĐVHC cấp xã' });
      expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);

      // The merged unit stays readable, listed only on request, and shows in its successor's history.
      expect((await c.get(`/api/units/${a.id}`)).statusCode).toBe(200);
      const children = (await c.get(`/api/units?parentId=${p.id}`)).json().items.map((u: { id: number }) => u.id);
      expect(children).toEqual([b.id]);
      expect((await c.get(`/api/units?parentId=${p.id}&includeInactive=true`)).json().items).toHaveLength(2);
      expect((await c.get(`/api/units/${b.id}`)).json().predecessors.map((u: { id: number }) => u.id)).toEqual([a.id]);
      expect((await c.get(`/api/units?parentId=${b.id}`)).json().items.map((u: { id: number }) => u.id)).toEqual([office.id]);
    });

    it('refuses new work for a retired unit: no new child, nothing moved under it, no second retirement', async () => {
      const { p, a, b } = await province();
      const loose = await unit({ parent: p });
      const c = await as(['standing_officer', p]);
      expect((await c.post(`/api/units/${a.id}/retire`, { mode: 'dissolved', successorId: b.id, date: '2025-07-01' })).statusCode).toBe(200);
      const child = await c.post('/api/units', { parentId: a.id, code: `X${a.id}`, name: 'Con', kind: 'office' });
      expect(child.statusCode).toBe(409);
      expect(child.json().error.code).toBe('UNIT_INACTIVE');
      const move = await c.patch(`/api/units/${loose.id}`, { parentId: a.id });
      expect(move.json().error.code).toBe('UNIT_INACTIVE');
      expect((await unitRow(t.ctx.db, loose.id)).path).toBe(loose.path);
      const again = await c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: b.id, date: '2025-08-01' });
      expect(again.json().error.code).toBe('UNIT_INACTIVE');
      const into = await c.post(`/api/units/${b.id}/retire`, { mode: 'merged', successorId: a.id, date: '2025-08-01' });
      expect(into.json().error.code).toBe('UNIT_INACTIVE');
      expect((await unitRow(t.ctx.db, b.id)).status).toBe('active');
    });

    it('refuses a successor inside the retired unit, and a date before the unit began', async () => {
      const { p, a } = await province();
      const office = await unit({ parent: a });
      const c = await as(['standing_officer', p]);
      const inside = await c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: office.id, date: '2025-07-01' });
      expect(inside.statusCode).toBe(409);
      expect(inside.json().error.code).toBe('UNIT_CYCLE');
      const self = await c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: a.id, date: '2025-07-01' });
      expect(self.json().error.code).toBe('UNIT_CYCLE');
      await t.ctx.db.updateTable('units').set({ valid_from: '2020-01-01' }).where('id', '=', a.id).execute();
      const early = await c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: p.id, date: '2019-12-31' });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.fields[0].path).toBe('date');
      const malformed = await c.post(`/api/units/${a.id}/retire`, { mode: 'vanished', successorId: p.id, date: '31/12/2025' });
      expect(malformed.statusCode).toBe(400);
      expect((await unitRow(t.ctx.db, a.id)).status).toBe('active');
    });

    it('needs only unit.read on the successor', async () => {
      const { p, a } = await province();
      const other = await province();
      const c = await as(['standing_officer', p], ['viewer', other.b]);
      expect((await c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: other.b.id, date: '2025-07-01' })).statusCode).toBe(200);
      const blind = await as(['standing_officer', p]);
      const res = await blind.post(`/api/units/${p.id}/retire`, { mode: 'merged', successorId: other.a.id, date: '2025-07-01' });
      expect(res.statusCode).toBe(404);
      expect((await unitRow(t.ctx.db, p.id)).status).toBe('active');
    });
  });
});
