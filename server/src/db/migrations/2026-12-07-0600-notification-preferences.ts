import { sql, type Kysely } from 'kysely';

// How each person wants each kind of notice (thông báo): in the app only, by e-mail too, or in one
// daily digest mail (tóm tắt hằng ngày). A missing row means the kind's default. Each notice keeps
// the channel it was delivered on, and a digested notice when it went out in a digest.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_preferences (
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      -- A notice kind of the registry (assessment.submitted, report.returned, …).
      kind text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('app', 'email', 'digest')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, kind)
    );

    ALTER TABLE notifications
      ADD COLUMN channel text NOT NULL DEFAULT 'app' CHECK (channel IN ('app', 'email', 'digest')),
      ADD COLUMN digested_at timestamptz;
    -- The daily digest looks only at notices still waiting for it.
    CREATE INDEX notifications_digest_idx ON notifications (created_at) WHERE channel = 'digest' AND digested_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX notifications_digest_idx;
    ALTER TABLE notifications DROP COLUMN digested_at, DROP COLUMN channel;
    DROP TABLE notification_preferences;
  `.execute(db);
}
