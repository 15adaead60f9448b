// Start-up benchmark of the embedded database, as `npm start` meets it:
//   first start  — initdb, start PostgreSQL, create the database, migrate, job-queue schema,
//                  demonstration data (target < 15 s)
//   later start  — start PostgreSQL on existing data, migrations already applied (target < 5 s)
// Each in a temporary folder on a random loopback port. Prints figures and writes
// bench/results/startup.json; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { demoOnFirstStart } from '../server/src/demo/first-start.js';
import { systemNow } from '../server/src/platform/clock.js';
import { createDatabase } from '../server/src/platform/database.js';
import { startEmbeddedPostgres } from '../server/src/platform/embedded-postgres.js';
import { startPgBossJobs } from '../server/src/platform/jobs.js';
import { numberArg, summarise, writeResult } from './lib/temp-database.js';

const rounds = numberArg('rounds', 3);
const quiet = { error: () => undefined };

interface Phases {
  postgres: number;
  migrate: number;
  jobs: number;
  demo: number;
  total: number;
}

/** One start of the server's database side, phase by phase, in `dir`. */
async function start(dir: string, port: number): Promise<Phases> {
  const t0 = performance.now();
  const pg = await startEmbeddedPostgres(dir, port);
  const t1 = performance.now();
  const db = createDatabase(pg.url, 4);
  try {
    await migrateToLatest(db);
    const t2 = performance.now();
    const jobs = await startPgBossJobs(pg.url, { runWorkers: false, log: quiet });
    const t3 = performance.now();
    await demoOnFirstStart(db, systemNow, { THIDUA_DEMO: 'true' }, () => undefined);
    const t4 = performance.now();
    await jobs.stop();
    return { postgres: t1 - t0, migrate: t2 - t1, jobs: t3 - t2, demo: t4 - t3, total: t4 - t0 };
  } finally {
    await db.destroy();
    await pg.stop();
  }
}

const first: Phases[] = [];
const later: Phases[] = [];
for (let r = 0; r < rounds; r++) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-startup-'));
  // As root the cluster runs under a dedicated postgres user, which must be able to enter the folder.
  fs.chmodSync(root, 0o777);
  const dir = path.join(root, 'postgres');
  const port = 20000 + Math.floor(Math.random() * 20000);
  try {
    first.push(await start(dir, port));
    later.push(await start(dir, port));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const f = first[first.length - 1]!;
  const l = later[later.length - 1]!;
  console.log(`round ${r + 1}: first start ${(f.total / 1000).toFixed(2)} s, later start ${(l.total / 1000).toFixed(2)} s`);
}

const seconds = (list: Phases[], key: keyof Phases) => summarise(list.map((p) => p[key] / 1000));
const table = (label: string, list: Phases[]) => {
  console.log(`\n${label} (median of ${list.length}, seconds)`);
  for (const k of ['postgres', 'migrate', 'jobs', 'demo', 'total'] as const) console.log(`  ${k.padEnd(9)} ${seconds(list, k).p50.toFixed(2).padStart(6)}`);
};
table('First start: initdb + start, migrate, job queue schema, demo data', first);
table('Later start: start, migrations checked, job queue, demo check', later);
console.log(`\nTargets: first start < 15 s, later start < 5 s.`);

writeResult('startup', {
  rounds,
  targetsSeconds: { first: 15, later: 5 },
  phases: 'postgres = initdb (first) + pg_ctl start + create database; migrate = all migrations; jobs = pg-boss schema/start; demo = demonstration data (first) or the check that data exists',
  firstStart: Object.fromEntries((['postgres', 'migrate', 'jobs', 'demo', 'total'] as const).map((k) => [k, seconds(first, k)])),
  laterStart: Object.fromEntries((['postgres', 'migrate', 'jobs', 'demo', 'total'] as const).map((k) => [k, seconds(later, k)])),
});
