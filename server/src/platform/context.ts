import type { Config } from './config.js';
import type { Database } from './database.js';
import type { Mailer } from './mail.js';

/** What every module is built from: no global clients, everything passed in. */
export interface AppContext {
  db: Database;
  config: Config;
  mailer: Mailer;
}
