import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type Arranged, type MatrixCaller } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { docxText } from '../documents/docx.testing.js';

// A person's record of achievements (hồ sơ thành tích), entered by the unit's officer, and the
// eligibility of an award judged on it through the API. The clock is the tests' (15/06/2026):
// Nghị định 152/2025 is in force, and the base salary is still 2,340,000 đ.

describe('record of achievements and eligibility', () => {
  let t: TestApp;
  let province: TestUnit;
  let school: TestUnit;
  let officer: Client;

  beforeAll(async () => {
    t = await testApp();
    province = await newUnit(t.ctx.db, { kind: 'province' });
    school = await newUnit(t.ctx.db, { parent: province, kind: 'school' });
    officer = await clientWith(t, [['unit_officer', school]]);
  });

  /** A teacher of the school, with an account of their own. */
  async function teacher() {
    const person = await newPerson(t.ctx.db, school, { fullName: 'Nguyễn Thị Hoa' });
    const user = await newUser(t.ctx.db, { roles: [['staff_member', school]] });
    await t.ctx.db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
    const self = new Client(t.app);
    await self.signIn(user.username);
    return { id: person.id, self };
  }

  it('is entered year by year, and a Bằng khen of the Prime Minister is judged on it with each fact and article', async () => {
    const { id, self } = await teacher();
    for (const [year, rating] of [
      [2019, 'hoan_thanh_xuat_sac'],
      [2020, 'hoan_thanh_tot'],
      [2021, 'hoan_thanh_xuat_sac'],
      [2022, 'hoan_thanh_tot'],
      [2023, 'hoan_thanh_xuat_sac'],
      [2024, 'hoan_thanh_tot'],
      [2025, 'hoan_thanh_xuat_sac'],
    ] as const) {
      expect((await officer.put(`/api/people/${id}/record/ratings/${year}`, { rating })).statusCode).toBe(200);
    }
    const bk = await officer.post(`/api/people/${id}/record/awards`, { year: 2019, awardCode: 'bang_khen_tinh', decisionNumber: '1234/QĐ-UBND', decidedOn: '2020-01-20' });
    expect(bk.statusCode).toBe(201);
    for (const year of [2021, 2023]) await officer.post(`/api/people/${id}/record/awards`, { year, awardCode: 'chien_si_thi_dua_co_so' });
    await officer.post(`/api/people/${id}/record/initiatives`, { year: 2023, title: 'Số hóa hồ sơ học sinh', level: 'co_so', decisionNumber: '45/QĐ-THCS' });

    const notYet = (await officer.get(`/api/people/${id}/eligibility?award=bang_khen_thu_tuong&year=2025`)).json();
    expect(notYet.eligible).toBe(false);
    expect(notYet.conditions[0].fact).toBe('Bằng khen cấp bộ, ban, ngành, tỉnh năm 2019; hoàn thành tốt nhiệm vụ 2020–2025 (6 năm liên tục); Chiến sĩ thi đua cơ sở: 2021, 2023');

    const third = await officer.post(`/api/people/${id}/record/awards`, { year: 2025, awardCode: 'chien_si_thi_dua_co_so', decisionNumber: '88/QĐ-THCS' });
    const record = third.json();
    expect(record).toMatchObject({ personName: 'Nguyễn Thị Hoa', allowed: ['write'] });
    expect(record.years.map((y: { year: number }) => y.year)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019]);
    expect(record.years[2]).toMatchObject({ year: 2023, rating: 'hoan_thanh_xuat_sac', granted: [{ awardCode: 'chien_si_thi_dua_co_so', kind: 'cong_trang' }], initiatives: [{ title: 'Số hóa hồ sơ học sinh', level: 'co_so' }] });

    const res = await officer.get(`/api/people/${id}/eligibility?award=bang_khen_thu_tuong&year=2025`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      eligible: true,
      conditions: [{ met: true, citation: 'Luật Thi đua, khen thưởng 2022, Điều 73 khoản 1 điểm b', sure: 'ok' }, { met: true }, { met: true }],
      rule: { citation: 'Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP', effectiveFrom: '2025-07-01' },
      bonus: { coefficient: 3.5, baseSalary: 2_340_000, amount: 8_190_000, decidedOn: '2026-06-15' },
    });

    // The teacher reads her own record and its answers, and writes nothing in it.
    expect((await self.get(`/api/people/${id}/record`)).json()).toMatchObject({ allowed: [] });
    expect((await self.get(`/api/people/${id}/eligibility?award=bang_khen_thu_tuong&year=2025`)).json().eligible).toBe(true);
    const own = await self.post(`/api/people/${id}/record/awards`, { year: 2024, awardCode: 'chien_si_thi_dua_co_so' });
    expect(own.statusCode).toBe(403);

    // The record prints as the achievement summary of her dossier; she prints it herself.
    const summary = await self.get(`/api/people/${id}/record/summary.docx?award=bang_khen_thu_tuong`);
    expect(summary.statusCode).toBe(200);
    expect(summary.headers['content-disposition']).toContain('filename="Bao-cao-thanh-tich-Nguyen-Thi-Hoa.docx"');
    const text = docxText(summary.rawPayload);
    expect(text).toContain('BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ');
    expect(text).toContain('Họ và tên: Nguyễn Thị Hoa');
    expect(text).toContain('Hoàn thành xuất sắc nhiệm vụ');
    expect(text).toContain('Số hóa hồ sơ học sinh');
    expect(text).toContain('Quyết định số 1234/QĐ-UBND ngày 20/01/2020');
    expect(text).toContain('NGƯỜI BÁO CÁO THÀNH TÍCH');
    expect((await self.get(`/api/people/${id}/record/summary.docx?award=bang_khen_huyen`)).statusCode).toBe(400);

    // Each entry is audited once, the rating with what it was before.
    const audited = await t.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'person').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(Array(7).fill('record.rating'));
    expect(audited[0]).toMatchObject({ before: { year: 2019, rating: null }, after: { year: 2019, rating: 'hoan_thanh_xuat_sac' } });
  });

  it('counts the discipline recorded for the person: the years up to it no longer count', async () => {
    const { id } = await teacher();
    for (const year of [2023, 2024, 2025]) {
      await officer.put(`/api/people/${id}/record/ratings/${year}`, { rating: 'hoan_thanh_xuat_sac' });
      await officer.post(`/api/people/${id}/record/awards`, { year, awardCode: 'chien_si_thi_dua_co_so' });
    }
    await officer.post(`/api/people/${id}/record/initiatives`, { year: 2024, title: 'Phần mềm xếp thời khóa biểu', level: 'tinh' });
    expect((await officer.get(`/api/people/${id}/eligibility?award=chien_si_thi_dua_tinh&year=2025`)).json().eligible).toBe(true);

    await t.ctx.db.insertInto('disciplines').values({ person_id: id, unit_id: school.id, form: 'reprimand', decided_on: '2024-03-05', reason: 'Vi phạm' }).execute();
    const r = (await officer.get(`/api/people/${id}/eligibility?award=chien_si_thi_dua_tinh&year=2025`)).json();
    expect(r.eligible).toBe(false);
    expect(r.conditions[0].fact).toBe('Chưa đạt Chiến sĩ thi đua cơ sở năm 2023, 2024 (tính từ sau kỷ luật năm 2024)');
    expect((await officer.get(`/api/people/${id}/record`)).json().years[1]).toMatchObject({ year: 2024, discipline: { form: 'reprimand', decidedOn: '2024-03-05' } });
  });

  it('flags the later awards that relied on a revoked one, with what they now miss', async () => {
    const { id } = await teacher();
    for (const year of [2023, 2024, 2025]) {
      await officer.put(`/api/people/${id}/record/ratings/${year}`, { rating: 'hoan_thanh_xuat_sac' });
      await officer.post(`/api/people/${id}/record/awards`, { year, awardCode: 'chien_si_thi_dua_co_so' });
    }
    await officer.post(`/api/people/${id}/record/initiatives`, { year: 2024, title: 'Phần mềm xếp thời khóa biểu', level: 'tinh' });
    await officer.post(`/api/people/${id}/record/awards`, { year: 2025, awardCode: 'chien_si_thi_dua_tinh', decisionNumber: '310/QĐ-UBND', decidedOn: '2026-02-10' });
    await officer.post(`/api/people/${id}/record/awards`, { year: 2025, awardCode: 'lao_dong_tien_tien' });

    const before = (await officer.get(`/api/people/${id}/record`)).json();
    const cstd2024 = before.years.find((y: { year: number }) => y.year === 2024).granted[0];
    const revoked = await officer.post(`/api/record/awards/${cstd2024.id}/revoke`, { reason: 'Quyết định bị hủy do hồ sơ không trung thực' });
    expect(revoked.statusCode).toBe(200);
    const y2025 = revoked.json().years.find((y: { year: number }) => y.year === 2025);
    const byCode = (code: string) => y2025.granted.find((g: { awardCode: string }) => g.awardCode === code);
    expect(byCode('chien_si_thi_dua_tinh').reviewNote).toBe(
      'Cần xem xét lại: Chiến sĩ thi đua cơ sở năm 2024 đã bị hủy (Quyết định bị hủy do hồ sơ không trung thực); Chưa đạt Chiến sĩ thi đua cơ sở năm 2024 (yêu cầu: 3 lần liên tục đạt Chiến sĩ thi đua cơ sở (đến năm 2025))',
    );
    // What did not rely on it stays as it was.
    expect(byCode('chien_si_thi_dua_co_so').reviewNote).toBeNull();
    expect(byCode('lao_dong_tien_tien').reviewNote).toBeNull();
    const audit = await t.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'record.award_revoke').where('entity_id', '=', String(cstd2024.id)).executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ reason: 'Quyết định bị hủy do hồ sơ không trung thực', flagged: [byCode('chien_si_thi_dua_tinh').id] });
  });

  it('refuses bad entries with a clear 4xx and changes nothing', async () => {
    const { id } = await teacher();
    await officer.post(`/api/people/${id}/record/awards`, { year: 2025, awardCode: 'lao_dong_tien_tien' });
    const count = async () => (await t.ctx.db.selectFrom('granted_awards').select((eb) => eb.fn.countAll<string>().as('n')).where('person_id', '=', id).executeTakeFirstOrThrow()).n;
    const before = await count();

    const twice = await officer.post(`/api/people/${id}/record/awards`, { year: 2025, awardCode: 'lao_dong_tien_tien' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'RECORD_DUPLICATE', message: 'Hồ sơ đã có danh hiệu, hình thức khen thưởng này trong năm đó' });

    const future = await officer.post(`/api/people/${id}/record/awards`, { year: 2027, awardCode: 'giay_khen' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([{ path: 'year', message: 'Năm: không được sau năm 2026', messageEn: 'Year: cannot be after 2026' }]);

    const collective = await officer.post(`/api/people/${id}/record/awards`, { year: 2025, awardCode: 'tap_the_lao_dong_tien_tien' });
    expect(collective.statusCode).toBe(422);
    expect(collective.json().error.code).toBe('AWARD_NOT_FOR_SUBJECT');

    const unknown = await officer.post(`/api/people/${id}/record/awards`, { year: 2025, awardCode: 'bang_khen_huyen' });
    expect(unknown.statusCode).toBe(400);
    expect(await count()).toBe(before);

    const badRating = await officer.put(`/api/people/${id}/record/ratings/2025`, { rating: 'tot' });
    expect(badRating.statusCode).toBe(400);
    // A year's rating is corrected in place, and cleared with null.
    await officer.put(`/api/people/${id}/record/ratings/2025`, { rating: 'hoan_thanh' });
    const corrected = (await officer.put(`/api/people/${id}/record/ratings/2025`, { rating: 'hoan_thanh_tot' })).json();
    expect(corrected.years[0]).toMatchObject({ year: 2025, rating: 'hoan_thanh_tot' });
    expect(await t.ctx.db.selectFrom('yearly_ratings').select('rating').where('person_id', '=', id).execute()).toEqual([{ rating: 'hoan_thanh_tot' }]);
    expect((await officer.put(`/api/people/${id}/record/ratings/2025`, { rating: null })).json().years[0].rating).toBeNull();

    const old = await officer.get(`/api/people/${id}/eligibility?award=lao_dong_tien_tien&year=2023&proposedOn=2023-12-01`);
    expect(old.statusCode).toBe(422);
    expect(old.json().error).toMatchObject({ code: 'AWARD_NO_RULE', details: { reason: 'Chưa có quy định về Lao động tiên tiến (cá nhân) có hiệu lực ngày 01/12/2023' } });

    const [entry] = (await officer.get(`/api/people/${id}/record`)).json().years[0].granted;
    expect((await officer.post(`/api/record/awards/${entry.id}/revoke`, { reason: '' })).statusCode).toBe(400);
    const revoked = await officer.post(`/api/record/awards/${entry.id}/revoke`, { reason: 'Nhập nhầm năm' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().years).toEqual([]);
    const again = await officer.post(`/api/record/awards/${entry.id}/revoke`, { reason: 'Nhập nhầm năm' });
    expect(again.json().error.code).toBe('RECORD_REVOKED');
    // Revoked, the same title may be entered again, rightly this time.
    expect((await officer.post(`/api/people/${id}/record/awards`, { year: 2024, awardCode: 'lao_dong_tien_tien' })).statusCode).toBe(201);
  });

  describe('authorisation', () => {
    /** A person of a fresh school (with an entry of the record when `seed` says so), and what each route could change. */
    async function arrange(send: (c: Client, personId: number, seededId: number) => ReturnType<Client['get']>, seed?: 'granted' | 'initiative'): Promise<Arranged> {
      const { db } = t.ctx;
      const unit = await newUnit(db, { parent: province, kind: 'school' });
      const person = await newPerson(db, unit);
      let seededId = 0;
      if (seed === 'granted') {
        seededId = (await db.insertInto('granted_awards').values({ subject: 'individual', person_id: person.id, unit_id: unit.id, year: 2024, award_code: 'giay_khen' }).returning('id').executeTakeFirstOrThrow()).id;
      } else if (seed === 'initiative') {
        seededId = (await db.insertInto('initiatives').values({ person_id: person.id, unit_id: unit.id, year: 2024, title: 'Sáng kiến', level: 'co_so' }).returning('id').executeTakeFirstOrThrow()).id;
      }
      const snapshot = async () => ({
        ratings: await db.selectFrom('yearly_ratings').selectAll().where('person_id', '=', person.id).execute(),
        granted: await db.selectFrom('granted_awards').selectAll().where('person_id', '=', person.id).execute(),
        initiatives: await db.selectFrom('initiatives').selectAll().where('person_id', '=', person.id).execute(),
      });
      return { unit, snapshot, send: (c) => send(c, person.id, seededId) };
    }

    const callers: MatrixCaller[] = [
      { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) },
      { name: 'a staff member of the unit', expect: () => 404, client: (u) => clientWith(t, [['staff_member', u]]) },
      { name: 'the unit’s emulation officer', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_officer', u]]) },
      { name: 'the unit’s head', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_head', u]]) },
      { name: 'a council member of the unit (reads, does not write)', expect: () => 403, client: (u) => clientWith(t, [['council_member', u]]) },
      { name: 'the head of another school', expect: () => 404, client: async () => clientWith(t, [['unit_head', await newUnit(t.ctx.db, { parent: province, kind: 'school' })]]) },
      { name: 'a standing officer of the province', expect: (ok) => ok, client: () => clientWith(t, [['standing_officer', province]]) },
      { name: 'a system administrator', expect: (ok) => ok, client: () => adminAt(t, province) },
    ];

    authorisationMatrix(
      () => t,
      [
        { name: 'PUT /api/people/:id/record/ratings/:year', ok: 200, arrange: () => arrange((c, id) => c.put(`/api/people/${id}/record/ratings/2025`, { rating: 'hoan_thanh_tot' })) },
        { name: 'POST /api/people/:id/record/awards', ok: 201, arrange: () => arrange((c, id) => c.post(`/api/people/${id}/record/awards`, { year: 2025, awardCode: 'giay_khen' })) },
        { name: 'POST /api/record/awards/:id/revoke', ok: 200, arrange: () => arrange((c, _id, g) => c.post(`/api/record/awards/${g}/revoke`, { reason: 'Nhập nhầm' }), 'granted') },
        { name: 'POST /api/people/:id/record/initiatives', ok: 201, arrange: () => arrange((c, id) => c.post(`/api/people/${id}/record/initiatives`, { year: 2025, title: 'Sáng kiến mới', level: 'co_so' })) },
        { name: 'POST /api/record/initiatives/:id/revoke', ok: 200, arrange: () => arrange((c, _id, i) => c.post(`/api/record/initiatives/${i}/revoke`, { reason: 'Nhập nhầm' }), 'initiative') },
      ],
      callers,
    );
  });
});
