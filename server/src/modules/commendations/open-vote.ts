import type { RoundView } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { commendationsRepository as repo } from './commendations.repository.js';
import { noticeVoteOpened } from './commendations.notices.js';
import { managedRound, roundView } from './round-view.js';

// Opening the council's secret ballot (mở bỏ phiếu kín): the list is frozen, the council's members
// at the unit today are recorded as the vote's members (each casts one ballot; the threshold counts
// all of them), and each is asked to vote.

export async function openVote(ctx: AppContext, actor: Actor, roundId: number): Promise<RoundView> {
  const r = await managedRound(ctx.db, actor, roundId);
  const { members, count } = await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.lockRound(trx, r.id))?.status !== 'proposing') throw new AppError('ROUND_WRONG_STATUS');
    const proposed = (await repo.nominations(trx, r.id)).filter((n) => n.status === 'proposed').length;
    if (proposed === 0) throw new AppError('ROUND_EMPTY');
    const council = (await repo.councilAt(trx, r.unit_id)).map((m) => m.user_id);
    if (council.length === 0) throw new AppError('ROUND_NO_COUNCIL', { reason: r.unit_name, reasonEn: r.unit_name });
    await repo.insertMembers(trx, r.id, council);
    await repo.setRound(trx, r.id, { status: 'voting', members_total: council.length, vote_opened_at: ctx.now() });
    await writeAudit(trx, auditContextOf(actor), { action: 'round.vote_open', entity: 'award_round', entityId: r.id, unitId: r.unit_id, before: { status: 'proposing' }, after: { status: 'voting', members: council, proposed } });
    return { members: council, count: proposed };
  });
  await noticeVoteOpened(ctx, r, members, actor.userId, count);
  return roundView(ctx, actor, r.id);
}
