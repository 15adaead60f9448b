import { assessmentStageLabels, assessmentStages, defaultClassificationBands, type IndicatorKind } from '@thidua/contracts';
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { dashboardRepository } from '../dashboard/dashboard.repository.js';
import { addDays, parseCalendarDate, startOfVietnamDay, type CalendarDate } from './reports.periods.js';

// The indicator registry (chỉ tiêu báo cáo tự động): indicators a periodic report (báo cáo định kỳ)
// can fill from what the system already holds, counted LIVE from the database for the reporting
// unit's whole subtree (units.path <@ unitPath, whatever the units' status, so history still counts)
// and its reporting period (kỳ báo cáo). A report template names indicators by source key; the report
// shows the computed value beside the one the unit types.
//
// Capabilities that arrive later (inspections, violations, citizen ratings, outreach…) add their own
// sources with `registerIndicatorSource` when their module is loaded; nothing here needs to change.
//
// What "in the period" means, source by source (periods are Vietnam calendar dates, see
// reports.periods.ts; `until` is 00:00 in Vietnam on the day after the period's last day):
// - registrations (đăng ký thi đua) of the report's year, still registered, made before `until`;
// - assessments (đánh giá) of the report's year opened before `until`, by their CURRENT stage (stages
//   keep no history); "done" and the classification (xếp loại) counts take the final ones finalised
//   before `until`;
// - evidence (minh chứng) added inside the period and not deleted before `until`;
// - people and units: those active now (the registry of people keeps no history of activity).
// Without a movement (phong trào) in the scope, registrations, assessments and evidence of every
// movement count.

/** Where and when indicators are counted. */
export interface IndicatorScope {
  /** The reporting unit's path (ltree of unit ids, e.g. '1.12.40'); its whole subtree counts. */
  unitPath: string;
  movementId?: number | null;
  /** The emulation year registrations and assessments belong to. */
  year: number;
  /** First day of the period, inclusive (Vietnam calendar date). */
  periodStart: CalendarDate;
  /** Last day of the period, inclusive (Vietnam calendar date). */
  periodEnd: CalendarDate;
}

