import { randomBytes } from 'node:crypto';
import type { ReportPeriodKind, ReportStatus, TemplateContent, UnitKind } from '@thidua/contracts';
import type { Executor } from '../src/platform/database.js';
import { dueDate, periodFromKey, periodKey, reportPeriod, type DueRule, type ReportPeriod } from '../src/modules/reports/reports.periods.js';
import type { TestUnit } from './factories.js';
import { newPublishedPlan } from './registration-factories.js';
import { TEST_NOW } from '../src/platform/clock.js';

// Factories for report templates (mẫu báo cáo) and reports (báo cáo định kỳ), straight into the
// tables. They build their own rows and never lean on the templates shipped with the system.
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

/** The office-culture content in two sections, for the document, board and reminder tests. */
export const officeCultureContent: TemplateContent = {
  sections: [
    {
      key: 'dang_ky',
      title: 'Đăng ký và đánh giá',
      indicators: [
        { key: 'donViDangKy', label: 'Số đơn vị đăng ký thi đua', kind: 'number', source: 'registrations.units' },
        { key: 'nguoiDangKy', label: 'Số cán bộ, công chức đăng ký', kind: 'number', source: 'registrations.people' },
        { key: 'tyLeTuDanhGia', label: 'Tỷ lệ đã tự đánh giá', kind: 'percent' },
      ],
    },
    { key: 'van_hoa', title: 'Văn hóa công sở', indicators: [{ key: 'coQuyChe', label: 'Có quy chế văn hóa công sở', kind: 'boolean' }] },
  ],
  narratives: [
    { key: 'ketQua', title: 'Kết quả đạt được' },
    { key: 'tonTai', title: 'Tồn tại, hạn chế' },
  ],
};

export interface TestReportTemplate {
  id: number;
  planId: number | null;
  code: string;
  name: string;
  periodKind: ReportPeriodKind;
  due: DueRule;
}

/**
 * A template, yearly due 30/11 or six-monthly due 31/5 (the year unless told). With `planUnit` it
 * belongs to a new published plan of that unit (which is then its recipient), with `planId` to that
 * plan, else it is one of the system's. Reported by provinces, communes, agencies and schools unless
 * told otherwise (an empty list: the plan unit's direct children).
 */
export async function newReportTemplate(
  db: Executor,
  opts: {
    planUnit?: TestUnit | null;
    planStatus?: 'draft' | 'published' | 'closed';
    planId?: number | null;
    name?: string;
    code?: string;
    periodKind?: ReportPeriodKind;
    periodIndexes?: number[] | null;
    due?: DueRule;
    reporterKinds?: UnitKind[];
    content?: TemplateContent;
    recipientUnit?: TestUnit | null;
    schedule?: object;
    active?: boolean;
  } = {},
): Promise<TestReportTemplate> {
  const plan = opts.planUnit ? await newPublishedPlan(db, opts.planUnit, { status: opts.planStatus ?? 'published' }) : null;
  const planId = plan?.id ?? opts.planId ?? null;
  const periodKind = opts.periodKind ?? 'year';
  const due = opts.due ?? (periodKind === 'six_months' ? { day: 31, month: 5 } : { day: 30, month: 11 });
  const code = opts.code ?? `t_${uniq()}`;
  const name = opts.name ?? `Báo cáo ${code}`;
  const recipient = opts.recipientUnit !== undefined ? opts.recipientUnit : (opts.planUnit ?? null);
  const row = await db
    .insertInto('report_templates')
    .values({
      plan_id: planId,
      code,
      name,
      period_kind: periodKind,
      period_indexes: opts.periodIndexes ?? null,
      due_day: 'day' in due ? due.day : null,
      due_month: 'day' in due ? due.month : null,
      due_date: 'date' in due ? due.date : null,
      recipient_unit_id: recipient?.id ?? null,
      recipient_text: recipient?.name ?? null,
      reporter_kinds: opts.reporterKinds ?? ['province', 'commune', 'agency', 'school'],
      content: JSON.stringify(opts.content ?? smallTemplateContent),
      ...(opts.schedule ? { reminder_schedule: JSON.stringify(opts.schedule) } : {}),
      is_active: opts.active ?? true,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, planId, code, name, periodKind, due };
}

/** One indicator's stored figures, as the reports core keeps them. */
export type StoredFigures = Record<string, { typed?: unknown; computed?: unknown; consolidated?: unknown }>;

/**
 * A report of `unit` for a period of `template` — `periodKey`, else the year (or its first half) of
 * `year`, 2026 by default — at `status`, due as the template says unless `dueDate` is given, with
 * typed `values` or whole `stored` figures. A report sent or returned was submitted at `submittedAt`
 * (now by default), `daysLate` days late (0).
 */
export async function newReport(
  db: Executor,
  opts: {
    template: TestReportTemplate;
    unit: TestUnit;
    year?: number;
    periodKey?: string;
    dueDate?: string;
    recipient?: TestUnit | null;
    status?: ReportStatus;
    values?: Record<string, number | boolean | string | null>;
    stored?: StoredFigures;
    narratives?: Record<string, string>;
    number?: string;
    signer?: string;
    submittedAt?: Date | string;
    daysLate?: number;
  },
): Promise<{ id: number; periodKey: string; dueDate: string }> {
  const { template } = opts;
  const year = opts.year ?? 2026;
  const period: ReportPeriod = opts.periodKey
    ? periodFromKey(template.periodKind, opts.periodKey)
    : reportPeriod(template.periodKind === 'six_months' ? { kind: 'six_months', year, index: 1 } : { kind: 'year', year });
  const due = opts.dueDate ?? dueDate(period, template.due);
  const status = opts.status ?? 'draft';
  const sent = status !== 'draft';
  const typed = Object.fromEntries(Object.entries(opts.values ?? {}).map(([k, v]) => [k, { typed: v, computed: null, consolidated: null }]));
  const row = await db
    .insertInto('reports')
    .values({
      template_id: template.id,
      unit_id: opts.unit.id,
      recipient_unit_id: opts.recipient?.id ?? null,
      year: period.year,
      period_key: periodKey(period),
      period_start: period.start,
      period_end: period.end,
      due_date: due,
      status,
      values: JSON.stringify({ ...(opts.stored ?? {}), ...typed }),
      narratives: JSON.stringify(opts.narratives ?? {}),
      number: opts.number ?? null,
      signer: opts.signer ?? null,
      submitted_at: sent ? new Date(opts.submittedAt ?? TEST_NOW) : null,
      days_late: sent ? (opts.daysLate ?? 0) : null,
      accepted_at: status === 'accepted' ? new Date(opts.submittedAt ?? TEST_NOW) : null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, periodKey: periodKey(period), dueDate: due };
}
