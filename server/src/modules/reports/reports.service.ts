import {
  isDocumentNumber,
  fieldMessage,
  formatPercent,
  reportLimits,
  typedLabel,
  type FieldMessage,
  type FieldParam,
  type FieldParams,
  type FieldProblem,
  type ListReportsQuery,
  type OpenReportBody,
  type ReasonBody,
  type ReportChild,
  type ReportDetail,
  type ReportList,
  type ReportPeriodKind,
  type ReportStatus,
  type ReportSummary,
  type SaveReportBody,
  type TemplateContent,
} from '@thidua/contracts';
import { can } from '../../platform/access.js';
import { visibleRoots, type Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError, fieldEntry, fieldError } from '../../platform/errors.js';
import { unitDocumentSettings } from '../documents/unit-documents.js';
import { reportCode } from './reports.documents.js';
import { coversYear, planYearsText } from '../plans/plans.years.js';
import { applyConsolidation, combine, effectiveValue, sentChildren, storedValues, unitWeights, type StoredValues } from './reports.consolidation.js';
import { computedValues, hasSystemFigures, outdatedFigures, withComputed, type OutdatedFigure } from './reports.figures.js';
import { dueDate, isReportedPeriod, periodKey, periodLabel, reportPeriod, timeliness, type PeriodSpec, type ReportPeriod } from './reports.periods.js';
import { noticeReportRecalled, noticeReportReviewed, noticeReportSubmitted } from './reports.notices.js';
import { canReviewReport, canSeeReport, canWriteReport, isEditable, ownReportingUnitIds, reportOperations } from './reports.policy.js';
import { reportsRepository as repo, reportingScopeOf, type ReportRow, type ReportTemplateRow } from './reports.repository.js';
import { contentOf, dueRuleOf, visibleTemplate } from './reports.templates.js';

// A unit's periodic report (báo cáo định kỳ) for one period: opened with the figures the system
// counts, edited while draft or returned (or unlocked), submitted (đúng hạn / trễ hạn recorded),
// returned with a reason or accepted (locked) by the recipient (đơn vị nhận báo cáo), who may open an
// accepted report again with a reason (lock exception). A report of a unit with reporting units below
// it consolidates their reports (reports.consolidation.ts).

/** Longest typed short text (văn bản ngắn) of an indicator, and of a narrative section (thuyết minh). */
export const TEXT_MAX = reportLimits.text;
const NARRATIVE_MAX = reportLimits.narrative;

function invalid(path: string, vi: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [fieldEntry(path, vi, en)]);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The period a report row stands for, rebuilt from its stored key and dates. */
export function periodOfRow(kind: string, r: Pick<ReportRow, 'year' | 'period_key' | 'period_start' | 'period_end'>): ReportPeriod {
  const m = /-(?:H|Q|M)(\d+)$/.exec(r.period_key);
  return { kind: kind as ReportPeriodKind, year: r.year, index: m ? Number(m[1]) : null, start: r.period_start, end: r.period_end };
}

function periodSpecOf(kind: string, body: OpenReportBody): PeriodSpec {
  switch (kind) {
    case 'year':
      return { kind: 'year', year: body.year };
    case 'six_months':
      return { kind: 'six_months', year: body.year, index: body.index ?? 1 };
    case 'quarter':
      return { kind: 'quarter', year: body.year, index: body.index ?? 0 };
    case 'month':
      return { kind: 'month', year: body.year, index: body.index ?? 0 };
    default:
      if (!body.start || !body.end) throw invalid('start', 'Kỳ báo cáo tùy chọn cần ngày bắt đầu và ngày kết thúc', 'A custom period needs its start and end dates');
      return { kind: 'custom', start: body.start, end: body.end };
  }
}

const indicatorsOf = (content: TemplateContent) => content.sections.flatMap((s) => s.indicators);

/** The period of a report row as its notices name it, in both languages. */
function periodLabels(kind: string, r: Pick<ReportRow, 'year' | 'period_key' | 'period_start' | 'period_end'>) {
  const p = periodOfRow(kind, r);
  return { label: periodLabel(p), labelEn: periodLabel(p, 'en') };
}

// ── Reading ────────────────────────────────────────────────────────────

