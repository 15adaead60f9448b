// Search and subtree benchmark on the national data set (34 provinces, 3,321 communes, ~30,000
// units, 3,000,000 people by default) in a throw-away embedded PostgreSQL.
//
//   npm run bench:search                          # the full national set (a few minutes to generate)
//   npm run bench:search -- --people 1000000      # smaller
//   npm run bench:search -- --data-dir /tmp/nat   # keep the generated database and reuse it next time
//
// It calls the real services (people.service listPeople, units.service listUnits) with a standing
// officer of one province as the actor, so the figures include the access checks, the ICU ordering
// and the count the API pays for. Target: p95 < 100 ms. Prints figures and writes
// bench/results/search-and-subtree.json; asserts nothing.
import fs from 'node:fs';
import path from 'node:path';
import { listPeopleQuery, listUnitsQuery } from '@thidua/contracts';
import { sql } from 'kysely';
import { NATIONAL_PEOPLE, NATIONAL_UNITS } from '../server/src/demo/generate-demo.js';
import { Random } from '../server/src/demo/random.js';
import { loadConfig } from '../server/src/platform/config.js';
import type { AppContext } from '../server/src/platform/context.js';
import { inlineJobs } from '../server/src/platform/jobs.js';
import { listPeople } from '../server/src/modules/people/people.service.js';
import { listUnits } from '../server/src/modules/org/units.service.js';
import { actorAt, ensureNationalData, timed } from './lib/national.js';
import { argValue, numberArg, summarise, tempDatabase, writeResult } from './lib/temp-database.js';
import { systemNow } from '../server/src/platform/clock.js';

const people = numberArg('people', NATIONAL_PEOPLE);
const units = numberArg('units', NATIONAL_UNITS);
const iterations = numberArg('iterations', 200);
const keepDir = argValue('data-dir');

// Search terms as people type them: without diacritics, with them, family names alone (the
// commonest, "nguyen", matches about 38 % of everyone), full names, given names, rare names, codes.
const terms = [
  'nguyen van duc', 'Nguyễn Văn Đức', 'nguyen', 'tran thi', 'le van hung', 'pham thi huong', 'hoang', 'huynh ngoc',
  'ngoc anh', 'thu ha', 'duc', 'minh tuan', 'quach', 'ly thi', 'dang van', 'bui thi thu', 'vo minh', 'do thanh',
  'ho ngoc lan', 'duong', 'truong cong', 'hà', 'Trâm', 'khanh linh', 'KHA000123', 'phan van thanh', 'lam', 'dinh trong',
];
const unitTerms = ['tieu hoc', 'tram y te', 'phuong', 'xa tan', 'mam non hoa', 'van phong', 'so noi vu', 'thcs le loi', 'kinh te', 'hoa binh'];

