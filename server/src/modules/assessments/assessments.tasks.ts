import { permissions, type Role } from '@thidua/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { registerTaskSource, type TaskItem, type TaskQuery } from '../tasks/task-sources.js';
import { listAssessments } from './assessments.service.js';

// The assessment (đánh giá) work in the inbox: my own self-assessment to finish and send (or sent
// back to me with a reason), my unit's collective one, the sheets waiting for my score as unit head,
// and those waiting for the council I sit on. The queues are the lists the assessments page shows,
// so a task and the page never disagree.

const MENU = '/danh-gia';
const sheetLink = (id: number | null) => (id === null ? MENU : `${MENU}/${id}`);

interface OwnSheetRow {
  registration_id: number;
  movement_name: string;
  unit_id: number;
  unit_name: string;
  person_id: number | null;
  assessment_id: number | null;
  stage: string | null;
  returned_reason: string | null;
}

/** Registered subjects of the year whose self-assessment is not sent: the person's own, and the collectives given. */
async function openSelfAssessments(ctx: AppContext, year: number, who: { personId: number | null; unitIds: number[] }): Promise<OwnSheetRow[]> {
  if (who.personId === null && who.unitIds.length === 0) return [];
  const mine = who.personId === null ? sql`false` : sql`r.person_id = ${who.personId}`;
  const units = who.unitIds.length === 0 ? sql`false` : sql`(r.person_id is null and r.unit_id = any(${who.unitIds}::bigint[]))`;
  const { rows } = await sql<OwnSheetRow>`
    select r.id as registration_id, m.name as movement_name, r.unit_id, u.name as unit_name, r.person_id,
           a.id as assessment_id, a.stage, a.returned_reason
      from registrations r
      join movements m on m.id = r.movement_id
      join units u on u.id = r.unit_id
      left join assessments a on a.movement_id = r.movement_id and a.year = r.year and a.unit_id = r.unit_id
                             and a.person_id is not distinct from r.person_id
     where r.year = ${year} and r.status = 'registered' and (${mine} or ${units})
       and (a.id is null or a.stage = 'self')
     order by r.person_id nulls last, u.name, r.id`.execute(ctx.db);
  return rows;
}

/** Units where the actor assesses the collective: its head or emulation officer, granted at the unit itself. */
const collectiveUnits = (actor: Actor) => [...new Set(actor.grants.filter((g) => g.role === 'unit_head' || g.role === 'unit_officer').map((g) => g.unitId))];

function selfTask(r: OwnSheetRow, year: number): TaskItem {
  const own = r.person_id !== null;
  const started = r.assessment_id !== null;
  const title = own
    ? { vi: started ? `Hoàn thành và gửi phiếu tự đánh giá năm ${year}` : `Tự đánh giá năm ${year}`, en: started ? `Finish and send my ${year} self-assessment` : `Self-assess for ${year}` }
    : { vi: `Tự đánh giá của tập thể năm ${year}`, en: `The collective's self-assessment for ${year}` };
  return {
    key: `assessment.self:${r.registration_id}`,
    kind: own ? 'assessment.self' : 'assessment.collective',
    menu: MENU,
    title: r.returned_reason ? (own ? `Phiếu tự đánh giá năm ${year} bị trả lại` : `Phiếu của tập thể năm ${year} bị trả lại`) : title.vi,
    titleEn: r.returned_reason ? (own ? `My ${year} self-assessment was returned` : `The collective's ${year} sheet was returned`) : title.en,
    detail: own ? r.movement_name : `${r.unit_name} — ${r.movement_name}`,
    detailEn: own ? r.movement_name : `${r.unit_name} — ${r.movement_name}`,
    returnedReason: r.returned_reason,
    link: sheetLink(r.assessment_id),
  };
}

const holds = (actor: Actor, roles: readonly Role[]) => actor.grants.some((g) => roles.includes(g.role) && g.role !== 'system_admin');

/** The sheets of a queue: one task standing for all of them, opening the one sheet when there is one. */
async function queueTask(ctx: AppContext, q: TaskQuery, view: 'review' | 'council'): Promise<TaskItem[]> {
  const list = await listAssessments(ctx, q.actor, { view, page: 1, pageSize: 1, flagged: undefined });
  if (list.total === 0) return [];
  const one = list.total === 1 ? list.items[0]! : null;
  const text =
    view === 'review'
      ? { vi: `${list.total} phiếu đánh giá chờ thủ trưởng chấm điểm`, en: `${list.total} sheet(s) waiting for the head's score` }
      : { vi: `${list.total} phiếu đánh giá chờ Hội đồng xét`, en: `${list.total} sheet(s) waiting for the council` };
  const who = one ? (one.personName ?? one.unitName) : null;
  return [
    {
      key: `assessment.${view}`,
      kind: `assessment.${view}`,
      menu: MENU,
      title: text.vi,
      titleEn: text.en,
      detail: who,
      detailEn: who,
      count: list.total,
      link: one ? sheetLink(one.id) : `${MENU}/${view === 'review' ? 'cho-cham' : 'hoi-dong'}`,
    },
  ];
}

registerTaskSource({
  name: 'assessments',
  async tasks(ctx, q) {
    const own = await openSelfAssessments(ctx, q.year, { personId: q.actor.personId, unitIds: collectiveUnits(q.actor) });
    const [review, council] = await Promise.all([
      holds(q.actor, permissions['assessment.review']) ? queueTask(ctx, q, 'review') : [],
      holds(q.actor, permissions['assessment.council']) ? queueTask(ctx, q, 'council') : [],
    ]);
    return [...own.map((r) => selfTask(r, q.year)), ...review, ...council];
  },
});
