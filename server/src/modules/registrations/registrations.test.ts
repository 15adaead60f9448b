import type { BoardMissingPage, BulkRegisterResult, MyRegistration, RegistrationBoard, RegistrationsPage, RegistrationView, UnitRoster } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { auditCount, newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newMovement, newPublishedPlan, newRegistration, type TestMovement, type TestPlan } from '../../../test/registration-factories.js';
import type { inlineJobs } from '../../platform/jobs.js';
import { registerRegistrationJobs } from './registrations.service.js';

const YEAR = 2025;
const LDTT = 'lao_dong_tien_tien';

describe('registrations', () => {
  let t: TestApp;
  let national: TestUnit;
  let admin: Client;
  let outsider: Client;
  const drain = () => (t.ctx.jobs as ReturnType<typeof inlineJobs>).drain();

  beforeAll(async () => {
    t = await testApp({ publicUrl: 'https://thidua.example.gov.vn' });
    await registerRegistrationJobs(t.ctx, { info: () => undefined, error: () => undefined });
    national = await newUnit(t.ctx.db, { kind: 'national' });
    admin = await adminAt(t, national);
    outsider = await clientWith(t, [['standing_officer', await newUnit(t.ctx.db, { parent: national })]]);
  });

  /** A person with an account linked to them, signed in. */
  async function personClient(unit: TestUnit, opts: { fullName?: string; email?: string } = {}) {
    const person = await newPerson(t.ctx.db, unit, { fullName: opts.fullName });
    const user = await newUser(t.ctx.db, { email: opts.email });
    await t.ctx.db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
    const c = new Client(t.app);
    await c.signIn(user.username);
    return { person, user, c };
  }

  /**
   * A small tree: a city with its own staff, school A (own plan, adopted from the city's) with a
   * team below it, school B, and a ward; blocks of the year group the schools and the ward+team.
   */
  async function cityTree() {
    const db = t.ctx.db;
    const province = await newUnit(db, { parent: national, kind: 'province' });
    const city = await newUnit(db, { parent: province, kind: 'district', name: 'Thành phố Nha Trang' });
    const schoolA = await newUnit(db, { parent: city, kind: 'school', name: 'Trường THCS Âu Cơ' });
    const teamA = await newUnit(db, { parent: schoolA, kind: 'office', name: 'Tổ Toán' });
    const schoolB = await newUnit(db, { parent: city, kind: 'school', name: 'Trường THCS Bạch Đằng' });
    const ward = await newUnit(db, { parent: city, kind: 'commune', name: 'Phường Vĩnh Hải' });
    const movement = await newMovement(db, province, { name: 'CBCCVC thi đua thực hiện văn hóa công sở', startYear: 2019, endYear: 2025 });
    const cityPlan = await newPublishedPlan(db, city, { movement, year: YEAR });
    const schoolPlan = await newPublishedPlan(db, schoolA, { movement, year: YEAR, parentPlanId: cityPlan.id });
    const people = {
      cityStaff: await newPerson(db, city, { fullName: 'Phạm Thị Hoa' }),
      a1: await newPerson(db, schoolA, { fullName: 'Nguyễn Văn Đức' }),
      a2: await newPerson(db, schoolA, { fullName: 'Trần Thị Dung' }),
      a3: await newPerson(db, schoolA, { fullName: 'Lê Văn Ân' }),
      team1: await newPerson(db, teamA, { fullName: 'Võ Thị Lan' }),
      team2: await newPerson(db, teamA, { fullName: 'Đỗ Văn Minh' }),
      b1: await newPerson(db, schoolB, { fullName: 'Hồ Văn Bình' }),
      b2: await newPerson(db, schoolB, { fullName: 'Đặng Thị Cúc' }),
      gone: await newPerson(db, ward, { fullName: 'Người Đã Nghỉ' }),
    };
    await db.updateTable('people').set({ is_active: false }).where('id', '=', people.gone.id).execute();
    const k1 = await db.insertInto('blocks').values({ year: YEAR, kind: 'khoi', name: 'Khối trường học', organizer_unit_id: city.id }).returning('id').executeTakeFirstOrThrow();
    const k2 = await db.insertInto('blocks').values({ year: YEAR, kind: 'cum', name: 'Cụm phường và tổ', organizer_unit_id: city.id }).returning('id').executeTakeFirstOrThrow();
    const other = await db.insertInto('blocks').values({ year: YEAR - 1, kind: 'khoi', name: 'Khối năm trước', organizer_unit_id: city.id }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('block_members')
      .values([
        { block_id: k1.id, unit_id: schoolA.id },
        { block_id: k1.id, unit_id: schoolB.id },
        { block_id: k2.id, unit_id: ward.id },
        { block_id: k2.id, unit_id: teamA.id },
        { block_id: other.id, unit_id: schoolA.id },
      ])
      .execute();
    return { province, city, schoolA, teamA, schoolB, ward, movement, cityPlan, schoolPlan, people, blocks: { k1: k1.id, k2: k2.id } };
  }

  const registrationRow = (id: number) => t.ctx.db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
  const registrationsOf = (unit: TestUnit) => () => t.ctx.db.selectFrom('registrations').selectAll().where('unit_id', '=', unit.id).orderBy('id').execute();

  describe('a person registering themself', () => {
    let tree: Awaited<ReturnType<typeof cityTree>>;
    let teacher: Awaited<ReturnType<typeof personClient>>;

    beforeAll(async () => {
      tree = await cityTree();
      teacher = await personClient(tree.schoolA);
    });

    it('registers against the nearest published plan, with the title and commitments', async () => {
      const res = await teacher.c.post('/api/registrations', {
        movementId: tree.movement.id,
        year: YEAR,
        titleCode: LDTT,
        commitments: 'Trồng hoa, dọn vệ sinh hàng tuần; không hút thuốc lá nơi công sở',
      });
      expect(res.statusCode, res.body).toBe(201);
      const reg: RegistrationView = res.json();
      expect(reg).toMatchObject({
        planId: tree.schoolPlan.id,
        subject: 'individual',
        personId: teacher.person.id,
        unitId: tree.schoolA.id,
        titleCode: LDTT,
        titleName: 'Lao động tiên tiến',
        status: 'registered',
        allowed: ['edit', 'withdraw'],
      });
      expect(reg.commitments).toContain('Trồng hoa');
      const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('entity', '=', 'registration').where('entity_id', '=', String(reg.id)).execute();
      expect(audit).toEqual([{ action: 'registration.create', actor_user_id: teacher.user.id }]);
    });

    it('shows the movements that reach them, the plan that applies and their registration', async () => {
      const res = await teacher.c.get(`/api/registrations/me?movementId=${tree.movement.id}&year=${YEAR}`);
      expect(res.statusCode, res.body).toBe(200);
      const me: MyRegistration = res.json();
      expect(me.person).toMatchObject({ id: teacher.person.id, unitId: tree.schoolA.id });
      expect(me.movements.map((m) => m.id)).toContain(tree.movement.id);
      expect(me.plan).toMatchObject({ id: tree.schoolPlan.id, unitName: tree.schoolA.name });
      expect(me.plan!.criteria.filter((c) => c.subject === 'individual').reduce((s, c) => s + (c.maxPoints ?? 0), 0)).toBe(100);
      expect(me.registration).toMatchObject({ personId: teacher.person.id, status: 'registered' });
    });

    it('refuses a second registration with 409 and the existing one', async () => {
      const audits = await auditCount(t.ctx.db);
      const res = await teacher.c.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, titleCode: 'chien_si_thi_dua_co_so' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'REGISTRATION_DUPLICATE', details: { existing: { personId: teacher.person.id, titleCode: LDTT } } });
      expect(await auditCount(t.ctx.db)).toBe(audits);
    });

    it('refuses a collective title, a year outside the movement and a movement without a published plan', async () => {
      const other = await personClient(tree.schoolB);
      const before = await registrationsOf(tree.schoolB)();
      const wrongTitle = await other.c.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, titleCode: 'tap_the_lao_dong_xuat_sac' });
      expect(wrongTitle.statusCode).toBe(400);
      expect(wrongTitle.json().error.code).toBe('REGISTRATION_TITLE_MISMATCH');
      const outside = await other.c.post('/api/registrations', { movementId: tree.movement.id, year: 2026, titleCode: LDTT });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error).toMatchObject({ code: 'REGISTRATION_YEAR_OUTSIDE', details: { startYear: 2019, endYear: 2025 } });
      const draftOnly = await newMovement(t.ctx.db, tree.city);
      await newPublishedPlan(t.ctx.db, tree.city, { movement: draftOnly, status: 'draft' });
      const noPlan = await other.c.post('/api/registrations', { movementId: draftOnly.id, year: 2025, titleCode: LDTT });
      expect(noPlan.statusCode).toBe(400);
      expect(noPlan.json().error.code).toBe('REGISTRATION_NO_PLAN');
      expect(await registrationsOf(tree.schoolB)()).toEqual(before);
    });

    it('tells an account without a person record to ask the officer', async () => {
      const c = await clientWith(t, [['staff_member', tree.schoolA]]);
      const res = await c.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, titleCode: LDTT });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('REGISTRATION_NO_PERSON');
    });

    it('edits, withdraws and registers again on the same row', async () => {
      const me = await personClient(tree.schoolA);
      const reg: RegistrationView = (await me.c.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, titleCode: LDTT })).json();
      const edited = await me.c.patch(`/api/registrations/${reg.id}`, { titleCode: 'chien_si_thi_dua_co_so', commitments: 'Có sáng kiến cấp cơ sở' });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ titleCode: 'chien_si_thi_dua_co_so', commitments: 'Có sáng kiến cấp cơ sở' });
      const withdrawn = await me.c.post(`/api/registrations/${reg.id}/withdraw`);
      expect(withdrawn.statusCode).toBe(200);
      expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', allowed: [] });
      const again = await me.c.patch(`/api/registrations/${reg.id}`, { commitments: 'x' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('REGISTRATION_WITHDRAWN');
      const back = await me.c.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, titleCode: LDTT });
      expect(back.statusCode).toBe(201);
      expect(back.json()).toMatchObject({ id: reg.id, status: 'registered', titleCode: LDTT, commitments: null });
      const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'registration').where('entity_id', '=', String(reg.id)).orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual(['registration.create', 'registration.update', 'registration.withdraw', 'registration.create']);
    });

    it('cannot be changed or withdrawn once the assessment has left the self stage', async () => {
      const me = await personClient(tree.schoolA);
      const reg: RegistrationView = (await me.c.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, titleCode: LDTT })).json();
      const officer = await clientWith(t, [['unit_officer', tree.schoolA]]);
      const a = await t.ctx.db
        .insertInto('assessments')
        .values({ plan_id: reg.planId, movement_id: reg.movementId, year: YEAR, subject: 'individual', unit_id: reg.unitId, person_id: reg.personId, registration_id: reg.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Still in self-assessment: the person may change the title they aim for.
      expect((await me.c.patch(`/api/registrations/${reg.id}`, { commitments: 'Cam kết mới' })).statusCode).toBe(200);
      await t.ctx.db.updateTable('assessments').set({ stage: 'review' }).where('id', '=', a.id).execute();
      const before = await registrationRow(reg.id);
      for (const res of [
        await me.c.patch(`/api/registrations/${reg.id}`, { commitments: 'Muộn rồi' }),
        await me.c.post(`/api/registrations/${reg.id}/withdraw`),
        await officer.post(`/api/registrations/${reg.id}/withdraw`),
      ]) {
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('REGISTRATION_LOCKED');
      }
      expect(await registrationRow(reg.id)).toEqual(before);
      expect((await me.c.get(`/api/registrations/${reg.id}`)).json()).toMatchObject({ assessmentStage: 'review', allowed: [] });
    });

    it('keeps another person’s registration from them: 404 when hidden, 403 when only visible', async () => {
      const stranger = await personClient(tree.schoolB);
      const colleague = await clientWith(t, [['staff_member', tree.schoolA]]);
      const reg = await newRegistration(t.ctx.db, { plan: tree.schoolPlan, person: await newPerson(t.ctx.db, tree.schoolA), unit: tree.schoolA });
      expect((await stranger.c.get(`/api/registrations/${reg.id}`)).statusCode).toBe(404);
      expect((await stranger.c.patch(`/api/registrations/${reg.id}`, { commitments: 'x' })).statusCode).toBe(404);
      expect((await colleague.get(`/api/registrations/${reg.id}`)).statusCode).toBe(200);
      expect((await colleague.patch(`/api/registrations/${reg.id}`, { commitments: 'x' })).statusCode).toBe(403);
      const other = await newPerson(t.ctx.db, tree.schoolB);
      const forOther = await stranger.c.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, personId: other.id, titleCode: LDTT });
      expect(forOther.statusCode).toBe(404);
    });
  });

  describe('an officer registering for the unit', () => {
    let tree: Awaited<ReturnType<typeof cityTree>>;
    let officer: Client;

    beforeAll(async () => {
      tree = await cityTree();
      officer = await clientWith(t, [['unit_officer', tree.schoolA]]);
    });

    it('registers many people at once and reports each', async () => {
      await newRegistration(t.ctx.db, { plan: tree.schoolPlan, person: tree.people.a1, unit: tree.schoolA });
      const res = await officer.post('/api/registrations/bulk', {
        movementId: tree.movement.id,
        year: YEAR,
        unitId: tree.schoolA.id,
        personIds: [tree.people.a1.id, tree.people.a2.id, tree.people.a3.id, tree.people.team1.id, tree.people.b1.id, 999_999_999],
        titleCode: LDTT,
        commitments: 'Hoàn thành tốt nhiệm vụ năm học',
      });
      expect(res.statusCode, res.body).toBe(200);
      const result: BulkRegisterResult = res.json();
      expect(result).toMatchObject({ created: 3, alreadyRegistered: 1, notInUnit: 2 });
      const outcome = Object.fromEntries(result.items.map((i) => [i.personId, i.outcome]));
      expect(outcome).toEqual({
        [tree.people.a1.id]: 'already_registered',
        [tree.people.a2.id]: 'created',
        [tree.people.a3.id]: 'created',
        [tree.people.team1.id]: 'created',
        [tree.people.b1.id]: 'not_in_unit',
        999999999: 'not_in_unit',
      });
      // School B's teacher is outside the officer's subtree: not even the name is told.
      expect(result.items.find((i) => i.personId === tree.people.b1.id)!.fullName).toBeNull();
      const team = await t.ctx.db.selectFrom('registrations').selectAll().where('person_id', '=', tree.people.team1.id).executeTakeFirstOrThrow();
      expect(team).toMatchObject({ unit_id: tree.teamA.id, plan_id: tree.schoolPlan.id, title_code: LDTT, status: 'registered' });
      expect(await t.ctx.db.selectFrom('registrations').select('id').where('person_id', '=', tree.people.b1.id).execute()).toEqual([]);
    });

    it('refuses a collective title in bulk without saving anything', async () => {
      const before = await registrationsOf(tree.schoolA)();
      const res = await officer.post('/api/registrations/bulk', {
        movementId: tree.movement.id,
        year: YEAR,
        unitId: tree.schoolA.id,
        personIds: [tree.people.a2.id],
        titleCode: 'tap_the_lao_dong_tien_tien',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('REGISTRATION_TITLE_MISMATCH');
      expect(await registrationsOf(tree.schoolA)()).toEqual(before);
    });

    it('registers the unit itself as a collective, and shows it in the roster', async () => {
      const res = await officer.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, subject: 'collective', unitId: tree.schoolA.id, titleCode: 'tap_the_lao_dong_xuat_sac' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ subject: 'collective', unitId: tree.schoolA.id, personId: null, planId: tree.schoolPlan.id });
      const wrong = await officer.post('/api/registrations', { movementId: tree.movement.id, year: YEAR, subject: 'collective', unitId: tree.teamA.id, titleCode: LDTT });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('REGISTRATION_TITLE_MISMATCH');
      const roster: UnitRoster = (await officer.get(`/api/registrations/roster?movementId=${tree.movement.id}&year=${YEAR}&unitId=${tree.schoolA.id}`)).json();
      expect(roster.collective).toMatchObject({ titleCode: 'tap_the_lao_dong_xuat_sac' });
      expect(roster.plan?.id).toBe(tree.schoolPlan.id);
      // The school's own staff, in Vietnamese order ("Lê" before "Nguyễn" before "Trần").
      expect(roster.people.items.map((p) => [p.fullName, p.registration?.status ?? null])).toEqual([
        ['Lê Văn Ân', 'registered'],
        ['Nguyễn Văn Đức', 'registered'],
        ['Trần Thị Dung', 'registered'],
      ]);
    });

    it('lists registrations by movement, unit subtree and subject, searching without diacritics', async () => {
      const base = `/api/registrations?movementId=${tree.movement.id}&year=${YEAR}&unitId=${tree.schoolA.id}`;
      const all: RegistrationsPage = (await officer.get(base)).json();
      expect(all.total).toBe(5);
      const found: RegistrationsPage = (await officer.get(`${base}&q=${encodeURIComponent('nguyen van duc')}`)).json();
      expect(found.items.map((r) => r.personName)).toEqual(['Nguyễn Văn Đức']);
      const lan: RegistrationsPage = (await officer.get(`${base}&q=LAN`)).json();
      expect(lan.items.map((r) => r.unitName)).toEqual(['Tổ Toán']);
      const own: RegistrationsPage = (await officer.get(`${base}&includeSubunits=false&subject=individual`)).json();
      expect(own.total).toBe(3);
      const collective: RegistrationsPage = (await officer.get(`${base}&subject=collective&q=au co`)).json();
      expect(collective.items.map((r) => r.unitName)).toEqual(['Trường THCS Âu Cơ']);
      expect((await outsider.get(base)).statusCode).toBe(404);
    });
  });

  describe('the board', () => {
    let tree: Awaited<ReturnType<typeof cityTree>>;
    let cityOfficer: Client;

    beforeAll(async () => {
      tree = await cityTree();
      cityOfficer = await clientWith(t, [['unit_officer', tree.city]]);
      const db = t.ctx.db;
      await newRegistration(db, { plan: tree.schoolPlan, person: tree.people.a1, unit: tree.schoolA });
      await newRegistration(db, { plan: tree.schoolPlan, person: tree.people.team1, unit: tree.teamA });
      await newRegistration(db, { plan: tree.cityPlan, unit: tree.schoolB });
      // Withdrawn does not count; neither does another year.
      await newRegistration(db, { plan: tree.cityPlan, person: tree.people.b1, unit: tree.schoolB, status: 'withdrawn' });
      await newRegistration(db, { plan: tree.cityPlan, person: tree.people.b2, unit: tree.schoolB, year: 2024 });
    });

    it('counts expected and registered people and units per child unit, the unit’s own staff and in total', async () => {
      const res = await cityOfficer.get(`/api/registrations/board?movementId=${tree.movement.id}&year=${YEAR}&unitId=${tree.city.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const board: RegistrationBoard = res.json();
      const row = (id: number) => board.rows.find((r) => r.unitId === id);
      expect(board.rows.map((r) => [r.name, r.scope])).toEqual([
        ['Thành phố Nha Trang', 'direct'],
        ['Phường Vĩnh Hải', 'subtree'],
        ['Trường THCS Âu Cơ', 'subtree'],
        ['Trường THCS Bạch Đằng', 'subtree'],
      ]);
      expect(row(tree.city.id)).toMatchObject({ expectedPeople: 1, registeredPeople: 0, expectedUnits: 1, registeredUnits: 0, peopleRate: 0, canRemind: true });
      expect(row(tree.schoolA.id)).toMatchObject({ expectedPeople: 5, registeredPeople: 2, expectedUnits: 2, registeredUnits: 0, peopleRate: 40, unitRate: 0 });
      expect(row(tree.schoolB.id)).toMatchObject({ expectedPeople: 2, registeredPeople: 0, expectedUnits: 1, registeredUnits: 1, unitRate: 100 });
      expect(row(tree.ward.id)).toMatchObject({ expectedPeople: 0, registeredPeople: 0, expectedUnits: 1, registeredUnits: 0, peopleRate: null });
      expect(board.total).toEqual({ expectedPeople: 8, registeredPeople: 2, expectedUnits: 5, registeredUnits: 1, peopleRate: 25, unitRate: 20 });
    });

    it('counts per block of the year, each person once where members nest', async () => {
      const board: RegistrationBoard = (await cityOfficer.get(`/api/registrations/board?movementId=${tree.movement.id}&year=${YEAR}&unitId=${tree.city.id}`)).json();
      expect(board.blocks.map((b) => b.name)).toEqual(['Cụm phường và tổ', 'Khối trường học']);
      const k1 = board.blocks.find((b) => b.blockId === tree.blocks.k1)!;
      const k2 = board.blocks.find((b) => b.blockId === tree.blocks.k2)!;
      expect(k1).toMatchObject({ expectedPeople: 7, registeredPeople: 2, expectedUnits: 3, registeredUnits: 1 });
      expect(k2).toMatchObject({ expectedPeople: 2, registeredPeople: 1, expectedUnits: 2, registeredUnits: 0, peopleRate: 50 });
      // Seen from school A, only its own part of each block counts.
      const fromA: RegistrationBoard = (await cityOfficer.get(`/api/registrations/board?movementId=${tree.movement.id}&year=${YEAR}&unitId=${tree.schoolA.id}`)).json();
      expect(fromA.blocks.map((b) => [b.name, b.expectedPeople, b.registeredPeople])).toEqual([
        ['Cụm phường và tổ', 2, 1],
        ['Khối trường học', 5, 2],
      ]);
      expect(fromA.rows.map((r) => [r.name, r.expectedPeople, r.registeredPeople])).toEqual([
        ['Trường THCS Âu Cơ', 3, 1],
        ['Tổ Toán', 2, 1],
      ]);
    });

    it('lists who has not registered, units first, paged, in Vietnamese order (Đ after D)', async () => {
      const base = `/api/registrations/board/missing?movementId=${tree.movement.id}&year=${YEAR}&unitId=${tree.city.id}`;
      const first: BoardMissingPage = (await cityOfficer.get(`${base}&pageSize=5`)).json();
      expect(first.total).toBe(10);
      expect(first.items.map((i) => [i.kind, i.name])).toEqual([
        ['unit', 'Phường Vĩnh Hải'],
        ['unit', 'Thành phố Nha Trang'],
        ['unit', 'Tổ Toán'],
        ['unit', 'Trường THCS Âu Cơ'],
        ['person', 'Đặng Thị Cúc'],
      ]);
      const second: BoardMissingPage = (await cityOfficer.get(`${base}&pageSize=5&page=2`)).json();
      expect(second.items.map((i) => i.name)).toEqual(['Đỗ Văn Minh', 'Hồ Văn Bình', 'Lê Văn Ân', 'Phạm Thị Hoa', 'Trần Thị Dung']);
      const direct: BoardMissingPage = (await cityOfficer.get(`${base}&scope=direct`)).json();
      expect(direct.items.map((i) => i.name)).toEqual(['Thành phố Nha Trang', 'Phạm Thị Hoa']);
      const block: BoardMissingPage = (await cityOfficer.get(`${base}&blockId=${tree.blocks.k2}`)).json();
      expect(block.items.map((i) => i.name)).toEqual(['Phường Vĩnh Hải', 'Tổ Toán', 'Đỗ Văn Minh']);
      expect((await outsider.get(base)).statusCode).toBe(404);
    });
  });

  describe('reminders', () => {
    let tree: Awaited<ReturnType<typeof cityTree>>;
    let cityOfficer: Client;

    beforeAll(async () => {
      tree = await cityTree();
      cityOfficer = await clientWith(t, [['unit_officer', tree.city]]);
    });

    it('mails the unit’s officer and head the list, and each unregistered person with an account, once', async () => {
      const db = t.ctx.db;
      await newUser(db, { roles: [['unit_officer', tree.schoolB]], email: 'canbo.b@example.test' });
      await newUser(db, { roles: [['unit_head', tree.schoolB], ['unit_officer', tree.schoolB]], email: 'hieutruong.b@example.test' });
      // Not recipients: a staff member of the school, an officer of another school, one without e-mail.
      await newUser(db, { roles: [['staff_member', tree.schoolB]], email: 'nhanvien.b@example.test' });
      await newUser(db, { roles: [['unit_officer', tree.schoolA]], email: 'canbo.a@example.test' });
      const noMail = await newUser(db, { roles: [['unit_officer', tree.schoolB]] });
      await db.updateTable('users').set({ email: null }).where('id', '=', noMail.id).execute();
      // b1 has an account (and must be mailed), b2 has none; a registered teacher with an account is not mailed.
      const b1User = await newUser(db, { email: 'binh@example.test' });
      await db.updateTable('users').set({ person_id: tree.people.b1.id }).where('id', '=', b1User.id).execute();
      const registered = await newPerson(db, tree.schoolB, { fullName: 'Đã Đăng Ký' });
      const registeredUser = await newUser(db, { email: 'dadangky@example.test' });
      await db.updateTable('users').set({ person_id: registered.id }).where('id', '=', registeredUser.id).execute();
      await newRegistration(db, { plan: tree.cityPlan, person: registered, unit: tree.schoolB });

      t.mails.length = 0;
      const res = await cityOfficer.post('/api/registrations/reminders', { movementId: tree.movement.id, year: YEAR, unitIds: [tree.schoolB.id] });
      expect(res.statusCode, res.body).toBe(202);
      await drain();
      expect(t.mails.map((m) => m.to).sort()).toEqual(['binh@example.test', 'canbo.b@example.test', 'hieutruong.b@example.test']);
      const toOfficer = t.mails.find((m) => m.to === 'canbo.b@example.test')!;
      expect(toOfficer.subject).toBe('Nhắc đăng ký thi đua năm 2025: Trường THCS Bạch Đằng');
      expect(toOfficer.text).toContain('còn 2 cán bộ chưa đăng ký thi đua');
      expect(toOfficer.text).toContain('1. Đặng Thị Cúc');
      expect(toOfficer.text).toContain('2. Hồ Văn Bình');
      expect(toOfficer.text).not.toContain('Đã Đăng Ký');
      expect(toOfficer.text).toContain('Đơn vị Trường THCS Bạch Đằng chưa đăng ký danh hiệu thi đua tập thể');
      expect(toOfficer.text).toContain('https://thidua.example.gov.vn/dang-ky-thi-dua');
      const toPerson = t.mails.find((m) => m.to === 'binh@example.test')!;
      expect(toPerson.text).toContain('Kính gửi Hồ Văn Bình');
      expect(toPerson.text).toContain('https://thidua.example.gov.vn/dang-ky-thi-dua');
      const stored = await db.selectFrom('registration_reminders').selectAll().where('unit_id', '=', tree.schoolB.id).execute();
      expect(stored).toMatchObject([{ unregistered_count: 2, mail_count: 3, failure: null }]);
      expect(stored[0]!.sent_at).not.toBeNull();

      const board: RegistrationBoard = (await cityOfficer.get(`/api/registrations/board?movementId=${tree.movement.id}&year=${YEAR}&unitId=${tree.city.id}`)).json();
      expect(board.rows.find((r) => r.unitId === tree.schoolB.id)!.lastRemindedAt).toBe(new Date(stored[0]!.created_at).toISOString());
      expect(board.rows.find((r) => r.unitId === tree.schoolA.id)!.lastRemindedAt).toBeNull();
    });

    it('refuses a second reminder within the hour with 409, mailing no one', async () => {
      t.mails.length = 0;
      const audits = await auditCount(t.ctx.db);
      const res = await cityOfficer.post('/api/registrations/reminders', { movementId: tree.movement.id, year: YEAR, unitIds: [tree.schoolA.id, tree.schoolB.id] });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'REMINDER_TOO_SOON', details: { units: [{ unitId: tree.schoolB.id, unitName: 'Trường THCS Bạch Đằng' }] } });
      expect(res.json().error.message).toContain('một giờ');
      await drain();
      expect(t.mails).toEqual([]);
      expect(await auditCount(t.ctx.db)).toBe(audits);
      expect(await t.ctx.db.selectFrom('registration_reminders').select('id').where('unit_id', '=', tree.schoolA.id).execute()).toEqual([]);
      // An hour later it may go again.
      t.clock.set(new Date(t.ctx.now().getTime() + 61 * 60_000));
      expect((await cityOfficer.post('/api/registrations/reminders', { movementId: tree.movement.id, year: YEAR, unitIds: [tree.schoolB.id] })).statusCode).toBe(202);
      await drain();
      expect(t.mails.length).toBe(3);
    });

    it('mails a reminder once even when its job runs twice', async () => {
      const { sendReminderJob } = await import('./registrations.service.js');
      const res = await cityOfficer.post('/api/registrations/reminders', { movementId: tree.movement.id, year: YEAR, unitIds: [tree.ward.id] });
      await drain();
      t.mails.length = 0;
      await sendReminderJob(t.ctx, { reminderIds: res.json().reminders.map((r: { id: number }) => r.id) }, { info: () => undefined, error: () => undefined });
      expect(t.mails).toEqual([]);
    });
  });

  describe('authorisation', () => {
    let shared: { city: TestUnit; movement: TestMovement; plan: TestPlan };

    beforeAll(async () => {
      const province = await newUnit(t.ctx.db, { parent: national, kind: 'province' });
      const city = await newUnit(t.ctx.db, { parent: province, kind: 'district' });
      const movement = await newMovement(t.ctx.db, city);
      shared = { city, movement, plan: await newPublishedPlan(t.ctx.db, city, { movement, year: YEAR }) };
    });

    /** A fresh school under the city, reached by the city's plan. */
    const school = () => newUnit(t.ctx.db, { parent: shared.city, kind: 'school' });
    const state = (unit: TestUnit) => async () => ({
      registrations: await registrationsOf(unit)(),
      reminders: await t.ctx.db.selectFrom('registration_reminders').selectAll().where('unit_id', '=', unit.id).execute(),
    });

    const routes: MatrixRoute[] = [
      {
        name: 'POST /registrations (a person of the unit)',
        ok: 201,
        async arrange() {
          const unit = await school();
          const person = await newPerson(t.ctx.db, unit);
          return {
            unit,
            snapshot: state(unit),
            send: (c) => c.post('/api/registrations', { movementId: shared.movement.id, year: YEAR, personId: person.id, titleCode: LDTT }),
          };
        },
      },
      {
        name: 'POST /registrations (the unit as a collective)',
        ok: 201,
        async arrange() {
          const unit = await school();
          return {
            unit,
            snapshot: state(unit),
            send: (c) => c.post('/api/registrations', { movementId: shared.movement.id, year: YEAR, subject: 'collective', unitId: unit.id, titleCode: 'tap_the_lao_dong_tien_tien' }),
          };
        },
      },
      {
        name: 'POST /registrations/bulk',
        ok: 200,
        async arrange() {
          const unit = await school();
          const person = await newPerson(t.ctx.db, unit);
          return {
            unit,
            snapshot: state(unit),
            send: (c) => c.post('/api/registrations/bulk', { movementId: shared.movement.id, year: YEAR, unitId: unit.id, personIds: [person.id], titleCode: LDTT }),
          };
        },
      },
      {
        name: 'PATCH /registrations/:id',
        ok: 200,
        async arrange() {
          const unit = await school();
          const reg = await newRegistration(t.ctx.db, { plan: shared.plan, person: await newPerson(t.ctx.db, unit), unit });
          return { unit, snapshot: state(unit), send: (c) => c.patch(`/api/registrations/${reg.id}`, { titleCode: 'chien_si_thi_dua_co_so' }) };
        },
      },
      {
        name: 'POST /registrations/:id/withdraw',
        ok: 200,
        async arrange() {
          const unit = await school();
          const reg = await newRegistration(t.ctx.db, { plan: shared.plan, person: await newPerson(t.ctx.db, unit), unit });
          return { unit, snapshot: state(unit), send: (c) => c.post(`/api/registrations/${reg.id}/withdraw`) };
        },
      },
      {
        name: 'POST /registrations/reminders',
        ok: 202,
        async arrange() {
          const unit = await school();
          await newPerson(t.ctx.db, unit);
          return { unit, snapshot: state(unit), send: (c) => c.post('/api/registrations/reminders', { movementId: shared.movement.id, year: YEAR, unitIds: [unit.id] }) };
        },
      },
    ];

    const callers: MatrixCaller[] = [
      { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) },
      { name: 'viewer at the same unit', expect: () => 403, client: (u) => clientWith(t, [['viewer', u]]) },
      { name: 'staff_member at the same unit', expect: () => 403, client: (u) => clientWith(t, [['staff_member', u]]) },
      { name: 'council_member at the same unit', expect: () => 403, client: (u) => clientWith(t, [['council_member', u]]) },
      { name: 'standing_officer of another subtree', expect: () => 404, client: async () => outsider },
      { name: 'unit_officer of the unit', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_officer', u]]) },
      { name: 'unit_head of the unit', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_head', u]]) },
      { name: 'standing_officer above', expect: (ok) => ok, client: async () => clientWith(t, [['standing_officer', shared.city]]) },
      { name: 'system_admin', expect: (ok) => ok, client: async () => admin },
    ];

    authorisationMatrix(() => t, routes, callers);

    it('lets the person themself edit and withdraw their own registration, with no role at all', async () => {
      const unit = await school();
      const me = await personClient(unit);
      const reg = await newRegistration(t.ctx.db, { plan: shared.plan, person: me.person, unit });
      expect((await me.c.patch(`/api/registrations/${reg.id}`, { commitments: 'Cam kết của tôi' })).statusCode).toBe(200);
      expect((await me.c.post(`/api/registrations/${reg.id}/withdraw`)).statusCode).toBe(200);
      expect((await registrationRow(reg.id))!.status).toBe('withdrawn');
      // Yet they may not register the unit, nor remind it.
      const collective = await me.c.post('/api/registrations', { movementId: shared.movement.id, year: YEAR, subject: 'collective', unitId: unit.id, titleCode: 'tap_the_lao_dong_tien_tien' });
      expect(collective.statusCode).toBe(404);
      expect((await me.c.post('/api/registrations/reminders', { movementId: shared.movement.id, year: YEAR, unitIds: [unit.id] })).statusCode).toBe(404);
    });

    it('answers 400 with a readable message on bad input, saving nothing', async () => {
      const unit = await school();
      const officer = await clientWith(t, [['unit_officer', unit]]);
      const before = await state(unit)();
      for (const body of [
        { movementId: shared.movement.id, year: YEAR, titleCode: 'khong_co' },
        { movementId: shared.movement.id, year: YEAR, subject: 'collective', titleCode: 'tap_the_lao_dong_tien_tien' },
        { movementId: shared.movement.id, year: 'năm nay', titleCode: LDTT },
      ]) {
        const res = await officer.post('/api/registrations', body);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        expect(res.json().error.fields[0].message).toMatch(/\S+: /);
      }
      expect((await officer.post('/api/registrations/bulk', { movementId: shared.movement.id, year: YEAR, unitId: unit.id, personIds: [], titleCode: LDTT })).statusCode).toBe(400);
      expect(await state(unit)()).toEqual(before);
    });
  });
});
