import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.js';

// bigint ids fit in a JS number; dates stay as yyyy-mm-dd strings; numerics as numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1700, (v) => Number(v));

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A repository method accepts either the database or a transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export function createDatabase(url: string, max = 20): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'thidua' });
  pool.on('error', () => undefined); // an idle client lost: the pool replaces it
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

export async function databaseHealth(db: Database): Promise<{ ok: boolean; latencyMs: number; version: string | null }> {
  const start = performance.now();
  try {
    const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
    return { ok: true, latencyMs: Math.round(performance.now() - start), version: r.rows[0]?.v ?? null };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - start), version: null };
  }
}

/** Whether a query failed on a unique index (PostgreSQL's unique_violation). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}
