import { sql, type Kysely } from 'kysely';

// Reminders to register (nhắc đăng ký thi đua): one row per unit reminded, so the board shows when
// a unit was last reminded and a second click within the hour does not mail everyone again.
// sent_at is set by the job once the mails have gone: a job run twice sends once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE registration_reminders (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      movement_id bigint NOT NULL REFERENCES movements(id),
      year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      unit_id bigint NOT NULL REFERENCES units(id),
      sent_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      -- What the job found when it ran: people not yet registered, and mails sent.
      unregistered_count int,
      mail_count int,
      failure text
    );
    CREATE INDEX registration_reminders_unit_idx ON registration_reminders (unit_id, movement_id, year, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE registration_reminders`.execute(db);
}
