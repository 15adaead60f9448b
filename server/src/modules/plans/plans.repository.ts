import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';

/** A plan as the rules need it: its issuing unit's place in the tree and its state. */
export interface PlanRow {
  id: number;
  movement_id: number;
  movement_name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  parent_plan_id: number | null;
  document_type: string;
  number: string | null;
  code: string | null;
  issue_date: string | null;
  signer: string | null;
  title: string;
  purpose_text: string | null;
  status: string;
  version: number;
  supersedes_plan_id: number | null;
  superseded_by_plan_id: number | null;
  criteria_frozen_at: Date | null;
  source_file_name: string | null;
  created_at: Date;
  updated_at: Date;
  /** The years the plan applies to; null is the movement's first or last year. */
  year_from: number | null;
  year_to: number | null;
  movement_start_year: number;
  movement_end_year: number;
}

export interface MovementRow {
  id: number;
  name: string;
  theme: string | null;
  kind: string;
  start_year: number;
  end_year: number;
  owner_unit_id: number;
  owner_unit_name: string;
  owner_unit_path: string;
  created_at: Date;
}

export interface CriterionRow {
  id: number;
  parent_id: number | null;
  subject: string;
  code: string;
  text: string;
  max_points: number | null;
  position: number;
  origin_criterion_id: number | null;
  dropped_reason: string | null;
  is_veto: boolean;
  source_line: number | null;
  /** The same criterion across the plan's versions. */
  lineage_key: string;
}

/** A criterion to insert; without a lineage key it starts a lineage of its own. */
export interface NewCriterion extends Omit<CriterionRow, 'lineage_key'> {
  plan_id: number;
  lineage_key?: string;
}

/** One plan of a version chain (phiên bản), oldest first. */
export interface VersionRow {
  id: number;
  version: number;
  status: string;
  title: string;
}

export interface DecisionRow {
  criterion_key: string;
  kind: string;
  fingerprint: string;
  decision: string;
  source_plan_id: number;
}

export interface NewMilestone {
  year: number;
  date: string | null;
  label: string;
  kind: string;
  source_line: number | null;
}

export interface NewDeadline {
  day: number;
  month: number;
  year: number | null;
  period: string;
  recipient_text: string | null;
  recipient_unit_id: number | null;
  text: string;
  source_line: number | null;
}

export interface PlanHeader {
  document_type?: string;
  number?: string | null;
  code?: string | null;
  issue_date?: string | null;
  signer?: string | null;
  title?: string;
  purpose_text?: string | null;
  year_from?: number | null;
  year_to?: number | null;
}

export interface NewPlan extends PlanHeader {
  movement_id: number;
  unit_id: number;
  parent_plan_id: number | null;
  title: string;
  source_file_name: string | null;
  source_text: string | null;
  parse_warnings: string[];
  created_by: number;
  /** A new version (phiên bản) of an older plan. */
  version?: number;
  supersedes_plan_id?: number | null;
}

export interface PlanFilter {
  unitId?: number;
  movementId?: number;
  status?: string;
}

/**
 * The ltree `column` lies in one of the actor's visible subtrees, or above one of them: a plan
 * issued higher up is what the lower levels adopt, so they read it. Empty roots match nothing.
 */
