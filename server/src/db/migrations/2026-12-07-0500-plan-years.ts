import { sql, type Kysely } from 'kysely';

// The years a plan (kế hoạch) applies to (năm áp dụng): a plan for 2027 ("Kế hoạch … năm 2027") is
// the plan of 2027's registrations only, while one of a period ("giai đoạn 2026-2030") covers them
// all. Null means the movement's own first or last year, so plans made before keep covering the
// movement's whole period. The service keeps both inside the movement's years.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE plans
      ADD COLUMN year_from int CHECK (year_from BETWEEN 1990 AND 2100),
      ADD COLUMN year_to int CHECK (year_to BETWEEN 1990 AND 2100),
      ADD CONSTRAINT plans_years_in_order CHECK (year_from IS NULL OR year_to IS NULL OR year_from <= year_to)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE plans DROP CONSTRAINT plans_years_in_order, DROP COLUMN year_to, DROP COLUMN year_from`.execute(db);
}