/** The report with its template, when the actor may read it (else NOT_FOUND), and what the actor may do. */
async function visibleReport(db: Executor, actor: Actor, id: number): Promise<{ r: ReportRow; t: ReportTemplateRow; writer: boolean; reviewer: boolean }> {
  const r = await repo.findReport(db, id);
  if (!r) throw new AppError('NOT_FOUND');
  const t = (await repo.findTemplate(db, r.template_id))!;
  const own = await ownReportingUnitIds(db, actor, reportingScopeOf(t));
  if (!canSeeReport(actor, own, r)) throw new AppError('NOT_FOUND');
  return { r, t, writer: canWriteReport(actor, own, r.unit_id, r.unit_path), reviewer: canReviewReport(actor, r) };
}

function toSummary(r: ReportRow, t: ReportTemplateRow, who: { writer: boolean; reviewer: boolean }): ReportSummary {
  return {
    id: r.id,
    templateId: r.template_id,
    templateName: r.template_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    recipientUnitId: r.recipient_unit_id,
    recipientUnitName: r.recipient_unit_name,
    year: r.year,
    periodKey: r.period_key,
    periodLabel: periodLabel(periodOfRow(t.period_kind, r)),
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueDate: r.due_date,
    status: r.status as ReportStatus,
    submittedAt: iso(r.submitted_at),
    daysLate: r.days_late,
    onTime: r.days_late === null ? null : r.days_late === 0,
    stale: r.stale,
    revision: r.revision,
    updatedAt: iso(r.updated_at)!,
    allowed: reportOperations(r, who.writer, who.reviewer),
  };
}

/** The reporting units below the report's unit, with their reports of the same period. */
async function childrenOf(db: Executor, r: ReportRow, t: ReportTemplateRow) {
  const units = await repo.childReportingUnits(db, reportingScopeOf(t), r.unit_path);
  const reports = await repo.reportsOfUnits(
    db,
    t.id,
    r.period_key,
    units.map((u) => u.id),
  );
  return { units, reports };
}

/**
 * While the report can still change, the counted indicators whose stored figure is no longer what the
 * system counts (reports.figures.ts); none for a sent or accepted report, whose figures are frozen.
 */
async function figuresOutdatedOf(db: Executor, r: ReportRow, t: ReportTemplateRow): Promise<OutdatedFigure[]> {
  if (!isEditable(r) || !hasSystemFigures(t)) return [];
  const fresh = await computedValues(db, t, { unitPath: r.unit_path, year: r.year, start: r.period_start, end: r.period_end });
  return outdatedFigures(t, storedValues(r.values), fresh);
}

async function detailOf(db: Executor, actor: Actor, id: number): Promise<ReportDetail> {
  const { r, t, writer, reviewer } = await visibleReport(db, actor, id);
  const content = contentOf(t);
  const stored = storedValues(r.values);
  const values: ReportDetail['values'] = {};
  for (const ind of indicatorsOf(content)) {
    const v = stored[ind.key];
    values[ind.key] = { typed: v?.typed ?? null, computed: v?.computed ?? null, consolidated: v?.consolidated ?? null };
  }
  const [{ units, reports }, { settings }, outdated] = await Promise.all([childrenOf(db, r, t), unitDocumentSettings(db, r.unit_path), figuresOutdatedOf(db, r, t)]);
  const byUnit = new Map(reports.map((c) => [c.unit_id, c]));
  const children: ReportChild[] = units.map((u) => {
    const c = byUnit.get(u.id);
    if (!c) return { unitId: u.id, unitName: u.name, reportId: null, status: 'missing', submittedAt: null, daysLate: null, values: {}, narratives: {} };
    const cv = storedValues(c.values);
    return {
      unitId: u.id,
      unitName: u.name,
      reportId: c.id,
      status: c.status as ReportStatus,
      submittedAt: iso(c.submitted_at),
      daysLate: c.days_late,
      values: Object.fromEntries(indicatorsOf(content).map((ind) => [ind.key, effectiveValue(cv[ind.key])])),
      narratives: (c.narratives ?? {}) as Record<string, string>,
    };
  });
  return {
    ...toSummary(r, t, { writer, reviewer }),
    content,
    values,
    narratives: (r.narratives ?? {}) as Record<string, string>,
    number: r.number,
    signer: r.signer,
    referenceCode: reportCode(t.document_code, settings),
    defaultSigner: settings.signerName || null,
    returnedAt: iso(r.returned_at),
    returnedReason: r.returned_reason,
    acceptedAt: iso(r.accepted_at),
    lockException: r.lock_exception_at && r.lock_exception_reason ? { reason: r.lock_exception_reason, at: iso(r.lock_exception_at)! } : null,
    consolidatedAt: iso(r.consolidated_at),
    figuresOutdated: outdated.length > 0,
    outdatedFigures: outdated,
    children,
  };
}

