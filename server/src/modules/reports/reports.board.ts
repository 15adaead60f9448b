import type { ReportBoard, ReportBoardQuery, ReportBoardUnit, ReportRemindBody, ReportRemindResult, ReportPeriodKind, UnitKind } from '@thidua/contracts';
import { reportPeriodKinds, unitKindLabels } from '@thidua/contracts';
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { can, requireAccess } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { queueNotification, type DeliverOnceInput } from '../../platform/notify.js';
import { withPreferences } from '../notifications/notices.js';
import { reportNoticeKinds } from './reports.notices.js';
import {
  defaultReminderSchedule,
  dueDate,
  formatCalendarDate,
  periodFromKey,
  periodKey,
  periodLabel,
  reportPeriod,
  timeliness,
  vietnamDateOf,
  type CalendarDate,
  type DueRule,
  type ReminderSchedule,
  type ReportPeriod,
} from './reports.periods.js';

// The reporting-rate board (bảng theo dõi tình hình nộp báo cáo) and what the reminder sweep shares
// with it: which units are expected to report, where each stands, and whom to remind.
//
// Who is expected to report (đơn vị phải báo cáo), for a board at unit U:
//  - only active units strictly below U and inside the subtree of the unit whose plan defines the
//    template (a shipped template without a plan is bounded by U alone);
//  - when the template names reporter kinds (commune, school…): every such unit at any depth;
//  - when it names none: U's direct children;
//  - with a block (cụm, khối thi đua): the block's members that pass the rules above, at any depth
//    (a block groups units of one level that are not always U's direct children).
// The reminder sweep asks the same question with U = the plan's unit.

const REPORTER_ROLES = ['unit_officer', 'unit_head'] as const;
type ReporterRole = (typeof REPORTER_ROLES)[number];

/** "Remind them" twice within this bucket sends once: a double click or two officers at once. */
export const MANUAL_REMINDER_BUCKET_MS = 10 * 60_000;

function invalid(path: string, vi: string, en: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', details, [fieldEntry(path, vi, en)]);
}

// ── Templates and periods ────────────────────────────────────────────

export interface TemplateFacts {
  id: number;
  name: string;
  code: string;
  periodKind: ReportPeriodKind;
  /** The halves, quarters or months the template reports; null for all. */
  periodIndexes: number[] | null;
  rule: DueRule;
  reporterKinds: string[];
  schedule: ReminderSchedule;
  planId: number | null;
  /** The plan's unit: the top of the subtree that reports; null for a shipped template. */
  planUnitId: number | null;
  planUnitPath: string | null;
  /** The years the plan applies to (null: not limited on that side): the template reports those years' periods. */
  planYears: { year_from: number | null; year_to: number | null };
  recipientUnitId: number | null;
  recipientText: string | null;
  documentCode: string;
}

const scheduleSchema = z.object({
  daysBefore: z.array(z.number().int()).default(defaultReminderSchedule.daysBefore),
  everyDaysAfter: z.number().int().nullable().default(defaultReminderSchedule.everyDaysAfter),
  maxAfter: z.number().int().default(defaultReminderSchedule.maxAfter),
  at: z.string().default(defaultReminderSchedule.at),
});

/** The stored schedule, or the default one where the stored JSON is not a schedule. */
export function reminderScheduleOf(value: unknown): ReminderSchedule {
  const parsed = scheduleSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : defaultReminderSchedule;
}

function templateQuery(db: Executor) {
  return db
    .selectFrom('report_templates as t')
    .leftJoin('plans as p', 'p.id', 't.plan_id')
    .leftJoin('units as pu', 'pu.id', 'p.unit_id')
    .select([
      't.id',
      't.name',
      't.code',
      't.period_kind',
      't.period_indexes',
      't.due_day',
      't.due_month',
      't.due_date',
      't.reporter_kinds',
      't.reminder_schedule',
      't.plan_id',
      't.recipient_unit_id',
      't.recipient_text',
      't.document_code',
      't.is_active',
      'p.status as plan_status',
      'p.year_from as plan_year_from',
      'p.year_to as plan_year_to',
      'pu.id as plan_unit_id',
      sql<string | null>`pu.path::text`.as('plan_unit_path'),
    ]);
}
type TemplateRow = Awaited<ReturnType<ReturnType<typeof templateQuery>['executeTakeFirstOrThrow']>>;

