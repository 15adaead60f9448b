import { randomBytes } from 'node:crypto';
import type { AssessmentStage, CriterionSubject } from '@thidua/contracts';
import type { Executor } from '../src/platform/database.js';
import { newPerson, newUnit, newUser, type TestUnit } from './factories.js';
import { TEST_NOW } from '../src/platform/clock.js';

// Assessments (đánh giá) inserted straight into the database, with the plan and criteria they
// point at, so that evidence tests do not depend on how assessments are created.

export interface TestPlan {
  id: number;
  movementId: number;
  /** Criteria by subject: two each, the second a child of the first. */
  criteria: Record<CriterionSubject, [number, number]>;
}

/** A published plan of a new movement, issued by `unit`, with criteria for both kinds of subject. */
export async function newPlan(db: Executor, unit: TestUnit): Promise<TestPlan> {
  const movement = await db
    .insertInto('movements')
    .values({ name: `Phong trào ${randomBytes(3).toString('hex')}`, theme: null, kind: 'yearly', start_year: 2025, end_year: 2026, owner_unit_id: unit.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plan = await db
    .insertInto('plans')
    .values({ movement_id: movement.id, unit_id: unit.id, parent_plan_id: null, title: 'Kế hoạch thi đua năm 2026', source_file_name: null, source_text: null, created_by: null, status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criteria = {} as TestPlan['criteria'];
  for (const subject of ['collective', 'individual'] as const) {
    const add = async (parentId: number | null, code: string, text: string, position: number) =>
      (
        await db
          .insertInto('plan_criteria')
          .values({ plan_id: plan.id, parent_id: parentId, subject, code, text, max_points: 10, position, origin_criterion_id: null, dropped_reason: null, source_line: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const first = await add(null, '1', subject === 'individual' ? 'Chấp hành nội quy cơ quan' : 'Xây dựng cơ quan xanh, sạch, đẹp', 0);
    const second = await add(first, '1.1', 'Trồng hoa, dọn vệ sinh hằng tuần', 0);
    criteria[subject] = [first, second];
  }
  return { id: plan.id, movementId: movement.id, criteria };
}

export interface TestAssessment {
  id: number;
  plan: TestPlan;
  unit: TestUnit;
  personId: number | null;
}

/** An assessment of a person of `unit` (individual) or of `unit` itself (collective), at `stage`. */
export async function newAssessment(
  db: Executor,
  opts: { unit: TestUnit; plan: TestPlan; subject: CriterionSubject; stage?: AssessmentStage; personId?: number },
): Promise<TestAssessment> {
  const personId = opts.subject === 'individual' ? (opts.personId ?? (await newPerson(db, opts.unit)).id) : null;
  const row = await db
    .insertInto('assessments')
    .values({ plan_id: opts.plan.id, movement_id: opts.plan.movementId, year: 2026, subject: opts.subject, unit_id: opts.unit.id, person_id: personId, stage: opts.stage ?? 'self', created_at: TEST_NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, plan: opts.plan, unit: opts.unit, personId };
}

export async function setStage(db: Executor, assessmentId: number, stage: AssessmentStage): Promise<void> {
  await db.updateTable('assessments').set({ stage }).where('id', '=', assessmentId).execute();
}

/** A school with a teacher who has an account linked to their person record. */
export async function newSchoolWithTeacher(db: Executor, parent: TestUnit) {
  const school = await newUnit(db, { parent, kind: 'school' });
  const person = await newPerson(db, school, { fullName: 'Nguyễn Thị Hoa' });
  const user = await newUser(db, { roles: [['staff_member', school]] });
  await db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
  return { school, person, user };
}
