import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { escapeLike, orderByName, withinAny } from '../../platform/search.js';

/** One assessment with what the rules and views need of its plan, unit, person and movement. */
export interface AssessmentRow {
  id: number;
  plan_id: number;
  plan_title: string;
  classification_bands: unknown;
  overscore_margin: number;
  movement_id: number;
  movement_name: string;
  year: number;
  subject: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  person_id: number | null;
  person_name: string | null;
  registration_id: number | null;
  title_code: string | null;
  title_name: string | null;
  stage: string;
  self_total: number | null;
  review_total: number | null;
  council_total: number | null;
  met_count: number | null;
  criteria_count: number | null;
  classification: string | null;
  capped_by: string | null;
  cap_reason: string | null;
  overscore_flag: boolean;
  returned_reason: string | null;
  returned_from: string | null;
  returned_by_name: string | null;
  returned_at: Date | null;
  submitted_at: Date | null;
  reviewed_by_name: string | null;
  reviewed_at: Date | null;
  finalised_by_name: string | null;
  finalised_at: Date | null;
  override_reason: string | null;
  revision: number;
  updated_at: Date;
}

export interface CriterionRow {
  id: number;
  parent_id: number | null;
  code: string;
  text: string;
  max_points: number | null;
  is_veto: boolean;
  dropped_reason: string | null;
}

export interface ScoreDbRow {
  criterion_id: number;
  self_points: number | null;
  self_met: boolean | null;
  self_note: string | null;
  review_points: number | null;
  review_met: boolean | null;
  review_note: string | null;
  council_points: number | null;
  council_met: boolean | null;
  council_note: string | null;
}

/** What a save writes into one stage's columns of one criterion. */
export interface StageWrite {
  criterionId: number;
  points: number | null;
  met: boolean | null;
  note: string | null;
}

export interface AssessmentPatch {
  stage?: string;
  self_total?: number | null;
  review_total?: number | null;
  council_total?: number | null;
  met_count?: number | null;
  criteria_count?: number | null;
  classification?: string | null;
  capped_by?: string | null;
  cap_reason?: string | null;
  overscore_flag?: boolean;
  returned_reason?: string | null;
  returned_from?: string | null;
  returned_by?: number | null;
  returned_at?: Date | null;
  submitted_at?: Date | null;
  reviewed_by?: number | null;
  reviewed_at?: Date | null;
  finalised_by?: number | null;
  finalised_at?: Date | null;
  override_reason?: string | null;
}

/** A list's filters; `scope` is already narrowed to what the actor may see for the chosen view. */
export interface AssessmentListFilter {
  /** Subtrees (ltree) whose assessments qualify; undefined for the actor's own sheets ("mine"). */
  roots?: string[];
  /** Collective assessments must lie strictly below one of these (a head never reviews their own unit). */
  collectiveStrictlyBelow?: string[];
  personId?: number;
  excludePersonId?: number;
  movementId?: number;
  year?: number;
  unitPath?: string;
  stage?: string;
  classification?: string;
  flagged?: boolean;
  words: string[];
}

function assessmentQuery(db: Executor) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('plans as pl', 'pl.id', 'a.plan_id')
    .innerJoin('movements as m', 'm.id', 'a.movement_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('people as p', 'p.id', 'a.person_id')
    .leftJoin('registrations as r', 'r.id', 'a.registration_id')
    .leftJoin('emulation_titles as et', 'et.code', 'r.title_code')
    .leftJoin('users as ur', 'ur.id', 'a.returned_by')
    .leftJoin('users as uv', 'uv.id', 'a.reviewed_by')
    .leftJoin('users as uf', 'uf.id', 'a.finalised_by')
    .select([
      'a.id',
      'a.plan_id',
      'pl.title as plan_title',
      'pl.classification_bands',
      'pl.overscore_margin',
      'a.movement_id',
      'm.name as movement_name',
      'a.year',
      'a.subject',
      'a.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'a.person_id',
      'p.full_name as person_name',
      'a.registration_id',
      'r.title_code',
      'et.name as title_name',
      'a.stage',
      'a.self_total',
      'a.review_total',
      'a.council_total',
      'a.met_count',
      'a.criteria_count',
      'a.classification',
      'a.capped_by',
      'a.cap_reason',
      'a.overscore_flag',
      'a.returned_reason',
      'a.returned_from',
      'ur.display_name as returned_by_name',
      'a.returned_at',
      'a.submitted_at',
      'uv.display_name as reviewed_by_name',
      'a.reviewed_at',
      'uf.display_name as finalised_by_name',
      'a.finalised_at',
      'a.override_reason',
      'a.revision',
      'a.updated_at',
    ]);
}

