import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../src/platform/database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/platform/embedded-postgres.js';
import { migrateToLatest } from '../src/db/migrate.js';

export const TEMPLATE = 'thidua_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

let embedded: EmbeddedDatabase | null = null;
let tmpDir: string | null = null;

/**
 * One PostgreSQL for the whole run: DATABASE_URL when given (CI also runs against Debian's 15),
 * else a fresh embedded one in a temporary folder. The schema is migrated once into a template.
 */
export async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-test-'));
    fs.chmodSync(tmpDir, 0o777);
    const port = 20000 + Math.floor(Math.random() * 20000);
    embedded = await startEmbeddedPostgres(path.join(tmpDir, 'pg'), port);
    adminUrl = embedded.url;
  }
  const admin = createDatabase(adminUrl, 2);
  await sql`DROP DATABASE IF EXISTS ${sql.id(TEMPLATE)} WITH (FORCE)`.execute(admin);
  await sql`CREATE DATABASE ${sql.id(TEMPLATE)}`.execute(admin);
  await admin.destroy();
  const template = createDatabase(withDatabase(adminUrl, TEMPLATE), 2);
  await migrateToLatest(template);
  await template.destroy();
  project.provide('adminDatabaseUrl', adminUrl);
}

export async function teardown() {
  await embedded?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