/** One report with its figures, narratives, timeliness, allowed actions and, above, its children's reports. */
export async function getReport(ctx: AppContext, actor: Actor, id: number): Promise<ReportDetail> {
  return detailOf(ctx.db, actor, id);
}

/** Reports in the actor's subtrees, by template, period and unit (with its subtree). */
export async function listReports(ctx: AppContext, actor: Actor, query: ListReportsQuery): Promise<ReportList> {
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit || !can(actor, 'unit.read', unit.path)) throw new AppError('NOT_FOUND');
    unitPath = unit.path;
  }
  const rows = await repo.listReports(ctx.db, visibleRoots(actor), { templateId: query.templateId, periodKey: query.periodKey, unitPath });
  const templates = new Map<number, { t: ReportTemplateRow; own: Set<number> }>();
  const items: ReportSummary[] = [];
  for (const r of rows) {
    let entry = templates.get(r.template_id);
    if (!entry) {
      const t = (await repo.findTemplate(ctx.db, r.template_id))!;
      entry = { t, own: await ownReportingUnitIds(ctx.db, actor, reportingScopeOf(t)) };
      templates.set(r.template_id, entry);
    }
    items.push(toSummary(r, entry.t, { writer: canWriteReport(actor, entry.own, r.unit_id, r.unit_path), reviewer: canReviewReport(actor, r) }));
  }
  return { items };
}

// ── Figures ────────────────────────────────────────────────────────────

/**
 * Fresh figures for a report: the system's counts, then, when reporting units lie below, the
 * children's figures combined (reports.consolidation.ts). `consolidated` says whether there were any.
 */
async function freshValues(
  db: Executor,
  t: ReportTemplateRow,
  unit: { id: number; path: string },
  period: { year: number; start: string; end: string; key: string },
  current: StoredValues,
): Promise<{ values: StoredValues; consolidated: boolean }> {
  const computed = await computedValues(db, t, { unitPath: unit.path, ...period });
  const values = withComputed(t, current, computed);
  const children = await repo.childReportingUnits(db, reportingScopeOf(t), unit.path);
  if (children.length === 0) return { values, consolidated: false };
  const reports = await repo.reportsOfUnits(
    db,
    t.id,
    period.key,
    children.map((c) => c.id),
  );
  const combined = combine(contentOf(t), computed, sentChildren(reports, await unitWeights(db, children)));
  return { values: applyConsolidation(contentOf(t), values, combined), consolidated: true };
}

// ── Writing ────────────────────────────────────────────────────────────

/**
 * Opens the unit's report for a period of the template (or returns the one already open, 200 instead
 * of 201), filled with the system's figures and, above, the children's.
 */
