import { sql, type Kysely } from 'kysely';

// The record of achievements (hồ sơ thành tích) that the eligibility of titles and awards looks back
// on (modules/awards): the yearly rating, the titles and awards granted, the initiatives recognised.
// Discipline comes from the disciplines table. Rows entered in error are revoked with a reason, never
// deleted. A person's rows keep the unit they were recorded under; they follow the person.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The year's rating (xếp loại chất lượng), one per subject and year.
    CREATE TABLE yearly_ratings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      subject text NOT NULL CHECK (subject IN ('individual', 'collective')),
      person_id bigint REFERENCES people(id),
      unit_id bigint NOT NULL REFERENCES units(id),
      year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      rating text NOT NULL CHECK (rating IN ('khong_hoan_thanh', 'hoan_thanh', 'hoan_thanh_tot', 'hoan_thanh_xuat_sac')),
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((subject = 'individual') = (person_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX yearly_ratings_person_year ON yearly_ratings (person_id, year) WHERE subject = 'individual';
    CREATE UNIQUE INDEX yearly_ratings_unit_year ON yearly_ratings (unit_id, year) WHERE subject = 'collective';

    -- Titles and awards granted (danh hiệu, hình thức khen thưởng đã được tặng), with their decision.
    CREATE TABLE granted_awards (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      subject text NOT NULL CHECK (subject IN ('individual', 'collective')),
      person_id bigint REFERENCES people(id),
      unit_id bigint NOT NULL REFERENCES units(id),
      year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      award_code text NOT NULL CHECK (award_code IN ('lao_dong_tien_tien', 'chien_si_thi_dua_co_so', 'chien_si_thi_dua_tinh',
        'chien_si_thi_dua_toan_quoc', 'tap_the_lao_dong_tien_tien', 'tap_the_lao_dong_xuat_sac', 'co_thi_dua_tinh',
        'co_thi_dua_chinh_phu', 'giay_khen', 'bang_khen_tinh', 'bang_khen_thu_tuong', 'huan_chuong_lao_dong_hang_ba')),
      kind text NOT NULL DEFAULT 'cong_trang' CHECK (kind IN ('cong_trang', 'chuyen_de', 'dot_xuat', 'cong_hien', 'nien_han', 'doi_ngoai')),
      decision_number text,
      decided_on date,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_reason text,
      CHECK ((subject = 'individual') = (person_id IS NOT NULL))
    );
    CREATE INDEX granted_awards_person_idx ON granted_awards (person_id, year);
    -- The same title or award twice in a year is a mistake of entry.
    CREATE UNIQUE INDEX granted_awards_once ON granted_awards (person_id, year, award_code, kind) WHERE subject = 'individual' AND revoked_at IS NULL;
    CREATE INDEX granted_awards_unit_idx ON granted_awards (unit_id, year);

    -- Initiatives (sáng kiến) recognised, by their author.
    CREATE TABLE initiatives (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      person_id bigint NOT NULL REFERENCES people(id),
      unit_id bigint NOT NULL REFERENCES units(id),
      year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      title text NOT NULL,
      level text NOT NULL CHECK (level IN ('co_so', 'tinh', 'toan_quoc')),
      decision_number text,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_reason text
    );
    CREATE INDEX initiatives_person_idx ON initiatives (person_id, year);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE initiatives, granted_awards, yearly_ratings`.execute(db);
}
