import type { Role } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { auditCount, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { verifyAuditChain } from '../../platform/audit.js';

describe('blocks (Khối/Cụm thi đua)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });

  async function as(...roles: [Role, TestUnit][]) {
    const user = await newUser(t.ctx.db, { roles });
    const c = new Client(t.app);
    await c.signIn(user.username);
    return c;
  }

  async function province() {
    const p = await newUnit(t.ctx.db, { kind: 'province' });
    const [a, b, c] = [await newUnit(t.ctx.db, { parent: p, kind: 'commune', name: 'Xã Đức Phổ' }), await newUnit(t.ctx.db, { parent: p, kind: 'commune', name: 'Xã Dũng Lộc' }), await newUnit(t.ctx.db, { parent: p, kind: 'commune', name: 'Xã An Hòa' })];
    return { p, a, b, c };
  }

  const body = (organizer: TestUnit, members: TestUnit[], extra: Record<string, unknown> = {}) => ({
    year: 2026,
    kind: 'cum',
    name: 'Cụm thi đua số 1',
    organizerUnitId: organizer.id,
    headUnitId: members[0]?.id ?? null,
    deputyUnitId: members[1]?.id ?? null,
    memberUnitIds: members.map((m) => m.id),
    ...extra,
  });

  it('creates a block with members, head and deputy, and audits it', async () => {
    const { p, a, b, c } = await province();
    const officer = await as(['standing_officer', p]);
    const audits = await auditCount(t.ctx.db);
    const res = await officer.post('/api/blocks', body(p, [a, b, c]));
    expect(res.statusCode).toBe(201);
    const block = res.json();
    expect(block).toMatchObject({
      year: 2026,
      kind: 'cum',
      organizerUnitId: p.id,
      organizerUnitName: p.name,
      headUnitId: a.id,
      headUnitName: a.name,
      deputyUnitId: b.id,
      deputyUnitName: b.name,
      allowed: expect.arrayContaining(['block.write']),
    });
    // Members in Vietnamese order: An, Dũng, Đức.
    expect(block.members.map((m: { id: number }) => m.id)).toEqual([c.id, b.id, a.id]);
    expect(await auditCount(t.ctx.db)).toBe(audits + 1);
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'block.create', entity: 'block', entity_id: String(block.id), unit_id: p.id });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);

    expect((await officer.get(`/api/blocks/${block.id}`)).json()).toEqual(block);
  });

  it('lists blocks by year and organizer, only those of visible organizers', async () => {
    const { p, a, b } = await province();
    const other = await province();
    const officer = await as(['standing_officer', p], ['standing_officer', other.p]);
    const mine = (await officer.post('/api/blocks', body(p, [a, b], { name: 'Khối A' }))).json();
    const older = (await officer.post('/api/blocks', body(p, [a, b], { name: 'Khối A', year: 2025 }))).json();
    const theirs = (await officer.post('/api/blocks', body(other.p, [other.a], { name: 'Khối B' }))).json();

    const viewer = await as(['viewer', p]);
    const ids = async (qs: string) => (await viewer.get(`/api/blocks${qs}`)).json().items.map((x: { id: number }) => x.id);
    expect(await ids('')).toEqual([mine.id, older.id]);
    expect(await ids('?year=2025')).toEqual([older.id]);
    expect(await ids(`?organizerUnitId=${p.id}&year=2026`)).toEqual([mine.id]);
    expect((await viewer.get(`/api/blocks?organizerUnitId=${other.p.id}`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/blocks/${theirs.id}`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/blocks/${mine.id}`)).json().allowed).toEqual(['unit.read']);
    expect((await viewer.get('/api/blocks?year=1900')).statusCode).toBe(400);
  });

  it('requires the head and deputy to be distinct members', async () => {
    const { p, a, b, c } = await province();
    const officer = await as(['standing_officer', p]);
    const notMember = await officer.post('/api/blocks', body(p, [a, b], { headUnitId: c.id }));
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['headUnitId']);
    const same = await officer.post('/api/blocks', body(p, [a, b], { deputyUnitId: a.id }));
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields[0].path).toBe('deputyUnitId');
    const wrongKind = await officer.post('/api/blocks', body(p, [a], { kind: 'nhom' }));
    expect(wrongKind.statusCode).toBe(400);
    const nul = await officer.post('/api/blocks', body(p, [a], { name: 'Khối\u0000' }));
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.fields[0].path).toBe('name');
    expect(await t.ctx.db.selectFrom('blocks').select('id').where('organizer_unit_id', '=', p.id).execute()).toEqual([]);
  });

  it('answers 404 for a member the actor cannot see and 409 for a retired one', async () => {
    const { p, a, b } = await province();
    const other = await province();
    const officer = await as(['standing_officer', p]);
    const hidden = await officer.post('/api/blocks', body(p, [a, other.a]));
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.details).toEqual({ unitIds: [other.a.id] });
    const missing = await officer.post('/api/blocks', body(p, [a], { memberUnitIds: [a.id, 999_999_999] }));
    expect(missing.statusCode).toBe(404);
    await t.ctx.db.updateTable('units').set({ status: 'merged', successor_id: a.id, valid_to: '2025-07-01' }).where('id', '=', b.id).execute();
    const retired = await officer.post('/api/blocks', body(p, [a, b]));
    expect(retired.statusCode).toBe(409);
    expect(retired.json().error.code).toBe('UNIT_INACTIVE');
  });

  it('refuses a second block of the same name for one organizer and year', async () => {
    const { p, a } = await province();
    const officer = await as(['standing_officer', p]);
    expect((await officer.post('/api/blocks', body(p, [a], { name: 'Khối các xã' }))).statusCode).toBe(201);
    const dup = await officer.post('/api/blocks', body(p, [a], { name: 'khối các xã' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
    expect(dup.json().error.fields[0]).toMatchObject({ path: 'name', message: expect.stringContaining('2026') });
    expect((await officer.post('/api/blocks', body(p, [a], { name: 'Khối các xã', year: 2027 }))).statusCode).toBe(201);
  });

  it('replaces a block as a whole and deletes it', async () => {
    const { p, a, b, c } = await province();
    const officer = await as(['standing_officer', p]);
    const block = (await officer.post('/api/blocks', body(p, [a, b]))).json();
    const put = await officer.request({ method: 'PUT', url: `/api/blocks/${block.id}`, payload: body(p, [c, b], { name: 'Cụm mới', kind: 'khoi' }) });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ name: 'Cụm mới', kind: 'khoi', headUnitId: c.id, deputyUnitId: b.id });
    expect(put.json().members.map((m: { id: number }) => m.id)).toEqual([c.id, b.id]);
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.action).toBe('block.update');
    expect(entry.before).toMatchObject({ name: 'Cụm thi đua số 1', memberUnitIds: [a.id, b.id].sort((x, y) => x - y) });

    // A member merged since may stay in a past block when it is corrected, but cannot be added anew.
    await t.ctx.db.updateTable('units').set({ status: 'merged', successor_id: c.id, valid_to: '2025-07-01' }).where('id', '=', b.id).execute();
    const keep = await officer.request({ method: 'PUT', url: `/api/blocks/${block.id}`, payload: body(p, [c, b], { name: 'Cụm mới (sửa)' }) });
    expect(keep.statusCode).toBe(200);

    const del = await officer.delete(`/api/blocks/${block.id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ ok: true });
    expect((await officer.get(`/api/blocks/${block.id}`)).statusCode).toBe(404);
    expect(await t.ctx.db.selectFrom('block_members').select('unit_id').where('block_id', '=', block.id).execute()).toEqual([]);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