function toFacts(r: TemplateRow): TemplateFacts {
  const kind = (reportPeriodKinds as readonly string[]).includes(r.period_kind) ? (r.period_kind as ReportPeriodKind) : 'year';
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    periodKind: kind,
    periodIndexes: r.period_indexes,
    rule: r.due_date ? { date: r.due_date } : { day: r.due_day ?? 31, month: r.due_month ?? 12 },
    reporterKinds: r.reporter_kinds,
    schedule: reminderScheduleOf(r.reminder_schedule),
    planId: r.plan_id,
    planUnitId: r.plan_unit_id,
    planUnitPath: r.plan_unit_path,
    planYears: { year_from: r.plan_year_from, year_to: r.plan_year_to },
    recipientUnitId: r.recipient_unit_id,
    recipientText: r.recipient_text,
    documentCode: r.document_code,
  };
}

export async function findTemplate(db: Executor, id: number): Promise<TemplateFacts | undefined> {
  const row = await templateQuery(db).where('t.id', '=', id).executeTakeFirst();
  return row ? toFacts(row) : undefined;
}

/**
 * Active templates whose plan is in force (published) — the ones that remind and appear in
 * calendars. A shipped template without a plan has no subtree that reports, so it is left out.
 */
export async function activeTemplates(db: Executor): Promise<TemplateFacts[]> {
  const rows = await templateQuery(db).where('t.is_active', '=', true).where('p.status', '=', 'published').orderBy('t.id').execute();
  return rows.map(toFacts);
}

/** Custom periods exist where reports were opened for them. */
export async function customPeriods(db: Executor, templateId: number): Promise<ReportPeriod[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['period_start', 'period_end'])
    .distinct()
    .where('template_id', '=', templateId)
    .execute();
  return rows.map((r) => reportPeriod({ kind: 'custom', start: r.period_start, end: r.period_end }));
}

/** "Đúng hạn" in words, as the board states it. */
export function onTimeRule(due: CalendarDate): { vi: string; en: string } {
  const d = formatCalendarDate(due);
  return {
    vi: `Đúng hạn: nộp trước hoặc trong ngày hạn ${d} (giờ Việt Nam); nộp từ ngày hôm sau là trễ hạn.`,
    en: `On time: submitted on or before the due date ${d} (Vietnam time); from the next day on it is late.`,
  };
}

// ── Expected units, their reports and contacts ───────────────────────

export interface ExpectedUnit {
  id: number;
  name: string;
  kind: string;
  path: string;
}

export async function expectedUnits(
  db: Executor,
  args: { root: { id: number; path: string }; planUnitPath: string | null; reporterKinds: string[]; blockId?: number | null },
): Promise<ExpectedUnit[]> {
  const { root, planUnitPath, reporterKinds, blockId } = args;
  let q = reportingBelow(db, root, planUnitPath, reporterKinds);
  if (reporterKinds.length === 0 && !blockId) q = q.where('parent_id', '=', root.id);
  if (blockId) q = q.where('id', 'in', db.selectFrom('block_members').select('unit_id').where('block_id', '=', blockId));
  return q.orderBy(sql`name COLLATE "vi-x-icu"`).orderBy('id').execute();
}

/** Active units strictly below `root`, inside the plan's subtree and of the reporter kinds when named. */
function reportingBelow(db: Executor, root: { id: number; path: string }, planUnitPath: string | null, reporterKinds: string[]) {
  let q = db
    .selectFrom('units')
    .select(['id', 'name', 'kind', sql<string>`path::text`.as('path')])
    .where('status', '=', 'active')
    .where(sql<SqlBool>`path <@ ${root.path}::ltree`)
    .where('id', '!=', root.id);
  if (planUnitPath) q = q.where(sql<SqlBool>`path <@ ${planUnitPath}::ltree`);
  if (reporterKinds.length > 0) q = q.where('kind', 'in', reporterKinds);
  return q;
}

