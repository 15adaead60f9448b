import { sql, type Kysely } from 'kysely';

// Short search words ("Lê", "Đỗ", "Hà") get no help from trigrams: they are matched as whole words
// against this array, through its own GIN index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE people ADD COLUMN search_words text[] GENERATED ALWAYS AS (string_to_array(f_unaccent(full_name || coalesce(' ' || code, '')), ' ')) STORED;
    CREATE INDEX people_search_words_gin ON people USING gin (search_words);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE people DROP COLUMN search_words`.execute(db);
}
