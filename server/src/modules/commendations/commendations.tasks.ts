import { sql } from 'kysely';
import { can } from '../../platform/access.js';
import type { AppContext } from '../../platform/context.js';
import { registerTaskSource, type TaskItem, type TaskQuery } from '../tasks/task-sources.js';
import { roundLink } from './commendations.notices.js';

// The commendation work in the inbox: a council member's ballot waiting in an open vote; for whoever
// opened a round, taking its list to the council and counting once every member has voted; and, for
// those who may issue it, the decision of a round whose votes are counted.

const MENU = '/khen-thuong';

interface RoundTaskRow {
  id: number;
  name: string;
  unit_name: string;
  unit_path: string;
}

async function ballotsWaiting(ctx: AppContext, userId: number): Promise<RoundTaskRow[]> {
  const { rows } = await sql<RoundTaskRow>`
    select r.id, r.name, u.name as unit_name, u.path::text as unit_path
      from award_rounds r
      join units u on u.id = r.unit_id
      join round_members m on m.round_id = r.id and m.user_id = ${userId}
     where r.status = 'voting'
       and not exists (select 1 from round_voters v where v.round_id = r.id and v.user_id = ${userId})
     order by r.id`.execute(ctx.db);
  return rows;
}

async function decisionsWaiting(ctx: AppContext, roots: string[]): Promise<RoundTaskRow[]> {
  if (roots.length === 0) return [];
  const { rows } = await sql<RoundTaskRow>`
    select r.id, r.name, u.name as unit_name, u.path::text as unit_path
      from award_rounds r
      join units u on u.id = r.unit_id
     where r.status = 'voted' and u.path <@ ${roots}::ltree[]
     order by r.id`.execute(ctx.db);
  return rows;
}

interface OwnRoundRow extends RoundTaskRow {
  status: string;
  members: number;
  voted: number;
}

/** Rounds the actor opened that wait for their next step: the vote to open, or a full vote to count. */
async function ownRounds(ctx: AppContext, userId: number): Promise<OwnRoundRow[]> {
  const { rows } = await sql<OwnRoundRow>`
    select r.id, r.name, u.name as unit_name, u.path::text as unit_path, r.status,
           coalesce(r.members_total, 0) as members,
           (select count(*)::int from round_voters v where v.round_id = r.id) as voted
      from award_rounds r
      join units u on u.id = r.unit_id
     where r.opened_by = ${userId} and r.status in ('proposing', 'voting')
     order by r.id`.execute(ctx.db);
  return rows.filter((r) => r.status === 'proposing' || (r.members > 0 && r.voted >= r.members));
}

registerTaskSource({
  name: 'commendations',
  async tasks(ctx: AppContext, q: TaskQuery): Promise<TaskItem[]> {
    const deciders = [...new Set(q.actor.grants.filter((g) => can(q.actor, 'award.decide', g.unitPath)).map((g) => g.unitPath))];
    const [ballots, decisions, own] = await Promise.all([ballotsWaiting(ctx, q.actor.userId), decisionsWaiting(ctx, deciders), ownRounds(ctx, q.actor.userId)]);
    return [
      ...own.map((r) =>
        r.status === 'proposing'
          ? {
              key: `round.propose:${r.id}`,
              kind: 'round.propose',
              menu: MENU,
              title: `Hoàn thiện danh sách, mở bỏ phiếu: ${r.name}`,
              titleEn: `Finish the list and open the vote: ${r.name}`,
              detail: r.unit_name,
              detailEn: r.unit_name,
              link: roundLink(r.id),
            }
          : {
              key: `round.count:${r.id}`,
              kind: 'round.count',
              menu: MENU,
              title: `Kiểm phiếu: ${r.name} (đủ ${r.voted}/${r.members} phiếu)`,
              titleEn: `Count the votes: ${r.name} (${r.voted} of ${r.members} voted)`,
              detail: r.unit_name,
              detailEn: r.unit_name,
              link: roundLink(r.id),
            },
      ),
      ...ballots.map((r) => ({
        key: `round.ballot:${r.id}`,
        kind: 'round.ballot',
        menu: MENU,
        title: `Bỏ phiếu bình xét: ${r.name}`,
        titleEn: `Vote in the council's ballot: ${r.name}`,
        detail: r.unit_name,
        detailEn: r.unit_name,
        link: roundLink(r.id),
      })),
      ...decisions.map((r) => ({
        key: `round.decide:${r.id}`,
        kind: 'round.decide',
        menu: MENU,
        title: `Ban hành quyết định khen thưởng: ${r.name}`,
        titleEn: `Issue the decision: ${r.name}`,
        detail: r.unit_name,
        detailEn: r.unit_name,
        link: roundLink(r.id),
      })),
    ];
  },
});