export async function openReport(ctx: AppContext, actor: Actor, input: OpenReportBody): Promise<{ report: ReportDetail; created: boolean }> {
  const t = await visibleTemplate(ctx.db, actor, input.templateId);
  const unit = await repo.findUnit(ctx.db, input.unitId);
  const scope = reportingScopeOf(t);
  const own = await ownReportingUnitIds(ctx.db, actor, scope);
  if (!unit || !(can(actor, 'unit.read', unit.path) || own.has(unit.id))) throw new AppError('NOT_FOUND');
  if (!canWriteReport(actor, own, unit.id, unit.path)) throw new AppError('FORBIDDEN');
  if (!t.is_active) throw invalid('templateId', 'Mẫu báo cáo đã ngừng sử dụng', 'The report template is no longer in use');
  const period = reportPeriod(periodSpecOf(t.period_kind, input));
  if (!isReportedPeriod(period, t.period_indexes)) {
    throw invalid('index', `Mẫu báo cáo này không báo cáo kỳ ${periodLabel(period)}`, `This report template does not report ${periodLabel(period, 'en')}`);
  }
  const planYears = { year_from: t.plan_year_from, year_to: t.plan_year_to };
  if (!coversYear(planYears, period.year)) {
    const text = planYearsText(planYears);
    throw invalid('year', `Kế hoạch của mẫu báo cáo này áp dụng ${text.vi}, không áp dụng cho năm ${period.year}`, `The plan of this report template applies ${text.en}, not in ${period.year}`);
  }
  const due = dueDate(period, dueRuleOf(t));
  const key = periodKey(period);
  if ((await repo.nearestReportingUnit(ctx.db, scope, unit.path))?.id !== unit.id) {
    throw new AppError('REPORT_NOT_REPORTING_UNIT', { unitId: unit.id, templateId: t.id });
  }
  const existing = await repo.findReportFor(ctx.db, t.id, unit.id, key);
  if (existing) return { report: await detailOf(ctx.db, actor, existing.id), created: false };

  const above = await repo.nearestReportingUnit(ctx.db, scope, unit.path, true);
  const recipient = above?.id ?? (t.recipient_unit_id !== unit.id ? t.recipient_unit_id : null);
  const { values, consolidated } = await freshValues(ctx.db, t, unit, { year: period.year, start: period.start, end: period.end, key }, {});
  const { id, created } = await ctx.db.transaction().execute(async (trx) => {
    const res = await repo.insertReport(trx, {
      template_id: t.id,
      unit_id: unit.id,
      recipient_unit_id: recipient,
      year: period.year,
      period_key: key,
      period_start: period.start,
      period_end: period.end,
      due_date: due,
      created_by: actor.userId,
      values,
    });
    if (!res.created) return res;
    if (consolidated) await trx.updateTable('reports').set({ consolidated_at: ctx.now() }).where('id', '=', res.id).execute();
    await writeAudit(trx, auditContextOf(actor), {
      action: 'report.open',
      entity: 'report',
      entityId: res.id,
      unitId: unit.id,
      after: { templateId: t.id, unitId: unit.id, periodKey: key, dueDate: due, recipientUnitId: recipient },
    });
    return res;
  });
  return { report: await detailOf(ctx.db, actor, id), created };
}

type Indicator = TemplateContent['sections'][number]['indicators'][number];
type Refusal = { path: string } & FieldMessage;

/** A figure as the message writes it: a percentage with its sign ("150 %"), else the number. */
const figure = (ind: Indicator, n: number): FieldParam => (ind.kind === 'percent' ? { vi: formatPercent(n, 'vi', 6), en: formatPercent(n, 'en', 6) } : n);

/**
 * Checks one typed value against its indicator; null clears it. A value out of its bounds, of the
 * wrong kind or too long is refused (a Refusal naming the indicator by its label), never corrected.
 */
function checkValue(ind: Indicator, v: unknown): { value: number | boolean | string | null } | { refused: Refusal } {
  const path = `values.${ind.key}`;
  const refuse = (problem: FieldProblem, params: FieldParams = {}) => ({ refused: { path, ...fieldMessage(problem, typedLabel(ind.label), params) } });
  if (v === null) return { value: null };
  switch (ind.kind) {
    case 'number':
    case 'percent': {
      const lo = ind.min ?? 0;
      const hi = ind.max ?? (ind.kind === 'percent' ? 100 : Number.MAX_SAFE_INTEGER);
      if (typeof v !== 'number' || !Number.isFinite(v)) return refuse('not_a_number', { value: String(v) });
      if (v < lo) return refuse('below_min', { min: figure(ind, lo), value: figure(ind, v) });
      if (v > hi) return refuse('above_max', { max: figure(ind, hi), value: figure(ind, v) });
      return { value: v };
    }
    case 'boolean':
      return typeof v === 'boolean' ? { value: v } : refuse('not_yes_no');
    case 'text': {
      if (typeof v !== 'string') return refuse('not_text');
      const t = v.trim();
      if (t.length > TEXT_MAX) return refuse('too_long', { max: TEXT_MAX, actual: t.length });
      return { value: t === '' ? null : t };
    }
  }
}

