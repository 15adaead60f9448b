import { z } from 'zod';
import { criterionSubjects, deadlinePeriods, milestoneKinds, movementKinds, planOperations, planStatuses } from '../enums.js';
import { isoDate } from './common.js';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();
const year = z.number().int().min(1990).max(2100);

// ── Movements (phong trào thi đua) ─────────────────────────────────────
export const movementView = z.object({
  id: z.number().int(),
  name: z.string(),
  theme: z.string().nullable(),
  kind: z.enum(movementKinds),
  startYear: z.number().int(),
  endYear: z.number().int(),
  ownerUnitId: z.number().int(),
  ownerUnitName: z.string(),
  createdAt: z.string(),
});
export type MovementView = z.infer<typeof movementView>;
export const movementList = z.object({ items: z.array(movementView) });
export type MovementList = z.infer<typeof movementList>;

export const createMovementBody = z
  .object({
    name: trimmed(500),
    theme: optionalText(2000),
    kind: z.enum(movementKinds),
    startYear: year,
    endYear: year,
    ownerUnitId: z.number().int().positive(),
  })
  .refine((m) => m.endYear >= m.startYear, { path: ['endYear'], message: 'Năm kết thúc trước năm bắt đầu / The end year is before the start year' });
export type CreateMovementBody = z.infer<typeof createMovementBody>;

// ── Plans (kế hoạch, chỉ thị, hướng dẫn) ────────────────────────────────
export const planSummary = z.object({
  id: z.number().int(),
  movementId: z.number().int(),
  movementName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  parentPlanId: z.number().int().nullable(),
  documentType: z.string(),
  number: z.string().nullable(),
  code: z.string().nullable(),
  issueDate: z.string().nullable(),
  title: z.string(),
  status: z.enum(planStatuses),
  version: z.number().int(),
  updatedAt: z.string(),
  allowed: z.array(z.enum(planOperations)),
});
export type PlanSummary = z.infer<typeof planSummary>;

/**
 * One criterion (tiêu chí). The tree is sent flat, depth first: a node follows its parent, siblings
 * in `position` order, so the client builds the tree in one pass.
 */
export const criterionView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  subject: z.enum(criterionSubjects),
  code: z.string(),
  text: z.string(),
  maxPoints: z.number().nullable(),
  position: z.number().int(),
  depth: z.number().int(),
  originCriterionId: z.number().int().nullable(),
  droppedReason: z.string().nullable(),
  isVeto: z.boolean(),
  sourceLine: z.number().int().nullable(),
});
export type CriterionView = z.infer<typeof criterionView>;

export const milestoneItem = z.object({
  year,
  date: isoDate.nullable(),
  label: trimmed(2000),
  kind: z.enum(milestoneKinds),
});
export type MilestoneItem = z.infer<typeof milestoneItem>;

export const deadlineItem = z.object({
  day: z.number().int().min(1).max(31),
  month: z.number().int().min(1).max(12),
  year: year.nullable(),
  period: z.enum(deadlinePeriods),
  recipientText: optionalText(1000).transform((v) => v ?? null),
  recipientUnitId: z.number().int().positive().nullable(),
  text: trimmed(4000),
});
export type DeadlineItem = z.infer<typeof deadlineItem>;

// Views carry no transforms: responses are encoded through them.
export const milestoneView = z.object({
  id: z.number().int(),
  year: z.number().int(),
  date: z.string().nullable(),
  label: z.string(),
  kind: z.enum(milestoneKinds),
  sourceLine: z.number().int().nullable(),
});
export const deadlineView = z.object({
  id: z.number().int(),
  day: z.number().int(),
  month: z.number().int(),
  year: z.number().int().nullable(),
  period: z.enum(deadlinePeriods),
  recipientText: z.string().nullable(),
  recipientUnitId: z.number().int().nullable(),
  text: z.string(),
  sourceLine: z.number().int().nullable(),
});

export const planDetail = planSummary.extend({
  signer: z.string().nullable(),
  purposeText: z.string().nullable(),
  criteriaFrozenAt: z.string().nullable(),
  sourceFileName: z.string().nullable(),
  sourceText: z.string().nullable(),
  warnings: z.array(z.string()),
  criteria: z.array(criterionView),
  milestones: z.array(milestoneView),
  deadlines: z.array(deadlineView),
  awardForms: z.array(z.object({ id: z.number().int(), name: z.string() })),
  createdAt: z.string(),
});
export type PlanDetail = z.infer<typeof planDetail>;

export const listPlansQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  movementId: z.coerce.number().int().positive().optional(),
  status: z.enum(planStatuses).optional(),
});
export type ListPlansQuery = z.infer<typeof listPlansQuery>;
export const planList = z.object({ items: z.array(planSummary) });
export type PlanList = z.infer<typeof planList>;

const documentType = z
  .string()
  .trim()
  .min(1)
  .max(10)
  .regex(/^[\p{Lu}]+$/u, 'Mã loại văn bản viết hoa, như KH, CT, HD / An upper-case document code such as KH, CT, HD');

const headerFields = {
  documentType,
  number: optionalText(50),
  code: optionalText(50),
  issueDate: isoDate.nullish(),
  signer: optionalText(300),
  title: trimmed(1000),
  purposeText: optionalText(100_000),
};

export const createPlanBody = z.object({
  movementId: z.number().int().positive(),
  unitId: z.number().int().positive(),
  parentPlanId: z.number().int().positive().nullish(),
  ...headerFields,
  documentType: documentType.default('KH'),
});
export type CreatePlanBody = z.infer<typeof createPlanBody>;

/** Header fields of a draft; lists given here replace the plan's whole list. */
export const updatePlanBody = z
  .object({
    ...headerFields,
    milestones: z.array(milestoneItem).max(200),
    deadlines: z.array(deadlineItem).max(200),
    awardForms: z.array(trimmed(300)).max(100),
  })
  .partial();
export type UpdatePlanBody = z.infer<typeof updatePlanBody>;

/** The fields sent beside the file of POST /api/plans/import. */
export const importPlanFields = z.object({
  movementId: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
});
export type ImportPlanFields = z.infer<typeof importPlanFields>;

/**
 * One node of the criteria tree a draft is replaced with. `ref` names the node within this request
 * (an existing id or any client key); `parentRef` points at an earlier node's ref.
 */
export const criterionInput = z.object({
  ref: trimmed(50),
  parentRef: trimmed(50).nullable(),
  subject: z.enum(criterionSubjects),
  code: trimmed(50),
  text: trimmed(10_000),
  maxPoints: z.number().min(0).max(10_000).nullable(),
  isVeto: z.boolean().default(false),
  droppedReason: optionalText(2000).transform((v) => v ?? null),
  originCriterionId: z.number().int().positive().nullable().default(null),
  sourceLine: z.number().int().positive().nullable().default(null),
});
export type CriterionInput = z.infer<typeof criterionInput>;
export const replaceCriteriaBody = z.object({ criteria: z.array(criterionInput).max(5000) });
export type ReplaceCriteriaBody = z.infer<typeof replaceCriteriaBody>;
