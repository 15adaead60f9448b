import type { ImportRowError, Role } from '@thidua/contracts';
import { sql } from 'kysely';
import type { Grant } from '../../platform/actor.js';
import type { Executor } from '../../platform/database.js';

export interface UnitRef {
  id: number;
  code: string;
  path: string;
  status: string;
}

export interface NewPerson {
  code: string | null;
  fullName: string;
  gender: string;
  birthDate: string | null;
  category: string;
  position: string | null;
  unitId: number;
  email: string | null;
  phone: string | null;
}

export interface NewUnit {
  id: number;
  parentId: number | null;
  path: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  validFrom: string;
}

// First key of the two-key advisory locks on import jobs (the second is the job id).
const IMPORT_LOCK_CLASS = 7_357_002;

const jobColumns = ['id', 'kind', 'status', 'file_name', 'created_by', 'total_rows', 'processed_rows', 'good_rows', 'bad_rows', 'imported_rows', 'errors', 'failure', 'created_at'] as const;

export const importsRepository = {
  createJob(db: Executor, job: { kind: string; fileName: string; file: Buffer; createdBy: number }) {
    return db
      .insertInto('import_jobs')
      .values({ kind: job.kind, status: 'validating', file_name: job.fileName, file: job.file, created_by: job.createdBy })
      .returning(jobColumns)
      .executeTakeFirstOrThrow();
  },

  findJob(db: Executor, id: number) {
    return db.selectFrom('import_jobs').select(jobColumns).where('id', '=', id).executeTakeFirst();
  },

  findJobFile(db: Executor, id: number) {
    return db.selectFrom('import_jobs').select(['file', 'file_name']).where('id', '=', id).executeTakeFirst();
  },

  updateJob(
    db: Executor,
    id: number,
    patch: Partial<{ status: string; totalRows: number; processedRows: number; goodRows: number; badRows: number; importedRows: number; errors: ImportRowError[]; failure: string | null; dropFile: boolean }>,
  ) {
    return db
      .updateTable('import_jobs')
      .set({
        updated_at: sql<Date>`now()`,
        ...(patch.status !== undefined && { status: patch.status }),
        ...(patch.totalRows !== undefined && { total_rows: patch.totalRows }),
        ...(patch.processedRows !== undefined && { processed_rows: patch.processedRows }),
        ...(patch.goodRows !== undefined && { good_rows: patch.goodRows }),
        ...(patch.badRows !== undefined && { bad_rows: patch.badRows }),
        ...(patch.importedRows !== undefined && { imported_rows: patch.importedRows }),
        ...(patch.errors !== undefined && { errors: JSON.stringify(patch.errors) }),
        ...(patch.failure !== undefined && { failure: patch.failure }),
        ...(patch.dropFile && { file: null }),
      })
      .where('id', '=', id)
      .execute();
  },

  /** Moves a job from one status to the next only if no one else did: returns false when it lost. */
  async transition(db: Executor, id: number, from: string, to: string): Promise<boolean> {
    const r = await db.updateTable('import_jobs').set({ status: to, updated_at: sql<Date>`now()`, failure: null }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** A transaction-scoped lock on one import job; false when another transaction holds it. */
  async tryLockJob(db: Executor, id: number): Promise<boolean> {
    const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${IMPORT_LOCK_CLASS}::int, ${id}::int) as ok`.execute(db);
    return r.rows[0]?.ok === true;
  },

  findUser(db: Executor, id: number) {
    return db.selectFrom('users').select(['id', 'username', 'display_name', 'person_id', 'is_active']).where('id', '=', id).executeTakeFirst();
  },

  async grantsOf(db: Executor, userId: number): Promise<Grant[]> {
    const rows = await db
      .selectFrom('role_grants as g')
      .innerJoin('units as u', 'u.id', 'g.unit_id')
      .select(['g.id', 'g.role', 'g.unit_id', 'u.name', 'u.path'])
      .where('g.user_id', '=', userId)
      .execute();
    return rows.map((g) => ({ id: g.id, role: g.role as Role, unitId: g.unit_id, unitName: g.name, unitPath: g.path }));
  },

  unitCodesByIds(db: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('units').select(['id', 'code', 'path']).where('id', 'in', ids).where('status', '=', 'active').execute();
  },

  /** Units by code, case-insensitively (the unique index is on lower(code)). */
  async unitsByCodes(db: Executor, codes: string[]): Promise<UnitRef[]> {
    if (codes.length === 0) return [];
    const lower = codes.map((c) => c.toLowerCase());
    return db
      .selectFrom('units')
      .select(['id', 'code', 'path', 'status'])
      .where(sql<boolean>`lower(code) = any(${lower}::text[])`)
      .execute();
  },

  /** Which of these person codes already exist (lower-cased). */
  async existingPersonCodes(db: Executor, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const lower = codes.map((c) => c.toLowerCase());
    const rows = await db
      .selectFrom('people')
      .select(sql<string>`lower(code)`.as('code'))
      .where('code', 'is not', null)
      .where(sql<boolean>`lower(code) = any(${lower}::text[])`)
      .execute();
    return new Set(rows.map((r) => r.code));
  },

  /**
   * People and their first assignment (phân công) in one statement. The batch travels as one JSON
   * parameter expanded by json_to_recordset: a single parameter whatever the batch size (no
   * 65,535-parameter limit), and far less work for the driver than one array per column.
   */
  async insertPeople(db: Executor, people: NewPerson[], startedOn: string): Promise<number> {
    if (people.length === 0) return 0;
    const r = await sql<{ n: number }>`
      with input as (
        select * from json_to_recordset(${JSON.stringify(people)}::json)
          as t("code" text, "fullName" text, "gender" text, "birthDate" date, "category" text, "position" text, "unitId" bigint, "email" text, "phone" text)
      ), inserted as (
        insert into people (code, full_name, gender, birth_date, category, position, unit_id, email, phone)
        select "code", "fullName", "gender", "birthDate", "category", "position", "unitId", "email"::citext, "phone" from input
        returning id, unit_id, position
      ), assigned as (
        insert into person_assignments (person_id, unit_id, position, started_on)
        select id, unit_id, position, ${startedOn}::date from inserted
        returning 1
      )
      select count(*)::int as n from assigned`.execute(db);
    return r.rows[0]?.n ?? 0;
  },

  /** n fresh unit ids, so that paths (ltree of ids) can be computed before inserting. */
  async nextUnitIds(db: Executor, n: number): Promise<number[]> {
    if (n === 0) return [];
    const r = await sql<{ id: number }>`select nextval('units_id_seq') as id from generate_series(1, ${n}::int)`.execute(db);
    return r.rows.map((x) => Number(x.id));
  },

  async insertUnits(db: Executor, units: NewUnit[]): Promise<void> {
    if (units.length === 0) return;
    await sql`
      insert into units (id, parent_id, path, code, name, short_name, kind, valid_from)
      select "id", "parentId", "path"::ltree, "code", "name", "shortName", "kind", "validFrom"
      from json_to_recordset(${JSON.stringify(units)}::json)
        as t("id" bigint, "parentId" bigint, "path" text, "code" text, "name" text, "shortName" text, "kind" text, "validFrom" date)`.execute(db);
  },
};

export type ImportJobRow = NonNullable<Awaited<ReturnType<typeof importsRepository.findJob>>>;
