import type { AssessmentDetail, MyRegistration, RegistrationView, ReportDetail, UnitRoster } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newMovement, newPublishedPlan, type TestMovement, type TestPlan } from '../../../test/registration-factories.js';
import { newReportTemplate } from '../../../test/report-factories.js';

// A plan applies to the years it covers (năm áp dụng): the province's plan of the movement
// 2026–2030 covers every year, the ward's own plan only 2027. A 2026 registration in the ward takes
// the province's plan, a 2027 one the ward's; the registration page shows the plan of the year
// chosen, the assessment opened from a registration scores that plan's criteria, and the ward's
// plan's report template reports 2027 only.

describe('registrations: the plan of the year', () => {
  let t: TestApp;
  let province: TestUnit;
  let ward: TestUnit;
  let movement: TestMovement;
  let provincePlan: TestPlan;
  let wardPlan: TestPlan;
  let officer: Client;

  beforeAll(async () => {
    t = await testApp();
    const db = t.ctx.db;
    province = await newUnit(db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    ward = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    movement = await newMovement(db, province, { startYear: 2026, endYear: 2030 });
    provincePlan = await newPublishedPlan(db, province, { movement, title: 'Kế hoạch thực hiện văn hóa công sở giai đoạn 2026-2030' });
    await db.updateTable('plans').set({ year_from: 2026, year_to: 2030 }).where('id', '=', provincePlan.id).execute();
    wardPlan = await newPublishedPlan(db, ward, {
      movement,
      parentPlanId: provincePlan.id,
      title: 'Kế hoạch thực hiện văn hóa công sở năm 2027',
      criteria: { individual: [{ code: '1', text: 'Tiêu chí riêng của phường năm 2027', maxPoints: 100 }] },
    });
    await db.updateTable('plans').set({ year_from: 2027, year_to: 2027 }).where('id', '=', wardPlan.id).execute();
    officer = await clientWith(t, [['unit_officer', ward]]);
  });

  const register = async (personId: number, year: number) => {
    const res = await officer.post('/api/registrations', { movementId: movement.id, year, personId, titleCode: 'lao_dong_tien_tien' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<RegistrationView>();
  };

  it('a 2026 registration takes the province’s plan, a 2027 one the ward’s plan for 2027', async () => {
    const person = await newPerson(t.ctx.db, ward);
    expect((await register(person.id, 2026)).planId).toBe(provincePlan.id);
    const in2027 = await register(person.id, 2027);
    expect(in2027).toMatchObject({ planId: wardPlan.id, planTitle: 'Kế hoạch thực hiện văn hóa công sở năm 2027' });
    // 2028 is the province's again: the ward's plan stops with its year.
    expect((await register(person.id, 2028)).planId).toBe(provincePlan.id);
    // In bulk too.
    const other = await newPerson(t.ctx.db, ward);
    const bulk = await officer.post('/api/registrations/bulk', { unitId: ward.id, movementId: movement.id, year: 2026, titleCode: 'lao_dong_tien_tien', personIds: [other.id] });
    expect(bulk.statusCode, bulk.body).toBe(200);
    const row = await t.ctx.db.selectFrom('registrations').select('plan_id').where('person_id', '=', other.id).executeTakeFirstOrThrow();
    expect(row.plan_id).toBe(provincePlan.id);
  });

  it('the registration page offers the plan of the year chosen, for oneself and for the unit', async () => {
    const person = await newPerson(t.ctx.db, ward);
    const user = await newUser(t.ctx.db);
    await t.ctx.db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
    const me = new Client(t.app);
    await me.signIn(user.username);
    const mine = async (year: number) => (await me.get(`/api/registrations/me?movementId=${movement.id}&year=${year}`)).json<MyRegistration>().plan;
    expect(await mine(2026)).toMatchObject({ id: provincePlan.id, unitName: 'Tỉnh Khánh Hòa' });
    expect(await mine(2027)).toMatchObject({ id: wardPlan.id, unitName: 'Phường Nha Trang', title: 'Kế hoạch thực hiện văn hóa công sở năm 2027' });
    expect((await mine(2027))!.criteria.map((c) => c.text)).toContain('Tiêu chí riêng của phường năm 2027');

    const roster = async (year: number) => (await officer.get(`/api/registrations/roster?movementId=${movement.id}&year=${year}&unitId=${ward.id}`)).json<UnitRoster>().plan?.id;
    expect(await roster(2026)).toBe(provincePlan.id);
    expect(await roster(2027)).toBe(wardPlan.id);
  });

  it('the assessment opened from a 2027 registration scores the ward’s plan, one of 2026 the province’s', async () => {
    const person = await newPerson(t.ctx.db, ward);
    await register(person.id, 2026);
    await register(person.id, 2027);
    const head = await clientWith(t, [['unit_head', ward]]);
    const open = async (year: number) => {
      const res = await head.post('/api/assessments', { movementId: movement.id, year, personId: person.id });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<AssessmentDetail>();
    };
    expect((await open(2026)).planId).toBe(provincePlan.id);
    expect((await open(2027)).planId).toBe(wardPlan.id);
  });

  it('a template of the ward’s plan for 2027 reports 2027 only, and says so for another year', async () => {
    const template = await newReportTemplate(t.ctx.db, { planId: wardPlan.id, reporterKinds: ['commune'] });
    const refused = await officer.post('/api/reports', { templateId: template.id, unitId: ward.id, year: 2026 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({
      path: 'year',
      message: 'Năm: Kế hoạch của mẫu báo cáo này áp dụng năm 2027, không áp dụng cho năm 2026',
      messageEn: 'Year: The plan of this report template applies in 2027, not in 2026',
    });
    const opened = await officer.post('/api/reports', { templateId: template.id, unitId: ward.id, year: 2027 });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json<ReportDetail>().periodKey).toBe('2027-Y');
  });
});
