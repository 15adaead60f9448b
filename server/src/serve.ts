import { buildApp } from './app.js';
import type { Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { startPgBossJobs } from './platform/jobs.js';
import { createMailer } from './platform/mail.js';
import { openRuntime } from './platform/runtime.js';
import { registerJobHandlers } from './workers.js';
import { demoOnFirstStart } from './demo/first-start.js';

/** Starts everything `npm start` needs and shuts it down cleanly on Ctrl-C. */
export async function serve(config: Config) {
  const rt = await openRuntime(config);
  // After migrations, before listening: an empty database gets the demonstration data (THIDUA_DEMO=false skips it).
  const demoAccounts = await demoOnFirstStart(rt.db);
  const { default: pino } = await import('pino');
  const log = pino({ level: config.logLevel });
  // pg-boss is started in every process, for sending; only RUN_JOBS processes also work the queues.
  const jobs = await startPgBossJobs(rt.databaseUrl, { runWorkers: config.runJobs, log });
  const ctx: AppContext = { db: rt.db, config, mailer: createMailer(config, log), jobs };
  await registerJobHandlers(ctx, log);
  const app = await buildApp(ctx, { loggerInstance: log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    await jobs.stop().catch(() => undefined);
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`\n  thidua đang chạy tại / is running at ${config.publicUrl}`);
  console.log(`  Cơ sở dữ liệu / database: ${rt.embedded ? `embedded PostgreSQL in ${config.dataDir}/postgres` : 'DATABASE_URL'}\n`);
  if (demoAccounts) console.log(`${demoAccounts}\n`);
  return app;
}
