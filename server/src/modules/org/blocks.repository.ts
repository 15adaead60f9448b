import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { withinAny } from '../../platform/search.js';

export interface BlockRow {
  id: number;
  year: number;
  kind: string;
  name: string;
  organizer_unit_id: number;
  organizer_name: string;
  organizer_path: string;
  head_unit_id: number | null;
  head_name: string | null;
  deputy_unit_id: number | null;
  deputy_name: string | null;
}

export interface BlockValues {
  year: number;
  kind: string;
  name: string;
  organizer_unit_id: number;
  head_unit_id: number | null;
  deputy_unit_id: number | null;
}

function blockQuery(db: Executor) {
  return db
    .selectFrom('blocks as b')
    .innerJoin('units as o', 'o.id', 'b.organizer_unit_id')
    .leftJoin('units as h', 'h.id', 'b.head_unit_id')
    .leftJoin('units as d', 'd.id', 'b.deputy_unit_id')
    .select([
      'b.id',
      'b.year',
      'b.kind',
      'b.name',
      'b.organizer_unit_id',
      'o.name as organizer_name',
      'o.path as organizer_path',
      'b.head_unit_id',
      'h.name as head_name',
      'b.deputy_unit_id',
      'd.name as deputy_name',
    ]);
}

export const blocksRepository = {
  /** Blocks whose organizer lies in one of `scopes`, newest year first. */
  list(db: Executor, f: { scopes: string[]; year?: number; organizerUnitId?: number; collation: string | null }): Promise<BlockRow[]> {
    if (f.scopes.length === 0) return Promise.resolve([]);
    let q = blockQuery(db).where(withinAny('o.path', f.scopes));
    if (f.year !== undefined) q = q.where('b.year', '=', f.year);
    if (f.organizerUnitId !== undefined) q = q.where('b.organizer_unit_id', '=', f.organizerUnitId);
    q = q.orderBy('b.year', 'desc');
    q = f.collation ? q.orderBy(sql`b.name collate ${sql.id(f.collation)}`) : q.orderBy('b.name');
    return q.orderBy('b.id').execute();
  },

  findById(db: Executor, id: number): Promise<BlockRow | undefined> {
    return blockQuery(db).where('b.id', '=', id).executeTakeFirst();
  },

  members(db: Executor, blockIds: number[], collation: string | null) {
    if (blockIds.length === 0) return Promise.resolve([]);
    const q = db
      .selectFrom('block_members as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .select(['m.block_id', 'u.id', 'u.name', 'u.code'])
      .where('m.block_id', 'in', blockIds);
    return (collation ? q.orderBy(sql`u.name collate ${sql.id(collation)}`) : q.orderBy('u.name')).orderBy('u.id').execute();
  },

  memberIds(db: Executor, blockId: number): Promise<number[]> {
    return db
      .selectFrom('block_members')
      .select('unit_id')
      .where('block_id', '=', blockId)
      .orderBy('unit_id')
      .execute()
      .then((rows) => rows.map((r) => r.unit_id));
  },

  units(db: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('units').select(['id', 'path', 'status']).where('id', 'in', ids).execute();
  },

  /** Case-insensitive, so "Khối 1" and "khối 1" of one organizer and year cannot both exist. */
  async nameTaken(db: Executor, organizerUnitId: number, year: number, name: string, exceptId?: number): Promise<boolean> {
    let q = db
      .selectFrom('blocks')
      .select('id')
      .where('organizer_unit_id', '=', organizerUnitId)
      .where('year', '=', year)
      .where(sql<SqlBool>`lower(name) = lower(${name})`);
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  },

  async insert(db: Executor, values: BlockValues): Promise<number> {
    const r = await db.insertInto('blocks').values(values).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  update(db: Executor, id: number, values: BlockValues) {
    return db.updateTable('blocks').set(values).where('id', '=', id).execute();
  },

  async replaceMembers(db: Executor, blockId: number, unitIds: number[]): Promise<void> {
    await db.deleteFrom('block_members').where('block_id', '=', blockId).execute();
    if (unitIds.length === 0) return;
    await db
      .insertInto('block_members')
      .values(unitIds.map((unit_id) => ({ block_id: blockId, unit_id })))
      .execute();
  },

  delete(db: Executor, id: number) {
    return db.deleteFrom('blocks').where('id', '=', id).execute();
  },
};
