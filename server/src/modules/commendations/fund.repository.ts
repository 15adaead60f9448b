import { sql } from 'kysely';
import type { Executor } from '../../platform/database.js';

// The unit's fund (quỹ thi đua, khen thưởng) in the database: Kysely only, no rules.

export interface FundEntryRow {
  id: number;
  entry_date: string;
  kind: string;
  amount: number;
  description: string;
  round_id: number | null;
}

const signed = sql<number>`coalesce(sum(case when kind = 'income' then amount else -amount end), 0)::bigint`;

export const fundRepository = {
  /** The balance carried into the year: every entry dated before it. */
  async balanceBefore(db: Executor, unitId: number, date: string): Promise<number> {
    const r = await db.selectFrom('award_fund_entries').select(signed.as('b')).where('unit_id', '=', unitId).where('entry_date', '<', date).executeTakeFirstOrThrow();
    return Number(r.b);
  },

  entriesBetween(db: Executor, unitId: number, from: string, to: string): Promise<FundEntryRow[]> {
    return db
      .selectFrom('award_fund_entries as e')
      .leftJoin('award_decisions as d', 'd.id', 'e.decision_id')
      .select(['e.id', 'e.entry_date', 'e.kind', 'e.amount', 'e.description', 'd.round_id'])
      .where('e.unit_id', '=', unitId)
      .where('e.entry_date', '>=', from)
      .where('e.entry_date', '<=', to)
      .orderBy('e.entry_date')
      .orderBy('e.id')
      .execute();
  },

  async insert(
    db: Executor,
    row: { unit_id: number; entry_date: string; kind: string; amount: number; description: string; decision_id?: number | null; created_by: number },
  ): Promise<number> {
    const r = await db.insertInto('award_fund_entries').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },
};
