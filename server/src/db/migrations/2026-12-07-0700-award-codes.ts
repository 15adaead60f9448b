import { sql, type Kysely } from 'kysely';

// One code per title across the system: the commendation engine (modules/awards) names the provincial
// titles chien_si_thi_dua_tinh and co_thi_dua_tinh, as its file format does; registrations follow.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO emulation_titles (code, subject, name, name_en, rank)
      SELECT 'chien_si_thi_dua_tinh', subject, name, name_en, rank FROM emulation_titles WHERE code = 'chien_si_thi_dua_cap_tinh';
    INSERT INTO emulation_titles (code, subject, name, name_en, rank)
      SELECT 'co_thi_dua_tinh', subject, name, name_en, rank FROM emulation_titles WHERE code = 'co_thi_dua_cap_tinh';
    UPDATE registrations SET title_code = 'chien_si_thi_dua_tinh' WHERE title_code = 'chien_si_thi_dua_cap_tinh';
    UPDATE registrations SET title_code = 'co_thi_dua_tinh' WHERE title_code = 'co_thi_dua_cap_tinh';
    DELETE FROM emulation_titles WHERE code IN ('chien_si_thi_dua_cap_tinh', 'co_thi_dua_cap_tinh');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO emulation_titles (code, subject, name, name_en, rank)
      SELECT 'chien_si_thi_dua_cap_tinh', subject, name, name_en, rank FROM emulation_titles WHERE code = 'chien_si_thi_dua_tinh';
    INSERT INTO emulation_titles (code, subject, name, name_en, rank)
      SELECT 'co_thi_dua_cap_tinh', subject, name, name_en, rank FROM emulation_titles WHERE code = 'co_thi_dua_tinh';
    UPDATE registrations SET title_code = 'chien_si_thi_dua_cap_tinh' WHERE title_code = 'chien_si_thi_dua_tinh';
    UPDATE registrations SET title_code = 'co_thi_dua_cap_tinh' WHERE title_code = 'co_thi_dua_tinh';
    DELETE FROM emulation_titles WHERE code IN ('chien_si_thi_dua_tinh', 'co_thi_dua_tinh');
  `.execute(db);
}
