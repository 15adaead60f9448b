// Request and response schemas of periodic reports (báo cáo định kỳ): report templates (mẫu báo cáo)
// and each unit's report for one period.
import { z } from 'zod';
import { indicatorKinds, reportPeriodKinds, unitKinds } from '../enums.js';
import { idSchema, isoDate } from './common.js';

const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới / lower case letters, digits and _');

export const reportStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** One indicator (chỉ tiêu): typed by the unit, filled from the system when it names a source. */
export const indicatorDef = z.object({
  key,
  label: z.string().trim().min(1).max(300),
  kind: z.enum(indicatorKinds),
  /** A key of the server's indicator registry (e.g. 'registrations.people'); checked by the server. */
  source: z.string().trim().min(1).max(120).optional(),
  /** Bounds for numbers: a number is ≥ 0 and a percentage 0..100 unless narrower bounds are given. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type IndicatorDef = z.infer<typeof indicatorDef>;

export const templateContent = z
  .object({
    sections: z.array(z.object({ key, title: z.string().trim().min(1).max(300), indicators: z.array(indicatorDef).max(200) })).max(50),
    /** Narrative sections (kết quả đạt được, tồn tại hạn chế, nguyên nhân, phương hướng, kiến nghị). */
    narratives: z.array(z.object({ key, title: z.string().trim().min(1).max(300) })).max(30),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    const dup = (k: string, path: (string | number)[]) => {
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path, message: `Mã bị trùng: ${k} / Duplicate key: ${k}` });
      seen.add(k);
    };
    c.sections.forEach((s, i) => {
      dup(`section:${s.key}`, ['sections', i, 'key']);
      s.indicators.forEach((ind, j) => {
        dup(ind.key, ['sections', i, 'indicators', j, 'key']);
        if (ind.min !== undefined && ind.max !== undefined && ind.min > ind.max) {
          ctx.addIssue({ code: 'custom', path: ['sections', i, 'indicators', j, 'max'], message: 'max < min' });
        }
      });
    });
    c.narratives.forEach((n, i) => dup(`narrative:${n.key}`, ['narratives', i, 'key']));
  });
export type TemplateContent = z.infer<typeof templateContent>;

export const reminderScheduleSchema = z.object({
  daysBefore: z.array(z.number().int().min(0).max(366)).max(10),
  everyDaysAfter: z.number().int().min(1).max(366).nullable(),
  maxAfter: z.number().int().min(0).max(100),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});

export const templateOperations = ['edit'] as const;

export const reportTemplateView = z.object({
  id: z.number().int(),
  /** Null for a template shipped with the system. */
  planId: z.number().int().nullable(),
  /** The years its plan applies to (null: not limited on that side): it reports those years' periods only. */
  planYearFrom: z.number().int().nullable(),
  planYearTo: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  periodKind: z.enum(reportPeriodKinds),
  /** The halves (1–2), quarters (1–4) or months (1–12) reported; null for all of them. */
  periodIndexes: z.array(z.number().int()).nullable(),
  dueDay: z.number().int().nullable(),
  dueMonth: z.number().int().nullable(),
  dueDate: z.string().nullable(),
  /** Where the plan's own unit sends its report (the units below send to the nearest reporting unit above). */
  recipientUnitId: z.number().int().nullable(),
  recipientUnitName: z.string().nullable(),
  recipientText: z.string().nullable(),
  reporterKinds: z.array(z.enum(unitKinds)),
  content: templateContent,
  reminderSchedule: reminderScheduleSchema,
  documentCode: z.string(),
  isActive: z.boolean(),
  allowed: z.array(z.enum(templateOperations)),
});
export type ReportTemplateView = z.infer<typeof reportTemplateView>;
export const reportTemplateList = z.object({ items: z.array(reportTemplateView) });
export type ReportTemplateList = z.infer<typeof reportTemplateList>;

