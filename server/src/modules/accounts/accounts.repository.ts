import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Executor } from '../../platform/database.js';
import { matchesAllWords, orderByName, withinAny } from '../../platform/search.js';

export interface UserFilter {
  /** Subtrees whose accounts are listed; null lists every account. */
  roots: string[] | null;
  /** Only accounts with a role or a person in this subtree. */
  unitPath?: string;
  /** Search words (see searchWords). */
  words: string[];
}

export interface GrantFilter {
  /** Grants at units inside these subtrees; null for all. */
  roots: string[] | null;
  unitPath?: string;
  userId?: number;
}

const userColumns = [
  'us.id',
  'us.username',
  'us.display_name',
  'us.email',
  'us.person_id',
  'us.is_active',
  'us.totp_enabled',
  'us.locked_until',
] as const;

// An account belongs to a subtree when it holds a role at a unit there or is linked to a person there.
function inSubtrees(eb: ExpressionBuilder<DB & { us: DB['users'] }, 'us'>, roots: string[]) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('role_grants as g')
        .innerJoin('units as gu', 'gu.id', 'g.unit_id')
        .select('g.id')
        .whereRef('g.user_id', '=', 'us.id')
        .where(withinAny('gu.path', roots)),
    ),
    eb.exists(
      eb
        .selectFrom('people as p')
        .innerJoin('units as pu', 'pu.id', 'p.unit_id')
        .select('p.id')
        .whereRef('p.id', '=', 'us.person_id')
        .where(withinAny('pu.path', roots)),
    ),
  ]);
}

function usersFiltered(db: Executor, f: UserFilter) {
  let q = db.selectFrom('users as us');
  const { roots, unitPath } = f;
  if (roots !== null) q = q.where((eb) => inSubtrees(eb, roots));
  if (unitPath !== undefined) q = q.where((eb) => inSubtrees(eb, [unitPath]));
  if (f.words.length > 0) q = q.where(matchesAllWords('us.search_key', f.words));
  return q;
}

function grantsQuery(db: Executor) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .innerJoin('users as us', 'us.id', 'g.user_id')
    .select([
      'g.id',
      'g.user_id',
      'us.username',
      'us.display_name',
      'g.role',
      'g.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'g.created_at',
    ]);
}

/** Enough to answer one request; the screens page by unit or by user. */
export const MAX_GRANTS_LISTED = 5000;

export const accountsRepository = {
  findUnit(db: Executor, id: number) {
    return db.selectFrom('units').select(['id', 'path', 'name', 'status']).where('id', '=', id).executeTakeFirst();
  },

  findPerson(db: Executor, id: number) {
    return db
      .selectFrom('people as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.id', 'p.unit_id', 'u.path as unit_path'])
      .where('p.id', '=', id)
      .executeTakeFirst();
  },

  listUsers(db: Executor, f: UserFilter, page: { limit: number; offset: number; collation: string | null }) {
    return usersFiltered(db, f)
      .select(userColumns)
      .orderBy(orderByName('us.display_name', page.collation))
      .orderBy('us.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  },

  async countUsers(db: Executor, f: UserFilter): Promise<number> {
    const r = await usersFiltered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** One account with the unit of its linked person; `lock` holds it to the end of the transaction. */
  findUser(db: Executor, id: number, opts: { lock?: boolean } = {}) {
    let q = db
      .selectFrom('users as us')
      .leftJoin('people as p', 'p.id', 'us.person_id')
      .leftJoin('units as pu', 'pu.id', 'p.unit_id')
      .select(userColumns)
      .select(['us.failed_sign_ins', 'p.unit_id as person_unit_id', 'pu.path as person_unit_path'])
      .where('us.id', '=', id);
    if (opts.lock) q = q.forUpdate('us');
    return q.executeTakeFirst();
  },

  /** The grants of many accounts in one query (no N+1), each with its unit's name and path. */
  grantsOfUsers(db: Executor, userIds: number[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return grantsQuery(db).where('g.user_id', 'in', userIds).orderBy('g.user_id').orderBy('g.id').execute();
  },

  async usernameTaken(db: Executor, username: string): Promise<boolean> {
    // username is citext: the comparison ignores case, as sign-in does.
    return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
  },

  async accountOfPerson(db: Executor, personId: number): Promise<number | null> {
    const r = await db.selectFrom('users').select('id').where('person_id', '=', personId).executeTakeFirst();
    return r?.id ?? null;
  },

  async insertUser(
    db: Executor,
    values: { username: string; display_name: string; email: string | null; person_id: number | null; password_hash: string },
  ): Promise<number> {
    const r = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  updateUser(
    db: Executor,
    id: number,
    patch: { display_name?: string; email?: string | null; is_active?: boolean; failed_sign_ins?: number; locked_until?: null },
    at: Date,
  ) {
    return db
      .updateTable('users')
      .set({ ...patch, updated_at: at })
      .where('id', '=', id)
      .execute();
  },

  endSessions(db: Executor, userId: number) {
    return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  },
  forgetSignInWaits(db: Executor, username: string) {
    return db.deleteFrom('sign_in_throttles').where('username', '=', username).execute();
  },

  listGrants(db: Executor, f: GrantFilter) {
    let q = grantsQuery(db);
    if (f.roots !== null) q = q.where(withinAny('u.path', f.roots));
    if (f.unitPath !== undefined) q = q.where(withinAny('u.path', [f.unitPath]));
    if (f.userId !== undefined) q = q.where('g.user_id', '=', f.userId);
    return q.orderBy('u.path').orderBy('g.role').orderBy('us.username').limit(MAX_GRANTS_LISTED).execute();
  },

  findGrant(db: Executor, id: number, opts: { lock?: boolean } = {}) {
    let q = grantsQuery(db).where('g.id', '=', id);
    if (opts.lock) q = q.forUpdate('g');
    return q.executeTakeFirst();
  },

  async grantExists(db: Executor, g: { userId: number; role: string; unitId: number }): Promise<boolean> {
    const r = await db
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', g.userId)
      .where('role', '=', g.role)
      .where('unit_id', '=', g.unitId)
      .executeTakeFirst();
    return r !== undefined;
  },

  async insertGrant(db: Executor, g: { userId: number; role: string; unitId: number; grantedBy: number }): Promise<number> {
    const r = await db
      .insertInto('role_grants')
      .values({ user_id: g.userId, role: g.role, unit_id: g.unitId, granted_by: g.grantedBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  deleteGrant(db: Executor, id: number) {
    return db.deleteFrom('role_grants').where('id', '=', id).execute();
  },

  /** The system_admin grants of an account, locked so that two removals cannot both pass the "last one" check. */
  async lockSystemAdminGrants(db: Executor, userId: number): Promise<number[]> {
    const rows = await db
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', 'system_admin')
      .forUpdate()
      .execute();
    return rows.map((r) => r.id);
  },
};

export type GrantRow = Awaited<ReturnType<typeof accountsRepository.listGrants>>[number];
export type UserListRow = Awaited<ReturnType<typeof accountsRepository.listUsers>>[number];
