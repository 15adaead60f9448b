import { sql, type Kysely } from 'kysely';

// The cascade (áp dụng kế hoạch cấp trên) and plan versions (phiên bản):
// - lineage_key names one criterion across the versions of its plan, so "what changed between
//   version 1 and version 2" pairs rows that are different ids in different plans;
// - a plan is superseded by at most one newer version;
// - what an adopting unit decided about each change its parent published later (accepted or
//   dismissed), so a decided change is not offered again. A decision is tied to the change's
//   fingerprint: if the parent changes the same criterion again, that is a new offer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE plan_criteria ADD COLUMN lineage_key uuid NOT NULL DEFAULT gen_random_uuid();
    CREATE UNIQUE INDEX plan_criteria_lineage_uq ON plan_criteria (plan_id, lineage_key);

    CREATE UNIQUE INDEX plans_supersedes_uq ON plans (supersedes_plan_id) WHERE supersedes_plan_id IS NOT NULL;

    CREATE TABLE plan_parent_decisions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      criterion_key uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('added', 'changed', 'removed')),
      fingerprint text NOT NULL,
      decision text NOT NULL CHECK (decision IN ('accepted', 'dismissed')),
      -- The parent's version the change came from.
      source_plan_id bigint NOT NULL REFERENCES plans(id),
      decided_by bigint REFERENCES users(id),
      decided_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (plan_id, criterion_key, fingerprint)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE plan_parent_decisions;
    DROP INDEX plans_supersedes_uq;
    DROP INDEX plan_criteria_lineage_uq;
    ALTER TABLE plan_criteria DROP COLUMN lineage_key;
  `.execute(db);
}
