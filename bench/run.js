#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, each through its own npm script, so that one that
// fails does not hide the others' figures. Results land in bench/results/<name>.json.
// Extra arguments go to bench:search, e.g. `npm run bench -- --people 1000000`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const scripts = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts ?? {};
const order = ['bench:startup', 'bench:routes', 'bench:import', 'bench:search', 'bench:lighthouse'].filter((s) => s in scripts);
const extra = process.argv.slice(2);
const failed = [];
for (const name of order) {
  console.log(`\n━━ ${name} ━━`);
  const args = ['run', name, ...(extra.length && name === 'bench:search' ? ['--', ...extra] : [])];
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { stdio: 'inherit' });
  if (r.status !== 0) failed.push(name);
}
console.log(failed.length ? `\nFailed: ${failed.join(', ')}` : `\nAll benchmarks ran: ${order.join(', ')}.`);
process.exitCode = failed.length ? 1 : 0;
