import type { AssessmentDetail } from '@thidua/contracts';
import type { Actor } from '../platform/actor.js';
import type { AppContext } from '../platform/context.js';
import { openAssessment, saveScores, submitAssessment } from '../modules/assessments/assessments.service.js';

// The demonstration's assessments (đánh giá), played through the real services so that each role has
// work waiting on the first start: two teachers of the primary school have self-assessed and sent
// their sheets; the ward's head has scored one of them and sent it to the council. The head (thutruong)
// finds the other one waiting for a score, the council member (hoidong) the scored one.

/** The teachers act through accounts of their own, without a password: nobody signs in with them. */
async function teacherAccounts(ctx: AppContext, schoolId: number, year: number, movementId: number): Promise<{ username: string; personId: number }[]> {
  const registered = await ctx.db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['p.id', 'p.full_name', 'p.email'])
    .where('r.unit_id', '=', schoolId)
    .where('r.year', '=', year)
    .where('r.movement_id', '=', movementId)
    .where('r.status', '=', 'registered')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('users as u').select('u.id').whereRef('u.person_id', '=', 'p.id'))))
    .orderBy('p.id')
    .limit(2)
    .execute();
  const out: { username: string; personId: number }[] = [];
  for (const [i, p] of registered.entries()) {
    const username = `giaovien${i + 1}`;
    const user = await ctx.db
      .insertInto('users')
      .values({ username, display_name: p.full_name, email: p.email ?? `${username}@thidua.local`, person_id: p.id, password_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db.insertInto('role_grants').values({ user_id: user.id, role: 'staff_member', unit_id: schoolId }).execute();
    out.push({ username, personId: p.id });
  }
  return out;
}

/** Scores every criterion of the stage: nine tenths of its points, or met. */
async function scoreAll(ctx: AppContext, actor: Actor, sheet: AssessmentDetail): Promise<AssessmentDetail> {
  const scores = sheet.criteria.filter((c) => c.leaf).map((c) => (c.maxPoints !== null ? { criterionId: c.id, points: Math.floor(c.maxPoints * 0.9) } : { criterionId: c.id, met: true }));
  return saveScores(ctx, actor, sheet.id, { revision: sheet.revision, scores });
}

export async function generateDemoAssessments(
  ctx: AppContext,
  actorFor: (username: string) => Promise<Actor>,
  args: { schoolId: number; movementId: number; year: number },
): Promise<number> {
  const teachers = await teacherAccounts(ctx, args.schoolId, args.year, args.movementId);
  const head = await actorFor('thutruong');
  for (const [i, teacher] of teachers.entries()) {
    const actor = await actorFor(teacher.username);
    const { detail } = await openAssessment(ctx, actor, { movementId: args.movementId, year: args.year, personId: teacher.personId });
    await submitAssessment(ctx, actor, (await scoreAll(ctx, actor, detail)).id);
    if (i === 1) {
      const sheet = await openAssessment(ctx, head, { movementId: args.movementId, year: args.year, personId: teacher.personId });
      await submitAssessment(ctx, head, (await scoreAll(ctx, head, sheet.detail)).id);
    }
  }
  return teachers.length;
}
