#!/usr/bin/env node
// `npm test`: every tier, in the order a failure is cheapest to find.
// 1. types (server and web) and lint, 2. web build (the browser tier serves it), 3. Vitest: unit, route
// contract and integration on a real PostgreSQL, then browser journeys in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const steps = [
  ['Kiểm tra kiểu / type check (server, tests, tools)', 'npx', ['tsc', '-p', '.', '--noEmit']],
  ['Kiểm tra kiểu / type check (web)', 'npx', ['tsc', '-p', 'web', '--noEmit']],
  ['Kiểm tra mã / lint', 'npx', ['eslint', '.']],
  ['Đóng gói giao diện / web build', 'npm', ['run', 'build', '-w', 'web', '--silent']],
  ['Kiểm thử / tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];

const summaryFile = path.join('test-results', 'vitest-summary.json');
fs.rmSync(summaryFile, { force: true });

for (const [title, cmd, args] of steps) {
  console.log(`\n── ${title} ──`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

// A second opinion besides Vitest's exit code: the counts its summary reporter wrote.
const summary = fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : null;
if (!summary || summary.failed > 0 || summary.errors > 0 || summary.passed === 0) {
  console.error(`\n✗ tests: ${summary ? `${summary.failed} failed, ${summary.errors} errors, ${summary.passed} passed` : 'no summary was written'}`);
  process.exit(1);
}
