import { createHash } from 'node:crypto';
import type {
  ComparedCriterion,
  ComparisonRow,
  CriterionComparedField,
  CriterionComparisonStatus,
  CriterionSubject,
  ParentChange,
  ParentChangeKind,
} from '@thidua/contracts';
import type { CriterionRow } from './plans.repository.js';

// Pure rules of the cascade (áp dụng kế hoạch cấp trên): how an adopting plan's criteria pair with
// its parent's, and what a newer version of the parent changed. No database here: the service loads
// the rows and says, for each of the adopter's criteria, which parent criterion (by lineage key) it
// came from.

/** The lineage key of the parent criterion an adopter's criterion came from, or null for its own. */
export type OriginKeyOf = (own: CriterionRow) => string | null;

export function comparedSide(c: CriterionRow): ComparedCriterion {
  return { id: c.id, code: c.code, text: c.text, maxPoints: c.max_points === null ? null : Number(c.max_points), isVeto: c.is_veto };
}

/** The fields in which two versions of a criterion differ (whitespace at the ends does not count). */
export function differences(a: CriterionRow, b: CriterionRow): CriterionComparedField[] {
  const out: CriterionComparedField[] = [];
  if (a.code.trim() !== b.code.trim()) out.push('code');
  if (a.text.trim() !== b.text.trim()) out.push('text');
  const pa = a.max_points === null ? null : Number(a.max_points);
  const pb = b.max_points === null ? null : Number(b.max_points);
  if (pa !== pb) out.push('maxPoints');
  if (a.is_veto !== b.is_veto) out.push('isVeto');
  return out;
}

/** Ids of the criteria in force: not dropped, and under no dropped ancestor. */
export function inForce(rows: CriterionRow[]): Set<number> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const memo = new Map<number, boolean>();
  const live = (r: CriterionRow, guard = 0): boolean => {
    const known = memo.get(r.id);
    if (known !== undefined) return known;
    const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
    const v = r.dropped_reason === null && (parent === undefined || guard > 1000 || live(parent, guard + 1));
    memo.set(r.id, v);
    return v;
  };
  return new Set(rows.filter((r) => live(r)).map((r) => r.id));
}

