import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { registerTaskSource, type TaskItem, type TaskQuery } from '../tasks/task-sources.js';
import { isSubmitted, reportPagePath } from './reports.board.js';
import { addDays, dueDate, periodKey, periodLabel, periodsOfYear, type ReportPeriod } from './reports.periods.js';
import { reportsRepository as repo, reportingScopeOf, type ReportTemplateRow } from './reports.repository.js';
import { reportSummary } from './reports.documents.js';
import { periodOfRow } from './reports.service.js';
import { dueRuleOf } from './reports.templates.js';

// Periodic report (báo cáo định kỳ) work in the inbox: my unit's reports to write — due within a
// month, late, or returned with a reason — the reports sent to my unit to take in (tiếp nhận), and the
// reporting units below mine that have not sent a report that is due. Periods count from last year
// to this one, inside the years of the plan's movement, so a report never sent stays a task.

const MENU = '/bao-cao';
/** A report shows up this many days before it is due. */
const AHEAD_DAYS = 30;

const WRITER_ROLES = new Set(['standing_officer', 'unit_head', 'unit_officer']);
const REVIEWER_ROLES = new Set(['standing_officer', 'unit_head']);

interface GrantUnit {
  id: number;
  path: string;
  name: string;
  roles: Set<string>;
}

async function grantUnits(db: Executor, actor: Actor): Promise<(GrantUnit & { kind: string })[]> {
  const byId = new Map<number, GrantUnit>();
  for (const g of actor.grants) {
    if (!WRITER_ROLES.has(g.role)) continue;
    const u = byId.get(g.unitId) ?? { id: g.unitId, path: g.unitPath, name: g.unitName, roles: new Set<string>() };
    u.roles.add(g.role);
    byId.set(g.unitId, u);
  }
  if (byId.size === 0) return [];
  const kinds = await db.selectFrom('units').select(['id', 'kind']).where('id', 'in', [...byId.keys()]).where('status', '=', 'active').execute();
  return kinds.map((k) => ({ ...byId.get(k.id)!, kind: k.kind }));
}

/** The movement years of the plans behind the templates, to keep periods inside them. */
async function movementYears(db: Executor, movementIds: number[]): Promise<Map<number, { from: number; to: number }>> {
  if (movementIds.length === 0) return new Map();
  const rows = await db.selectFrom('movements').select(['id', 'start_year', 'end_year']).where('id', 'in', movementIds).execute();
  return new Map(rows.map((r) => [r.id, { from: r.start_year, to: r.end_year }]));
}

/** The periods of a template due by `today + AHEAD_DAYS`, from last year on, inside the movement's years. */
function duePeriods(t: Pick<ReportTemplateRow, 'period_kind' | 'period_indexes' | 'due_day' | 'due_month' | 'due_date'>, q: TaskQuery, years: { from: number; to: number } | undefined): { period: ReportPeriod; due: string }[] {
  if (t.period_kind === 'custom') return [];
  const kind = t.period_kind as Exclude<ReportPeriod['kind'], 'custom'>;
  const horizon = addDays(q.today, AHEAD_DAYS);
  return [q.year - 1, q.year]
    .filter((y) => !years || (y >= years.from && y <= years.to))
    .flatMap((y) => periodsOfYear(kind, y, t.period_indexes))
    .map((period) => ({ period, due: dueDate(period, dueRuleOf(t)) }))
    .filter((p) => p.due <= horizon);
}

/** Whether the unit reports under the template: of a reporting kind inside the plan, or the plan's own unit. */
const reportsUnder = (t: ReportTemplateRow, u: { id: number; kind: string; path: string }) =>
  u.id === t.plan_unit_id || (t.reporter_kinds.includes(u.kind) && t.plan_unit_path !== null && (u.path === t.plan_unit_path || u.path.startsWith(`${t.plan_unit_path}.`)));

