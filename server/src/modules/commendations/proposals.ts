import { awards, awardsGrantedBy, type AwardCode } from '@thidua/contracts';
import { awardOf } from '../awards/awards.catalogue.js';
import { checkEligibility, shortfall, type ConditionResult, type EligibilityResult, type HistoryYear } from '../awards/eligibility.js';

// What the system proposes in a round of bình xét (đề xuất danh hiệu): for each person, the highest
// title within the unit head's authority that the person registered for and meets, judged by the
// rules in force on the round's date; then the quota of Chiến sĩ thi đua cơ sở (at most a share of
// those at Lao động tiên tiến, a setting of the round), the best scores of the year keeping the higher
// title (then by given name). Those who fall short are listed with the condition they miss. A pure function: the round
// stores what it returns, and the council adjusts from there.

/** The individual titles a unit's head grants, highest first. */
export const unitTitles: AwardCode[] = awardsGrantedBy('unit_head', 'individual')
  .filter((a) => a.kind === 'title')
  .map((a) => a.code)
  .reverse();
const TOP = 'chien_si_thi_dua_co_so' satisfies AwardCode;
const BASE = 'lao_dong_tien_tien' satisfies AwardCode;

export interface Candidate {
  personId: number;
  name: string;
  /** The title registered for the year (đăng ký thi đua), if any. */
  registered: AwardCode | null;
  /** The year's office-culture score, which orders the quota. */
  score: number | null;
  history: HistoryYear[];
}

export interface Proposal {
  personId: number;
  status: 'proposed' | 'short';
  awardCode: AwardCode | null;
  reason: string;
  reasonEn: string;
  conditions: Omit<ConditionResult, 'sure'>[];
}

export interface ProposalInput {
  year: number;
  proposedOn: string;
  quotaPercent: number | null;
  candidates: Candidate[];
}

/** Vietnamese lists go by the given name (tên), the last word, then the whole name. */
export const byGivenName = (a: string, b: string) => (a.trim().split(/\s+/u).at(-1) ?? '').localeCompare(b.trim().split(/\s+/u).at(-1) ?? '', 'vi') || a.localeCompare(b, 'vi');

const rank = (code: AwardCode) => awards.findIndex((a) => a.code === code);
const plainConditions = (r: EligibilityResult) => r.conditions.map(({ text, met, fact, citation }) => ({ text, met, fact, citation }));
/** Titles to try for a person, highest first: those at or below what they registered for. */
function titlesFor(registered: AwardCode): AwardCode[] {
  // A title above the unit's authority (CSTĐ tỉnh) is tried here at the unit's highest.
  const ceiling = unitTitles.includes(registered) ? registered : rank(registered) > rank(TOP) ? TOP : registered;
  return unitTitles.filter((t) => rank(t) <= rank(ceiling));
}

/** The largest number of CSTĐ cơ sở the quota allows among `base` people at Lao động tiên tiến or above. */
export function quotaOf(percent: number, base: number): number {
  return Math.floor((Math.round(percent * 100) * base) / 10_000);
}

export function propose(input: ProposalInput): Proposal[] {
  const judge = (c: Candidate, award: AwardCode) => checkEligibility({ award, subject: 'individual', year: input.year, proposedOn: input.proposedOn, history: c.history });

  const out = input.candidates.map((c): Proposal & { results: Map<AwardCode, EligibilityResult> } => {
    const results = new Map<AwardCode, EligibilityResult>();
    if (!c.registered) {
      return {
        personId: c.personId,
        status: 'short',
        awardCode: null,
        reason: `Chưa đăng ký thi đua năm ${input.year}`,
        reasonEn: `Did not register for ${input.year}`,
        conditions: [],
        results,
      };
    }
    for (const t of titlesFor(c.registered)) {
      const r = judge(c, t);
      results.set(t, r);
      if (r.eligible) {
        return { personId: c.personId, status: 'proposed', awardCode: t, reason: `Đủ điều kiện ${r.awardName}`, reasonEn: `Meets the conditions of ${awardOf(t).en}`, conditions: plainConditions(r), results };
      }
    }
    const base = results.get(BASE) ?? judge(c, BASE);
    return {
      personId: c.personId,
      status: 'short',
      awardCode: null,
      reason: `Chưa đủ điều kiện ${base.awardName}: ${shortfall(base)}`,
      reasonEn: `Does not meet the conditions of ${awardOf(BASE).en}`,
      conditions: plainConditions(base),
      results,
    };
  });

  if (input.quotaPercent !== null) {
    const atBase = out.filter((p) => p.status === 'proposed').length;
    const allowed = quotaOf(input.quotaPercent, atBase);
    const score = new Map(input.candidates.map((c) => [c.personId, c]));
    const top = out
      .filter((p) => p.awardCode === TOP)
      .sort((a, b) => (score.get(b.personId)!.score ?? -1) - (score.get(a.personId)!.score ?? -1) || byGivenName(score.get(a.personId)!.name, score.get(b.personId)!.name));
    for (const p of top.slice(allowed)) {
      const base = p.results.get(BASE) ?? judge(score.get(p.personId)!, BASE);
      p.awardCode = BASE;
      p.conditions = plainConditions(base);
      p.reason = `Đủ điều kiện Chiến sĩ thi đua cơ sở nhưng vượt tỷ lệ ${input.quotaPercent} % (tối đa ${allowed} trên ${atBase} người đạt Lao động tiên tiến); đề nghị Lao động tiên tiến`;
      p.reasonEn = `Meets the conditions of a Grassroots emulation fighter but is over the ${input.quotaPercent} % share (at most ${allowed} of ${atBase}); proposed as an Advanced worker`;
    }
  }
  return out.map(({ results: _results, ...p }) => p);
}
