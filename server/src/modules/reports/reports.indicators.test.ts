import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/database.js';
import { newPerson, newUnit, type TestUnit } from '../../../test/factories.js';
import { newMovement, newPublishedPlan, newRegistration, type TestMovement, type TestPlan } from '../../../test/registration-factories.js';
import type { Database } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { computeIndicators, getIndicatorSource, listIndicatorSources, registerIndicatorSource, type IndicatorScope } from './reports.indicators.js';
import { reportPeriod } from './reports.periods.js';

// A province (tỉnh) with a department and its office, a ward and a dissolved agency, beside another
// province whose rows must never count; one movement (phong trào) of 2025 with registrations,
// assessments and evidence on known dates around the end of the first half (30/06 in Vietnam).

const YEAR = reportPeriod({ kind: 'year', year: 2025 });
const H1 = reportPeriod({ kind: 'six_months', year: 2025 });
const H2 = reportPeriod({ kind: 'six_months', year: 2025, index: 2 });

const BASE_KEYS = [
  'registrations.people',
  'registrations.units',
  'assessments.done',
  'assessments.by_stage.self',
  'assessments.by_stage.review',
  'assessments.by_stage.council',
  'assessments.by_stage.final',
  'assessments.by_classification.excellent',
  'assessments.by_classification.good',
  'assessments.by_classification.pass',
  'assessments.by_classification.fail',
  'evidence.items',
  'people.active',
  'units.active',
];

