import { generateDemo } from '../../server/src/demo/generate-demo.js';
import type { Actor } from '../../server/src/platform/actor.js';
import type { Database } from '../../server/src/platform/database.js';
import { systemNow, vietnamYear } from '../../server/src/platform/clock.js';

/** A standing officer (thường trực thi đua) granted at `unit`: the reader the benchmarks measure for. */
export function actorAt(unit: { id: number; name: string; path: string }): Actor {
  return {
    userId: 1,
    username: 'bench',
    displayName: 'Benchmark',
    personId: null,
    sessionId: 'bench',
    csrfToken: 'bench',
    mfaEnabled: true,
    grants: [{ id: 1, role: 'standing_officer', unitId: unit.id, unitName: unit.name, unitPath: unit.path }],
    ip: '127.0.0.1',
    userAgent: 'bench',
  };
}

/** The time `fn` took, in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

/**
 * The national data set in `db`: generated when the database is empty, reused otherwise (a kept
 * --data-dir). Returns how long the generation took and what it made, or null when reused.
 */
export async function ensureNationalData(db: Database, opts: { people: number; units: number; keepDir?: string }): Promise<{ seconds: number; counts: object } | null> {
  const existing = await db.selectFrom('people').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    console.log(`Dùng lại / reusing ${Number(existing.n).toLocaleString('en-US')} people in ${opts.keepDir}`);
    return null;
  }
  console.log(`Tạo dữ liệu quốc gia / generating the national data set: ${opts.people.toLocaleString('en-US')} people, ~${opts.units.toLocaleString('en-US')} units`);
  return generateDemo(db, { size: 'national', people: opts.people, units: opts.units, seed: 'bench', year: vietnamYear(systemNow()), log: (m) => console.log(m) });
}
