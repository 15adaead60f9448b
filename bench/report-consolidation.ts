// Report consolidation benchmark: the yearly report (báo cáo năm) of a province of the national data
// set, consolidated (tổng hợp) from the reports of every reporting unit below it — its communes and
// departments, which themselves consolidate their agencies, schools and clinics — live from the
// database. Target: under 1 second.
//
//   npm run bench:report-consolidation -- --data-dir /tmp/nat   # reuse (or generate and keep) the national set
//   npm run bench:report-consolidation -- --people 300000       # a smaller set in a throw-away database
//
// On top of the national set and its year of assessments (bench/lib/assessment-year.ts), the first
// run adds a yearly template of the bench plan (the shipped office-culture content, every kind of unit
// reporting) and, for each measured province, the reports of every reporting unit below it by
// INSERT … SELECT: most sent on time, some late, some returned or still drafts, a few missing —
// with figures in every indicator and a narrative. Then, through the real services with a standing
// officer of the province as the actor (access checks and the audit row included):
// - open: the province opens its report for the year (POST /api/reports): the system's counts over
//   the province's whole subtree, the sum of its children's sent reports, one insert; the report is
//   deleted again after each sample so every sample consolidates from nothing;
// - refresh: the open report counts and consolidates again (POST /api/reports/:id/refresh);
// - read: the report with each child's figures and narratives (GET /api/reports/:id), as a draft (which
//   counts again to tell whether its system figures are still true) and as sent (frozen, nothing counted);
// - send: the report is submitted (POST /api/reports/:id/submit), counting once more as it goes;
// - the .docx and the children's .xlsx downloads.
// Prints figures and writes bench/results/report-consolidation.json; asserts nothing.
import type { TemplateContent } from '@thidua/contracts';
import { sql } from 'kysely';
import { NATIONAL_PEOPLE, NATIONAL_UNITS } from '../server/src/demo/generate-demo.js';
import type { Actor } from '../server/src/platform/actor.js';
import { loadConfig } from '../server/src/platform/config.js';
import type { AppContext } from '../server/src/platform/context.js';
import type { Database } from '../server/src/platform/database.js';
import { inlineJobs } from '../server/src/platform/jobs.js';
import { childrenXlsx, reportDocx } from '../server/src/modules/reports/reports.documents.js';
import { computeIndicators } from '../server/src/modules/reports/reports.indicators.js';
import { getReport, openReport, refreshReport, submitReport } from '../server/src/modules/reports/reports.service.js';
import { ensureAssessmentYear } from './lib/assessment-year.js';
import { ensureNationalData, timed } from './lib/national.js';
import { argValue, numberArg, summarise, tempDatabase, writeResult } from './lib/temp-database.js';
import { systemNow } from '../server/src/platform/clock.js';

const people = numberArg('people', NATIONAL_PEOPLE);
const units = numberArg('units', NATIONAL_UNITS);
const iterations = numberArg('iterations', 30);
const provinceCount = numberArg('provinces', 5);
const keepDir = argValue('data-dir');

const TEMPLATE_CODE = 'bench_year';
const REPORTER_KINDS = ['province', 'district', 'commune', 'department', 'agency', 'school', 'health', 'organisation'];

