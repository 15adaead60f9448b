// Page-load benchmark: Lighthouse's mobile profile (a mid-range phone on a slow 4G connection,
// simulated: 150 ms round trips, 1.6 Mbit/s down, the CPU slowed four times) on three pages of the
// built web app, as a commune's officer meets them:
//   sign-in          /dang-nhap, signed out
//   home             /, signed in as the ward's head (thutruong)
//   assessment sheet /danh-gia/:id, a teacher's sheet opened through the API by the same head
// Starts the real app (buildApp, serving web/dist) in a child process on 127.0.0.1 against a
// throw-away embedded database with the demonstration data, or measures a server already running
// on this machine with `--port n` (e.g. `npm start`). Chromium is Debian's (/usr/bin/chromium, or
// CHROME_PATH). Each page is measured `--runs` times (default 3); the medians are printed and
// written to bench/results/lighthouse.json; `--html` also keeps each page's last report there;
// `--pages sign-in,home,assessment-sheet` picks pages.
// Besides Lighthouse's figures it prints the main thread's work by the thread's own clock (CPU
// time, longest task, blocking at the 4× slowdown) and the score with that blocking time: on a shared
// machine Lighthouse's wall-clock blocking time swings threefold with other processes' load.
// Target: performance ≥ 90 on each page. Asserts nothing. `npm run bench:lighthouse` builds the
// web app first.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { Audit, type Artifacts, type Flags, type Result } from 'lighthouse';
import { demoOnFirstStart } from '../server/src/demo/first-start.js';
import { DEMO_PASSWORD } from '../server/src/demo/demo-accounts.js';
import { systemNow } from '../server/src/platform/clock.js';
import { cookiesOf, httpRequester } from './lib/http-client.js';
import { argValue, numberArg, tempDatabase, type TempDatabase, writeResult } from './lib/temp-database.js';

const runs = numberArg('runs', 3);
const existingPort = argValue('port');
const keepHtml = process.argv.includes('--html');
// `--pages sign-in,home` measures only those (names as printed).
const onlyPages = argValue('pages')?.split(',');
const here = path.dirname(fileURLToPath(import.meta.url));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// What Chromium needs on these machines: no sandbox as root, no GPU, and none of its own traffic.
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const agent = new http.Agent({ keepAlive: true });
const request = httpRequester(agent);