async function writeTasks(ctx: AppContext, q: TaskQuery, u: GrantUnit & { kind: string }, templates: ReportTemplateRow[], years: Map<number, { from: number; to: number }>): Promise<TaskItem[]> {
  const out: TaskItem[] = [];
  for (const t of templates) {
    if (!reportsUnder(t, u)) continue;
    const periods = duePeriods(t, q, t.plan_movement_id === null ? undefined : years.get(t.plan_movement_id));
    if (periods.length === 0) continue;
    for (const { period, due } of periods) {
      const key = periodKey(period);
      const r = await repo.findReportFor(ctx.db, t.id, u.id, key);
      if (r && isSubmitted(r.status)) continue;
      const returned = r?.status === 'returned';
      out.push({
        key: `report.write:${t.id}:${u.id}:${key}`,
        kind: returned ? 'report.returned' : 'report.write',
        menu: MENU,
        title: returned ? `Báo cáo bị trả lại: ${reportName(t.name, period)}` : `${r ? 'Hoàn thành và gửi' : 'Lập'} ${reportName(t.name, period)}`,
        titleEn: returned ? `${t.name} ${periodLabel(period, 'en')} was returned` : `${r ? 'Finish and send' : 'Write'} the report "${t.name}" ${periodLabel(period, 'en')}`,
        detail: u.name,
        detailEn: u.name,
        dueDate: due,
        returnedReason: returned ? r.returned_reason : null,
        link: r ? `${MENU}/${r.id}` : reportPagePath(t.id, key, u.id),
      });
    }
  }
  return out;
}

const lower = (name: string) => name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
/** "báo cáo kết quả … năm 2026": the report and its period named once, as the document's trích yếu does. */
const reportName = (templateName: string, period: ReportPeriod) => `báo cáo ${lower(reportSummary(templateName, periodLabel(period)))}`;

/**
 * The condition "the unit at `recipient` (a units row alias) is taken care of by the reviewer granted
 * at `grantPath`": inside its subtree, with no head or standing officer granted nearer to it.
 */
function nearestReviewer(recipient: string, grantPath: string) {
  const path = sql.ref(`${recipient}.path`);
  return sql<boolean>`(${path} <@ ${grantPath}::ltree and not exists (
    select 1 from role_grants g join units gu on gu.id = g.unit_id
     where g.role in ('unit_head', 'standing_officer') and gu.path <@ ${grantPath}::ltree and gu.path <> ${grantPath}::ltree and ${path} <@ gu.path))`;
}

/**
 * Reports sent to the unit (or to a unit below it that has no reviewer of its own, as a Sở Nội vụ
 * under the province's standing officer) and not yet taken in: one task for all, opening the one
 * report when there is one.
 */
async function reviewTasks(ctx: AppContext, u: GrantUnit): Promise<TaskItem[]> {
  if (![...u.roles].some((r) => REVIEWER_ROLES.has(r))) return [];
  const rows = await ctx.db
    .selectFrom('reports as r')
    .innerJoin('report_templates as t', 't.id', 'r.template_id')
    .innerJoin('units as su', 'su.id', 'r.unit_id')
    .innerJoin('units as ru', 'ru.id', 'r.recipient_unit_id')
    .select(['r.id', 't.name as template_name', 't.period_kind', 'r.year', 'r.period_key', 'r.period_start', 'r.period_end', 'su.name as unit_name', 'ru.id as recipient_id'])
    .where('r.status', '=', 'submitted')
    .where(nearestReviewer('ru', u.path))
    .orderBy('r.submitted_at')
    .execute();
  if (rows.length === 0) return [];
  const one = rows.length === 1 ? rows[0]! : null;
  return [
    {
      key: `report.review:${u.id}`,
      kind: 'report.review',
      menu: MENU,
      title: `${rows.length} báo cáo gửi đến chờ tiếp nhận`,
      titleEn: `${rows.length} report(s) sent in, waiting to be taken in`,
      detail: one ? `${one.unit_name} — ${reportSummary(one.template_name, periodLabel(periodOfRow(one.period_kind, one)))}` : u.name,
      detailEn: one ? `${one.unit_name} — ${one.template_name} ${periodLabel(periodOfRow(one.period_kind, one), 'en')}` : u.name,
      count: rows.length,
      link: one ? `${MENU}/${one.id}` : `${MENU}?tab=board&dv=${rows[0]!.recipient_id}`,
    },
  ];
}

/**
 * Plans whose own unit reports to a recipient in the reviewer's care (the ward's plan sends its
 * report to Sở Nội vụ): that unit's report, once due, is awaited here.
 */
