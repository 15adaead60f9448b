import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { matchesAllWords, withinAny } from '../../platform/search.js';

/** A unit as the rules need it: where it sits in the tree and whether it still takes work. */
export interface UnitRow {
  id: number;
  parent_id: number | null;
  path: string;
  code: string;
  name: string;
  short_name: string | null;
  kind: string;
  status: string;
  valid_from: string;
  valid_to: string | null;
  successor_id: number | null;
}

/** A unit with what a unitView shows beyond its own columns. */
export interface UnitViewRow extends UnitRow {
  successor_name: string | null;
  child_count: number | null;
}

export interface ListOptions {
  includeInactive: boolean;
  limit: number;
  /** ICU collation for Vietnamese ordering, or null to sort by code points. */
  collation: string | null;
}

// Distinct from the audit chain's lock (platform/audit.ts).
const TREE_LOCK = 7_357_002;

const unitColumns = [
  'u.id',
  'u.parent_id',
  'u.path',
  'u.code',
  'u.name',
  'u.short_name',
  'u.kind',
  'u.status',
  'u.valid_from',
  'u.valid_to',
  'u.successor_id',
] as const;

function viewQuery(db: Executor) {
  return db
    .selectFrom('units as u')
    .leftJoin('units as s', 's.id', 'u.successor_id')
    .select(unitColumns)
    .select('s.name as successor_name')
    .select((eb) =>
      eb
        .selectFrom('units as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'u.id')
        .where('c.status', '=', 'active')
        .as('child_count'),
    );
}

function listQuery(db: Executor, opts: ListOptions) {
  let q = viewQuery(db);
  if (!opts.includeInactive) q = q.where('u.status', '=', 'active');
  q = opts.collation ? q.orderBy(sql`u.name collate ${sql.id(opts.collation)}`) : q.orderBy('u.name');
  return q.orderBy('u.id').limit(opts.limit);
}

export const unitsRepository = {

  findById(db: Executor, id: number): Promise<UnitRow | undefined> {
    return db.selectFrom('units as u').select(unitColumns).where('u.id', '=', id).executeTakeFirst();
  },

  /**
   * Reads the unit's newest committed version and locks it to the end of the transaction: 'share'
   * when adding under it (a retire or move must wait), 'update' when changing it.
   */
  findByIdLocked(db: Executor, id: number, mode: 'share' | 'update'): Promise<UnitRow | undefined> {
    const q = db.selectFrom('units as u').select(unitColumns).where('u.id', '=', id);
    return (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirst();
  },

  /**
   * Serialises restructurings (moves, merges) across all server processes: two concurrent moves
   * could otherwise each pass the cycle check and together make a loop.
   */
  async lockTree(db: Executor): Promise<void> {
    await sql`select pg_advisory_xact_lock(${TREE_LOCK})`.execute(db);
  },

  /**
   * Locks every unit of a subtree before its paths are rewritten, so a child being created under
   * one of them commits first and is then seen (and moved) by the rewrite.
   */
  async lockSubtree(db: Executor, path: string): Promise<void> {
    await db.selectFrom('units').select('id').where(sql<SqlBool>`path <@ ${path}::ltree`).forUpdate().execute();
  },

  findViewById(db: Executor, id: number): Promise<UnitViewRow | undefined> {
    return viewQuery(db).where('u.id', '=', id).executeTakeFirst();
  },

  listByPaths(db: Executor, paths: string[], opts: ListOptions): Promise<UnitViewRow[]> {
    if (paths.length === 0) return Promise.resolve([]);
    return listQuery(db, opts).where(sql<SqlBool>`u.path = any(${paths}::ltree[])`).execute();
  },

  listChildren(db: Executor, parentId: number, opts: ListOptions): Promise<UnitViewRow[]> {
    return listQuery(db, opts).where('u.parent_id', '=', parentId).execute();
  },

  /** Every word (see searchWords) must occur in the unit's unaccented "name code" key. */
  search(db: Executor, words: string[], scopes: string[], opts: ListOptions & { strictlyBelow?: string }): Promise<UnitViewRow[]> {
    if (scopes.length === 0) return Promise.resolve([]);
    let q = listQuery(db, opts).where(withinAny('u.path', scopes));
    if (opts.strictlyBelow) q = q.where(sql<SqlBool>`u.path <@ ${opts.strictlyBelow}::ltree`).where(sql<SqlBool>`u.path <> ${opts.strictlyBelow}::ltree`);
    return q.where(matchesAllWords('u.search_key', words)).execute();
  },

  /** Ancestors from the root down, without the unit itself. */
  ancestors(db: Executor, path: string) {
    return db
      .selectFrom('units')
      .select(['id', 'name', 'path'])
      .where(sql<SqlBool>`path @> ${path}::ltree`)
      .where(sql<SqlBool>`path <> ${path}::ltree`)
      .orderBy(sql`nlevel(path)`)
      .execute();
  },

  /** Units merged or dissolved into this one: its history. */
  predecessors(db: Executor, id: number) {
    return db
      .selectFrom('units')
      .select(['id', 'name', 'status', 'valid_to'])
      .where('successor_id', '=', id)
      .orderBy('valid_to', 'desc')
      .orderBy('id')
      .execute();
  },

  async countActivePeopleIn(db: Executor, path: string): Promise<number> {
    const r = await db
      .selectFrom('people as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.is_active', '=', true)
      .where(sql<SqlBool>`u.path <@ ${path}::ltree`)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async codeTaken(db: Executor, code: string, exceptId?: number): Promise<boolean> {
    let q = db.selectFrom('units').select('id').where(sql<SqlBool>`lower(code) = lower(${code})`);
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  },

  async nextId(db: Executor): Promise<number> {
    const r = await sql<{ id: number }>`select nextval('units_id_seq') as id`.execute(db);
    return Number(r.rows[0]!.id);
  },

  insert(
    db: Executor,
    row: { id: number; parent_id: number; path: string; code: string; name: string; short_name: string | null; kind: string; valid_from?: string },
  ) {
    return db.insertInto('units').values(row).execute();
  },

  update(db: Executor, id: number, patch: { code?: string; name?: string; short_name?: string | null; kind?: string; valid_from?: string; parent_id?: number }, at: Date) {
    return db
      .updateTable('units')
      .set({ ...patch, updated_at: at })
      .where('id', '=', id)
      .execute();
  },

  /** Rewrites the path of the unit at `oldPath` and its whole subtree so it hangs under `newParentPath`. */
  moveSubtree(db: Executor, oldPath: string, newParentPath: string, at: Date) {
    return sql`
      update units
         set path = ${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1), updated_at = ${at}
       where path <@ ${oldPath}::ltree`.execute(db);
  },

  activeChildren(db: Executor, parentId: number) {
    return db.selectFrom('units').select(['id', 'path']).where('parent_id', '=', parentId).where('status', '=', 'active').execute();
  },

  /** Moves the subtrees of the given children of `fromPath` under `toPath`, in one statement. */
  async reparentChildren(db: Executor, fromPath: string, toPath: string, toId: number, children: { id: number; path: string }[], at: Date) {
    if (children.length === 0) return;
    await sql`
      update units
         set path = ${toPath}::ltree || subpath(path, nlevel(${fromPath}::ltree)), updated_at = ${at}
       where path <@ any(${children.map((c) => c.path)}::ltree[])`.execute(db);
    await db
      .updateTable('units')
      .set({ parent_id: toId })
      .where('id', 'in', children.map((c) => c.id))
      .execute();
  },

  /** Marks the unit merged or dissolved; returns nothing when it was no longer active (a concurrent retire). */
  retire(db: Executor, id: number, r: { status: string; validTo: string; successorId: number; note: string | null }, at: Date) {
    return db
      .updateTable('units')
      .set({ status: r.status, valid_to: r.validTo, successor_id: r.successorId, retire_note: r.note, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .returning('id')
      .executeTakeFirst();
  },

  /**
   * Moves the active people of a unit to another on `date`: closes their open assignment there,
   * opens one at the new unit, and points people.unit_id at it. Returns how many moved.
   */
  async moveActivePeople(db: Executor, fromId: number, toId: number, date: string, at: Date): Promise<number> {
    const moving = db.selectFrom('people').select('id').where('unit_id', '=', fromId).where('is_active', '=', true);
    await db
      .updateTable('person_assignments')
      .set({ ended_on: sql`greatest(started_on, ${date}::date)` })
      .where('ended_on', 'is', null)
      .where('unit_id', '=', fromId)
      .where('person_id', 'in', moving)
      .execute();
    await db
      .insertInto('person_assignments')
      .columns(['person_id', 'unit_id', 'position', 'started_on'])
      .expression(
        db
          .selectFrom('people')
          .select(['id', sql<number>`${toId}::bigint`.as('unit_id'), 'position', sql<string>`${date}::date`.as('started_on')])
          .where('unit_id', '=', fromId)
          .where('is_active', '=', true),
      )
      .execute();
    const moved = await db
      .updateTable('people')
      .set({ unit_id: toId, updated_at: at })
      .where('unit_id', '=', fromId)
      .where('is_active', '=', true)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows);
  },

  /**
   * Hands the unit's place in blocks of years after `afterYear` to its successor: memberships
   * (dropped where the successor is already a member), head and deputy roles, and organising.
   */
  async handOverBlocks(db: Executor, fromId: number, toId: number, afterYear: number): Promise<{ memberships: number; organized: number }> {
    const laterBlocks = db.selectFrom('blocks').select('id').where('year', '>', afterYear);
    const successorIn = db.selectFrom('block_members').select('block_id').where('unit_id', '=', toId);
    const dropped = await db
      .deleteFrom('block_members')
      .where('unit_id', '=', fromId)
      .where('block_id', 'in', laterBlocks)
      .where('block_id', 'in', successorIn)
      .executeTakeFirst();
    const moved = await db
      .updateTable('block_members')
      .set({ unit_id: toId })
      .where('unit_id', '=', fromId)
      .where('block_id', 'in', laterBlocks)
      .executeTakeFirst();
    await db.updateTable('blocks').set({ head_unit_id: toId }).where('year', '>', afterYear).where('head_unit_id', '=', fromId).execute();
    await db.updateTable('blocks').set({ deputy_unit_id: toId }).where('year', '>', afterYear).where('deputy_unit_id', '=', fromId).execute();
    // One unit cannot be both Khối trưởng and Khối phó: the head role wins.
    await db
      .updateTable('blocks')
      .set({ deputy_unit_id: null })
      .where('year', '>', afterYear)
      .whereRef('deputy_unit_id', '=', 'head_unit_id')
      .execute();
    const organized = await db
      .updateTable('blocks')
      .set({ organizer_unit_id: toId })
      .where('year', '>', afterYear)
      .where('organizer_unit_id', '=', fromId)
      .executeTakeFirst();
    return { memberships: Number(dropped.numDeletedRows) + Number(moved.numUpdatedRows), organized: Number(organized.numUpdatedRows) };
  },
};
