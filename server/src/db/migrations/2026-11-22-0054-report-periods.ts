import { sql, type Kysely } from 'kysely';

// Which periods of the year a report template (mẫu báo cáo) reports: a six-month template may
// report the first half only (6 tháng đầu năm), the yearly report covering the second (seed 004:
// "Báo cáo 6 tháng gửi trước ngày 31/5 hàng năm và báo cáo năm gửi trước ngày 30/11"). Null means
// every half, quarter or month. The six-month template shipped with the system (0053) is the first
// half only, as its name says.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE report_templates
      ADD COLUMN period_indexes int[] CHECK (period_indexes IS NULL OR (cardinality(period_indexes) > 0 AND 1 <= ALL (period_indexes) AND 12 >= ALL (period_indexes)))
  `.execute(db);
  await sql`UPDATE report_templates SET period_indexes = '{1}' WHERE plan_id IS NULL AND code = 'six_months'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE report_templates DROP COLUMN period_indexes`.execute(db);
}
