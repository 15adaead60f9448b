import type {
  CreateUnitBody,
  ListUnitsQuery,
  RetireUnitBody,
  UnitDetail,
  UnitKind,
  UnitList,
  UnitStatus,
  UnitView,
  UpdateUnitBody,
} from '@thidua/contracts';
import { allowedActions, can, requireAccess } from '../../platform/access.js';
import { isWithin, visibleRoots, type Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation, type Executor } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { nameCollation, searchWords } from '../../platform/search.js';
import { assertDateInRange, assertStorableText } from './input.js';
import { unitsRepository as repo, type UnitRow, type UnitViewRow } from './units.repository.js';

function toUnitView(row: UnitViewRow, actor: Actor): UnitView {
  return {
    id: row.id,
    parentId: row.parent_id,
    path: row.path,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as UnitKind,
    status: row.status as UnitStatus,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    successorId: row.successor_id,
    successorName: row.successor_name,
    childCount: Number(row.child_count ?? 0),
    allowed: allowedActions(actor, row.path),
  };
}

/** What the audit log keeps of a unit, before and after a change. */
function snapshot(u: UnitRow) {
  return {
    parentId: u.parent_id,
    path: u.path,
    code: u.code,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    status: u.status,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    successorId: u.successor_id,
  };
}


async function viewOf(db: Executor, id: number, actor: Actor): Promise<UnitView> {
  const row = await repo.findViewById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return toUnitView(row, actor);
}

/** Loads a unit the actor may see, else 404 (an unknown id and a hidden one look the same). */
async function visibleUnit(db: Executor, actor: Actor, id: number): Promise<UnitRow> {
  const unit = await repo.findById(db, id);
  if (!unit || !can(actor, 'unit.read', unit.path)) throw new AppError('NOT_FOUND');
  return unit;
}

/**
 * Lists units (cơ quan, đơn vị): the actor's visible roots, the children of one unit, or a
 * diacritics-insensitive search over every unit the actor can see (below parentId when given).
 */
export async function listUnits(ctx: AppContext, actor: Actor, query: ListUnitsQuery): Promise<UnitList> {
  assertStorableText({ q: query.q });
  const collation = await nameCollation(ctx.db);
  const opts = { includeInactive: query.includeInactive, limit: query.limit, collation };
  const parent = query.parentId === undefined ? null : await visibleUnit(ctx.db, actor, query.parentId);
  const words = searchWords(query.q);
  let rows: UnitViewRow[];
  if (words.length > 0) {
    rows = await repo.search(ctx.db, words, visibleRoots(actor), { ...opts, strictlyBelow: parent?.path });
  } else if (parent) {
    rows = await repo.listChildren(ctx.db, parent.id, opts);
  } else {
    rows = await repo.listByPaths(ctx.db, visibleRoots(actor), opts);
  }
  return { items: rows.map((r) => toUnitView(r, actor)) };
}

/**
 * One unit with its breadcrumb, the units merged into it and its head count. The breadcrumb holds
 * only ancestors the actor can see, so it never names a unit that would answer 404 when clicked.
 * Predecessors are listed whatever their place: their history rolls up into this unit.
 */
export async function getUnit(ctx: AppContext, actor: Actor, id: number): Promise<UnitDetail> {
  const row = await repo.findViewById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'unit.read', row.path);
  const [ancestors, predecessors, peopleCount] = await Promise.all([
    repo.ancestors(ctx.db, row.path),
    repo.predecessors(ctx.db, id),
    repo.countActivePeopleIn(ctx.db, row.path),
  ]);
  return {
    ...toUnitView(row, actor),
    ancestors: ancestors.filter((a) => can(actor, 'unit.read', a.path)).map((a) => ({ id: a.id, name: a.name })),
    predecessors: predecessors.map((p) => ({ id: p.id, name: p.name, status: p.status as UnitStatus, validTo: p.valid_to })),
    peopleCount,
  };
}