/** What a source gets besides the scope: the period as instants, and rows it can share. */
export interface IndicatorContext {
  /** 00:00 in Vietnam on the period's first day. */
  from: Date;
  /** 00:00 in Vietnam on the day after the period's last day (exclusive). */
  until: Date;
  /** Ids of the units in the subtree, whatever their status; read once per computation. */
  subtreeUnitIds(): Promise<number[]>;
  /** Runs `load` once per computation for `key`: sources that read the same rows share one query. */
  shared<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface IndicatorSource {
  /** Dotted, lower case: 'registrations.people', 'assessments.by_classification.excellent'. */
  key: string;
  label: { vi: string; en: string };
  kind: IndicatorKind;
  /** The value for the scope; booleans as 0/1. */
  compute(db: Executor, scope: IndicatorScope, ctx: IndicatorContext): Promise<number>;
}

const registry = new Map<string, IndicatorSource>();
const KEY = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/**
 * Adds a source. A key registered twice is a programming error (two modules claiming one
 * indicator), so it throws instead of silently replacing the first.
 */
export function registerIndicatorSource(def: IndicatorSource): void {
  if (!KEY.test(def.key)) throw new Error(`Indicator source key must be dotted lower case: ${def.key}`);
  if (registry.has(def.key)) throw new Error(`Indicator source already registered: ${def.key}`);
  registry.set(def.key, def);
}

export function getIndicatorSource(key: string): IndicatorSource | undefined {
  return registry.get(key);
}

/** Every registered source, by key, for template editors. */
export function listIndicatorSources(): IndicatorSource[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function invalid(path: string, vi: string, en: string, details: Record<string, unknown>): AppError {
  return new AppError('VALIDATION_FAILED', details, [fieldEntry(path, vi, en)]);
}

/**
 * Computes the indicators `keys` for `scope`, live. Unknown keys are refused before anything is
 * counted (VALIDATION_FAILED naming them); so is a scope that is not a unit path and a period.
 */
export async function computeIndicators(db: Executor, keys: readonly string[], scope: IndicatorScope): Promise<Record<string, number>> {
  const unknown = [...new Set(keys)].filter((k) => !registry.has(k));
  if (unknown.length > 0) {
    throw invalid('keys', `Chỉ tiêu không có trong hệ thống: ${unknown.join(', ')}`, `Unknown indicator: ${unknown.join(', ')}`, { unknownKeys: unknown });
  }
  if (!/^\d+(\.\d+)*$/.test(scope.unitPath)) {
    throw invalid('unitPath', 'Đơn vị không hợp lệ', 'Not a unit path', { unitPath: scope.unitPath });
  }
  parseCalendarDate(scope.periodStart, 'periodStart');
  parseCalendarDate(scope.periodEnd, 'periodEnd');
  if (scope.periodEnd < scope.periodStart) {
    throw invalid('periodEnd', 'Ngày kết thúc kỳ trước ngày bắt đầu', 'The period ends before it starts', { periodStart: scope.periodStart, periodEnd: scope.periodEnd });
  }
  if (!Number.isInteger(scope.year) || scope.year < 1990 || scope.year > 2100) {
    throw invalid('year', 'Năm phải từ 1990 đến 2100', 'The year must be between 1990 and 2100', { year: scope.year });
  }

  const memo = new Map<string, Promise<unknown>>();
  const shared = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      memo.set(key, p);
    }
    return p;
  };
  const ctx: IndicatorContext = {
    from: startOfVietnamDay(scope.periodStart),
    until: startOfVietnamDay(addDays(scope.periodEnd, 1)),
    shared,
    subtreeUnitIds: () => shared('subtree', async () => (await dashboardRepository.subtree(db, scope.unitPath)).map((u) => u.id)),
  };
  const out: Record<string, number> = {};
  // One after another: inside a transaction there is one connection anyway, and shared rows are
  // then read once without racing.
  for (const key of new Set(keys)) {
    out[key] = await registry.get(key)!.compute(db, scope, ctx);
  }
  return out;
}

// ── The sources of registrations, assessments, evidence, people and units ──

interface RegistrationCounts {
  individual: number;
  collective: number;
}

function registrationCounts(db: Executor, scope: IndicatorScope, ctx: IndicatorContext): Promise<RegistrationCounts> {
  return ctx.shared('registrations', async () => {
    const ids = await ctx.subtreeUnitIds();
    if (ids.length === 0) return { individual: 0, collective: 0 };
    let q = db
      .selectFrom('registrations')
      .select([
        sql<number>`(count(*) filter (where subject = 'individual'))::int`.as('individual'),
        sql<number>`(count(*) filter (where subject = 'collective'))::int`.as('collective'),
      ])
      .where('year', '=', scope.year)
      .where('unit_id', '=', sql<number>`any(${ids}::bigint[])`)
      .where('status', '=', 'registered')
      .where('registered_at', '<', ctx.until);
    if (scope.movementId != null) q = q.where('movement_id', '=', scope.movementId);
    return q.executeTakeFirstOrThrow();
  });
}

interface AssessmentGroup {
  stage: string;
  classification: string | null;
  n: number;
  done: number;
}

function assessmentGroups(db: Executor, scope: IndicatorScope, ctx: IndicatorContext): Promise<AssessmentGroup[]> {
  return ctx.shared('assessments', async () => {
    const ids = await ctx.subtreeUnitIds();
    if (ids.length === 0) return [];
    let q = db
      .selectFrom('assessments')
      .select([
        'stage',
        'classification',
        sql<number>`count(*)::int`.as('n'),
        sql<number>`(count(*) filter (where stage = 'final' and coalesce(finalised_at, updated_at) < ${ctx.until}))::int`.as('done'),
      ])
      .where('year', '=', scope.year)
      .where('unit_id', '=', sql<number>`any(${ids}::bigint[])`)
      .where('created_at', '<', ctx.until)
      .groupBy(['stage', 'classification']);
    if (scope.movementId != null) q = q.where('movement_id', '=', scope.movementId);
    return q.execute();
  });
}

