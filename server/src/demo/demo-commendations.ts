import type { Rating } from '@thidua/contracts';
import type { Actor } from '../platform/actor.js';
import type { AppContext } from '../platform/context.js';
import { openRound } from '../modules/commendations/open-round.js';

// The demonstration's commendation (khen thưởng): the primary school's staff have their record of
// the last three years (a rating each year, Lao động tiên tiến in the earlier ones, an initiative),
// and the school's round of bình xét for this year is open with the system's proposals. The council
// member (hoidong) also sits on the school's council, so that a newcomer can take the round through
// the ballot: the ward's emulation officer (canbothidua) opens the vote, hoidong votes, the officer
// counts, and the ward's head (thutruong) issues the decision.

/** The rating of the i-th teacher in a year: most "tốt", every fourth "xuất sắc", the second one this year only "hoàn thành". */
function ratingOf(i: number, current: boolean): Rating {
  if (current && i === 1) return 'hoan_thanh';
  return i % 4 === 0 ? 'hoan_thanh_xuat_sac' : 'hoan_thanh_tot';
}

export async function generateDemoCommendations(ctx: AppContext, officer: Actor, args: { schoolId: number; year: number }): Promise<number> {
  const { db } = ctx;
  const council = await db.selectFrom('users').select('id').where('username', '=', 'hoidong').executeTakeFirst();
  if (council) await db.insertInto('role_grants').values({ user_id: council.id, role: 'council_member', unit_id: args.schoolId }).execute();

  const staff = await db.selectFrom('people').select('id').where('unit_id', '=', args.schoolId).where('is_active', '=', true).orderBy('id').execute();
  const years = [args.year - 2, args.year - 1, args.year];
  const row = (personId: number, year: number) => ({ subject: 'individual', person_id: personId, unit_id: args.schoolId, year });
  if (staff.length > 0) {
    await db
      .insertInto('yearly_ratings')
      .values(staff.flatMap((p, i) => years.map((year) => ({ ...row(p.id, year), rating: ratingOf(i, year === args.year) }))))
      .execute();
    await db
      .insertInto('granted_awards')
      .values(staff.flatMap((p) => years.slice(0, 2).map((year) => ({ ...row(p.id, year), award_code: 'lao_dong_tien_tien', decision_number: `${20 + year - args.year}/QĐ-THNT`, decided_on: `${year}-12-20` }))))
      .execute();
    await db
      .insertInto('initiatives')
      .values({ person_id: staff[0]!.id, unit_id: args.schoolId, year: args.year - 1, title: 'Sổ liên lạc điện tử giữa nhà trường và phụ huynh', level: 'co_so', decision_number: '31/QĐ-THNT' })
      .execute();
  }
  const round = await openRound(ctx, officer, { unitId: args.schoolId, year: args.year });
  return round.nominations.filter((n) => n.status === 'proposed').length;
}
