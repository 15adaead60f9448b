import type {
  AdoptPlanBody,
  CriterionInput,
  DecideParentChangesBody,
  ParentChanges,
  PlanComparison,
  PlanDetail,
  PlanStatus,
} from '@thidua/contracts';
import { isWithin, type Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { offeredChanges, originKeys } from './plans.changes.js';
import { compareWithParent, inForce, treeOrder, type OfferedChange } from './plans.diff.js';
import { plansRepository as repo, type CriterionRow, type NewCriterion, type PlanRow, type VersionRow } from './plans.repository.js';
import {
  canSee,
  detailOf,
  invalid,
  requireNotAdopted,
  requireWrite,
  snapshot,
  toSummary,
  visiblePlan,
  writableUnit,
  writeCriteria,
} from './plans.service.js';

// The cascade (áp dụng kế hoạch cấp trên): a unit below adopts a published plan as a draft of its
// own, adapts it, compares it with the parent, and later takes — or sets aside — what newer versions
// of the parent changed. Versions (phiên bản): a published plan is changed through a new draft copy.

// ── Copies ─────────────────────────────────────────────────────────────

/**
 * Copies a plan into a new draft. An adoption starts a plan of the adopting unit whose criteria are
 * the parent's criteria in force, each remembering its origin; its number, code, date and signer
 * are left for the unit to fill. A version keeps everything, lineage keys and origins included,
 * and the decisions taken on the parent's changes.
 */
async function copyPlan(
  trx: Executor,
  actor: Actor,
  from: PlanRow,
  to: { kind: 'adopt'; unitId: number } | { kind: 'version' },
): Promise<number> {
  const adopt = to.kind === 'adopt';
  const id = await repo.insertPlan(trx, {
    movement_id: from.movement_id,
    unit_id: adopt ? to.unitId : from.unit_id,
    parent_plan_id: adopt ? from.id : from.parent_plan_id,
    document_type: from.document_type,
    number: adopt ? null : from.number,
    code: adopt ? null : from.code,
    issue_date: adopt ? null : from.issue_date,
    signer: adopt ? null : from.signer,
    title: from.title,
    purpose_text: from.purpose_text,
    // An adopter applies the plan over the same years, until it says otherwise.
    year_from: from.year_from,
    year_to: from.year_to,
    source_file_name: null,
    source_text: null,
    parse_warnings: [],
    created_by: actor.userId,
    version: adopt ? 1 : from.version + 1,
    supersedes_plan_id: adopt ? null : from.id,
  });
  await repo.setPlanSettings(trx, id, await repo.planSettings(trx, from.id));

  const all = await repo.criteria(trx, from.id);
  // An adopter takes what is in force above: a criterion the parent dropped (and all under it) is not its to adapt.
  const live = inForce(all);
  const rows = treeOrder(all)
    .map((t) => t.row)
    .filter((r) => !adopt || live.has(r.id));
  const ids = await repo.nextCriterionIds(trx, rows.length);
  const idOf = new Map(rows.map((r, i) => [r.id, ids[i]!]));
  await repo.insertCriteria(
    trx,
    rows.map(
      (r): NewCriterion => ({
        id: idOf.get(r.id)!,
        plan_id: id,
        parent_id: r.parent_id === null ? null : idOf.get(r.parent_id)!,
        subject: r.subject,
        code: r.code,
        text: r.text,
        max_points: r.max_points,
        position: r.position,
        origin_criterion_id: adopt ? r.id : r.origin_criterion_id,
        dropped_reason: adopt ? null : r.dropped_reason,
        is_veto: r.is_veto,
        source_line: null,
        ...(adopt ? {} : { lineage_key: r.lineage_key }),
      }),
    ),
  );

  const [milestones, deadlines, awardForms] = await Promise.all([repo.milestones(trx, from.id), repo.deadlines(trx, from.id), repo.awardForms(trx, from.id)]);
  await repo.replaceMilestones(
    trx,
    id,
    milestones.map((m) => ({ year: m.year, date: m.date, label: m.label, kind: m.kind, source_line: null })),
  );
  await repo.replaceDeadlines(
    trx,
    id,
    deadlines.map((d) => ({
      day: d.day,
      month: d.month,
      year: d.year,
      period: d.period,
      recipient_text: d.recipient_text,
      recipient_unit_id: d.recipient_unit_id,
      text: d.text,
      source_line: null,
    })),
  );
  await repo.replaceAwardForms(trx, id, awardForms.map((a) => a.name));
  if (!adopt) await repo.insertDecisions(trx, id, await repo.decisions(trx, from.id), actor.userId);
  return id;
}

// ── Adopting ───────────────────────────────────────────────────────────

/**
 * Adopts (áp dụng) a published plan for a unit below its issuer: a draft of that unit, for the same
 * movement, holding a copy of the plan's criteria in force, milestones, deadlines and award forms.
 * One adoption per unit and parent plan (PLAN_ALREADY_ADOPTED names the existing one).
 */
export async function adoptPlan(ctx: AppContext, actor: Actor, id: number, input: AdoptPlanBody): Promise<PlanDetail> {
  const parent = await visiblePlan(ctx.db, actor, id);
  const unit = await writableUnit(ctx.db, actor, input.unitId);
  if (unit.path === parent.unit_path || !isWithin(unit.path, parent.unit_path)) {
    throw invalid('unitId', 'Đơn vị áp dụng phải là đơn vị cấp dưới của đơn vị ban hành kế hoạch', 'The adopting unit must be below the unit that issued the plan');
  }
  // Publishing a newer version closes this one, so the status alone says whether it is in force.
  const adoptable = (p: { status: string; superseded_by_plan_id: number | null }) => {
    if (p.status !== 'published') throw new AppError('PLAN_NOT_ADOPTABLE', { planId: id, status: p.status, newerPlanId: p.superseded_by_plan_id });
  };
  adoptable(parent);
  const newId = await ctx.db.transaction().execute(async (trx) => {
    // The parent cannot be closed or replaced while it is copied.
    await repo.lockPlan(trx, id);
    const current = (await repo.findPlan(trx, id))!;
    adoptable(current);
    await requireNotAdopted(trx, unit.id, id);
    const created = await copyPlan(trx, actor, current, { kind: 'adopt', unitId: unit.id });
    const after = (await repo.findPlan(trx, created))!;
    await writeAudit(trx, auditContextOf(actor), {
      action: 'plan.adopt',
      entity: 'plan',
      entityId: created,
      unitId: unit.id,
      after: { ...snapshot(after), criteria: await repo.countCriteria(trx, created) },
    });
    return created;
  });
  return detailOf(ctx.db, actor, newId);
}

// ── Comparing ──────────────────────────────────────────────────────────

/**
 * The plan beside the parent version it adopts: per subject, in the plan's tree order, each row
 * pairing the parent's criterion with the plan's by origin, marked same / changed (with the fields)
 * / added / dropped (with the reason) / removed.
 */
export async function comparePlan(ctx: AppContext, actor: Actor, id: number): Promise<PlanComparison> {
  const plan = await visiblePlan(ctx.db, actor, id);
  const own = await repo.criteria(ctx.db, id);
  const parent = plan.parent_plan_id === null ? undefined : await repo.findPlan(ctx.db, plan.parent_plan_id);
  // A plan the actor sees adopts one issued above it, which the actor sees too; be safe all the same.
  const shown = parent && canSee(actor, parent.unit_path) ? parent : null;
  const [parentRows, keyOf] = shown
    ? await Promise.all([repo.criteria(ctx.db, shown.id), repo.versions(ctx.db, shown.id).then((v) => originKeys(ctx.db, own, v.map((x) => x.id)))])
    : [[], () => null];
  const comparison = compareWithParent(parentRows, own, keyOf);
  return { plan: toSummary(plan, actor), parent: shown ? toSummary(shown, actor) : null, ...comparison };
}

// ── Versions ───────────────────────────────────────────────────────────

function requireVersionable(p: PlanRow): void {
  if (p.status === 'draft') throw new AppError('PLAN_STILL_DRAFT', { planId: p.id });
  if (p.superseded_by_plan_id !== null) throw new AppError('PLAN_SUPERSEDED', { planId: p.id, newerPlanId: p.superseded_by_plan_id });
}

/** A new draft version of a locked, published or closed plan, audited; its id. */
async function newVersionIn(trx: Tx, actor: Actor, plan: PlanRow): Promise<number> {
  const created = await copyPlan(trx, actor, plan, { kind: 'version' });
  const after = (await repo.findPlan(trx, created))!;
  await writeAudit(trx, auditContextOf(actor), {
    action: 'plan.version.create',
    entity: 'plan',
    entityId: created,
    unitId: plan.unit_id,
    after: { ...snapshot(after), criteria: await repo.countCriteria(trx, created) },
  });
  return created;
}

/**
 * Starts a new version (phiên bản) of a published or closed plan: a draft copy numbered one higher
 * that supersedes it. Publishing the copy closes this one. A plan has at most one newer version.
 */
export async function createVersion(ctx: AppContext, actor: Actor, id: number): Promise<PlanDetail> {
  const plan = await visiblePlan(ctx.db, actor, id);
  requireWrite(actor, plan.unit_path);
  requireVersionable(plan);
  const newId = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockPlan(trx, id);
    const current = (await repo.findPlan(trx, id))!;
    requireVersionable(current);
    return newVersionIn(trx, actor, current);
  });
  return detailOf(ctx.db, actor, newId);
}

