import type { Executor } from '../../platform/database.js';

/** A discipline (kỷ luật) with the names its view shows and the unit path its access needs. */
export interface DisciplineRow {
  id: number;
  person_id: number;
  person_name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  form: string;
  decided_on: string;
  decision_number: string | null;
  reason: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

function disciplineQuery(db: Executor) {
  return db
    .selectFrom('disciplines as d')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select([
      'd.id',
      'd.person_id',
      'p.full_name as person_name',
      'd.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'd.form',
      'd.decided_on',
      'd.decision_number',
      'd.reason',
      'd.created_at',
      'd.revoked_at',
      'd.revoked_reason',
    ]);
}

export const disciplinesRepository = {
  find(db: Executor, id: number): Promise<DisciplineRow | undefined> {
    return disciplineQuery(db).where('d.id', '=', id).executeTakeFirst();
  },

  /** Locks the row so that two revocations cannot both pass the "not yet revoked" check. */
  lock(db: Executor, id: number): Promise<{ id: number; revoked_at: Date | null } | undefined> {
    return db.selectFrom('disciplines').select(['id', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** A person's discipline, newest decision first (all years: the rules pick the year). */
  ofPerson(db: Executor, personId: number): Promise<DisciplineRow[]> {
    return disciplineQuery(db).where('d.person_id', '=', personId).orderBy('d.decided_on', 'desc').orderBy('d.id', 'desc').execute();
  },

  findPerson(db: Executor, id: number): Promise<{ id: number; unit_id: number; unit_path: string } | undefined> {
    return db.selectFrom('people as p').innerJoin('units as u', 'u.id', 'p.unit_id').select(['p.id', 'p.unit_id', 'u.path as unit_path']).where('p.id', '=', id).executeTakeFirst();
  },

  async insert(
    db: Executor,
    row: { person_id: number; unit_id: number; form: string; decided_on: string; decision_number: string | null; reason: string; created_by: number },
  ): Promise<number> {
    const r = await db.insertInto('disciplines').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async revoke(db: Executor, id: number, reason: string, at: Date): Promise<void> {
    await db.updateTable('disciplines').set({ revoked_at: at, revoked_reason: reason }).where('id', '=', id).execute();
  },
};