/** The app in a process of its own, serving web/dist, on a database with the demonstration data. */
async function startServer(temp: TempDatabase): Promise<{ port: number; child: ChildProcess }> {
  await demoOnFirstStart(temp.db, systemNow, { THIDUA_DEMO: 'true' }, () => undefined);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'lib', 'route-server.ts')], {
    env: { ...process.env, BENCH_DATABASE_URL: temp.url, BENCH_SERVE_WEB: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start in 60 s')), 60_000);
    lines.once('line', (l) => {
      clearTimeout(timer);
      resolve((JSON.parse(l) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { port, child };
}

/** Signs in as a browser does (CSRF cookie first) and returns the cookies and the CSRF token. */
async function signIn(port: number, username: string): Promise<{ cookie: string; csrf: string }> {
  const first = await request(port, 'GET', '/api/health');
  const csrf = cookiesOf(first.headers).thidua_csrf!;
  const r = await request(port, 'POST', '/api/auth/sign-in', { cookie: `thidua_csrf=${csrf}`, 'x-csrf-token': csrf }, JSON.stringify({ username, password: DEMO_PASSWORD }));
  if (r.status !== 200) throw new Error(`sign-in as ${username} failed: ${r.status} ${r.body.slice(0, 200)}`);
  const c = cookiesOf(r.headers);
  const token = c.thidua_csrf ?? csrf;
  return { cookie: `thidua_sid=${c.thidua_sid}; thidua_csrf=${token}`, csrf: token };
}

/** A registered teacher's assessment sheet, opened (or found) through the API by the signed-in head. */
async function sheetId(port: number, auth: { cookie: string; csrf: string }): Promise<number> {
  const list = await request(port, 'GET', '/api/registrations?subject=individual&pageSize=1', { cookie: auth.cookie });
  const first = (JSON.parse(list.body) as { items?: { movementId: number; year: number; personId: number }[] }).items?.[0];
  if (list.status !== 200 || !first) throw new Error(`no individual registration to assess: ${list.status} ${list.body.slice(0, 200)}`);
  const body = JSON.stringify({ movementId: first.movementId, year: first.year, personId: first.personId });
  const r = await request(port, 'POST', '/api/assessments', { cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body);
  if (r.status !== 200 && r.status !== 201) throw new Error(`opening a sheet failed: ${r.status} ${r.body.slice(0, 200)}`);
  return (JSON.parse(r.body) as { id: number }).id;
}

interface RunFigures {
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  speedIndexMs: number;
  cls: number;
  requests: number;
  transferBytes: number;
  jsTransferBytes: number;
  jsBytes: number;
  cssTransferBytes: number;
  /** Lighthouse's measure of this machine's speed at the time (a 2020 mid-range phone is about 500–800, a fast desktop 2,000+). */
  benchmarkIndex: number;
  /** CPU time of the page's main thread over the load, by the thread's own clock: other work on the machine does not inflate it. */
  mainThreadCpuMs: number;
  /** Its longest task, by the same clock. */
  longestTaskCpuMs: number;
  /** What the tasks would block at the profile's 4× slowdown (each task's CPU × 4, less 50 ms), over the whole load. */
  blockingAt4xCpuMs: number;
  /**
   * An estimate, not Lighthouse's score: the same weighted score with the blocking time taken from
   * the thread clock (blockingAt4xCpuMs) instead of the wall clock, i.e. roughly what an idle
   * machine would give. On a shared machine the wall-clock blocking time swings threefold.
   */
  scoreWithCpuBlocking: number;
}

interface NetworkItem {
  resourceType?: string;
  transferSize?: number;
  resourceSize?: number;
}

type TraceEvent = Artifacts['Trace']['traceEvents'][number] & { tdur?: number };

/**
 * The main thread's work by its thread clock (`tdur`). Lighthouse's own blocking time uses wall
 * clock, which other processes on a shared machine stretch two- or threefold; these do not move.
 */
function mainThreadCpu(events: TraceEvent[]): Pick<RunFigures, 'mainThreadCpuMs' | 'longestTaskCpuMs' | 'blockingAt4xCpuMs'> {
  // The renderer's main thread is the one that ran the page's scripts.
  const scripts = new Map<string, number>();
  for (const e of events) {
    if (e.name === 'FunctionCall' || e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript') scripts.set(`${e.pid}:${e.tid}`, (scripts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  }
  const main = [...scripts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && `${e.pid}:${e.tid}` === main).map((e) => (e.tdur ?? 0) / 1000);
  return {
    mainThreadCpuMs: tasks.reduce((a, b) => a + b, 0),
    longestTaskCpuMs: Math.max(0, ...tasks),
    blockingAt4xCpuMs: tasks.reduce((a, t) => a + Math.max(0, t * 4 - 50), 0),
  };
}

// Lighthouse 12's mobile scoring curve of the total blocking time (its audit's p10 and median).
const TBT_SCORING = { p10: 200, median: 600 };

/** The performance score with the total blocking time's part scored from `blockingMs` instead. */
function scoreWithBlocking(lhr: Result, blockingMs: number): number {
  const refs = lhr.categories.performance?.auditRefs.filter((r) => r.weight > 0) ?? [];
  const total = refs.reduce((a, r) => a + r.weight, 0);
  const sum = refs.reduce((a, r) => a + r.weight * (r.id === 'total-blocking-time' ? Audit.computeLogNormalScore(TBT_SCORING, blockingMs) : (lhr.audits[r.id]?.score ?? 0)), 0);
  return Math.round((sum / total) * 100);
}

function figuresOf(lhr: Result, trace: Artifacts['Trace']): RunFigures {
  const num = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const cpu = mainThreadCpu(trace.traceEvents);
  const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? []).filter((i) => i.resourceType !== undefined);
  const sum = (type: string | null, key: 'transferSize' | 'resourceSize') => items.filter((i) => type === null || i.resourceType === type).reduce((a, i) => a + (i[key] ?? 0), 0);
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcpMs: num('first-contentful-paint'),
    lcpMs: num('largest-contentful-paint'),
    tbtMs: num('total-blocking-time'),
    speedIndexMs: num('speed-index'),
    cls: num('cumulative-layout-shift'),
    requests: items.length,
    transferBytes: sum(null, 'transferSize'),
    jsTransferBytes: sum('Script', 'transferSize'),
    jsBytes: sum('Script', 'resourceSize'),
    cssTransferBytes: sum('Stylesheet', 'transferSize'),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    ...cpu,
    scoreWithCpuBlocking: scoreWithBlocking(lhr, cpu.blockingAt4xCpuMs),
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function medians(list: RunFigures[]): RunFigures {
  const keys = Object.keys(list[0]!) as (keyof RunFigures)[];
  return Object.fromEntries(keys.map((k) => [k, median(list.map((f) => f[k]))])) as unknown as RunFigures;
}

const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

let temp: TempDatabase | null = null;
let child: ChildProcess | null = null;
let chrome: chromeLauncher.LaunchedChrome | null = null;
try {
  let port: number;
  if (existingPort) {
    port = Number(existingPort);
  } else {
    if (!fs.existsSync(path.join(here, '..', 'web', 'dist', 'index.html'))) throw new Error('web/dist is missing: run `npm run build -w web` (or `npm run bench:lighthouse`, which builds it)');
    temp = await tempDatabase();
    ({ port, child } = await startServer(temp));
  }
  const head = await signIn(port, 'thutruong');
  const sheet = await sheetId(port, head);
  const origin = `http://127.0.0.1:${port}`;
  const pages = [
    { name: 'sign-in', url: `${origin}/dang-nhap`, cookie: null },
    { name: 'home', url: `${origin}/`, cookie: head.cookie },
    { name: 'assessment sheet', url: `${origin}/danh-gia/${sheet}`, cookie: head.cookie },
  ];

  const results: Record<string, { url: string; median: RunFigures; runs: RunFigures[] }> = {};
  for (const p of pages.filter((x) => !onlyPages || onlyPages.includes(x.name.replace(/\s+/g, '-')))) {
    const list: RunFigures[] = [];
    for (let r = 0; r < runs; r++) {
      // A fresh browser each run: Lighthouse clears the origin's storage but not its cookies, and a
      // cookie the browser keeps would override the session sent as a header to every request.
      chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
      const flags: Flags = { port: chrome.port, output: keepHtml ? 'html' : 'json', logLevel: 'error', onlyCategories: ['performance'], ...(p.cookie ? { extraHeaders: { Cookie: p.cookie } } : {}) };
      let result = await lighthouse(p.url, flags);
      // Lighthouse sometimes fails to record a trace of a load (NO_NAVSTART and the like): say so
      // and measure that load once more, in a fresh browser, rather than lose the page's figures.
      if (result?.lhr.runtimeError) {
        console.log(`  ${p.name}: ${result.lhr.runtimeError.code}, measuring again`);
        chrome.kill();
        chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
        result = await lighthouse(p.url, { ...flags, port: chrome.port });
      }
      if (!result) throw new Error(`Lighthouse gave no result for ${p.url}`);
      if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${p.url}: ${result.lhr.runtimeError.message}`);
      const finalUrl = result.lhr.finalDisplayedUrl;
      if (new URL(finalUrl).pathname !== new URL(p.url).pathname) throw new Error(`${p.url} ended on ${finalUrl}: not the page meant`);
      chrome.kill();
      chrome = null;
      list.push(figuresOf(result.lhr, result.artifacts.Trace));
      if (keepHtml && r === runs - 1) {
        const dir = path.join(here, 'results', 'lighthouse');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `${p.name.replace(/\s+/g, '-')}.html`), result.report as string);
      }
    }
    const m = medians(list);
    results[p.name] = { url: new URL(p.url).pathname, median: m, runs: list };
    console.log(
      `${p.name.padEnd(17)} performance ${String(m.score).padStart(3)} (${m.scoreWithCpuBlocking} with blocking by thread clock)   FCP ${sec(m.fcpMs)}   LCP ${sec(m.lcpMs)}   TBT ${Math.round(m.tbtMs)} ms   ` +
        `transferred ${kib(m.transferBytes)} in ${m.requests} requests   JS ${kib(m.jsTransferBytes)} transferred, ${kib(m.jsBytes)} uncompressed   ` +
        `main thread ${Math.round(m.mainThreadCpuMs)} ms CPU (longest task ${Math.round(m.longestTaskCpuMs)} ms, blocking at 4× ${Math.round(m.blockingAt4xCpuMs)} ms)   (machine's benchmark index ${Math.round(m.benchmarkIndex)})`,
    );
  }
  console.log(`\nMedians of ${runs} run(s) per page, Lighthouse ${lighthouseVersion()} mobile profile (simulated slow 4G, 4× CPU slowdown). Target: performance ≥ 90 on each page.`);
  console.log('Blocking by thread clock: each main-thread task\'s own CPU time × 4, less 50 ms, summed over the load; other processes on the machine do not stretch it as they do the wall clock.');
  writeResult('lighthouse', { runsPerPage: runs, profile: 'Lighthouse default (mobile, simulated throttling)', lighthouse: lighthouseVersion(), chromium: chromePath, results });
} finally {
  // Only the browser and the server process this script started.
  if (chrome) chrome.kill();
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  agent.destroy();
  if (temp) await temp.close();
}

function lighthouseVersion(): string {
  const file = path.join(here, '..', 'node_modules', 'lighthouse', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}