/**
 * The blocks of `year` that the block filter of a board at `root` can narrow to: those with at least
 * one member that would be expected under the block (see expectedUnits). Whoever organises them —
 * a district's board offers the province's cụm thi đua that take in its communes.
 */
export async function concernedBlocks(
  db: Executor,
  args: { root: { id: number; path: string }; planUnitPath: string | null; reporterKinds: string[]; year: number },
): Promise<{ id: number; name: string }[]> {
  const members = reportingBelow(db, args.root, args.planUnitPath, args.reporterKinds).clearSelect().select('id');
  return db
    .selectFrom('blocks as b')
    .select(['b.id', 'b.name'])
    .where('b.year', '=', args.year)
    .where(({ exists, selectFrom }) => exists(selectFrom('block_members as m').select('m.unit_id').whereRef('m.block_id', '=', 'b.id').where('m.unit_id', 'in', members)))
    .orderBy(sql`b.name COLLATE "vi-x-icu"`)
    .orderBy('b.id')
    .execute();
}

export interface UnitReport {
  id: number;
  unit_id: number;
  status: string;
  submitted_at: Date | null;
  days_late: number | null;
  due_date: string;
}

export async function reportsOf(db: Executor, templateId: number, key: string, unitIds: number[]): Promise<Map<number, UnitReport>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'unit_id', 'status', 'submitted_at', 'days_late', 'due_date'])
    .where('template_id', '=', templateId)
    .where('period_key', '=', key)
    .where('unit_id', 'in', unitIds)
    .execute();
  return new Map(rows.map((r) => [r.unit_id, r]));
}

/** Submitted and standing: a returned report is not submitted until it is sent again. */
export const isSubmitted = (status: string | undefined) => status === 'submitted' || status === 'accepted';

export interface Contact {
  unitId: number;
  userId: number;
  name: string;
  email: string | null;
  role: ReporterRole;
}

