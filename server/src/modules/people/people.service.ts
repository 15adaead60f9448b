import type {
  EmploymentCategory,
  Gender,
  listPeopleQuery,
  PersonBody,
  PersonDetail,
  PersonView,
  transferPersonBody,
  updatePersonBody,
} from '@thidua/contracts';
import type { z } from 'zod';
import { allowedActions, requireAccess } from '../../platform/access.js';
import { visibleRoots, type Actor } from '../../platform/actor.js';
import { auditContextOf, writeAudit } from '../../platform/audit.js';
import { vietnamDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { AppError, fieldEntry } from '../../platform/errors.js';
import { peopleRepository as repo, type PeopleScope, type PersonListRow, type PersonPatch, type PersonRow } from './people.repository.js';
import { fieldError } from './input-guards.js';
import { nameCollation, searchWords } from '../../platform/search.js';

type ListPeopleQuery = z.output<typeof listPeopleQuery>;
type UpdatePersonBody = z.output<typeof updatePersonBody>;
type TransferPersonBody = z.output<typeof transferPersonBody>;

function toView(actor: Actor, row: PersonListRow): PersonView {
  return {
    id: row.id,
    code: row.code,
    fullName: row.full_name,
    gender: row.gender as Gender,
    birthDate: row.birth_date,
    category: row.category as EmploymentCategory,
    position: row.position,
    unitId: row.unit_id,
    unitName: row.unit_name,
    email: row.email,
    phone: row.phone,
    isActive: row.is_active,
    allowed: allowedActions(actor, row.unit_path),
  };
}

async function detailOf(db: Executor, actor: Actor, row: PersonRow): Promise<PersonDetail> {
  const assignments = await repo.assignmentsOf(db, row.id);
  return {
    ...toView(actor, row),
    assignments: assignments.map((a) => ({
      unitId: a.unit_id,
      unitName: a.unit_name,
      position: a.position,
      startedOn: a.started_on,
      endedOn: a.ended_on,
    })),
    accountId: row.account_id ?? null,
  };
}

function codeConflict(): AppError {
  return new AppError('CONFLICT', { field: 'code' }, [
    fieldEntry('code', 'Mã cán bộ đã tồn tại', 'The person code is already in use'),
  ]);
}

// Year 0 does not exist for PostgreSQL, and nobody in service today was born before 1900.
const EARLIEST_DATE = '1900-01-01';

function assertBirthDate(value: string | null | undefined, today: string): void {
  if (!value) return;
  if (value >= EARLIEST_DATE && value <= today) return;
  throw fieldError('birthDate', 'Ngày sinh phải từ 01/01/1900 đến hôm nay', 'The birth date must be between 01/01/1900 and today');
}

/** Which units a list covers: the asked unit (and its subtree), else all the actor can see. */
/** A province has about 1,500 units; a scope wider than this is joined by path instead of listed. */
const MAX_LISTED_UNITS = 5000;

async function scopeOf(ctx: AppContext, actor: Actor, query: ListPeopleQuery): Promise<PeopleScope> {
  let roots = visibleRoots(actor);
  if (query.unitId !== undefined) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'unit.read', unit.path);
    if (!query.includeSubunits) return { unitId: unit.id };
    roots = [unit.path];
  }
  const unitIds = await repo.unitIdsWithin(ctx.db, roots, MAX_LISTED_UNITS);
  return unitIds ? { unitIds } : { roots };
}

/** Beyond this many matches the list says "more than" instead of counting them all. */
export const COUNT_CAP = 10_000;

/** Lists people (CBCCVC, người lao động) the actor may see, searched without diacritics, paged. */
export async function listPeople(ctx: AppContext, actor: Actor, query: ListPeopleQuery) {
  const filter = {
    scope: await scopeOf(ctx, actor, query),
    words: searchWords(query.q),
    category: query.category,
    gender: query.gender,
  };
  const offset = (query.page - 1) * query.pageSize;
  const collation = await nameCollation(ctx.db);
  const rows = await repo.list(ctx.db, filter, { limit: query.pageSize, offset, collation });
  // A page that is not full already tells the total: the COUNT over millions of rows is spent
  // only when there may be more.
  const knownTotal = rows.length < query.pageSize && (rows.length > 0 || offset === 0);
  const total = knownTotal ? offset + rows.length : await repo.count(ctx.db, filter, COUNT_CAP);
  return { items: rows.map((r) => toView(actor, r)), total, totalCapped: total >= COUNT_CAP, page: query.page, pageSize: query.pageSize };
}

/** One person with the history of units served (quá trình công tác) and the linked account. */
export async function getPerson(ctx: AppContext, actor: Actor, id: number): Promise<PersonDetail> {
  const row = await repo.findById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'unit.read', row.unit_path);
  return detailOf(ctx.db, actor, row);
}

