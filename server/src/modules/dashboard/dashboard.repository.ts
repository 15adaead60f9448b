import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { orderByName } from '../../platform/search.js';

// Every query of the dashboard (tổng hợp) and the rankings (xếp hạng): no rules, every method takes
// a transaction. Figures are counted per unit in SQL and rolled up to levels and blocks by the
// service, so one pass over a province's units serves the total, the sub-units and the blocks.
// Subtrees are passed as lists of unit ids: the (movement_id, year, unit_id) indexes then read only
// the scope's rows (migration 2026-11-22-0045-dashboard).

export interface ScopeUnit {
  id: number;
  parent_id: number | null;
  name: string;
  path: string;
  status: string;
}

export interface UnitRef {
  id: number;
  name: string;
  path: string;
}

export interface MovementRef {
  id: number;
  name: string;
  owner_path: string;
}

export interface PeopleCountRow {
  unit_id: number;
  n: number;
}

export interface RegistrationCountRow {
  unit_id: number;
  individual: number;
  collective: number;
}

export interface AssessmentCountRow {
  unit_id: number;
  subject: string;
  stage: string;
  classification: string | null;
  n: number;
  overscored: number;
}

export interface ScopeBlockRow {
  id: number;
  name: string;
  kind: string;
  member_id: number | null;
  member_path: string | null;
}

export interface BlockRef {
  id: number;
  name: string;
  year: number;
  organizer_path: string;
}

export interface RankingRow {
  assessment_id: number | null;
  unit_id: number;
  unit_name: string;
  person_id: number | null;
  person_name: string | null;
  stage: string | null;
  self_total: number | null;
  review_total: number | null;
  council_total: number | null;
  score: number | null;
  rank: number | null;
  classification: string | null;
  classification_bands: unknown;
  finalised_at: Date | null;
  total: number;
}

const score = sql<number | null>`coalesce(a.council_total, a.review_total, a.self_total)`;

/** One person's office-culture result of a year, for the yearly rating. */
export interface YearlyResultRow {
  person_id: number;
  person_code: string | null;
  full_name: string;
  position: string | null;
  category: string;
  unit_name: string;
  stage: string | null;
  score: number | null;
  classification: string | null;
  bands: unknown;
  registered: boolean;
}

