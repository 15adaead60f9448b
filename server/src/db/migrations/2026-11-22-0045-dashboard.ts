import { sql, type Kysely } from 'kysely';

// Indexes the dashboard (tổng hợp) counts by, live on every call. A province's dashboard counts
// every active person, registration and assessment of about 1,300 units (130,000 people on the
// national data set): with the counted columns inside the index, PostgreSQL answers from the index
// alone (index-only scans) instead of visiting 130,000 rows of each table. The score totals are left
// out on purpose: they change on every score saved, and an indexed column would cost each save its
// HOT update.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX people_active_unit_idx ON people (unit_id) WHERE is_active;
    CREATE INDEX registrations_scope_idx ON registrations (movement_id, year, unit_id) INCLUDE (subject, status);
    CREATE INDEX assessments_scope_idx ON assessments (movement_id, year, unit_id) INCLUDE (subject, stage, classification, overscore_flag);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX people_active_unit_idx, registrations_scope_idx, assessments_scope_idx`.execute(db);
}
