import { sql, type Kysely } from 'kysely';

// Notifications (thông báo) and the delivery ledger (sổ gửi) that makes each one go out exactly once,
// however many server processes run the same reminder; and the secret token behind each user's
// iCalendar feed of deadlines (lịch hạn báo cáo).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      -- A path inside the web app; mails make it absolute with the public URL.
      link text CHECK (link IS NULL OR link LIKE '/%'),
      -- The same notice (a reminder for one report on one date) is stored once per user.
      dedupe_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      UNIQUE (user_id, dedupe_key)
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
    CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

    -- One row per notice per channel per recipient. A process claims the key (INSERT … ON CONFLICT
    -- DO NOTHING) before it sends; sent_at is set once the mail is out. A failed send clears
    -- claimed_at so that a retry may claim it again.
    CREATE TABLE deliveries (
      key text PRIMARY KEY,
      channel text NOT NULL CHECK (channel IN ('email', 'app')),
      recipient text NOT NULL,
      claimed_at timestamptz DEFAULT now(),
      sent_at timestamptz,
      attempts int NOT NULL DEFAULT 1 CHECK (attempts >= 0),
      last_error text
    );

    CREATE TABLE calendar_tokens (
      user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      -- sha256 of the token in the feed URL: a leaked database does not leak the feeds.
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE calendar_tokens, deliveries, notifications`.execute(db);
}