// ── Changes the parent published later ────────────────────────────────

function publicChange(c: OfferedChange) {
  return { key: c.key, kind: c.kind, subject: c.subject, fields: c.fields, before: c.before, after: c.after, own: c.own };
}

/**
 * What the parent's latest version changed since the version this plan adopted, as far as the plan
 * holds it, and not yet accepted or dismissed.
 */
export async function getParentChanges(ctx: AppContext, actor: Actor, id: number): Promise<ParentChanges> {
  const plan = await visiblePlan(ctx.db, actor, id);
  const { state, pending } = await offeredChanges(ctx.db, plan);
  const ref = (v: VersionRow) => ({ id: v.id, version: v.version, title: v.title, status: v.status as PlanStatus });
  return {
    planId: id,
    adopted: state ? ref(state.adopted) : null,
    latest: state ? ref(state.latest) : null,
    changes: pending.map(publicChange),
  };
}

/** Why the plan itself cannot take changes: a newer version of it decides instead. */
function requireCurrent(p: PlanRow): void {
  if (p.superseded_by_plan_id !== null) throw new AppError('PLAN_SUPERSEDED', { planId: p.id, newerPlanId: p.superseded_by_plan_id });
}

/** The criteria of a plan as the tree PUT /criteria takes, with each row's depth beside it. */
function asInputs(rows: CriterionRow[]): { input: CriterionInput; depth: number }[] {
  return treeOrder(rows).map(({ row: r, depth }) => ({
    depth,
    input: {
      ref: String(r.id),
      parentRef: r.parent_id === null ? null : String(r.parent_id),
      subject: r.subject as CriterionInput['subject'],
      code: r.code,
      text: r.text,
      maxPoints: r.max_points === null ? null : Number(r.max_points),
      isVeto: r.is_veto,
      droppedReason: r.dropped_reason,
      originCriterionId: r.origin_criterion_id,
      sourceLine: r.source_line,
    },
  }));
}