describe('report indicators (chỉ tiêu)', () => {
  let db: Database;
  let province: TestUnit;
  let dept: TestUnit;
  let office: TestUnit;
  let ward: TestUnit;
  let dissolved: TestUnit;
  let otherProvince: TestUnit;
  let movement: TestMovement;
  let otherMovement: TestMovement;
  let plan: TestPlan;

  const scope = (unit: TestUnit, period = YEAR, movementId: number | null = movement.id): IndicatorScope => ({
    unitPath: unit.path,
    movementId,
    year: 2025,
    periodStart: period.start,
    periodEnd: period.end,
  });

  async function register(unit: TestUnit, at: string, opts: { person?: { id: number }; status?: 'registered' | 'withdrawn'; onPlan?: TestPlan; year?: number } = {}) {
    const r = await newRegistration(db, { plan: opts.onPlan ?? plan, unit, person: opts.person, status: opts.status, year: opts.year });
    await db.updateTable('registrations').set({ registered_at: at }).where('id', '=', r.id).execute();
  }

  async function assess(unit: TestUnit, personId: number | null, a: { stage: string; classification?: string; finalisedAt?: string; createdAt?: string }) {
    const row = await db
      .insertInto('assessments')
      .values({
        plan_id: plan.id,
        movement_id: plan.movementId,
        year: 2025,
        subject: personId ? 'individual' : 'collective',
        unit_id: unit.id,
        person_id: personId,
        stage: a.stage,
        self_total: null,
        review_total: null,
        council_total: null,
        classification: a.classification ?? null,
        finalised_at: a.finalisedAt ?? null,
        created_at: a.createdAt ?? '2025-02-01T09:00:00+07:00',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function evidence(assessmentId: number, createdAt: string, deletedAt: string | null = null) {
    await db
      .insertInto('evidence')
      .values({ assessment_id: assessmentId, plan_id: plan.id, kind: 'note', note: 'Biên bản sinh hoạt chuyên đề', created_at: createdAt, deleted_at: deletedAt })
      .execute();
  }

  beforeAll(async () => {
    ({ db } = await testDatabase());
    const national = await newUnit(db, { kind: 'national', name: 'Trung ương' });
    province = await newUnit(db, { parent: national, kind: 'province', name: 'Tỉnh Khánh Hòa' });
    dept = await newUnit(db, { parent: province, kind: 'department', name: 'Sở Nội vụ' });
    office = await newUnit(db, { parent: dept, kind: 'office', name: 'Phòng Công chức' });
    ward = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    dissolved = await newUnit(db, { parent: province, kind: 'agency', name: 'Ban đã giải thể' });
    await db.updateTable('units').set({ status: 'dissolved' }).where('id', '=', dissolved.id).execute();
    otherProvince = await newUnit(db, { parent: national, kind: 'province', name: 'Tỉnh Phú Yên' });

    movement = await newMovement(db, province, { name: 'Văn hóa công sở', startYear: 2025 });
    otherMovement = await newMovement(db, province, { name: 'Cải cách hành chính', startYear: 2025 });
    plan = await newPublishedPlan(db, province, { movement, year: 2025 });
    const otherPlan = await newPublishedPlan(db, province, { movement: otherMovement, year: 2025 });

    // People: 6 active in the province's subtree (one more inactive), 1 in the other province.
    const an = await newPerson(db, province, { fullName: 'Lê Thị An' });
    const binh = await newPerson(db, dept, { fullName: 'Nguyễn Văn Bình' });
    const retired = await newPerson(db, dept, { fullName: 'Trần Văn Cường' });
    await db.updateTable('people').set({ is_active: false }).where('id', '=', retired.id).execute();
    const dung = await newPerson(db, office, { fullName: 'Phạm Thị Dung' });
    const em = await newPerson(db, office, { fullName: 'Võ Văn Em' });
    const giang = await newPerson(db, ward, { fullName: 'Đỗ Thị Giang' });
    await newPerson(db, dissolved, { fullName: 'Hồ Văn Hải' });
    const khanh = await newPerson(db, otherProvince, { fullName: 'Ngô Văn Khánh' });

    // Registrations (đăng ký): 23:30 on 30/06 in Vietnam is still the first half; 00:10 on 01/07 is not.
    await register(province, '2025-03-10T09:00:00+07:00', { person: an });
    await register(dept, '2025-06-30T23:30:00+07:00', { person: binh });
    await register(office, '2025-03-10T09:00:00+07:00', { person: dung });
    await register(office, '2025-03-10T09:00:00+07:00', { person: em, status: 'withdrawn' });
    await register(ward, '2025-07-01T00:10:00+07:00', { person: giang });
    await register(dept, '2025-03-10T09:00:00+07:00');
    await register(office, '2025-03-11T09:00:00+07:00');
    await register(ward, '2025-08-01T09:00:00+07:00');
    await register(dissolved, '2025-02-01T09:00:00+07:00');
    await register(otherProvince, '2025-03-10T09:00:00+07:00', { person: khanh });
    // Another movement and another year: they count only when the scope says so.
    await register(province, '2025-03-10T09:00:00+07:00', { onPlan: otherPlan });
    await register(dept, '2024-03-10T09:00:00+07:00', { person: binh, onPlan: otherPlan, year: 2024 });

    // Assessments (đánh giá).
    const aAn = await assess(province, an.id, { stage: 'final', classification: 'excellent', finalisedAt: '2025-06-15T10:00:00+07:00' });
    await assess(dept, binh.id, { stage: 'final', classification: 'good', finalisedAt: '2025-12-20T10:00:00+07:00' });
    const aDung = await assess(office, dung.id, { stage: 'final', classification: 'pass', finalisedAt: '2025-06-30T23:00:00+07:00' });
    const aOffice = await assess(office, null, { stage: 'review' });
    await assess(dept, null, { stage: 'self' });
    const aWard = await assess(ward, null, { stage: 'council', createdAt: '2025-07-05T09:00:00+07:00' });
    await assess(ward, giang.id, { stage: 'final', classification: 'fail', finalisedAt: '2026-01-05T10:00:00+07:00' });
    await db
      .insertInto('assessments')
      .values({ plan_id: plan.id, movement_id: movement.id, year: 2025, subject: 'individual', unit_id: otherProvince.id, person_id: khanh.id, stage: 'final', classification: 'excellent', finalised_at: '2025-06-01T00:00:00Z', created_at: '2025-02-01T00:00:00Z' })
      .execute();

    // Evidence (minh chứng).
    await evidence(aAn, '2025-03-01T09:00:00+07:00');
    await evidence(aDung, '2025-06-30T23:59:00+07:00');
    await evidence(aOffice, '2025-05-05T09:00:00+07:00', '2025-05-06T09:00:00+07:00'); // deleted inside H1
    await evidence(aOffice, '2025-05-05T09:00:00+07:00', '2025-08-01T09:00:00+07:00'); // deleted after H1
    await evidence(aWard, '2025-07-06T09:00:00+07:00');
    await evidence(aWard, '2024-12-31T23:59:00+07:00'); // before the year, in Vietnam time
  });

  it('counts the whole province for the year', async () => {
    expect(await computeIndicators(db, BASE_KEYS, scope(province))).toEqual({
      'registrations.people': 4, // An, Bình, Dung, Giang (Em withdrew; Khánh is elsewhere)
      'registrations.units': 4, // department, office, ward, and the agency dissolved since
      'assessments.done': 3, // Giang's was finalised in 2026
      'assessments.by_stage.self': 1,
      'assessments.by_stage.review': 1,
      'assessments.by_stage.council': 1,
      'assessments.by_stage.final': 4,
      'assessments.by_classification.excellent': 1,
      'assessments.by_classification.good': 1,
      'assessments.by_classification.pass': 1,
      'assessments.by_classification.fail': 0,
      'evidence.items': 3, // An's, Dung's, the ward's of July; both of the office's were deleted within the year, and 31/12/2024 is before it
      'people.active': 6, // the retired one does not count, the dissolved agency's person does
      'units.active': 4, // province, department, office, ward
    });
  });

  it('counts only the subtree of a unit below', async () => {
    expect(await computeIndicators(db, BASE_KEYS, scope(dept))).toEqual({
      'registrations.people': 2,
      'registrations.units': 2,
      'assessments.done': 2,
      'assessments.by_stage.self': 1,
      'assessments.by_stage.review': 1,
      'assessments.by_stage.council': 0,
      'assessments.by_stage.final': 2,
      'assessments.by_classification.excellent': 0,
      'assessments.by_classification.good': 1,
      'assessments.by_classification.pass': 1,
      'assessments.by_classification.fail': 0,
      'evidence.items': 1, // Dung's
      'people.active': 3,
      'units.active': 2,
    });
    expect(await computeIndicators(db, ['registrations.people', 'registrations.units', 'units.active', 'people.active'], scope(ward))).toEqual({
      'registrations.people': 1,
      'registrations.units': 1,
      'units.active': 1,
      'people.active': 1,
    });
  });

  it('counts the first half up to 30/06 in Vietnam time, and the second half apart', async () => {
    const keys = ['registrations.people', 'registrations.units', 'assessments.done', 'assessments.by_stage.council', 'assessments.by_classification.good', 'evidence.items'];
    expect(await computeIndicators(db, keys, scope(province, H1))).toEqual({
      'registrations.people': 3, // Bình's at 23:30 on 30/06 counts, Giang's at 00:10 on 01/07 does not
      'registrations.units': 3, // the department, the office and the dissolved agency; the ward registered in August
      'assessments.done': 2, // An's, and Dung's finalised at 23:00 on 30/06
      'assessments.by_stage.council': 0, // the ward's was opened in July
      'assessments.by_classification.good': 0,
      'evidence.items': 3, // including the one deleted only in August
    });
    const h2 = await computeIndicators(db, ['evidence.items', 'registrations.people'], scope(province, H2));
    // Evidence is what was added inside the period; registrations stand as of its end.
    expect(h2).toEqual({ 'evidence.items': 1, 'registrations.people': 4 });
  });

  it('counts one movement, or all of them when the scope names none', async () => {
    expect(await computeIndicators(db, ['registrations.units'], scope(province, YEAR, otherMovement.id))).toEqual({ 'registrations.units': 1 });
    expect(await computeIndicators(db, ['registrations.units', 'registrations.people'], scope(province, YEAR, null))).toEqual({
      'registrations.units': 5,
      'registrations.people': 4, // Bình's 2024 registration belongs to another year
    });
  });

  it('refuses an unknown indicator by name, counting nothing', async () => {
    const err = await computeIndicators(db, ['registrations.people', 'inspections.held'], scope(province)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.status).toBe(400);
    expect(e.details).toEqual({ unknownKeys: ['inspections.held'] });
    expect(e.fields?.[0]?.message).toContain('inspections.held');
    expect(e.fields?.[0]?.messageEn).toContain('Unknown indicator: inspections.held');
  });

  it('refuses a scope that is not a unit and a period', async () => {
    const bad = [
      { ...scope(province), unitPath: "1'; drop table units; --" },
      { ...scope(province), periodEnd: '2024-12-31' },
      { ...scope(province), periodStart: '2025-02-30' },
      { ...scope(province), year: 1800 },
    ];
    for (const s of bad) {
      await expect(computeIndicators(db, ['units.active'], s)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const { n } = await db.selectFrom('units').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(n).toBe(7);
  });

  it('takes sources that later capabilities register, and refuses a key registered twice', async () => {
    registerIndicatorSource({
      key: 'test.wards',
      label: { vi: 'Số xã, phường', en: 'Communes and wards' },
      kind: 'number',
      compute: async (d, s) =>
        (
          await d
            .selectFrom('units')
            .select(sql<number>`count(*)::int`.as('n'))
            .where(sql<boolean>`path <@ ${s.unitPath}::ltree`)
            .where('kind', '=', 'commune')
            .executeTakeFirstOrThrow()
        ).n,
    });
    expect(await computeIndicators(db, ['test.wards', 'units.active'], scope(province))).toEqual({ 'test.wards': 1, 'units.active': 4 });
    expect(getIndicatorSource('test.wards')?.label.vi).toBe('Số xã, phường');
    expect(() => registerIndicatorSource({ key: 'units.active', label: { vi: 'x', en: 'x' }, kind: 'number', compute: () => Promise.resolve(0) })).toThrow(/already registered/);
    expect(() => registerIndicatorSource({ key: 'Bad Key', label: { vi: 'x', en: 'x' }, kind: 'number', compute: () => Promise.resolve(0) })).toThrow(/dotted/);
    expect(listIndicatorSources().map((s) => s.key)).toEqual(expect.arrayContaining([...BASE_KEYS, 'test.wards']));
  });
});
