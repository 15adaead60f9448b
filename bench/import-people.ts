/**
 * Benchmark: import 100,000 people (cán bộ) from one XLSX through the real API.
 *
 *   npm run bench:import            (ROWS=20000 npm run bench:import for a quicker run)
 *
 * Starts an embedded PostgreSQL in a temporary folder, migrates it, creates a province with
 * departments and offices (imported through the API as a units CSV), writes a 100,000-row XLSX
 * the way Excel does (shared strings, date cells), then runs the server as a child process
 * (`node bin/thidua.js serve`, pg-boss jobs on) and drives upload → dry run → commit over HTTP,
 * polling progress like the web client. The server's peak RSS is its VmHWM from /proc.
 * Prints the figures and writes bench/results/import-people.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createDatabase } from '../server/src/platform/database.js';
import { startEmbeddedPostgres } from '../server/src/platform/embedded-postgres.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { hashPassword } from '../server/src/modules/auth/passwords.js';

const ROWS = Number(process.env.ROWS ?? 100_000);
const TARGET_SECONDS = 30;
const TARGET_RSS_MB = 400;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ── Plausible Vietnamese names ──────────────────────────────────────────
const families = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middlesMale = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Xuân', 'Thanh', 'Công', 'Đình', 'Bá'];
const middlesFemale = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Phương', 'Diệu', 'Bích'];
const givenMale = ['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hải', 'Hùng', 'Khánh', 'Long', 'Minh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Trung', 'Tuấn', 'Việt', 'Hiếu', 'Toàn'];
const givenFemale = ['Anh', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Ngọc', 'Phương', 'Tâm', 'Thảo', 'Trang', 'Vân', 'Yến', 'Nhung', 'Huyền', 'Loan'];
const positions = ['Chuyên viên', 'Chuyên viên chính', 'Trưởng phòng', 'Phó Trưởng phòng', 'Cán sự', 'Giáo viên', 'Bác sĩ', 'Kế toán', 'Văn thư', null];
const categories = ['Công chức', 'Viên chức', 'Người lao động', 'Cán bộ'];

/** A small deterministic generator, so that every run imports the same file. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => Math.round(kb / 1024);

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Cookies and the CSRF header, as a browser keeps them. */
class Http {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  async request(method: string, url: string, body?: unknown): Promise<{ status: number; json: () => unknown }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = this.cookies.get('thidua_csrf') ?? '';
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + url, { method, headers, body: payload });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (k && v !== undefined) this.cookies.set(k.trim(), v);
    }
    const text = await res.text();
    return { status: res.status, json: () => JSON.parse(text) as unknown };
  }
}

interface JobView {
  id: number;
  status: string;
  totalRows: number;
  processedRows: number;
  goodRows: number;
  badRows: number;
  importedRows: number;
  failure: string | null;
  errors: { row: number; message: string }[];
}