/** The emulation officers (cán bộ thi đua) and heads (thủ trưởng) granted at each unit itself, officers first. */
export async function contactsOf(db: Executor, unitIds: number[]): Promise<Map<number, Contact[]>> {
  const out = new Map<number, Contact[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.unit_id', 'g.role', 'u.id as user_id', 'u.display_name', 'u.email'])
    .where('g.unit_id', 'in', unitIds)
    .where('g.role', 'in', [...REPORTER_ROLES])
    .where('u.is_active', '=', true)
    .orderBy('g.unit_id')
    .orderBy(sql`CASE g.role WHEN 'unit_officer' THEN 0 ELSE 1 END`)
    .orderBy('u.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.unit_id) ?? [];
    // One person holding both roles is written to once.
    if (!list.some((c) => c.userId === r.user_id)) list.push({ unitId: r.unit_id, userId: r.user_id, name: r.display_name, email: r.email, role: r.role as ReporterRole });
    out.set(r.unit_id, list);
  }
  return out;
}

// ── The reminder itself ───────────────────────────────────────────────

/** The web page of a unit's report for a period: opens it, or starts it when there is none yet. */
export const reportPagePath = (templateId: number, key: string, unitId: number) => `/bao-cao/don-vi/${unitId}/${templateId}/${key}`;

/** The notice of one reminder to one contact: Vietnamese first, English under it. */
export function reminderNotice(args: {
  key: string;
  contact: Contact;
  unitName: string;
  template: Pick<TemplateFacts, 'id' | 'name'>;
  period: ReportPeriod;
  due: CalendarDate;
  today: CalendarDate;
}): DeliverOnceInput {
  const { contact, unitName, template, period, due, today } = args;
  const label = periodLabel(period);
  const dueText = formatCalendarDate(due);
  const late = today > due;
  const title = `Nhắc nộp báo cáo: ${template.name} – ${label}`;
  const state = late ? `đã quá hạn nộp (hạn ${dueText})` : `có hạn nộp ngày ${dueText}`;
  const body = `${unitName} chưa nộp báo cáo "${template.name}" kỳ ${label}, ${state}.`;
  const text = [
    `Kính gửi ${contact.name},`,
    '',
    `${unitName} chưa nộp báo cáo "${template.name}" kỳ ${label}, ${state}. Đúng hạn là nộp trước hoặc trong ngày ${dueText} (giờ Việt Nam).`,
    'Đề nghị đồng chí hoàn thiện và gửi báo cáo theo đường dẫn dưới đây.',
    '',
    `(English: ${unitName} has not submitted the report "${template.name}" for ${periodLabel(period, 'en')}; ${late ? `it was due on ${dueText}` : `it is due on ${dueText}`}.)`,
  ].join('\n');
  return {
    key: args.key,
    userId: contact.userId,
    email: contact.email,
    kind: reportNoticeKinds.reminder.key,
    title,
    body,
    link: reportPagePath(template.id, periodKey(period), contact.unitId),
    mail: { subject: title, text },
  };
}

// ── The board ─────────────────────────────────────────────────────────

async function unitById(db: Executor, id: number) {
  return db.selectFrom('units').select(['id', 'name', 'kind', sql<string>`path::text`.as('path')]).where('id', '=', id).executeTakeFirst();
}

/** A template concerns a unit that is inside its plan's subtree or above the plan's unit. */
function concerns(t: TemplateFacts, unitPath: string): boolean {
  if (!t.planUnitPath) return true;
  return unitPath === t.planUnitPath || unitPath.startsWith(`${t.planUnitPath}.`) || t.planUnitPath.startsWith(`${unitPath}.`);
}

/** The board of one template and period at a unit (and a block): unit.read on the unit. */
export async function reportBoard(ctx: AppContext, actor: Actor, q: ReportBoardQuery): Promise<ReportBoard> {
  const unit = await unitById(ctx.db, q.unitId);
  if (!unit || !can(actor, 'unit.read', unit.path)) throw new AppError('NOT_FOUND');
  const template = await findTemplate(ctx.db, q.templateId);
  if (!template || !concerns(template, unit.path)) throw new AppError('NOT_FOUND');
  const block = q.blockId ? await ctx.db.selectFrom('blocks').select(['id', 'name']).where('id', '=', q.blockId).executeTakeFirst() : null;
  if (q.blockId && !block) throw new AppError('NOT_FOUND');
  const period = periodFromKey(template.periodKind, q.periodKey, template.periodIndexes);
  const due = dueDate(period, template.rule);
  const key = periodKey(period);

  const scope = { root: unit, planUnitPath: template.planUnitPath, reporterKinds: template.reporterKinds };
  const units = await expectedUnits(ctx.db, { ...scope, blockId: block?.id ?? null });
  const ids = units.map((u) => u.id);
  const [reports, contacts, blocks] = await Promise.all([
    reportsOf(ctx.db, template.id, key, ids),
    contactsOf(ctx.db, ids),
    concernedBlocks(ctx.db, { ...scope, year: Number(period.start.slice(0, 4)) }),
  ]);

  const rows: ReportBoardUnit[] = units.map((u) => {
    const r = reports.get(u.id);
    const submitted = isSubmitted(r?.status) && r?.submitted_at;
    const daysLate = submitted ? (r.days_late ?? timeliness(r.submitted_at!, due).daysLate) : null;
    return {
      unitId: u.id,
      unitName: u.name,
      unitKind: u.kind,
      reportId: r?.id ?? null,
      status: r ? (r.status as ReportBoardUnit['status']) : 'missing',
      submittedAt: r?.submitted_at ? r.submitted_at.toISOString() : null,
      daysLate,
      onTime: daysLate === null ? null : daysLate === 0,
      contacts: (contacts.get(u.id) ?? []).map((c) => ({ userId: c.userId, name: c.name, email: c.email, role: c.role })),
    };
  });
  const submittedRows = rows.filter((r) => r.daysLate !== null);
  const missing = rows.filter((r) => r.daysLate === null);
  const rule = onTimeRule(due);
  // In the words of the unit kinds ("Xã/Phường, Trường học"), not their codes.
  const kindNames = template.reporterKinds.map((k) => unitKindLabels[k as UnitKind]?.vi ?? k).join(', ');
  const kinds = template.reporterKinds.length ? `các đơn vị loại ${kindNames} trực thuộc` : 'các đơn vị trực thuộc trực tiếp';
  return {
    template: { id: template.id, name: template.name, periodKind: template.periodKind },
    period: { key, label: periodLabel(period), start: period.start, end: period.end },
    unit: { id: unit.id, name: unit.name },
    block: block ?? null,
    blocks,
    dueDate: due,
    onTimeRule: rule.vi,
    onTimeRuleEn: rule.en,
    expectedRule: block ? `Các thành viên của ${block.name} thuộc ${unit.name}${template.reporterKinds.length ? ` (loại ${kindNames})` : ''}` : `${kinds[0]!.toUpperCase()}${kinds.slice(1)} ${unit.name}`,
    counts: {
      expected: rows.length,
      submitted: submittedRows.length,
      onTime: submittedRows.filter((r) => r.onTime).length,
      late: submittedRows.filter((r) => !r.onTime).length,
      missing: missing.length,
      returned: rows.filter((r) => r.status === 'returned').length,
      accepted: rows.filter((r) => r.status === 'accepted').length,
    },
    units: rows,
    missing,
    canRemind: can(actor, 'report.write', unit.path),
  };
}

/**
 * "Remind them" (đôn đốc): queues a reminder now to the officers and heads of each unit that has not
 * submitted. Needs report.write — held by the emulation officers and heads who write reports and
 * chase the units below them for theirs — on every unit named. The key carries a 10-minute bucket, so a double click (or two officers at
 * once) sends one mail per person.
 */
export async function remindUnits(ctx: AppContext, actor: Actor, body: ReportRemindBody): Promise<ReportRemindResult> {
  const now = ctx.now();
  const unitIds = [...new Set(body.unitIds)];
  const units: ExpectedUnit[] = [];
  for (const id of unitIds) {
    const u = await unitById(ctx.db, id);
    if (!u) throw new AppError('NOT_FOUND');
    units.push(u);
  }
  requireAccess(
    actor,
    'report.write',
    units.map((u) => u.path),
  );
  const template = await findTemplate(ctx.db, body.templateId);
  if (!template || !units.every((u) => concerns(template, u.path))) throw new AppError('NOT_FOUND');
  const period = periodFromKey(template.periodKind, body.periodKey, template.periodIndexes);
  const due = dueDate(period, template.rule);
  const key = periodKey(period);
  if (template.planUnitPath) {
    const outside = units.filter((u) => u.path === template.planUnitPath || !u.path.startsWith(`${template.planUnitPath}.`));
    if (outside.length) {
      throw invalid('unitIds', 'Đơn vị không thuộc phạm vi báo cáo của mẫu này', 'A unit does not report under this template', { unitIds: outside.map((u) => u.id) });
    }
  }

  const bucket = Math.floor(now.getTime() / MANUAL_REMINDER_BUCKET_MS);
  const today = vietnamDateOf(now);
  const notices: DeliverOnceInput[] = [];
  const result: ReportRemindResult = { reminded: [], skipped: [] };
  await ctx.db.transaction().execute(async (trx) => {
    const [reports, contacts] = await Promise.all([reportsOf(trx, template.id, key, unitIds), contactsOf(trx, unitIds)]);
    for (const u of units) {
      if (isSubmitted(reports.get(u.id)?.status)) {
        result.skipped.push({ unitId: u.id, reason: 'submitted' });
        continue;
      }
      const list = contacts.get(u.id) ?? [];
      if (list.length === 0) {
        result.skipped.push({ unitId: u.id, reason: 'no_recipient' });
        continue;
      }
      const noticeKey = `report-reminder/${template.id}/${u.id}/${key}/manual/${bucket}`;
      for (const contact of list) notices.push(reminderNotice({ key: noticeKey, contact, unitName: u.name, template, period, due, today }));
      result.reminded.push({ unitId: u.id, recipients: list.length });
    }
    await writeAudit(trx, auditContextOf(actor), {
      action: 'report.remind',
      entity: 'report_template',
      entityId: template.id,
      unitId: units.length === 1 ? units[0]!.id : template.planUnitId,
      after: { periodKey: key, reminded: result.reminded, skipped: result.skipped },
    });
  });
  // After commit: the notify queue delivers each once, whichever process takes it.
  for (const n of await withPreferences(ctx, notices)) await queueNotification(ctx.jobs, n);
  return result;
}
