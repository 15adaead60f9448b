import { randomBytes } from 'node:crypto';
import type { CriterionSubject, EmulationTitleCode } from '@thidua/contracts';
import type { Executor } from '../src/platform/database.js';
import type { TestUnit } from './factories.js';
import { TEST_NOW } from '../src/platform/clock.js';

// Factories for movements (phong trào), published plans (kế hoạch) and registrations (đăng ký thi đua).
// They build what they need and never lean on seed data.
const uniq = () => randomBytes(4).toString('hex');

export interface TestMovement {
  id: number;
  name: string;
  startYear: number;
  endYear: number;
  ownerUnitId: number;
}

export interface TestCriterion {
  id: number;
  subject: CriterionSubject;
  code: string;
  text: string;
  maxPoints: number | null;
}

export interface TestPlan {
  id: number;
  movementId: number;
  unitId: number;
  /** A year inside the movement's years, handy for registrations and assessments. */
  year: number;
  collective: TestCriterion[];
  individual: TestCriterion[];
}

export interface TestRegistration {
  id: number;
  planId: number;
  movementId: number;
  year: number;
  subject: CriterionSubject;
  unitId: number;
  personId: number | null;
  titleCode: string;
}

/** A movement owned by `ownerUnit`, 2025–2030 unless told otherwise. */
export async function newMovement(
  db: Executor,
  ownerUnit: TestUnit,
  opts: { name?: string; startYear?: number; endYear?: number; kind?: 'yearly' | 'period' } = {},
): Promise<TestMovement> {
  const startYear = opts.startYear ?? 2025;
  const endYear = opts.endYear ?? 2030;
  const name = opts.name ?? `Phong trào ${uniq()}`;
  const row = await db
    .insertInto('movements')
    .values({ name, kind: opts.kind ?? 'yearly', start_year: startYear, end_year: endYear, owner_unit_id: ownerUnit.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name, startYear, endYear, ownerUnitId: ownerUnit.id };
}

export interface CriterionSpec {
  code: string;
  text: string;
  maxPoints?: number | null;
  isVeto?: boolean;
}

/** Three collective and three individual criteria, each set's max points summing to 100. */
export const defaultCriteria: Record<CriterionSubject, CriterionSpec[]> = {
  collective: [
    { code: '1', text: 'Chấp hành chủ trương, chính sách, pháp luật', maxPoints: 30 },
    { code: '2', text: 'Hoàn thành nhiệm vụ được giao', maxPoints: 50 },
    { code: '3', text: 'Xây dựng văn hóa công sở', maxPoints: 20 },
  ],
  individual: [
    { code: '1', text: 'Phẩm chất chính trị, đạo đức, lối sống', maxPoints: 30 },
    { code: '2', text: 'Kết quả thực hiện nhiệm vụ', maxPoints: 50 },
    { code: '3', text: 'Thực hiện văn hóa công sở', maxPoints: 20 },
  ],
};

/**
 * A published plan of `unit` for a movement (a new one owned by `unit` unless given), with flat
 * criteria for collectives and for individuals (default: 30 + 50 + 20 = 100 points each).
 */
export async function newPublishedPlan(
  db: Executor,
  unit: TestUnit,
  opts: {
    movement?: TestMovement;
    year?: number;
    criteria?: Partial<Record<CriterionSubject, CriterionSpec[]>>;
    status?: 'draft' | 'published' | 'closed';
    parentPlanId?: number;
    title?: string;
  } = {},
): Promise<TestPlan> {
  const movement = opts.movement ?? (await newMovement(db, unit));
  const plan = await db
    .insertInto('plans')
    .values({
      movement_id: movement.id,
      unit_id: unit.id,
      parent_plan_id: opts.parentPlanId ?? null,
      number: String(Math.floor(Math.random() * 9000) + 100),
      code: 'KH-UBND',
      issue_date: `${movement.startYear}-01-15`,
      signer: 'Nguyễn Văn Ký',
      title: opts.title ?? `Kế hoạch thực hiện ${movement.name}`,
      status: opts.status ?? 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const out: Record<CriterionSubject, TestCriterion[]> = { collective: [], individual: [] };
  for (const subject of ['collective', 'individual'] as const) {
    const specs = opts.criteria?.[subject] ?? defaultCriteria[subject];
    let position = 0;
    for (const c of specs) {
      const row = await db
        .insertInto('plan_criteria')
        .values({
          plan_id: plan.id,
          parent_id: null,
          subject,
          code: c.code,
          text: c.text,
          max_points: c.maxPoints ?? null,
          position: position++,
          origin_criterion_id: null,
          dropped_reason: null,
          is_veto: c.isVeto ?? false,
          source_line: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      out[subject].push({ id: row.id, subject, code: c.code, text: c.text, maxPoints: c.maxPoints ?? null });
    }
  }
  const year = opts.year ?? movement.startYear;
  return { id: plan.id, movementId: movement.id, unitId: unit.id, year, ...out };
}

/**
 * A registration against `plan`: individual when `person` is given (the person must belong to
 * `unit`), collective for `unit` otherwise. The title defaults to one that fits the subject.
 */
export async function newRegistration(
  db: Executor,
  opts: {
    plan: TestPlan;
    person?: { id: number };
    unit: TestUnit;
    year?: number;
    titleCode?: EmulationTitleCode;
    commitments?: string;
    status?: 'registered' | 'withdrawn';
    registeredBy?: number;
  },
): Promise<TestRegistration> {
  const subject: CriterionSubject = opts.person ? 'individual' : 'collective';
  const titleCode = opts.titleCode ?? (subject === 'individual' ? 'lao_dong_tien_tien' : 'tap_the_lao_dong_tien_tien');
  const year = opts.year ?? opts.plan.year;
  const row = await db
    .insertInto('registrations')
    .values({
      plan_id: opts.plan.id,
      movement_id: opts.plan.movementId,
      year,
      subject,
      unit_id: opts.unit.id,
      person_id: opts.person?.id ?? null,
      title_code: titleCode,
      commitments: opts.commitments ?? null,
      status: opts.status ?? 'registered',
      registered_by: opts.registeredBy ?? null,
      registered_at: TEST_NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    planId: opts.plan.id,
    movementId: opts.plan.movementId,
    year,
    subject,
    unitId: opts.unit.id,
    personId: opts.person?.id ?? null,
    titleCode,
  };
}