const db0 = await tempDatabase({ keepDir, poolSize: 4 });
try {
  const { db } = db0;
  const generation = await ensureNationalData(db, { people, units, keepDir });
  const [tableSize] = (await sql<{ people: string; indexes: string }>`select pg_size_pretty(pg_table_size('people')) as people, pg_size_pretty(pg_indexes_size('people')) as indexes`.execute(db)).rows;

  const config = loadConfig({}, { serveWeb: false, runJobs: false, logLevel: 'silent', databaseUrl: 'bench' });
  const ctx: AppContext = { db, config, mailer: { send: async () => undefined }, jobs: inlineJobs(), now: systemNow };
  const provinces = await db.selectFrom('units').select(['id', 'name', 'path']).where('kind', '=', 'province').where('status', '=', 'active').orderBy('id').execute();
  const communes = await db.selectFrom('units').select(['id', 'name', 'path']).where('kind', '=', 'commune').where('status', '=', 'active').orderBy('id').execute();
  const provinceOf = new Map(provinces.map((p) => [p.path.split('.')[1], p]));
  const rng = new Random(2026);

  const searchPeople = async (i: number) => {
    const province = provinces[i % provinces.length]!;
    const q = terms[i % terms.length]!;
    const query = listPeopleQuery.parse({ q, unitId: String(province.id), page: '1', pageSize: '20' });
    return timed(() => listPeople(ctx, actorAt(province), query));
  };
  const childrenOfProvince = async (i: number) => {
    const province = provinces[i % provinces.length]!;
    return timed(() => listUnits(ctx, actorAt(province), listUnitsQuery.parse({ parentId: String(province.id) })));
  };
  const searchUnits = async (i: number) => {
    const province = provinces[i % provinces.length]!;
    return timed(() => listUnits(ctx, actorAt(province), listUnitsQuery.parse({ parentId: String(province.id), q: unitTerms[i % unitTerms.length]! })));
  };
  const communePeople = async (i: number) => {
    const commune = communes[rng.int(0, communes.length - 1)]!;
    const province = provinceOf.get(commune.path.split('.')[1])!;
    // Pages 1 to 3 of the commune's subtree, as someone paging through a list does.
    const page = String(1 + (i % 3));
    return timed(() => listPeople(ctx, actorAt(province), listPeopleQuery.parse({ unitId: String(commune.id), includeSubunits: 'true', page, pageSize: '20' })));
  };

  const cases = [
    { name: 'people search in a province (list 20 + count)', run: searchPeople },
    { name: 'units: children of a province', run: childrenOfProvince },
    { name: 'units: search in a province subtree', run: searchUnits },
    { name: 'people of a commune subtree, paged', run: communePeople },
  ];
  const results: Record<string, ReturnType<typeof summarise> & { meanRows: number }> = {};
  const slowest: Record<string, { ms: number; term: string }[]> = {};
  const termSamples = new Map<string, number[]>();
  for (const c of cases) {
    for (let i = 0; i < 10; i++) await c.run(i + 1000); // warm the caches and the plan
    const samples: number[] = [];
    let rows = 0;
    const slow: { ms: number; term: string }[] = [];
    for (let i = 0; i < iterations; i++) {
      const [ms, r] = await c.run(i);
      samples.push(ms);
      rows += 'items' in r ? r.items.length : 0;
      if (c.run === searchPeople) {
        const term = terms[i % terms.length]!;
        slow.push({ ms: Math.round(ms * 10) / 10, term });
        termSamples.set(term, [...(termSamples.get(term) ?? []), ms]);
      }
    }
    results[c.name] = { ...summarise(samples), meanRows: Math.round(rows / iterations) };
    if (slow.length) slowest[c.name] = slow.sort((a, b) => b.ms - a.ms).slice(0, 5);
    const s = results[c.name]!;
    console.log(`${c.name.padEnd(48)} p50 ${s.p50.toFixed(1).padStart(7)} ms   p95 ${s.p95.toFixed(1).padStart(7)} ms   p99 ${s.p99.toFixed(1).padStart(7)} ms   max ${s.max.toFixed(1).padStart(7)} ms`);
  }
  for (const [name, list] of Object.entries(slowest)) console.log(`slowest in "${name}": ${list.map((s) => `${s.term} ${s.ms} ms`).join(', ')}`);
  // Per search term, so that the people module can see which shapes of query miss the target.
  const byTerm: Record<string, ReturnType<typeof summarise>> = {};
  for (const term of terms) byTerm[term] = summarise(termSamples.get(term) ?? []);
  console.log('\nPeople search by term (p50 / max ms):');
  console.log(
    Object.entries(byTerm)
      .sort((a, b) => b[1].p50 - a[1].p50)
      .map(([t, s]) => `  ${t.padEnd(16)} ${s.p50.toFixed(1).padStart(7)} / ${s.max.toFixed(1).padStart(7)}`)
      .join('\n'),
  );
  const totals = await db.selectFrom('people').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  writeResult('search-and-subtree', {
    dataSet: { people: Number(totals.n), units: (await db.selectFrom('units').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n, peopleTable: tableSize },
    generation,
    iterations,
    targetP95Ms: 100,
    calls: 'people.service listPeople and units.service listUnits, actor = standing officer of the province',
    results,
    slowestSearches: slowest,
    peopleSearchByTerm: byTerm,
  });
  if (keepDir) fs.writeFileSync(path.join(keepDir, 'README.txt'), 'Generated by bench/search-and-subtree.ts; delete the folder to regenerate.\n');
} finally {
  await db0.close();
}
