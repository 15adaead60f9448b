import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { ReportsTable, ReportTemplatesTable } from '../../db/schema.js';
import type { Executor } from '../../platform/database.js';

// Every query of report templates (mẫu báo cáo) and reports (báo cáo định kỳ); no rules here.
// The board, reminders and documents of reports read through these too: keep the exports stable.

export type ReportTemplateRow = Selectable<ReportTemplatesTable> & {
  /** The issuing unit of the template's plan; null for a template shipped with the system. */
  plan_unit_id: number | null;
  plan_unit_path: string | null;
  /** The movement (phong trào) of the template's plan: the indicators count that movement only. */
  plan_movement_id: number | null;
  /** The years the template's plan applies to (null: not limited on that side); its reports are of those years. */
  plan_year_from: number | null;
  plan_year_to: number | null;
  recipient_unit_name: string | null;
};

export type ReportRow = Selectable<ReportsTable> & {
  unit_name: string;
  unit_path: string;
  recipient_unit_name: string | null;
  recipient_unit_path: string | null;
  template_name: string;
};

/** What decides which units report under a template: its kinds, its plan's subtree and issuing unit. */
export interface ReportingScope {
  reporterKinds: string[];
  /** Units must lie in this subtree; null for a template of the whole system. */
  planUnitPath: string | null;
  /** The plan's issuing unit reports whatever its kind. */
  planUnitId: number | null;
}

export function reportingScopeOf(t: ReportTemplateRow): ReportingScope {
  return { reporterKinds: t.reporter_kinds, planUnitPath: t.plan_unit_path, planUnitId: t.plan_unit_id };
}

/** The SQL condition "unit `alias` reports under `scope`" (active units only). */
function isReporting(alias: string, scope: ReportingScope) {
  const path = sql.ref(`${alias}.path`);
  const inPlan = scope.planUnitPath === null ? sql<SqlBool>`true` : sql<SqlBool>`${path} <@ ${scope.planUnitPath}::ltree`;
  return sql<SqlBool>`(${sql.ref(`${alias}.status`)} = 'active' AND ((${sql.ref(`${alias}.kind`)} = any(${scope.reporterKinds}::text[]) AND ${inPlan}) OR ${sql.ref(`${alias}.id`)} = ${scope.planUnitId ?? 0}))`;
}

export interface UnitRef {
  id: number;
  name: string;
  path: string;
  kind: string;
  status: string;
}

const templateSelect = (db: Executor) =>
  db
    .selectFrom('report_templates as t')
    .leftJoin('plans as p', 'p.id', 't.plan_id')
    .leftJoin('units as pu', 'pu.id', 'p.unit_id')
    .leftJoin('units as tru', 'tru.id', 't.recipient_unit_id')
    .selectAll('t')
    .select(['pu.id as plan_unit_id', 'pu.path as plan_unit_path', 'p.movement_id as plan_movement_id', 'p.year_from as plan_year_from', 'p.year_to as plan_year_to', 'tru.name as recipient_unit_name']);

