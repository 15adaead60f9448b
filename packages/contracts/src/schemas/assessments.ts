// Request and response schemas of the assessments capability (đánh giá, chấm điểm) and of the
// discipline records (kỷ luật) that cap a classification.
import { z } from 'zod';
import { assessmentStages, classificationCaps, criterionSubjects, disciplineForms } from '../enums.js';
import { idSchema, isoDate, optionalText, paged, pageQuery } from './common.js';

const year = z.number().int().min(1990).max(2100);
const reasonText = z.string().trim().min(1, 'Bắt buộc nhập lý do / A reason is required').max(2000);

/** What the actor may do with one assessment now: the buttons the sheet shows. */
export const assessmentOperations = [
  'scores', // save scores in the current stage's column
  'submit', // self → review, review → council
  'return', // review → self; council → review or self (trả lại, with a reason)
  'finalise', // council: classify and lock (hoàn tất)
  'reopen', // council: unlock a final assessment (a recorded exception)
  'discipline', // record a discipline (kỷ luật) for the assessed person
] as const;
export type AssessmentOperation = (typeof assessmentOperations)[number];

/** The lists: my own sheets, those waiting for my score as head, the council's queue, all I may see. */
export const assessmentListViews = ['mine', 'review', 'council', 'all'] as const;
export type AssessmentListView = (typeof assessmentListViews)[number];

/** A classification band (xếp loại) of a plan: reached at `min` per cent of the maximum or of criteria met. */
export const classificationBand = z.object({ key: z.string(), vi: z.string(), en: z.string(), min: z.number() });
export type ClassificationBand = z.infer<typeof classificationBand>;

const label = z.object({ vi: z.string(), en: z.string() });

// ── Requests ───────────────────────────────────────────────────────────

/** Opens (or returns) the assessment of a registered subject: a person, or a unit as a collective. */
export const openAssessmentBody = z
  .object({
    movementId: z.number().int().positive(),
    year,
    personId: z.number().int().positive().optional(),
    unitId: z.number().int().positive().optional(),
  })
  .refine((b) => (b.personId === undefined) !== (b.unitId === undefined), {
    path: ['personId'],
    message: 'Chọn đúng một: cá nhân (personId) hoặc tập thể (unitId) / Give exactly one of personId and unitId',
  });
export type OpenAssessmentBody = z.infer<typeof openAssessmentBody>;

/**
 * One criterion's score at the current stage. `points` for a criterion with max points, `met` for
 * one without; null clears the value, an absent field leaves it as it is.
 */
export const assessmentScoreInput = z.object({
  criterionId: z.number().int().positive(),
  points: z.number().nullable().optional(),
  met: z.boolean().nullable().optional(),
  // At most NOTE_MAX (2,000) characters: the service refuses a longer note naming its criterion;
  // this bound only keeps a request's size sane.
  note: optionalText(100_000),
});
export type AssessmentScoreInput = z.input<typeof assessmentScoreInput>;

export const saveScoresBody = z.object({
  /** The revision the client last read: a stale one answers 409 ASSESSMENT_STALE. */
  revision: z.number().int().min(0),
  scores: z.array(assessmentScoreInput).min(1).max(2000),
});
export type SaveScoresBody = z.input<typeof saveScoresBody>;

export const returnAssessmentBody = z.object({
  reason: reasonText,
  /** From the council: back to the head (review, the default) or to the subject (self). */
  to: z.enum(['self', 'review']).optional(),
});
export type ReturnAssessmentBody = z.input<typeof returnAssessmentBody>;

export const finaliseAssessmentBody = z
  .object({
    /** Why a collective is finalised before all its members and sub-units are final. */
    overrideReason: optionalText(2000),
  })
  .optional();
export type FinaliseAssessmentBody = z.input<typeof finaliseAssessmentBody>;

export const reopenAssessmentBody = z.object({ reason: reasonText });
export type ReopenAssessmentBody = z.input<typeof reopenAssessmentBody>;

export const listAssessmentsQuery = pageQuery.extend({
  view: z.enum(assessmentListViews).default('mine'),
  movementId: idSchema.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  /** The unit and its whole subtree. */
  unitId: idSchema.optional(),
  stage: z.enum(assessmentStages).optional(),
  classification: z.string().trim().min(1).max(50).optional(),
  /** Only those whose self-score exceeds the head's by more than the plan's margin. */
  flagged: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Name of the person or unit, with or without diacritics. */
  q: z.string().trim().max(200).optional(),
});
export type ListAssessmentsQuery = z.input<typeof listAssessmentsQuery>;

