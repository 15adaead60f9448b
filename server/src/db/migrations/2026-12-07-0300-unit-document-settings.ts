import { sql, type Kysely } from 'kysely';

// A unit's document settings (thể thức văn bản, Nghị định 30/2020): the issuer lines as officials
// write them ("UBND TỈNH KHÁNH HÒA" over "SỞ NỘI VỤ"; "ỦY BAN NHÂN DÂN" over "PHƯỜNG NHA TRANG"),
// the issuer's code in "Số: 125/BC-UBND", the place before the date and the signature block (TM./KT./Q.,
// the signer's title and name). One row per unit that set them; without a row the documents take
// what the organisation tree suggests, as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE unit_document_settings (
      unit_id bigint PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
      governing_body text NOT NULL DEFAULT '',
      issuing_body text NOT NULL CHECK (issuing_body <> ''),
      code_suffix text NOT NULL CHECK (code_suffix <> ''),
      place text NOT NULL CHECK (place <> ''),
      sign_prefix text CHECK (sign_prefix IN ('TM.', 'KT.', 'Q.')),
      sign_authority text NOT NULL DEFAULT '',
      signer_title text NOT NULL DEFAULT '',
      signer_name text NOT NULL DEFAULT '',
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (sign_prefix IS NULL OR sign_authority <> ''),
      CHECK (sign_prefix IS NOT NULL OR signer_title <> '')
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE unit_document_settings`.execute(db);
}
