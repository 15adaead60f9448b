import { sql } from 'kysely';
import type { Executor } from '../../platform/database.js';

// The past years of records of achievements (hồ sơ thành tích) an import reads and writes: Kysely only, no rules.

export interface RecordPersonRef {
  id: number;
  code: string | null;
  unit_id: number;
  /** lower(full_name), to match a row by name within its unit. */
  name_key: string;
}

export interface NewRecordYear {
  personId: number;
  unitId: number;
  year: number;
  rating: string | null;
  awards: string[];
  decisionNumber: string | null;
  decidedOn: string | null;
  initiative: { title: string; level: string } | null;
}

export const recordImportsRepository = {
  /** Active people with these codes (lower-cased match). */
  async peopleByCodes(db: Executor, codes: string[]): Promise<RecordPersonRef[]> {
    if (codes.length === 0) return [];
    return db
      .selectFrom('people')
      .select(['id', 'code', 'unit_id', sql<string>`lower(full_name)`.as('name_key')])
      .where(sql<boolean>`lower(code) = any(${codes.map((c) => c.toLowerCase())}::text[])`)
      .where('is_active', '=', true)
      .execute();
  },

  /** Active people of these units, for rows that name a person without a code. */
  async peopleOfUnits(db: Executor, unitIds: number[]): Promise<RecordPersonRef[]> {
    if (unitIds.length === 0) return [];
    return db
      .selectFrom('people')
      .select(['id', 'code', 'unit_id', sql<string>`lower(full_name)`.as('name_key')])
      .where('unit_id', 'in', unitIds)
      .where('is_active', '=', true)
      .execute();
  },

  /** What the record already holds for these people: each year's rating, and the titles and awards not revoked. */
  async existing(db: Executor, personIds: number[]) {
    if (personIds.length === 0) return { ratings: [], granted: [] };
    const [ratings, granted] = await Promise.all([
      db.selectFrom('yearly_ratings').select(['person_id', 'year', 'rating']).where('subject', '=', 'individual').where('person_id', 'in', personIds).execute(),
      db.selectFrom('granted_awards').select(['person_id', 'year', 'award_code']).where('subject', '=', 'individual').where('person_id', 'in', personIds).where('kind', '=', 'cong_trang').where('revoked_at', 'is', null).execute(),
    ]);
    return { ratings, granted };
  },

  /** Writes the rows' ratings, titles and awards, and initiatives; returns how many rows were written. */
  async insert(db: Executor, rows: NewRecordYear[], by: number | null): Promise<number> {
    const ratings = rows.filter((r) => r.rating !== null);
    if (ratings.length) {
      await db
        .insertInto('yearly_ratings')
        .values(ratings.map((r) => ({ subject: 'individual', person_id: r.personId, unit_id: r.unitId, year: r.year, rating: r.rating!, updated_by: by })))
        // A rating the record already held equal to the row's (checked before) stays as it is.
        .onConflict((oc) => oc.columns(['person_id', 'year']).where('subject', '=', 'individual').doNothing())
        .execute();
    }
    const grants = rows.flatMap((r) => r.awards.map((code) => ({ subject: 'individual', person_id: r.personId, unit_id: r.unitId, year: r.year, award_code: code, decision_number: r.decisionNumber, decided_on: r.decidedOn, created_by: by })));
    if (grants.length) await db.insertInto('granted_awards').values(grants).execute();
    const initiatives = rows.filter((r) => r.initiative).map((r) => ({ person_id: r.personId, unit_id: r.unitId, year: r.year, title: r.initiative!.title, level: r.initiative!.level, created_by: by }));
    if (initiatives.length) await db.insertInto('initiatives').values(initiatives).execute();
    return rows.length;
  },
};
