import { sql, type Kysely } from 'kysely';

// Wrong sign-ins counted per address and account together (địa chỉ + tài khoản): one person's
// mistakes slow down only their own pair, so colleagues behind the same public address still sign
// in; an address that tries many accounts meets the looser per-address cap (sign_in_attempts).
// In the database, as every server process must see the same counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sign_in_throttles (
      ip text NOT NULL,
      username citext NOT NULL,
      -- Attempts counted as failures until one succeeds (the row then goes).
      failures int NOT NULL CHECK (failures >= 0),
      last_failure_at timestamptz NOT NULL,
      -- The pair's next attempt is answered only from this instant.
      blocked_until timestamptz NOT NULL,
      PRIMARY KEY (ip, username)
    );
    CREATE INDEX sign_in_throttles_last_failure_idx ON sign_in_throttles (last_failure_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sign_in_throttles`.execute(db);
}