async function awaitedPlanUnits(ctx: AppContext, q: TaskQuery, u: GrantUnit): Promise<TaskItem[]> {
  if (![...u.roles].some((r) => REVIEWER_ROLES.has(r))) return [];
  const templates = await ctx.db
    .selectFrom('report_templates as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('units as pu', 'pu.id', 'p.unit_id')
    .innerJoin('units as ru', 'ru.id', 't.recipient_unit_id')
    .selectAll('t')
    .select(['pu.id as plan_unit_id', 'pu.path as plan_unit_path', 'pu.name as plan_unit_name', 'p.movement_id as plan_movement_id', 'ru.name as recipient_name'])
    .where('t.is_active', '=', true)
    .where('p.status', '=', 'published')
    .where('pu.status', '=', 'active')
    .where(nearestReviewer('ru', u.path))
    .execute();
  if (templates.length === 0) return [];
  const years = await movementYears(ctx.db, [...new Set(templates.map((t) => t.plan_movement_id))]);
  const soon = addDays(q.today, 7);
  const out: TaskItem[] = [];
  for (const t of templates) {
    for (const { period, due } of duePeriods(t, q, years.get(t.plan_movement_id)).filter((p) => p.due <= soon)) {
      const key = periodKey(period);
      const r = await repo.findReportFor(ctx.db, t.id, t.plan_unit_id, key);
      if (r && isSubmitted(r.status)) continue;
      out.push({
        key: `report.units-missing:${t.id}:${t.plan_unit_id}:${key}`,
        kind: 'report.units-missing',
        menu: MENU,
        title: `${t.plan_unit_name} chưa nộp ${reportName(t.name, period)}`,
        titleEn: `${t.plan_unit_name} has not sent "${t.name}" ${periodLabel(period, 'en')}`,
        detail: `Gửi ${t.recipient_name}`,
        detailEn: `To ${t.recipient_name}`,
        dueDate: due,
        count: 1,
        link: `${MENU}?tab=board&mau=${t.id}&ky=${key}&dv=${t.plan_unit_id}`,
      });
    }
  }
  return out;
}

/** Reporting units directly under the unit that have not sent a report already due (or due within a week). */
async function missingTasks(ctx: AppContext, q: TaskQuery, u: GrantUnit & { kind: string }, templates: ReportTemplateRow[], years: Map<number, { from: number; to: number }>): Promise<TaskItem[]> {
  if (![...u.roles].some((r) => REVIEWER_ROLES.has(r) || r === 'unit_officer')) return [];
  const out: TaskItem[] = [];
  const soon = addDays(q.today, 7);
  for (const t of templates) {
    if (!reportsUnder(t, u)) continue;
    const periods = duePeriods(t, q, t.plan_movement_id === null ? undefined : years.get(t.plan_movement_id)).filter((p) => p.due <= soon);
    if (periods.length === 0) continue;
    const children = await repo.childReportingUnits(ctx.db, reportingScopeOf(t), u.path);
    if (children.length === 0) continue;
    for (const { period, due } of periods) {
      const key = periodKey(period);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from reports
         where template_id = ${t.id} and period_key = ${key} and status in ('submitted', 'accepted')
           and unit_id = any(${children.map((c) => c.id)}::bigint[])`.execute(ctx.db);
      const missing = children.length - (rows[0]?.n ?? 0);
      if (missing <= 0) continue;
      out.push({
        key: `report.units-missing:${t.id}:${u.id}:${key}`,
        kind: 'report.units-missing',
        menu: MENU,
        title: `${missing} đơn vị chưa nộp ${reportName(t.name, period)}`,
        titleEn: `${missing} unit(s) have not sent "${t.name}" ${periodLabel(period, 'en')}`,
        detail: u.name,
        detailEn: u.name,
        dueDate: due,
        count: missing,
        link: `${MENU}?tab=board&mau=${t.id}&ky=${key}&dv=${u.id}`,
      });
    }
  }
  return out;
}

registerTaskSource({
  name: 'reports',
  async tasks(ctx, q) {
    const units = await grantUnits(ctx.db, q.actor);
    const lists = await Promise.all(
      units.map(async (u) => {
        const templates = await repo.listTemplatesCovering(ctx.db, u.path);
        const years = await movementYears(ctx.db, [...new Set(templates.map((t) => t.plan_movement_id).filter((id): id is number => id !== null))]);
        const [write, review, missing, awaited] = await Promise.all([
          writeTasks(ctx, q, u, templates, years),
          reviewTasks(ctx, u),
          missingTasks(ctx, q, u, templates, years),
          awaitedPlanUnits(ctx, q, u),
        ]);
        return [...write, ...review, ...missing, ...awaited];
      }),
    );
    return lists.flat();
  },
});
