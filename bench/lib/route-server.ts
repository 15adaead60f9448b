// The real app (buildApp) on 127.0.0.1 in a process of its own, for bench/route-overhead.ts: the
// load generator then does not share the server's event loop. Reads BENCH_DATABASE_URL, prints
// {"port": n} once listening, stops on SIGTERM. BENCH_SERVE_WEB=true serves the built web app too
// (web/dist, or BENCH_WEB_DIR to compare another build), as `npm start` does, for bench/lighthouse.ts.
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { createDatabase } from '../../server/src/platform/database.js';
import { inlineJobs } from '../../server/src/platform/jobs.js';
import { systemNow } from '../../server/src/platform/clock.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is not set');
const db = createDatabase(url);
const web = process.env.BENCH_WEB_DIR ? { webDir: process.env.BENCH_WEB_DIR } : {};
const config = loadConfig({}, { serveWeb: process.env.BENCH_SERVE_WEB === 'true', ...web, runJobs: false, logLevel: 'warn', databaseUrl: url, host: '127.0.0.1', port: 0 });
const jobs = inlineJobs();
const app = await buildApp({ db, config, mailer: { send: async () => undefined }, jobs, now: systemNow }, { logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : null }));
process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await jobs.stop();
    await db.destroy();
    process.exit(0);
  })();
});
