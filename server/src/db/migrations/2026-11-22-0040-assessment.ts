import { sql, type Kysely } from 'kysely';

// The core loop after a plan is published: registration (đăng ký thi đua), assessment (đánh giá,
// chấm điểm) per criterion through self → unit head → council, evidence (minh chứng), and the
// discipline (kỷ luật) that caps a classification. Every row that a later rating, inspection finding
// or violation needs to point at carries the movement, the year, the unit and — for individuals —
// the person.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Versions and the rules of classification, per plan.
    ALTER TABLE plans
      ADD COLUMN supersedes_plan_id bigint REFERENCES plans(id),
      -- Bands (xếp loại) as data: highest first; the default is Nghị định 335/2025's.
      -- A plan without points classifies by the share of criteria met against the same minimums.
      ADD COLUMN classification_bands jsonb NOT NULL DEFAULT '[
        {"key": "excellent", "vi": "Xuất sắc", "en": "Excellent", "min": 90},
        {"key": "good", "vi": "Tốt", "en": "Good", "min": 70},
        {"key": "pass", "vi": "Đạt", "en": "Pass", "min": 50},
        {"key": "fail", "vi": "Không đạt", "en": "Fail", "min": 0}
      ]'::jsonb,
      -- A self-score above the reviewer's by more than this many points is flagged for the council.
      ADD COLUMN overscore_margin numeric(8, 2) NOT NULL DEFAULT 10 CHECK (overscore_margin >= 0);
    CREATE INDEX plans_supersedes_idx ON plans (supersedes_plan_id);

    -- Titles (danh hiệu thi đua) a subject may aim for; conditions for them arrive as dated rules.
    CREATE TABLE emulation_titles (
      code text PRIMARY KEY,
      subject text NOT NULL CHECK (subject IN ('collective', 'individual')),
      name text NOT NULL,
      name_en text NOT NULL,
      rank int NOT NULL
    );
    INSERT INTO emulation_titles (code, subject, name, name_en, rank) VALUES
      ('lao_dong_tien_tien', 'individual', 'Lao động tiên tiến', 'Advanced worker', 10),
      ('chien_si_thi_dua_co_so', 'individual', 'Chiến sĩ thi đua cơ sở', 'Grassroots emulation fighter', 20),
      ('chien_si_thi_dua_cap_tinh', 'individual', 'Chiến sĩ thi đua cấp tỉnh', 'Provincial emulation fighter', 30),
      ('chien_si_thi_dua_toan_quoc', 'individual', 'Chiến sĩ thi đua toàn quốc', 'National emulation fighter', 40),
      ('tap_the_lao_dong_tien_tien', 'collective', 'Tập thể lao động tiên tiến', 'Advanced collective', 10),
      ('tap_the_lao_dong_xuat_sac', 'collective', 'Tập thể lao động xuất sắc', 'Excellent collective', 20),
      ('co_thi_dua_cap_tinh', 'collective', 'Cờ thi đua cấp tỉnh', 'Provincial emulation flag', 30),
      ('co_thi_dua_chinh_phu', 'collective', 'Cờ thi đua của Chính phủ', 'Government emulation flag', 40);

    -- Registration (đăng ký thi đua): one per subject, movement and year, against the plan that
    -- applies to the subject (its own unit's, or the nearest one above).
    CREATE TABLE registrations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id),
      movement_id bigint NOT NULL REFERENCES movements(id),
      year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      subject text NOT NULL CHECK (subject IN ('collective', 'individual')),
      unit_id bigint NOT NULL REFERENCES units(id),
      person_id bigint REFERENCES people(id),
      title_code text NOT NULL REFERENCES emulation_titles(code),
      commitments text,
      status text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'withdrawn')),
      registered_by bigint REFERENCES users(id),
      registered_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((subject = 'individual') = (person_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX registrations_person_uq ON registrations (movement_id, year, person_id) WHERE person_id IS NOT NULL;
    CREATE UNIQUE INDEX registrations_collective_uq ON registrations (movement_id, year, unit_id) WHERE person_id IS NULL;
    CREATE INDEX registrations_unit_idx ON registrations (unit_id, movement_id, year);
    CREATE INDEX registrations_plan_idx ON registrations (plan_id, year);

    -- Assessment (đánh giá): one per subject, movement and year. stage says who holds it now:
    -- self (the person, or the unit for a collective) → review (the unit head; for a collective the
    -- level above) → council (Hội đồng TĐKT) → final (locked).
    CREATE TABLE assessments (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES plans(id),
      movement_id bigint NOT NULL REFERENCES movements(id),
      year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      subject text NOT NULL CHECK (subject IN ('collective', 'individual')),
      unit_id bigint NOT NULL REFERENCES units(id),
      person_id bigint REFERENCES people(id),
      registration_id bigint REFERENCES registrations(id),
      stage text NOT NULL DEFAULT 'self' CHECK (stage IN ('self', 'review', 'council', 'final')),
      self_total numeric(8, 2),
      review_total numeric(8, 2),
      council_total numeric(8, 2),
      -- For plans without points: criteria met out of those assessed at the latest stage.
      met_count int,
      criteria_count int,
      -- The band key from plans.classification_bands, once classified; a cap lowers it.
      classification text,
      capped_by text CHECK (capped_by IN ('veto', 'discipline')),
      cap_reason text,
      overscore_flag boolean NOT NULL DEFAULT false,
      returned_reason text,
      returned_from text CHECK (returned_from IN ('review', 'council', 'final')),
      returned_by bigint REFERENCES users(id),
      returned_at timestamptz,
      submitted_at timestamptz,
      reviewed_by bigint REFERENCES users(id),
      reviewed_at timestamptz,
      finalised_by bigint REFERENCES users(id),
      finalised_at timestamptz,
      -- Finalised before all of its members/children were final: why.
      override_reason text,
      -- Optimistic concurrency for the score grid: a stale save answers 409.
      revision int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((subject = 'individual') = (person_id IS NOT NULL)),
      UNIQUE (id, plan_id)
    );
    CREATE UNIQUE INDEX assessments_person_uq ON assessments (movement_id, year, person_id) WHERE person_id IS NOT NULL;
    CREATE UNIQUE INDEX assessments_collective_uq ON assessments (movement_id, year, unit_id) WHERE person_id IS NULL;
    CREATE INDEX assessments_unit_idx ON assessments (unit_id, movement_id, year);
    CREATE INDEX assessments_plan_idx ON assessments (plan_id, year, stage);

    -- One row per criterion assessed; a criterion of another plan cannot be scored here.
    CREATE TABLE assessment_scores (
      assessment_id bigint NOT NULL,
      plan_id bigint NOT NULL,
      criterion_id bigint NOT NULL,
      self_points numeric(8, 2) CHECK (self_points >= 0),
      self_met boolean,
      self_note text,
      review_points numeric(8, 2) CHECK (review_points >= 0),
      review_met boolean,
      review_note text,
      council_points numeric(8, 2) CHECK (council_points >= 0),
      council_met boolean,
      council_note text,
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (assessment_id, criterion_id),
      FOREIGN KEY (assessment_id, plan_id) REFERENCES assessments (id, plan_id) ON DELETE CASCADE,
      FOREIGN KEY (plan_id, criterion_id) REFERENCES plan_criteria (plan_id, id)
    );

    -- Evidence (minh chứng): a file, a phone photo, a link or a note, for one assessment and,
    -- usually, one criterion. Files live in storage (disk, or S3-compatible) under storage_key.
    CREATE TABLE evidence (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      assessment_id bigint NOT NULL,
      plan_id bigint NOT NULL,
      criterion_id bigint,
      kind text NOT NULL CHECK (kind IN ('file', 'photo', 'link', 'note')),
      file_name text,
      content_type text,
      size_bytes bigint CHECK (size_bytes >= 0),
      sha256 text,
      storage text CHECK (storage IN ('disk', 's3')),
      storage_key text,
      url text,
      note text,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_by bigint REFERENCES users(id),
      deleted_at timestamptz,
      FOREIGN KEY (assessment_id, plan_id) REFERENCES assessments (id, plan_id),
      FOREIGN KEY (plan_id, criterion_id) REFERENCES plan_criteria (plan_id, id),
      CHECK (kind NOT IN ('file', 'photo') OR storage_key IS NOT NULL),
      CHECK (kind <> 'link' OR url IS NOT NULL),
      CHECK (kind <> 'note' OR note IS NOT NULL)
    );
    CREATE INDEX evidence_assessment_idx ON evidence (assessment_id, criterion_id) WHERE deleted_at IS NULL;

    -- Discipline (kỷ luật) decided for a person: in the year of decided_on it caps the person's
    -- classification; later violations (vi phạm) will point here.
    CREATE TABLE disciplines (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      person_id bigint NOT NULL REFERENCES people(id),
      unit_id bigint NOT NULL REFERENCES units(id),
      form text NOT NULL CHECK (form IN ('reprimand', 'warning', 'salary_step_down', 'demotion', 'removal', 'dismissal')),
      decided_on date NOT NULL,
      decision_number text,
      reason text NOT NULL,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_reason text
    );
    CREATE INDEX disciplines_person_idx ON disciplines (person_id, decided_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE disciplines, evidence, assessment_scores, assessments, registrations, emulation_titles;
    ALTER TABLE plans DROP COLUMN supersedes_plan_id, DROP COLUMN classification_bands, DROP COLUMN overscore_margin;
  `.execute(db);
}
