import { sql } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { matchesAllWords, orderByName, withinAny } from '../../platform/search.js';

/** One unit; the units of a subtree by id; or, for scopes too wide to list, subtree roots. */
export type PeopleScope = { unitId: number } | { unitIds: number[] } | { roots: string[] };

export interface PeopleFilter {
  scope: PeopleScope;
  /** Search words (see searchWords); every one must match. */
  words: string[];
  category?: string;
  gender?: string;
}

export interface PersonInsert {
  code: string | null;
  full_name: string;
  gender: string;
  birth_date: string | null;
  category: string;
  position: string | null;
  unit_id: number;
  email: string | null;
  phone: string | null;
}

export type PersonPatch = Partial<Omit<PersonInsert, 'unit_id'>> & { is_active?: boolean };

const personColumns = [
  'p.id',
  'p.code',
  'p.full_name',
  'p.gender',
  'p.birth_date',
  'p.category',
  'p.position',
  'p.unit_id',
  'u.name as unit_name',
  'u.path as unit_path',
  'p.email',
  'p.phone',
  'p.is_active',
] as const;

// People joined to their unit. A subtree given as unit ids lets PostgreSQL AND the bitmap of
// people_unit_idx with the name indexes' bitmaps, so only the matches inside the subtree are read
// from the table; filtering by units.path after the join would read every match in the country.
function filtered(db: Executor, f: PeopleFilter) {
  let q = db.selectFrom('people as p').innerJoin('units as u', 'u.id', 'p.unit_id');
  if ('unitId' in f.scope) q = q.where('p.unit_id', '=', f.scope.unitId);
  else if ('unitIds' in f.scope) q = q.where('p.unit_id', '=', sql<number>`any(${f.scope.unitIds}::bigint[])`);
  else q = q.where(withinAny('u.path', f.scope.roots));
  if (f.words.length > 0) q = q.where(matchesAllWords('p.search_key', f.words, 'p.search_words'));
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.gender) q = q.where('p.gender', '=', f.gender);
  return q;
}

export const peopleRepository = {
  /** Ids of the units in these subtrees, or null when there are more than `max` (a scope that wide is better joined). */
  async unitIdsWithin(db: Executor, roots: string[], max: number): Promise<number[] | null> {
    const rows = await db.selectFrom('units').select('id').where(withinAny('path', roots)).limit(max + 1).execute();
    return rows.length > max ? null : rows.map((r) => r.id);
  },

  findUnit(db: Executor, id: number) {
    return db.selectFrom('units').select(['id', 'path', 'name', 'status']).where('id', '=', id).executeTakeFirst();
  },

  list(db: Executor, f: PeopleFilter, page: { limit: number; offset: number; collation: string | null }) {
    return filtered(db, f)
      .select(personColumns)
      .orderBy(orderByName('p.full_name', page.collation))
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  },

  /** Counts matches, stopping at `cap`: an exact count of a common name over millions costs seconds. */
  async count(db: Executor, f: PeopleFilter, cap: number): Promise<number> {
    const r = await db
      .selectFrom(filtered(db, f).select('p.id').limit(cap).as('m'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** One person with its unit; `lock` holds the row until the transaction ends (transfers, edits). */
  findById(db: Executor, id: number, opts: { lock?: boolean } = {}) {
    let q = db
      .selectFrom('people as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(personColumns)
      .select((eb) => eb.selectFrom('users').select('users.id').whereRef('users.person_id', '=', 'p.id').as('account_id'))
      .where('p.id', '=', id);
    if (opts.lock) q = q.forUpdate('p');
    return q.executeTakeFirst();
  },

  assignmentsOf(db: Executor, personId: number) {
    return db
      .selectFrom('person_assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.unit_id', 'u.name as unit_name', 'a.position', 'a.started_on', 'a.ended_on'])
      .where('a.person_id', '=', personId)
      .orderBy('a.started_on')
      .orderBy('a.id')
      .execute();
  },

  /** The assignment still open (no end date), newest first should several exist in old data. */
  openAssignment(db: Executor, personId: number) {
    return db
      .selectFrom('person_assignments')
      .select(['id', 'unit_id', 'position', 'started_on'])
      .where('person_id', '=', personId)
      .where('ended_on', 'is', null)
      .orderBy('started_on', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async codeTaken(db: Executor, code: string, exceptId?: number): Promise<boolean> {
    let q = db.selectFrom('people').select('id').where(sql`lower(code)`, '=', code.toLowerCase());
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    return (await q.limit(1).executeTakeFirst()) !== undefined;
  },

  async insert(db: Executor, values: PersonInsert): Promise<number> {
    const r = await db.insertInto('people').values(values).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  update(db: Executor, id: number, patch: PersonPatch & { unit_id?: number }, at: Date) {
    return db
      .updateTable('people')
      .set({ ...patch, updated_at: at })
      .where('id', '=', id)
      .execute();
  },

  /** Opens an assignment from `startedOn` (a Vietnam calendar date). */
  openNewAssignment(db: Executor, a: { personId: number; unitId: number; position: string | null; startedOn: string }) {
    return db
      .insertInto('person_assignments')
      .values({
        person_id: a.personId,
        unit_id: a.unitId,
        position: a.position,
        started_on: a.startedOn,
      })
      .execute();
  },

  closeAssignment(db: Executor, assignmentId: number, endedOn: string) {
    return db.updateTable('person_assignments').set({ ended_on: endedOn }).where('id', '=', assignmentId).execute();
  },

  setAssignmentPosition(db: Executor, assignmentId: number, position: string | null) {
    return db.updateTable('person_assignments').set({ position }).where('id', '=', assignmentId).execute();
  },
};

export type PersonRow = NonNullable<Awaited<ReturnType<typeof peopleRepository.findById>>>;
export type PersonListRow = Awaited<ReturnType<typeof peopleRepository.list>>[number];
