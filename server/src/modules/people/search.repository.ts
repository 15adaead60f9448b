import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';

// SQL fragments shared by the people and accounts repositories: subtree scoping, diacritics-free
// search and Vietnamese ordering. Kept here so that both lists behave alike.

/** Words beyond this add little to a name search and would only slow the query. */
const MAX_WORDS = 8;

/**
 * Splits a search box into words, with LIKE's wildcards escaped so that "%" or "_" typed by a
 * user match themselves. Unaccenting happens in SQL: JavaScript's NFD leaves đ/Đ alone.
 */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/**
 * Every word occurs in the generated search_key (f_unaccent of name and code), so
 * "nguyen van duc" and "NGUYEN VAN ĐUC" both find "Nguyễn Văn Đức". The GIN trigram index on
 * search_key serves each LIKE.
 */
export function matchesAllWords(column: string, words: string[]): RawBuilder<SqlBool> {
  if (words.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.join(
    words.map((w) => sql`${sql.ref(column)} like '%' || f_unaccent(${w}) || '%'`),
    sql` and `,
  )})`;
}

/**
 * The ltree `column` lies in one of the subtrees rooted at `roots`. One `<@` per root, so the GiST
 * index on units.path answers each (a bitmap OR); an empty list matches nothing (deny by default).
 */
export function withinAny(column: string, roots: string[]): RawBuilder<SqlBool> {
  if (roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    roots.map((r) => sql`${sql.ref(column)} <@ ${r}::ltree`),
    sql` or `,
  )})`;
}

/** The ICU collation that sorts Vietnamese (Dũng before Đức); Debian's PostgreSQL 15 may lack it. */
export const VIETNAMESE_COLLATION = 'vi-x-icu';

// The answer cannot change while the server runs, so it is asked once per database handle.
const collationCache = new WeakMap<object, Promise<boolean>>();

/** True when the server has the Vietnamese ICU collation. */
export function hasVietnameseCollation(db: Executor): Promise<boolean> {
  let cached = collationCache.get(db);
  if (!cached) {
    cached = sql<{ ok: boolean }>`select exists (select 1 from pg_collation where collname = ${VIETNAMESE_COLLATION}) as ok`
      .execute(db)
      .then((r) => r.rows[0]?.ok === true);
    // A failed probe (database briefly down) should be asked again next time, not remembered.
    void cached.catch(() => collationCache.delete(db));
    collationCache.set(db, cached);
  }
  return cached;
}

/** `column` ordered the Vietnamese way when the collation exists, else by the database default. */
export function vietnameseOrder(column: string, collate: boolean): RawBuilder<unknown> {
  return collate ? sql`${sql.ref(column)} collate ${sql.id(VIETNAMESE_COLLATION)}` : sql`${sql.ref(column)}`;
}
