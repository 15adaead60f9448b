import { randomBytes } from 'node:crypto';
import type { ReportStatus, TemplateContent, UnitKind } from '@thidua/contracts';
import type { Executor } from '../src/platform/database.js';
import { dueDate, periodKey, reportPeriod, type PeriodSpec } from '../src/modules/reports/reports.periods.js';
import type { TestUnit } from './factories.js';

// Factories for report templates (mẫu báo cáo) and reports (báo cáo định kỳ). They build their own
// rows and never lean on the templates shipped with the system.
const uniq = () => randomBytes(4).toString('hex');

/** A small template: two numbers (one counted by the system), a percentage, yes/no, text, two narratives. */
export const smallTemplateContent: TemplateContent = {
  sections: [
    {
      key: 'figures',
      title: 'Số liệu',
      indicators: [
        { key: 'people_registered', label: 'Số cá nhân đăng ký thi đua', kind: 'number', source: 'registrations.people' },
        { key: 'events', label: 'Số cuộc tuyên truyền, hội nghị', kind: 'number' },
        { key: 'posted_rate', label: 'Tỷ lệ cơ quan niêm yết quy tắc ứng xử', kind: 'percent' },
        { key: 'has_rules', label: 'Có xây dựng quy chế văn hóa công sở', kind: 'boolean' },
        { key: 'note', label: 'Ghi chú', kind: 'text' },
      ],
    },
  ],
  narratives: [
    { key: 'results', title: 'Kết quả đạt được' },
    { key: 'shortcomings', title: 'Tồn tại, hạn chế' },
  ],
};

export interface TestReportTemplate {
  id: number;
  planId: number | null;
  code: string;
  periodKind: 'six_months' | 'year';
}

/**
 * A template of `planId` (null: one of the system's), six-monthly due 31/5 or yearly due 30/11,
 * reported by communes and agencies (and the plan's issuing unit) unless told otherwise.
 */
export async function newReportTemplate(
  db: Executor,
  opts: {
    planId?: number | null;
    periodKind?: 'six_months' | 'year';
    reporterKinds?: UnitKind[];
    content?: TemplateContent;
    recipientUnitId?: number | null;
    code?: string;
    due?: { day: number; month: number };
  } = {},
): Promise<TestReportTemplate> {
  const periodKind = opts.periodKind ?? 'year';
  const due = opts.due ?? (periodKind === 'year' ? { day: 30, month: 11 } : { day: 31, month: 5 });
  const code = opts.code ?? `t_${uniq()}`;
  const row = await db
    .insertInto('report_templates')
    .values({
      plan_id: opts.planId ?? null,
      code,
      name: `Báo cáo ${code}`,
      period_kind: periodKind,
      due_day: due.day,
      due_month: due.month,
      due_date: null,
      recipient_unit_id: opts.recipientUnitId ?? null,
      recipient_text: null,
      reporter_kinds: opts.reporterKinds ?? ['province', 'commune', 'agency', 'school'],
      content: JSON.stringify(opts.content ?? smallTemplateContent),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, planId: opts.planId ?? null, code, periodKind };
}

/**
 * A report of `unit` for a period of `template` (the first half or the year of `year`), at `status`,
 * with the given typed values; the recipient is `recipient` when given.
 */
export async function newReport(
  db: Executor,
  opts: {
    template: TestReportTemplate;
    unit: TestUnit;
    year?: number;
    recipient?: TestUnit | null;
    status?: ReportStatus;
    values?: Record<string, number | boolean | string | null>;
    submittedAt?: Date;
    daysLate?: number;
  },
): Promise<{ id: number; periodKey: string; dueDate: string }> {
  const year = opts.year ?? 2026;
  const spec: PeriodSpec = opts.template.periodKind === 'year' ? { kind: 'year', year } : { kind: 'six_months', year, index: 1 };
  const period = reportPeriod(spec);
  const due = dueDate(period, opts.template.periodKind === 'year' ? { day: 30, month: 11 } : { day: 31, month: 5 });
  const status = opts.status ?? 'draft';
  const sent = status === 'submitted' || status === 'accepted';
  const values = Object.fromEntries(Object.entries(opts.values ?? {}).map(([k, v]) => [k, { typed: v, computed: null, consolidated: null }]));
  const row = await db
    .insertInto('reports')
    .values({
      template_id: opts.template.id,
      unit_id: opts.unit.id,
      recipient_unit_id: opts.recipient?.id ?? null,
      year,
      period_key: periodKey(period),
      period_start: period.start,
      period_end: period.end,
      due_date: due,
      status,
      values: JSON.stringify(values),
      submitted_at: sent ? (opts.submittedAt ?? new Date()) : null,
      days_late: sent ? (opts.daysLate ?? 0) : null,
      accepted_at: status === 'accepted' ? new Date() : null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, periodKey: periodKey(period), dueDate: due };
}
