import { sql } from 'kysely';
import type { Database } from '../../server/src/platform/database.js';
import { dropSecondaryIndexes, rebuildIndexes, skipForeignKeyChecks } from '../../server/src/platform/bulk.js';

// A year of a movement over whatever organisation the database holds (the national data set): one
// movement owned by the root, one published plan, registrations of nearly everyone and assessments
// at every stage. Written with INSERT … SELECT, never row by row, and only by benchmarks: the normal
// seed stays as fast as it was. Scores per criterion are not written; the totals are.

export const BENCH_MOVEMENT = 'Phong trào thi đua văn hóa công sở (dữ liệu đo hiệu năng)';

export interface AssessmentYear {
  movementId: number;
  planId: number;
  year: number;
  counts: { registrations: number; assessments: number };
  /** Seconds spent generating; 0 when reused. */
  seconds: number;
}

/** The benchmark movement of `year`, generated when the database does not hold it yet. */
export async function ensureAssessmentYear(db: Database, year: number, log: (m: string) => void = () => {}): Promise<AssessmentYear> {
  const existing = await db
    .selectFrom('movements as m')
    .innerJoin('plans as p', 'p.movement_id', 'm.id')
    .select(['m.id as movementId', 'p.id as planId'])
    .where('m.name', '=', BENCH_MOVEMENT)
    .where('m.start_year', '<=', year)
    .where('m.end_year', '>=', year)
    .executeTakeFirst();
  const count = async (movementId: number) => {
    const r = await sql<{ registrations: number; assessments: number }>`
      select (select count(*) from registrations where movement_id = ${movementId} and year = ${year})::int as registrations,
             (select count(*) from assessments where movement_id = ${movementId} and year = ${year})::int as assessments`.execute(db);
    return r.rows[0]!;
  };
  if (existing) return { ...existing, year, counts: await count(existing.movementId), seconds: 0 };

  const started = performance.now();
  const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };
  log(`Tạo một năm đánh giá / generating a year of registrations and assessments (${year})`);
  const ids = await db.transaction().execute(async (trx) => {
    const root = await trx.selectFrom('units').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const movement = await trx
      .insertInto('movements')
      .values({ name: BENCH_MOVEMENT, theme: 'Văn hóa công sở', kind: 'period', start_year: year, end_year: year + 4, owner_unit_id: root.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = await trx
      .insertInto('plans')
      .values({
        movement_id: movement.id,
        unit_id: root.id,
        number: '01',
        code: 'KH-BNV',
        issue_date: `${year}-01-15`,
        signer: 'Bộ trưởng',
        title: 'Kế hoạch thực hiện phong trào thi đua văn hóa công sở',
        status: 'published',
        criteria_frozen_at: new Date(`${year}-03-01T00:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let position = 0;
    for (const subject of ['collective', 'individual'] as const) {
      for (const [code, text, max] of [
        ['1', 'Chấp hành chủ trương, chính sách, pháp luật', 30],
        ['2', 'Kết quả thực hiện nhiệm vụ', 50],
        ['3', 'Thực hiện văn hóa công sở', 20],
      ] as const) {
        await trx
          .insertInto('plan_criteria')
          .values({ plan_id: plan.id, parent_id: null, subject, code, text, max_points: max, position: position++, origin_criterion_id: null, dropped_reason: null, source_line: null })
          .execute();
      }
    }

    const skipped = await skipForeignKeyChecks(trx, ['registrations', 'assessments']);
    const indexes = await dropSecondaryIndexes(trx, ['registrations', 'assessments']);
    log(`  ${indexes.length} indexes dropped for the load${skipped ? ', foreign keys trusted' : ''}`);

    // Nineteen people in twenty register (a few withdraw); nine units in ten register as collectives.
    await step('registrations of people', () =>
      sql`
        insert into registrations (plan_id, movement_id, year, subject, unit_id, person_id, title_code, status, registered_at, updated_at)
        select ${plan.id}, ${movement.id}, ${year}, 'individual', p.unit_id, p.id,
               case when p.id % 10 = 0 then 'chien_si_thi_dua_co_so' else 'lao_dong_tien_tien' end,
               case when p.id % 97 = 0 then 'withdrawn' else 'registered' end,
               make_timestamptz(${year}, 2, 1 + (p.id % 27)::int, 8, 0, 0, 'Asia/Ho_Chi_Minh'),
               make_timestamptz(${year}, 2, 1 + (p.id % 27)::int, 8, 0, 0, 'Asia/Ho_Chi_Minh')
        from people p where p.is_active and p.id % 20 <> 7`.execute(trx),
    );
    await step('registrations of units', () =>
      sql`
        insert into registrations (plan_id, movement_id, year, subject, unit_id, person_id, title_code, status, registered_at, updated_at)
        select ${plan.id}, ${movement.id}, ${year}, 'collective', u.id, null,
               case when u.id % 4 = 0 then 'tap_the_lao_dong_xuat_sac' else 'tap_the_lao_dong_tien_tien' end, 'registered',
               make_timestamptz(${year}, 2, 1, 8, 0, 0, 'Asia/Ho_Chi_Minh'), make_timestamptz(${year}, 2, 1, 8, 0, 0, 'Asia/Ho_Chi_Minh')
        from units u where u.status = 'active' and u.id % 10 <> 3`.execute(trx),
    );
    // Every registration still standing has its assessment: a tenth each at self, review and
    // council, the rest final with a classification from the default bands. Totals spread over
    // 50–96 points, the head a little below the self-score, one in a few dozen flagged as overscored.
    await step('assessments', () =>
      sql`
        insert into assessments (plan_id, movement_id, year, subject, unit_id, person_id, registration_id, stage,
                                 self_total, review_total, council_total, classification, overscore_flag, submitted_at, reviewed_at, finalised_at)
        select plan_id, movement_id, year, subject, unit_id, person_id, id, stage,
               s, case when stage in ('council', 'final') then rv end, case when stage = 'final' then cv end,
               case when stage = 'final' then case when cv >= 90 then 'excellent' when cv >= 70 then 'good' when cv >= 50 then 'pass' else 'fail' end end,
               stage in ('council', 'final') and s - rv > 10,
               case when stage <> 'self' then make_timestamptz(${year}, 11, 20, 9, 0, 0, 'Asia/Ho_Chi_Minh') end,
               case when stage in ('council', 'final') then make_timestamptz(${year}, 11, 28, 9, 0, 0, 'Asia/Ho_Chi_Minh') end,
               case when stage = 'final' then make_timestamptz(${year}, 12, 15, 9, 0, 0, 'Asia/Ho_Chi_Minh') end
        from (
          select r.*, x.s, greatest(0, x.s - ((r.id * 31) % 1300) / 100.0) as rv,
                 least(100, greatest(0, x.s - ((r.id * 31) % 1300) / 100.0 + ((r.id * 17) % 300) / 100.0 - 1.5)) as cv,
                 case when r.id % 10 = 1 then 'self' when r.id % 10 = 2 then 'review' when r.id % 10 = 3 then 'council' else 'final' end as stage
          from registrations r
          cross join lateral (select 50 + ((r.id * 7919) % 4600) / 100.0 as s) x
          where r.movement_id = ${movement.id} and r.year = ${year} and r.status = 'registered'
        ) a`.execute(trx),
    );
    await step('indexes', () => rebuildIndexes(trx, indexes));
    return { movementId: movement.id, planId: plan.id };
  });
  // Fresh statistics and a visibility map, as autovacuum would leave them after a day of work.
  await step('vacuum analyze', async () => {
    await sql`vacuum analyze registrations`.execute(db);
    await sql`vacuum analyze assessments`.execute(db);
  });
  const counts = await count(ids.movementId);
  log(`  ${counts.registrations.toLocaleString('en-US')} registrations, ${counts.assessments.toLocaleString('en-US')} assessments`);
  return { ...ids, year, counts, seconds: Math.round((performance.now() - started) / 100) / 10 };
}
