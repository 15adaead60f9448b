import type { AddFundEntryBody, FundEntryKind, FundLedger } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import { vietnamDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { fundRepository as repo } from './fund.repository.js';
import { canReadRound } from './rounds.policy.js';

// The unit's fund for emulation and commendation (quỹ thi đua, khen thưởng): a ledger by year, the
// balance carried from the years before, each entry with the balance after it. The bonuses of a
// decision are paid from it when the decision is issued (issue-decision.ts); what comes in, and any
// other payment, is entered by the unit's officer or head. Entries are never edited: a mistake is
// put right by an entry the other way.

async function fundUnit(ctx: AppContext, actor: Actor, unitId: number, write: boolean) {
  const unit = await ctx.db.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', unitId).executeTakeFirst();
  // The fund is the unit's finance: read by its officials (as its rounds are), not by every staff member.
  if (!unit || !canReadRound(actor, { unit_path: unit.path })) throw new AppError('NOT_FOUND');
  if (write && !can(actor, 'fund.write', unit.path)) throw new AppError('FORBIDDEN');
  return unit;
}

export async function fundLedger(ctx: AppContext, actor: Actor, unitId: number, year: number): Promise<FundLedger> {
  const unit = await fundUnit(ctx, actor, unitId, false);
  const [opening, rows] = await Promise.all([repo.balanceBefore(ctx.db, unit.id, `${year}-01-01`), repo.entriesBetween(ctx.db, unit.id, `${year}-01-01`, `${year}-12-31`)]);
  let balance = opening;
  const entries = rows.map((e) => {
    balance += e.kind === 'income' ? e.amount : -e.amount;
    return { id: e.id, entryDate: e.entry_date, kind: e.kind as FundEntryKind, amount: e.amount, description: e.description, roundId: e.round_id, balance };
  });
  const sum = (kind: FundEntryKind) => rows.filter((e) => e.kind === kind).reduce((a, e) => a + e.amount, 0);
  return {
    unitId: unit.id,
    unitName: unit.name,
    year,
    opening,
    income: sum('income'),
    payments: sum('payment'),
    closing: balance,
    entries,
    allowed: can(actor, 'fund.write', unit.path) ? ['write'] : [],
  };
}

export async function addFundEntry(ctx: AppContext, actor: Actor, unitId: number, input: AddFundEntryBody): Promise<FundLedger> {
  const unit = await fundUnit(ctx, actor, unitId, true);
  if (input.entryDate > vietnamDate(ctx.now())) throw new AppError('VALIDATION_FAILED', undefined, [fieldEntry('entryDate', 'không được sau hôm nay', 'cannot be after today')]);
  const row = { unit_id: unit.id, entry_date: input.entryDate, kind: input.kind, amount: input.amount, description: input.description.trim(), created_by: actor.userId };
  await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insert(trx, row);
    await writeAudit(trx, auditContextOf(actor), { action: 'fund.entry', entity: 'award_fund_entry', entityId: id, unitId: unit.id, after: row });
  });
  return fundLedger(ctx, actor, unit.id, Number(input.entryDate.slice(0, 4)));
}
