import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './platform/config.js';
import { testDatabase } from '../test/database.js';

// `npm start` when the port is taken (thidua already running, or another program): a clear message
// in both languages and exit code 1, not a stack trace — and nothing left running behind it.

describe('thidua serve', () => {
  it('says in words that the port is taken, stops what it started and exits 1', async () => {
    const { url } = await testDatabase();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '0.0.0.0', resolve));
    const port = (squatter.address() as net.AddressInfo).port;
    try {
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin/thidua.js'), 'serve'], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: url, PORT: String(port), THIDUA_DEMO: 'false', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(stderr).toContain(`Cổng ${port} đang được dùng`);
      expect(stderr).toContain(`Port ${port} is in use`);
      expect(stderr).not.toContain('    at ');
      expect(code).toBe(1);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 60_000);
});
