import type { Executor } from '../../platform/database.js';

/** An assessment as the evidence rules need it: its plan, stage and the assessed unit's place. */
export interface AssessmentRow {
  id: number;
  plan_id: number;
  subject: string;
  stage: string;
  unit_id: number;
  unit_path: string;
  person_id: number | null;
}

export interface EvidenceRow {
  id: number;
  assessment_id: number;
  plan_id: number;
  criterion_id: number | null;
  kind: string;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  storage: string | null;
  storage_key: string | null;
  url: string | null;
  note: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: Date;
}

export interface NewEvidence {
  assessment_id: number;
  plan_id: number;
  criterion_id: number | null;
  kind: string;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  storage: string | null;
  storage_key: string | null;
  url: string | null;
  note: string | null;
  created_by: number;
}

export interface CriterionRow {
  id: number;
  parent_id: number | null;
  subject: string;
  code: string;
  text: string;
  position: number;
  dropped_reason: string | null;
}

function evidenceQuery(db: Executor) {
  return db
    .selectFrom('evidence as e')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .select([
      'e.id',
      'e.assessment_id',
      'e.plan_id',
      'e.criterion_id',
      'e.kind',
      'e.file_name',
      'e.content_type',
      'e.size_bytes',
      'e.sha256',
      'e.storage',
      'e.storage_key',
      'e.url',
      'e.note',
      'e.created_by',
      'u.display_name as created_by_name',
      'e.created_at',
    ])
    .where('e.deleted_at', 'is', null);
}

export const evidenceRepository = {
  /** The assessment with its unit's path; `lock` holds it against a concurrent finalisation. */
  async findAssessment(db: Executor, id: number, lock = false): Promise<AssessmentRow | undefined> {
    let q = db
      .selectFrom('assessments as a')
      .innerJoin('units as un', 'un.id', 'a.unit_id')
      .select(['a.id', 'a.plan_id', 'a.subject', 'a.stage', 'a.unit_id', 'un.path as unit_path', 'a.person_id'])
      .where('a.id', '=', id);
    if (lock) q = q.forShare('a');
    return q.executeTakeFirst();
  },

  findCriterion(db: Executor, planId: number, criterionId: number): Promise<CriterionRow | undefined> {
    return db
      .selectFrom('plan_criteria')
      .select(['id', 'parent_id', 'subject', 'code', 'text', 'position', 'dropped_reason'])
      .where('plan_id', '=', planId)
      .where('id', '=', criterionId)
      .executeTakeFirst();
  },

  criteria(db: Executor, planId: number): Promise<CriterionRow[]> {
    return db
      .selectFrom('plan_criteria')
      .select(['id', 'parent_id', 'subject', 'code', 'text', 'position', 'dropped_reason'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .orderBy('id')
      .execute();
  },

  /** Live (not deleted) evidence of an assessment, oldest first. */
  listForAssessment(db: Executor, assessmentId: number): Promise<EvidenceRow[]> {
    return evidenceQuery(db).where('e.assessment_id', '=', assessmentId).orderBy('e.created_at').orderBy('e.id').execute();
  },

  find(db: Executor, id: number): Promise<EvidenceRow | undefined> {
    return evidenceQuery(db).where('e.id', '=', id).executeTakeFirst();
  },

  async insert(db: Executor, row: NewEvidence, at: Date): Promise<number> {
    const { id } = await db.insertInto('evidence').values({ ...row, created_at: at }).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  /** Soft delete: the row and its file stay for the audit trail. True when a live row was marked. */
  async softDelete(db: Executor, id: number, userId: number, at: Date): Promise<boolean> {
    const r = await db
      .updateTable('evidence')
      .set({ deleted_at: at, deleted_by: userId })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};
