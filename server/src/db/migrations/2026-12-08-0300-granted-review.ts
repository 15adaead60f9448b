import { sql, type Kysely } from 'kysely';

// Revocation's knock-on (hủy bỏ khen thưởng): when a title or award is revoked, the later ones of the
// same person that no longer meet their conditions without it are flagged for review, with the reason.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE granted_awards ADD COLUMN review_note text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE granted_awards DROP COLUMN review_note`.execute(db);
}
