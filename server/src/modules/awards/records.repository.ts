import type { Selectable } from 'kysely';
import type { GrantedAwardsTable, InitiativesTable } from '../../db/schema.js';
import type { Executor } from '../../platform/database.js';

// The record of achievements (hồ sơ thành tích) in the database: Kysely only, no rules.

export interface RecordPerson {
  id: number;
  full_name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  birth_date: string | null;
  gender: string;
  position: string | null;
}

const grantedColumns = ['id', 'person_id', 'unit_id', 'year', 'award_code', 'kind', 'decision_number', 'decided_on', 'bonus_amount', 'review_note', 'revoked_at'] as const;
const initiativeColumns = ['id', 'person_id', 'unit_id', 'year', 'title', 'level', 'decision_number', 'revoked_at'] as const;

/** A title or award granted, as the record reads it. */
export type GrantedRow = Pick<Selectable<GrantedAwardsTable>, (typeof grantedColumns)[number]>;
/** An initiative, as the record reads it. */
export type InitiativeRow = Pick<Selectable<InitiativesTable>, (typeof initiativeColumns)[number]>;

export const recordsRepository = {
  findPerson(db: Executor, id: number): Promise<RecordPerson | undefined> {
    return db
      .selectFrom('people as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.id', 'p.full_name', 'p.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'p.birth_date', 'p.gender', 'p.position'])
      .where('p.id', '=', id)
      .executeTakeFirst();
  },

  /** The people's yearly ratings (several people at once, for a round of bình xét). */
  ratingsOf(db: Executor, personIds: readonly number[]): Promise<{ person_id: number | null; year: number; rating: string }[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('yearly_ratings').select(['person_id', 'year', 'rating']).where('subject', '=', 'individual').where('person_id', 'in', personIds).execute();
  },

  ratingOf(db: Executor, personId: number, year: number): Promise<{ id: number; rating: string } | undefined> {
    return db.selectFrom('yearly_ratings').select(['id', 'rating']).where('subject', '=', 'individual').where('person_id', '=', personId).where('year', '=', year).executeTakeFirst();
  },

  /** One statement, so that two officers entering the same year at once cannot both insert. */
  async upsertRating(db: Executor, row: { personId: number; unitId: number; year: number; rating: string; by: number; at: Date }): Promise<void> {
    await db
      .insertInto('yearly_ratings')
      .values({ subject: 'individual', person_id: row.personId, unit_id: row.unitId, year: row.year, rating: row.rating, updated_by: row.by, updated_at: row.at })
      .onConflict((oc) =>
        oc
          .columns(['person_id', 'year'])
          .where('subject', '=', 'individual')
          .doUpdateSet({ rating: row.rating, updated_by: row.by, updated_at: row.at }),
      )
      .execute();
  },

  async deleteRating(db: Executor, personId: number, year: number): Promise<void> {
    await db.deleteFrom('yearly_ratings').where('subject', '=', 'individual').where('person_id', '=', personId).where('year', '=', year).execute();
  },

  /** Titles and awards granted to the people, revoked ones left out. */
  grantedOf(db: Executor, personIds: readonly number[]): Promise<GrantedRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('granted_awards')
      .select(grantedColumns)
      .where('subject', '=', 'individual')
      .where('person_id', 'in', personIds)
      .where('revoked_at', 'is', null)
      .orderBy('year')
      .orderBy('id')
      .execute();
  },

  findGranted(db: Executor, id: number): Promise<GrantedRow | undefined> {
    return db
      .selectFrom('granted_awards')
      .select(grantedColumns)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** Locks the row so that two revocations cannot both pass the "not yet revoked" check. */
  lockGranted(db: Executor, id: number): Promise<{ revoked_at: Date | null } | undefined> {
    return db.selectFrom('granted_awards').select(['revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async insertGranted(
    db: Executor,
    row: { person_id: number; unit_id: number; year: number; award_code: string; kind: string; decision_number: string | null; decided_on: string | null; created_by: number },
  ): Promise<number> {
    const r = await db
      .insertInto('granted_awards')
      .values({ subject: 'individual', ...row })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  async setReviewNote(db: Executor, id: number, note: string): Promise<void> {
    await db.updateTable('granted_awards').set({ review_note: note }).where('id', '=', id).execute();
  },

  async revokeGranted(db: Executor, id: number, reason: string, at: Date): Promise<void> {
    await db.updateTable('granted_awards').set({ revoked_at: at, revoked_reason: reason }).where('id', '=', id).execute();
  },

  initiativesOf(db: Executor, personIds: readonly number[]): Promise<InitiativeRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('initiatives')
      .select(initiativeColumns)
      .where('person_id', 'in', personIds)
      .where('revoked_at', 'is', null)
      .orderBy('year')
      .orderBy('id')
      .execute();
  },

  findInitiative(db: Executor, id: number): Promise<InitiativeRow | undefined> {
    return db.selectFrom('initiatives').select(initiativeColumns).where('id', '=', id).executeTakeFirst();
  },

  lockInitiative(db: Executor, id: number): Promise<{ revoked_at: Date | null } | undefined> {
    return db.selectFrom('initiatives').select(['revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async insertInitiative(
    db: Executor,
    row: { person_id: number; unit_id: number; year: number; title: string; level: string; decision_number: string | null; created_by: number },
  ): Promise<number> {
    const r = await db.insertInto('initiatives').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async revokeInitiative(db: Executor, id: number, reason: string, at: Date): Promise<void> {
    await db.updateTable('initiatives').set({ revoked_at: at, revoked_reason: reason }).where('id', '=', id).execute();
  },

  /** The people's discipline in force (not revoked), with the date it was decided. */
  disciplinesOf(db: Executor, personIds: readonly number[]): Promise<{ person_id: number; form: string; decided_on: string }[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('disciplines').select(['person_id', 'form', 'decided_on']).where('person_id', 'in', personIds).where('revoked_at', 'is', null).execute();
  },
};