const sum = (rows: AssessmentGroup[], pick: (r: AssessmentGroup) => number) => rows.reduce((s, r) => s + pick(r), 0);

registerIndicatorSource({
  key: 'registrations.people',
  label: { vi: 'Số cá nhân đăng ký thi đua', en: 'Individuals registered' },
  kind: 'number',
  compute: async (db, scope, ctx) => (await registrationCounts(db, scope, ctx)).individual,
});

registerIndicatorSource({
  key: 'registrations.units',
  label: { vi: 'Số tập thể đăng ký thi đua', en: 'Collectives registered' },
  kind: 'number',
  compute: async (db, scope, ctx) => (await registrationCounts(db, scope, ctx)).collective,
});

registerIndicatorSource({
  key: 'assessments.done',
  label: { vi: 'Số lượt đánh giá đã hoàn tất', en: 'Assessments finalised' },
  kind: 'number',
  compute: async (db, scope, ctx) => sum(await assessmentGroups(db, scope, ctx), (r) => r.done),
});

for (const stage of assessmentStages) {
  const label = assessmentStageLabels[stage];
  registerIndicatorSource({
    key: `assessments.by_stage.${stage}`,
    label: { vi: `Số lượt đánh giá ở bước: ${label.vi}`, en: `Assessments at stage: ${label.en}` },
    kind: 'number',
    compute: async (db, scope, ctx) => sum(await assessmentGroups(db, scope, ctx), (r) => (r.stage === stage ? r.n : 0)),
  });
}

for (const band of defaultClassificationBands) {
  registerIndicatorSource({
    key: `assessments.by_classification.${band.key}`,
    label: { vi: `Số lượt xếp loại ${band.vi}`, en: `Classified ${band.en}` },
    kind: 'number',
    compute: async (db, scope, ctx) => sum(await assessmentGroups(db, scope, ctx), (r) => (r.classification === band.key ? r.done : 0)),
  });
}

registerIndicatorSource({
  key: 'evidence.items',
  label: { vi: 'Số minh chứng được bổ sung trong kỳ', en: 'Evidence items added in the period' },
  kind: 'number',
  compute: async (db, scope, ctx) => {
    const ids = await ctx.subtreeUnitIds();
    if (ids.length === 0) return 0;
    let q = db
      .selectFrom('evidence as e')
      .innerJoin('assessments as a', 'a.id', 'e.assessment_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('a.unit_id', '=', sql<number>`any(${ids}::bigint[])`)
      .where('e.created_at', '>=', ctx.from)
      .where('e.created_at', '<', ctx.until)
      .where((eb) => eb.or([eb('e.deleted_at', 'is', null), eb('e.deleted_at', '>=', ctx.until)]));
    if (scope.movementId != null) q = q.where('a.movement_id', '=', scope.movementId);
    return (await q.executeTakeFirstOrThrow()).n;
  },
});

registerIndicatorSource({
  key: 'people.active',
  label: { vi: 'Số cán bộ, công chức, viên chức, người lao động', en: 'People (active)' },
  kind: 'number',
  compute: async (db, _scope, ctx) => {
    const rows = await dashboardRepository.activePeople(db, await ctx.subtreeUnitIds());
    return rows.reduce((s, r) => s + r.n, 0);
  },
});

registerIndicatorSource({
  key: 'units.active',
  label: { vi: 'Số cơ quan, đơn vị (kể cả đơn vị báo cáo)', en: 'Units (active, the reporting unit included)' },
  kind: 'number',
  compute: async (db, scope) => {
    const row = await db
      .selectFrom('units')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(sql<SqlBool>`path <@ ${scope.unitPath}::ltree`)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return row.n;
  },
});
