import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from '../platform/database.js';
import * as m0001 from './migrations/2026-11-22-0001-foundation.js';
import * as m0010auth from './migrations/2026-11-22-0010-auth.js';
import * as m0020 from './migrations/2026-11-22-0020-people-search-words.js';
import * as m0030 from './migrations/2026-11-22-0030-plans.js';
import * as m0040 from './migrations/2026-11-22-0040-assessment.js';
import * as m0041 from './migrations/2026-11-22-0041-plan-cascade.js';
import * as m0042 from './migrations/2026-11-22-0042-registration-reminders.js';
import * as m0044 from './migrations/2026-11-22-0044-assessment-workflow.js';
import * as m0045 from './migrations/2026-11-22-0045-dashboard.js';
import * as m0051 from './migrations/2026-11-22-0051-notifications.js';
import * as m0052 from './migrations/2026-11-22-0052-reports.js';
import * as m0053 from './migrations/2026-11-22-0053-reports-core.js';
import * as m0054 from './migrations/2026-11-22-0054-report-periods.js';
import * as m1207s from './migrations/2026-12-07-0200-sign-in-throttles.js';
import * as m20261207_0300 from './migrations/2026-12-07-0300-unit-document-settings.js';
import * as m1207n from './migrations/2026-12-07-0600-notification-preferences.js';
import * as m1207years from './migrations/2026-12-07-0500-plan-years.js';
import * as m1207codes from './migrations/2026-12-07-0700-award-codes.js';
import * as m1207records from './migrations/2026-12-07-0800-achievement-records.js';
import * as m1208rounds from './migrations/2026-12-08-0100-award-rounds.js';
import * as m1208fund from './migrations/2026-12-08-0200-award-fund.js';
import * as m1208review from './migrations/2026-12-08-0300-granted-review.js';

// Append-only: add a new file and a line here; never edit one that has shipped.
const migrations: Record<string, Migration> = {
  '2026-11-22-0001-foundation': m0001,
  '2026-11-22-0010-auth': m0010auth,
  '2026-11-22-0020-people-search-words': m0020,
  '2026-11-22-0030-plans': m0030,
  '2026-11-22-0040-assessment': m0040,
  '2026-11-22-0041-plan-cascade': m0041,
  '2026-11-22-0042-registration-reminders': m0042,
  '2026-11-22-0044-assessment-workflow': m0044,
  '2026-11-22-0045-dashboard': m0045,
  '2026-11-22-0051-notifications': m0051,
  '2026-11-22-0052-reports': m0052,
  '2026-11-22-0053-reports-core': m0053,
  '2026-11-22-0054-report-periods': m0054,
  '2026-12-07-0200-sign-in-throttles': m1207s,
  '2026-12-07-0300-unit-document-settings': m20261207_0300,
  '2026-12-07-0600-notification-preferences': m1207n,
  '2026-12-07-0700-award-codes': m1207codes,
  '2026-12-07-0800-achievement-records': m1207records,
  '2026-12-08-0100-award-rounds': m1208rounds,
  '2026-12-08-0200-award-fund': m1208fund,
  '2026-12-08-0300-granted-review': m1208review,
  '2026-12-07-0500-plan-years': m1207years,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