/**
 * Applies accepted changes to the plan `target` (its tree rewritten through writeCriteria, so the
 * usual rules hold): a changed criterion takes the parent's new values for the fields that changed,
 * a removed one is dropped with the parent's removal as reason (never deleted: lower plans may hold
 * it), an added one is inserted under the criterion that came from its parent, where it stands among
 * its siblings above.
 */
async function applyChanges(trx: Executor, target: PlanRow, accepted: OfferedChange[], versionIds: number[], latest: { id: number; version: number }): Promise<void> {
  const rows = await repo.criteria(trx, target.id);
  const list = asInputs(rows);
  const keyOf = await originKeys(trx, rows, versionIds);
  // The target's criterion for a parent lineage key: by origin, or one inserted just now.
  const byOrigin = new Map<string, { input: CriterionInput; depth: number }>();
  rows.forEach((r) => {
    const k = keyOf(r);
    const item = list.find((l) => l.input.ref === String(r.id));
    if (k !== null && item && !byOrigin.has(k)) byOrigin.set(k, item);
  });
  const latestRows = accepted.some((c) => c.kind === 'added') ? await repo.criteria(trx, latest.id) : [];

  for (const change of accepted) {
    const l = change.latestRow;
    const mine = byOrigin.get(change.key);
    if (change.kind === 'removed') {
      if (mine) mine.input.droppedReason ??= `Kế hoạch cấp trên đã bỏ tiêu chí này (phiên bản ${latest.version})`;
      continue;
    }
    if (!l) continue;
    const fields = change.kind === 'changed' ? change.fields : (['code', 'text', 'maxPoints', 'isVeto'] as const);
    if (mine) {
      for (const f of fields) {
        if (f === 'code') mine.input.code = l.code;
        if (f === 'text') mine.input.text = l.text;
        if (f === 'maxPoints') mine.input.maxPoints = l.max_points === null ? null : Number(l.max_points);
        if (f === 'isVeto') mine.input.isVeto = l.is_veto;
      }
      continue;
    }
    // A new criterion: under the counterpart of its parent above, before the counterpart of its
    // nearest later sibling there, else last under that parent (the unit's own additions stay put).
    const upKey = l.parent_id === null ? null : (latestRows.find((r) => r.id === l.parent_id)?.lineage_key ?? null);
    const up = upKey === null ? undefined : byOrigin.get(upKey);
    const upRef = up ? up.input.ref : null;
    const siblings = latestRows.filter((r) => r.parent_id === l.parent_id && r.subject === l.subject).sort((a, b) => a.position - b.position || a.id - b.id);
    let at = -1;
    for (const later of siblings.slice(siblings.findIndex((r) => r.id === l.id) + 1)) {
      const next = byOrigin.get(later.lineage_key);
      if (next && next.input.parentRef === upRef && next.input.subject === l.subject) {
        at = list.indexOf(next);
        break;
      }
    }
    if (at < 0 && up) {
      at = list.indexOf(up) + 1;
      while (at < list.length && list[at]!.depth > up.depth) at++;
    }
    if (at < 0) at = list.length;
    const item = {
      depth: up ? up.depth + 1 : 0,
      input: {
        ref: `moi-${change.key}`,
        parentRef: up ? up.input.ref : null,
        subject: l.subject as CriterionInput['subject'],
        code: l.code,
        text: l.text,
        maxPoints: l.max_points === null ? null : Number(l.max_points),
        isVeto: l.is_veto,
        droppedReason: null,
        originCriterionId: l.id,
        sourceLine: null,
      },
    };
    list.splice(at, 0, item);
    byOrigin.set(change.key, item);
  }

  try {
    await writeCriteria(
      trx,
      target,
      list.map((x) => x.input),
    );
  } catch (err) {
    // The tree's own rules (codes unique per subject…) speak of positions the user never sent.
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED') {
      throw new AppError('VALIDATION_FAILED', undefined, [
        fieldEntry(
          'accept',
          `Không áp dụng được thay đổi vào kế hoạch — ${(err.fields ?? []).map((f) => f.message.replace(/^[^:]*: /, '')).join('; ')}`,
          `The changes cannot be applied to the plan — ${(err.fields ?? []).map((f) => f.messageEn.replace(/^[^:]*: /, '')).join('; ')}`,
        ),
      ]);
    }
    throw err;
  }
}

