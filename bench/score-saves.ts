// Saving one criterion score (chấm điểm) under 100 concurrent users. Starts the real app (buildApp)
// in a child process on 127.0.0.1 against a throw-away embedded database, creates a province with
// 10 schools and 100 teachers (each with an account, a registration and a published 100-point plan
// of 5 criteria), signs every teacher in and opens their own sheet through the API, then runs rounds
// in which all 100 save one criterion score on their own sheet at the same moment
// (PUT /api/assessments/:id/scores: access check, row lock, revision check, upsert, totals, audit
// entry, the sheet back). Prints p50/p99 latency and saves per second; writes
// bench/results/score-saves.json; asserts nothing.
//   --users 100   --rounds 20
//   --async-commit   a diagnostic: commits without waiting for the WAL flush, to show how much of
//                    a save is the disk (every save commits one audit entry under the audit chain's lock)
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { hashPassword } from '../server/src/modules/auth/passwords.js';
import { cookiesOf, httpRequester } from './lib/http-client.js';
import { numberArg, summarise, tempDatabase, writeResult } from './lib/temp-database.js';

const users = numberArg('users', 100);
const asyncCommit = process.argv.includes('--async-commit');
const rounds = numberArg('rounds', 20);
const PASSWORD = 'mat-khau-do-hieu-nang';
const here = path.dirname(fileURLToPath(import.meta.url));
const agent = new http.Agent({ keepAlive: true, maxSockets: users + 4 });

const request = httpRequester(agent);