/** Name words as the search_key columns hold them (f_unaccent, lower case), all required. */
function nameMatches(words: string[]) {
  return sql<SqlBool>`(${sql.join(
    words.map((w) => sql`coalesce(p.search_key, u.search_key) like '%' || f_unaccent(${escapeLike(w)}) || '%'`),
    sql` and `,
  )})`;
}

export const assessmentsRepository = {
  find(db: Executor, id: number): Promise<AssessmentRow | undefined> {
    return assessmentQuery(db).where('a.id', '=', id).executeTakeFirst() as Promise<AssessmentRow | undefined>;
  },

  /** Locks the assessment row to the end of the transaction: saves and steps on one sheet queue up. */
  lock(db: Executor, id: number): Promise<{ id: number; stage: string; revision: number } | undefined> {
    return db.selectFrom('assessments').select(['id', 'stage', 'revision']).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  findExisting(db: Executor, key: { movementId: number; year: number; personId?: number; unitId?: number }): Promise<{ id: number } | undefined> {
    let q = db.selectFrom('assessments').select('id').where('movement_id', '=', key.movementId).where('year', '=', key.year);
    q = key.personId !== undefined ? q.where('person_id', '=', key.personId) : q.where('unit_id', '=', key.unitId!).where('person_id', 'is', null);
    return q.executeTakeFirst();
  },

  /** The subject's registration (đăng ký thi đua) in force for the movement and year. */
  findRegistration(
    db: Executor,
    key: { movementId: number; year: number; personId?: number; unitId?: number },
  ): Promise<{ id: number; plan_id: number; unit_id: number; unit_path: string; subject: string; person_id: number | null } | undefined> {
    let q = db
      .selectFrom('registrations as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['r.id', 'r.plan_id', 'r.unit_id', 'u.path as unit_path', 'r.subject', 'r.person_id'])
      .where('r.movement_id', '=', key.movementId)
      .where('r.year', '=', key.year)
      .where('r.status', '=', 'registered');
    q = key.personId !== undefined ? q.where('r.person_id', '=', key.personId) : q.where('r.unit_id', '=', key.unitId!).where('r.person_id', 'is', null);
    return q.executeTakeFirst();
  },

  findPerson(db: Executor, id: number): Promise<{ id: number; unit_id: number; unit_path: string } | undefined> {
    return db.selectFrom('people as p').innerJoin('units as u', 'u.id', 'p.unit_id').select(['p.id', 'p.unit_id', 'u.path as unit_path']).where('p.id', '=', id).executeTakeFirst();
  },

  findUnit(db: Executor, id: number): Promise<{ id: number; path: string } | undefined> {
    return db.selectFrom('units').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
  },

  async insert(
    db: Executor,
    row: { plan_id: number; movement_id: number; year: number; subject: string; unit_id: number; person_id: number | null; registration_id: number; created_at: Date },
  ): Promise<number | null> {
    // Two first opens at once: the unique index keeps one, the other reads it back.
    const r = await db.insertInto('assessments').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    return r?.id ?? null;
  },

  /** Freezes the plan's criteria for the year when its first assessment opens; true if this call did. */
  async freezePlan(db: Executor, planId: number, at: Date): Promise<boolean> {
    const r = await db.updateTable('plans').set({ criteria_frozen_at: at }).where('id', '=', planId).where('criteria_frozen_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** The plan's criteria for one subject, in tree order (position within parent); dropped ones included. */
  criteria(db: Executor, planId: number, subject: string): Promise<CriterionRow[]> {
    return db
      .selectFrom('plan_criteria')
      .select(['id', 'parent_id', 'code', 'text', 'max_points', 'is_veto', 'dropped_reason'])
      .where('plan_id', '=', planId)
      .where('subject', '=', subject)
      .orderBy('position')
      .orderBy('id')
      .execute();
  },

  scores(db: Executor, assessmentId: number): Promise<ScoreDbRow[]> {
    return db
      .selectFrom('assessment_scores')
      .select(['criterion_id', 'self_points', 'self_met', 'self_note', 'review_points', 'review_met', 'review_note', 'council_points', 'council_met', 'council_note'])
      .where('assessment_id', '=', assessmentId)
      .execute();
  },

  /** Writes one stage's columns of the given criteria, leaving the other stages' columns alone. */
  async writeStage(db: Executor, assessmentId: number, planId: number, stage: 'self' | 'review' | 'council', rows: StageWrite[], userId: number, at: Date): Promise<void> {
    if (rows.length === 0) return;
    const cols = { self: ['self_points', 'self_met', 'self_note'], review: ['review_points', 'review_met', 'review_note'], council: ['council_points', 'council_met', 'council_note'] }[stage] as [
      'self_points' | 'review_points' | 'council_points',
      'self_met' | 'review_met' | 'council_met',
      'self_note' | 'review_note' | 'council_note',
    ];
    const [pc, mc, nc] = cols;
    await db
      .insertInto('assessment_scores')
      .values(rows.map((r) => ({ assessment_id: assessmentId, plan_id: planId, criterion_id: r.criterionId, [pc]: r.points, [mc]: r.met, [nc]: r.note, updated_by: userId, updated_at: at })))
      .onConflict((oc) =>
        oc.columns(['assessment_id', 'criterion_id']).doUpdateSet((eb) => ({
          [pc]: eb.ref(`excluded.${pc}`),
          [mc]: eb.ref(`excluded.${mc}`),
          [nc]: eb.ref(`excluded.${nc}`),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  },

  /** Applies a change and moves the revision on: every write makes the client's copy stale. */
  async update(db: Executor, id: number, patch: AssessmentPatch, at: Date): Promise<void> {
    await db
      .updateTable('assessments')
      .set((eb) => ({ ...patch, revision: eb('revision', '+', 1), updated_at: at }))
      .where('id', '=', id)
      .execute();
  },

  /**
   * A collective's dependants for the same movement and year: its registered members (people of the
   * unit) and its registered child units, with how many of their assessments are not final (a
   * registered subject with no assessment yet is not final either).
   */
  async dependants(db: Executor, key: { movementId: number; year: number; unitId: number }): Promise<{ total: number; notFinal: number; members: number; childUnits: number }> {
    const r = await sql<{ total: number; not_final: number; members: number; child_units: number }>`
      select count(*)::int as total,
             count(*) filter (where a.stage is distinct from 'final')::int as not_final,
             count(*) filter (where a.stage is distinct from 'final' and r.person_id is not null)::int as members,
             count(*) filter (where a.stage is distinct from 'final' and r.person_id is null)::int as child_units
      from registrations r
      left join units cu on cu.id = r.unit_id
      left join assessments a on a.registration_id = r.id
      where r.movement_id = ${key.movementId} and r.year = ${key.year} and r.status = 'registered'
        and ((r.person_id is not null and r.unit_id = ${key.unitId})
          or (r.person_id is null and cu.parent_id = ${key.unitId}))`.execute(db);
    const row = r.rows[0]!;
    return { total: row.total, notFinal: row.not_final, members: row.members, childUnits: row.child_units };
  },

  async list(db: Executor, f: AssessmentListFilter, page: { limit: number; offset: number; collation: string | null }): Promise<{ rows: AssessmentRow[]; total: number }> {
    let q = assessmentQuery(db);
    if (f.roots) q = q.where(withinAny('u.path', f.roots));
    if (f.collectiveStrictlyBelow) {
      const strict = f.collectiveStrictlyBelow;
      q = q.where((eb) =>
        eb.or([
          eb('a.subject', '=', 'individual'),
          strict.length ? sql<SqlBool>`(${sql.join(strict.map((r) => sql`(u.path <@ ${r}::ltree and u.path <> ${r}::ltree)`), sql` or `)})` : sql<SqlBool>`false`,
        ]),
      );
    }
    if (f.personId !== undefined) q = q.where('a.person_id', '=', f.personId);
    if (f.excludePersonId !== undefined) q = q.where((eb) => eb.or([eb('a.person_id', 'is', null), eb('a.person_id', '<>', f.excludePersonId!)]));
    if (f.movementId !== undefined) q = q.where('a.movement_id', '=', f.movementId);
    if (f.year !== undefined) q = q.where('a.year', '=', f.year);
    if (f.unitPath !== undefined) q = q.where(sql<SqlBool>`u.path <@ ${f.unitPath}::ltree`);
    if (f.stage !== undefined) q = q.where('a.stage', '=', f.stage);
    if (f.classification !== undefined) q = q.where('a.classification', '=', f.classification);
    if (f.flagged !== undefined) q = q.where('a.overscore_flag', '=', f.flagged);
    if (f.words.length) q = q.where(nameMatches(f.words));
    const [rows, count] = await Promise.all([
      q
        .orderBy('a.year', 'desc')
        .orderBy(orderByName('u.name', page.collation))
        .orderBy(sql`a.person_id is not null`)
        .orderBy(orderByName('p.full_name', page.collation))
        .orderBy('a.id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as AssessmentRow[], total: Number(count.n) };
  },

  /** The active account of the head who sent the sheet to the council (reviewed_by), if any. */
  async activeReviewer(db: Executor, id: number): Promise<number | null> {
    const row = await db
      .selectFrom('assessments as a')
      .innerJoin('users as u', 'u.id', 'a.reviewed_by')
      .select('u.id')
      .where('a.id', '=', id)
      .where('u.is_active', '=', true)
      .executeTakeFirst();
    return row?.id ?? null;
  },
};