/**
 * Accepts and dismisses changes the parent published since this plan adopted it. Accepted ones go
 * into the plan itself when it is a draft, or published and not yet frozen (audited as a
 * correction); into a new draft version of it when its criteria are frozen or it is closed. Once no
 * change waits, the plan adopts the parent's latest version (its criteria's origins follow).
 */
export async function decideParentChanges(ctx: AppContext, actor: Actor, id: number, input: DecideParentChangesBody): Promise<PlanDetail> {
  const plan = await visiblePlan(ctx.db, actor, id);
  requireWrite(actor, plan.unit_path);
  requireCurrent(plan);
  const both = input.accept.find((k) => input.dismiss.includes(k));
  if (both !== undefined) throw invalid('dismiss', `Thay đổi "${both}" vừa được chọn áp dụng vừa bỏ qua`, `Change "${both}" is both accepted and dismissed`);

  const targetId = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockPlan(trx, id);
    const current = (await repo.findPlan(trx, id))!;
    requireCurrent(current);
    const { state, pending } = await offeredChanges(trx, current);
    const byKey = new Map(pending.map((c) => [c.key, c]));
    const unknown = (list: string[], field: string) => {
      const i = list.findIndex((k) => !byKey.has(k));
      if (i >= 0) {
        throw invalid(`${field}.${i}`, `Thay đổi "${list[i]}" không còn chờ quyết định; hãy tải lại trang`, `Change "${list[i]}" is no longer waiting for a decision; reload the page`);
      }
    };
    unknown(input.accept, 'accept');
    unknown(input.dismiss, 'dismiss');
    if (!state) throw new AppError('NOT_FOUND');

    const inPlace = current.status === 'draft' || (current.status === 'published' && current.criteria_frozen_at === null);
    const target = inPlace ? current : (await repo.findPlan(trx, await newVersionIn(trx, actor, current)))!;
    // In the parent's tree order, so a new criterion's new parent goes in first.
    const accepted = pending.filter((c) => input.accept.includes(c.key));
    const versionIds = state.versions.map((v) => v.id);
    if (accepted.length > 0) await applyChanges(trx, target, accepted, versionIds, state.latest);
    const decision = (decision: 'accepted' | 'dismissed') => (k: string) => {
      const c = byKey.get(k)!;
      return { criterion_key: c.key, kind: c.kind, fingerprint: c.fingerprint, decision, source_plan_id: state.latest.id };
    };
    await repo.insertDecisions(trx, target.id, [...input.accept.map(decision('accepted')), ...input.dismiss.map(decision('dismissed'))], actor.userId);

    // Every change decided: the plan now adopts the latest version, its criteria pointing at that version's.
    const waiting = pending.filter((c) => !input.accept.includes(c.key) && !input.dismiss.includes(c.key));
    let movedTo: number | null = null;
    if (waiting.length === 0) {
      const [rows, latestRows] = await Promise.all([repo.criteria(trx, target.id), repo.criteria(trx, state.latest.id)]);
      const keyOf = await originKeys(trx, rows, versionIds);
      const latestByKey = new Map(latestRows.map((r) => [r.lineage_key, r.id]));
      const pairs = rows.flatMap((r) => {
        const k = keyOf(r);
        const to = k === null ? undefined : latestByKey.get(k);
        return to !== undefined && to !== r.origin_criterion_id ? [{ id: r.id, origin: to }] : [];
      });
      await repo.setParentPlan(trx, target.id, state.latest.id, ctx.now());
      await repo.setOrigins(trx, target.id, pairs);
      movedTo = state.latest.id;
    }
    await repo.touch(trx, target.id, ctx.now());
    const after = (await repo.findPlan(trx, target.id))!;
    await writeAudit(trx, auditContextOf(actor), {
      action: 'plan.parent_changes.decide',
      entity: 'plan',
      entityId: target.id,
      unitId: target.unit_id,
      before: snapshot(target),
      after: {
        ...snapshot(after),
        fromPlanId: state.latest.id,
        accepted: accepted.map((c) => ({ key: c.key, kind: c.kind, fields: c.fields, code: (c.after ?? c.before)?.code ?? null })),
        dismissed: input.dismiss.map((k) => ({ key: k, kind: byKey.get(k)!.kind, code: (byKey.get(k)!.after ?? byKey.get(k)!.before)?.code ?? null })),
        waiting: waiting.length,
        adoptsPlanId: movedTo,
        ...(target.id !== id ? { newVersionOf: id } : {}),
      },
    });
    return target.id;
  });
  return detailOf(ctx.db, actor, targetId);
}
