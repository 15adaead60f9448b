import type { CastBallotBody, RoundView } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { commendationsRepository as repo } from './commendations.repository.js';
import { readableRound, roundView } from './round-view.js';

// A council member's secret ballot (phiếu bầu kín): one answer for every nominee on the list, once.
// The transaction records THAT the member voted and adds the answers to each nominee's counters; no
// row, log line or audit entry ever holds the member beside an answer, so nobody — the administrator
// included — can tell how anyone voted.

export async function castBallot(ctx: AppContext, actor: Actor, roundId: number, input: CastBallotBody): Promise<RoundView> {
  const r = await readableRound(ctx.db, actor, roundId);
  await ctx.db.transaction().execute(async (trx) => {
    const status = (await repo.lockRound(trx, r.id))?.status;
    if (status !== 'voting') throw new AppError('ROUND_WRONG_STATUS');
    if (!(await repo.members(trx, r.id)).some((m) => m.user_id === actor.userId)) throw new AppError('BALLOT_NOT_MEMBER');
    const listed = (await repo.nominations(trx, r.id)).filter((n) => n.status === 'proposed').map((n) => n.id);
    const answered = input.choices.map((c) => c.nominationId);
    const complete = answered.length === listed.length && new Set(answered).size === answered.length && answered.every((id) => listed.includes(id));
    if (!complete) throw new AppError('BALLOT_INCOMPLETE', { reason: `${listed.length} người trong danh sách, phiếu có ${answered.length} ý kiến`, reasonEn: `${listed.length} nominees, ${answered.length} answers` });
    if (!(await repo.insertVoter(trx, r.id, actor.userId))) throw new AppError('BALLOT_ALREADY_CAST');
    await repo.addVotes(
      trx,
      r.id,
      input.choices.filter((c) => c.choice === 'yes').map((c) => c.nominationId),
      input.choices.filter((c) => c.choice === 'no').map((c) => c.nominationId),
    );
    // The audit says that a ballot was cast, never what it said.
    await writeAudit(trx, auditContextOf(actor), { action: 'round.ballot', entity: 'award_round', entityId: r.id, unitId: r.unit_id, after: { ballot: 'cast' } });
  });
  return roundView(ctx, actor, r.id);
}
