import type { AwardCode } from '@thidua/contracts';
import type { Citation } from '../awards/awards.rules.js';

// How the council's secret ballot (bỏ phiếu kín) decides, as dated, cited data: the share of the
// council's members who must agree, counted on all members (absent members vote in writing, here
// online), and the quorum for the vote to close. A vote is judged by the version in force on the
// round's proposal date. Sources and how sure each is: ../shared/LAW.md, "Council votes".

export interface BallotRule {
  /** Yes votes needed, as a share of all the council's members (%). */
  percent: number;
  /** "More than" the share (quá bán) rather than "at least". */
  strict: boolean;
  citation: Citation;
}

export interface BallotRuleVersion {
  from: string;
  to: string | null;
  /** Members who must have voted for the vote to close (%). */
  quorumPercent: number;
  quorumCitation: Citation;
  rules: Partial<Record<AwardCode, BallotRule>>;
  /** Awards the decree leaves without a share: a majority of all members. */
  otherwise: BallotRule;
}

const nd98 = (clause: string): Citation => ({ text: `Nghị định 98/2023/NĐ-CP, Điều 30 ${clause}`, sure: 'ok' });
// NĐ 152/2025's own article is not confirmed; the shares are carried over from NĐ 98 until it is.
const nd152 = (clause: string): Citation => ({ text: `Nghị định 152/2025/NĐ-CP (chưa xác minh; theo Nghị định 98/2023/NĐ-CP, Điều 30 ${clause})`, sure: 'unconfirmed' });
const majority = (citation: Citation): BallotRule => ({ percent: 50, strict: true, citation });

function version(from: string, to: string | null, cite: (clause: string) => Citation): BallotRuleVersion {
  const ninety: BallotRule = { percent: 90, strict: false, citation: cite('khoản 7 điểm a') };
  const eighty: BallotRule = { percent: 80, strict: false, citation: cite('khoản 7 điểm b') };
  return {
    from,
    to,
    quorumPercent: 200 / 3,
    quorumCitation: { text: 'Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng (ít nhất 2/3 tổng số thành viên dự họp)', sure: 'partial' },
    rules: {
      chien_si_thi_dua_toan_quoc: ninety,
      chien_si_thi_dua_tinh: ninety,
      chien_si_thi_dua_co_so: eighty,
      co_thi_dua_tinh: eighty,
      co_thi_dua_chinh_phu: eighty,
    },
    otherwise: majority({ text: 'Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng (quá bán tổng số thành viên)', sure: 'partial' }),
  };
}

export const defaultBallotRules: readonly BallotRuleVersion[] = [version('2024-01-01', '2025-06-30', nd98), version('2025-07-01', null, nd152)];

/** The version in force on the date; the earliest one for an older date, so that an old round still counts. */
export function ballotRulesOn(on: string, versions = defaultBallotRules): BallotRuleVersion {
  return versions.find((v) => v.from <= on && (v.to === null || on <= v.to)) ?? versions[0]!;
}

export function ballotRuleFor(award: AwardCode, on: string, versions = defaultBallotRules): BallotRule {
  const v = ballotRulesOn(on, versions);
  return v.rules[award] ?? v.otherwise;
}

/** Yes votes needed out of `members`: at least the share, or more than it. */
export function votesNeeded(rule: Pick<BallotRule, 'percent' | 'strict'>, members: number): number {
  // Whole hundredths, so that 80 % of 10 is exactly 8.
  const share = (Math.round(rule.percent * 100) * members) / 10_000;
  return rule.strict ? Math.floor(share) + 1 : Math.ceil(share);
}

/** Members who must have voted before the vote closes. */
export function quorumOf(members: number, on: string, versions = defaultBallotRules): number {
  return Math.ceil((ballotRulesOn(on, versions).quorumPercent * members) / 100 - 1e-9);
}
