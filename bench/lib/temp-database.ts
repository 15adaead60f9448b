import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { createDatabase, type Database } from '../../server/src/platform/database.js';
import { startEmbeddedPostgres } from '../../server/src/platform/embedded-postgres.js';

export interface TempDatabase {
  db: Database;
  url: string;
  dir: string;
  /** Stops PostgreSQL and removes its folder. */
  close(): Promise<void>;
}

/**
 * A throw-away embedded PostgreSQL in a temporary folder on a random loopback port, migrated:
 * benchmarks never touch ./data or a configured DATABASE_URL.
 */
export async function tempDatabase(opts: { migrate?: boolean; poolSize?: number; keepDir?: string } = {}): Promise<TempDatabase> {
  // keepDir: a folder kept between runs, so a large generated data set can be measured again.
  const dir = opts.keepDir ? path.resolve(opts.keepDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  // As root the cluster runs under a dedicated postgres user, which must be able to enter the folder.
  fs.chmodSync(dir, 0o777);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const pg = await startEmbeddedPostgres(path.join(dir, 'pg'), port);
  const db = createDatabase(pg.url, opts.poolSize ?? 10);
  if (opts.migrate !== false) await migrateToLatest(db);
  return {
    db,
    url: pg.url,
    dir,
    async close() {
      await db.destroy();
      await pg.stop();
      if (!opts.keepDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads `--name value` from the command line. */
export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function numberArg(name: string, fallback: number): number {
  const v = argValue(name);
  return v === undefined ? fallback : Number(v.replace(/[_,]/g, ''));
}

/** Percentile of an ascending list of milliseconds (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)), max: round(s[s.length - 1] ?? NaN), mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)) };
}

// Other work on the same two cores inflates every figure: the load average goes into each result.
const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);

export function writeResult(name: string, data: unknown) {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) }, ...(data as object) }, null, 2) + '\n');
  console.log(`\n→ ${path.relative(process.cwd(), file)}`);
}
