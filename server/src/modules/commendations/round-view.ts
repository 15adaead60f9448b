import { type AwardCode, type NominationView, type RoundKind, type RoundList, type RoundStatus, type RoundSummary, type RoundView } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { vietnamDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { defaultRules } from '../awards/awards.rules.js';
import { unitDocumentSettings } from '../documents/unit-documents.js';
import { baseSalaryOn, bonusAmount, ruleInForce } from '../awards/eligibility.js';
import { ballotRuleFor, quorumOf, votesNeeded } from './ballot-rules.js';
import { commendationsRepository as repo, type NominationRow, type RoundRow } from './commendations.repository.js';
import { byGivenName } from './proposals.js';
import { canManageRound, canReadRound, roundAllowed, roundRoots } from './rounds.policy.js';

// Reading a round of bình xét: the list with each nominee's reason and conditions, the vote's
// progress (how many voted, never how), the tally once closed, and the decision.

/** The decree a date's rules follow, for the round's heading. */
export function ruleBasisOn(on: string): string {
  return ruleInForce(defaultRules, 'lao_dong_tien_tien', 'individual', on).basis;
}

/** The round, or 404 when the actor may not read it. */
export async function readableRound(db: Executor, actor: Actor, id: number): Promise<RoundRow> {
  const r = await repo.findRound(db, id);
  if (!r || !canReadRound(actor, r)) throw new AppError('NOT_FOUND');
  return r;
}

/** The round, or 404 / 403 when the actor may not run it. */
export async function managedRound(db: Executor, actor: Actor, id: number): Promise<RoundRow> {
  const r = await readableRound(db, actor, id);
  if (!canManageRound(actor, r)) throw new AppError('FORBIDDEN');
  return r;
}

const statusOrder = ['proposed', 'excluded', 'short'];
/** A round's list as officials read it: those proposed first, each part by given name (tên). */
export function ordered<T extends Pick<NominationRow, 'status' | 'name'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status) || byGivenName(a.name, b.name));
}

/** The expected bonus of an award on a date: coefficient × base salary, rounded up to 10,000 đ. */
export function expectedBonus(award: AwardCode, proposedOn: string, on: string): number {
  const rule = ruleInForce(defaultRules, award, 'individual', proposedOn);
  return bonusAmount(rule.coefficient, baseSalaryOn(on).amount);
}

function nominationView(n: NominationRow, r: RoundRow, bonusOf: (n: NominationRow) => number | null): NominationView {
  const closed = r.status === 'voted' || r.status === 'decided';
  const members = r.members_total ?? 0;
  return {
    id: n.id,
    subject: n.subject as 'individual' | 'collective',
    personId: n.person_id,
    unitId: n.unit_id,
    name: n.name,
    position: n.position,
    unitName: n.unit_name,
    awardCode: n.award_code as AwardCode | null,
    status: n.status as NominationView['status'],
    reason: n.reason,
    reasonEn: n.reason_en,
    conditions: n.conditions as NominationView['conditions'],
    note: n.note,
    score: n.score,
    votes:
      closed && n.status === 'proposed' && n.award_code
        ? { yes: n.yes_votes, no: n.no_votes, needed: votesNeeded(ballotRuleFor(n.award_code as AwardCode, r.proposed_on), members), approved: n.approved === true }
        : null,
    bonus: n.status === 'proposed' ? bonusOf(n) : null,
  };
}

export async function roundView(ctx: AppContext, actor: Actor, id: number): Promise<RoundView> {
  const r = await readableRound(ctx.db, actor, id);
  const [rows, members, voted, isVoter, decision] = await Promise.all([
    repo.nominations(ctx.db, r.id),
    repo.members(ctx.db, r.id),
    repo.votedCount(ctx.db, r.id),
    repo.hasVoted(ctx.db, r.id, actor.userId),
    repo.decisionOf(ctx.db, r.id),
  ]);
  const grants = decision ? await repo.grantsOf(ctx.db, decision.id) : [];
  const paid = new Map(grants.filter((g) => g.revoked_at === null).map((g) => [g.person_id, g.bonus_amount ?? 0]));
  const today = vietnamDate(ctx.now());
  const bonusOf = (n: NominationRow): number | null => {
    if (!n.award_code) return null;
    if (decision) return paid.get(n.person_id) ?? null;
    if (r.status === 'voted' && n.approved !== true) return null;
    return expectedBonus(n.award_code as AwardCode, r.proposed_on, today);
  };
  const isMember = members.some((m) => m.user_id === actor.userId);
  const allowed = roundAllowed(actor, r, { isMember, hasVoted: isVoter });
  const signer = allowed.includes('decide') ? (await unitDocumentSettings(ctx.db, r.unit_path)).settings : null;
  const vote = r.status === 'proposing' ? null : { members: members.length, voted, isMember, hasVoted: isVoter, quorum: quorumOf(members.length, r.proposed_on) };
  const nominations = ordered(rows).map((n) => nominationView(n, r, bonusOf));
  return {
    ...summaryOf(r, nominations.filter((n) => n.status === 'proposed').length),
    proposedOn: r.proposed_on,
    quotaPercent: r.quota_percent,
    ruleBasis: ruleBasisOn(r.proposed_on),
    nominations,
    vote,
    decision: decision
      ? {
          id: decision.id,
          number: decision.number,
          code: decision.code,
          reference: `${decision.number}/${decision.code}`,
          signedOn: decision.signed_on,
          signerName: decision.signer_name,
          signerTitle: decision.signer_title,
          bonusTotal: [...paid.values()].reduce((a, b) => a + b, 0),
        }
      : null,
    signer: signer ? { name: signer.signerName, title: signer.signerTitle } : null,
    allowed,
  };
}

function summaryOf(r: RoundRow, proposed: number): RoundSummary {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    year: r.year,
    kind: r.kind as RoundKind,
    name: r.name,
    status: r.status as RoundStatus,
    proposed,
    createdAt: r.created_at.toISOString(),
  };
}

/** The rounds the actor reads, and the units where they may open one. */
export async function listRounds(ctx: AppContext, actor: Actor, year: number | undefined): Promise<RoundList> {
  const rows = await repo.listRounds(ctx.db, roundRoots(actor), year);
  const openers = new Map<number, string>();
  for (const g of actor.grants) if (canManageRound(actor, { unit_path: g.unitPath })) openers.set(g.unitId, g.unitName);
  return {
    items: rows.map((r) => summaryOf(r, r.proposed ?? 0)),
    canOpenAt: [...openers].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}
