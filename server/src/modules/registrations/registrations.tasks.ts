import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/database.js';
import { registerTaskSource, type TaskItem, type TaskQuery } from '../tasks/task-sources.js';

// Registration (đăng ký thi đua) work in the inbox: my own registration for the year where a plan
// covers my unit, my unit's collective registration (for its head and emulation officer), and the
// units directly below mine that have not registered at all (for whoever follows the board). The due
// date is the plan's registration milestone ("đăng ký trước ngày 28/02"), when it states one.

const MENU = '/dang-ky-thi-dua';

/** Roles that register for a unit and follow its board (never the system administrator's). */
const OFFICER_ROLES = new Set(['standing_officer', 'unit_head', 'unit_officer']);

interface OpenMovementRow {
  movement_id: number;
  movement_name: string;
  plan_id: number;
  plan_unit_id: number;
}

/**
 * Movements running in `year` whose nearest published plan covers the unit (the plan registrations
 * would use), with that plan. One query for any number of movements.
 */
async function coveringPlans(db: Executor, unitPath: string, year: number): Promise<OpenMovementRow[]> {
  const { rows } = await sql<OpenMovementRow>`
    select distinct on (m.id) m.id as movement_id, m.name as movement_name, p.id as plan_id, p.unit_id as plan_unit_id
      from movements m
      join plans p on p.movement_id = m.id and p.status = 'published'
      join units pu on pu.id = p.unit_id
     where m.start_year <= ${year} and m.end_year >= ${year}
       and pu.path @> ${unitPath}::ltree
     order by m.id, nlevel(pu.path) desc, p.version desc, p.id desc`.execute(db);
  return rows;
}

/** The registration deadline of a plan (or of the plans it adopted) for the year: the earliest stated. */
async function registrationDeadline(db: Executor, planId: number, year: number): Promise<string | null> {
  const { rows } = await sql<{ date: string | null }>`
    with recursive chain(id, parent_plan_id) as (
      select id, parent_plan_id from plans where id = ${planId}
      union all
      select p.id, p.parent_plan_id from plans p join chain c on p.id = c.parent_plan_id
    )
    select to_char(min(ms.date), 'YYYY-MM-DD') as date
      from plan_milestones ms join chain c on c.id = ms.plan_id
     where ms.kind = 'registration' and ms.year = ${year} and ms.date is not null`.execute(db);
  return rows[0]?.date ?? null;
}

async function personUnit(db: Executor, personId: number) {
  return db
    .selectFrom('people as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['u.id', 'u.path', 'u.name'])
    .where('p.id', '=', personId)
    .where('p.is_active', '=', true)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

/** Which of the movements the subject has registered for this year. */
async function registeredMovements(db: Executor, year: number, subject: { personId: number } | { unitId: number }): Promise<Set<number>> {
  let q = db.selectFrom('registrations').select('movement_id').where('year', '=', year).where('status', '=', 'registered');
  q = 'personId' in subject ? q.where('person_id', '=', subject.personId) : q.where('unit_id', '=', subject.unitId).where('person_id', 'is', null);
  return new Set((await q.execute()).map((r) => r.movement_id));
}

/** The person's own registration, for each movement a plan covers their unit in. */
async function ownTasks(ctx: AppContext, q: TaskQuery): Promise<TaskItem[]> {
  if (q.actor.personId === null) return [];
  const unit = await personUnit(ctx.db, q.actor.personId);
  if (!unit) return [];
  const [plans, done] = await Promise.all([coveringPlans(ctx.db, unit.path, q.year), registeredMovements(ctx.db, q.year, { personId: q.actor.personId })]);
  const open = plans.filter((p) => !done.has(p.movement_id));
  return Promise.all(
    open.map(async (p) => ({
      key: `registration.self:${p.movement_id}:${q.year}`,
      kind: 'registration.self',
      menu: MENU,
      title: `Đăng ký thi đua năm ${q.year}`,
      titleEn: `Register for ${q.year}`,
      detail: p.movement_name,
      detailEn: p.movement_name,
      dueDate: await registrationDeadline(ctx.db, p.plan_id, q.year),
      link: `${MENU}?tab=mine&m=${p.movement_id}&y=${q.year}`,
    })),
  );
}

/** The officer's units: where they hold a registering role, each once. */
function officerUnits(actor: Actor) {
  const seen = new Map<number, { id: number; path: string; name: string }>();
  for (const g of actor.grants) if (OFFICER_ROLES.has(g.role) && !seen.has(g.unitId)) seen.set(g.unitId, { id: g.unitId, path: g.unitPath, name: g.unitName });
  return [...seen.values()];
}

/** Active units directly below `unitId` with no registration at all (collective or of their people) in their subtree. */
async function unregisteredChildren(db: Executor, unitId: number, movementId: number, year: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n
      from units c
     where c.parent_id = ${unitId} and c.status = 'active'
       and not exists (
         select 1 from registrations r join units ru on ru.id = r.unit_id
          where r.movement_id = ${movementId} and r.year = ${year} and r.status = 'registered' and ru.path <@ c.path)`.execute(db);
  return rows[0]?.n ?? 0;
}

/** A unit's collective registration and its units below that have not registered. */
async function unitTasks(ctx: AppContext, q: TaskQuery, unit: { id: number; path: string; name: string }, roles: Set<string>): Promise<TaskItem[]> {
  const plans = await coveringPlans(ctx.db, unit.path, q.year);
  if (plans.length === 0) return [];
  const done = await registeredMovements(ctx.db, q.year, { unitId: unit.id });
  const out: TaskItem[] = [];
  for (const p of plans) {
    const due = await registrationDeadline(ctx.db, p.plan_id, q.year);
    const board = `${MENU}?tab=board&m=${p.movement_id}&y=${q.year}&u=${unit.id}`;
    // The collective registers itself: its head or officer, not the standing body above it.
    if (!done.has(p.movement_id) && (roles.has('unit_head') || roles.has('unit_officer'))) {
      out.push({
        key: `registration.collective:${unit.id}:${p.movement_id}:${q.year}`,
        kind: 'registration.collective',
        menu: MENU,
        title: `Đăng ký thi đua năm ${q.year} của tập thể`,
        titleEn: `The collective's registration for ${q.year}`,
        detail: `${unit.name} — ${p.movement_name}`,
        detailEn: `${unit.name} — ${p.movement_name}`,
        dueDate: due,
        link: `${MENU}?tab=unit&m=${p.movement_id}&y=${q.year}&u=${unit.id}`,
      });
    }
    const missing = await unregisteredChildren(ctx.db, unit.id, p.movement_id, q.year);
    if (missing > 0) {
      out.push({
        key: `registration.units-missing:${unit.id}:${p.movement_id}:${q.year}`,
        kind: 'registration.units-missing',
        menu: MENU,
        title: `${missing} đơn vị trực thuộc chưa đăng ký thi đua năm ${q.year}`,
        titleEn: `${missing} unit(s) below have not registered for ${q.year}`,
        detail: `${unit.name} — ${p.movement_name}`,
        detailEn: `${unit.name} — ${p.movement_name}`,
        dueDate: due,
        count: missing,
        link: board,
      });
    }
  }
  return out;
}

registerTaskSource({
  name: 'registrations',
  async tasks(ctx, q) {
    const units = officerUnits(q.actor);
    const rolesAt = (unitId: number) => new Set(q.actor.grants.filter((g) => g.unitId === unitId).map((g) => g.role as string));
    const lists = await Promise.all([ownTasks(ctx, q), ...units.map((u) => unitTasks(ctx, q, u, rolesAt(u.id)))]);
    return lists.flat();
  },
});