/** Creates a unit under an active parent; the id comes first so the path can end with it. */
export async function createUnit(ctx: AppContext, actor: Actor, input: CreateUnitBody): Promise<UnitView> {
  assertStorableText({ name: input.name, shortName: input.shortName });
  assertDateInRange('validFrom', input.validFrom);
  const parent = await repo.findById(ctx.db, input.parentId);
  if (!parent) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'unit.write', parent.path);
  if (parent.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: parent.id });
  if (await repo.codeTaken(ctx.db, input.code)) throw new AppError('UNIT_CODE_TAKEN', { code: input.code });

  const id = await ctx.db.transaction().execute(async (trx) => {
    // Re-read under a share lock: a concurrent retire or move of the parent waits for this insert.
    const locked = await repo.findByIdLocked(trx, parent.id, 'share');
    if (!locked || locked.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: parent.id });
    const newId = await repo.nextId(trx);
    try {
      await repo.insert(trx, {
        id: newId,
        parent_id: locked.id,
        path: `${locked.path}.${newId}`,
        code: input.code,
        name: input.name,
        short_name: input.shortName ?? null,
        kind: input.kind,
        ...(input.validFrom ? { valid_from: input.validFrom } : {}),
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('UNIT_CODE_TAKEN', { code: input.code });
      throw e;
    }
    const created = await repo.findById(trx, newId);
    await writeAudit(trx, auditContextOf(actor), { action: 'unit.create', entity: 'unit', entityId: newId, unitId: newId, after: snapshot(created!) });
    return newId;
  });
  return viewOf(ctx.db, id, actor);
}

/** Refuses a move that would hang a unit under itself, under a retired unit, or move a retired one. */
function assertMovable(unit: UnitRow, newParent: UnitRow): void {
  if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: unit.id });
  if (newParent.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: newParent.id });
  if (isWithin(newParent.path, unit.path)) throw new AppError('UNIT_CYCLE', { unitId: unit.id, parentId: newParent.id });
}

/**
 * Edits a unit; a new parentId moves its whole subtree. A retired unit may still be corrected
 * (name, code) but not moved: its place in the tree is part of its history. A root unit needs a
 * grant at or above it, which `can` already demands: a grant covers its unit and what lies below.
 */
export async function updateUnit(ctx: AppContext, actor: Actor, id: number, input: UpdateUnitBody): Promise<UnitView> {
  assertStorableText({ name: input.name, shortName: input.shortName });
  assertDateInRange('validFrom', input.validFrom);
  const unit = await visibleUnit(ctx.db, actor, id);
  requireAccess(actor, 'unit.write', unit.path);
  const moving = input.parentId !== undefined && input.parentId !== unit.parent_id;
  if (moving) {
    const newParent = await visibleUnit(ctx.db, actor, input.parentId!);
    requireAccess(actor, 'unit.write', newParent.path);
    assertMovable(unit, newParent);
  }
  const codeChanged = input.code !== undefined && input.code.toLowerCase() !== unit.code.toLowerCase();
  if (codeChanged && (await repo.codeTaken(ctx.db, input.code!, id))) throw new AppError('UNIT_CODE_TAKEN', { code: input.code });

  const patch = {
    ...(input.code !== undefined && input.code !== unit.code ? { code: input.code } : {}),
    ...(input.name !== undefined && input.name !== unit.name ? { name: input.name } : {}),
    ...(input.shortName !== undefined && input.shortName !== unit.short_name ? { short_name: input.shortName } : {}),
    ...(input.kind !== undefined && input.kind !== unit.kind ? { kind: input.kind } : {}),
    ...(input.validFrom !== undefined && input.validFrom !== unit.valid_from ? { valid_from: input.validFrom } : {}),
  };
  if (!moving && Object.keys(patch).length === 0) return viewOf(ctx.db, id, actor);

  await ctx.db.transaction().execute(async (trx) => {
    if (moving) await repo.lockTree(trx);
    const current = await repo.findByIdLocked(trx, id, 'update');
    if (!current) throw new AppError('NOT_FOUND');
    if (moving) {
      // The tree may have changed since the checks above: check again on the locked rows.
      const newParent = await repo.findByIdLocked(trx, input.parentId!, 'share');
      if (!newParent) throw new AppError('NOT_FOUND');
      assertMovable(current, newParent);
      await repo.lockSubtree(trx, current.path);
      await repo.moveSubtree(trx, current.path, newParent.path, ctx.now());
    }
    try {
      await repo.update(trx, id, { ...patch, ...(moving ? { parent_id: input.parentId! } : {}) }, ctx.now());
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('UNIT_CODE_TAKEN', { code: input.code });
      throw e;
    }
    const after = await repo.findById(trx, id);
    await writeAudit(trx, auditContextOf(actor), {
      action: moving ? 'unit.move' : 'unit.update',
      entity: 'unit',
      entityId: id,
      unitId: id,
      before: snapshot(current),
      after: snapshot(after!),
    });
  });
  return viewOf(ctx.db, id, actor);
}