/** One source of the indicator registry (chỉ tiêu tự động): what a template's indicator may be filled from. */
export const indicatorSourceView = z.object({
  key: z.string(),
  label: z.object({ vi: z.string(), en: z.string() }),
  kind: z.enum(indicatorKinds),
});
export type IndicatorSourceView = z.infer<typeof indicatorSourceView>;
export const indicatorSourceList = z.object({ items: z.array(indicatorSourceView) });
export type IndicatorSourceList = z.infer<typeof indicatorSourceList>;

/**
 * A plan's templates (`planId`); else the system's, and with `unitId` also those of the published
 * plans that cover that unit (issued at or above it), nearest plan first: the reports it must make.
 */
export const listReportTemplatesQuery = z.object({ planId: idSchema.optional(), unitId: idSchema.optional() });
export type ListReportTemplatesQuery = z.infer<typeof listReportTemplatesQuery>;

const templateFields = {
  name: z.string().trim().min(1).max(300),
  periodIndexes: z.array(z.number().int().min(1).max(12)).min(1).max(12).nullable(),
  dueDay: z.number().int().min(1).max(31).nullable(),
  dueMonth: z.number().int().min(1).max(12).nullable(),
  dueDate: isoDate.nullable(),
  recipientUnitId: idSchema.nullable(),
  recipientText: z.string().trim().max(300).nullable(),
  reporterKinds: z.array(z.enum(unitKinds)).max(unitKinds.length),
  content: templateContent,
  reminderSchedule: reminderScheduleSchema,
  documentCode: z.string().trim().regex(/^[\p{Lu}Đ0-9-]{1,20}$/u),
};

/** A plan's own template: given content, else a copy of `copyFromTemplateId`, else of the default. */
export const createReportTemplateBody = z
  .object(templateFields)
  .partial()
  .extend({ planId: idSchema, code: key, periodKind: z.enum(reportPeriodKinds), copyFromTemplateId: idSchema.optional() });
export type CreateReportTemplateBody = z.infer<typeof createReportTemplateBody>;

/** The plan's templates made from its deadlines (hạn báo cáo), one per rhythm and date. */
export const templatesFromPlanBody = z.object({ planId: idSchema });
export type TemplatesFromPlanBody = z.infer<typeof templatesFromPlanBody>;
export const templatesFromPlanResult = z.object({
  created: z.array(reportTemplateView),
  /** Deadlines whose template the plan already had (by code), left as they are. */
  existing: z.number().int(),
});
export type TemplatesFromPlanResult = z.infer<typeof templatesFromPlanResult>;

