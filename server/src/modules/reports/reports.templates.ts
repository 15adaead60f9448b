import {
  reportPeriodKindLabels,
  reportPeriodKinds,
  unitKinds,
  type CreateReportTemplateBody,
  type IndicatorSourceList,
  type ListReportTemplatesQuery,
  type ReportPeriodKind,
  type ReportTemplateList,
  type ReportTemplateView,
  type TemplateContent,
  type TemplatesFromPlanBody,
  type TemplatesFromPlanResult,
  type UnitKind,
  type UpdateReportTemplateBody,
} from '@thidua/contracts';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { visiblePlan } from '../plans/plans.service.js';
import { getIndicatorSource, listIndicatorSources } from './reports.indicators.js';
import { defaultReminderSchedule, periodsPerYear, type DueRule, type ReminderSchedule } from './reports.periods.js';
import { canSeeTemplate, canWriteTemplate } from './reports.policy.js';
import { reportsRepository as repo, type ReportTemplateRow } from './reports.repository.js';

// Report templates (mẫu báo cáo): the default office-culture templates shipped with the system
// (migration 0053: six-month due 31/5, yearly due 30/11) and a plan's own, copied from one of them
// or given whole. Content is checked beyond its shape: every source must be in the indicator
// registry and give the kind the indicator declares.

function invalid(path: string, vi: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [fieldEntry(path, vi, en)]);
}

/** The sources named by indicators must exist in the registry and be of the indicator's kind. */
export function checkSources(content: TemplateContent): void {
  content.sections.forEach((s, i) =>
    s.indicators.forEach((ind, j) => {
      if (!ind.source) return;
      const path = `content.sections.${i}.indicators.${j}.source`;
      const src = getIndicatorSource(ind.source);
      if (!src) throw invalid(path, `Nguồn số liệu không có trong hệ thống: ${ind.source}`, `Unknown indicator source: ${ind.source}`);
      if (src.kind !== ind.kind) {
        throw invalid(path, `Nguồn ${ind.source} cho số liệu kiểu ${src.kind}, không phải ${ind.kind}`, `Source ${ind.source} gives a ${src.kind}, not a ${ind.kind}`);
      }
    }),
  );
}

/**
 * The periods a template reports must be halves, quarters or months of its kind, each once, sorted;
 * a year or custom dates have none (null).
 */
function checkPeriodIndexes(kind: ReportPeriodKind, indexes: number[] | null): number[] | null {
  if (indexes === null) return null;
  const max = periodsPerYear(kind);
  if (max === 0) throw invalid('periodIndexes', 'Kỳ báo cáo năm hoặc tùy chọn không chia thành các kỳ nhỏ', 'A yearly or custom period has no halves, quarters or months to choose');
  const bad = indexes.find((i) => i < 1 || i > max);
  if (bad !== undefined) throw invalid('periodIndexes', `Số thứ tự của kỳ phải từ 1 đến ${max}`, `The period's number must be between 1 and ${max}`);
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  return sorted.length === max ? null : sorted;
}

/** The due rule must be a day and month or one date, not both, not neither. */
function checkDueRule(t: { due_day: number | null; due_month: number | null; due_date: string | null }): void {
  if ((t.due_day === null) !== (t.due_month === null)) throw invalid('dueDay', 'Cần nhập cả ngày và tháng của hạn báo cáo', 'Give both the day and the month of the due date');
  if (t.due_day === null && t.due_date === null) throw invalid('dueDate', 'Cần nhập hạn báo cáo (ngày/tháng hoặc một ngày cụ thể)', 'Give a due date (day and month, or one date)');
  if (t.due_day !== null && t.due_date !== null) throw invalid('dueDate', 'Chỉ nhập một trong hai: ngày/tháng hoặc ngày cụ thể', 'Give either a day and month or one date, not both');
}

export function dueRuleOf(t: Pick<ReportTemplateRow, 'due_day' | 'due_month' | 'due_date'>): DueRule {
  if (t.due_day !== null && t.due_month !== null) return { day: t.due_day, month: t.due_month };
  return { date: t.due_date! };
}

export function contentOf(t: Pick<ReportTemplateRow, 'content'>): TemplateContent {
  return t.content as TemplateContent;
}

export function toTemplateView(t: ReportTemplateRow, actor: Actor): ReportTemplateView {
  return {
    id: t.id,
    planId: t.plan_id,
    planYearFrom: t.plan_year_from,
    planYearTo: t.plan_year_to,
    code: t.code,
    name: t.name,
    periodKind: t.period_kind as ReportPeriodKind,
    periodIndexes: t.period_indexes,
    dueDay: t.due_day,
    dueMonth: t.due_month,
    dueDate: t.due_date,
    recipientUnitId: t.recipient_unit_id,
    recipientUnitName: t.recipient_unit_name,
    recipientText: t.recipient_text,
    reporterKinds: t.reporter_kinds.filter((k): k is UnitKind => (unitKinds as readonly string[]).includes(k)),
    content: contentOf(t),
    reminderSchedule: { ...defaultReminderSchedule, ...(t.reminder_schedule as Partial<ReminderSchedule>) },
    documentCode: t.document_code,
    isActive: t.is_active,
    allowed: canWriteTemplate(actor, t) ? ['edit'] : [],
  };
}

