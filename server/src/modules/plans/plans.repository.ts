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
  criteria_frozen_at: Date | null;
  source_file_name: string | null;
  created_at: Date;
  updated_at: Date;
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
}

export interface NewCriterion extends CriterionRow {
  plan_id: number;
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
      'p.criteria_frozen_at',
      'p.source_file_name',
      'p.created_at',
      'p.updated_at',
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

  async updateHeader(db: Executor, id: number, patch: PlanHeader): Promise<void> {
    await db
      .updateTable('plans')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async setStatus(db: Executor, id: number, status: string): Promise<void> {
    await db.updateTable('plans').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
  },

  async touch(db: Executor, id: number): Promise<void> {
    await db.updateTable('plans').set({ updated_at: new Date() }).where('id', '=', id).execute();
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
      .select(['id', 'parent_id', 'subject', 'code', 'text', 'max_points', 'position', 'origin_criterion_id', 'dropped_reason', 'is_veto', 'source_line'])
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

  /** Criteria that exist, by id, with their plan: to check the origins an adopter names. */
  criteriaByIds(db: Executor, ids: number[]): Promise<{ id: number; plan_id: number }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('plan_criteria').select(['id', 'plan_id']).where('id', 'in', ids).execute();
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