/** The rows depth first: each after its parent, siblings by position then id. */
export function treeOrder(rows: CriterionRow[]): { row: CriterionRow; depth: number }[] {
  const children = new Map<number | null, CriterionRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const parent = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  const out: { row: CriterionRow; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ row: r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export interface Comparison {
  collective: ComparisonRow[];
  individual: ComparisonRow[];
  counts: Record<CriterionComparisonStatus, number>;
}

/**
 * The plan beside its parent, row by row in the plan's own tree order. A parent criterion the plan
 * no longer holds (and that is in force above) appears as `removed` where it stood among its
 * siblings; an own criterion without an origin in the parent is `added`.
 */
export function compareWithParent(parentRows: CriterionRow[], ownRows: CriterionRow[], originKeyOf: OriginKeyOf): Comparison {
  const parentByKey = new Map(parentRows.map((p) => [p.lineage_key, p]));
  const parentById = new Map(parentRows.map((p) => [p.id, p]));
  const parentLive = inForce(parentRows);
  // Each parent criterion pairs with at most one own criterion (the first in tree order).
  const counterpart = new Map<number, CriterionRow>();
  const pairOf = new Map<number, CriterionRow>();
  const ownOrdered = treeOrder(ownRows);
  for (const { row } of ownOrdered) {
    const key = originKeyOf(row);
    const p = key === null ? undefined : parentByKey.get(key);
    if (p && !counterpart.has(p.id)) {
      counterpart.set(p.id, row);
      pairOf.set(row.id, p);
    }
  }

  // The merged tree: own nodes by their own parents, removed parent nodes where they stood.
  type Node = { key: string; own: CriterionRow | null; parent: CriterionRow | null; subject: string };
  const nodes = new Map<string, Node>();
  const children = new Map<string, string[]>();
  const container = (subject: string, parentKey: string | null) => parentKey ?? `root:${subject}`;
  const push = (c: string, k: string) => children.set(c, [...(children.get(c) ?? []), k]);
  const ownIds = new Set(ownRows.map((r) => r.id));
  for (const { row } of ownOrdered) {
    const key = `o${row.id}`;
    nodes.set(key, { key, own: row, parent: pairOf.get(row.id) ?? null, subject: row.subject });
    push(container(row.subject, row.parent_id !== null && ownIds.has(row.parent_id) ? `o${row.parent_id}` : null), key);
  }
  const nodeKeyOfParent = (p: CriterionRow): string | null => {
    const cp = counterpart.get(p.id);
    if (cp) return `o${cp.id}`;
    return nodes.has(`p${p.id}`) ? `p${p.id}` : null;
  };
  const parentSiblings = new Map<number | null, CriterionRow[]>();
  for (const { row } of treeOrder(parentRows)) {
    const list = parentSiblings.get(row.parent_id) ?? [];
    list.push(row);
    parentSiblings.set(row.parent_id, list);
  }
  for (const { row: p } of treeOrder(parentRows)) {
    if (counterpart.has(p.id) || !parentLive.has(p.id)) continue;
    const key = `p${p.id}`;
    nodes.set(key, { key, own: null, parent: p, subject: p.subject });
    const up = p.parent_id === null ? undefined : parentById.get(p.parent_id);
    const c = container(p.subject, up ? nodeKeyOfParent(up) : null);
    const list = children.get(c) ?? [];
    // After the nearest earlier sibling that is shown in the same place; first when there is none.
    const siblings = parentSiblings.get(p.parent_id) ?? [];
    let at = 0;
    for (let i = siblings.indexOf(p) - 1; i >= 0; i--) {
      const k = nodeKeyOfParent(siblings[i]!);
      const idx = k === null ? -1 : list.indexOf(k);
      if (idx >= 0) {
        at = idx + 1;
        break;
      }
    }
    list.splice(at, 0, key);
    children.set(c, list);
  }

  const counts: Record<CriterionComparisonStatus, number> = { same: 0, changed: 0, added: 0, dropped: 0, removed: 0 };
  const rowsOf = (subject: CriterionSubject): ComparisonRow[] => {
    const out: ComparisonRow[] = [];
    const walk = (c: string, depth: number) => {
      for (const k of children.get(c) ?? []) {
        const n = nodes.get(k)!;
        const changed = n.own && n.parent ? differences(n.parent, n.own) : [];
        const status: CriterionComparisonStatus = !n.own
          ? 'removed'
          : n.own.dropped_reason !== null
            ? 'dropped'
            : !n.parent
              ? 'added'
              : changed.length > 0
                ? 'changed'
                : 'same';
        counts[status]++;
        out.push({
          key: k,
          status,
          depth,
          changed,
          droppedReason: n.own?.dropped_reason ?? null,
          parent: n.parent ? comparedSide(n.parent) : null,
          own: n.own ? comparedSide(n.own) : null,
        });
        walk(k, depth + 1);
      }
    };
    walk(`root:${subject}`, 0);
    return out;
  };
  return { collective: rowsOf('collective'), individual: rowsOf('individual'), counts };
}

/** A change with what decides whether it was already answered: the same change again is not offered twice. */
export interface OfferedChange extends ParentChange {
  fingerprint: string;
  /** The adopter's criterion the change applies to, when it holds one. */
  ownRow: CriterionRow | null;
  /** The criterion in the parent's latest version (added, changed). */
  latestRow: CriterionRow | null;
}

/** Identifies a change by what it leads to, so a later, different change to the same criterion is offered anew. */
export function fingerprintOf(kind: ParentChangeKind, latest: CriterionRow | null): string {
  const body = latest ? JSON.stringify([kind, latest.subject, latest.code.trim(), latest.text.trim(), latest.max_points === null ? null : Number(latest.max_points), latest.is_veto]) : kind;
  return createHash('sha256').update(body).digest('hex');
}

/**
 * What the parent's latest version changed since the version the adopter took, as far as it
 * concerns the adopter: criteria added above; criteria changed or removed above that the adopter
 * still holds. Criteria are paired across versions by lineage key; only criteria in force count.
 */
export function changesBetween(adopted: CriterionRow[], latest: CriterionRow[], own: CriterionRow[], originKeyOf: OriginKeyOf): OfferedChange[] {
  const liveA = inForce(adopted);
  const liveL = inForce(latest);
  const aByKey = new Map(adopted.filter((r) => liveA.has(r.id)).map((r) => [r.lineage_key, r]));
  const lByKey = new Map(latest.filter((r) => liveL.has(r.id)).map((r) => [r.lineage_key, r]));
  const ownByKey = new Map<string, CriterionRow>();
  for (const { row } of treeOrder(own)) {
    const k = originKeyOf(row);
    if (k !== null && !ownByKey.has(k)) ownByKey.set(k, row);
  }
  const out: OfferedChange[] = [];
  const offer = (kind: ParentChangeKind, key: string, before: CriterionRow | null, after: CriterionRow | null, fields: CriterionComparedField[]) => {
    const mine = ownByKey.get(key) ?? null;
    out.push({
      key,
      kind,
      subject: (after ?? before)!.subject as CriterionSubject,
      fields,
      before: before ? comparedSide(before) : null,
      after: after ? comparedSide(after) : null,
      own: mine ? comparedSide(mine) : null,
      fingerprint: fingerprintOf(kind, after),
      ownRow: mine,
      latestRow: after,
    });
  };
  for (const { row: l } of treeOrder(latest)) {
    if (!liveL.has(l.id)) continue;
    const a = aByKey.get(l.lineage_key);
    const mine = ownByKey.get(l.lineage_key);
    if (!a) {
      // Nothing to offer when the adopter already holds it as the parent now words it.
      if (!mine || differences(mine, l).length > 0) offer('added', l.lineage_key, null, l, ['code', 'text', 'maxPoints', 'isVeto']);
      continue;
    }
    const fields = differences(a, l);
    if (mine && differences(mine, l).some((f) => fields.includes(f))) offer('changed', l.lineage_key, a, l, fields);
  }
  for (const { row: a } of treeOrder(adopted)) {
    if (!liveA.has(a.id) || lByKey.has(a.lineage_key) || !ownByKey.has(a.lineage_key)) continue;
    offer('removed', a.lineage_key, a, null, []);
  }
  return out;
}
