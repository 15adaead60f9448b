import { sql, type Kysely } from 'kysely';

// The commendation flow inside a unit (modules/commendations): a round of bình xét opened by the
// unit, the nominees the system proposed from the record (with the conditions that decided it), the
// council's secret ballot, and the decision (quyết định khen thưởng) that writes the awards to each
// record with their bonus.
//
// Secrecy of the ballot: who has voted (round_voters) and how the votes fell (the counters on each
// nomination) are kept apart, and a ballot adds to the counters in the same transaction that records
// its voter — no row ever holds a voter beside a choice, so nobody, the administrator included, can
// link the two.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE award_rounds (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES units(id),
      year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      kind text NOT NULL CHECK (kind IN ('cong_trang', 'chuyen_de')),
      name text NOT NULL,
      -- The proposal's date: the rules in force on it judge every nominee.
      proposed_on date NOT NULL,
      -- Chiến sĩ thi đua cơ sở at most this share of those at Lao động tiên tiến; null: no quota.
      quota_percent numeric(5, 2) CHECK (quota_percent > 0 AND quota_percent <= 100),
      status text NOT NULL DEFAULT 'proposing' CHECK (status IN ('proposing', 'voting', 'voted', 'decided')),
      members_total int,
      opened_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      vote_opened_at timestamptz,
      vote_closed_at timestamptz,
      revision int NOT NULL DEFAULT 1
    );
    -- One yearly round per unit and year; a movement's reviews may be several.
    CREATE UNIQUE INDEX award_rounds_yearly ON award_rounds (unit_id, year) WHERE kind = 'cong_trang';
    CREATE INDEX award_rounds_unit_idx ON award_rounds (unit_id, year);

    CREATE TABLE round_nominations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES award_rounds(id) ON DELETE CASCADE,
      subject text NOT NULL CHECK (subject IN ('individual', 'collective')),
      person_id bigint REFERENCES people(id),
      unit_id bigint NOT NULL REFERENCES units(id),
      award_code text,
      -- proposed: on the list; short: falls short (the reason says why); excluded: taken off by the council.
      status text NOT NULL CHECK (status IN ('proposed', 'short', 'excluded')),
      reason text NOT NULL,
      reason_en text NOT NULL,
      conditions jsonb NOT NULL DEFAULT '[]',
      note text,
      score numeric(7, 2),
      yes_votes int NOT NULL DEFAULT 0,
      no_votes int NOT NULL DEFAULT 0,
      approved boolean,
      CHECK ((subject = 'individual') = (person_id IS NOT NULL)),
      CHECK (status = 'short' OR award_code IS NOT NULL)
    );
    CREATE UNIQUE INDEX round_nominations_person ON round_nominations (round_id, person_id) WHERE subject = 'individual';
    CREATE UNIQUE INDEX round_nominations_unit ON round_nominations (round_id, unit_id) WHERE subject = 'collective';

    -- The council's members when the vote opened; each casts one ballot.
    CREATE TABLE round_members (
      round_id bigint NOT NULL REFERENCES award_rounds(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id),
      PRIMARY KEY (round_id, user_id)
    );
    -- Who has voted, never how.
    CREATE TABLE round_voters (
      round_id bigint NOT NULL REFERENCES award_rounds(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id),
      PRIMARY KEY (round_id, user_id)
    );

    CREATE TABLE award_decisions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      round_id bigint NOT NULL UNIQUE REFERENCES award_rounds(id),
      unit_id bigint NOT NULL REFERENCES units(id),
      number int NOT NULL CHECK (number > 0),
      code text NOT NULL,
      signed_on date NOT NULL,
      signer_name text NOT NULL,
      signer_title text NOT NULL,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- A number is used once a year by its issuer.
    CREATE UNIQUE INDEX award_decisions_number ON award_decisions (unit_id, (extract(year FROM signed_on)), number);

    ALTER TABLE granted_awards
      ADD COLUMN decision_id bigint REFERENCES award_decisions(id),
      ADD COLUMN bonus_coefficient numeric(6, 2),
      ADD COLUMN base_salary bigint,
      ADD COLUMN bonus_amount bigint;
    CREATE INDEX granted_awards_decision_idx ON granted_awards (decision_id) WHERE decision_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE granted_awards DROP COLUMN decision_id, DROP COLUMN bonus_coefficient, DROP COLUMN base_salary, DROP COLUMN bonus_amount;
    DROP TABLE award_decisions, round_voters, round_members, round_nominations, award_rounds;
  `.execute(db);
}