// ── Responses ──────────────────────────────────────────────────────────

export const assessmentSummary = z.object({
  id: z.number().int(),
  subject: z.enum(criterionSubjects),
  movementId: z.number().int(),
  movementName: z.string(),
  year: z.number().int(),
  planId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  stage: z.enum(assessmentStages),
  /** Totals per stage; null where nothing is scored yet or the actor may not see that stage. */
  selfTotal: z.number().nullable(),
  reviewTotal: z.number().nullable(),
  councilTotal: z.number().nullable(),
  classification: z.string().nullable(),
  classificationLabel: label.nullable(),
  cappedBy: z.enum(classificationCaps).nullable(),
  capReason: z.string().nullable(),
  overscoreFlag: z.boolean(),
  updatedAt: z.string(),
  allowed: z.array(z.enum(assessmentOperations)),
});
export type AssessmentSummary = z.infer<typeof assessmentSummary>;

export const assessmentScoreView = z.object({
  points: z.number().nullable(),
  met: z.boolean().nullable(),
  note: z.string().nullable(),
});
export type AssessmentScoreView = z.infer<typeof assessmentScoreView>;

/**
 * One criterion of the plan, depth first as in the plan. Leaves are scored; a parent shows the sum
 * of its children. A stage's score is null when not given or not visible to the actor.
 */
export const assessmentCriterionView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  text: z.string(),
  depth: z.number().int(),
  maxPoints: z.number().nullable(),
  isVeto: z.boolean(),
  leaf: z.boolean(),
  self: assessmentScoreView.nullable(),
  review: assessmentScoreView.nullable(),
  council: assessmentScoreView.nullable(),
});
export type AssessmentCriterionView = z.infer<typeof assessmentCriterionView>;

export const disciplineView = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  form: z.enum(disciplineForms),
  decidedOn: z.string(),
  decisionNumber: z.string().nullable(),
  reason: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  allowed: z.array(z.enum(['revoke'])),
});
export type DisciplineView = z.infer<typeof disciplineView>;
export const disciplineList = z.object({ items: z.array(disciplineView) });
export type DisciplineList = z.infer<typeof disciplineList>;

export const assessmentDetail = assessmentSummary.extend({
  planTitle: z.string(),
  titleCode: z.string().nullable(),
  titleName: z.string().nullable(),
  revision: z.number().int(),
  /** Sum of the scored criteria's max points; null for a plan without points. */
  maxTotal: z.number().nullable(),
  bands: z.array(classificationBand),
  overscoreMargin: z.number(),
  /** Criteria without points: how many are met out of how many (latest stage). */
  metCount: z.number().int().nullable(),
  criteriaCount: z.number().int().nullable(),
  /** The stages whose columns the actor sees. */
  visibleStages: z.array(z.enum(['self', 'review', 'council'])),
  criteria: z.array(assessmentCriterionView),
  returned: z
    .object({ reason: z.string(), from: z.enum(['review', 'council', 'final']), byName: z.string().nullable(), at: z.string() })
    .nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  finalisedAt: z.string().nullable(),
  finalisedByName: z.string().nullable(),
  overrideReason: z.string().nullable(),
  /** For a collective: its members' and sub-units' assessments, and how many are not final yet. */
  dependants: z.object({ total: z.number().int(), notFinal: z.number().int() }).nullable(),
  /** Discipline of the assessed person decided in the assessment's year (revoked ones included). */
  disciplines: z.array(disciplineView),
});
export type AssessmentDetail = z.infer<typeof assessmentDetail>;

export const assessmentsPage = paged(assessmentSummary);
export type AssessmentsPage = z.infer<typeof assessmentsPage>;

// ── Disciplines (kỷ luật) ──────────────────────────────────────────────

export const createDisciplineBody = z.object({
  personId: z.number().int().positive(),
  form: z.enum(disciplineForms),
  decidedOn: isoDate,
  decisionNumber: optionalText(100),
  reason: reasonText,
});
export type CreateDisciplineBody = z.input<typeof createDisciplineBody>;

export const revokeDisciplineBody = z.object({ reason: reasonText });
export type RevokeDisciplineBody = z.input<typeof revokeDisciplineBody>;

export const listDisciplinesQuery = z.object({ personId: idSchema });
