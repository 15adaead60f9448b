import { randomBytes } from 'node:crypto';
import type { Executor } from '../src/platform/database.js';
import type { TestUnit } from './factories.js';
import { newPublishedPlan } from './registration-factories.js';

// Report templates and reports straight into the tables, for the board, reminder, calendar and
// document tests (the reports core has its own factories).

const uniq = () => randomBytes(3).toString('hex');

export const officeCultureContent = {
  sections: [
    {
      key: 'dang-ky',
      title: 'Đăng ký và đánh giá',
      indicators: [
        { key: 'donViDangKy', label: 'Số đơn vị đăng ký thi đua', kind: 'number', source: 'units.registered' },
        { key: 'nguoiDangKy', label: 'Số cán bộ, công chức đăng ký', kind: 'number', source: 'people.registered' },
        { key: 'tyLeTuDanhGia', label: 'Tỷ lệ đã tự đánh giá', kind: 'percent' },
      ],
    },
    { key: 'van-hoa', title: 'Văn hóa công sở', indicators: [{ key: 'coQuyChe', label: 'Có quy chế văn hóa công sở', kind: 'boolean' }] },
  ],
  narratives: [
    { key: 'ketQua', title: 'Kết quả đạt được' },
    { key: 'tonTai', title: 'Tồn tại, hạn chế' },
  ],
};

export interface TestTemplate {
  id: number;
  planId: number | null;
  name: string;
}

/** A template of a new published plan of `planUnit`: six-monthly, due 31/5, default reminders. */
export async function newReportTemplate(
  db: Executor,
  planUnit: TestUnit | null,
  opts: {
    name?: string;
    periodKind?: string;
    dueDay?: number;
    dueMonth?: number;
    dueDate?: string;
    reporterKinds?: string[];
    recipientUnit?: TestUnit;
    schedule?: object;
    active?: boolean;
    planStatus?: 'draft' | 'published' | 'closed';
  } = {},
): Promise<TestTemplate> {
  const plan = planUnit ? await newPublishedPlan(db, planUnit, { status: opts.planStatus ?? 'published' }) : null;
  const name = opts.name ?? `Kết quả thực hiện phong trào văn hóa công sở ${uniq()}`;
  const exact = opts.dueDate !== undefined;
  const row = await db
    .insertInto('report_templates')
    .values({
      plan_id: plan?.id ?? null,
      code: `BC${uniq()}`,
      name,
      period_kind: opts.periodKind ?? 'six_months',
      due_day: exact ? null : (opts.dueDay ?? 31),
      due_month: exact ? null : (opts.dueMonth ?? 5),
      due_date: opts.dueDate ?? null,
      recipient_unit_id: opts.recipientUnit?.id ?? planUnit?.id ?? null,
      recipient_text: opts.recipientUnit?.name ?? planUnit?.name ?? null,
      reporter_kinds: opts.reporterKinds ?? [],
      content: JSON.stringify(officeCultureContent),
      ...(opts.schedule ? { reminder_schedule: JSON.stringify(opts.schedule) } : {}),
      is_active: opts.active ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, planId: plan?.id ?? null, name };
}

/** A unit's report for a period (2026-H1 unless told), as the reports core would have stored it. */
export async function newReport(
  db: Executor,
  template: TestTemplate,
  unit: TestUnit,
  opts: {
    periodKey?: string;
    periodStart?: string;
    periodEnd?: string;
    dueDate?: string;
    status?: 'draft' | 'submitted' | 'returned' | 'accepted';
    submittedAt?: string;
    daysLate?: number;
    recipientUnit?: TestUnit;
    values?: Record<string, { typed?: unknown; computed?: unknown }>;
    narratives?: Record<string, string>;
    number?: string;
    signer?: string;
  } = {},
): Promise<{ id: number }> {
  const status = opts.status ?? 'draft';
  return db
    .insertInto('reports')
    .values({
      template_id: template.id,
      unit_id: unit.id,
      recipient_unit_id: opts.recipientUnit?.id ?? null,
      year: Number((opts.periodKey ?? '2026').slice(0, 4)),
      period_key: opts.periodKey ?? '2026-H1',
      period_start: opts.periodStart ?? '2026-01-01',
      period_end: opts.periodEnd ?? '2026-06-30',
      due_date: opts.dueDate ?? '2026-05-31',
      status,
      values: JSON.stringify(opts.values ?? {}),
      narratives: JSON.stringify(opts.narratives ?? {}),
      number: opts.number ?? null,
      signer: opts.signer ?? null,
      submitted_at: status === 'draft' ? null : (opts.submittedAt ?? '2026-05-30T03:00:00Z'),
      days_late: status === 'draft' ? null : (opts.daysLate ?? 0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
