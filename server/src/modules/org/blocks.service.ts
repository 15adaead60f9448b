import type { BlockBody, BlockList, BlockView, ListBlocksQuery, blockKinds } from '@thidua/contracts';
import { allowedActions, can, requireAccess } from '../../platform/access.js';
import { visibleRoots, type Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation, type Executor } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { blocksRepository as repo, type BlockRow, type BlockValues } from './blocks.repository.js';
import { nameCollation } from '../../platform/search.js';
import { assertStorableText } from './input.js';
import { unitsRepository } from './units.repository.js';

type BlockKind = (typeof blockKinds)[number];

function fieldError(path: string, vi: string, en: string) {
  return fieldEntry(path, vi, en);
}

function toBlockView(row: BlockRow, members: { id: number; name: string; code: string }[], actor: Actor): BlockView {
  return {
    id: row.id,
    year: row.year,
    kind: row.kind as BlockKind,
    name: row.name,
    organizerUnitId: row.organizer_unit_id,
    organizerUnitName: row.organizer_name,
    headUnitId: row.head_unit_id,
    headUnitName: row.head_name,
    deputyUnitId: row.deputy_unit_id,
    deputyUnitName: row.deputy_name,
    members,
    allowed: allowedActions(actor, row.organizer_path),
  };
}

async function viewsOf(ctx: AppContext, rows: BlockRow[], actor: Actor): Promise<BlockView[]> {
  const collation = await nameCollation(ctx.db);
  const members = await repo.members(ctx.db, rows.map((r) => r.id), collation);
  const byBlock = new Map<number, { id: number; name: string; code: string }[]>();
  for (const m of members) {
    const list = byBlock.get(m.block_id) ?? [];
    list.push({ id: m.id, name: m.name, code: m.code });
    byBlock.set(m.block_id, list);
  }
  return rows.map((r) => toBlockView(r, byBlock.get(r.id) ?? [], actor));
}

async function viewOf(ctx: AppContext, id: number, actor: Actor): Promise<BlockView> {
  const row = await repo.findById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [view] = await viewsOf(ctx, [row], actor);
  return view!;
}

/** A block the actor may see: its organizer lies in the actor's subtrees. Else 404. */
async function visibleBlock(db: Executor, actor: Actor, id: number): Promise<BlockRow> {
  const row = await repo.findById(db, id);
  if (!row || !can(actor, 'unit.read', row.organizer_path)) throw new AppError('NOT_FOUND');
  return row;
}

function auditShape(v: BlockValues, memberUnitIds: number[]) {
  return {
    year: v.year,
    kind: v.kind,
    name: v.name,
    organizerUnitId: v.organizer_unit_id,
    headUnitId: v.head_unit_id,
    deputyUnitId: v.deputy_unit_id,
    memberUnitIds: [...memberUnitIds].sort((a, b) => a - b),
  };
}

/**
 * Checks a block body against the rules: the actor writes blocks at the organizer; members are
 * units it can see and that still take work (members already in the block may stay after a merge,
 * so a past year's block can still be corrected); the head (Khối trưởng) and deputy (Khối phó)
 * are members and differ; the name is free for that organizer and year.
 */
async function checkBody(ctx: AppContext, actor: Actor, input: BlockBody, existing?: { id: number; organizerUnitId: number; memberIds: number[] }) {
  assertStorableText({ name: input.name });
  const organizer = await unitsRepository.findById(ctx.db, input.organizerUnitId);
  if (!organizer) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'block.write', organizer.path);
  if (organizer.status !== 'active' && organizer.id !== existing?.organizerUnitId) throw new AppError('UNIT_INACTIVE', { unitId: organizer.id });

  const memberIds = [...new Set(input.memberUnitIds)];
  const fields = [];
  if (input.headUnitId !== null && !memberIds.includes(input.headUnitId)) {
    fields.push(fieldError('headUnitId', 'Khối trưởng phải là thành viên của khối', 'The head unit must be a member'));
  }
  if (input.deputyUnitId !== null && !memberIds.includes(input.deputyUnitId)) {
    fields.push(fieldError('deputyUnitId', 'Khối phó phải là thành viên của khối', 'The deputy unit must be a member'));
  }
  if (input.headUnitId !== null && input.headUnitId === input.deputyUnitId) {
    fields.push(fieldError('deputyUnitId', 'Khối phó phải khác Khối trưởng', 'The deputy must differ from the head'));
  }
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', undefined, fields);

  const units = await repo.units(ctx.db, memberIds);
  const seen = new Map(units.filter((u) => can(actor, 'unit.read', u.path)).map((u) => [u.id, u]));
  const unknown = memberIds.filter((id) => !seen.has(id));
  if (unknown.length > 0) throw new AppError('NOT_FOUND', { unitIds: unknown });
  const kept = new Set(existing?.memberIds ?? []);
  const retired = memberIds.filter((id) => seen.get(id)!.status !== 'active' && !kept.has(id));
  if (retired.length > 0) throw new AppError('UNIT_INACTIVE', { unitIds: retired });

  if (await repo.nameTaken(ctx.db, organizer.id, input.year, input.name, existing?.id)) throw nameTaken(input);
  const values: BlockValues = {
    year: input.year,
    kind: input.kind,
    name: input.name,
    organizer_unit_id: organizer.id,
    head_unit_id: input.headUnitId,
    deputy_unit_id: input.deputyUnitId,
  };
  return { values, memberIds };
}