/** A template the actor may read, else NOT_FOUND. */
export async function visibleTemplate(db: Executor, actor: Actor, id: number): Promise<ReportTemplateRow> {
  const t = await repo.findTemplate(db, id);
  if (!t || !canSeeTemplate(actor, t)) throw new AppError('NOT_FOUND');
  return t;
}

async function checkRecipient(db: Executor, recipientUnitId: number | null | undefined): Promise<void> {
  if (recipientUnitId == null) return;
  if (!(await repo.findUnit(db, recipientUnitId))) throw invalid('recipientUnitId', 'Đơn vị nhận báo cáo không tồn tại', 'The recipient unit does not exist');
}

/**
 * The plan's templates (`planId`), else those shipped with the system — after, with `unitId`, the
 * templates of the published plans covering that unit, nearest first.
 */
export async function listTemplates(ctx: AppContext, actor: Actor, query: ListReportTemplatesQuery): Promise<ReportTemplateList> {
  if (query.planId) await visiblePlan(ctx.db, actor, query.planId);
  let covering: ReportTemplateRow[] = [];
  if (!query.planId && query.unitId) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit || !can(actor, 'unit.read', unit.path)) throw new AppError('NOT_FOUND');
    covering = await repo.listTemplatesCovering(ctx.db, unit.path);
  }
  const rows = [...covering, ...(await repo.listTemplates(ctx.db, query.planId ?? null))];
  return { items: rows.filter((t) => canSeeTemplate(actor, t)).map((t) => toTemplateView(t, actor)) };
}

export async function getTemplate(ctx: AppContext, actor: Actor, id: number): Promise<ReportTemplateView> {
  return toTemplateView(await visibleTemplate(ctx.db, actor, id), actor);
}

/** The indicator registry, for template editors: every source a template's indicator may name. */
export function listSources(): IndicatorSourceList {
  return { items: listIndicatorSources().map((s) => ({ key: s.key, label: s.label, kind: s.kind })) };
}

/** Creates a plan's own template: the given content, else a copy of another template or of the default. */
export async function createTemplate(ctx: AppContext, actor: Actor, input: CreateReportTemplateBody): Promise<ReportTemplateView> {
  const plan = await visiblePlan(ctx.db, actor, input.planId);
  if (!canWriteTemplate(actor, { plan_unit_path: plan.unit_path })) throw new AppError('FORBIDDEN');
  if (!reportPeriodKinds.includes(input.periodKind)) throw invalid('periodKind', 'Kỳ báo cáo không hợp lệ', 'Not a period kind');
  const base = input.copyFromTemplateId ? await visibleTemplate(ctx.db, actor, input.copyFromTemplateId) : await repo.defaultTemplate(ctx.db, input.periodKind);
  const content = input.content ?? (base ? contentOf(base) : undefined);
  if (!content) throw invalid('content', 'Cần nhập nội dung mẫu báo cáo', 'The template content is required');
  checkSources(content);
  const row = {
    plan_id: plan.id,
    code: input.code,
    name: input.name ?? base?.name ?? input.code,
    period_kind: input.periodKind,
    period_indexes: checkPeriodIndexes(
      input.periodKind,
      input.periodIndexes !== undefined ? input.periodIndexes : base?.period_kind === input.periodKind ? base.period_indexes : null,
    ),
    due_day: input.dueDay !== undefined ? input.dueDay : input.dueDate ? null : (base?.due_day ?? null),
    due_month: input.dueMonth !== undefined ? input.dueMonth : input.dueDate ? null : (base?.due_month ?? null),
    due_date: input.dueDate ?? null,
    recipient_unit_id: input.recipientUnitId ?? null,
    recipient_text: input.recipientText ?? null,
    reporter_kinds: input.reporterKinds ?? base?.reporter_kinds ?? [],
    content,
    reminder_schedule: input.reminderSchedule ?? base?.reminder_schedule ?? defaultReminderSchedule,
    document_code: input.documentCode ?? base?.document_code ?? 'BC',
    created_by: actor.userId,
  };
  checkDueRule(row);
  await checkRecipient(ctx.db, row.recipient_unit_id);
  if (await repo.templateCodeTaken(ctx.db, plan.id, input.code)) {
    throw new AppError('CONFLICT', { code: input.code }, [
      { path: 'code', message: `code: Kế hoạch đã có mẫu báo cáo mã ${input.code}`, messageEn: `code: The plan already has a template coded ${input.code}` },
    ]);
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertTemplate(trx, row);
    await writeAudit(trx, auditContextOf(actor), { action: 'report_template.create', entity: 'report_template', entityId: newId, unitId: plan.unit_id, after: row });
    return newId;
  });
  return toTemplateView((await repo.findTemplate(ctx.db, id))!, actor);
}