/** Adds a person to an active unit and opens their first assignment. */
export async function createPerson(ctx: AppContext, actor: Actor, body: PersonBody): Promise<PersonDetail> {
  assertBirthDate(body.birthDate, vietnamDate(ctx.now()));
  const unit = await repo.findUnit(ctx.db, body.unitId);
  if (!unit) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'person.write', unit.path);
  if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE');
  const values = {
    code: body.code ?? null,
    full_name: body.fullName,
    gender: body.gender,
    birth_date: body.birthDate ?? null,
    category: body.category,
    position: body.position ?? null,
    unit_id: unit.id,
    email: body.email ?? null,
    phone: body.phone ?? null,
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (values.code && (await repo.codeTaken(trx, values.code))) throw codeConflict();
    const personId = await repo.insert(trx, values);
    await repo.openNewAssignment(trx, { personId, unitId: unit.id, position: values.position, startedOn: vietnamDate(ctx.now()) });
    await writeAudit(trx, auditContextOf(actor), {
      action: 'person.create',
      entity: 'person',
      entityId: personId,
      unitId: unit.id,
      after: { ...body, unitName: unit.name },
    });
    return personId;
  });
  return getPerson(ctx, actor, id);
}

// API field → column, for the fields a PATCH may change.
const columnOf = {
  code: 'code',
  fullName: 'full_name',
  gender: 'gender',
  birthDate: 'birth_date',
  category: 'category',
  position: 'position',
  email: 'email',
  phone: 'phone',
  isActive: 'is_active',
} as const satisfies Record<keyof UpdatePersonBody, keyof PersonPatch>;

/** Corrects a person's details; moving to another unit is a transfer, not an edit. */
export async function updatePerson(ctx: AppContext, actor: Actor, id: number, body: UpdatePersonBody): Promise<PersonDetail> {
  assertBirthDate(body.birthDate, vietnamDate(ctx.now()));
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findById(trx, id, { lock: true });
    if (!row) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'person.write', row.unit_path);
    const patch: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(columnOf) as [keyof UpdatePersonBody, keyof PersonPatch][]) {
      const value = body[field];
      if (value === undefined || value === row[column]) continue;
      patch[column] = value;
      before[field] = row[column];
      after[field] = value;
    }
    if (Object.keys(patch).length === 0) return;
    if (typeof after.code === 'string' && (await repo.codeTaken(trx, after.code, id))) throw codeConflict();
    await repo.update(trx, id, patch as PersonPatch, ctx.now());
    if ('position' in after) {
      // The open assignment mirrors the current position, so the history reads the same as the card.
      const open = await repo.openAssignment(trx, id);
      if (open) await repo.setAssignmentPosition(trx, open.id, (after.position as string | null) ?? null);
    }
    await writeAudit(trx, auditContextOf(actor), { action: 'person.update', entity: 'person', entityId: id, unitId: row.unit_id, before, after });
  });
  return getPerson(ctx, actor, id);
}

const dmy = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Moves a person to another unit (điều động, luân chuyển): the open assignment ends on `date` and
 * a new one starts that day. The actor needs person.write at both ends.
 */
export async function transferPerson(ctx: AppContext, actor: Actor, id: number, body: TransferPersonBody): Promise<PersonDetail> {
  if (body.date < EARLIEST_DATE) throw fieldError('date', 'Ngày phải từ 01/01/1900 trở đi', 'The date must be 01/01/1900 or later');
  await ctx.db.transaction().execute(async (trx) => {
    // Locked so that two transfers of one person cannot both close the same assignment.
    const row = await repo.findById(trx, id, { lock: true });
    if (!row) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'person.write', row.unit_path);
    const target = await repo.findUnit(trx, body.unitId);
    if (!target) throw new AppError('NOT_FOUND');
    requireAccess(actor, 'person.write', target.path);
    if (target.status !== 'active') throw new AppError('UNIT_INACTIVE');
    const position = body.position === undefined ? row.position : body.position;
    if (target.id === row.unit_id && position === row.position) {
      throw fieldError('unitId', 'Người này đang công tác tại đơn vị này với chức vụ này', 'The person already works at this unit in this position');
    }
    const open = await repo.openAssignment(trx, id);
    if (open && body.date < open.started_on) {
      throw fieldError(
        'date',
        `Ngày điều động không được trước ngày bắt đầu công tác hiện tại (${dmy(open.started_on)})`,
        `The transfer date cannot be before the current assignment began (${open.started_on})`,
        { currentStartedOn: open.started_on },
      );
    }
    if (open) await repo.closeAssignment(trx, open.id, body.date);
    await repo.openNewAssignment(trx, { personId: id, unitId: target.id, position, startedOn: body.date });
    await repo.update(trx, id, { unit_id: target.id, position }, ctx.now());
    await writeAudit(trx, auditContextOf(actor), {
      action: 'person.transfer',
      entity: 'person',
      entityId: id,
      unitId: target.id,
      before: { unitId: row.unit_id, unitName: row.unit_name, position: row.position },
      after: {
        fromUnitId: row.unit_id,
        fromUnitName: row.unit_name,
        toUnitId: target.id,
        toUnitName: target.name,
        position,
        date: body.date,
      },
    });
  });
  return getPerson(ctx, actor, id);
}