/** The state guard of writing by the reporting unit: editable, else LOCKED or WRONG_STATUS. */
function requireEditable(r: ReportRow): void {
  if (isEditable(r)) return;
  if (r.status === 'accepted') throw new AppError('REPORT_LOCKED', { status: r.status });
  throw new AppError('REPORT_WRONG_STATUS', { status: r.status });
}

/** Reads the report for a write by its unit: visible (404), writable (403); the row re-read under lock. */
async function forWriter(ctx: AppContext, actor: Actor, id: number): Promise<{ r: ReportRow; t: ReportTemplateRow }> {
  const found = await visibleReport(ctx.db, actor, id);
  if (!found.writer) throw new AppError('FORBIDDEN');
  return found;
}

async function forReviewer(ctx: AppContext, actor: Actor, id: number): Promise<{ r: ReportRow; t: ReportTemplateRow }> {
  const found = await visibleReport(ctx.db, actor, id);
  if (!found.reviewer) throw new AppError('FORBIDDEN');
  return found;
}

async function lockedRow(trx: Executor, id: number): Promise<ReportRow> {
  await repo.lockReport(trx, id);
  return (await repo.findReport(trx, id))!;
}

/** Saves typed figures, narratives, number and signer; a stale revision is refused (REPORT_STALE). */
export async function saveReport(ctx: AppContext, actor: Actor, id: number, input: SaveReportBody): Promise<ReportDetail> {
  const { r, t } = await forWriter(ctx, actor, id);
  const content = contentOf(t);
  const byKey = new Map(indicatorsOf(content).map((i) => [i.key, i]));
  const typed: Record<string, number | boolean | string | null> = {};
  const refused: Refusal[] = [];
  for (const [key, v] of Object.entries(input.values ?? {})) {
    const ind = byKey.get(key);
    if (!ind) {
      refused.push({ path: `values.${key}`, ...fieldMessage('not_in_template', typedLabel(key)) });
      continue;
    }
    const checked = checkValue(ind, v);
    if ('refused' in checked) refused.push(checked.refused);
    else typed[key] = checked.value;
  }
  // The number only: "125/BC-UBND" would print "Số: 125/BC-UBND/BC-UBND".
  if (input.number && !isDocumentNumber(input.number)) throw fieldError('DOCUMENT_NUMBER_INVALID', 'number', { vi: 'Số văn bản', en: 'Document number' });
  const narrativeTitles = new Map(content.narratives.map((n) => [n.key, n.title]));
  for (const [key, text] of Object.entries(input.narratives ?? {})) {
    const title = narrativeTitles.get(key);
    if (title === undefined) refused.push({ path: `narratives.${key}`, ...fieldMessage('not_in_template', typedLabel(key)) });
    else if (text.length > NARRATIVE_MAX) refused.push({ path: `narratives.${key}`, ...fieldMessage('too_long', typedLabel(title), { max: NARRATIVE_MAX, actual: text.length }) });
  }
  // Every refused value of the save is named at once, and nothing of it is written.
  if (refused.length > 0) throw new AppError('VALIDATION_FAILED', undefined, refused);
  requireEditable(r);
  await ctx.db.transaction().execute(async (trx) => {
    const cur = await lockedRow(trx, id);
    if (cur.revision !== input.revision) throw new AppError('REPORT_STALE', { revision: cur.revision });
    requireEditable(cur);
    const values = storedValues(cur.values);
    for (const [key, v] of Object.entries(typed)) values[key] = { ...(values[key] ?? { computed: null, consolidated: null }), typed: v };
    const narratives = { ...((cur.narratives ?? {}) as Record<string, string>), ...(input.narratives ?? {}) };
    await repo.updateReport(trx, id, {
      values,
      narratives,
      ...(input.number !== undefined ? { number: input.number || null } : {}),
      ...(input.signer !== undefined ? { signer: input.signer || null } : {}),
    }, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'report.update',
      entity: 'report',
      entityId: id,
      unitId: cur.unit_id,
      before: { values: cur.values, narratives: cur.narratives, number: cur.number, signer: cur.signer },
      after: { values: typed, narratives: input.narratives ?? {}, number: input.number, signer: input.signer },
    });
  });
  return detailOf(ctx.db, actor, id);
}