/** The report rhythms a plan's deadline (hạn báo cáo) can name; 'once' has no period to report. */
const DEADLINE_KINDS: Record<string, ReportPeriodKind | undefined> = { six_months: 'six_months', year: 'year', quarter: 'quarter', month: 'month' };

/**
 * Makes the plan's templates from the deadlines its document states (seed 004: "Báo cáo 6 tháng gửi
 * trước ngày 31/5 hàng năm và báo cáo năm gửi trước ngày 30/11"): one per rhythm and date, with the
 * deadline's day, month and recipient, the content copied from the system's template of that
 * rhythm (else its yearly one). A six-month report beside a yearly one covers the first half only,
 * as the yearly report covers the rest. A deadline whose template exists (by its code) is left alone,
 * so the call can be repeated after the plan gains deadlines.
 */
export async function templatesFromPlan(ctx: AppContext, actor: Actor, input: TemplatesFromPlanBody): Promise<TemplatesFromPlanResult> {
  const plan = await visiblePlan(ctx.db, actor, input.planId);
  if (!canWriteTemplate(actor, { plan_unit_path: plan.unit_path })) throw new AppError('FORBIDDEN');
  const deadlines = (await repo.planDeadlines(ctx.db, plan.id)).flatMap((d) => {
    const kind = DEADLINE_KINDS[d.period];
    return kind ? [{ ...d, kind }] : [];
  });
  if (deadlines.length === 0) {
    throw invalid('planId', 'Kế hoạch chưa có hạn báo cáo 6 tháng, năm, quý hoặc tháng để tạo mẫu báo cáo', 'The plan has no six-monthly, yearly, quarterly or monthly report deadline to make templates from');
  }
  const hasYearly = deadlines.some((d) => d.kind === 'year');
  const created: ReportTemplateView[] = [];
  let existing = 0;
  for (const d of deadlines) {
    const code = `han_${d.kind}_${d.day}_${d.month}`;
    if (await repo.templateCodeTaken(ctx.db, plan.id, code)) {
      existing++;
      continue;
    }
    const base = await repo.defaultTemplate(ctx.db, d.kind);
    created.push(
      await createTemplate(ctx, actor, {
        planId: plan.id,
        code,
        periodKind: d.kind,
        ...(base?.period_kind === d.kind ? {} : { name: `Báo cáo ${reportPeriodKindLabels[d.kind].vi.toLowerCase()}` }),
        periodIndexes: d.kind === 'six_months' && hasYearly ? [1] : null,
        dueDay: d.day,
        dueMonth: d.month,
        recipientUnitId: d.recipient_unit_id,
        recipientText: d.recipient_text,
      }),
    );
  }
  return { created, existing };
}

/** Changes a template; reports already opened keep their period and due date. */
export async function updateTemplate(ctx: AppContext, actor: Actor, id: number, input: UpdateReportTemplateBody): Promise<ReportTemplateView> {
  const t = await visibleTemplate(ctx.db, actor, id);
  if (!canWriteTemplate(actor, t)) throw new AppError('FORBIDDEN');
  if (input.content) checkSources(input.content);
  const dueGiven = input.dueDay !== undefined || input.dueMonth !== undefined || input.dueDate !== undefined;
  const due = {
    due_day: input.dueDay !== undefined ? input.dueDay : input.dueDate ? null : t.due_day,
    due_month: input.dueMonth !== undefined ? input.dueMonth : input.dueDate ? null : t.due_month,
    due_date: input.dueDate !== undefined ? input.dueDate : input.dueDay ? null : t.due_date,
  };
  if (dueGiven) checkDueRule(due);
  await checkRecipient(ctx.db, input.recipientUnitId);
  const patch = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.periodIndexes !== undefined ? { period_indexes: checkPeriodIndexes(t.period_kind as ReportPeriodKind, input.periodIndexes) } : {}),
    ...(dueGiven ? due : {}),
    ...(input.recipientUnitId !== undefined ? { recipient_unit_id: input.recipientUnitId } : {}),
    ...(input.recipientText !== undefined ? { recipient_text: input.recipientText } : {}),
    ...(input.reporterKinds !== undefined ? { reporter_kinds: input.reporterKinds } : {}),
    ...(input.content !== undefined ? { content: input.content } : {}),
    ...(input.reminderSchedule !== undefined ? { reminder_schedule: input.reminderSchedule } : {}),
    ...(input.documentCode !== undefined ? { document_code: input.documentCode } : {}),
    ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateTemplate(trx, id, patch, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'report_template.update',
      entity: 'report_template',
      entityId: id,
      unitId: t.plan_unit_id,
      before: { name: t.name, periodIndexes: t.period_indexes, dueDay: t.due_day, dueMonth: t.due_month, dueDate: t.due_date, content: t.content, isActive: t.is_active },
      after: patch,
    });
  });
  return toTemplateView((await repo.findTemplate(ctx.db, id))!, actor);
}
