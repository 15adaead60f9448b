// Request and response schemas of the commendation flow in a unit: the round of bình xét, its
// nominees, the council's secret ballot and the decision (quyết định khen thưởng).
import { z } from 'zod';
import { awardCodes, ballotChoices, nominationStatuses, roundKinds, roundStatuses } from '../awards.js';
import { isoDate, optionalText } from './common.js';

const reasonText = z.string().trim().min(1, 'Bắt buộc nhập lý do / A reason is required').max(2000);

export const openRoundBody = z.object({
  unitId: z.number().int().positive(),
  year: z.number().int().min(1990, 'Năm từ 1990 / From 1990').max(2100, 'Năm đến 2100 / Up to 2100'),
  kind: z.enum(roundKinds).default('cong_trang'),
  name: optionalText(300),
  /** CSTĐ cơ sở at most this share (%) of those at Lao động tiên tiến; null: no quota. */
  quotaPercent: z.number().gt(0, 'Tỷ lệ phải lớn hơn 0 / The share must be above 0').max(100, 'Tỷ lệ tối đa 100 % / At most 100 %').nullable().default(15),
});
export type OpenRoundBody = z.input<typeof openRoundBody>;

export const nominationCondition = z.object({ text: z.string(), met: z.boolean(), fact: z.string(), citation: z.string().nullable() });

export const nominationView = z.object({
  id: z.number().int(),
  subject: z.enum(['individual', 'collective']),
  personId: z.number().int().nullable(),
  unitId: z.number().int(),
  name: z.string(),
  position: z.string().nullable(),
  unitName: z.string(),
  awardCode: z.enum(awardCodes).nullable(),
  status: z.enum(nominationStatuses),
  /** Why the system proposed this, or why the nominee falls short, in a sentence. */
  reason: z.string(),
  reasonEn: z.string(),
  conditions: z.array(nominationCondition),
  note: z.string().nullable(),
  /** The office-culture score of the year's final assessment, when there is one. */
  score: z.number().nullable(),
  /** Shown once the vote has closed. */
  votes: z.object({ yes: z.number().int(), no: z.number().int(), needed: z.number().int(), approved: z.boolean() }).nullable(),
  bonus: z.number().int().nullable(),
});
export type NominationView = z.infer<typeof nominationView>;

export const roundAllowed = z.enum(['manage', 'vote', 'decide']);
export type RoundAllowed = z.infer<typeof roundAllowed>;

export const decisionView = z.object({
  id: z.number().int(),
  number: z.number().int(),
  code: z.string(),
  reference: z.string(),
  signedOn: z.string(),
  signerName: z.string(),
  signerTitle: z.string(),
  bonusTotal: z.number().int(),
});
export type DecisionView = z.infer<typeof decisionView>;

export const roundSummary = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  year: z.number().int(),
  kind: z.enum(roundKinds),
  name: z.string(),
  status: z.enum(roundStatuses),
  proposed: z.number().int(),
  createdAt: z.string(),
});
export type RoundSummary = z.infer<typeof roundSummary>;

export const roundView = roundSummary.extend({
  proposedOn: z.string(),
  quotaPercent: z.number().nullable(),
  /** The rules judged by: "Nghị định 152/2025/NĐ-CP". */
  ruleBasis: z.string(),
  nominations: z.array(nominationView),
  vote: z
    .object({
      members: z.number().int(),
      voted: z.number().int(),
      /** Whether the signed-in user sits on the council of this vote, and has voted. */
      isMember: z.boolean(),
      hasVoted: z.boolean(),
      quorum: z.number().int(),
    })
    .nullable(),
  decision: decisionView.nullable(),
  /** Who signs, from the unit's document settings: the decision form starts from it. */
  signer: z.object({ name: z.string(), title: z.string() }).nullable(),
  allowed: z.array(roundAllowed),
});
export type RoundView = z.infer<typeof roundView>;

export const roundList = z.object({
  items: z.array(roundSummary),
  /** Units where the actor may open a round. */
  canOpenAt: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type RoundList = z.infer<typeof roundList>;

export const roundListQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });

/** The council's change to a nominee: another award, taken off (with the reason), or put back. */
export const adjustNominationBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('award'), awardCode: z.enum(awardCodes) }),
  z.object({ action: z.literal('exclude'), reason: reasonText }),
  z.object({ action: z.literal('restore') }),
]);
export type AdjustNominationBody = z.input<typeof adjustNominationBody>;

export const roundNominationParams = z.object({ id: z.coerce.number().int().positive(), nominationId: z.coerce.number().int().positive() });

/** One ballot: an answer for every nominee on the list. */
export const castBallotBody = z.object({
  choices: z.array(z.object({ nominationId: z.number().int().positive(), choice: z.enum(ballotChoices) })).min(1, 'Phiếu chưa có ý kiến nào / The ballot is empty'),
});
export type CastBallotBody = z.input<typeof castBallotBody>;

export const issueDecisionBody = z.object({
  number: z.number().int().positive('Số quyết định phải lớn hơn 0 / The number must be above 0').max(999_999),
  signedOn: isoDate,
  signerName: z.string().trim().min(1, 'Bắt buộc nhập người ký / The signer is required').max(200),
  signerTitle: optionalText(200),
});
export type IssueDecisionBody = z.input<typeof issueDecisionBody>;

// ── The unit's fund (quỹ thi đua, khen thưởng) ──

export const fundEntryKinds = ['income', 'payment'] as const;
export type FundEntryKind = (typeof fundEntryKinds)[number];

export const fundEntryView = z.object({
  id: z.number().int(),
  entryDate: z.string(),
  kind: z.enum(fundEntryKinds),
  amount: z.number().int(),
  description: z.string(),
  /** The round whose decision paid it, for a link. */
  roundId: z.number().int().nullable(),
  /** The balance after this entry. */
  balance: z.number().int(),
});
export type FundEntryView = z.infer<typeof fundEntryView>;

export const fundLedger = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  year: z.number().int(),
  /** Carried from the years before. */
  opening: z.number().int(),
  income: z.number().int(),
  payments: z.number().int(),
  closing: z.number().int(),
  entries: z.array(fundEntryView),
  allowed: z.array(z.enum(['write'])),
});
export type FundLedger = z.infer<typeof fundLedger>;

export const fundQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100) });

export const addFundEntryBody = z.object({
  entryDate: isoDate,
  kind: z.enum(fundEntryKinds),
  amount: z
    .number()
    .int('Số tiền tính bằng đồng, không có số lẻ / Whole đồng only')
    .positive('Số tiền phải lớn hơn 0 / The amount must be above 0')
    .max(1_000_000_000_000, 'Số tiền quá lớn / The amount is too large'),
  description: z.string().trim().min(1, 'Bắt buộc nhập nội dung / A description is required').max(500),
});
export type AddFundEntryBody = z.input<typeof addFundEntryBody>;
