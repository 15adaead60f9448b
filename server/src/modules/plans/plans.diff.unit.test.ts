import { describe, expect, it } from 'vitest';
import { changesBetween, compareWithParent, fingerprintOf, inForce, type OriginKeyOf } from './plans.diff.js';
import type { CriterionRow } from './plans.repository.js';

let nextId = 1;
/** A criterion row; `key` is its lineage key, `parent` the parent row. */
function c(code: string, text: string, opts: Partial<CriterionRow> & { key?: string; parent?: CriterionRow; position?: number } = {}): CriterionRow {
  const { key, parent, ...rest } = opts;
  return {
    id: nextId++,
    parent_id: parent?.id ?? null,
    subject: parent?.subject ?? 'collective',
    code,
    text,
    max_points: null,
    position: 0,
    origin_criterion_id: null,
    dropped_reason: null,
    is_veto: false,
    source_line: null,
    lineage_key: key ?? `k${code}`,
    ...rest,
  };
}

/** An adopter's copy of a parent row: same values, origin pointing at it. */
function copy(of: CriterionRow, changes: Partial<CriterionRow> = {}, parent?: CriterionRow): CriterionRow {
  return { ...of, id: nextId++, parent_id: parent?.id ?? null, origin_criterion_id: of.id, lineage_key: `own-${of.lineage_key}`, ...changes };
}

/** Origins resolve through the parent rows given. */
const keysFrom =
  (...parents: CriterionRow[][]): OriginKeyOf =>
  (own) => parents.flat().find((p) => p.id === own.origin_criterion_id)?.lineage_key ?? null;

describe('compareWithParent', () => {
  // The city plan: 1 (1.1, 1.2), 2, 3 for collectives; 1 for individuals.
  const p1 = c('1', 'Cơ quan văn minh, sạch đẹp', { max_points: 20, position: 0 });
  const p11 = c('1.1', 'Trụ sở khang trang', { parent: p1, max_points: 10, position: 0 });
  const p12 = c('1.2', 'Không hút thuốc nơi làm việc', { parent: p1, max_points: 10, position: 1 });
  const p2 = c('2', 'Thực hiện quy chế dân chủ', { max_points: 30, position: 1 });
  const p3 = c('3', 'Ứng xử với nhân dân', { max_points: 50, position: 2 });
  const pi = c('1', 'Chấp hành kỷ luật', { subject: 'individual', key: 'ki1', max_points: 100 });
  const parent = [p1, p11, p12, p2, p3, pi];

  it('pairs by origin and marks same, changed (with fields), dropped (with reason), added and removed, in tree order', () => {
    const o1 = copy(p1, { position: 0 });
    const o11 = copy(p11, { text: 'Trụ sở khang trang, sạch đẹp', max_points: 12, position: 0 }, o1);
    const o12 = copy(p12, { dropped_reason: 'Đã có trong nội quy trường', position: 1 }, o1);
    const o13 = c('1.3', 'Trồng hoa và dọn vệ sinh hàng tuần', { parent: o1, position: 2, max_points: 5 });
    const o3 = copy(p3, { position: 1 });
    const oi = copy(pi, { is_veto: true });
    const result = compareWithParent(parent, [o1, o11, o12, o13, o3, oi], keysFrom(parent));

    expect(result.collective.map((r) => [r.own?.code ?? r.parent?.code, r.status, r.depth, r.changed])).toEqual([
      ['1', 'same', 0, []],
      ['1.1', 'changed', 1, ['text', 'maxPoints']],
      ['1.2', 'dropped', 1, []],
      ['1.3', 'added', 1, []],
      // The school deleted criterion 2 outright: it shows where it stood above, after 1.
      ['2', 'removed', 0, []],
      ['3', 'same', 0, []],
    ]);
    expect(result.collective[2]!.droppedReason).toBe('Đã có trong nội quy trường');
    expect(result.collective[3]!.parent).toBeNull();
    expect(result.collective[4]!.own).toBeNull();
    expect(result.individual.map((r) => [r.status, r.changed])).toEqual([['changed', ['isVeto']]]);
    expect(result.counts).toEqual({ same: 2, changed: 2, added: 1, dropped: 1, removed: 1 });
  });

  it('puts a removed first child first under its parent, and leaves out what the parent itself dropped', () => {
    const dropped = c('4', 'Tiêu chí cũ', { position: 3, dropped_reason: 'Không còn phù hợp' });
    const underDropped = c('4.1', 'Con của tiêu chí cũ', { parent: dropped });
    const rows = [p1, p11, p12, p2, p3, dropped, underDropped];
    const o1 = copy(p1);
    const o12 = copy(p12, { position: 1 }, o1);
    const o2 = copy(p2, { position: 1 });
    const o3 = copy(p3, { position: 2 });
    const result = compareWithParent(rows, [o1, o12, o2, o3], keysFrom(rows));
    expect(result.collective.map((r) => [r.parent?.code ?? r.own?.code, r.status])).toEqual([
      ['1', 'same'],
      ['1.1', 'removed'],
      ['1.2', 'same'],
      ['2', 'same'],
      ['3', 'same'],
    ]);
  });

  it('shows every criterion as the plan’s own when it adopts nothing', () => {
    const own = [c('1', 'Một'), c('2', 'Hai', { position: 1 })];
    const result = compareWithParent([], own, () => null);
    expect(result.collective.map((r) => r.status)).toEqual(['added', 'added']);
  });
});