function nameTaken(input: BlockBody): AppError {
  return new AppError('CONFLICT', { reason: 'block_name_taken' }, [
    fieldError('name', `Đơn vị tổ chức đã có khối/cụm "${input.name}" năm ${input.year}`, `The organizer already has a block named "${input.name}" in ${input.year}`),
  ]);
}


/** Blocks (Khối/Cụm thi đua) organised by units the actor can see. */
export async function listBlocks(ctx: AppContext, actor: Actor, query: ListBlocksQuery): Promise<BlockList> {
  if (query.organizerUnitId !== undefined) {
    const organizer = await unitsRepository.findById(ctx.db, query.organizerUnitId);
    if (!organizer || !can(actor, 'unit.read', organizer.path)) throw new AppError('NOT_FOUND');
  }
  const rows = await repo.list(ctx.db, { scopes: visibleRoots(actor), year: query.year, organizerUnitId: query.organizerUnitId, collation: await nameCollation(ctx.db) });
  return { items: await viewsOf(ctx, rows, actor) };
}

/** One block with its members, if the actor can see its organizer. */
export async function getBlock(ctx: AppContext, actor: Actor, id: number): Promise<BlockView> {
  const row = await visibleBlock(ctx.db, actor, id);
  const [view] = await viewsOf(ctx, [row], actor);
  return view!;
}

/** Creates a block with its members, head and deputy. */
export async function createBlock(ctx: AppContext, actor: Actor, input: BlockBody): Promise<BlockView> {
  const { values, memberIds } = await checkBody(ctx, actor, input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    let blockId: number;
    try {
      blockId = await repo.insert(trx, values);
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(input);
      throw e;
    }
    await repo.replaceMembers(trx, blockId, memberIds);
    await writeAudit(trx, auditContextOf(actor), { action: 'block.create', entity: 'block', entityId: blockId, unitId: values.organizer_unit_id, after: auditShape(values, memberIds) });
    return blockId;
  });
  return viewOf(ctx, id, actor);
}

/** Replaces a block as a whole (PUT); moving it to another organizer needs block.write at both. */
export async function replaceBlock(ctx: AppContext, actor: Actor, id: number, input: BlockBody): Promise<BlockView> {
  const block = await visibleBlock(ctx.db, actor, id);
  requireAccess(actor, 'block.write', block.organizer_path);
  const before = await repo.memberIds(ctx.db, id);
  const { values, memberIds } = await checkBody(ctx, actor, input, { id, organizerUnitId: block.organizer_unit_id, memberIds: before });
  await ctx.db.transaction().execute(async (trx) => {
    try {
      await repo.update(trx, id, values);
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(input);
      throw e;
    }
    await repo.replaceMembers(trx, id, memberIds);
    await writeAudit(trx, auditContextOf(actor), {
      action: 'block.update',
      entity: 'block',
      entityId: id,
      unitId: values.organizer_unit_id,
      before: auditShape(block, before),
      after: auditShape(values, memberIds),
    });
  });
  return viewOf(ctx, id, actor);
}

/** Deletes a block and its memberships (the audit entry keeps what it held). */
export async function deleteBlock(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const block = await visibleBlock(ctx.db, actor, id);
  requireAccess(actor, 'block.write', block.organizer_path);
  const members = await repo.memberIds(ctx.db, id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.delete(trx, id);
    await writeAudit(trx, auditContextOf(actor), { action: 'block.delete', entity: 'block', entityId: id, unitId: block.organizer_unit_id, before: auditShape(block, members) });
  });
}
