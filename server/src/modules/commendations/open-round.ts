import { awards, type AwardCode, type OpenRoundBody, type RoundView } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import { vietnamDate, vietnamYear } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { historyOf, recordsOf } from '../awards/records.service.js';
import { commendationsRepository as repo } from './commendations.repository.js';
import { propose } from './proposals.js';
import { roundView } from './round-view.js';
import { canManageRound } from './rounds.policy.js';

// Opening a round of bình xét (mở đợt bình xét): the unit's emulation officer, head or the standing
// body above opens it for a year; the system proposes each person's title from the record and the
// year's assessments, judged by the rules in force today, and lists who falls short and why.

const titleRanks = awards.map((a) => a.code);

export async function openRound(ctx: AppContext, actor: Actor, input: OpenRoundBody): Promise<RoundView> {
  const unit = await ctx.db.selectFrom('units').select(['id', 'name', 'path', 'status']).where('id', '=', input.unitId).executeTakeFirst();
  if (!unit || !canManageRound(actor, { unit_path: unit.path })) {
    throw new AppError('VALIDATION_FAILED', undefined, [fieldEntry('unitId', 'không thuộc phạm vi bạn được bình xét', 'is outside the units you may run a round for')]);
  }
  const now = ctx.now();
  const thisYear = vietnamYear(now);
  if (input.year > thisYear) throw new AppError('VALIDATION_FAILED', undefined, [fieldEntry('year', `không được sau năm ${thisYear}`, `cannot be after ${thisYear}`)]);
  const proposedOn = vietnamDate(now);
  const kind = input.kind ?? 'cong_trang';
  const quotaPercent = input.quotaPercent === undefined ? 15 : input.quotaPercent;
  const name = input.name?.trim() || (kind === 'cong_trang' ? `Bình xét thi đua, khen thưởng năm ${input.year}` : `Bình xét khen thưởng chuyên đề năm ${input.year}`);

  const candidates = await repo.candidates(ctx.db, unit.id, input.year, titleRanks);
  const records = await recordsOf(ctx.db, candidates.map((c) => c.person_id));
  const proposals = propose({
    year: input.year,
    proposedOn,
    quotaPercent,
    candidates: candidates.map((c) => ({
      personId: c.person_id,
      name: c.full_name,
      registered: (c.registered as AwardCode | null) ?? null,
      score: c.score,
      history: historyOf(records.get(c.person_id) ?? []),
    })),
  });
  const score = new Map(candidates.map((c) => [c.person_id, c.score]));
  const unitOf = new Map(candidates.map((c) => [c.person_id, c.unit_id]));

  let id: number;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const roundId = await repo.insertRound(trx, { unit_id: unit.id, year: input.year, kind, name, proposed_on: proposedOn, quota_percent: quotaPercent, opened_by: actor.userId, created_at: now });
      await repo.insertNominations(
        trx,
        roundId,
        proposals.map((p) => ({
          subject: 'individual',
          person_id: p.personId,
          unit_id: unitOf.get(p.personId)!,
          award_code: p.awardCode,
          status: p.status,
          reason: p.reason,
          reason_en: p.reasonEn,
          conditions: JSON.stringify(p.conditions),
          score: score.get(p.personId) ?? null,
        })),
      );
      await writeAudit(trx, auditContextOf(actor), {
        action: 'round.open',
        entity: 'award_round',
        entityId: roundId,
        unitId: unit.id,
        after: { year: input.year, kind, name, proposedOn, quotaPercent, proposed: proposals.filter((p) => p.status === 'proposed').length, short: proposals.filter((p) => p.status === 'short').length },
      });
      return roundId;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('ROUND_EXISTS', { year: input.year });
    throw e;
  }
  return roundView(ctx, actor, id);
}