function withinOrAbove(column: string, roots: string[]) {
  if (roots.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.ref(column)} <@ ${roots}::ltree[] or ${sql.ref(column)} @> ${roots}::ltree[])`;
}

function planQuery(db: Executor) {
  return db
    .selectFrom('plans as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('movements as m', 'm.id', 'p.movement_id')
    .select([
      'p.id',
      'p.movement_id',
      'm.name as movement_name',
      'p.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'p.parent_plan_id',
      'p.document_type',
      'p.number',
      'p.code',
      'p.issue_date',
      'p.signer',
      'p.title',
      'p.purpose_text',
      'p.status',
      'p.version',
      'p.supersedes_plan_id',
      (eb) => eb.selectFrom('plans as n').select('n.id').whereRef('n.supersedes_plan_id', '=', 'p.id').limit(1).as('superseded_by_plan_id'),
      'p.criteria_frozen_at',
      'p.source_file_name',
      'p.created_at',
      'p.updated_at',
      'p.year_from',
      'p.year_to',
      'm.start_year as movement_start_year',
      'm.end_year as movement_end_year',
    ]);
}

function movementQuery(db: Executor) {
  return db
    .selectFrom('movements as m')
    .innerJoin('units as u', 'u.id', 'm.owner_unit_id')
    .select(['m.id', 'm.name', 'm.theme', 'm.kind', 'm.start_year', 'm.end_year', 'm.owner_unit_id', 'u.name as owner_unit_name', 'u.path as owner_unit_path', 'm.created_at']);
}

export const plansRepository = {
  // ── Movements ──
  findMovement(db: Executor, id: number): Promise<MovementRow | undefined> {
    return movementQuery(db).where('m.id', '=', id).executeTakeFirst();
  },

  listMovements(db: Executor, roots: string[]): Promise<MovementRow[]> {
    return movementQuery(db).where(withinOrAbove('u.path', roots)).orderBy('m.start_year', 'desc').orderBy('m.id', 'desc').limit(500).execute();
  },

  async insertMovement(
    db: Executor,
    row: { name: string; theme: string | null; kind: string; start_year: number; end_year: number; owner_unit_id: number; created_by: number },
  ): Promise<number> {
    const r = await db.insertInto('movements').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  // ── Plans ──
  findPlan(db: Executor, id: number): Promise<PlanRow | undefined> {
    return planQuery(db).where('p.id', '=', id).executeTakeFirst();
  },

  /** Locks the plan row to the end of the transaction, so state checks and writes see one version. */
  async lockPlan(db: Executor, id: number): Promise<{ id: number; status: string } | undefined> {
    return db.selectFrom('plans').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
  },

  listPlans(db: Executor, roots: string[], filter: PlanFilter): Promise<PlanRow[]> {
    let q = planQuery(db).where(withinOrAbove('u.path', roots));
    if (filter.unitId !== undefined) q = q.where('p.unit_id', '=', filter.unitId);
    if (filter.movementId !== undefined) q = q.where('p.movement_id', '=', filter.movementId);
    if (filter.status !== undefined) q = q.where('p.status', '=', filter.status);
    return q.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').limit(500).execute();
  },

  async insertPlan(db: Executor, row: NewPlan): Promise<number> {
    const r = await db
      .insertInto('plans')
      .values({ ...row, parse_warnings: JSON.stringify(row.parse_warnings) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  async updateHeader(db: Executor, id: number, patch: PlanHeader, at: Date): Promise<void> {
    await db
      .updateTable('plans')
      .set({ ...patch, updated_at: at })
      .where('id', '=', id)
      .execute();
  },

  async setStatus(db: Executor, id: number, status: string, at: Date): Promise<void> {
    await db.updateTable('plans').set({ status, updated_at: at }).where('id', '=', id).execute();
  },

  async touch(db: Executor, id: number, at: Date): Promise<void> {
    await db.updateTable('plans').set({ updated_at: at }).where('id', '=', id).execute();
  },

  async warnings(db: Executor, id: number): Promise<string[]> {
    const r = await db.selectFrom('plans').select('parse_warnings').where('id', '=', id).executeTakeFirst();
    return Array.isArray(r?.parse_warnings) ? r.parse_warnings.filter((w): w is string => typeof w === 'string') : [];
  },

  async sourceText(db: Executor, id: number): Promise<string | null> {
    const r = await db.selectFrom('plans').select('source_text').where('id', '=', id).executeTakeFirst();
    return r?.source_text ?? null;
  },

  // ── Criteria (tiêu chí) ──
  criteria(db: Executor, planId: number): Promise<CriterionRow[]> {
    return db
      .selectFrom('plan_criteria')
      .select(['id', 'parent_id', 'subject', 'code', 'text', 'max_points', 'position', 'origin_criterion_id', 'dropped_reason', 'is_veto', 'source_line', 'lineage_key'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .orderBy('id')
      .execute();
  },

  async countCriteria(db: Executor, planId: number): Promise<number> {
    const r = await db
      .selectFrom('plan_criteria')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', planId)
      .where('dropped_reason', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** Takes `n` ids from the criteria sequence, so a tree with its parent links goes in with one insert. */
  async nextCriterionIds(db: Executor, n: number): Promise<number[]> {
    if (n === 0) return [];
    const r = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('plan_criteria', 'id')) as id from generate_series(1, ${n}::int)`.execute(db);
    return r.rows.map((row) => Number(row.id));
  },

  async deleteCriteria(db: Executor, planId: number): Promise<void> {
    await db.deleteFrom('plan_criteria').where('plan_id', '=', planId).execute();
  },

  async insertCriteria(db: Executor, rows: NewCriterion[]): Promise<void> {
    // Parents come before their children, and 1,000 rows stay well under PostgreSQL's parameter limit.
    for (let i = 0; i < rows.length; i += 1000) {
      await db.insertInto('plan_criteria').values(rows.slice(i, i + 1000)).execute();
    }
  },

  /** Criteria that exist, by id, with their plan and lineage: to check and pair the origins an adopter names. */
  criteriaByIds(db: Executor, ids: number[]): Promise<{ id: number; plan_id: number; subject: string; lineage_key: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('plan_criteria').select(['id', 'plan_id', 'subject', 'lineage_key']).where('id', 'in', ids).execute();
  },

  /** Criteria of other plans adopted from these ones (their origin): they must not disappear. */
  adoptedFrom(db: Executor, planId: number, ids: number[]): Promise<{ id: number; plan_id: number; origin_criterion_id: number }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('plan_criteria')
      .select(['id', 'plan_id', 'origin_criterion_id as origin_criterion_id'])
      .where('origin_criterion_id', 'in', ids)
      .where('plan_id', '<>', planId)
      .orderBy('id')
      .execute() as Promise<{ id: number; plan_id: number; origin_criterion_id: number }[]>;
  },

  /** Detaches kept criteria from their parents, so deleting the others cascades to no kept row. */
  async unparentCriteria(db: Executor, planId: number, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await db.updateTable('plan_criteria').set({ parent_id: null }).where('plan_id', '=', planId).where('id', 'in', ids).execute();
  },

  async deleteCriteriaByIds(db: Executor, planId: number, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await db.deleteFrom('plan_criteria').where('plan_id', '=', planId).where('id', 'in', ids).execute();
  },

  /** Rewrites kept criteria in place (ids and lineage keys stay), in one statement per 1,000 rows. */
  async updateCriteria(db: Executor, planId: number, rows: Omit<NewCriterion, 'plan_id' | 'lineage_key'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = JSON.stringify(rows.slice(i, i + 1000));
      await sql`
        update plan_criteria c set
          parent_id = v.parent_id, subject = v.subject, code = v.code, text = v.text, max_points = v.max_points,
          position = v.position, origin_criterion_id = v.origin_criterion_id, dropped_reason = v.dropped_reason,
          is_veto = v.is_veto, source_line = v.source_line
        from jsonb_to_recordset(${chunk}::jsonb) as v(
          id bigint, parent_id bigint, subject text, code text, text text, max_points numeric, position int,
          origin_criterion_id bigint, dropped_reason text, is_veto boolean, source_line int)
        where c.id = v.id and c.plan_id = ${planId}
      `.execute(db);
    }
  },

  // ── Versions (phiên bản) and the cascade (áp dụng) ──
  /** Every version of the plan's chain, oldest first (the chain is linear: one successor each). */
  async versions(db: Executor, planId: number): Promise<VersionRow[]> {
    const r = await sql<VersionRow>`
      with recursive up as (
        select id, supersedes_plan_id, 0 as depth from plans where id = ${planId}
        union all
        select p.id, p.supersedes_plan_id, up.depth + 1 from plans p join up on p.id = up.supersedes_plan_id where up.depth < 1000
      ),
      down as (
        select id, 0 as depth from up where supersedes_plan_id is null
        union all
        select p.id, down.depth + 1 from plans p join down on p.supersedes_plan_id = down.id where down.depth < 1000
      )
      select p.id, p.version, p.status, p.title from down join plans p on p.id = down.id order by p.version, p.id
    `.execute(db);
    return r.rows.map((v) => ({ ...v, id: Number(v.id) }));
  },

  /** The unit's plans that adopt one of these plans (versions of one parent), newest first. */
  async adoptionsBy(db: Executor, unitId: number, parentIds: number[]): Promise<{ id: number }[]> {
    if (parentIds.length === 0) return [];
    return db.selectFrom('plans').select('id').where('unit_id', '=', unitId).where('parent_plan_id', 'in', parentIds).orderBy('id', 'desc').execute();
  },

  /** Serialises adoptions by one unit to the end of the transaction: one adoption per parent plan. */
  async lockAdoptions(db: Executor, unitId: number): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`plan.adopt:${unitId}`}::text, 0))`.execute(db);
  },

  /** The settings a copy of a plan keeps besides its header: classification bands and the overscore margin. */
  async planSettings(db: Executor, id: number): Promise<{ classification_bands: unknown; overscore_margin: number }> {
    return db.selectFrom('plans').select(['classification_bands', 'overscore_margin']).where('id', '=', id).executeTakeFirstOrThrow();
  },

  async setPlanSettings(db: Executor, id: number, s: { classification_bands: unknown; overscore_margin: number }): Promise<void> {
    await db
      .updateTable('plans')
      .set({ classification_bands: JSON.stringify(s.classification_bands), overscore_margin: s.overscore_margin })
      .where('id', '=', id)
      .execute();
  },

  async setParentPlan(db: Executor, id: number, parentPlanId: number, at: Date): Promise<void> {
    await db.updateTable('plans').set({ parent_plan_id: parentPlanId, updated_at: at }).where('id', '=', id).execute();
  },

  async setOrigins(db: Executor, planId: number, pairs: { id: number; origin: number }[]): Promise<void> {
    if (pairs.length === 0) return;
    await sql`
      update plan_criteria c set origin_criterion_id = v.origin
      from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as v(id bigint, origin bigint)
      where c.id = v.id and c.plan_id = ${planId}
    `.execute(db);
  },

  // ── Decisions on a parent's later changes ──
  decisions(db: Executor, planId: number): Promise<DecisionRow[]> {
    return db.selectFrom('plan_parent_decisions').select(['criterion_key', 'kind', 'fingerprint', 'decision', 'source_plan_id']).where('plan_id', '=', planId).orderBy('id').execute();
  },

  async insertDecisions(db: Executor, planId: number, rows: DecisionRow[], decidedBy: number | null): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto('plan_parent_decisions')
      .values(rows.map((r) => ({ ...r, plan_id: planId, decided_by: decidedBy })))
      .onConflict((oc) => oc.columns(['plan_id', 'criterion_key', 'fingerprint']).doNothing())
      .execute();
  },

  // ── Milestones, deadlines, award forms ──
  milestones(db: Executor, planId: number) {
    return db.selectFrom('plan_milestones').select(['id', 'year', 'date', 'label', 'kind', 'source_line']).where('plan_id', '=', planId).orderBy('position').execute();
  },

  deadlines(db: Executor, planId: number) {
    return db
      .selectFrom('plan_deadlines')
      .select(['id', 'day', 'month', 'year', 'period', 'recipient_text', 'recipient_unit_id', 'text', 'source_line'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute();
  },

  awardForms(db: Executor, planId: number) {
    return db.selectFrom('plan_award_forms').select(['id', 'name']).where('plan_id', '=', planId).orderBy('position').execute();
  },

  async replaceMilestones(db: Executor, planId: number, items: NewMilestone[]): Promise<void> {
    await db.deleteFrom('plan_milestones').where('plan_id', '=', planId).execute();
    if (items.length === 0) return;
    await db
      .insertInto('plan_milestones')
      .values(items.map((m, position) => ({ ...m, plan_id: planId, position })))
      .execute();
  },

  async replaceDeadlines(db: Executor, planId: number, items: NewDeadline[]): Promise<void> {
    await db.deleteFrom('plan_deadlines').where('plan_id', '=', planId).execute();
    if (items.length === 0) return;
    await db
      .insertInto('plan_deadlines')
      .values(items.map((d, position) => ({ ...d, plan_id: planId, position })))
      .execute();
  },

  async replaceAwardForms(db: Executor, planId: number, names: string[]): Promise<void> {
    await db.deleteFrom('plan_award_forms').where('plan_id', '=', planId).execute();
    if (names.length === 0) return;
    await db
      .insertInto('plan_award_forms')
      .values(names.map((name, position) => ({ name, plan_id: planId, position })))
      .execute();
  },

  // ── Units ──
  findUnit(db: Executor, id: number): Promise<{ id: number; path: string; status: string } | undefined> {
    return db.selectFrom('units').select(['id', 'path', 'status']).where('id', '=', id).executeTakeFirst();
  },
};
