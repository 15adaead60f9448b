import { awards, type AwardCode, type IssueDecisionBody, type RoundView } from '@thidua/contracts';
import { awardOf } from '../awards/awards.catalogue.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import { vietnamDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { defaultRules } from '../awards/awards.rules.js';
import { baseSalaryOn, bonusAmount, ruleInForce } from '../awards/eligibility.js';
import { ddmmyyyy } from '../documents/issuer.js';
import { unitDocumentSettings } from '../documents/unit-documents.js';
import { commendationsRepository as repo } from './commendations.repository.js';
import { noticeGranted } from './commendations.notices.js';
import { fundRepository } from './fund.repository.js';
import { readableRound, roundView } from './round-view.js';
import { canDecideRound } from './rounds.policy.js';

// Issuing the decision (ban hành quyết định khen thưởng): the unit's head gives it a number, a date
// and a signer; every nominee the council approved has the title written to their record with the
// decision and the bonus — coefficient × the base salary in force on the decision's date, rounded up
// to 10,000 đ (Nghị định 152/2025, Điều 49) — paid from the unit's fund as one entry. A number is
// used once a year by its unit.

export async function issueDecision(ctx: AppContext, actor: Actor, roundId: number, input: IssueDecisionBody): Promise<RoundView> {
  const r = await readableRound(ctx.db, actor, roundId);
  if (!canDecideRound(actor, r)) throw new AppError('FORBIDDEN');
  const today = vietnamDate(ctx.now());
  if (input.signedOn > today) throw new AppError('VALIDATION_FAILED', undefined, [fieldEntry('signedOn', 'không được sau hôm nay', 'cannot be after today')]);
  if (input.signedOn < r.proposed_on) {
    throw new AppError('VALIDATION_FAILED', undefined, [fieldEntry('signedOn', `không được trước ngày mở đợt bình xét (${ddmmyyyy(r.proposed_on)})`, `cannot be before the round opened (${ddmmyyyy(r.proposed_on)})`)]);
  }
  const { settings } = await unitDocumentSettings(ctx.db, r.unit_path);
  const code = `QĐ-${settings.codeSuffix}`;
  const signerTitle = input.signerTitle?.trim() || settings.signerTitle;
  const base = baseSalaryOn(input.signedOn);

  let granted: { personId: number; awardCode: string }[] = [];
  try {
    granted = await ctx.db.transaction().execute(async (trx) => {
      if ((await repo.lockRound(trx, r.id))?.status !== 'voted') throw new AppError('ROUND_WRONG_STATUS');
      const approved = (await repo.nominations(trx, r.id)).filter((n) => n.status === 'proposed' && n.approved === true && n.person_id !== null);
      const held = await repo.heldInYear(trx, approved.map((n) => n.person_id!), r.year);
      const twice = approved.find((n) => held.some((h) => h.person_id === n.person_id && h.award_code === n.award_code && h.kind === r.kind));
      if (twice) {
        const award = awardOf(twice.award_code!);
        throw new AppError('RECORD_DUPLICATE', { reason: `${twice.name} đã có ${award.vi} năm ${r.year} trong hồ sơ`, reasonEn: `${twice.name} already holds ${award.en} for ${r.year}` });
      }
      const decisionId = await repo.insertDecision(trx, {
        round_id: r.id,
        unit_id: r.unit_id,
        number: input.number,
        code,
        signed_on: input.signedOn,
        signer_name: input.signerName.trim(),
        signer_title: signerTitle,
        created_by: actor.userId,
      });
      const reference = `${input.number}/${code}`;
      const rows = approved.map((n) => {
        const coefficient = ruleInForce(defaultRules, n.award_code as AwardCode, 'individual', r.proposed_on).coefficient;
        return {
          person_id: n.person_id!,
          unit_id: n.unit_id,
          year: r.year,
          award_code: n.award_code!,
          kind: r.kind,
          decision_number: reference,
          decided_on: input.signedOn,
          decision_id: decisionId,
          bonus_coefficient: coefficient,
          base_salary: base.amount,
          bonus_amount: bonusAmount(coefficient, base.amount),
          created_by: actor.userId,
        };
      });
      await repo.insertGrants(trx, rows);
      const total = rows.reduce((sum, g) => sum + g.bonus_amount, 0);
      // The bonuses are paid from the unit's fund (quỹ thi đua, khen thưởng) on the decision's date.
      if (total > 0) {
        await fundRepository.insert(trx, {
          unit_id: r.unit_id,
          entry_date: input.signedOn,
          kind: 'payment',
          amount: total,
          description: `Chi thưởng theo Quyết định số ${reference} ngày ${ddmmyyyy(input.signedOn)} (${rows.length} người)`,
          decision_id: decisionId,
          created_by: actor.userId,
        });
      }
      await repo.setRound(trx, r.id, { status: 'decided' });
      await writeAudit(trx, auditContextOf(actor), {
        action: 'round.decide',
        entity: 'award_decision',
        entityId: decisionId,
        unitId: r.unit_id,
        before: { status: 'voted' },
        after: { roundId: r.id, reference, signedOn: input.signedOn, signer: input.signerName.trim(), granted: rows.map((g) => ({ personId: g.person_id, awardCode: g.award_code, bonus: g.bonus_amount })) },
      });
      return rows.map((g) => ({ personId: g.person_id, awardCode: g.award_code }));
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const constraint = (e as { constraint?: string }).constraint;
      if (constraint === 'award_decisions_number') throw new AppError('DECISION_NUMBER_USED', { reason: `${input.number}/${code}`, reasonEn: `${input.number}/${code}` });
      if (constraint === 'award_decisions_round_id_key') throw new AppError('ROUND_WRONG_STATUS');
      throw new AppError('RECORD_DUPLICATE');
    }
    throw e;
  }

  const users = await repo.usersOfPeople(ctx.db, granted.map((g) => g.personId));
  const award = new Map(granted.map((g) => [g.personId, g.awardCode]));
  await noticeGranted(ctx, r, users.map((u) => ({ userId: u.id, awardCode: award.get(u.person_id!)! })), `${input.number}/${code}`, input.signedOn, actor.userId);
  return roundView(ctx, actor, r.id);
}
