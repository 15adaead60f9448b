import { sql } from 'kysely';
import type { Tx } from './database.js';

// Helpers for loading millions of rows in one transaction (the national data set, a restore).

/**
 * Drops the indexes of `tables` that no constraint needs and returns the statements that recreate
 * them: building a trigram GIN index once is many times faster than maintaining it row by row.
 * Within the caller's transaction, so a failed load leaves every index as it was.
 */
export async function dropSecondaryIndexes(trx: Tx, tables: string[]): Promise<string[]> {
  const rows = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = any(${tables}::text[])
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = current_schema()::regnamespace)
  `.execute(trx);
  for (const r of rows.rows) await sql`drop index ${sql.id(r.name)}`.execute(trx);
  return rows.rows.map((r) => r.def);
}

/** Recreates the indexes {@link dropSecondaryIndexes} dropped, with memory enough to sort in one go. */
export async function rebuildIndexes(trx: Tx, definitions: string[], log: (m: string) => void = () => {}) {
  if (definitions.length === 0) return;
  const t = performance.now();
  log(`Tạo lại chỉ mục / rebuilding ${definitions.length} indexes…`);
  await sql`set local maintenance_work_mem = '1GB'`.execute(trx);
  for (const def of definitions) await sql.raw(def).execute(trx);
  log(`  ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/**
 * Every row the generator writes references units and people it has just written, so the
 * per-row foreign-key triggers (about a third of the load time) only re-check what is true by
 * construction. PostgreSQL lets a superuser skip them for the transaction, as pg_restore does; on an
 * external database without that right, or if someone has added a trigger of their own to these
 * tables (which must not be skipped), the checks simply stay on.
 */
export async function skipForeignKeyChecks(trx: Tx, tables: string[]): Promise<boolean> {
  const own = await sql<{ n: number }>`
    select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and c.relname = any(${tables}::text[]) and c.relnamespace = current_schema()::regnamespace`.execute(trx);
  if (own.rows[0]!.n > 0) return false;
  const su = await sql<{ su: boolean }>`select rolsuper as su from pg_roles where rolname = current_user`.execute(trx);
  if (!su.rows[0]?.su) return false;
  await sql`set local session_replication_role = replica`.execute(trx);
  return true;
}
