import type { CriterionInput, CriterionSubject, CriterionView } from '@thidua/contracts';

// The criteria tree (tiêu chí) being edited, kept as the API sends it: one flat list, depth first,
// each node right after its parent and before its next sibling. Every change returns a new list.

export interface DraftCriterion {
  /** The saved id as text, or a key made up for a node added here. */
  key: string;
  parentKey: string | null;
  subject: CriterionSubject;
  code: string;
  text: string;
  maxPoints: number | null;
  /** What was typed in the points field when it is not a number ("abc"): kept, and the tree not saved. */
  pointsText?: string;
  isVeto: boolean;
  droppedReason: string | null;
  /** Set when the node was copied from the parent plan this plan adopts: it is dropped, not deleted. */
  originCriterionId: number | null;
  sourceLine: number | null;
}

export type Tree = DraftCriterion[];

export interface TreeRow {
  node: DraftCriterion;
  depth: number;
  hasChildren: boolean;
  first: boolean;
  last: boolean;
  /** Under a dropped node: shown dimmed, as it goes with it. */
  underDropped: boolean;
}

export function fromView(criteria: CriterionView[]): Tree {
  return criteria.map((c) => ({
    key: String(c.id),
    parentKey: c.parentId === null ? null : String(c.parentId),
    subject: c.subject,
    code: c.code,
    text: c.text,
    maxPoints: c.maxPoints,
    isVeto: c.isVeto,
    droppedReason: c.droppedReason,
    originCriterionId: c.originCriterionId,
    sourceLine: c.sourceLine,
  }));
}

/** The body of PUT /api/plans/:id/criteria. */
export function toInput(tree: Tree): CriterionInput[] {
  return tree.map((n) => ({
    ref: n.key,
    parentRef: n.parentKey,
    subject: n.subject,
    code: n.code.trim(),
    text: n.text.trim(),
    maxPoints: n.maxPoints,
    isVeto: n.isVeto,
    droppedReason: n.droppedReason?.trim() || null,
    originCriterionId: n.originCriterionId,
    sourceLine: n.sourceLine,
  }));
}

/** The rows of one subject's tree, in order, with what the editor needs to draw each. */
export function rowsOf(tree: Tree, subject: CriterionSubject): TreeRow[] {
  const nodes = tree.filter((n) => n.subject === subject);
  const depth = new Map<string, number>();
  const dropped = new Set<string>();
  const siblingsOf = new Map<string | null, DraftCriterion[]>();
  for (const n of nodes) {
    const list = siblingsOf.get(n.parentKey) ?? [];
    list.push(n);
    siblingsOf.set(n.parentKey, list);
  }
  return nodes.map((node, i) => {
    const d = node.parentKey === null ? 0 : (depth.get(node.parentKey) ?? 0) + 1;
    depth.set(node.key, d);
    const underDropped = node.parentKey !== null && dropped.has(node.parentKey);
    if (node.droppedReason !== null || underDropped) dropped.add(node.key);
    const siblings = siblingsOf.get(node.parentKey)!;
    return {
      node,
      depth: d,
      hasChildren: nodes[i + 1]?.parentKey === node.key,
      first: siblings[0] === node,
      last: siblings[siblings.length - 1] === node,
      underDropped,
    };
  });
}

/** Index just past the node's subtree. */
function subtreeEnd(tree: Tree, index: number): number {
  const inside = new Set([tree[index]!.key]);
  let i = index + 1;
  while (i < tree.length && tree[i]!.parentKey !== null && inside.has(tree[i]!.parentKey!)) {
    inside.add(tree[i]!.key);
    i++;
  }
  return i;
}

function usedCodes(tree: Tree, subject: CriterionSubject): Set<string> {
  return new Set(tree.filter((n) => n.subject === subject).map((n) => n.code.trim().toLowerCase()));
}

/** The first of `prefix + k`, k = start, start + 1… that no node of the subject uses yet. */
function freeCode(tree: Tree, subject: CriterionSubject, prefix: string, start: number): string {
  const used = usedCodes(tree, subject);
  let k = start;
  while (used.has(`${prefix}${k}`.toLowerCase())) k++;
  return `${prefix}${k}`;
}

function blank(key: string, subject: CriterionSubject, parentKey: string | null, code: string): DraftCriterion {
  return { key, parentKey, subject, code, text: '', maxPoints: null, isVeto: false, droppedReason: null, originCriterionId: null, sourceLine: null };
}

/** A new last top-level criterion of the subject. */
export function addRoot(tree: Tree, subject: CriterionSubject, key: string): Tree {
  const roots = tree.filter((n) => n.subject === subject && n.parentKey === null).length;
  const node = blank(key, subject, null, freeCode(tree, subject, '', roots + 1));
  // Keep each subject's nodes together: collectives first, then individuals.
  const after = subject === 'collective' ? tree.findIndex((n) => n.subject !== 'collective') : -1;
  return after < 0 ? [...tree, node] : [...tree.slice(0, after), node, ...tree.slice(after)];
}

/** A new last child of `parentKey`, numbered under it ("2.3" → "2.3.1"). */
export function addChild(tree: Tree, parentKey: string, key: string): Tree {
  const i = tree.findIndex((n) => n.key === parentKey);
  if (i < 0) return tree;
  const parent = tree[i]!;
  const children = tree.filter((n) => n.parentKey === parentKey).length;
  const node = blank(key, parent.subject, parent.key, freeCode(tree, parent.subject, `${parent.code.trim()}.`, children + 1));
  const end = subtreeEnd(tree, i);
  return [...tree.slice(0, end), node, ...tree.slice(end)];
}

