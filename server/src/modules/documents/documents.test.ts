import type { Role } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newMovement, newPublishedPlan, newRegistration, type TestPlan } from '../../../test/registration-factories.js';
import { docxParagraphs, docxTableRows, docxText } from './docx.testing.js';

// The registration form and the self-assessment sheet, read back from the .docx the routes send.

describe('documents', () => {
  let t: TestApp;
  let national: TestUnit;
  let province: TestUnit;
  let ward: TestUnit;
  let school: TestUnit;
  let elsewhere: TestUnit;
  let plan: TestPlan;
  let teacher: { id: number; full_name: string };
  let teacherClient: Client;

  /** A client signed in as the account of `person`, holding `roles`. */
  async function personClient(person: { id: number }, roles: [Role, TestUnit][] = []) {
    const user = await newUser(t.ctx.db, { roles });
    await t.ctx.db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
    const c = new Client(t.app);
    await c.signIn(user.username);
    return c;
  }

  const docx = (res: { rawPayload: Buffer }) => res.rawPayload;

  beforeAll(async () => {
    t = await testApp();
    const db = t.ctx.db;
    national = await newUnit(db, { kind: 'national', name: 'Trung ương' });
    province = await newUnit(db, { parent: national, kind: 'province', name: 'Tỉnh Khánh Hòa' });
    ward = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    school = await newUnit(db, { parent: ward, kind: 'school', name: 'Trường THCS Thái Nguyên' });
    elsewhere = await newUnit(db, { parent: national, kind: 'province', name: 'Tỉnh Phú Yên' });
    const movement = await newMovement(db, province, { name: 'CBCCVC thi đua thực hiện văn hóa công sở', startYear: 2019, endYear: 2025 });
    plan = await newPublishedPlan(db, province, { movement, year: 2025, title: 'Kế hoạch thực hiện phong trào thi đua văn hóa công sở' });
    await db.updateTable('plans').set({ number: '6344', code: 'KH-UBND', issue_date: '2019-08-08' }).where('id', '=', plan.id).execute();
    teacher = await newPerson(db, school, { fullName: 'Nguyễn Văn Đức' });
    await db.updateTable('people').set({ position: 'Giáo viên' }).where('id', '=', teacher.id).execute();
    teacherClient = await personClient(teacher);
  });

  describe('GET /api/registrations/:id/document.docx (bản đăng ký thi đua)', () => {
    let individual: number;
    let collective: number;

    beforeAll(async () => {
      const db = t.ctx.db;
      individual = (await newRegistration(db, { plan, unit: school, person: teacher, commitments: 'Chấp hành giờ giấc làm việc\n- Trồng hoa, dọn vệ sinh hàng tuần' })).id;
      collective = (await newRegistration(db, { plan, unit: school, titleCode: 'tap_the_lao_dong_xuat_sac' })).id;
      await db.updateTable('registrations').set({ registered_at: new Date('2025-02-03T03:00:00Z') }).where('id', 'in', [individual, collective]).execute();
    });

    it('prints the person’s form with the header, the plan, the title aimed for, the commitments and both signatures', async () => {
      const res = await teacherClient.get(`/api/registrations/${individual}/document.docx`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      // Named as an official would type it: plain ASCII words joined by hyphens.
      expect(res.headers['content-disposition']).toBe(`attachment; filename="Dang-ky-thi-dua-nam-2025-Nguyen-Van-Duc.docx"; filename*=UTF-8''Dang-ky-thi-dua-nam-2025-Nguyen-Van-Duc.docx`);
      const bytes = docx(res);
      const rows = docxTableRows(bytes);
      // The ward's committee over the school, as the tree suggests while the school has set nothing.
      expect(rows[0]).toEqual(['UBND PHƯỜNG NHA TRANG\nTRƯỜNG THCS THÁI NGUYÊN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc']);
      // A person's form carries no number; the place is the ward the school is in.
      expect(rows[1]).toEqual(['', 'Nha Trang, ngày 03 tháng 02 năm 2025']);
      const lines = docxParagraphs(bytes).map((p) => p.text);
      expect(lines).toEqual(
        expect.arrayContaining([
          'BẢN ĐĂNG KÝ THI ĐUA NĂM 2025',
          'Phong trào “CBCCVC thi đua thực hiện văn hóa công sở”',
          'Kính gửi: Hội đồng Thi đua - Khen thưởng Trường THCS Thái Nguyên',
          'Họ và tên: Nguyễn Văn Đức',
          'Chức vụ: Giáo viên',
          'Đơn vị công tác: Trường THCS Thái Nguyên',
          'Căn cứ Kế hoạch số 6344/KH-UBND ngày 08/08/2019 của Tỉnh Khánh Hòa thực hiện phong trào thi đua văn hóa công sở;',
          'Tôi đăng ký thi đua năm 2025 phấn đấu đạt danh hiệu: Lao động tiên tiến.',
          'Những nội dung cam kết:',
          '- Chấp hành giờ giấc làm việc',
          '- Trồng hoa, dọn vệ sinh hàng tuần',
        ]),
      );
      // The head confirms under their title; the person signs their own form.
      expect(rows.at(-1)).toEqual(['XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ\nHIỆU TRƯỞNG', 'NGƯỜI ĐĂNG KÝ\n(Ký, ghi rõ họ tên)\nNguyễn Văn Đức']);
    });

    it('prints a unit’s form as a paper it sends up: a number to fill, the council above, TM. and Nơi nhận', async () => {
      const officer = await clientWith(t, [['unit_officer', school]]);
      const res = await officer.get(`/api/registrations/${collective}/document.docx`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('filename="Dang-ky-thi-dua-nam-2025-Truong-THCS-Thai-Nguyen.docx"');
      const bytes = docx(res);
      const rows = docxTableRows(bytes);
      expect(rows[1]![0]).toBe('Số:       /ĐKTĐ-TTTN');
      const text = docxText(bytes);
      expect(text).toContain('Tên tập thể: Trường THCS Thái Nguyên');
      expect(text).toContain('Kính gửi: Hội đồng Thi đua - Khen thưởng Phường Nha Trang');
      expect(text).toContain('Trường THCS Thái Nguyên đăng ký thi đua năm 2025 phấn đấu đạt danh hiệu: Tập thể lao động xuất sắc.');
      // No commitments written yet: lines to fill by hand.
      expect(text).toContain(`- ${'.'.repeat(90)}`);
      expect(rows.at(-1)).toEqual([
        'Nơi nhận:\n- Hội đồng Thi đua - Khen thưởng Phường Nha Trang;\n- Lưu: VT.',
        'HIỆU TRƯỞNG',
      ]);
    });

    it.each<{ name: string; role: Role | null; at: 'school' | 'province' | 'elsewhere'; status: number }>([
      { name: 'a viewer of the province', role: 'viewer', at: 'province', status: 200 },
      { name: 'the standing officer of another province', role: 'standing_officer', at: 'elsewhere', status: 404 },
      { name: 'a colleague without a role', role: null, at: 'school', status: 404 },
    ])('$name → $status', async ({ role, at, status }) => {
      const unit = { school, province, elsewhere }[at];
      const c = role ? await clientWith(t, [[role, unit]]) : await personClient(await newPerson(t.ctx.db, unit));
      const res = await c.get(`/api/registrations/${individual}/document.docx`);
      expect(res.statusCode).toBe(status);
      if (status === 404) expect(res.json().error.code).toBe('NOT_FOUND');
    });

    it('answers 401 without a session and 404 for an unknown registration', async () => {
      const anonymous = await t.app.inject({ method: 'GET', url: `/api/registrations/${individual}/document.docx` });
      expect(anonymous.statusCode).toBe(401);
      expect((await teacherClient.get('/api/registrations/987654/document.docx')).statusCode).toBe(404);
      expect((await teacherClient.get('/api/registrations/abc/document.docx')).statusCode).toBe(400);
    });
  });

  describe('GET /api/assessments/:id/sheet.docx (phiếu tự đánh giá)', () => {
    let sheetPlan: TestPlan;
    let criteria: Record<string, number>;
    let colleague: { id: number; full_name: string };

    /** An assessment of `personId` at `stage` with totals, and the scores of each criterion code. */
    async function assessment(
      personId: number | null,
      stage: string,
      a: { self: number | null; review: number | null; council: number | null; classification?: string; cappedBy?: string; capReason?: string },
      scores: Record<string, readonly [number | boolean | null, number | boolean | null, number | boolean | null]>,
    ): Promise<number> {
      const db = t.ctx.db;
      const row = await db
        .insertInto('assessments')
        .values({
          plan_id: sheetPlan.id,
          movement_id: sheetPlan.movementId,
          year: 2025,
          subject: personId ? 'individual' : 'collective',
          unit_id: school.id,
          person_id: personId,
          stage,
          self_total: a.self,
          review_total: a.review,
          council_total: a.council,
          classification: a.classification ?? null,
          capped_by: a.cappedBy ?? null,
          cap_reason: a.capReason ?? null,
          submitted_at: new Date('2025-11-20T02:00:00Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [code, [self, review, council]] of Object.entries(scores)) {
        const v = (x: number | boolean | null) => ({ points: typeof x === 'number' ? x : null, met: typeof x === 'boolean' ? x : null });
        await db
          .insertInto('assessment_scores')
          .values({
            assessment_id: row.id,
            plan_id: sheetPlan.id,
            criterion_id: criteria[code]!,
            self_points: v(self).points,
            self_met: v(self).met,
            review_points: v(review).points,
            review_met: v(review).met,
            council_points: v(council).points,
            council_met: v(council).met,
          })
          .execute();
      }
      return row.id;
    }

    const scores = {
      '1.1': [10, 8, 9],
      '1.2': [18, 17, 17],
      '2': [45, 40, 41],
      '3': [15, 15, 15],
      '4': [true, true, true],
    } as const;

    beforeAll(async () => {
      const db = t.ctx.db;
      // Group 1 (30 points: 1.1 and 1.2), a veto criterion, a plain one, a met / not met one, and a dropped one.
      sheetPlan = await newPublishedPlan(db, school, {
        movement: await newMovement(db, school, { name: 'Thi đua dạy tốt, học tốt' }),
        year: 2025,
        title: 'Kế hoạch thi đua năm học',
        criteria: {
          individual: [
            { code: '1', text: 'Phẩm chất chính trị, đạo đức', maxPoints: 30 },
            { code: '2', text: 'Kết quả thực hiện nhiệm vụ', maxPoints: 50, isVeto: true },
            { code: '3', text: 'Văn hóa công sở', maxPoints: 20 },
            { code: '4', text: 'Không vi phạm pháp luật', maxPoints: null },
            { code: '5', text: 'Tiêu chí đã bỏ', maxPoints: 10 },
          ],
        },
      });
      criteria = Object.fromEntries(sheetPlan.individual.map((c) => [c.code, c.id]));
      await db.updateTable('plan_criteria').set({ dropped_reason: 'Không phù hợp với trường' }).where('id', '=', criteria['5']!).execute();
      for (const [i, [code, text, max]] of ([['1.1', 'Chấp hành chủ trương', 10], ['1.2', 'Đạo đức, lối sống', 20]] as const).entries()) {
        const row = await db
          .insertInto('plan_criteria')
          .values({ plan_id: sheetPlan.id, parent_id: criteria['1']!, subject: 'individual', code, text, max_points: max, position: 10 + i, origin_criterion_id: null, dropped_reason: null, source_line: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        criteria[code] = row.id;
      }
      colleague = await newPerson(db, school, { fullName: 'Trần Thị Ánh' });
    });

    it('prints the criteria with every stage’s points, the totals, the classification and both signatures', async () => {
      const id = await assessment(teacher.id, 'final', { self: 88, review: 80, council: 82, classification: 'good' }, scores);
      const res = await teacherClient.get(`/api/assessments/${id}/sheet.docx`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('filename="Phieu-tu-danh-gia-nam-2025-Nguyen-Van-Duc.docx"');
      const bytes = docx(res);
      const rows = docxTableRows(bytes);
      expect(rows[1]).toEqual(['', 'Nha Trang, ngày 20 tháng 11 năm 2025']);
      const header = rows.findIndex((r) => r[0] === 'Mã');
      expect(rows.slice(header, header + 9)).toEqual([
        ['Mã', 'Nội dung tiêu chí', 'Điểm tối đa', 'Tự chấm', 'Thủ trưởng chấm', 'Hội đồng chấm'],
        ['1', 'Phẩm chất chính trị, đạo đức', '30', '28', '25', '26'],
        ['1.1', 'Chấp hành chủ trương', '10', '10', '8', '9'],
        ['1.2', 'Đạo đức, lối sống', '20', '18', '17', '17'],
        ['2', 'Kết quả thực hiện nhiệm vụ (tiêu chí điểm liệt)', '50', '45', '40', '41'],
        ['3', 'Văn hóa công sở', '20', '15', '15', '15'],
        ['4', 'Không vi phạm pháp luật', '', 'Đạt', 'Đạt', 'Đạt'],
        ['Tổng cộng', '100', '88', '80', '82'],
        ['Số tiêu chí đạt', '1', '1/1', '1/1', '1/1'],
      ]);
      expect(docxText(bytes)).not.toContain('Tiêu chí đã bỏ');
      const lines = docxParagraphs(bytes).map((p) => p.text);
      expect(lines).toEqual(
        expect.arrayContaining([
          'PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM THI ĐUA',
          'Năm 2025 - Phong trào “Thi đua dạy tốt, học tốt”',
          'Họ và tên: Nguyễn Văn Đức',
          'Trạng thái: Đã hoàn tất',
          'Điểm xét: 82',
          'Xếp loại: Tốt',
        ]),
      );
      expect(rows.at(-1)).toEqual(['XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ\nHIỆU TRƯỞNG', 'NGƯỜI TỰ ĐÁNH GIÁ\n(Ký, ghi rõ họ tên)\nNguyễn Văn Đức']);
    });

    it('shows the reason a classification was capped', async () => {
      const id = await assessment(
        colleague.id,
        'final',
        { self: 95, review: 94, council: 94, classification: 'fail', cappedBy: 'discipline', capReason: 'Bị kỷ luật khiển trách theo Quyết định số 12/QĐ-UBND ngày 10/03/2025' },
        scores,
      );
      const res = await (await clientWith(t, [['standing_officer', province]])).get(`/api/assessments/${id}/sheet.docx`);
      expect(res.statusCode).toBe(200);
      const text = docxText(docx(res));
      expect(text).toContain('Xếp loại: Không đạt');
      expect(text).toContain('Lý do hạ xếp loại: Bị kỷ luật khiển trách theo Quyết định số 12/QĐ-UBND ngày 10/03/2025');
    });

    it('prints the head’s column to the head scoring it, not yet to the person; no classification before final', async () => {
      const person = await newPerson(t.ctx.db, school, { fullName: 'Lê Văn Bình' });
      const id = await assessment(person.id, 'review', { self: 88, review: 79, council: null }, { '1.1': [10, 8, null], '1.2': [18, 17, null] });
      const tableOf = async (c: Client) => {
        const res = await c.get(`/api/assessments/${id}/sheet.docx`);
        expect(res.statusCode).toBe(200);
        const rows = docxTableRows(docx(res));
        return { rows, text: docxText(docx(res)) };
      };
      const own = await tableOf(await personClient(person));
      expect(own.rows).toContainEqual(['1.1', 'Chấp hành chủ trương', '10', '10', '', '']);
      expect(own.rows).toContainEqual(['Tổng cộng', '100', '88', '', '']);
      expect(own.text).toContain('Xếp loại: chưa xếp loại (đánh giá chưa hoàn tất)');
      expect(own.text).toContain('Trạng thái: Thủ trưởng chấm điểm');
      const head = await tableOf(await clientWith(t, [['unit_head', school]]));
      expect(head.rows).toContainEqual(['1.1', 'Chấp hành chủ trương', '10', '10', '8', '']);
      expect(head.rows).toContainEqual(['Tổng cộng', '100', '88', '79', '']);
      expect(head.text).toContain('Điểm xét: 79');
    });

    it('prints a collective’s sheet with the unit as the subject and its head’s signature block', async () => {
      await t.ctx.db
        .insertInto('plan_criteria')
        .values({ plan_id: sheetPlan.id, parent_id: null, subject: 'collective', code: 'A', text: 'Hoàn thành nhiệm vụ năm học', max_points: 100, position: 0, origin_criterion_id: null, dropped_reason: null, source_line: null })
        .execute();
      const id = await assessment(null, 'self', { self: null, review: null, council: null }, {});
      const res = await (await clientWith(t, [['unit_officer', school]])).get(`/api/assessments/${id}/sheet.docx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('filename="Phieu-tu-danh-gia-nam-2025-Truong-THCS-Thai-Nguyen.docx"');
      const bytes = docx(res);
      const rows = docxTableRows(bytes);
      expect(docxText(bytes)).toContain('PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM THI ĐUA CỦA TẬP THỂ');
      expect(docxText(bytes)).toContain('Tên tập thể: Trường THCS Thái Nguyên');
      expect(rows).toContainEqual(['A', 'Hoàn thành nhiệm vụ năm học', '100', '', '', '']);
      expect(rows.at(-1)).toEqual(['NGƯỜI LẬP PHIẾU\n(Ký, ghi rõ họ tên)', 'HIỆU TRƯỞNG']);
    });

    it('hides the sheet from those who may not view the assessment (404) and asks for a session (401)', async () => {
      const collective = await t.ctx.db.selectFrom('assessments').select('id').where('unit_id', '=', school.id).where('person_id', 'is', null).executeTakeFirstOrThrow();
      const personal = await t.ctx.db.selectFrom('assessments').select('id').where('person_id', '=', teacher.id).executeTakeFirstOrThrow();
      const colleagueClient = await personClient(colleague);
      expect((await colleagueClient.get(`/api/assessments/${personal.id}/sheet.docx`)).statusCode).toBe(404);
      expect((await colleagueClient.get(`/api/assessments/${collective.id}/sheet.docx`)).statusCode).toBe(404);
      const outsider = await clientWith(t, [['standing_officer', elsewhere]]);
      expect((await outsider.get(`/api/assessments/${personal.id}/sheet.docx`)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/assessments/${personal.id}/sheet.docx` })).statusCode).toBe(401);
      expect((await teacherClient.get('/api/assessments/987654/sheet.docx')).statusCode).toBe(404);
    });
  });
});
