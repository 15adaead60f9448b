import { sql, type Kysely } from 'kysely';

// Foundation: organisation tree, blocks, people, accounts, roles, sessions, audit chain, imports.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS ltree;
    CREATE EXTENSION IF NOT EXISTS citext;

    -- Diacritics- and case-insensitive search key: "Nguyễn Văn Đức" -> "nguyen van duc".
    -- Immutable (dictionary named) so that it can back a generated column and an index.
    CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $fn$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $fn$;

    -- Units (cơ quan, đơn vị, xã/phường, trường) in a tree of any depth; path is an ltree of ids.
    CREATE SEQUENCE units_id_seq;
    CREATE TABLE units (
      id bigint PRIMARY KEY DEFAULT nextval('units_id_seq'),
      parent_id bigint REFERENCES units(id),
      path ltree NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      short_name text,
      kind text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'dissolved')),
      valid_from date NOT NULL DEFAULT current_date,
      valid_to date,
      successor_id bigint REFERENCES units(id),
      retire_note text,
      search_key text GENERATED ALWAYS AS (f_unaccent(name || ' ' || code)) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    ALTER SEQUENCE units_id_seq OWNED BY units.id;
    CREATE UNIQUE INDEX units_code_key ON units (lower(code));
    CREATE INDEX units_path_gist ON units USING gist (path);
    CREATE INDEX units_parent_idx ON units (parent_id);
    CREATE INDEX units_successor_idx ON units (successor_id);
    CREATE INDEX units_search_trgm ON units USING gin (search_key gin_trgm_ops);

    -- Blocks (Khối/Cụm thi đua) per year, organised by a unit.
    CREATE TABLE blocks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      year int NOT NULL,
      kind text NOT NULL CHECK (kind IN ('khoi', 'cum')),
      name text NOT NULL,
      organizer_unit_id bigint NOT NULL REFERENCES units(id),
      head_unit_id bigint REFERENCES units(id),
      deputy_unit_id bigint REFERENCES units(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organizer_unit_id, year, name)
    );
    CREATE TABLE block_members (
      block_id bigint NOT NULL REFERENCES blocks(id) ON DELETE CASCADE,
      unit_id bigint NOT NULL REFERENCES units(id),
      PRIMARY KEY (block_id, unit_id)
    );
    CREATE INDEX block_members_unit_idx ON block_members (unit_id);

    -- People (CBCCVC, người lao động, lực lượng vũ trang).
    CREATE TABLE people (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text,
      full_name text NOT NULL,
      gender text NOT NULL CHECK (gender IN ('male', 'female', 'other')),
      birth_date date,
      category text NOT NULL,
      position text,
      unit_id bigint NOT NULL REFERENCES units(id),
      email citext,
      phone text,
      is_active boolean NOT NULL DEFAULT true,
      search_key text GENERATED ALWAYS AS (f_unaccent(full_name || coalesce(' ' || code, ''))) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX people_code_key ON people (lower(code)) WHERE code IS NOT NULL;
    CREATE INDEX people_unit_idx ON people (unit_id);
    CREATE INDEX people_search_trgm ON people USING gin (search_key gin_trgm_ops);

    -- Where a person worked and when (điều động, luân chuyển).
    CREATE TABLE person_assignments (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      person_id bigint NOT NULL REFERENCES people(id),
      unit_id bigint NOT NULL REFERENCES units(id),
      position text,
      started_on date NOT NULL,
      ended_on date
    );
    CREATE INDEX person_assignments_person_idx ON person_assignments (person_id);
    CREATE INDEX person_assignments_unit_idx ON person_assignments (unit_id);

    -- Accounts.
    CREATE TABLE users (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username citext NOT NULL UNIQUE,
      display_name text NOT NULL,
      email citext,
      person_id bigint UNIQUE REFERENCES people(id),
      password_hash text,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      totp_last_step bigint,
      oidc_subject text UNIQUE,
      is_active boolean NOT NULL DEFAULT true,
      failed_sign_ins int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      search_key text GENERATED ALWAYS AS (f_unaccent(display_name || ' ' || username::text)) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX users_email_idx ON users (email);
    CREATE INDEX users_search_trgm ON users USING gin (search_key gin_trgm_ops);

    -- A role granted at a unit holds for its whole subtree.
    CREATE TABLE role_grants (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL,
      unit_id bigint NOT NULL REFERENCES units(id),
      granted_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, role, unit_id)
    );
    CREATE INDEX role_grants_unit_idx ON role_grants (unit_id);

    -- Server-side sessions, so that any number of server processes serve one user.
    CREATE TABLE sessions (
      id text PRIMARY KEY, -- sha256 of the cookie token
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    CREATE TABLE sign_in_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username citext NOT NULL,
      ip text,
      succeeded boolean NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sign_in_attempts_ip_at_idx ON sign_in_attempts (ip, at);

    CREATE TABLE password_reset_tokens (
      token_hash text PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    -- State of a single sign-on round trip (state, nonce, PKCE verifier), shared by all processes.
    CREATE TABLE sso_flows (
      state text PRIMARY KEY,
      code_verifier text NOT NULL,
      nonce text NOT NULL,
      return_to text,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Append-only audit log chained by hashes (thidua audit verify).
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_user_id bigint,
      actor_name text,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text,
      unit_id bigint,
      unit_path ltree,
      before jsonb,
      after jsonb,
      ip text,
      user_agent text,
      prev_hash text,
      hash text NOT NULL
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id);
    CREATE INDEX audit_log_at_idx ON audit_log (at);
    CREATE INDEX audit_log_unit_path_gist ON audit_log USING gist (unit_path);
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $fn$;
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

    -- Imports of units and people from XLSX/CSV: state lives here so any process can report progress.
    CREATE TABLE import_jobs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      status text NOT NULL,
      file_name text NOT NULL,
      file bytea,
      created_by bigint NOT NULL REFERENCES users(id),
      total_rows int NOT NULL DEFAULT 0,
      processed_rows int NOT NULL DEFAULT 0,
      good_rows int NOT NULL DEFAULT 0,
      bad_rows int NOT NULL DEFAULT 0,
      imported_rows int NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      failure text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`.execute(db);
}
