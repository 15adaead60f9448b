import { sql, type Kysely } from 'kysely';

// The unit's fund for emulation and commendation (quỹ thi đua, khen thưởng): what came in (the
// budget's allocation, contributions) and what was paid from it — the bonuses of each decision the
// system issues are written here as one payment. Entries are never changed or deleted: a mistake is
// put right by an entry the other way, with its reason.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE award_fund_entries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      entry_date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('income', 'payment')),
      amount bigint NOT NULL CHECK (amount > 0),
      description text NOT NULL,
      decision_id bigint UNIQUE REFERENCES award_decisions(id),
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX award_fund_entries_unit_idx ON award_fund_entries (unit_id, entry_date, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE award_fund_entries`.execute(db);
}