/** The report's values with the system's counts of now, and the counted figures that changed. */
async function figuresAtSending(trx: Executor, cur: ReportRow, t: ReportTemplateRow): Promise<{ values: StoredValues; refreshed: OutdatedFigure[] }> {
  const stored = storedValues(cur.values);
  if (!hasSystemFigures(t)) return { values: stored, refreshed: [] };
  const fresh = await computedValues(trx, t, { unitPath: cur.unit_path, year: cur.year, start: cur.period_start, end: cur.period_end });
  return { values: withComputed(t, stored, fresh), refreshed: outdatedFigures(t, stored, fresh) };
}

/**
 * Sends the report to the recipient: the time is kept with its lateness, and the recipient's report
 * goes stale. The system's figures are counted once more as it goes: a report is sent with the counts
 * of the moment it is sent (typed figures kept), and from then on they never change.
 */
export async function submitReport(ctx: AppContext, actor: Actor, id: number): Promise<ReportDetail> {
  const { r, t } = await forWriter(ctx, actor, id);
  requireEditable(r);
  const sent = await ctx.db.transaction().execute(async (trx) => {
    const cur = await lockedRow(trx, id);
    requireEditable(cur);
    const figures = await figuresAtSending(trx, cur, t);
    const now = ctx.now();
    const { daysLate } = timeliness(now, cur.due_date);
    await repo.updateReport(trx, id, {
      ...(figures.refreshed.length > 0 ? { values: figures.values } : {}),
      status: 'submitted',
      submitted_at: now,
      submitted_by: actor.userId,
      days_late: daysLate,
      lock_exception_at: null,
      lock_exception_by: null,
      lock_exception_reason: null,
    }, now);
    const parentId = cur.recipient_unit_id === null ? null : await repo.markStale(trx, cur.template_id, cur.period_key, cur.recipient_unit_id);
    await writeAudit(trx, auditContextOf(actor), {
      action: 'report.submit',
      entity: 'report',
      entityId: id,
      unitId: cur.unit_id,
      before: { status: cur.status },
      after: { status: 'submitted', submittedAt: now.toISOString(), dueDate: cur.due_date, daysLate, staleParentReportId: parentId, figuresRefreshed: figures.refreshed },
    });
    return { cur, daysLate };
  });
  await noticeReportSubmitted(ctx, actor, sent.cur, periodLabels(t.period_kind, sent.cur), sent.daysLate);
  return detailOf(ctx.db, actor, id);
}

/**
 * The unit takes back (rút về) a report it sent that the recipient has not accepted yet, to correct
 * it — typically a parent whose child reported late, which marked its figures stale: recall, refresh,
 * send again. It is a draft again (the new submission is timed afresh) and leaves the recipient's
 * sums, whose report goes stale. An accepted report needs the recipient's lock exception instead.
 */
export async function recallReport(ctx: AppContext, actor: Actor, id: number): Promise<ReportDetail> {
  const { r, t } = await forWriter(ctx, actor, id);
  const guard = (cur: ReportRow) => {
    if (cur.status === 'submitted') return;
    if (cur.status === 'accepted') throw new AppError('REPORT_LOCKED', { status: cur.status });
    throw new AppError('REPORT_WRONG_STATUS', { status: cur.status });
  };
  guard(r);
  const recalled = await ctx.db.transaction().execute(async (trx) => {
    const cur = await lockedRow(trx, id);
    guard(cur);
    await repo.updateReport(trx, id, { status: 'draft', submitted_at: null, submitted_by: null, days_late: null }, ctx.now());
    const parentId = cur.recipient_unit_id === null ? null : await repo.markStale(trx, cur.template_id, cur.period_key, cur.recipient_unit_id);
    await writeAudit(trx, auditContextOf(actor), {
      action: 'report.recall',
      entity: 'report',
      entityId: id,
      unitId: cur.unit_id,
      before: { status: cur.status, submittedAt: iso(cur.submitted_at), daysLate: cur.days_late },
      after: { status: 'draft', staleParentReportId: parentId },
    });
    return cur;
  });
  await noticeReportRecalled(ctx, actor, recalled, periodLabels(t.period_kind, recalled));
  return detailOf(ctx.db, actor, id);
}

