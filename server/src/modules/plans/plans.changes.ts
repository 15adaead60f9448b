import type { Executor } from '../../platform/database.js';
import { changesBetween, type OfferedChange, type OriginKeyOf } from './plans.diff.js';
import { plansRepository as repo, type CriterionRow, type DecisionRow, type PlanRow, type VersionRow } from './plans.repository.js';

// What a newer version of a parent plan offers the plans that adopted an older one. Read by the
// plan detail (a count for the alert), by GET /parent-changes and by the service that applies them.

/**
 * For each of the plan's criteria, the lineage key of the parent criterion it came from, when its
 * origin lies in one of `planIds` (the versions of the parent): origins are ids of one version, and
 * keys pair them with the same criterion in any other version.
 */
export async function originKeys(db: Executor, own: CriterionRow[], planIds: number[]): Promise<OriginKeyOf> {
  const ids = [...new Set(own.map((c) => c.origin_criterion_id).filter((o): o is number => o !== null))];
  const allowed = new Set(planIds);
  const found = new Map((await repo.criteriaByIds(db, ids)).filter((c) => allowed.has(c.plan_id)).map((c) => [c.id, c.lineage_key]));
  return (c) => (c.origin_criterion_id === null ? null : (found.get(c.origin_criterion_id) ?? null));
}

export interface ParentState {
  /** Every version of the parent, oldest first. */
  versions: VersionRow[];
  /** The version this plan adopted (its parent_plan_id). */
  adopted: VersionRow;
  /** The newest version of the parent that is not a draft (published, or closed after it). */
  latest: VersionRow;
}

export async function parentState(db: Executor, plan: PlanRow): Promise<ParentState | null> {
  if (plan.parent_plan_id === null) return null;
  const versions = await repo.versions(db, plan.parent_plan_id);
  const adopted = versions.find((v) => v.id === plan.parent_plan_id);
  if (!adopted) return null;
  const issued = versions.filter((v) => v.status !== 'draft');
  return { versions, adopted, latest: issued[issued.length - 1] ?? adopted };
}

export interface Offer {
  state: ParentState | null;
  /** Changes not yet accepted or dismissed. */
  pending: OfferedChange[];
}

/**
 * The changes still waiting for the plan's decision. None for a plan that adopts nothing, whose
 * parent has no newer issued version, or that a newer version of its own replaced (that one decides).
 */
export async function offeredChanges(db: Executor, plan: PlanRow): Promise<Offer> {
  const state = await parentState(db, plan);
  if (!state || plan.superseded_by_plan_id !== null || state.latest.version <= state.adopted.version) return { state, pending: [] };
  const [adopted, latest, own, decisions] = await Promise.all([
    repo.criteria(db, state.adopted.id),
    repo.criteria(db, state.latest.id),
    repo.criteria(db, plan.id),
    repo.decisions(db, plan.id),
  ]);
  const keyOf = await originKeys(db, own, state.versions.map((v) => v.id));
  const all = changesBetween(adopted, latest, own, keyOf);
  return { state, pending: all.filter((c) => !decided(decisions, c)) };
}

function decided(decisions: DecisionRow[], c: OfferedChange): boolean {
  return decisions.some((d) => d.criterion_key === c.key && d.fingerprint === c.fingerprint);
}

/** How many changes wait for the plan's decision: the plan detail's `parentChanges`. */
export async function pendingCount(db: Executor, plan: PlanRow): Promise<number> {
  return (await offeredChanges(db, plan)).pending.length;
}