const reportSelect = (db: Executor) =>
  db
    .selectFrom('reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('report_templates as t', 't.id', 'r.template_id')
    .leftJoin('units as ru', 'ru.id', 'r.recipient_unit_id')
    .selectAll('r')
    .select(['u.name as unit_name', 'u.path as unit_path', 'ru.name as recipient_unit_name', 'ru.path as recipient_unit_path', 't.name as template_name']);

export const reportsRepository = {
  findTemplate(db: Executor, id: number): Promise<ReportTemplateRow | undefined> {
    return templateSelect(db).where('t.id', '=', id).executeTakeFirst();
  },

  /** A plan's templates, or with `planId` null those shipped with the system. */
  listTemplates(db: Executor, planId: number | null): Promise<ReportTemplateRow[]> {
    const q = templateSelect(db).orderBy('t.id');
    return (planId === null ? q.where('t.plan_id', 'is', null) : q.where('t.plan_id', '=', planId)).execute();
  },

  /**
   * The active templates of the published plans issued at or above the unit at `unitPath`, the
   * nearest plan first: the reports that unit (or its subtree) makes.
   */
  listTemplatesCovering(db: Executor, unitPath: string): Promise<ReportTemplateRow[]> {
    return templateSelect(db)
      .where('p.status', '=', 'published')
      .where('t.is_active', '=', true)
      .where(sql<SqlBool>`pu.path @> ${unitPath}::ltree`)
      .orderBy(sql`nlevel(pu.path)`, 'desc')
      .orderBy('t.id')
      .execute();
  },

  /** The system's default template of a period kind (the yearly one when there is none). */
  async defaultTemplate(db: Executor, periodKind: string): Promise<ReportTemplateRow | undefined> {
    const rows = await templateSelect(db).where('t.plan_id', 'is', null).where('t.code', 'in', [periodKind, 'year']).execute();
    return rows.find((r) => r.code === periodKind) ?? rows[0];
  },

  /** The deadlines (hạn báo cáo) a plan states, in their order. */
  planDeadlines(db: Executor, planId: number) {
    return db
      .selectFrom('plan_deadlines')
      .select(['day', 'month', 'period', 'recipient_text', 'recipient_unit_id'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .orderBy('id')
      .execute();
  },

  async templateCodeTaken(db: Executor, planId: number, code: string): Promise<boolean> {
    return !!(await db.selectFrom('report_templates').select('id').where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst());
  },

  async insertTemplate(
    db: Executor,
    row: Omit<Insertable<ReportTemplatesTable>, 'content' | 'reminder_schedule'> & { content: unknown; reminder_schedule: unknown },
  ): Promise<number> {
    const r = await db
      .insertInto('report_templates')
      .values({ ...row, content: JSON.stringify(row.content), reminder_schedule: JSON.stringify(row.reminder_schedule) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  async updateTemplate(
    db: Executor,
    id: number,
    patch: Omit<Updateable<ReportTemplatesTable>, 'id' | 'content' | 'reminder_schedule'> & { content?: unknown; reminder_schedule?: unknown },
    at: Date,
  ): Promise<void> {
    const { content, reminder_schedule, ...rest } = patch;
    await db
      .updateTable('report_templates')
      .set({
        ...rest,
        ...(content !== undefined ? { content: JSON.stringify(content) } : {}),
        ...(reminder_schedule !== undefined ? { reminder_schedule: JSON.stringify(reminder_schedule) } : {}),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  },

  findUnit(db: Executor, id: number): Promise<UnitRef | undefined> {
    return db.selectFrom('units').select(['id', 'name', 'path', 'kind', 'status']).where('id', '=', id).executeTakeFirst();
  },

  /** The nearest unit at or above `path` that reports under `scope`; `strict` skips `path` itself. */
  nearestReportingUnit(db: Executor, scope: ReportingScope, path: string, strict = false): Promise<UnitRef | undefined> {
    let q = db
      .selectFrom('units as u')
      .select(['u.id', 'u.name', 'u.path', 'u.kind', 'u.status'])
      .where(sql<SqlBool>`u.path @> ${path}::ltree`)
      .where(isReporting('u', scope))
      .orderBy(sql`nlevel(u.path)`, 'desc')
      .limit(1);
    if (strict) q = q.where(sql<SqlBool>`u.path <> ${path}::ltree`);
    return q.executeTakeFirst();
  },

  /**
   * The reporting units whose nearest reporting unit above is the one at `path`: those below it
   * with no other reporting unit in between.
   */
  childReportingUnits(db: Executor, scope: ReportingScope, path: string): Promise<UnitRef[]> {
    return db
      .selectFrom('units as u')
      .select(['u.id', 'u.name', 'u.path', 'u.kind', 'u.status'])
      .where(sql<SqlBool>`u.path <@ ${path}::ltree`)
      .where(sql<SqlBool>`u.path <> ${path}::ltree`)
      .where(isReporting('u', scope))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('units as m')
              .select('m.id')
              .where(sql<SqlBool>`m.path <@ ${path}::ltree`)
              .where(sql<SqlBool>`m.path <> ${path}::ltree`)
              .where(sql<SqlBool>`m.path @> u.path`)
              .where(sql<SqlBool>`m.path <> u.path`)
              .where(isReporting('m', scope)),
          ),
        ),
      )
      .orderBy('u.name')
      .execute();
  },

  findReport(db: Executor, id: number): Promise<ReportRow | undefined> {
    return reportSelect(db).where('r.id', '=', id).executeTakeFirst();
  },

  /** Locks the report's row for the rest of the transaction: writers of one report take turns. */
  async lockReport(db: Executor, id: number): Promise<void> {
    await db.selectFrom('reports').select('id').where('id', '=', id).forUpdate().execute();
  },

  findReportFor(db: Executor, templateId: number, unitId: number, periodKey: string): Promise<ReportRow | undefined> {
    return reportSelect(db).where('r.template_id', '=', templateId).where('r.unit_id', '=', unitId).where('r.period_key', '=', periodKey).executeTakeFirst();
  },

  /** The reports of one template and period by the given units. */
  reportsOfUnits(db: Executor, templateId: number, periodKey: string, unitIds: number[]): Promise<ReportRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return reportSelect(db)
      .where('r.template_id', '=', templateId)
      .where('r.period_key', '=', periodKey)
      .where('r.unit_id', '=', sql<number>`any(${unitIds}::bigint[])`)
      .execute();
  },

  /** Reports of units in any of `roots`' subtrees or sent to a unit there, newest period first. */
  listReports(db: Executor, roots: string[], filter: { templateId?: number; periodKey?: string; unitPath?: string }): Promise<ReportRow[]> {
    if (roots.length === 0) return Promise.resolve([]);
    let q = reportSelect(db)
      // Also those sent to a unit the actor sees that lies outside the reporting unit's branch (Sở Nội vụ).
      .where(sql<SqlBool>`(u.path <@ any(${roots}::ltree[]) OR ru.path <@ any(${roots}::ltree[]))`)
      .orderBy('r.period_start', 'desc')
      .orderBy('u.path')
      .limit(2000);
    if (filter.templateId) q = q.where('r.template_id', '=', filter.templateId);
    if (filter.periodKey) q = q.where('r.period_key', '=', filter.periodKey);
    if (filter.unitPath) q = q.where(sql<SqlBool>`u.path <@ ${filter.unitPath}::ltree`);
    return q.execute();
  },

  /** Opens a report; an existing one for the same template, unit and period wins (returns its id). */
  async insertReport(
    db: Executor,
    row: Pick<
      Insertable<ReportsTable>,
      'template_id' | 'unit_id' | 'recipient_unit_id' | 'year' | 'period_key' | 'period_start' | 'period_end' | 'due_date' | 'created_by'
    > & { values: unknown },
  ): Promise<{ id: number; created: boolean }> {
    const inserted = await db
      .insertInto('reports')
      .values({ ...row, values: JSON.stringify(row.values) })
      .onConflict((oc) => oc.columns(['template_id', 'unit_id', 'period_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await db
      .selectFrom('reports')
      .select('id')
      .where('template_id', '=', row.template_id)
      .where('unit_id', '=', row.unit_id)
      .where('period_key', '=', row.period_key)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  },

  /** Writes the given columns and bumps the revision. */
  async updateReport(
    db: Executor,
    id: number,
    patch: Omit<Updateable<ReportsTable>, 'id' | 'values' | 'narratives' | 'revision'> & { values?: unknown; narratives?: unknown },
    at: Date,
  ): Promise<void> {
    const { values, narratives, ...rest } = patch;
    await db
      .updateTable('reports')
      .set((eb) => ({
        ...rest,
        ...(values !== undefined ? { values: JSON.stringify(values) } : {}),
        ...(narratives !== undefined ? { narratives: JSON.stringify(narratives) } : {}),
        revision: eb('revision', '+', 1),
        updated_at: at,
      }))
      .where('id', '=', id)
      .execute();
  },

  /** Marks the recipient's report of the same template and period as stale (a child arrived or changed). */
  async markStale(db: Executor, templateId: number, periodKey: string, unitId: number): Promise<number | null> {
    const r = await db
      .updateTable('reports')
      .set({ stale: true })
      .where('template_id', '=', templateId)
      .where('period_key', '=', periodKey)
      .where('unit_id', '=', unitId)
      .returning('id')
      .executeTakeFirst();
    return r?.id ?? null;
  },
};
