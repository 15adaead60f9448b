import { z } from 'zod';

// The reporting-rate board (bảng theo dõi tình hình nộp báo cáo) and the "remind them" (đôn đốc)
// action. The reports core (schemas/reports.ts) carries the reports themselves.

/** A period key of reports.periods.ts: 2026-H1, 2026-Y, 2026-Q2, 2026-M05, or 2026-01-01_2026-03-31. */
export const boardPeriodKey = z
  .string()
  .trim()
  .regex(/^(\d{4}-(Y|H[12]|Q[1-4]|M(0[1-9]|1[0-2]))|\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2})$/, {
    message: 'Kỳ báo cáo không hợp lệ (ví dụ 2026-H1, 2026-Y) / Not a valid period (e.g. 2026-H1, 2026-Y)',
  });

export const reportBoardQuery = z.object({
  templateId: z.coerce.number().int().positive(),
  periodKey: boardPeriodKey,
  unitId: z.coerce.number().int().positive(),
  /** Only the units of this emulation block (cụm, khối thi đua). */
  blockId: z.coerce.number().int().positive().optional(),
});
export type ReportBoardQuery = z.infer<typeof reportBoardQuery>;

export const reportBoardStatuses = ['missing', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportBoardStatus = (typeof reportBoardStatuses)[number];

export const reportBoardContact = z.object({
  userId: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  /** unit_officer (cán bộ thi đua) or unit_head (thủ trưởng). */
  role: z.enum(['unit_officer', 'unit_head']),
});

export const reportBoardUnit = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  unitKind: z.string(),
  reportId: z.number().int().nullable(),
  /** missing = nothing submitted yet (no report, or a draft). */
  status: z.enum(reportBoardStatuses),
  submittedAt: z.string().nullable(),
  /** Days late at the last submission; 0 when on time, null when not submitted. */
  daysLate: z.number().int().nullable(),
  onTime: z.boolean().nullable(),
  contacts: z.array(reportBoardContact),
});
export type ReportBoardUnit = z.infer<typeof reportBoardUnit>;

export const reportBoardCounts = z.object({
  expected: z.number().int(),
  /** Submitted at least once and not returned now: submitted or accepted. */
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  /** Not submitted: no report, a draft, or returned and not yet resubmitted. */
  missing: z.number().int(),
  returned: z.number().int(),
  accepted: z.number().int(),
});
export type ReportBoardCounts = z.infer<typeof reportBoardCounts>;

export const reportBoard = z.object({
  template: z.object({ id: z.number().int(), name: z.string(), periodKind: z.string() }),
  period: z.object({ key: z.string(), label: z.string(), start: z.string(), end: z.string() }),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  block: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /**
   * The blocks (cụm, khối thi đua) of the period's year with at least one member among the units
   * expected to report here: the choices of the block filter.
   */
  blocks: z.array(z.object({ id: z.number().int(), name: z.string() })),
  dueDate: z.string(),
  /** "On time" in words, e.g. "Đúng hạn: nộp trước hoặc trong ngày hạn 31/05/2026 (giờ Việt Nam)". */
  onTimeRule: z.string(),
  onTimeRuleEn: z.string(),
  /** How the expected units were chosen, in words. */
  expectedRule: z.string(),
  counts: reportBoardCounts,
  units: z.array(reportBoardUnit),
  missing: z.array(reportBoardUnit),
  /** Whether the actor may press "remind them" (đôn đốc). */
  canRemind: z.boolean(),
});
export type ReportBoard = z.infer<typeof reportBoard>;

export const reportRemindBody = z.object({
  templateId: z.number().int().positive(),
  periodKey: boardPeriodKey,
  unitIds: z.array(z.number().int().positive()).min(1).max(500),
});
export type ReportRemindBody = z.infer<typeof reportRemindBody>;

export const reportRemindResult = z.object({
  /** Units whose officers and heads were queued a reminder now. */
  reminded: z.array(z.object({ unitId: z.number().int(), recipients: z.number().int() })),
  /** Units skipped: already submitted, or with no officer or head to write to. */
  skipped: z.array(z.object({ unitId: z.number().int(), reason: z.enum(['submitted', 'no_recipient']) })),
});
export type ReportRemindResult = z.infer<typeof reportRemindResult>;
