import { awardsGrantedBy, type AdjustNominationBody, type AwardCode, type RoundView } from '@thidua/contracts';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Tx } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { awardOf } from '../awards/awards.catalogue.js';
import { checkEligibility, shortfall } from '../awards/eligibility.js';
import { historyOf, recordsOf } from '../awards/records.service.js';
import { commendationsRepository as repo, type NominationRow, type RoundRow } from './commendations.repository.js';
import { quotaOf } from './proposals.js';
import { managedRound, roundView } from './round-view.js';

// The council's changes to the list while the round is proposing (Hội đồng điều chỉnh): another
// title or form for a nominee (judged again by the rules, and the quota), taking a nominee off with
// the reason, or putting them back. Each change is audited with what it replaced.

/** What a unit's head may grant to a person: the titles and forms of the unit's authority. */
const unitAwards: AwardCode[] = awardsGrantedBy('unit_head', 'individual').map((a) => a.code);
const TOP: AwardCode = 'chien_si_thi_dua_co_so';

async function checkQuota(trx: Tx, r: RoundRow, nominationId: number, award: AwardCode): Promise<void> {
  if (award !== TOP || r.quota_percent === null) return;
  const list = (await repo.nominations(trx, r.id)).filter((n) => n.status === 'proposed' || n.id === nominationId);
  const base = list.filter((n) => n.award_code === TOP || n.award_code === 'lao_dong_tien_tien' || n.id === nominationId).length;
  const top = list.filter((n) => n.award_code === TOP && n.id !== nominationId).length + 1;
  const allowed = quotaOf(r.quota_percent, base);
  if (top > allowed) {
    throw new AppError('QUOTA_EXCEEDED', {
      reason: `tối đa ${allowed} Chiến sĩ thi đua cơ sở trên ${base} người đạt Lao động tiên tiến (${r.quota_percent} %)`,
      reasonEn: `at most ${allowed} of ${base} (${r.quota_percent} %)`,
    });
  }
}

async function judged(ctx: AppContext, r: RoundRow, n: NominationRow, award: AwardCode) {
  const records = await recordsOf(ctx.db, [n.person_id!]);
  const result = checkEligibility({ award, subject: 'individual', year: r.year, proposedOn: r.proposed_on, history: historyOf(records.get(n.person_id!) ?? []) });
  if (!result.eligible) {
    throw new AppError('NOMINEE_NOT_ELIGIBLE', {
      reason: `${n.name}, ${result.awardName}: ${shortfall(result)}`,
      reasonEn: `${n.name}: ${result.conditions.filter((c) => !c.met).length} condition(s) of ${awardOf(award).en} not met`,
    });
  }
  return result;
}

export async function adjustNomination(ctx: AppContext, actor: Actor, roundId: number, nominationId: number, input: AdjustNominationBody): Promise<RoundView> {
  const r = await managedRound(ctx.db, actor, roundId);
  const n = (await repo.nominations(ctx.db, r.id)).find((x) => x.id === nominationId);
  if (!n) throw new AppError('NOT_FOUND');
  if (r.status !== 'proposing') throw new AppError('ROUND_WRONG_STATUS');

  let set: Parameters<typeof repo.updateNomination>[2];
  if (input.action === 'award') {
    const award = input.awardCode as AwardCode;
    if (!unitAwards.includes(award)) throw new AppError('AWARD_NOT_IN_AUTHORITY', { reason: awardOf(award).name, reasonEn: awardOf(award).en });
    const result = await judged(ctx, r, n, award);
    set = {
      award_code: award,
      status: 'proposed',
      reason: `Hội đồng đề nghị ${result.awardName}; đủ điều kiện`,
      reason_en: `The council proposes ${awardOf(award).en}; conditions met`,
      conditions: JSON.stringify(result.conditions.map(({ text, met, fact, citation }) => ({ text, met, fact, citation }))),
      note: null,
    };
  } else if (input.action === 'exclude') {
    if (n.status !== 'proposed') throw new AppError('ROUND_WRONG_STATUS');
    set = { status: 'excluded', note: input.reason.trim() };
  } else {
    if (n.status !== 'excluded') throw new AppError('ROUND_WRONG_STATUS');
    set = { status: 'proposed', note: null };
  }

  await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.lockRound(trx, r.id))?.status !== 'proposing') throw new AppError('ROUND_WRONG_STATUS');
    if (set.status === 'proposed') await checkQuota(trx, r, n.id, (set.award_code ?? n.award_code) as AwardCode);
    await repo.updateNomination(trx, n.id, set);
    await writeAudit(trx, auditContextOf(actor), {
      action: `round.nomination_${input.action}`,
      entity: 'round_nomination',
      entityId: n.id,
      unitId: r.unit_id,
      before: { personId: n.person_id, awardCode: n.award_code, status: n.status, note: n.note },
      after: { awardCode: set.award_code ?? n.award_code, status: set.status ?? n.status, note: set.note ?? null },
    });
  });
  return roundView(ctx, actor, r.id);
}
