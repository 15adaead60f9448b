import type { Now } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './database.js';
import type { Jobs } from './jobs.js';
import type { Mailer } from './mail.js';

/** What every module is built from: no global clients, everything passed in. */
export interface AppContext {
  db: Database;
  config: Config;
  mailer: Mailer;
  /** Background jobs (pg-boss in the server; inline in most tests). */
  jobs: Jobs;
  /** The one clock: what time it is for every rule, query and job (tests pin it). */
  now: Now;
}
