import { sql, type Kysely } from 'kysely';

// Indexes the assessment workflow reads by (đánh giá): a person's own sheets, a collective's
// members' and sub-units' sheets found through their registrations when the council finalises it,
// and the queues of each stage (thủ trưởng chấm, Hội đồng xét) for a year.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX assessments_person_idx ON assessments (person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX assessments_registration_idx ON assessments (registration_id);
    CREATE INDEX assessments_stage_idx ON assessments (stage, year, unit_id);
    CREATE INDEX disciplines_unit_idx ON disciplines (unit_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX assessments_person_idx, assessments_registration_idx, assessments_stage_idx, disciplines_unit_idx;
  `.execute(db);
}