export const updateReportTemplateBody = z
  .object({ ...templateFields, isActive: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Không có gì để cập nhật / Nothing to update');
export type UpdateReportTemplateBody = z.infer<typeof updateReportTemplateBody>;

// ── Reports ──

export const openReportBody = z.object({
  templateId: idSchema,
  unitId: idSchema,
  year: z.number().int().min(1990).max(2100),
  /** Half (1–2), quarter (1–4) or month (1–12) of the template's period kind. */
  index: z.number().int().optional(),
  /** The dates of a custom period. */
  start: isoDate.optional(),
  end: isoDate.optional(),
});
export type OpenReportBody = z.infer<typeof openReportBody>;

/** A typed value: a number (also a percentage), yes/no, short text, or null for "not given". */
export const typedValue = z.union([z.number(), z.boolean(), z.string(), z.null()]);

/** The longest text of a report's fields: an indicator's short text, a narrative section, its number and signer. */
export const reportLimits = { text: 2000, narrative: 20_000, number: 50, signer: 200 } as const;

export const saveReportBody = z.object({
  revision: z.number().int().min(0),
  values: z.record(z.string(), typedValue).optional(),
  // At most reportLimits.narrative: the service refuses a longer section naming it; this bound only
  // keeps a request's size sane.
  narratives: z.record(z.string(), z.string().max(10 * reportLimits.narrative)).optional(),
  number: z.string().trim().max(reportLimits.number).nullable().optional(),
  signer: z.string().trim().max(reportLimits.signer).nullable().optional(),
});
export type SaveReportBody = z.infer<typeof saveReportBody>;

export const reasonBody = z.object({ reason: z.string().trim().min(1, 'Bắt buộc nhập lý do / A reason is required').max(2000) });
export type ReasonBody = z.infer<typeof reasonBody>;

export const listReportsQuery = z.object({
  templateId: idSchema.optional(),
  periodKey: z.string().trim().max(40).optional(),
  /** The unit and its whole subtree. */
  unitId: idSchema.optional(),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;

export const reportOperations = ['edit', 'submit', 'refresh', 'recall', 'return', 'accept', 'grantLockException'] as const;
export type ReportOperation = (typeof reportOperations)[number];

/** One indicator's figures: what the unit typed, what the system counted, what the children sent. */
export const reportValue = z.object({
  typed: typedValue,
  computed: z.number().nullable(),
  /** For a consolidating report: the children's figures combined (see reports.consolidation.ts). */
  consolidated: z.number().nullable(),
});

export const reportChild = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  /** Null when the unit has not opened its report: it is missing (chưa báo cáo). */
  reportId: z.number().int().nullable(),
  status: z.enum([...reportStatuses, 'missing']),
  submittedAt: z.string().nullable(),
  daysLate: z.number().int().nullable(),
  /** Each indicator's value as the child sent it (typed, else computed). */
  values: z.record(z.string(), typedValue),
  narratives: z.record(z.string(), z.string()),
});
export type ReportChild = z.infer<typeof reportChild>;

export const reportSummary = z.object({
  id: z.number().int(),
  templateId: z.number().int(),
  templateName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  recipientUnitId: z.number().int().nullable(),
  recipientUnitName: z.string().nullable(),
  year: z.number().int(),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  status: z.enum(reportStatuses),
  submittedAt: z.string().nullable(),
  /** Null until submitted; 0 is on time (đúng hạn). */
  daysLate: z.number().int().nullable(),
  /** Submitted by the end of the due date in Vietnam; null until submitted. */
  onTime: z.boolean().nullable(),
  stale: z.boolean(),
  revision: z.number().int(),
  updatedAt: z.string(),
  allowed: z.array(z.enum(reportOperations)),
});
export type ReportSummary = z.infer<typeof reportSummary>;
export const reportList = z.object({ items: z.array(reportSummary) });
export type ReportList = z.infer<typeof reportList>;

export const reportDetail = reportSummary.extend({
  content: templateContent,
  values: z.record(z.string(), reportValue),
  narratives: z.record(z.string(), z.string()),
  /** The running number only (số văn bản); the code comes after it. */
  number: z.string().nullable(),
  signer: z.string().nullable(),
  /** What follows the number in "Số: 125/BC-UBND": the template's type and the unit's code. */
  referenceCode: z.string(),
  /** The signer named in the unit's document settings, printed when the report names none. */
  defaultSigner: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  lockException: z.object({ reason: z.string(), at: z.string() }).nullable(),
  consolidatedAt: z.string().nullable(),
  /**
   * While the report can change (draft, returned, unlocked): the system now counts other figures than
   * those it holds — registrations, assessments or evidence changed since it was opened or refreshed.
   * Refreshing takes the new counts and keeps typed figures; sending takes them too. Always false
   * for a sent or accepted report: its figures are frozen.
   */
  figuresOutdated: z.boolean(),
  /** The counted indicators that differ: the figure stored and what the system counts now. */
  outdatedFigures: z.array(z.object({ key: z.string(), stored: z.number().nullable(), current: z.number().nullable() })),
  /** The reporting units whose nearest reporting unit above is this one, with their reports. */
  children: z.array(reportChild),
});
export type ReportDetail = z.infer<typeof reportDetail>;