describe('inForce', () => {
  it('excludes a dropped criterion and everything under it', () => {
    const a = c('1', 'A', { dropped_reason: 'bỏ' });
    const b = c('1.1', 'B', { parent: a });
    const d = c('2', 'D');
    expect([...inForce([a, b, d])]).toEqual([d.id]);
  });
});

describe('changesBetween', () => {
  // Version 1 of the province plan and version 2, the same criteria sharing lineage keys.
  const a1 = c('1', 'Xây dựng cơ quan văn minh', { key: 'K1', max_points: 20 });
  const a2 = c('2', 'Thực hiện quy chế dân chủ', { key: 'K2', max_points: 30, position: 1 });
  const a3 = c('3', 'Phong trào cũ', { key: 'K3', max_points: 50, position: 2 });
  const adopted = [a1, a2, a3];
  const l1 = { ...a1, id: nextId++, text: 'Xây dựng cơ quan văn minh, hiện đại' };
  const l2 = { ...a2, id: nextId++ };
  const l4 = c('3', 'Chuyển đổi số', { key: 'K4', max_points: 50, position: 2 });
  const latest = [l1, l2, l4];

  it('offers the added criterion, the changed one with its fields, and the removed one the adopter still holds', () => {
    const own = [copy(a1), copy(a2), copy(a3)];
    const changes = changesBetween(adopted, latest, own, keysFrom(adopted, latest));
    expect(changes.map((ch) => [ch.kind, ch.key, ch.fields])).toEqual([
      ['changed', 'K1', ['text']],
      ['added', 'K4', ['code', 'text', 'maxPoints', 'isVeto']],
      ['removed', 'K3', []],
    ]);
    expect(changes[0]!.before?.text).toBe('Xây dựng cơ quan văn minh');
    expect(changes[0]!.after?.text).toBe('Xây dựng cơ quan văn minh, hiện đại');
    expect(changes[0]!.own?.id).toBe(own[0]!.id);
  });

  it('offers nothing about criteria the adopter no longer holds, nor what it already words as the parent now does', () => {
    const own = [copy(a1, { text: 'Xây dựng cơ quan văn minh, hiện đại' }), copy(a2)];
    const changes = changesBetween(adopted, latest, own, keysFrom(adopted, latest));
    expect(changes.map((ch) => ch.kind)).toEqual(['added']);
  });

  it('names a change by what it leads to: a further change to the same criterion is a new offer', () => {
    expect(fingerprintOf('changed', l1)).toBe(fingerprintOf('changed', { ...l1, id: 999 }));
    expect(fingerprintOf('changed', l1)).not.toBe(fingerprintOf('changed', { ...l1, max_points: 25 }));
    expect(fingerprintOf('removed', null)).not.toBe(fingerprintOf('added', l1));
  });
});
