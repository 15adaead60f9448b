import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { matchesAllWords, orderByName, withinAny } from '../../platform/search.js';

// Every query of registration (đăng ký thi đua): no rules here, every method takes a transaction.

/** The plan that applies to a subject, with the unit that issued it. */
export interface ApplicablePlanRow {
  id: number;
  movement_id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  title: string;
  document_type: string;
  number: string | null;
  code: string | null;
  issue_date: string | null;
  status: string;
}

/**
 * The plan that applies to a subject whose unit is at `unitPath` in `year`: the nearest published
 * plan of the movement issued at that unit or above it (a school's own adopted plan before the
 * city's) whose years (năm áp dụng, plans.years.ts) cover the year — a ward's plan for 2027 is not
 * the plan of 2026. Among plans of the same unit the one of fewer years, then the newest version,
 * wins. Without a year (a person who has not chosen one yet) years are not looked at.
 */
export function applicablePlan(db: Executor, movementId: number, unitPath: string, year: number | undefined): Promise<ApplicablePlanRow | undefined> {
  let q = db
    .selectFrom('plans as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.movement_id', 'p.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'p.title', 'p.document_type', 'p.number', 'p.code', 'p.issue_date', 'p.status'])
    .where('p.movement_id', '=', movementId)
    .where('p.status', '=', 'published')
    .where(sql<SqlBool>`u.path @> ${unitPath}::ltree`);
  if (year !== undefined) {
    q = q.where((eb) => eb.and([eb.or([eb('p.year_from', 'is', null), eb('p.year_from', '<=', year)]), eb.or([eb('p.year_to', 'is', null), eb('p.year_to', '>=', year)])]));
  }
  return q
    .orderBy(sql`nlevel(u.path)`, 'desc')
    .orderBy(sql`coalesce(p.year_to, 2100) - coalesce(p.year_from, 1990)`)
    .orderBy('p.version', 'desc')
    .orderBy('p.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Which registrations a list covers. */
export interface RegistrationFilter {
  /** Subtrees the actor may read (or the asked unit's subtree); empty matches nothing but `ownPersonId`. */
  roots: string[];
  /** Only this unit, not its subtree. */
  unitId?: number;
  /** The actor's own person: their registrations are always theirs to see. */
  ownPersonId?: number | null;
  movementId?: number;
  year?: number;
  subject?: string;
  status?: string;
  words: string[];
}

function registrationQuery(db: Executor) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('plans as pl', 'pl.id', 'r.plan_id')
    .innerJoin('units as pu', 'pu.id', 'pl.unit_id')
    .innerJoin('movements as m', 'm.id', 'r.movement_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('emulation_titles as t', 't.code', 'r.title_code')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('users as rb', 'rb.id', 'r.registered_by')
    .select([
      'r.id',
      'r.plan_id',
      'pl.title as plan_title',
      'pl.number as plan_number',
      'pl.code as plan_code',
      'pu.name as plan_unit_name',
      'r.movement_id',
      'm.name as movement_name',
      'r.year',
      'r.subject',
      'r.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'r.person_id',
      'p.full_name as person_name',
      'p.position as person_position',
      'r.title_code',
      't.name as title_name',
      't.subject as title_subject',
      'r.commitments',
      'r.status',
      'r.registered_at',
      'rb.display_name as registered_by_name',
      'r.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('assessments as a')
        .select('a.stage')
        .whereRef('a.movement_id', '=', 'r.movement_id')
        .whereRef('a.year', '=', 'r.year')
        .where(
          sql<SqlBool>`(r.person_id is not null and a.person_id = r.person_id) or (r.person_id is null and a.person_id is null and a.unit_id = r.unit_id)`,
        )
        .limit(1)
        .as('assessment_stage'),
    );
}

export type RegistrationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof registrationQuery>['executeTakeFirst']>>>;

export interface RegistrationInsert {
  plan_id: number;
  movement_id: number;
  year: number;
  subject: string;
  unit_id: number;
  person_id: number | null;
  title_code: string;
  commitments: string | null;
  registered_by: number;
  registered_at: Date;
}

/** Counts of one row of the board. */
export interface CountRow {
  key: number;
  expected: number;
  registered: number;
}

const activeRegistration = (movementId: number, year: number) =>
  sql`r.movement_id = ${movementId} and r.year = ${year} and r.status = 'registered'`;

/** Where the missing list looks: a unit's own staff (and itself), its subtree, or a block's members within it. */
export type MissingScope = { kind: 'direct'; unitId: number } | { kind: 'subtree'; path: string } | { kind: 'block'; path: string; blockId: number };

function unitScope(scope: MissingScope) {
  if (scope.kind === 'direct') return sql<SqlBool>`u.id = ${scope.unitId}`;
  if (scope.kind === 'subtree') return sql<SqlBool>`u.path <@ ${scope.path}::ltree`;
  return sql<SqlBool>`u.path <@ ${scope.path}::ltree and exists (
    select 1 from block_members bm join units mu on mu.id = bm.unit_id
    where bm.block_id = ${scope.blockId} and u.path <@ mu.path and mu.path <@ ${scope.path}::ltree)`;
}

function missingUnion(movementId: number, year: number, scope: MissingScope) {
  const where = unitScope(scope);
  return sql`
    select 'unit' as kind, u.id, u.name, u.id as unit_id, u.name as unit_name, 0 as ord
      from units u
      where ${where} and u.status = 'active'
        and not exists (select 1 from registrations r where r.person_id is null and r.unit_id = u.id and ${activeRegistration(movementId, year)})
    union all
    select 'person' as kind, p.id, p.full_name as name, u.id as unit_id, u.name as unit_name, 1 as ord
      from people p join units u on u.id = p.unit_id
      where ${where} and u.status = 'active' and p.is_active
        and not exists (select 1 from registrations r where r.person_id = p.id and ${activeRegistration(movementId, year)})`;
}

export const registrationsRepository = {
  applicablePlan,

  // ── Things registrations point at ──
  findMovement(db: Executor, id: number) {
    return db
      .selectFrom('movements as m')
      .innerJoin('units as u', 'u.id', 'm.owner_unit_id')
      .select(['m.id', 'm.name', 'm.kind', 'm.start_year', 'm.end_year', 'u.path as owner_unit_path'])
      .where('m.id', '=', id)
      .executeTakeFirst();
  },

  findUnit(db: Executor, id: number) {
    return db.selectFrom('units').select(['id', 'name', 'path', 'status']).where('id', '=', id).executeTakeFirst();
  },

  /** Locks units (in id order, so two reminders never deadlock) to the end of the transaction. */
  async lockUnits(db: Executor, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await db.selectFrom('units').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  },

  findPerson(db: Executor, id: number) {
    return db
      .selectFrom('people as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.id', 'p.full_name', 'p.position', 'p.is_active', 'p.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'u.status as unit_status'])
      .where('p.id', '=', id)
      .executeTakeFirst();
  },

  findPeople(db: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('people as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.id', 'p.full_name', 'p.is_active', 'p.unit_id', 'u.path as unit_path', 'u.status as unit_status'])
      .where('p.id', 'in', ids)
      .execute();
  },

  titleSubject(db: Executor, code: string) {
    return db.selectFrom('emulation_titles').select(['code', 'subject', 'name']).where('code', '=', code).executeTakeFirst();
  },

  /** Criteria of a plan in tree order (depth first), without the ones the plan dropped. */
  async planCriteria(db: Executor, planId: number) {
    const rows = await db
      .selectFrom('plan_criteria')
      .select(['id', 'parent_id', 'subject', 'code', 'text', 'max_points'])
      .where('plan_id', '=', planId)
      .where('dropped_reason', 'is', null)
      .orderBy('position')
      .orderBy('id')
      .execute();
    const children = new Map<number | null, typeof rows>();
    for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
    const out: ((typeof rows)[number] & { depth: number })[] = [];
    const walk = (parent: number | null, depth: number) => {
      for (const r of children.get(parent) ?? []) {
        out.push({ ...r, depth });
        walk(r.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  },

  /**
   * Movements with a published plan that reaches the unit at `path`: issued at it or above it, and,
   * with `below`, also in its subtree (the board of a city follows its schools' own plans too).
   */
  movementsFor(db: Executor, path: string, opts: { below: boolean }) {
    return db
      .selectFrom('movements as m')
      .select(['m.id', 'm.name', 'm.kind', 'm.start_year', 'm.end_year'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('plans as p')
            .innerJoin('units as u', 'u.id', 'p.unit_id')
            .select('p.id')
            .whereRef('p.movement_id', '=', 'm.id')
            .where('p.status', '=', 'published')
            .where(opts.below ? sql<SqlBool>`(u.path @> ${path}::ltree or u.path <@ ${path}::ltree)` : sql<SqlBool>`u.path @> ${path}::ltree`),
        ),
      )
      .orderBy('m.end_year', 'desc')
      .orderBy('m.id', 'desc')
      .limit(200)
      .execute();
  },

  // ── Registrations ──
  findRegistration(db: Executor, id: number) {
    return registrationQuery(db).where('r.id', '=', id).executeTakeFirst();
  },

  findRegistrations(db: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return registrationQuery(db).where('r.id', 'in', ids).execute();
  },

  /** Locks the registration row to the end of the transaction. */
  lockRegistration(db: Executor, id: number) {
    return db.selectFrom('registrations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** The subject's registration for the movement and year, whatever its status (the unique indexes allow one). */
  existing(db: Executor, key: { movementId: number; year: number; personId: number | null; unitId: number }, opts: { lock?: boolean } = {}) {
    let q = db.selectFrom('registrations').selectAll().where('movement_id', '=', key.movementId).where('year', '=', key.year);
    q = key.personId !== null ? q.where('person_id', '=', key.personId) : q.where('person_id', 'is', null).where('unit_id', '=', key.unitId);
    if (opts.lock) q = q.forUpdate();
    return q.executeTakeFirst();
  },

  /** Registrations of these people for the movement and year, whatever their status. */
  existingForPeople(db: Executor, movementId: number, year: number, personIds: number[]) {
    if (personIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('registrations')
      .select(['id', 'person_id', 'status'])
      .where('movement_id', '=', movementId)
      .where('year', '=', year)
      .where('person_id', 'in', personIds)
      .forUpdate()
      .execute();
  },

  async insert(db: Executor, row: RegistrationInsert): Promise<number> {
    const r = await db.insertInto('registrations').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  /** Registers again on a withdrawn row: the unique indexes keep one row per subject, movement and year. */
  async reactivate(db: Executor, id: number, row: Pick<RegistrationInsert, 'plan_id' | 'unit_id' | 'title_code' | 'commitments' | 'registered_by' | 'registered_at'>) {
    await db
      .updateTable('registrations')
      .set({ ...row, status: 'registered', updated_at: row.registered_at })
      .where('id', '=', id)
      .execute();
  },

  async update(db: Executor, id: number, patch: { title_code?: string; commitments?: string | null; status?: string }, at: Date) {
    await db
      .updateTable('registrations')
      .set({ ...patch, updated_at: at })
      .where('id', '=', id)
      .execute();
  },

  /** The assessment (đánh giá) of a subject for the movement and year, if it has one. */
  assessmentStage(db: Executor, key: { movementId: number; year: number; personId: number | null; unitId: number }) {
    let q = db.selectFrom('assessments').select('stage').where('movement_id', '=', key.movementId).where('year', '=', key.year);
    q = key.personId !== null ? q.where('person_id', '=', key.personId) : q.where('person_id', 'is', null).where('unit_id', '=', key.unitId);
    return q.executeTakeFirst();
  },

  list(db: Executor, f: RegistrationFilter, page: { limit: number; offset: number; collation: string | null }) {
    return filtered(registrationQuery(db), f)
      .orderBy('r.year', 'desc')
      .orderBy(orderByName('u.name', page.collation))
      .orderBy('r.subject')
      .orderBy(orderByName('p.full_name', page.collation))
      .orderBy('r.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  },

  async count(db: Executor, f: RegistrationFilter): Promise<number> {
    const r = await filtered(registrationQuery(db), f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** A unit's own active people, by name, with the id of their registration for the movement and year. */
  roster(db: Executor, f: { unitId: number; movementId: number; year: number; words: string[] }, page: { limit: number; offset: number; collation: string | null }) {
    return rosterQuery(db, f)
      .select(['p.id', 'p.full_name', 'p.position', 'r.id as registration_id'])
      .orderBy(orderByName('p.full_name', page.collation))
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  },

  async rosterCount(db: Executor, f: { unitId: number; movementId: number; year: number; words: string[] }): Promise<number> {
    const r = await rosterQuery(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  // ── The board ──
  /** Active child units of a unit, in Vietnamese order. */
  children(db: Executor, unitId: number, collation: string | null) {
    return db
      .selectFrom('units')
      .select(['id', 'name', 'path'])
      .where('parent_id', '=', unitId)
      .where('status', '=', 'active')
      .orderBy(orderByName('name', collation))
      .orderBy('id')
      .execute();
  },

  /**
   * Active people under the unit at `path` and how many registered, grouped by the child unit they
   * fall under; the unit's own staff are grouped under the unit's own id.
   */
  async peopleCounts(db: Executor, unit: { id: number; path: string }, movementId: number, year: number): Promise<CountRow[]> {
    const r = await sql<CountRow>`
      select case when u.path = ${unit.path}::ltree then ${unit.id}::bigint
                  else subpath(u.path, nlevel(${unit.path}::ltree), 1)::text::bigint end as key,
             count(*)::int as expected, count(r.id)::int as registered
        from people p join units u on u.id = p.unit_id
        left join registrations r on r.person_id = p.id and ${activeRegistration(movementId, year)}
       where u.path <@ ${unit.path}::ltree and u.status = 'active' and p.is_active
       group by 1`.execute(db);
    return r.rows;
  },

  /** Active units under the unit at `path` (itself included) and how many registered as collectives, grouped as above. */
  async unitCounts(db: Executor, unit: { id: number; path: string }, movementId: number, year: number): Promise<CountRow[]> {
    const r = await sql<CountRow>`
      select case when u.path = ${unit.path}::ltree then ${unit.id}::bigint
                  else subpath(u.path, nlevel(${unit.path}::ltree), 1)::text::bigint end as key,
             count(*)::int as expected, count(r.id)::int as registered
        from units u
        left join registrations r on r.person_id is null and r.unit_id = u.id and ${activeRegistration(movementId, year)}
       where u.path <@ ${unit.path}::ltree and u.status = 'active'
       group by 1`.execute(db);
    return r.rows;
  },

  /** Blocks (Khối/Cụm thi đua) of the year with members in the subtree at `path`, and those members. */
  async blocksWithin(db: Executor, path: string, year: number, collation: string | null) {
    const order = collation ? sql`b.name collate ${sql.id(collation)}` : sql`b.name`;
    const r = await sql<{ id: number; name: string; kind: string; member_ids: number[] }>`
      select b.id, b.name, b.kind, array_agg(bm.unit_id order by bm.unit_id) as member_ids
        from blocks b join block_members bm on bm.block_id = b.id join units mu on mu.id = bm.unit_id
       where b.year = ${year} and mu.path <@ ${path}::ltree
       group by b.id, b.name, b.kind
       order by ${order}, b.id`.execute(db);
    return r.rows.map((b) => ({ ...b, member_ids: b.member_ids.map(Number) }));
  },

  /** People under the members of each block (within `path`), counted once even where members nest. */
  async blockPeopleCounts(db: Executor, blockIds: number[], path: string, movementId: number, year: number): Promise<CountRow[]> {
    if (blockIds.length === 0) return [];
    const r = await sql<CountRow>`
      select bm.block_id as key, count(distinct p.id)::int as expected, count(distinct p.id) filter (where r.id is not null)::int as registered
        from block_members bm join units mu on mu.id = bm.unit_id
        join units u on u.path <@ mu.path
        join people p on p.unit_id = u.id
        left join registrations r on r.person_id = p.id and ${activeRegistration(movementId, year)}
       where bm.block_id = any(${blockIds}::bigint[]) and mu.path <@ ${path}::ltree and u.status = 'active' and p.is_active
       group by bm.block_id`.execute(db);
    return r.rows;
  },

  async blockUnitCounts(db: Executor, blockIds: number[], path: string, movementId: number, year: number): Promise<CountRow[]> {
    if (blockIds.length === 0) return [];
    const r = await sql<CountRow>`
      select bm.block_id as key, count(distinct u.id)::int as expected, count(distinct u.id) filter (where r.id is not null)::int as registered
        from block_members bm join units mu on mu.id = bm.unit_id
        join units u on u.path <@ mu.path
        left join registrations r on r.person_id is null and r.unit_id = u.id and ${activeRegistration(movementId, year)}
       where bm.block_id = any(${blockIds}::bigint[]) and mu.path <@ ${path}::ltree and u.status = 'active'
       group by bm.block_id`.execute(db);
    return r.rows;
  },

  findBlock(db: Executor, id: number) {
    return db.selectFrom('blocks').select(['id', 'year', 'name']).where('id', '=', id).executeTakeFirst();
  },

  /** Units, then people, who have not registered in the scope; by name, paged. */
  async missing(db: Executor, movementId: number, year: number, scope: MissingScope, page: { limit: number; offset: number; collation: string | null }) {
    const order = page.collation ? sql`m.name collate ${sql.id(page.collation)}` : sql`m.name`;
    const r = await sql<{ kind: 'person' | 'unit'; id: number; name: string; unit_id: number; unit_name: string }>`
      select m.kind, m.id, m.name, m.unit_id, m.unit_name from (${missingUnion(movementId, year, scope)}) m
       order by m.ord, ${order}, m.id
       limit ${page.limit} offset ${page.offset}`.execute(db);
    return r.rows;
  },

  async missingCount(db: Executor, movementId: number, year: number, scope: MissingScope): Promise<number> {
    const r = await sql<{ n: number }>`select count(*)::int as n from (${missingUnion(movementId, year, scope)}) m`.execute(db);
    return r.rows[0]?.n ?? 0;
  },

  // ── Reminders (nhắc đăng ký) ──
  /** The latest reminder of each unit for the movement and year. */
  async lastReminders(db: Executor, movementId: number, year: number, unitIds: number[]): Promise<Map<number, Date>> {
    if (unitIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('registration_reminders')
      .select(['unit_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('movement_id', '=', movementId)
      .where('year', '=', year)
      .where('unit_id', 'in', unitIds)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.map((r) => [r.unit_id, new Date(r.at)]));
  },

  async insertReminder(db: Executor, row: { movement_id: number; year: number; unit_id: number; sent_by: number; created_at: Date }) {
    return db.insertInto('registration_reminders').values(row).returning(['id', 'unit_id', 'created_at']).executeTakeFirstOrThrow();
  },

  /** A reminder the job has not sent yet, locked so that two workers never both send it. */
  pendingReminder(db: Executor, id: number) {
    return db
      .selectFrom('registration_reminders as rr')
      .innerJoin('units as u', 'u.id', 'rr.unit_id')
      .innerJoin('movements as m', 'm.id', 'rr.movement_id')
      .select(['rr.id', 'rr.movement_id', 'rr.year', 'rr.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'm.name as movement_name'])
      .where('rr.id', '=', id)
      .where('rr.sent_at', 'is', null)
      .forUpdate('rr')
      .skipLocked()
      .executeTakeFirst();
  },

  async markReminderSent(db: Executor, id: number, result: { unregistered: number; mails: number; failure: string | null }, at: Date) {
    await db
      .updateTable('registration_reminders')
      .set({ sent_at: at, unregistered_count: result.unregistered, mail_count: result.mails, failure: result.failure })
      .where('id', '=', id)
      .execute();
  },

  /** The unit's emulation officers and heads (granted at the unit itself) who can receive mail. */
  unitContacts(db: Executor, unitId: number) {
    return db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['u.id', 'u.display_name', 'u.email'])
      .distinct()
      .where('g.unit_id', '=', unitId)
      .where('g.role', 'in', ['unit_officer', 'unit_head'])
      .where('u.is_active', '=', true)
      .where('u.email', 'is not', null)
      .orderBy('u.id')
      .execute();
  },

  /** Everyone not yet registered under the unit at `path`, with the account e-mail of those who have one. */
  async unregisteredPeople(db: Executor, movementId: number, year: number, path: string, collation: string | null) {
    const order = collation ? sql`p.full_name collate ${sql.id(collation)}` : sql`p.full_name`;
    const r = await sql<{ id: number; full_name: string; unit_name: string; email: string | null; display_name: string | null }>`
      select p.id, p.full_name, u.name as unit_name, a.email, a.display_name
        from people p join units u on u.id = p.unit_id
        left join users a on a.person_id = p.id and a.is_active and a.email is not null
       where u.path <@ ${path}::ltree and u.status = 'active' and p.is_active
         and not exists (select 1 from registrations r where r.person_id = p.id and ${activeRegistration(movementId, year)})
       order by ${order}, p.id`.execute(db);
    return r.rows;
  },
};

function filtered<Q extends ReturnType<typeof registrationQuery>>(q: Q, f: RegistrationFilter): Q {
  let out = q.where((eb) => {
    const scoped = f.unitId !== undefined ? sql<SqlBool>`(r.unit_id = ${f.unitId} and ${withinAny('u.path', f.roots)})` : withinAny('u.path', f.roots);
    return f.ownPersonId ? eb.or([scoped, eb('r.person_id', '=', f.ownPersonId)]) : scoped;
  }) as Q;
  if (f.movementId !== undefined) out = out.where('r.movement_id', '=', f.movementId) as Q;
  if (f.year !== undefined) out = out.where('r.year', '=', f.year) as Q;
  if (f.subject !== undefined) out = out.where('r.subject', '=', f.subject) as Q;
  if (f.status !== undefined) out = out.where('r.status', '=', f.status) as Q;
  if (f.words.length > 0) {
    out = out.where(
      sql<SqlBool>`((r.person_id is not null and ${matchesAllWords('p.search_key', f.words, 'p.search_words')}) or (r.person_id is null and ${matchesAllWords('u.search_key', f.words)}))`,
    ) as Q;
  }
  return out;
}

function rosterQuery(db: Executor, f: { unitId: number; movementId: number; year: number; words: string[] }) {
  let q = db
    .selectFrom('people as p')
    .leftJoin('registrations as r', (join) => join.onRef('r.person_id', '=', 'p.id').on('r.movement_id', '=', f.movementId).on('r.year', '=', f.year))
    .where('p.unit_id', '=', f.unitId)
    .where('p.is_active', '=', true);
  if (f.words.length > 0) q = q.where(matchesAllWords('p.search_key', f.words, 'p.search_words'));
  return q;
}

export type RosterRow = Awaited<ReturnType<typeof registrationsRepository.roster>>[number];
