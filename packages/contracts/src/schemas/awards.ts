// Request and response schemas of commendation (khen thưởng): a person's record of achievements
// (hồ sơ thành tích) and the eligibility of a title or award (xét điều kiện).
import { z } from 'zod';
import { awardCodes, commendationKinds, initiativeLevels, ratings } from '../awards.js';
import { disciplineForms } from '../enums.js';
import { isoDate, optionalText } from './common.js';

const year = z.number().int().min(1990, 'Năm từ 1990 / From 1990').max(2100, 'Năm đến 2100 / Up to 2100');
const reasonText = z.string().trim().min(1, 'Bắt buộc nhập lý do / A reason is required').max(2000);

export const grantedAwardView = z.object({
  id: z.number().int(),
  year: z.number().int(),
  awardCode: z.enum(awardCodes),
  kind: z.enum(commendationKinds),
  decisionNumber: z.string().nullable(),
  decidedOn: z.string().nullable(),
  /** The bonus paid, when a decision of the system wrote it (đồng). */
  bonusAmount: z.number().int().nullable(),
  /** Set when an award it relied on was revoked and its conditions are no longer met: look at it again. */
  reviewNote: z.string().nullable(),
});
export type GrantedAwardView = z.infer<typeof grantedAwardView>;

export const initiativeView = z.object({
  id: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  level: z.enum(initiativeLevels),
  decisionNumber: z.string().nullable(),
});
export type InitiativeView = z.infer<typeof initiativeView>;

/** One year of the record: what eligibility looks back on. */
export const recordYear = z.object({
  year: z.number().int(),
  rating: z.enum(ratings).nullable(),
  granted: z.array(grantedAwardView),
  initiatives: z.array(initiativeView),
  /** The heaviest discipline decided in the year, not revoked. */
  discipline: z.object({ form: z.enum(disciplineForms), decidedOn: z.string() }).nullable(),
});
export type RecordYear = z.infer<typeof recordYear>;

export const personRecord = z.object({
  personId: z.number().int(),
  personName: z.string(),
  unitName: z.string(),
  /** Newest year first. */
  years: z.array(recordYear),
  allowed: z.array(z.enum(['write'])),
});
export type PersonRecord = z.infer<typeof personRecord>;

export const personYearParams = z.object({ id: z.coerce.number().int().positive(), year: z.coerce.number().int().min(1990).max(2100) });

export const setRatingBody = z.object({ rating: z.enum(ratings).nullable() });
export type SetRatingBody = z.input<typeof setRatingBody>;

export const grantAwardBody = z.object({
  year,
  awardCode: z.enum(awardCodes),
  kind: z.enum(commendationKinds).default('cong_trang'),
  decisionNumber: optionalText(100),
  decidedOn: isoDate.nullish(),
});
export type GrantAwardBody = z.input<typeof grantAwardBody>;

export const addInitiativeBody = z.object({
  year,
  title: z.string().trim().min(1, 'Bắt buộc nhập tên sáng kiến / The initiative’s title is required').max(500),
  level: z.enum(initiativeLevels),
  decisionNumber: optionalText(100),
});
export type AddInitiativeBody = z.input<typeof addInitiativeBody>;

export const revokeRecordBody = z.object({ reason: reasonText });
export type RevokeRecordBody = z.input<typeof revokeRecordBody>;

export const eligibilityQuery = z.object({
  award: z.enum(awardCodes),
  year: z.coerce.number().int().min(1990).max(2100),
  /** The proposal's date; today (Vietnam) when not given. */
  proposedOn: isoDate.optional(),
});
export type EligibilityQuery = z.input<typeof eligibilityQuery>;

export const eligibilityView = z.object({
  award: z.enum(awardCodes),
  awardName: z.string(),
  subject: z.enum(['individual', 'collective']),
  year: z.number().int(),
  eligible: z.boolean(),
  conditions: z.array(
    z.object({
      text: z.string(),
      met: z.boolean(),
      fact: z.string(),
      citation: z.string().nullable(),
      sure: z.enum(['ok', 'partial', 'unconfirmed']).nullable(),
    }),
  ),
  rule: z.object({ citation: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable() }),
  bonus: z.object({ coefficient: z.number(), baseSalary: z.number().int(), amount: z.number().int(), decidedOn: z.string(), citation: z.string() }),
});
export type EligibilityView = z.infer<typeof eligibilityView>;
