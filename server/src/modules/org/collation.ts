import type { Database } from '../../platform/database.js';
import { unitsRepository } from './units.repository.js';

/** ICU's Vietnamese collation: sorts "Dũng" before "Đức", which code-point order does not. */
export const VIETNAMESE_COLLATION = 'vi-x-icu';

const found = new WeakMap<Database, Promise<string | null>>();

/**
 * The collation to sort names by, or null when this PostgreSQL was built without ICU.
 * Looked up once per database handle: the answer cannot change while the server runs.
 */
export function nameCollation(db: Database): Promise<string | null> {
  const known = found.get(db);
  if (known) return known;
  const lookup = unitsRepository.collationExists(db, VIETNAMESE_COLLATION).then((ok) => (ok ? VIETNAMESE_COLLATION : null));
  // A failed lookup is not remembered, so the next request tries again.
  lookup.catch(() => found.delete(db));
  found.set(db, lookup);
  return lookup;
}
