import { beforeAll, describe, expect } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';

/**
 * Every mutating org route against five callers: anonymous, the wrong role at the same unit,
 * a writer of another subtree, the right role, and a system administrator. A refusal must leave
 * the rows and the audit log exactly as they were; a success must add one audit entry.
 */
describe('org authorisation matrix', () => {
  let t: TestApp;
  let national: TestUnit;
  let admin: Client;
  let outsider: Client;

  beforeAll(async () => {
    t = await testApp();
    national = await newUnit(t.ctx.db, { kind: 'national' });
    const elsewhere = await newUnit(t.ctx.db, { parent: national });
    admin = await adminAt(t, national);
    outsider = await clientWith(t, [['standing_officer', elsewhere]]);
  });



  /** A province under the national root with two communes, as the 2025 local government has. */
  async function province() {
    const p = await newUnit(t.ctx.db, { parent: national, kind: 'province' });
    const a = await newUnit(t.ctx.db, { parent: p, kind: 'commune' });
    const b = await newUnit(t.ctx.db, { parent: p, kind: 'commune' });
    await t.ctx.db.updateTable('units').set({ valid_from: '2020-01-01' }).where('id', 'in', [p.id, a.id, b.id]).execute();
    return { p, a, b };
  }

  const subtree = (u: TestUnit) => () =>
    t.ctx.db.selectFrom('units').selectAll().where('path', '<@', u.path).orderBy('id').execute();

  const blockState = (organizer: TestUnit) => async () => ({
    blocks: await t.ctx.db.selectFrom('blocks').selectAll().where('organizer_unit_id', '=', organizer.id).orderBy('id').execute(),
    members: await t.ctx.db
      .selectFrom('block_members')
      .innerJoin('blocks', 'blocks.id', 'block_members.block_id')
      .select(['block_members.block_id', 'block_members.unit_id'])
      .where('blocks.organizer_unit_id', '=', organizer.id)
      .orderBy('block_members.block_id')
      .orderBy('block_members.unit_id')
      .execute(),
  });

  async function newBlock(p: TestUnit, members: TestUnit[]) {
    const block = await t.ctx.db
      .insertInto('blocks')
      .values({ year: 2026, kind: 'khoi', name: 'Khối các xã', organizer_unit_id: p.id, head_unit_id: members[0]!.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('block_members').values(members.map((m) => ({ block_id: block.id, unit_id: m.id }))).execute();
    return block.id;
  }

  const routes: MatrixRoute[] = [
    {
      name: 'POST /api/units',
      ok: 201,
      async arrange() {
        const { p } = await province();
        return {
          unit: p,
          snapshot: subtree(p),
          send: (c) => c.post('/api/units', { parentId: p.id, code: `N${p.id}`, name: 'Sở Tư pháp', kind: 'department' }),
        };
      },
    },
    {
      name: 'PATCH /api/units/:id',
      ok: 200,
      async arrange() {
        const { p, a } = await province();
        return { unit: a, snapshot: subtree(p), send: (c) => c.patch(`/api/units/${a.id}`, { name: 'Phường Ba Đình' }) };
      },
    },
    {
      name: 'PATCH /api/units/:id (move)',
      ok: 200,
      async arrange() {
        const { p, a, b } = await province();
        await newUnit(t.ctx.db, { parent: a });
        return { unit: a, snapshot: subtree(p), send: (c) => c.patch(`/api/units/${a.id}`, { parentId: b.id }) };
      },
    },
    {
      name: 'POST /api/units/:id/retire',
      ok: 200,
      async arrange() {
        const { p, a, b } = await province();
        await newUnit(t.ctx.db, { parent: a });
        return {
          unit: a,
          snapshot: subtree(p),
          send: (c) => c.post(`/api/units/${a.id}/retire`, { mode: 'merged', successorId: b.id, date: '2025-07-01' }),
        };
      },
    },
    {
      name: 'POST /api/blocks',
      ok: 201,
      async arrange() {
        const { p, a, b } = await province();
        return {
          unit: p,
          snapshot: blockState(p),
          send: (c) =>
            c.post('/api/blocks', { year: 2026, kind: 'cum', name: 'Cụm 1', organizerUnitId: p.id, headUnitId: a.id, deputyUnitId: b.id, memberUnitIds: [a.id, b.id] }),
        };
      },
    },
    {
      name: 'PUT /api/blocks/:id',
      ok: 200,
      async arrange() {
        const { p, a, b } = await province();
        const id = await newBlock(p, [a, b]);
        return {
          unit: p,
          snapshot: blockState(p),
          send: (c) =>
            c.request({
              method: 'PUT',
              url: `/api/blocks/${id}`,
              payload: { year: 2026, kind: 'khoi', name: 'Khối đổi tên', organizerUnitId: p.id, headUnitId: b.id, deputyUnitId: null, memberUnitIds: [b.id] },
            }),
        };
      },
    },
    {
      name: 'DELETE /api/blocks/:id',
      ok: 200,
      async arrange() {
        const { p, a } = await province();
        const id = await newBlock(p, [a]);
        return { unit: p, snapshot: blockState(p), send: (c) => c.delete(`/api/blocks/${id}`) };
      },
    },
  ];

  const callers: MatrixCaller[] = [
    { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) },
    { name: 'staff_member at the same unit', expect: () => 403, client: (u) => clientWith(t, [['staff_member', u]]) },
    { name: 'standing_officer of another subtree', expect: () => 404, client: async () => outsider },
    { name: 'standing_officer of the province', expect: (ok) => ok, client: async (u) => clientWith(t, [['standing_officer', provinceOf(u)]]) },
    { name: 'system_admin', expect: (ok) => ok, client: async () => admin },
  ];

  /** The province a test unit belongs to: the second label of its path under the national root. */
  function provinceOf(u: TestUnit): TestUnit {
    const [, provinceId] = u.path.split('.');
    return { id: Number(provinceId), path: `${national.path}.${provinceId}`, name: '', code: '' };
  }

  authorisationMatrix(() => t, routes, callers);
});
