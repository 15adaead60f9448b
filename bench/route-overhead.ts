// Route overhead: what a signed-in, access-checked request costs over a bare one. Starts the real
// app (buildApp) in a child process on 127.0.0.1 against a throw-away embedded database with the
// demonstration data, signs in as the standing officer (thuongtruc), then drives each route with a
// bounded loop of keep-alive requests (count and time capped, loopback only):
//   GET /api/health                  bare: no session, one trivial query
//   GET /api/auth/me                 session lookup + grants
//   GET /api/units?parentId=<KHA>    session + access check + subtree query
//   GET /api/people?unitId=<ward>    session + access check + people page and ICU ordering
// Prints requests/s and latency p50/p99; writes bench/results/route-overhead.json; asserts nothing.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../server/src/demo/demo-accounts.js';
import { generateDemo } from '../server/src/demo/generate-demo.js';
import { cookiesOf, httpRequester } from './lib/http-client.js';
import { numberArg, summarise, tempDatabase, writeResult } from './lib/temp-database.js';
import { systemNow, vietnamYear } from '../server/src/platform/clock.js';

const requests = numberArg('requests', 4000);
const concurrency = numberArg('concurrency', 16);
const maxSeconds = numberArg('seconds', 20);
const here = path.dirname(fileURLToPath(import.meta.url));

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

const request = httpRequester(agent);

/** `total` requests from `concurrency` workers, stopped early at `maxSeconds`. */
async function load(port: number, url: string, headers: Record<string, string>, total: number) {
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const deadline = performance.now() + maxSeconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (issued < total && performance.now() < deadline) {
      issued++;
      const t = performance.now();
      const r = await request(port, 'GET', url, headers);
      latencies.push(performance.now() - t);
      if (r.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { requests: latencies.length, errors, seconds: Math.round(seconds * 100) / 100, rps: Math.round(latencies.length / seconds), latencyMs: summarise(latencies) };
}

const temp = await tempDatabase();
let child: ReturnType<typeof spawn> | null = null;
try {
  await generateDemo(temp.db, { size: 'demo', seed: 'bench', year: vietnamYear(systemNow()) });
  const kha = await temp.db.selectFrom('units').select('id').where('code', '=', 'KHA').executeTakeFirstOrThrow();
  const ward = await temp.db.selectFrom('units').select('id').where('code', '=', 'KHA-P-NHATRANG').executeTakeFirstOrThrow();

  child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'lib', 'route-server.ts')], { env: { ...process.env, BENCH_DATABASE_URL: temp.url }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start in 60 s')), 60_000);
    lines.once('line', (l) => {
      clearTimeout(timer);
      resolve((JSON.parse(l) as { port: number }).port);
    });
    child!.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });

  // Sign in as a browser does: a CSRF cookie first, then the form with the matching header.
  const first = await request(port, 'GET', '/api/health');
  const csrf = cookiesOf(first.headers).thidua_csrf!;
  const signIn = await request(port, 'POST', '/api/auth/sign-in', { cookie: `thidua_csrf=${csrf}`, 'x-csrf-token': csrf }, JSON.stringify({ username: 'thuongtruc', password: DEMO_PASSWORD }));
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.body}`);
  const session = cookiesOf(signIn.headers);
  const auth = { cookie: `thidua_sid=${session.thidua_sid}; thidua_csrf=${session.thidua_csrf ?? csrf}` };

  const routes = [
    { name: 'GET /api/health (bare)', url: '/api/health', headers: {} },
    { name: 'GET /api/auth/me', url: '/api/auth/me', headers: auth },
    { name: 'GET /api/units?parentId=KHA', url: `/api/units?parentId=${kha.id}`, headers: auth },
    { name: 'GET /api/people?unitId=ward', url: `/api/people?unitId=${ward.id}&pageSize=20`, headers: auth },
  ];
  const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
  for (const r of routes) {
    const check = await request(port, 'GET', r.url, r.headers);
    if (check.status !== 200) throw new Error(`${r.name} answered ${check.status}: ${check.body.slice(0, 200)}`);
    await load(port, r.url, r.headers, 300); // warm-up
    results[r.name] = await load(port, r.url, r.headers, requests);
    const x = results[r.name]!;
    console.log(`${r.name.padEnd(30)} ${String(x.rps).padStart(6)} req/s   p50 ${x.latencyMs.p50.toFixed(2).padStart(6)} ms   p99 ${x.latencyMs.p99.toFixed(2).padStart(6)} ms   (${x.requests} requests, ${x.errors} errors, ${x.seconds} s)`);
  }
  const bare = results[routes[0]!.name]!;
  const me = results[routes[1]!.name]!;
  console.log(`\nOverhead of session + access (auth/me vs health): ${(me.latencyMs.p50 - bare.latencyMs.p50).toFixed(2)} ms at p50, ${Math.round((1 - me.rps / bare.rps) * 100)} % fewer requests/s`);
  writeResult('route-overhead', { concurrency, requestsPerRoute: requests, maxSecondsPerRoute: maxSeconds, client: 'node:http keep-alive, same machine', results });
} finally {
  // Only the server process this script started.
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  agent.destroy();
  await temp.close();
}