/** A new criterion right after `siblingKey` (and its subtree), at the same level. */
export function addSibling(tree: Tree, siblingKey: string, key: string): Tree {
  const i = tree.findIndex((n) => n.key === siblingKey);
  if (i < 0) return tree;
  const sibling = tree[i]!;
  const m = /^(.*?)(\d+)$/.exec(sibling.code.trim());
  const code = m ? freeCode(tree, sibling.subject, m[1]!, Number(m[2]) + 1) : freeCode(tree, sibling.subject, `${sibling.code.trim()}.`, 1);
  const node = blank(key, sibling.subject, sibling.parentKey, code);
  const end = subtreeEnd(tree, i);
  return [...tree.slice(0, end), node, ...tree.slice(end)];
}

/** Removes the node with everything under it. */
export function remove(tree: Tree, key: string): Tree {
  const i = tree.findIndex((n) => n.key === key);
  if (i < 0) return tree;
  return [...tree.slice(0, i), ...tree.slice(subtreeEnd(tree, i))];
}

/** Swaps the node (with its subtree) with the previous (-1) or next (+1) sibling. */
export function move(tree: Tree, key: string, direction: -1 | 1): Tree {
  const i = tree.findIndex((n) => n.key === key);
  if (i < 0) return tree;
  const node = tree[i]!;
  const siblings = tree.map((n, k) => ({ n, k })).filter(({ n }) => n.parentKey === node.parentKey && n.subject === node.subject);
  const at = siblings.findIndex(({ n }) => n.key === key);
  const other = siblings[at + direction];
  if (!other) return tree;
  const [a, b] = direction === -1 ? [other.k, i] : [i, other.k];
  const aEnd = subtreeEnd(tree, a);
  const bEnd = subtreeEnd(tree, b);
  return [...tree.slice(0, a), ...tree.slice(b, bEnd), ...tree.slice(aEnd, b), ...tree.slice(a, aEnd), ...tree.slice(bEnd)];
}

export function update(tree: Tree, key: string, patch: Partial<Omit<DraftCriterion, 'key' | 'parentKey' | 'subject'>>): Tree {
  return tree.map((n) => (n.key === key ? { ...n, ...patch } : n));
}

/** Codes as paths by position: "1", "1.1", "1.2", "2"… for one subject. */
export function renumber(tree: Tree, subject: CriterionSubject): Tree {
  const codeOf = new Map<string, string>();
  const count = new Map<string | null, number>();
  return tree.map((n) => {
    if (n.subject !== subject) return n;
    const k = (count.get(n.parentKey) ?? 0) + 1;
    count.set(n.parentKey, k);
    const code = n.parentKey === null ? String(k) : `${codeOf.get(n.parentKey) ?? ''}.${k}`;
    codeOf.set(n.key, code);
    return { ...n, code };
  });
}

/** Max points of a node: its own, else the sum of its children's; dropped nodes count nothing. */
function pointsOf(tree: Tree, node: DraftCriterion): number | null {
  if (node.droppedReason !== null) return null;
  if (node.maxPoints !== null) return node.maxPoints;
  const parts = tree.filter((n) => n.parentKey === node.key).map((c) => pointsOf(tree, c));
  return parts.some((p) => p !== null) ? parts.reduce<number>((s, p) => s + (p ?? 0), 0) : null;
}

/** Total max points of a subject's tree; null when no criterion of it has points. */
export function totalPoints(tree: Tree, subject: CriterionSubject): number | null {
  const parts = tree.filter((n) => n.subject === subject && n.parentKey === null).map((n) => pointsOf(tree, n));
  return parts.some((p) => p !== null) ? parts.reduce<number>((s, p) => s + (p ?? 0), 0) : null;
}

/** The sum of a node's children's points when it differs from the node's own (a likely typing slip). */
export function childrenMismatch(tree: Tree, node: DraftCriterion): number | null {
  if (node.maxPoints === null || node.droppedReason !== null) return null;
  const children = tree.filter((n) => n.parentKey === node.key && n.droppedReason === null);
  if (children.length === 0 || children.some((c) => c.maxPoints === null)) return null;
  const sum = children.reduce((s, c) => s + c.maxPoints!, 0);
  return Math.abs(sum - node.maxPoints) > 1e-9 ? sum : null;
}

export type TreeProblem = 'codeRequired' | 'textRequired' | 'codeDuplicate' | 'reasonRequired' | 'pointsInvalid';

/** The bounds of a criterion's max points, as the server holds them. */
export const MAX_POINTS_BOUNDS = { min: 0, max: 10_000 } as const;

/** The points field as typed: the text when it is not a number, else the number. */
export const typedPoints = (n: DraftCriterion) => n.pointsText ?? n.maxPoints;

/** What stops the tree from saving, per node (the server would refuse it too). */
export function problems(tree: Tree): Map<string, TreeProblem> {
  const out = new Map<string, TreeProblem>();
  const seen = new Map<string, string>();
  for (const n of tree) {
    const code = n.code.trim().toLowerCase();
    if (!code) out.set(n.key, 'codeRequired');
    else if (!n.text.trim()) out.set(n.key, 'textRequired');
    else if (n.droppedReason !== null && !n.droppedReason.trim()) out.set(n.key, 'reasonRequired');
    else if (n.pointsText !== undefined || (n.maxPoints !== null && (n.maxPoints < MAX_POINTS_BOUNDS.min || n.maxPoints > MAX_POINTS_BOUNDS.max))) out.set(n.key, 'pointsInvalid');
    const key = `${n.subject}:${code}`;
    if (code && seen.has(key)) out.set(n.key, 'codeDuplicate');
    seen.set(key, n.key);
  }
  return out;
}
