import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from './database.js';

// SQL fragments every list shares: diacritics-free search, subtree scoping and Vietnamese order.
// One place, so that units, people, accounts and the audit log search alike.

/** Words beyond this add little to a name search and would only slow the query. */
const MAX_WORDS = 8;

/** Escapes LIKE wildcards typed by a user so that "50%" means the characters, not a pattern. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}

/** Splits a search box into words. Unaccenting happens in SQL (f_unaccent): JavaScript's NFD leaves đ/Đ alone. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS);
}

/** Below this length a trigram index cannot narrow a LIKE: such words are matched as whole syllables. */
const SHORT_WORD = 3;

/**
 * Every word occurs in the generated search_key (f_unaccent of name and code), so
 * "nguyen van duc" and "NGUYEN VAN ĐUC" both find "Nguyễn Văn Đức"; the GIN trigram index on
 * search_key serves each LIKE. Where the table also has a word array (`wordsColumn`), one- and
 * two-letter words ("Lê", "Đỗ") must equal a whole syllable, through that array's GIN index: as
 * substrings they would match most of the table. (Measured on 3 million people: treating
 * three-letter words the same way made common syllables such as "van" slower, not faster.)
 */
export function matchesAllWords(column: string, words: string[], wordsColumn?: string): RawBuilder<SqlBool> {
  if (words.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.join(
    words.map((w) =>
      wordsColumn && [...w].length < SHORT_WORD
        ? sql`${sql.ref(wordsColumn)} @> array[f_unaccent(${w})]`
        : sql`${sql.ref(column)} like '%' || f_unaccent(${escapeLike(w)}) || '%'`,
    ),
    sql` and `,
  )})`;
}

/**
 * The ltree `column` lies in one of the subtrees rooted at `roots`. One `<@` per root, so the GiST
 * index answers each (a bitmap OR); an empty list matches nothing (deny by default).
 */
export function withinAny(column: string, roots: string[]): RawBuilder<SqlBool> {
  if (roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    roots.map((r) => sql`${sql.ref(column)} <@ ${r}::ltree`),
    sql` or `,
  )})`;
}

/** ICU's Vietnamese collation: sorts "Dũng" before "Đức", which code-point order does not. */
export const VIETNAMESE_COLLATION = 'vi-x-icu';

const collationCache = new WeakMap<object, Promise<string | null>>();

/**
 * The collation to sort names by, or null when this PostgreSQL was built without ICU.
 * Asked once per database handle: the answer cannot change while the server runs.
 */
export function nameCollation(db: Executor): Promise<string | null> {
  let cached = collationCache.get(db);
  if (!cached) {
    cached = sql<{ ok: boolean }>`select exists (select 1 from pg_collation where collname = ${VIETNAMESE_COLLATION}) as ok`
      .execute(db)
      .then((r) => (r.rows[0]?.ok === true ? VIETNAMESE_COLLATION : null));
    // A failed probe (database briefly down) is asked again next time, not remembered.
    void cached.catch(() => collationCache.delete(db));
    collationCache.set(db, cached);
  }
  return cached;
}

/** `column` in Vietnamese order when the collation exists, else in the database's default order. */
export function orderByName(column: string, collation: string | null): RawBuilder<unknown> {
  return collation ? sql`${sql.ref(column)} collate ${sql.id(collation)}` : sql`${sql.ref(column)}`;
}
