import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { startPgBossJobs, type Jobs } from './platform/jobs.js';
import { createMailer } from './platform/mail.js';
import { systemNow } from './platform/clock.js';
import { openRuntime } from './platform/runtime.js';
import { registerJobHandlers } from './workers.js';
import { demoOnFirstStart } from './demo/first-start.js';

/** The address is taken: a second `npm start`, or another program on the port. */
function portInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'EADDRINUSE';
}

/**
 * Starts everything `npm start` needs and shuts it down cleanly on Ctrl-C. A start that fails half
 * way (the port taken, the demonstration data refused…) stops what it started — above all the
 * embedded PostgreSQL, which would otherwise keep running without its server.
 */
export async function serve(config: Config) {
  const rt = await openRuntime(config);
  let jobs: Jobs | undefined;
  let app: FastifyInstance | undefined;
  const close = async () => {
    await jobs?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await rt.close();
  };
  try {
    // After migrations, before listening: an empty database gets the demonstration data (THIDUA_DEMO=false skips it).
    const demoAccounts = await demoOnFirstStart(rt.db, systemNow);
    const { default: pino } = await import('pino');
    const log = pino({ level: config.logLevel });
    // pg-boss is started in every process, for sending; only RUN_JOBS processes also work the queues.
    jobs = await startPgBossJobs(rt.databaseUrl, { runWorkers: config.runJobs, log });
    const ctx: AppContext = { db: rt.db, config, mailer: createMailer(config, log), jobs, now: systemNow };
    await registerJobHandlers(ctx, log);
    app = await buildApp(ctx, { loggerInstance: log });
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: shutting down`);
      await close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    console.log(`\n  thidua đang chạy tại / is running at ${config.publicUrl}`);
    console.log(`  Cơ sở dữ liệu / database: ${rt.embedded ? `embedded PostgreSQL in ${config.dataDir}/postgres` : 'DATABASE_URL'}\n`);
    if (demoAccounts) console.log(`${demoAccounts}\n`);
    return app;
  } catch (err) {
    await close();
    if (!portInUse(err)) throw err;
    console.error(
      `\n  Cổng ${config.port} đang được dùng (có thể thidua đã chạy rồi): dừng chương trình kia, hoặc chạy với PORT khác, ví dụ PORT=3001 npm start.\n` +
        `  Port ${config.port} is in use (thidua may already be running): stop the other program, or start with another PORT, e.g. PORT=3001 npm start.\n`,
    );
    process.exit(1);
  }
}