async function uploadFile(http: Http, kind: string, fileName: string, bytes: Buffer): Promise<JobView> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), fileName);
  const res = await http.request('POST', `/api/imports/${kind}`, form);
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.json())}`);
  return res.json() as JobView;
}

/** Polls like the web client's progress bar; prints a line whenever the progress moves. */
async function waitFor(http: Http, id: number, until: string[], label: string): Promise<JobView> {
  let last = '';
  for (;;) {
    const job = (await http.request('GET', `/api/imports/${id}`)).json() as JobView;
    const line = `  ${label}: ${job.status} ${job.status === 'importing' || job.status === 'done' ? `${job.importedRows}/${job.goodRows}` : `${job.processedRows}/${job.totalRows}`}`;
    if (line !== last) {
      process.stdout.write(`${line}\n`);
      last = line;
    }
    if (job.status === 'failed') throw new Error(`import failed: ${job.failure}`);
    if (until.includes(job.status)) return job;
    await sleep(200);
  }
}

async function writePeopleXlsx(file: string, unitCodes: string[]): Promise<void> {
  const rand = rng(20261122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  // Shared strings and date cells, as Excel itself writes them: the heavier case for the reader.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Danh sách cán bộ');
  ws.columns = [
    { header: 'Mã cán bộ', key: 'code', width: 12 },
    { header: 'Họ và tên', key: 'name', width: 28 },
    { header: 'Giới tính', key: 'gender', width: 10 },
    { header: 'Ngày sinh', key: 'birth', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Loại', key: 'category', width: 16 },
    { header: 'Chức vụ', key: 'position', width: 20 },
    { header: 'Mã đơn vị', key: 'unit', width: 12 },
    { header: 'Email', key: 'email', width: 28 },
    { header: 'Điện thoại', key: 'phone', width: 14 },
  ];
  for (let i = 1; i <= ROWS; i++) {
    const female = rand() < 0.5;
    const name = `${pick(families)} ${pick(female ? middlesFemale : middlesMale)} ${pick(female ? givenFemale : givenMale)}`;
    const code = `CB${String(i).padStart(6, '0')}`;
    ws.addRow({
      code,
      name,
      gender: female ? 'Nữ' : 'Nam',
      birth: new Date(Date.UTC(1960 + Math.floor(rand() * 42), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))),
      category: pick(categories),
      position: pick(positions),
      unit: pick(unitCodes),
      email: rand() < 0.7 ? `${code.toLowerCase()}@example.gov.vn` : null,
      phone: rand() < 0.6 ? `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` : null,
    }).commit();
  }
  ws.commit();
  await wb.commit();
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-'));
  fs.chmodSync(tmp, 0o777);
  let server: ChildProcess | null = null;
  const pgPort = await freePort();
  console.log(`Benchmark: import ${ROWS.toLocaleString('en')} people from XLSX (temp dir ${tmp})`);
  const pg = await startEmbeddedPostgres(path.join(tmp, 'pg'), pgPort);
  try {
    const db = createDatabase(pg.url, 2);
    await migrateToLatest(db);
    const root = await db.insertInto('units').values({ id: 1, path: '1', code: 'TINH-BENCH', name: 'Tỉnh Thử Nghiệm', kind: 'province' }).returning('id').executeTakeFirstOrThrow();
    await db.selectNoFrom((eb) => eb.fn('setval', [eb.val('units_id_seq'), eb.val(1)]).as('v')).execute();
    const user = await db
      .insertInto('users')
      .values({ username: 'bench', display_name: 'Người chạy thử', password_hash: await hashPassword('mat-khau-chay-thu') })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('role_grants').values({ user_id: user.id, role: 'standing_officer', unit_id: root.id }).execute();
    await db.destroy();

    // 20 departments (sở) with 10 offices (phòng) each, written children-first to exercise "parent later".
    const unitRows: string[] = ['Mã đơn vị,Tên đơn vị,Tên viết tắt,Loại đơn vị,Mã đơn vị cấp trên,Ngày hiệu lực'];
    const officeCodes: string[] = [];
    for (let d = 1; d <= 20; d++) {
      for (let o = 1; o <= 10; o++) {
        const code = `S${d}-P${o}`;
        officeCodes.push(code);
        unitRows.push(`${code},Phòng ${o} - Sở ${d},,Phòng/Ban,S${d},01/01/2025`);
      }
      unitRows.push(`S${d},Sở số ${d},,Sở/Ban/Ngành,TINH-BENCH,01/01/2025`);
    }

    const xlsxFile = path.join(tmp, 'can-bo.xlsx');
    let t = performance.now();
    await writePeopleXlsx(xlsxFile, officeCodes);
    const bytes = fs.readFileSync(xlsxFile);
    console.log(`  generated ${xlsxFile}: ${(bytes.length / 1048576).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const port = await freePort();
    server = spawn(process.execPath, [path.join(repoRoot, 'bin/thidua.js'), 'serve'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: pg.url, PORT: String(port), HOST: '127.0.0.1', SERVE_WEB: 'false', LOG_LEVEL: 'warn', RUN_JOBS: 'true', DATA_DIR: tmp, THIDUA_DEMO: 'false' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const pid = server.pid!;
    const http = new Http(`http://127.0.0.1:${port}`);
    for (let i = 0; ; i++) {
      const ok = await http.request('GET', '/api/health').then((r) => r.status === 200, () => false);
      if (ok) break;
      if (i > 300 || server.exitCode !== null) throw new Error('the server did not start');
      await sleep(100);
    }
    const idleRssMb = mb(procStatus(pid, 'VmRSS'));
    let sampledPeakKb = 0;
    const sampler = setInterval(() => (sampledPeakKb = Math.max(sampledPeakKb, procStatus(pid, 'VmRSS'))), 100);

    const signIn = await http.request('POST', '/api/auth/sign-in', { username: 'bench', password: 'mat-khau-chay-thu' });
    if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);

    t = performance.now();
    const units = await uploadFile(http, 'units', 'don-vi.csv', Buffer.from(unitRows.join('\r\n')));
    await waitFor(http, units.id, ['validated'], 'units');
    await http.request('POST', `/api/imports/${units.id}/commit`, { onlyGoodRows: false });
    const unitsDone = await waitFor(http, units.id, ['done'], 'units');
    const unitsSeconds = (performance.now() - t) / 1000;
    console.log(`  ${unitsDone.importedRows} units imported in ${unitsSeconds.toFixed(1)} s`);

    const t0 = performance.now();
    const job = await uploadFile(http, 'people', 'can-bo.xlsx', bytes);
    const validated = await waitFor(http, job.id, ['validated'], 'people');
    const t1 = performance.now();
    const validationPeakMb = mb(Math.max(procStatus(pid, 'VmHWM'), sampledPeakKb));
    if (validated.badRows > 0) throw new Error(`unexpected bad rows: ${JSON.stringify(validated.errors.slice(0, 5))}`);
    const commit = await http.request('POST', `/api/imports/${job.id}/commit`, { onlyGoodRows: false });
    if (commit.status !== 202) throw new Error(`commit answered ${commit.status}: ${JSON.stringify(commit.json())}`);
    const done = await waitFor(http, job.id, ['done'], 'people');
    const t2 = performance.now();
    clearInterval(sampler);
    const peakRssMb = mb(Math.max(procStatus(pid, 'VmHWM'), sampledPeakKb));

    const result = {
      benchmark: 'import-people',
      at: new Date().toISOString(),
      rows: ROWS,
      fileMegabytes: Number((bytes.length / 1048576).toFixed(2)),
      importedRows: done.importedRows,
      validationSeconds: Number(((t1 - t0) / 1000).toFixed(2)),
      importSeconds: Number(((t2 - t1) / 1000).toFixed(2)),
      totalSeconds: Number(((t2 - t0) / 1000).toFixed(2)),
      serverPeakRssMegabytes: peakRssMb,
      serverIdleRssMegabytes: idleRssMb,
      serverPeakRssDuringValidationMegabytes: validationPeakMb,
      unitsImportSeconds: Number(unitsSeconds.toFixed(2)),
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)) },
      targets: { totalSeconds: TARGET_SECONDS, serverPeakRssMegabytes: TARGET_RSS_MB },
      withinTargets: (t2 - t0) / 1000 < TARGET_SECONDS && peakRssMb < TARGET_RSS_MB,
    };
    console.log(`\n  validation (dry run): ${result.validationSeconds} s`);
    console.log(`  import (commit):      ${result.importSeconds} s`);
    console.log(`  total:                ${result.totalSeconds} s (target < ${TARGET_SECONDS} s)`);
    console.log(`  server peak RSS:      ${peakRssMb} MB (idle ${idleRssMb} MB, ${validationPeakMb} MB by the end of the dry run; target < ${TARGET_RSS_MB} MB)`);
    console.log(`  ${result.withinTargets ? 'within targets' : 'OUTSIDE TARGETS'}`);
    const out = path.join(repoRoot, 'bench/results/import-people.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`  written to ${path.relative(repoRoot, out)}`);
    if (!result.withinTargets) process.exitCode = 1;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
    }
    await pg.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
// embedded-postgres' exit hook calls process.exit(0) on beforeExit, which would lose the code.
if (process.exitCode) process.exit(process.exitCode);