function assertRetirable(unit: UnitRow, successor: UnitRow, date: string): void {
  if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: unit.id });
  if (successor.status !== 'active') throw new AppError('UNIT_INACTIVE', { unitId: successor.id });
  // A successor inside the subtree would receive its own ancestors' children: a loop.
  if (isWithin(successor.path, unit.path)) throw new AppError('UNIT_CYCLE', { unitId: unit.id, successorId: successor.id });
  if (date < unit.valid_from) {
    throw new AppError('VALIDATION_FAILED', undefined, [
      fieldEntry('date', 'Ngày sáp nhập/giải thể trước ngày đơn vị bắt đầu hoạt động', 'The date is before the unit began'),
    ]);
  }
}

/**
 * Merges (sáp nhập) or dissolves (giải thể) a unit into a successor, as in the 2025 restructuring:
 * the unit stays readable with its history; its active sub-units, active people and its place in
 * later years' blocks (Khối/Cụm thi đua) pass to the successor, all in one transaction.
 */
export async function retireUnit(ctx: AppContext, actor: Actor, id: number, input: RetireUnitBody): Promise<UnitView> {
  assertStorableText({ note: input.note });
  assertDateInRange('date', input.date);
  const unit = await visibleUnit(ctx.db, actor, id);
  requireAccess(actor, 'unit.write', unit.path);
  const successor = await visibleUnit(ctx.db, actor, input.successorId);
  assertRetirable(unit, successor, input.date);

  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockTree(trx);
    const current = await repo.findByIdLocked(trx, id, 'update');
    const heir = await repo.findByIdLocked(trx, input.successorId, 'share');
    if (!current || !heir) throw new AppError('NOT_FOUND');
    assertRetirable(current, heir, input.date);
    await repo.lockSubtree(trx, current.path);

    const retired = await repo.retire(trx, id, { status: input.mode, validTo: input.date, successorId: heir.id, note: input.note ?? null }, ctx.now());
    if (!retired) throw new AppError('UNIT_INACTIVE', { unitId: id });
    const children = await repo.activeChildren(trx, id);
    await repo.reparentChildren(trx, current.path, heir.path, heir.id, children, ctx.now());
    const movedPeople = await repo.moveActivePeople(trx, id, heir.id, input.date, ctx.now());
    let blocks: { memberships: number; organized: number };
    try {
      blocks = await repo.handOverBlocks(trx, id, heir.id, Number(input.date.slice(0, 4)));
    } catch (e) {
      // The successor already organises a block of the same name and year.
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', { reason: 'block_name_clash', successorId: heir.id });
      throw e;
    }
    const after = await repo.findById(trx, id);
    await writeAudit(trx, auditContextOf(actor), {
      action: `unit.${input.mode === 'merged' ? 'merge' : 'dissolve'}`,
      entity: 'unit',
      entityId: id,
      unitId: id,
      before: snapshot(current),
      after: {
        ...snapshot(after!),
        note: input.note ?? null,
        successorName: heir.name,
        movedChildren: children.map((c) => c.id),
        movedChildrenCount: children.length,
        movedPeopleCount: movedPeople,
        movedBlockMemberships: blocks.memberships,
        movedOrganizedBlocks: blocks.organized,
      },
    });
  });
  return viewOf(ctx.db, id, actor);
}
