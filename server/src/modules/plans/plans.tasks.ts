import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { registerTaskSource, type TaskItem, type TaskQuery } from '../tasks/task-sources.js';
import { pendingCount } from './plans.changes.js';
import { plansRepository as repo } from './plans.repository.js';

// Plan (kế hoạch) work in the inbox, for whoever writes a unit's plans: a plan published above the
// unit for a movement running this year that the unit has not adopted (áp dụng) yet, and changes the
// parent plan published later that wait for the unit's plan to take or dismiss them.

const MENU = '/ke-hoach';
const WRITER_ROLES = new Set(['standing_officer', 'unit_head', 'unit_officer']);

function writerUnits(actor: Actor) {
  const seen = new Map<number, { id: number; path: string; name: string }>();
  for (const g of actor.grants) if (WRITER_ROLES.has(g.role) && !seen.has(g.unitId)) seen.set(g.unitId, { id: g.unitId, path: g.unitPath, name: g.unitName });
  return [...seen.values()];
}

const planName = (p: { number: string | null; code: string | null; title: string }) => (p.number ? `${p.number}${p.code ? `/${p.code}` : ''} — ${p.title}` : p.title);

/** For each movement running this year: the nearest plan published strictly above the unit, when the unit has none of its own. */
async function adoptTasks(ctx: AppContext, q: TaskQuery, unit: { id: number; path: string; name: string }): Promise<TaskItem[]> {
  const { rows } = await sql<{ id: number; number: string | null; code: string | null; title: string; unit_name: string; movement_name: string }>`
    select distinct on (m.id) p.id, p.number, p.code, p.title, pu.name as unit_name, m.name as movement_name
      from movements m
      join plans p on p.movement_id = m.id and p.status = 'published'
      join units pu on pu.id = p.unit_id
     where m.start_year <= ${q.year} and m.end_year >= ${q.year}
       and pu.path @> ${unit.path}::ltree and pu.id <> ${unit.id}
       and not exists (select 1 from plans own where own.movement_id = m.id and own.unit_id = ${unit.id} and own.status in ('draft', 'published'))
     order by m.id, nlevel(pu.path) desc, p.version desc, p.id desc`.execute(ctx.db);
  return rows.map((p) => ({
    key: `plan.adopt:${p.id}:${unit.id}`,
    kind: 'plan.adopt',
    menu: MENU,
    title: `Áp dụng kế hoạch của ${p.unit_name}`,
    titleEn: `Adopt the plan of ${p.unit_name}`,
    detail: `${unit.name} — ${planName(p)}`,
    detailEn: `${unit.name} — ${planName(p)}`,
    link: `${MENU}/${p.id}`,
  }));
}

/** The unit's current plans that adopted another: those with parent changes waiting for a decision. */
async function changeTasks(ctx: AppContext, unit: { id: number; name: string }): Promise<TaskItem[]> {
  const own = await ctx.db
    .selectFrom('plans as p')
    .select('p.id')
    .where('p.unit_id', '=', unit.id)
    .where('p.parent_plan_id', 'is not', null)
    .where('p.status', 'in', ['draft', 'published'])
    // The current version only: an older one's changes are for its successor to decide.
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('plans as n').select('n.id').whereRef('n.supersedes_plan_id', '=', 'p.id'))))
    .execute();
  const out: TaskItem[] = [];
  for (const { id } of own) {
    const plan = await repo.findPlan(ctx.db, id);
    if (!plan) continue;
    const n = await pendingCount(ctx.db, plan);
    if (n === 0) continue;
    out.push({
      key: `plan.parent-changes:${id}`,
      kind: 'plan.parent-changes',
      menu: MENU,
      title: `Kế hoạch cấp trên có ${n} thay đổi chờ xem xét`,
      titleEn: `The parent plan has ${n} change(s) to review`,
      detail: `${unit.name} — ${planName(plan)}`,
      detailEn: `${unit.name} — ${planName(plan)}`,
      count: n,
      link: `${MENU}/${id}`,
    });
  }
  return out;
}

registerTaskSource({
  name: 'plans',
  async tasks(ctx, q) {
    const lists = await Promise.all(writerUnits(q.actor).map(async (u) => [...(await adoptTasks(ctx, q, u)), ...(await changeTasks(ctx, u))]));
    return lists.flat();
  },
});
