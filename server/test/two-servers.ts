import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { TEST_NOW, testClock } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/context.js';
import { createDatabase } from '../src/platform/database.js';
import { startPgBossJobs } from '../src/platform/jobs.js';
import { createMailer } from '../src/platform/mail.js';
import { registerJobHandlers } from '../src/workers.js';
import { testDatabase } from './database.js';

export interface TestServer {
  name: string;
  app: FastifyInstance;
  ctx: AppContext;
}

/**
 * Two complete server processes in one: each with its own connection pool, its own pg-boss workers
 * and its own SMTP transport, on ONE test database — what production looks like behind a load
 * balancer. Mail goes for real to `config.smtpUrl`. testApp() would give each its own database.
 */
export async function twoServers(overrides: Partial<Config>, opts: { now?: Date | string } = {}): Promise<[TestServer, TestServer]> {
  // Two processes, one moment: both machines' clocks agree.
  const clock = testClock(opts.now ?? TEST_NOW);
  const { url } = await testDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-test-data-'));
  const log = { info: () => undefined, error: (obj: object, msg: string) => process.env.TEST_LOG && console.error(msg, obj) };
  const servers: TestServer[] = [];
  // One after the other: the first pg-boss start creates its schema in the fresh database.
  for (const name of ['A', 'B']) {
    const db = createDatabase(url, 5);
    const config = loadConfig({}, { serveWeb: false, runJobs: true, logLevel: 'silent', databaseUrl: 'test', dataDir, ...overrides });
    const jobs = await startPgBossJobs(url, { runWorkers: true, log, pollingIntervalSeconds: 0.5 });
    const ctx: AppContext = { db, config, mailer: createMailer(config, pino({ enabled: false })), jobs, now: clock.now };
    await registerJobHandlers(ctx, log);
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    servers.push({ name, app, ctx });
  }
  afterAll(async () => {
    for (const s of servers) {
      await s.app.close();
      await s.ctx.jobs.stop();
      await s.ctx.db.destroy();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return [servers[0]!, servers[1]!];
}