/** The yearly template of the bench plan, with the content of the system's yearly template. */
async function ensureTemplate(db: Database, planId: number): Promise<number> {
  const existing = await db.selectFrom('report_templates').select('id').where('plan_id', '=', planId).where('code', '=', TEMPLATE_CODE).executeTakeFirst();
  if (existing) return existing.id;
  const shipped = await db.selectFrom('report_templates').select(['content']).where('plan_id', 'is', null).where('code', '=', 'year').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('report_templates')
    .values({
      plan_id: planId,
      code: TEMPLATE_CODE,
      name: 'Báo cáo kết quả thực hiện văn hóa công sở năm (đo hiệu năng)',
      period_kind: 'year',
      due_day: 30,
      due_month: 11,
      due_date: null,
      recipient_unit_id: null,
      recipient_text: null,
      reporter_kinds: REPORTER_KINDS,
      content: JSON.stringify(shipped.content),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The bench's account: reports record who opened them, so the actor must exist. */
async function benchUser(db: Database): Promise<number> {
  const found = await db.selectFrom('users').select('id').where('username', '=', 'bench-reports').executeTakeFirst();
  if (found) return found.id;
  return (await db.insertInto('users').values({ username: 'bench-reports', display_name: 'Đo hiệu năng báo cáo' }).returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * The reports of every reporting unit strictly below `province` for `year`, unless they are there:
 * 85 % sent on time, 7 % late, 3 % returned, 2 % drafts, 3 % missing, each with every indicator
 * filled (computed and typed) and the results narrative. The recipient of each is its nearest
 * reporting unit above, as the service would have set it.
 */
async function ensureChildReports(db: Database, templateId: number, province: { id: number; path: string }, year: number): Promise<number> {
  const key = `${year}-Y`;
  const have = await db
    .selectFrom('reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('r.template_id', '=', templateId)
    .where('r.period_key', '=', key)
    .where(sql<boolean>`u.path <@ ${province.path}::ltree`)
    .where('u.id', '<>', province.id)
    .executeTakeFirstOrThrow();
  if (have.n > 0) return have.n;
  const res = await sql`
    with reporting as (
      select u.id, u.path from units u
      where u.path <@ ${province.path}::ltree and u.id <> ${province.id} and u.status = 'active' and u.kind = any(${REPORTER_KINDS}::text[])
    ),
    placed as (
      select r.id,
             (select a.id from units a where a.path @> r.path and a.id <> r.id and a.status = 'active' and a.kind = any(${REPORTER_KINDS}::text[])
               order by nlevel(a.path) desc limit 1) as recipient,
             (hashtext(r.id::text) & 1023) / 1024.0 as roll,
             (hashtext('v' || r.id::text) & 255) as v
      from reporting r
    )
    insert into reports (template_id, unit_id, recipient_unit_id, year, period_key, period_start, period_end, due_date, status,
                         submitted_at, days_late, returned_at, returned_reason, values, narratives, created_by)
    select ${templateId}, p.id, p.recipient, ${year}, ${key}, make_date(${year}, 1, 1), make_date(${year}, 12, 31), make_date(${year}, 11, 30),
           case when p.roll < 0.92 then 'submitted' when p.roll < 0.95 then 'returned' else 'draft' end,
           case when p.roll < 0.85 then make_date(${year}, 11, 25)::timestamptz
                when p.roll < 0.95 then make_date(${year}, 12, 3)::timestamptz end,
           case when p.roll < 0.85 then 0 when p.roll < 0.95 then 3 end,
           case when p.roll >= 0.92 and p.roll < 0.95 then make_date(${year}, 12, 4)::timestamptz end,
           case when p.roll >= 0.92 and p.roll < 0.95 then 'Thiếu số liệu tuyên truyền' end,
           jsonb_build_object(
             'units_registered', jsonb_build_object('typed', 1, 'computed', 1, 'consolidated', null),
             'people_registered', jsonb_build_object('typed', 20 + p.v % 40, 'computed', 20 + p.v % 40, 'consolidated', null),
             'assessments_done', jsonb_build_object('typed', 18 + p.v % 35, 'computed', 18 + p.v % 35, 'consolidated', null),
             'excellent', jsonb_build_object('typed', p.v % 5, 'computed', p.v % 5, 'consolidated', null),
             'good', jsonb_build_object('typed', 10 + p.v % 20, 'computed', 10 + p.v % 20, 'consolidated', null),
             'pass', jsonb_build_object('typed', 5 + p.v % 9, 'computed', 5 + p.v % 9, 'consolidated', null),
             'fail', jsonb_build_object('typed', p.v % 2, 'computed', p.v % 2, 'consolidated', null),
             'evidence_items', jsonb_build_object('typed', p.v % 60, 'computed', p.v % 60, 'consolidated', null),
             'outreach_events', jsonb_build_object('typed', 1 + p.v % 12, 'computed', null, 'consolidated', null),
             'code_posted_rate', jsonb_build_object('typed', 60 + p.v % 41, 'computed', null, 'consolidated', null),
             'has_culture_rules', jsonb_build_object('typed', p.v % 7 <> 0, 'computed', null, 'consolidated', null),
             'note', jsonb_build_object('typed', null, 'computed', null, 'consolidated', null)
           ),
           jsonb_build_object('results', 'Niêm yết quy tắc ứng xử tại bộ phận một cửa; tổ chức ' || (1 + p.v % 12) || ' cuộc tuyên truyền.'),
           null
    from placed p
    where p.roll < 0.97
  `.execute(db);
  await sql`analyze reports`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

const db0 = await tempDatabase({ keepDir, poolSize: 8 });
try {
  const { db } = db0;
  await ensureNationalData(db, { people, units, keepDir });
  const blockYear = await db.selectFrom('blocks').select((eb) => eb.fn.max('year').as('y')).executeTakeFirst();
  const year = Number(blockYear?.y ?? new Date().getFullYear());
  const assessmentYear = await ensureAssessmentYear(db, year, (m) => console.log(m));
  const templateId = await ensureTemplate(db, assessmentYear.planId);
  const template = { content: (await db.selectFrom('report_templates').select('content').where('id', '=', templateId).executeTakeFirstOrThrow()).content as TemplateContent };
  const userId = await benchUser(db);

  // The provinces with the most units below them: the heaviest consolidations.
  const provinces = await db
    .selectFrom('units as p')
    .select(['p.id', 'p.name', sql<string>`p.path::text`.as('path'), sql<number>`(select count(*) from units u where u.path <@ p.path and u.status = 'active')::int`.as('units')])
    .where('p.kind', '=', 'province')
    .where('p.status', '=', 'active')
    .orderBy('units', 'desc')
    .orderBy('p.id')
    .limit(provinceCount)
    .execute();
  for (const p of provinces) {
    const made = await ensureChildReports(db, templateId, p, year);
    console.log(`${p.name}: ${p.units} units, ${made} reports below it`);
  }

  const config = loadConfig({}, { serveWeb: false, runJobs: false, logLevel: 'silent', databaseUrl: 'bench' });
  const ctx: AppContext = { db, config, mailer: { send: async () => undefined }, jobs: inlineJobs(), now: systemNow };
  const actorOf = (p: { id: number; name: string; path: string }): Actor => ({
    userId,
    username: 'bench-reports',
    displayName: 'Đo hiệu năng báo cáo',
    personId: null,
    sessionId: 'bench',
    csrfToken: 'bench',
    mfaEnabled: true,
    grants: [{ id: 1, role: 'standing_officer', unitId: p.id, unitName: p.name, unitPath: p.path }],
    ip: '127.0.0.1',
    userAgent: 'bench',
  });
  const provinceReport = (p: { id: number }) =>
    db.selectFrom('reports').select('id').where('template_id', '=', templateId).where('unit_id', '=', p.id).where('period_key', '=', `${year}-Y`).executeTakeFirst();
  const dropProvinceReport = async (p: { id: number }) => {
    await db.deleteFrom('reports').where('template_id', '=', templateId).where('unit_id', '=', p.id).where('period_key', '=', `${year}-Y`).execute();
  };
  const ensureOpen = async (p: (typeof provinces)[number]) => (await provinceReport(p))?.id ?? (await openReport(ctx, actorOf(p), { templateId, unitId: p.id, year })).report.id;

  const open = async (i: number) => {
    const p = provinces[i % provinces.length]!;
    await dropProvinceReport(p);
    return timed(() => openReport(ctx, actorOf(p), { templateId, unitId: p.id, year }));
  };
  const refresh = async (i: number) => {
    const p = provinces[i % provinces.length]!;
    const id = await ensureOpen(p);
    return timed(() => refreshReport(ctx, actorOf(p), id));
  };
  const read = async (i: number) => {
    const p = provinces[i % provinces.length]!;
    const id = await ensureOpen(p);
    return timed(() => getReport(ctx, actorOf(p), id));
  };
  // A sent report is frozen: read as sent, nothing is counted; the draft above counts again to say
  // whether its system figures are still true. The difference is the cost of that check.
  const setStatus = (id: number, status: string) => db.updateTable('reports').set({ status }).where('id', '=', id).execute();
  const readSent = async (i: number) => {
    const p = provinces[i % provinces.length]!;
    const id = await ensureOpen(p);
    await setStatus(id, 'submitted');
    try {
      return await timed(() => getReport(ctx, actorOf(p), id));
    } finally {
      await setStatus(id, 'draft');
    }
  };
  // Sending counts once more, so that a report goes with the figures of the moment it is sent.
  const submit = async (i: number) => {
    const p = provinces[i % provinces.length]!;
    const id = await ensureOpen(p);
    try {
      return await timed(() => submitReport(ctx, actorOf(p), id));
    } finally {
      await db.updateTable('reports').set({ status: 'draft', submitted_at: null, submitted_by: null, days_late: null }).where('id', '=', id).execute();
    }
  };
  const docx = async (i: number) => {
    const p = provinces[i % provinces.length]!;
    const id = await ensureOpen(p);
    return timed(() => reportDocx(ctx, actorOf(p), id));
  };
  const xlsx = async (i: number) => {
    const p = provinces[i % provinces.length]!;
    const id = await ensureOpen(p);
    return timed(() => childrenXlsx(ctx, actorOf(p), id));
  };

  // The part of a consolidation that is the system's own counting over the province's subtree.
  const sources = [...new Set(template.content.sections.flatMap((s) => s.indicators.flatMap((i) => (i.source ? [i.source] : []))))];
  const count = async (i: number) => {
    const p = provinces[i % provinces.length]!;
    return timed(() => computeIndicators(db, sources, { unitPath: p.path, movementId: assessmentYear.movementId, year, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` }));
  };

  const cases: { name: string; run: (i: number) => Promise<[number, unknown]>; target?: number }[] = [
    { name: 'open the province report (consolidate from nothing)', run: open, target: 1000 },
    { name: '  of which: the system counts its subtree', run: count },
    { name: 'refresh the province report (count and consolidate again)', run: refresh, target: 1000 },
    { name: 'read the draft with every child (counts again: figures still true?)', run: read },
    { name: 'read it once sent (frozen: nothing counted)', run: readSent },
    { name: 'send it (counts once more as it goes)', run: submit, target: 1000 },
    { name: 'download the report (.docx)', run: docx },
    { name: 'download the children’s figures (.xlsx)', run: xlsx },
  ];
  const results: Record<string, ReturnType<typeof summarise>> = {};
  for (const c of cases) {
    for (let i = 0; i < 3; i++) await c.run(i + 1000); // warm the caches and the plans
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) samples.push((await c.run(i))[0]);
    const s = (results[c.name] = summarise(samples));
    console.log(
      `${c.name.padEnd(60)} p50 ${s.p50.toFixed(1).padStart(7)} ms   p95 ${s.p95.toFixed(1).padStart(7)} ms   max ${s.max.toFixed(1).padStart(7)} ms${c.target ? `   (target < ${c.target} ms)` : ''}`,
    );
  }

  // What one consolidation reads and gives, to show it is the real thing.
  const p0 = provinces[0]!;
  const report = await getReport(ctx, actorOf(p0), await ensureOpen(p0));
  const byStatus = report.children.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.status]: (acc[c.status] ?? 0) + 1 }), {});
  const below = await db
    .selectFrom('reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('r.template_id', '=', templateId)
    .where('r.period_key', '=', `${year}-Y`)
    .where(sql<boolean>`u.path <@ ${p0.path}::ltree and u.id <> ${p0.id}`)
    .executeTakeFirstOrThrow();
  const figures = Object.fromEntries(Object.entries(report.values).map(([k, v]) => [k, { typed: v.typed, computed: v.computed, consolidated: v.consolidated }]));
  console.log(
    `\n${p0.name}: ${p0.units} units, ${below.n} reports below it, ${report.children.length} direct reporting children (${Object.entries(byStatus)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}).`,
  );
  // The children's own counts are generated, so the province's own part (its count minus theirs)
  // makes up the difference: the consolidated number is what the system counts for the province.
  console.log(
    `Consolidated: ${figures.people_registered?.consolidated} people registered (the system counts ${figures.people_registered?.computed}), ${figures.assessments_done?.consolidated} assessments done, ${figures.outreach_events?.consolidated} outreach events, code posted in ${figures.code_posted_rate?.consolidated} % of agencies, ${figures.has_culture_rules?.consolidated} children with office-culture rules.`,
  );
  writeResult('report-consolidation', {
    year,
    provinces: provinces.map((p) => ({ name: p.name, units: p.units })),
    sample: { province: p0.name, units: p0.units, reportsBelow: below.n, directChildren: report.children.length, childrenByStatus: byStatus, figures },
    results,
  });
} finally {
  await db0.close();
}