/** The recipient sends the report back with a reason; it leaves the recipient's sums. */
export async function returnReport(ctx: AppContext, actor: Actor, id: number, input: ReasonBody): Promise<ReportDetail> {
  return review(ctx, actor, id, 'return', input.reason);
}

/** The recipient accepts the report, which locks it. */
export async function acceptReport(ctx: AppContext, actor: Actor, id: number): Promise<ReportDetail> {
  return review(ctx, actor, id, 'accept', null);
}

/** The recipient opens an accepted report again for the unit to correct, with a reason (audited). */
export async function grantLockException(ctx: AppContext, actor: Actor, id: number, input: ReasonBody): Promise<ReportDetail> {
  return review(ctx, actor, id, 'lock_exception', input.reason);
}

async function review(ctx: AppContext, actor: Actor, id: number, step: 'return' | 'accept' | 'lock_exception', reason: string | null): Promise<ReportDetail> {
  const { r, t } = await forReviewer(ctx, actor, id);
  const guard = (cur: ReportRow) => {
    const ok = step === 'lock_exception' ? cur.status === 'accepted' && cur.lock_exception_at === null : cur.status === 'submitted';
    if (ok) return;
    if (cur.status === 'accepted' && step !== 'lock_exception') throw new AppError('REPORT_LOCKED', { status: cur.status });
    throw new AppError('REPORT_WRONG_STATUS', { status: cur.status });
  };
  guard(r);
  const reviewed = await ctx.db.transaction().execute(async (trx) => {
    const cur = await lockedRow(trx, id);
    guard(cur);
    const now = ctx.now();
    if (step === 'return') {
      await repo.updateReport(trx, id, { status: 'returned', returned_at: now, returned_by: actor.userId, returned_reason: reason }, now);
      if (cur.recipient_unit_id !== null) await repo.markStale(trx, cur.template_id, cur.period_key, cur.recipient_unit_id);
    } else if (step === 'accept') {
      await repo.updateReport(trx, id, { status: 'accepted', accepted_at: now, accepted_by: actor.userId }, now);
    } else {
      await repo.updateReport(trx, id, { lock_exception_at: now, lock_exception_by: actor.userId, lock_exception_reason: reason }, now);
    }
    await writeAudit(trx, auditContextOf(actor), {
      action: `report.${step}`,
      entity: 'report',
      entityId: id,
      unitId: cur.unit_id,
      before: { status: cur.status },
      after: { status: step === 'return' ? 'returned' : 'accepted', reason },
    });
    return cur;
  });
  await noticeReportReviewed(ctx, actor, reviewed, periodLabels(t.period_kind, reviewed), step, reason);
  return detailOf(ctx.db, actor, id);
}

/** Counts the system's figures again and re-combines the children's reports; clears `stale`. */
export async function refreshReport(ctx: AppContext, actor: Actor, id: number): Promise<ReportDetail> {
  const { r, t } = await forWriter(ctx, actor, id);
  requireEditable(r);
  await ctx.db.transaction().execute(async (trx) => {
    const cur = await lockedRow(trx, id);
    requireEditable(cur);
    const period = { year: cur.year, start: cur.period_start, end: cur.period_end, key: cur.period_key };
    const { values, consolidated } = await freshValues(trx, t, { id: cur.unit_id, path: cur.unit_path }, period, storedValues(cur.values));
    const now = ctx.now();
    await repo.updateReport(trx, id, { values, stale: false, ...(consolidated ? { consolidated_at: now } : {}) }, now);
    await writeAudit(trx, auditContextOf(actor), {
      action: 'report.refresh',
      entity: 'report',
      entityId: id,
      unitId: cur.unit_id,
      before: { values: cur.values, stale: cur.stale },
      after: { values, consolidatedAt: consolidated ? now.toISOString() : null },
    });
  });
  return detailOf(ctx.db, actor, id);
}
