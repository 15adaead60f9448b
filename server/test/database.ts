import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, inject } from 'vitest';
import { createDatabase, type Database } from '../src/platform/database.js';
import { TEMPLATE, withDatabase } from './global-setup.js';

/**
 * A database of this test file's own, copied from the migrated template and dropped after
 * the file's tests. No test leans on another file's rows.
 */
export async function testDatabase(): Promise<{ db: Database; url: string }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = createDatabase(adminUrl, 1);
  await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(TEMPLATE)}`.execute(admin);
  const url = withDatabase(adminUrl, name);
  const db = createDatabase(url, 10);
  afterAll(async () => {
    await db.destroy();
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
    await admin.destroy();
  });
  return { db, url };
}
