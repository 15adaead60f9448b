// Test support for assessments (đánh giá): a city with two schools, a published plan whose
// individual criteria form a tree (a group with two sub-criteria, a met / not met veto criterion),
// and people with accounts linked to them. Builds its own rows; leans on no seed data.
import type { Role } from '@thidua/contracts';
import type { Executor } from '../../platform/database.js';
import { Client, type TestApp } from '../../../test/app.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newMovement, newPublishedPlan, newRegistration, type TestPlan } from '../../../test/registration-factories.js';

export interface PersonAccount {
  personId: number;
  userId: number;
  fullName: string;
  client: Client;
}

/** A person of `unit` with an account linked to them, signed in, holding `roles` (staff member by default). */
export async function personWithAccount(t: TestApp, unit: TestUnit, opts: { roles?: [Role, TestUnit][]; fullName?: string } = {}): Promise<PersonAccount> {
  const person = await newPerson(t.ctx.db, unit, { fullName: opts.fullName });
  const user = await newUser(t.ctx.db, { roles: opts.roles ?? [['staff_member', unit]] });
  await t.ctx.db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
  const client = new Client(t.app);
  await client.signIn(user.username);
  return { personId: person.id, userId: user.id, fullName: person.full_name, client };
}

export interface PlanCriteria {
  /** Individual criteria by code: 1 (group of 1.1 and 1.2), 1.1, 1.2, 2, 3, 4 (met / not met, veto). */
  ind: Record<'1' | '1.1' | '1.2' | '2' | '3' | '4', number>;
  /** Collective criteria by code: 1 (30), 2 (50), 3 (20). */
  col: Record<'1' | '2' | '3', number>;
}

/**
 * A published plan of `unit`: individuals score 1.1 (15) + 1.2 (15) under group 1, 2 (50), 3 (20),
 * and 4 (không vi phạm, met / not met, a veto criterion): 100 points. Collectives: 30 + 50 + 20.
 */
export async function newAssessmentPlan(db: Executor, unit: TestUnit, opts: { year?: number; overscoreMargin?: number } = {}): Promise<TestPlan & { c: PlanCriteria }> {
  const movement = await newMovement(db, unit, { name: 'CBCCVC thi đua thực hiện văn hóa công sở' });
  const plan = await newPublishedPlan(db, unit, {
    movement,
    year: opts.year ?? 2025,
    criteria: {
      individual: [
        { code: '1', text: 'Phẩm chất chính trị, đạo đức, lối sống', maxPoints: 30 },
        { code: '2', text: 'Kết quả thực hiện nhiệm vụ', maxPoints: 50 },
        { code: '3', text: 'Thực hiện văn hóa công sở', maxPoints: 20 },
        { code: '4', text: 'Không vi phạm quy định cấm hút thuốc lá nơi làm việc', maxPoints: null, isVeto: true },
      ],
    },
  });
  const group = plan.individual.find((c) => c.code === '1')!;
  const children = await db
    .insertInto('plan_criteria')
    .values([
      { plan_id: plan.id, parent_id: group.id, subject: 'individual', code: '1.1', text: 'Chấp hành chủ trương, chính sách, pháp luật', max_points: 15, position: 0, origin_criterion_id: null, dropped_reason: null, source_line: null },
      { plan_id: plan.id, parent_id: group.id, subject: 'individual', code: '1.2', text: 'Đạo đức, lối sống, tác phong', max_points: 15, position: 1, origin_criterion_id: null, dropped_reason: null, source_line: null },
    ])
    .returning(['id', 'code'])
    .execute();
  if (opts.overscoreMargin !== undefined) await db.updateTable('plans').set({ overscore_margin: opts.overscoreMargin }).where('id', '=', plan.id).execute();
  const id = (code: string) => plan.individual.find((c) => c.code === code)?.id ?? children.find((c) => c.code === code)!.id;
  const col = (code: string) => plan.collective.find((c) => c.code === code)!.id;
  return {
    ...plan,
    c: {
      ind: { '1': id('1'), '1.1': id('1.1'), '1.2': id('1.2'), '2': id('2'), '3': id('3'), '4': id('4') },
      col: { '1': col('1'), '2': col('2'), '3': col('3') },
    },
  };
}

/** A province → city → two schools, each school with its head and council member, the city with a head. */
export async function newSchools(db: Executor) {
  const province = await newUnit(db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
  const city = await newUnit(db, { parent: province, kind: 'district', name: 'Thành phố Nha Trang' });
  const school = await newUnit(db, { parent: city, kind: 'school', name: 'Trường THCS Thái Nguyên' });
  const otherSchool = await newUnit(db, { parent: city, kind: 'school', name: 'Trường THCS Lý Thường Kiệt' });
  return { province, city, school, otherSchool };
}

export { newRegistration };

/** Every leaf of an individual sheet scored: 1.1, 1.2, 2, 3 in points and 4 met / not met. */
export function fullScores(c: PlanCriteria, v: { '1.1': number; '1.2': number; '2': number; '3': number; '4': boolean }, note?: string) {
  return [
    { criterionId: c.ind['1.1'], points: v['1.1'], ...(note ? { note } : {}) },
    { criterionId: c.ind['1.2'], points: v['1.2'] },
    { criterionId: c.ind['2'], points: v['2'] },
    { criterionId: c.ind['3'], points: v['3'] },
    { criterionId: c.ind['4'], met: v['4'] },
  ];
}