const temp = await tempDatabase({ poolSize: 4 });
let child: ReturnType<typeof spawn> | null = null;
try {
  const { db } = temp;
  if (asyncCommit) {
    const name = (await sql<{ n: string }>`select current_database() as n`.execute(db)).rows[0]!.n;
    await sql`ALTER DATABASE ${sql.id(name)} SET synchronous_commit = off`.execute(db);
  }
  // ── Data: a province, 10 schools, 100 teachers with accounts, one plan, one registration each ──
  const province = await db.insertInto('units').values({ id: 1, parent_id: null, path: '1', code: 'TINH', name: 'Tỉnh Khánh Hòa', kind: 'province' }).returning('id').executeTakeFirstOrThrow();
  const schools: { id: number; path: string }[] = [];
  for (let s = 0; s < 10; s++) {
    const id = 100 + s;
    await db.insertInto('units').values({ id, parent_id: province.id, path: `1.${id}`, code: `TRUONG-${s + 1}`, name: `Trường THCS số ${s + 1}`, kind: 'school' }).execute();
    schools.push({ id, path: `1.${id}` });
  }
  const movement = await db.insertInto('movements').values({ name: 'CBCCVC thi đua thực hiện văn hóa công sở', kind: 'period', start_year: 2025, end_year: 2030, owner_unit_id: province.id }).returning('id').executeTakeFirstOrThrow();
  const plan = await db
    .insertInto('plans')
    .values({ movement_id: movement.id, unit_id: province.id, parent_plan_id: null, title: 'Kế hoạch thực hiện văn hóa công sở', source_file_name: null, source_text: null, created_by: null, status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criteria = await db
    .insertInto('plan_criteria')
    .values(
      [30, 20, 20, 20, 10].map((max, i) => ({
        plan_id: plan.id,
        parent_id: null,
        subject: 'individual',
        code: String(i + 1),
        text: `Tiêu chí ${i + 1}`,
        max_points: max,
        position: i,
        origin_criterion_id: null,
        dropped_reason: null,
        source_line: null,
      })),
    )
    .returning(['id', 'max_points'])
    .execute();
  const hash = await hashPassword(PASSWORD);
  const teachers: { username: string; personId: number }[] = [];
  for (let i = 0; i < users; i++) {
    const school = schools[i % schools.length]!;
    const person = await db.insertInto('people').values({ full_name: `Giáo viên ${i + 1}`, gender: i % 2 ? 'female' : 'male', category: 'public_employee', unit_id: school.id }).returning('id').executeTakeFirstOrThrow();
    const username = `giaovien${i + 1}`;
    const user = await db
      .insertInto('users')
      .values({ username, display_name: `Giáo viên ${i + 1}`, email: `${username}@example.test`, password_hash: hash, person_id: person.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('role_grants').values({ user_id: user.id, role: 'staff_member', unit_id: school.id }).execute();
    await db.insertInto('registrations').values({ plan_id: plan.id, movement_id: movement.id, year: 2026, subject: 'individual', unit_id: school.id, person_id: person.id, title_code: 'lao_dong_tien_tien' }).execute();
    teachers.push({ username, personId: person.id });
  }

  // ── The server in its own process ──
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

  // ── Every teacher signs in as a browser does and opens their own sheet ──
  const sessions: { headers: Record<string, string>; id: number; revision: number }[] = [];
  for (const teacher of teachers) {
    const first = await request(port, 'GET', '/api/health');
    const csrf = cookiesOf(first.headers).thidua_csrf!;
    const signIn = await request(port, 'POST', '/api/auth/sign-in', { cookie: `thidua_csrf=${csrf}`, 'x-csrf-token': csrf }, JSON.stringify({ username: teacher.username, password: PASSWORD }));
    if (signIn.status !== 200) throw new Error(`sign-in of ${teacher.username} failed: ${signIn.status} ${signIn.body}`);
    const c = cookiesOf(signIn.headers);
    const token = c.thidua_csrf ?? csrf;
    const headers = { cookie: `thidua_sid=${c.thidua_sid}; thidua_csrf=${token}`, 'x-csrf-token': token };
    const opened = await request(port, 'POST', '/api/assessments', headers, JSON.stringify({ movementId: movement.id, year: 2026, personId: teacher.personId }));
    if (opened.status !== 201) throw new Error(`opening the sheet of ${teacher.username} failed: ${opened.status} ${opened.body}`);
    const a = JSON.parse(opened.body) as { id: number; revision: number };
    sessions.push({ headers, id: a.id, revision: a.revision });
  }

  // ── Rounds: all users save one criterion score at once ──
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let saves = 0;
  let busySeconds = 0;
  const round = async (r: number, record: boolean) => {
    const started = performance.now();
    await Promise.all(
      sessions.map(async (s, i) => {
        const c = criteria[(r + i) % criteria.length]!;
        // A value different from the last round's, so every save changes the sheet.
        const points = (r * 7 + i) % (Number(c.max_points) + 1);
        const body = JSON.stringify({ revision: s.revision, scores: [{ criterionId: c.id, points, note: `Vòng ${r}` }] });
        const t = performance.now();
        const res = await request(port, 'PUT', `/api/assessments/${s.id}/scores`, s.headers, body);
        const ms = performance.now() - t;
        if (res.status === 200) s.revision = (JSON.parse(res.body) as { revision: number }).revision;
        if (!record) return;
        latencies.push(ms);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) saves++;
      }),
    );
    if (record) busySeconds += (performance.now() - started) / 1000;
  };
  await round(0, false); // warm-up
  for (let r = 1; r <= rounds; r++) await round(r, true);

  const latency = summarise(latencies);
  const savesPerSecond = Math.round(saves / busySeconds);
  console.log(`${users} concurrent users × ${rounds} rounds: ${saves} saves (${[...statuses].map(([s, n]) => `${n} × ${s}`).join(', ')})`);
  console.log(`latency   p50 ${latency.p50.toFixed(1)} ms   p95 ${latency.p95.toFixed(1)} ms   p99 ${latency.p99.toFixed(1)} ms   max ${latency.max.toFixed(1)} ms`);
  console.log(`throughput ${savesPerSecond} saves/s (while a round runs)`);
  writeResult(asyncCommit ? 'score-saves-async-commit' : 'score-saves', {
    users,
    synchronousCommit: !asyncCommit,
    rounds,
    criteriaPerSheet: criteria.length,
    client: 'node:http keep-alive, one connection per user, same machine',
    saves,
    statuses: Object.fromEntries(statuses),
    latencyMs: latency,
    savesPerSecond,
  });
} finally {
  // Only the server process this script started.
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  agent.destroy();
  await temp.close();
}
