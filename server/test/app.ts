import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { TEST_NOW, testClock, type TestClock } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/context.js';
import { inlineJobs, startPgBossJobs } from '../src/platform/jobs.js';
import { createMailer, type MailMessage } from '../src/platform/mail.js';
import { pino } from 'pino';
import { registerJobHandlers } from '../src/workers.js';
import { testDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Every mail the app sent, newest last. */
  mails: MailMessage[];
  /** The app's clock: pinned to TEST_NOW (or the `now` asked for) and movable. */
  clock: TestClock;
}

/**
 * The whole app on this file's own database, with mail captured. Jobs run inline right after they
 * are sent, unless `pgBoss` asks for the real queue on the test database; `smtp` sends mail for real
 * through the configured `smtpUrl` instead of capturing it.
 */
export async function testApp(overrides: Partial<Config> = {}, opts: { pgBoss?: boolean; smtp?: boolean; now?: Date | string } = {}): Promise<TestApp> {
  const { db, url } = await testDatabase();
  const mails: MailMessage[] = [];
  // Uploaded files go to a folder of this file's own, never into the checkout's data/.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-test-data-'));
  const config = loadConfig({}, { serveWeb: false, runJobs: false, logLevel: 'silent', databaseUrl: 'test', dataDir, ...overrides });
  const log = { info: () => undefined, error: (obj: object, msg: string) => process.env.TEST_LOG && console.error(msg, obj) };
  const jobs = opts.pgBoss ? await startPgBossJobs(url, { runWorkers: true, log, pollingIntervalSeconds: 0.5 }) : inlineJobs(log);
  const mailer = opts.smtp ? createMailer(config, pino({ enabled: false })) : { send: async (m: MailMessage) => void mails.push(m) };
  const clock = testClock(opts.now ?? TEST_NOW);
  const ctx: AppContext = { db, config, mailer, jobs, now: clock.now };
  // Every capability's handlers, as the server declares them: a test that queues a job gets it run.
  await registerJobHandlers(ctx, log);
  const app = await buildApp(ctx, { logger: process.env.TEST_LOG ? { level: 'error' } : false });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await jobs.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { app, ctx, mails, clock };
}

/** A browser-like client: keeps cookies and sends the CSRF header on state-changing requests. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  async request(opts: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (!['GET', 'HEAD'].includes(opts.method.toUpperCase())) {
      if (!this.cookies.has('thidua_csrf')) await this.request({ method: 'GET', url: '/api/health' });
      headers['x-csrf-token'] ??= this.cookies.get('thidua_csrf') ?? '';
      if (headers.cookie === undefined || !headers.cookie.includes('thidua_csrf')) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const res = await this.app.inject({ ...opts, headers } as InjectOptions);
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  put(url: string, payload?: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
  async signIn(username: string, password = DEFAULT_PASSWORD, totp?: string) {
    const res = await this.post('/api/auth/sign-in', { username, password, ...(totp ? { totp } : {}) });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
    return res.json();
  }
}

export const DEFAULT_PASSWORD = 'mat-khau-thu-nghiem';