export const dashboardRepository = {
  findUnit(db: Executor, id: number): Promise<UnitRef | undefined> {
    return db.selectFrom('units').select(['id', 'name', sql<string>`path::text`.as('path')]).where('id', '=', id).executeTakeFirst();
  },

  findMovement(db: Executor, id: number): Promise<MovementRef | undefined> {
    return db
      .selectFrom('movements as m')
      .innerJoin('units as o', 'o.id', 'm.owner_unit_id')
      .select(['m.id', 'm.name', sql<string>`o.path::text`.as('owner_path')])
      .where('m.id', '=', id)
      .executeTakeFirst();
  },

  findBlock(db: Executor, id: number): Promise<BlockRef | undefined> {
    return db
      .selectFrom('blocks as b')
      .innerJoin('units as o', 'o.id', 'b.organizer_unit_id')
      .select(['b.id', 'b.name', 'b.year', sql<string>`o.path::text`.as('organizer_path')])
      .where('b.id', '=', id)
      .executeTakeFirst();
  },

  /** Paths of a block's member units. */
  async blockMemberPaths(db: Executor, blockId: number): Promise<string[]> {
    const rows = await db
      .selectFrom('block_members as bm')
      .innerJoin('units as u', 'u.id', 'bm.unit_id')
      .select(sql<string>`u.path::text`.as('path'))
      .where('bm.block_id', '=', blockId)
      .execute();
    return rows.map((r) => r.path);
  },

  /** The unit at `path` and everything below it, whatever its status (history still counts). */
  subtree(db: Executor, path: string): Promise<ScopeUnit[]> {
    return db
      .selectFrom('units')
      .select(['id', 'parent_id', 'name', sql<string>`path::text`.as('path'), 'status'])
      .where(sql<SqlBool>`path <@ ${path}::ltree`)
      .execute();
  },

  /** Active people per unit: who is expected to register as an individual. */
  activePeople(db: Executor, unitIds: number[]): Promise<PeopleCountRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('people')
      .select(['unit_id', sql<number>`count(*)::int`.as('n')])
      .where('is_active', '=', true)
      .where('unit_id', '=', sql<number>`any(${unitIds}::bigint[])`)
      .groupBy('unit_id')
      .execute();
  },

  /** Registrations not withdrawn, per unit: people and the unit itself as a collective. */
  registrations(db: Executor, movementId: number, year: number, unitIds: number[]): Promise<RegistrationCountRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    // Grouped by unit alone: the index hands the rows over in unit order, so no hash table is built.
    return db
      .selectFrom('registrations')
      .select([
        'unit_id',
        sql<number>`(count(*) filter (where subject = 'individual'))::int`.as('individual'),
        sql<number>`(count(*) filter (where subject = 'collective'))::int`.as('collective'),
      ])
      .where('movement_id', '=', movementId)
      .where('year', '=', year)
      .where('unit_id', '=', sql<number>`any(${unitIds}::bigint[])`)
      .where('status', '=', 'registered')
      .groupBy('unit_id')
      .execute();
  },

  /**
   * Assessments per bucket, subject, stage and classification, with the overscore flags among them.
   * `bucketIds[i]` is the unit that `unitIds[i]` is counted under: grouping 100,000 rows by a few
   * hundred buckets instead of a thousand units halves the time (the hash table stays small).
   */
  assessments(db: Executor, movementId: number, year: number, unitIds: number[], bucketIds: number[]): Promise<AssessmentCountRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return sql<AssessmentCountRow>`
      select m.bucket as unit_id, a.subject, a.stage, a.classification, count(*)::int as n,
             (count(*) filter (where a.overscore_flag))::int as overscored
      from assessments a
      join unnest(${unitIds}::bigint[], ${bucketIds}::bigint[]) as m (unit_id, bucket) on m.unit_id = a.unit_id
      where a.movement_id = ${movementId} and a.year = ${year} and a.unit_id = any(${unitIds}::bigint[])
      group by m.bucket, a.subject, a.stage, a.classification`
      .execute(db)
      .then((r) => r.rows);
  },

  /** The classification bands of the movement's plans: the labels of the band keys. */
  async movementBands(db: Executor, movementId: number): Promise<unknown[]> {
    const rows = await db.selectFrom('plans').select('classification_bands').where('movement_id', '=', movementId).orderBy('id').execute();
    return rows.map((r) => r.classification_bands);
  },

  /** Blocks of `year` organised inside the subtree at `path`, one row per member. */
  blocksWithin(db: Executor, path: string, year: number, collation: string | null): Promise<ScopeBlockRow[]> {
    return db
      .selectFrom('blocks as b')
      .innerJoin('units as o', 'o.id', 'b.organizer_unit_id')
      .leftJoin('block_members as bm', 'bm.block_id', 'b.id')
      .leftJoin('units as m', 'm.id', 'bm.unit_id')
      .select(['b.id', 'b.name', 'b.kind', 'm.id as member_id', sql<string | null>`m.path::text`.as('member_path')])
      .where('b.year', '=', year)
      .where(sql<SqlBool>`o.path <@ ${path}::ltree`)
      .orderBy(orderByName('b.name', collation))
      .orderBy('b.id')
      .execute();
  },

  /** The collective assessments of a block's members, best first; members not assessed last, unranked. */
  rankUnitsOfBlock(db: Executor, blockId: number, movementId: number, year: number, collation: string | null): Promise<RankingRow[]> {
    return db
      .selectFrom('block_members as bm')
      .innerJoin('units as u', 'u.id', 'bm.unit_id')
      .leftJoin('assessments as a', (j) =>
        j.onRef('a.unit_id', '=', 'bm.unit_id').on('a.person_id', 'is', null).on('a.movement_id', '=', movementId).on('a.year', '=', year),
      )
      .leftJoin('plans as pl', 'pl.id', 'a.plan_id')
      .select([
        'a.id as assessment_id',
        'u.id as unit_id',
        'u.name as unit_name',
        sql<null>`null::bigint`.as('person_id'),
        sql<null>`null::text`.as('person_name'),
        'a.stage',
        'a.self_total',
        'a.review_total',
        'a.council_total',
        score.as('score'),
        sql<number | null>`case when ${score} is null then null else rank() over (order by ${score} desc nulls last) end::int`.as('rank'),
        'a.classification',
        'pl.classification_bands',
        'a.finalised_at',
        sql<number>`(count(*) over ())::int`.as('total'),
      ])
      .where('bm.block_id', '=', blockId)
      .orderBy(sql`${score} desc nulls last`)
      .orderBy(orderByName('u.name', collation))
      .orderBy('u.id')
      .execute();
  },

  /**
   * The individual assessments in the units `unitIds`, best first, at most `limit`, with how many
   * there are. Ranked on the assessments alone, then the names of the page only are joined: a
   * province has over 100,000 people. Equal scores at the cut-off are taken in id order.
   */
  /**
   * Every active person of the units with their individual assessment of the movement's year, if
   * any, and whether they registered: one row a person, for the yearly rating's export.
   */
  yearlyResults(db: Executor, movementId: number, year: number, unitIds: number[], collation: string | null): Promise<YearlyResultRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return sql<YearlyResultRow>`
      select p.id as person_id, p.code as person_code, p.full_name, p.position, p.category, u.name as unit_name,
             a.stage, ${score} as score, a.classification, pl.classification_bands as bands,
             exists (select 1 from registrations r where r.person_id = p.id and r.movement_id = ${movementId} and r.year = ${year} and r.status = 'registered') as registered
        from people p
        join units u on u.id = p.unit_id
        left join assessments a on a.person_id = p.id and a.movement_id = ${movementId} and a.year = ${year}
        left join plans pl on pl.id = a.plan_id
       where p.is_active and p.unit_id = any(${unitIds}::bigint[])
       order by u.path, ${orderByName('p.full_name', collation)}, p.id`
      .execute(db)
      .then((r) => r.rows);
  },

  rankPeople(db: Executor, movementId: number, year: number, unitIds: number[], limit: number, collation: string | null): Promise<RankingRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    const ranked = db
      .selectFrom('assessments as a')
      .select([
        'a.id',
        'a.unit_id',
        'a.person_id',
        'a.plan_id',
        'a.stage',
        'a.self_total',
        'a.review_total',
        'a.council_total',
        'a.classification',
        'a.finalised_at',
        score.as('score'),
        sql<number | null>`case when ${score} is null then null else rank() over (order by ${score} desc nulls last) end::int`.as('rank'),
        sql<number>`(count(*) over ())::int`.as('total'),
      ])
      .where('a.movement_id', '=', movementId)
      .where('a.year', '=', year)
      .where('a.person_id', 'is not', null)
      .where('a.unit_id', '=', sql<number>`any(${unitIds}::bigint[])`)
      .orderBy(sql`${score} desc nulls last`)
      .orderBy('a.id')
      .limit(limit);
    return db
      .with('r', () => ranked)
      .selectFrom('r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .innerJoin('plans as pl', 'pl.id', 'r.plan_id')
      .select([
        'r.id as assessment_id',
        'u.id as unit_id',
        'u.name as unit_name',
        'p.id as person_id',
        'p.full_name as person_name',
        'r.stage',
        'r.self_total',
        'r.review_total',
        'r.council_total',
        'r.score',
        'r.rank',
        'r.classification',
        'pl.classification_bands',
        'r.finalised_at',
        'r.total',
      ])
      .orderBy(sql`r.score desc nulls last`)
      .orderBy(orderByName('p.full_name', collation))
      .orderBy('p.id')
      .execute();
  },
};
