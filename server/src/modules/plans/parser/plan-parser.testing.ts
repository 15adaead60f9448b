import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanNode } from './plan-types.js';

// Helpers shared by the parser's tests.

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/plans');

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(fixturesDir, name));
}

/**
 * [code, beginning of the text, number of children] for each node, the text cut to the length of
 * the expected beginning: compare with toEqual(expected) to check a tree as a reader would.
 */
export function outlineLike(nodes: PlanNode[], expected: [string, string, number][]): [string, string, number][] {
  return nodes.map((n, i) => [n.code, n.text.slice(0, expected[i]?.[1].length ?? 40), n.children.length]);
}

export function codes(nodes: PlanNode[]): string[] {
  return nodes.flatMap((n) => [n.code, ...codes(n.children)]);
}

export function find(nodes: PlanNode[], code: string): PlanNode | undefined {
  for (const n of nodes) {
    if (n.code === code) return n;
    const inner = find(n.children, code);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * A zip written by hand, so that a test can make it lie: `declared` is the uncompressed size put
 * in the headers whatever the data really inflates to.
 */
export function makeZip(entries: { name: string; data: Buffer; deflate?: boolean; declared?: number }[], deflateRaw: (b: Buffer) => Buffer): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflate === false ? e.data : deflateRaw(e.data);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate === false ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate === false ? 0 : 8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
