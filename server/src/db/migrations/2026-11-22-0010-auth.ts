import { sql, type Kysely } from 'kysely';

// Accounts' authentication: TOTP set-up in two steps, password-reset throttling, lookups for clean-up.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A secret shown to the user but not yet confirmed with a code: sign-in keeps using totp_secret
    -- until POST /api/auth/mfa/enable proves the authenticator app holds the new one.
    ALTER TABLE users ADD COLUMN totp_pending_secret text;

    -- One row per "forgot password" request, counted per address so the endpoint cannot be used
    -- to flood mailboxes; kept apart from sign_in_attempts so it never locks anyone out of signing in.
    CREATE TABLE password_reset_requests (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ip text,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_reset_requests_ip_at_idx ON password_reset_requests (ip, at);

    CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id);
    CREATE INDEX sso_flows_created_idx ON sso_flows (created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS sso_flows_created_idx;
    DROP INDEX IF EXISTS password_reset_tokens_user_idx;
    DROP TABLE IF EXISTS password_reset_requests;
    ALTER TABLE users DROP COLUMN IF EXISTS totp_pending_secret;
  `.execute(db);
}
