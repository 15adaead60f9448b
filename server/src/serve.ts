import { buildApp } from './app.js';
import type { Config } from './platform/config.js';
import { createMailer } from './platform/mail.js';
import { openRuntime } from './platform/runtime.js';

/** Starts everything `npm start` needs and shuts it down cleanly on Ctrl-C. */
export async function serve(config: Config) {
  const rt = await openRuntime(config);
  const { default: pino } = await import('pino');
  const log = pino({ level: config.logLevel });
  const app = await buildApp({ db: rt.db, config, mailer: createMailer(config, log) }, { logger: log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`\n  thidua đang chạy tại / is running at ${config.publicUrl}`);
  console.log(`  Cơ sở dữ liệu / database: ${rt.embedded ? `embedded PostgreSQL in ${config.dataDir}/postgres` : 'DATABASE_URL'}\n`);
  return app;
}
