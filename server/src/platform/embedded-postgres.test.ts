import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './config.js';
import { createDatabase } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

// `npm start` with the embedded PostgreSQL: a port already taken is said in words, and a first start
// that failed half way never leaves a data folder that cannot start again.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-embedded-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `thidua serve` in a child process; resolves on exit, or once it says it is running. */
function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/thidua.js'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, THIDUA_DEMO: 'false', LOG_LEVEL: 'silent', SERVE_WEB: 'false', PORT: '0', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const running = new Promise<boolean>((resolve) => {
    child.stdout.on('data', () => output.includes('is running at') && resolve(true));
    void exited.then(() => resolve(false));
  });
  return { child, exited, running, output: () => output };
}

describe(startEmbeddedPostgres.name, () => {
  it('says which port is taken and how to choose another, leaves nothing running, then starts on the same folder once the port is free', async () => {
    const dataDir = path.join(dir, 'data');
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as net.AddressInfo).port;

    const refused = serve({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(`Cổng ${port} của PostgreSQL nhúng (EMBEDDED_PG_PORT) đang được dùng`);
    expect(refused.output()).toContain(`Port ${port} of the embedded PostgreSQL (EMBEDDED_PG_PORT) is in use`);
    expect(refused.output()).toMatch(/choose another port, e\.g\. EMBEDDED_PG_PORT=\d+ npm start/);
    expect(refused.output()).not.toContain('    at ');
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    await new Promise((resolve) => squatter.close(resolve));
    const started = serve({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) });
    expect(await started.running, started.output()).toBe(true);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('creates the thidua database on any start that lacks it, not only on the first', async () => {
    const folder = path.join(dir, 'half-made', 'postgres');
    const port = await freePort();
    const first = await startEmbeddedPostgres(folder, port);
    // As a first start cut short after initdb leaves it: the cluster, without the database.
    const admin = createDatabase(first.url.replace(/\/thidua$/, '/postgres'), 1);
    await sql`drop database thidua`.execute(admin);
    await admin.destroy();
    await first.stop();

    const again = await startEmbeddedPostgres(folder, port);
    try {
      const db = createDatabase(again.url, 1);
      const r = await sql<{ name: string }>`select current_database() as name`.execute(db);
      await db.destroy();
      expect(r.rows[0]!.name).toBe('thidua');
    } finally {
      await again.stop();
    }
  }, 120_000);
});
