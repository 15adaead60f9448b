import path from 'node:path';
import type { Config } from './config.js';
import { createDatabase, type Database } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { migrateToLatest } from '../db/migrate.js';

export interface Runtime {
  db: Database;
  databaseUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names: DATABASE_URL, or the embedded PostgreSQL in
 * dataDir/postgres. Both then take the same code path: migrate, then serve.
 */
export async function openRuntime(config: Config, opts: { migrate?: boolean; log?: (m: string) => void } = {}): Promise<Runtime> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), config.embeddedPort, opts.log);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const db = createDatabase(databaseUrl);
  try {
    if (opts.migrate !== false) await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    db,
    databaseUrl,
    embedded: !!embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
