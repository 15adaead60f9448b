// Eligibility benchmark (issue 10): every person of one province of the national data set judged for
// Lao động tiên tiến, Chiến sĩ thi đua cơ sở and Chiến sĩ thi đua cấp tỉnh on five years of record,
// as a round of bình xét does (the record read in batches, the engine run per person). Prints the
// time, people a second and the peak memory; writes bench/results/eligibility.json; asserts nothing.
//
//   npm run bench:eligibility -- --data-dir /tmp/nat     # reuse (or generate and keep) the national set
//   npm run bench:eligibility -- --people 300000         # a smaller set in a throw-away database
import { sql } from 'kysely';
import { NATIONAL_PEOPLE, NATIONAL_UNITS } from '../server/src/demo/generate-demo.js';
import { checkEligibility } from '../server/src/modules/awards/eligibility.js';
import { historyOf, recordsOf } from '../server/src/modules/awards/records.service.js';
import { ensureNationalData } from './lib/national.js';
import { argValue, numberArg, tempDatabase, writeResult } from './lib/temp-database.js';

const people = numberArg('people', NATIONAL_PEOPLE);
const units = numberArg('units', NATIONAL_UNITS);
const keepDir = argValue('data-dir');
const BATCH = 2_000;
const YEAR = 2025;
const PROPOSED_ON = '2025-12-15';

const t0 = await tempDatabase({ keepDir, poolSize: 4 });
try {
  const { db } = t0;
  await ensureNationalData(db, { people, units, keepDir });
  // The province with the most people.
  const { rows: [province] } = await sql<{ id: number; name: string; path: string; n: number }>`
    select u.id, u.name, u.path::text as path, count(p.id)::int as n
      from units u join units d on d.path <@ u.path join people p on p.unit_id = d.id and p.is_active
     where u.kind = 'province' group by u.id order by n desc limit 1`.execute(db);
  if (!province) throw new Error('no province');
  // Five years of record for its people, made once (kept with --data-dir): ratings, Lao động tiên
  // tiến and every few years Chiến sĩ thi đua cơ sở, an initiative now and then.
  const made = await db.selectFrom('yearly_ratings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  if (Number(made.n) === 0) {
    const started = performance.now();
    await sql`
      insert into yearly_ratings (subject, person_id, unit_id, year, rating)
      select 'individual', p.id, p.unit_id, y,
             case when (p.id + y) % 7 = 0 then 'hoan_thanh_xuat_sac' when (p.id + y) % 11 = 0 then 'hoan_thanh' else 'hoan_thanh_tot' end
        from people p join units u on u.id = p.unit_id, generate_series(${YEAR - 4}::int, ${YEAR}::int) y
       where u.path <@ ${province.path}::ltree and p.is_active`.execute(db);
    await sql`
      insert into granted_awards (subject, person_id, unit_id, year, award_code)
      select 'individual', r.person_id, r.unit_id, r.year, case when r.rating = 'hoan_thanh_xuat_sac' then 'chien_si_thi_dua_co_so' else 'lao_dong_tien_tien' end
        from yearly_ratings r where r.rating <> 'hoan_thanh' and r.year < ${YEAR}`.execute(db);
    await sql`
      insert into initiatives (person_id, unit_id, year, title, level)
      select r.person_id, r.unit_id, r.year, 'Sáng kiến', case when r.person_id % 5 = 0 then 'tinh' else 'co_so' end
        from yearly_ratings r where r.rating = 'hoan_thanh_xuat_sac'`.execute(db);
    await sql`analyze yearly_ratings, granted_awards, initiatives`.execute(db);
    console.log(`Hồ sơ 5 năm của ${province.n.toLocaleString('en-US')} người / five years of record made in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const ids = (
    await sql<{ id: number }>`select p.id from people p join units u on u.id = p.unit_id where u.path <@ ${province.path}::ltree and p.is_active order by p.id`.execute(db)
  ).rows.map((r) => r.id);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let reading = 0;
  let judging = 0;
  const eligible = { lao_dong_tien_tien: 0, chien_si_thi_dua_co_so: 0, chien_si_thi_dua_tinh: 0 };
  const started = performance.now();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    let t = performance.now();
    const records = await recordsOf(db, batch);
    reading += performance.now() - t;
    t = performance.now();
    for (const id of batch) {
      const history = historyOf(records.get(id) ?? []);
      for (const award of Object.keys(eligible) as (keyof typeof eligible)[]) {
        if (checkEligibility({ award, subject: 'individual', year: YEAR, proposedOn: PROPOSED_ON, history }).eligible) eligible[award]++;
      }
    }
    judging += performance.now() - t;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const figures = {
    province: province.name,
    people: ids.length,
    judgements: ids.length * 3,
    seconds: Math.round(seconds * 100) / 100,
    peoplePerSecond: Math.round(ids.length / seconds),
    readingSeconds: Math.round(reading / 10) / 100,
    judgingSeconds: Math.round(judging / 10) / 100,
    eligible,
    peakRssMiB: Math.round(peak / 2 ** 20),
  };
  console.log(
    `${province.name}: ${ids.length.toLocaleString('en-US')} người × 3 danh hiệu trong ${figures.seconds} s (${figures.peoplePerSecond}/s; đọc hồ sơ ${figures.readingSeconds} s, xét ${figures.judgingSeconds} s), bộ nhớ đỉnh ${figures.peakRssMiB} MiB`,
  );
  console.log(`Đủ điều kiện / eligible: ${JSON.stringify(eligible)}`);
  writeResult('eligibility', figures);
} finally {
  await t0.close();
}
