// Request and response schemas of the dashboard capability (tổng hợp): registration rate, assessment
// progress and classification (xếp loại) per level, and the rankings (xếp hạng) of units within a
// block (Khối/Cụm thi đua) and of people within a unit.
import { z } from 'zod';
import { assessmentStages, criterionSubjects } from '../enums.js';
import { blockKinds } from './org.js';
import { idSchema } from './common.js';

const year = z.coerce.number().int().min(1990).max(2100);

export const dashboardQuery = z.object({
  movementId: idSchema,
  year,
  /** The level looked at: the unit and its whole subtree. */
  unitId: idSchema,
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** Ranking of the units of a block (`blockId`) or of the people of a unit's subtree (`unitId`). */
export const rankingsQuery = z
  .object({
    movementId: idSchema,
    year,
    blockId: idSchema.optional(),
    unitId: idSchema.optional(),
  })
  .refine((q) => (q.blockId === undefined) !== (q.unitId === undefined), {
    path: ['blockId'],
    message: 'Chọn đúng một: khối thi đua (blockId) hoặc đơn vị (unitId) / Give exactly one of blockId and unitId',
  });
export type RankingsQuery = z.infer<typeof rankingsQuery>;

const count = z.number().int().min(0);

/** Assessments (đánh giá) by the stage that holds them now. */
export const stageCounts = z.object(Object.fromEntries(assessmentStages.map((s) => [s, count])) as Record<(typeof assessmentStages)[number], typeof count>);
export type StageCounts = z.infer<typeof stageCounts>;

/** The figures of one subject kind (people, or units as collectives) over a set of units. */
export const subjectFigures = z.object({
  /** Who should register: active people, or active units, of the scope. */
  expected: count,
  /** Registered and not withdrawn. */
  registered: count,
  /** registered ÷ expected, 0..1 (null when nobody is expected). */
  rate: z.number().nullable(),
  assessments: stageCounts,
  /** Final assessments per band key (xếp loại); keys follow `bands`. */
  classified: z.record(z.string(), count),
  /** Self-scores above the head's by more than the plan's margin (vượt điểm). */
  overscored: count,
});
export type SubjectFigures = z.infer<typeof subjectFigures>;

export const dashboardFigures = z.object({
  people: subjectFigures,
  units: subjectFigures,
});
export type DashboardFigures = z.infer<typeof dashboardFigures>;

export const dashboardBand = z.object({ key: z.string(), vi: z.string(), en: z.string(), min: z.number() });

export const dashboardRow = dashboardFigures.extend({
  unitId: z.number().int(),
  unitName: z.string(),
  /** The row of the unit's own people and its own registration (not those of its sub-units). */
  own: z.boolean(),
});
export type DashboardRow = z.infer<typeof dashboardRow>;

export const dashboardBlockRow = dashboardFigures.extend({
  blockId: z.number().int(),
  blockName: z.string(),
  kind: z.enum(blockKinds),
  memberCount: count,
});
export type DashboardBlockRow = z.infer<typeof dashboardBlockRow>;

export const dashboardView = z.object({
  movementId: z.number().int(),
  movementName: z.string(),
  year: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  /** The classification bands met in the scope, highest first (labels for `classified`). */
  bands: z.array(dashboardBand),
  total: dashboardFigures,
  /** The unit's own level, then each direct sub-unit with its subtree. */
  children: z.array(dashboardRow),
  /** Blocks of the year organised inside the scope, each over its members' subtrees. */
  blocks: z.array(dashboardBlockRow),
  /** When the figures were read: they are live, not cached. */
  at: z.string(),
});
export type DashboardView = z.infer<typeof dashboardView>;

export const rankingEntry = z.object({
  /** 1 for the best; ties share a rank (1, 1, 3); null for those without a score yet. */
  rank: z.number().int().nullable(),
  assessmentId: z.number().int().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  stage: z.enum(assessmentStages).nullable(),
  selfTotal: z.number().nullable(),
  reviewTotal: z.number().nullable(),
  councilTotal: z.number().nullable(),
  /** council ?? review ?? self. */
  score: z.number().nullable(),
  classification: z.string().nullable(),
  classificationLabel: z.object({ vi: z.string(), en: z.string() }).nullable(),
  /** Not final yet: the rank may still change (tạm xếp). */
  provisional: z.boolean(),
  finalisedAt: z.string().nullable(),
});
export type RankingEntry = z.infer<typeof rankingEntry>;

export const rankingView = z.object({
  subject: z.enum(criterionSubjects),
  movementId: z.number().int(),
  movementName: z.string(),
  year: z.number().int(),
  /** The block ranked, for a ranking of units. */
  blockId: z.number().int().nullable(),
  blockName: z.string().nullable(),
  /** The unit whose people are ranked, for a ranking of people. */
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  items: z.array(rankingEntry),
  /** People ranked in all; the list stops at `limit`. */
  total: count,
  limit: count,
  at: z.string(),
});
export type RankingView = z.infer<typeof rankingView>;

/** The office-culture result of every official of a unit's subtree for the year, for the yearly rating. */
export const yearlyResultsQuery = z.object({ movementId: idSchema, year, unitId: idSchema });
export type YearlyResultsQuery = z.infer<typeof yearlyResultsQuery>;
