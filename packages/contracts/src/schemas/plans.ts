import { z } from 'zod';
import {
  criterionComparedFields,
  criterionComparisonStatuses,
  criterionSubjects,
  deadlinePeriods,
  milestoneKinds,
  movementKinds,
  parentChangeKinds,
  planOperations,
  planStatuses,
} from '../enums.js';
import { isoDate, optionalText } from './common.js';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
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
  /** The version this one replaces, and the newer version that replaces it (phiên bản). */
  supersedesPlanId: z.number().int().nullable(),
  supersededByPlanId: z.number().int().nullable(),
  /**
   * The years the plan applies to (năm áp dụng) as set; null is the movement's first or last year.
   * A registration of a year takes the nearest plan whose years cover it.
   */
  yearFrom: z.number().int().nullable(),
  yearTo: z.number().int().nullable(),
  /** The movement's years, the bounds of the plan's. */
  movementStartYear: z.number().int(),
  movementEndYear: z.number().int(),
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
  /** The same criterion across the plan's versions. */
  key: z.string(),
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

/** One classification band (xếp loại): reached from `min` per cent of the plan's points upwards. */
export const planBand = z.object({
  key: z.string().trim().min(1).max(30).regex(/^[a-z_]+$/, 'Mã chỉ gồm chữ thường không dấu và "_" / lower-case letters and "_" only'),
  vi: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100),
  min: z.number().min(0).max(100),
});
export type PlanBand = z.infer<typeof planBand>;

/**
 * A plan's bands, highest first: keys unique, minimums falling, the last one 0 so that every score
 * has a band. The default is Nghị định 335/2025's (≥ 90, 70, 50, else).
 */
export const classificationBands = z
  .array(planBand)
  .min(2)
  .max(8)
  .refine((bands) => new Set(bands.map((b) => b.key)).size === bands.length, { message: 'Trùng mã mức xếp loại / Duplicate band key' })
  .refine((bands) => bands.every((b, i) => i === 0 || b.min < bands[i - 1]!.min), { message: 'Điểm tối thiểu phải giảm dần từ mức cao nhất / Minimums must fall from the highest band' })
  .refine((bands) => bands[bands.length - 1]?.min === 0, { message: 'Mức thấp nhất phải bắt đầu từ 0 / The lowest band must start at 0' });

export const planDetail = planSummary.extend({
  /** Xếp loại bands of this plan and the margin above which a self-score is flagged. */
  classificationBands: z.array(planBand),
  overscoreMargin: z.number(),
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
  /** Changes the parent plan published since this plan adopted it, not yet accepted or dismissed. */
  parentChanges: z.number().int(),
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
  /** Áp dụng từ năm … đến năm …: inside the movement's years; null (or left out on creation) for its first or last year. */
  yearFrom: year.nullish(),
  yearTo: year.nullish(),
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
    classificationBands,
    overscoreMargin: z.number().min(0).max(100),
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
 * One node of the criteria tree a plan is replaced with. `ref` names the node within this request:
 * the id of one of the plan's criteria (as a string) keeps that criterion — its id, what lower plans
 * adopted from it, its key across versions — while any other key makes a new one. `parentRef`
 * points at an earlier node's ref.
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

// ── Cascade (áp dụng kế hoạch cấp trên), comparison and versions ───────

/** POST /api/plans/:id/adopt: the unit below the issuer that adopts the plan. */
export const adoptPlanBody = z.object({ unitId: z.number().int().positive() });
export type AdoptPlanBody = z.infer<typeof adoptPlanBody>;

/** One side of a compared row: the criterion as one plan holds it. */
export const comparedCriterion = z.object({
  id: z.number().int(),
  code: z.string(),
  text: z.string(),
  maxPoints: z.number().nullable(),
  isVeto: z.boolean(),
});
export type ComparedCriterion = z.infer<typeof comparedCriterion>;

/**
 * One row of a plan beside its parent. `parent` is the parent's criterion, `own` the plan's;
 * an added row has no parent side, a removed one no own side. `changed` lists the fields that
 * differ (also on a dropped row that was edited before being dropped).
 */
export const comparisonRow = z.object({
  key: z.string(),
  status: z.enum(criterionComparisonStatuses),
  depth: z.number().int(),
  changed: z.array(z.enum(criterionComparedFields)),
  droppedReason: z.string().nullable(),
  parent: comparedCriterion.nullable(),
  own: comparedCriterion.nullable(),
});
export type ComparisonRow = z.infer<typeof comparisonRow>;

const statusCounts = z.object({ same: z.number().int(), changed: z.number().int(), added: z.number().int(), dropped: z.number().int(), removed: z.number().int() });

/** GET /api/plans/:id/comparison: rows per subject (tập thể, cá nhân), in the plan's tree order. */
export const planComparison = z.object({
  plan: planSummary,
  /** Null when the plan adopts no other: every row is then the plan's own. */
  parent: planSummary.nullable(),
  collective: z.array(comparisonRow),
  individual: z.array(comparisonRow),
  counts: statusCounts,
});
export type PlanComparison = z.infer<typeof planComparison>;

/**
 * One change a newer version of the parent plan made to a criterion, offered to an adopter.
 * `key` names it in accept/dismiss; `before` is the criterion in the version adopted, `after` in
 * the latest, `own` the adopter's counterpart (what accepting would change).
 */
export const parentChange = z.object({
  key: z.string(),
  kind: z.enum(parentChangeKinds),
  subject: z.enum(criterionSubjects),
  fields: z.array(z.enum(criterionComparedFields)),
  before: comparedCriterion.nullable(),
  after: comparedCriterion.nullable(),
  own: comparedCriterion.nullable(),
});
export type ParentChange = z.infer<typeof parentChange>;

export const planVersionRef = z.object({ id: z.number().int(), version: z.number().int(), title: z.string(), status: z.enum(planStatuses) });

/** GET /api/plans/:id/parent-changes. */
export const parentChanges = z.object({
  planId: z.number().int(),
  /** The parent version this plan adopted, and the latest published one; null when there is none. */
  adopted: planVersionRef.nullable(),
  latest: planVersionRef.nullable(),
  changes: z.array(parentChange),
});
export type ParentChanges = z.infer<typeof parentChanges>;

const changeKeys = z.array(z.string().trim().min(1).max(100)).max(5000);
/** POST /api/plans/:id/parent-changes: which offered changes to take into the plan and which to set aside. */
export const decideParentChangesBody = z
  .object({ accept: changeKeys.default([]), dismiss: changeKeys.default([]) })
  .refine((b) => b.accept.length + b.dismiss.length > 0, {
    path: ['accept'],
    message: 'Chọn ít nhất một thay đổi để áp dụng hoặc bỏ qua / Choose at least one change to accept or dismiss',
  });
export type DecideParentChangesBody = z.infer<typeof decideParentChangesBody>;
