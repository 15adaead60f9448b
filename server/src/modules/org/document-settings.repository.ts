import type { Selectable } from 'kysely';
import type { UnitDocumentSettingsTable } from '../../db/schema.js';
import type { Executor } from '../../platform/database.js';

// A unit's document settings (thể thức văn bản): Kysely only, every method takes a transaction.

export type DocumentSettingsRow = Selectable<UnitDocumentSettingsTable>;
export type DocumentSettingsValues = Omit<DocumentSettingsRow, 'unit_id' | 'updated_at' | 'updated_by'>;

export const documentSettingsRepository = {
  find(db: Executor, unitId: number): Promise<DocumentSettingsRow | undefined> {
    return db.selectFrom('unit_document_settings').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  },

  /** The row under a lock, for a change that reads it first. */
  findLocked(db: Executor, unitId: number): Promise<DocumentSettingsRow | undefined> {
    return db.selectFrom('unit_document_settings').selectAll().where('unit_id', '=', unitId).forUpdate().executeTakeFirst();
  },

  async upsert(db: Executor, unitId: number, values: DocumentSettingsValues, by: number, at: Date): Promise<void> {
    const row = { ...values, updated_by: by, updated_at: at };
    await db
      .insertInto('unit_document_settings')
      .values({ unit_id: unitId, ...row })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet(row))
      .execute();
  },

  async remove(db: Executor, unitId: number): Promise<boolean> {
    const res = await db.deleteFrom('unit_document_settings').where('unit_id', '=', unitId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
};
