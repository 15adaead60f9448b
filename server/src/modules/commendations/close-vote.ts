import type { AwardCode, RoundView } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { ballotRuleFor, quorumOf, votesNeeded } from './ballot-rules.js';
import { commendationsRepository as repo } from './commendations.repository.js';
import { noticeVoteClosed } from './commendations.notices.js';
import { managedRound, roundView } from './round-view.js';

// Closing the ballot (kết thúc bỏ phiếu, kiểm phiếu): once the quorum has voted, each nominee is
// approved when the yes votes reach the share the rules in force ask of the award, counted on all the
// council's members. The tally and the minutes (biên bản kiểm phiếu) follow from the counters.

export async function closeVote(ctx: AppContext, actor: Actor, roundId: number): Promise<RoundView> {
  const r = await managedRound(ctx.db, actor, roundId);
  const { approved, total, members } = await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.lockRound(trx, r.id))?.status !== 'voting') throw new AppError('ROUND_WRONG_STATUS');
    const members = await repo.members(trx, r.id);
    const voted = await repo.votedCount(trx, r.id);
    const quorum = quorumOf(members.length, r.proposed_on);
    if (voted < quorum) throw new AppError('QUORUM_NOT_MET', { reason: `${voted}/${members.length} thành viên đã bỏ phiếu, cần ít nhất ${quorum}`, reasonEn: `${voted} of ${members.length} voted, at least ${quorum} needed` });
    const list = (await repo.nominations(trx, r.id)).filter((n) => n.status === 'proposed');
    const results = list.map((n) => ({ id: n.id, approved: n.yes_votes >= votesNeeded(ballotRuleFor(n.award_code as AwardCode, r.proposed_on), members.length) }));
    await repo.setApproved(trx, results);
    await repo.setRound(trx, r.id, { status: 'voted', vote_closed_at: ctx.now() });
    await writeAudit(trx, auditContextOf(actor), {
      action: 'round.vote_close',
      entity: 'award_round',
      entityId: r.id,
      unitId: r.unit_id,
      before: { status: 'voting' },
      after: { status: 'voted', members: members.length, voted, tally: list.map((n) => ({ nominationId: n.id, yes: n.yes_votes, no: n.no_votes })) },
    });
    return { approved: results.filter((x) => x.approved).length, total: list.length, members: members.map((m) => m.user_id) };
  });
  const managers = await repo.runnersAt(ctx.db, r.unit_id);
  await noticeVoteClosed(ctx, r, [...members, ...managers.map((m) => m.user_id)], actor.userId, approved, total);
  return roundView(ctx, actor, r.id);
}
