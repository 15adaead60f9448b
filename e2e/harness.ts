import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../server/src/app.js';
import { TEST_NOW, testClock, vietnamDate, vietnamYear, type TestClock } from '../server/src/platform/clock.js';
import { loadConfig, repoRoot } from '../server/src/platform/config.js';
import type { Database } from '../server/src/platform/database.js';
import { startPgBossJobs, type Jobs } from '../server/src/platform/jobs.js';
import type { MailMessage } from '../server/src/platform/mail.js';
import { registerJobHandlers } from '../server/src/workers.js';
import { testDatabase } from '../server/test/database.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

/** Outside CI a machine without Chromium skips the browser tier; in CI that is a failure. */
export const browserAvailable = fs.existsSync(CHROMIUM);
if (!browserAvailable && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM}: the browser tier cannot be skipped in CI (apt-get install -y chromium)`);
}

export interface Journey {
  baseUrl: string;
  db: Database;
  browser: Browser;
  /** A fresh browser profile (cookies) for one user, phone-sized when asked. */
  newPage(opts?: { phone?: boolean }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  /** The server's clock, pinned to TEST_NOW (or the journey's `now`); the browser reads the day from the server. */
  clock: TestClock;
  /** The Vietnam calendar date by the server's clock, `days` from today: 'YYYY-MM-DD'. */
  vietnamDay(days?: number): string;
  /** The Vietnam year by the server's clock. */
  year(): number;
  /** Every mail the server sent, oldest first (the journey's mailer keeps them instead of sending). */
  mails: MailMessage[];
}

/** Serves the real app (API and built web) on 127.0.0.1 over this file's own database, and opens Chromium. */
export function useJourney(opts: { now?: Date | string } = {}): Journey {
  const j = {} as Journey;
  j.mails = [];
  j.clock = testClock(opts.now ?? TEST_NOW);
  j.vietnamDay = (days = 0) => vietnamDate(new Date(j.clock.now().getTime() + days * 86_400_000));
  j.year = () => vietnamYear(j.clock.now());
  let app: FastifyInstance;
  let jobs: Jobs | undefined;
  let dataDir: string | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (!fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
      throw new Error('web/dist is missing: run `npm run build -w web` (npm test does it)');
    }
    const { db, url } = await testDatabase();
    // Evidence and uploads of the journey go to a temporary folder, never into the checkout's data/.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-e2e-data-'));
    const config = loadConfig({}, { serveWeb: true, runJobs: true, logLevel: 'warn', databaseUrl: url, port: 0, dataDir });
    // Real pg-boss on this file's database, as in production: the import wizard waits on its jobs.
    const log = { info: () => undefined, error: (obj: object, msg?: string) => console.error(msg, obj) };
    jobs = await startPgBossJobs(url, { runWorkers: true, log, pollingIntervalSeconds: 0.5 });
    const ctx = { db, config, mailer: { send: async (m: MailMessage) => void j.mails.push(m) }, jobs, now: j.clock.now };
    await registerJobHandlers(ctx, log);
    app = await buildApp(ctx, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    j.baseUrl = `http://127.0.0.1:${port}`;
    j.db = db;
    j.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    j.newPage = async (opts = {}) => {
      const ctx = await j.browser.newContext({
        baseURL: j.baseUrl,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        // As a reader who turned animations off: no dropdown or modal is clicked mid-animation.
        reducedMotion: 'reduce',
        viewport: opts.phone ? { width: 390, height: 844 } : { width: 1366, height: 850 },
        isMobile: !!opts.phone,
      });
      contexts.push(ctx);
      return ctx.newPage();
    };
    j.screenshot = async (page, name) => {
      fs.mkdirSync(screenshotDir, { recursive: true });
      // The pointer stays where the last click was: move it off so no card shows a hover shadow,
      // and end running transitions (that shadow fading, a modal opening) so the picture is settled.
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
    };
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await j.browser?.close();
    await app?.close();
    await jobs?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return j;
}
