import type { DashboardView, RankingView, Role } from '@thidua/contracts';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newMovement, newPublishedPlan, newRegistration, type TestPlan } from '../../../test/registration-factories.js';

// A province with two departments (one with an office below), a ward, a dissolved unit, a block of
// the departments and the ward, and assessments at every stage: the counts and ranks are exact.

describe('dashboard and rankings', () => {
  let t: TestApp;
  let province: TestUnit;
  let other: TestUnit;
  let noiVu: TestUnit;
  let office: TestUnit;
  let yTe: TestUnit;
  let ward: TestUnit;
  let plan: TestPlan;
  let blockId: number;
  let otherBlockId: number;
  let viewer: Client;
  const names: Record<string, number> = {};

  async function person(unit: TestUnit, fullName: string, active = true) {
    const p = await newPerson(t.ctx.db, unit, { fullName });
    if (!active) await t.ctx.db.updateTable('people').set({ is_active: false }).where('id', '=', p.id).execute();
    names[fullName] = p.id;
    return p;
  }

  async function assessment(unit: TestUnit, personId: number | null, a: { stage: string; self?: number; review?: number; council?: number; classification?: string; overscore?: boolean }) {
    await t.ctx.db
      .insertInto('assessments')
      .values({
        plan_id: plan.id,
        movement_id: plan.movementId,
        year: 2025,
        subject: personId ? 'individual' : 'collective',
        unit_id: unit.id,
        person_id: personId,
        stage: a.stage,
        self_total: a.self ?? null,
        review_total: a.review ?? null,
        council_total: a.council ?? null,
        classification: a.classification ?? null,
        overscore_flag: a.overscore ?? false,
        finalised_at: a.stage === 'final' ? new Date('2025-12-20T03:00:00Z') : null,
      })
      .execute();
  }

  async function block(organizer: TestUnit, name: string, members: TestUnit[]) {
    const b = await t.ctx.db.insertInto('blocks').values({ year: 2025, kind: 'khoi', name, organizer_unit_id: organizer.id }).returning('id').executeTakeFirstOrThrow();
    for (const m of members) await t.ctx.db.insertInto('block_members').values({ block_id: b.id, unit_id: m.id }).execute();
    return b.id;
  }

  beforeAll(async () => {
    t = await testApp();
    const db = t.ctx.db;
    const national = await newUnit(db, { kind: 'national', name: 'Trung ương' });
    province = await newUnit(db, { parent: national, kind: 'province', name: 'Tỉnh Khánh Hòa' });
    other = await newUnit(db, { parent: national, kind: 'province', name: 'Tỉnh Phú Yên' });
    noiVu = await newUnit(db, { parent: province, kind: 'department', name: 'Sở Nội vụ' });
    office = await newUnit(db, { parent: noiVu, kind: 'office', name: 'Phòng Công chức' });
    yTe = await newUnit(db, { parent: province, kind: 'department', name: 'Sở Y tế' });
    ward = await newUnit(db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    const dissolved = await newUnit(db, { parent: province, kind: 'agency', name: 'Ban đã giải thể' });
    await db.updateTable('units').set({ status: 'dissolved' }).where('id', '=', dissolved.id).execute();

    plan = await newPublishedPlan(db, province, { movement: await newMovement(db, province, { name: 'Văn hóa công sở', startYear: 2025 }), year: 2025 });
    const reg = (unit: TestUnit, p?: { id: number }, status: 'registered' | 'withdrawn' = 'registered') => newRegistration(db, { plan, unit, person: p, status });

    const an = await person(province, 'Lê Thị An');
    const binh = await person(noiVu, 'Nguyễn Văn Bình');
    const cuong = await person(noiVu, 'Trần Văn Cường');
    const dung = await person(office, 'Phạm Thị Dung');
    await person(office, 'Võ Văn Em');
    const giang = await person(yTe, 'Đỗ Thị Giang');
    const ha = await person(yTe, 'Hồ Văn Hà');
    await person(yTe, 'Mai Văn Khoa', false);
    await person(ward, 'Đinh Thị Lan');

    await reg(province, an);
    await reg(noiVu, binh);
    await reg(noiVu, cuong);
    await reg(office, dung);
    await reg(yTe, giang);
    await reg(yTe, ha, 'withdrawn');
    await reg(noiVu);
    await reg(yTe);

    await assessment(noiVu, binh.id, { stage: 'final', self: 95, review: 93, council: 92, classification: 'excellent' });
    await assessment(noiVu, cuong.id, { stage: 'final', self: 95, review: 80, council: 75, classification: 'good', overscore: true });
    await assessment(office, dung.id, { stage: 'council', self: 90, review: 85 });
    await assessment(yTe, giang.id, { stage: 'final', self: 92, review: 92, council: 92, classification: 'excellent' });
    await assessment(yTe, ha.id, { stage: 'self', self: 60 });
    await assessment(province, an.id, { stage: 'final', self: 80, review: 60, council: 40, classification: 'fail' });
    await assessment(noiVu, null, { stage: 'final', self: 90, review: 88, council: 88, classification: 'good' });
    await assessment(yTe, null, { stage: 'review', self: 95, review: 88 });
    await assessment(office, null, { stage: 'self', self: 70 });

    blockId = await block(province, 'Khối các sở, ngành và phường', [noiVu, yTe, ward]);
    // A member deeper than the sub-units: its figures are a part of its department's.
    await block(province, 'Cụm các phòng', [office]);
    otherBlockId = await block(other, 'Khối của tỉnh khác', [other]);
    viewer = await clientWith(t, [['viewer', province]]);
  });

  const dashboardUrl = (unit: TestUnit, extra = '') => `/api/dashboard?movementId=${plan.movementId}&year=2025&unitId=${unit.id}${extra}`;

  describe('GET /api/dashboard', () => {
    let view: DashboardView;
    beforeAll(async () => {
      const res = await viewer.get(dashboardUrl(province));
      expect(res.statusCode, res.body).toBe(200);
      view = res.json();
    });

    it('counts registration, progress, classification and overscores over the whole subtree', () => {
      expect(view).toMatchObject({ movementName: 'Văn hóa công sở', year: 2025, unitName: 'Tỉnh Khánh Hòa' });
      expect(view.bands.map((b) => [b.key, b.vi])).toEqual([
        ['excellent', 'Xuất sắc'],
        ['good', 'Tốt'],
        ['pass', 'Đạt'],
        ['fail', 'Không đạt'],
      ]);
      // 8 active people (one inactive left out), 5 registered (a withdrawal does not count).
      expect(view.total.people).toEqual({
        expected: 8,
        registered: 5,
        rate: 0.625,
        assessments: { self: 1, review: 0, council: 1, final: 4 },
        classified: { excellent: 2, good: 1, fail: 1 },
        overscored: 1,
      });
      // 5 active units (the dissolved one is not expected to register), 2 registered.
      expect(view.total.units).toEqual({ expected: 5, registered: 2, rate: 0.4, assessments: { self: 1, review: 1, council: 0, final: 1 }, classified: { good: 1 }, overscored: 0 });
    });

    it('splits the figures into the level’s own row and each direct sub-unit with its subtree', () => {
      const rows = view.children.map((c) => [c.unitName, c.own, c.people.expected, c.people.registered, c.people.assessments.final, c.people.classified, c.units.expected, c.units.registered]);
      expect(rows).toEqual([
        ['Tỉnh Khánh Hòa', true, 1, 1, 1, { fail: 1 }, 1, 0],
        ['Phường Nha Trang', false, 1, 0, 0, {}, 1, 0],
        ['Sở Nội vụ', false, 4, 3, 2, { excellent: 1, good: 1 }, 2, 1],
        ['Sở Y tế', false, 2, 1, 1, { excellent: 1 }, 1, 1],
      ]);
      const noiVuRow = view.children.find((c) => c.unitName === 'Sở Nội vụ')!;
      expect(noiVuRow.people.rate).toBe(0.75);
      expect(noiVuRow.people.assessments).toEqual({ self: 0, review: 0, council: 1, final: 2 });
      expect(noiVuRow.units.assessments).toEqual({ self: 1, review: 0, council: 0, final: 1 });
      expect(noiVuRow.people.overscored).toBe(1);
    });

    it('adds up the blocks organised inside the level over their members’ subtrees', () => {
      expect(view.blocks.map((b) => b.blockName)).toEqual(['Cụm các phòng', 'Khối các sở, ngành và phường']);
      const b = view.blocks.find((x) => x.blockId === blockId)!;
      expect(b).toMatchObject({ blockName: 'Khối các sở, ngành và phường', kind: 'khoi', memberCount: 3 });
      expect(b.people).toMatchObject({ expected: 7, registered: 4, assessments: { self: 1, review: 0, council: 1, final: 3 }, classified: { excellent: 2, good: 1 } });
      expect(b.units).toMatchObject({ expected: 4, registered: 2 });
      const offices = view.blocks[0]!;
      expect(offices.people).toMatchObject({ expected: 2, registered: 1, assessments: { self: 0, review: 0, council: 1, final: 0 }, classified: {} });
      expect(offices.units).toMatchObject({ expected: 1, registered: 0, assessments: { self: 1, review: 0, council: 0, final: 0 } });
      // The office still counts in its department's row.
      expect(view.children.find((c) => c.unitName === 'Sở Nội vụ')!.people.assessments.council).toBe(1);
    });

    it('reads live: a new registration shows on the next call', async () => {
      const late = await person(ward, 'Lý Văn Muộn');
      await newRegistration(t.ctx.db, { plan, unit: ward, person: late });
      const again: DashboardView = (await viewer.get(dashboardUrl(ward))).json();
      expect(again.total.people).toMatchObject({ expected: 2, registered: 1, rate: 0.5 });
      await t.ctx.db.deleteFrom('registrations').where('person_id', '=', late.id).execute();
      await t.ctx.db.updateTable('people').set({ is_active: false }).where('id', '=', late.id).execute();
    });
  });

  describe('GET /api/rankings', () => {
    it('ranks the units of a block by their collective score; ties share a rank; not final is provisional', async () => {
      const res = await viewer.get(`/api/rankings?movementId=${plan.movementId}&year=2025&blockId=${blockId}`);
      expect(res.statusCode, res.body).toBe(200);
      const view: RankingView = res.json();
      expect(view).toMatchObject({ subject: 'collective', blockName: 'Khối các sở, ngành và phường', total: 3 });
      expect(view.items.map((e) => [e.rank, e.unitName, e.score, e.provisional, e.classificationLabel?.vi ?? null])).toEqual([
        [1, 'Sở Nội vụ', 88, false, 'Tốt'],
        [1, 'Sở Y tế', 88, true, null],
        [null, 'Phường Nha Trang', null, true, null],
      ]);
    });

    it('ranks the people of a unit’s subtree by council ?? review ?? self', async () => {
      const all: RankingView = (await viewer.get(`/api/rankings?movementId=${plan.movementId}&year=2025&unitId=${province.id}`)).json();
      expect(all.total).toBe(6);
      expect(all.items.map((e) => [e.rank, e.personName, e.score, e.provisional])).toEqual([
        [1, 'Đỗ Thị Giang', 92, false],
        [1, 'Nguyễn Văn Bình', 92, false],
        [3, 'Phạm Thị Dung', 85, true],
        [4, 'Trần Văn Cường', 75, false],
        [5, 'Hồ Văn Hà', 60, true],
        [6, 'Lê Thị An', 40, false],
      ]);
      const dept: RankingView = (await viewer.get(`/api/rankings?movementId=${plan.movementId}&year=2025&unitId=${noiVu.id}`)).json();
      expect(dept.items.map((e) => [e.rank, e.personName, e.unitName])).toEqual([
        [1, 'Nguyễn Văn Bình', 'Sở Nội vụ'],
        [2, 'Phạm Thị Dung', 'Phòng Công chức'],
        [3, 'Trần Văn Cường', 'Sở Nội vụ'],
      ]);
    });

    it('asks for exactly one of blockId and unitId, in Vietnamese and English', async () => {
      const both = await viewer.get(`/api/rankings?movementId=${plan.movementId}&year=2025&blockId=${blockId}&unitId=${province.id}`);
      expect(both.statusCode).toBe(400);
      expect(both.json().error.fields[0].message).toContain('Chọn đúng một');
      expect(both.json().error.fields[0].messageEn).toContain('exactly one');
      expect((await viewer.get(`/api/rankings?movementId=${plan.movementId}&year=2025`)).statusCode).toBe(400);
      expect((await viewer.get(`/api/dashboard?movementId=${plan.movementId}&unitId=${province.id}`)).statusCode).toBe(400);
    });
  });

  describe('exports', () => {
    async function workbook(res: { rawPayload: Buffer }) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb;
    }

    it('exports the sub-unit table with Vietnamese headers, numbers as numbers and the date as dd/mm/yyyy', async () => {
      const res = await viewer.get(`/api/dashboard/export.xlsx?movementId=${plan.movementId}&year=2025&unitId=${province.id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toContain('filename="Tong-hop-thi-dua-nam-2025-Tinh-Khanh-Hoa.xlsx"');
      const wb = await workbook(res);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo đơn vị', 'Theo khối thi đua']);
      expect(wb.getWorksheet('Theo khối thi đua')!.getCell('B8').value).toBe('Cụm các phòng');
      const ws = wb.getWorksheet('Theo đơn vị')!;
      expect(ws.getCell('A1').value).toBe('TỔNG HỢP KẾT QUẢ THI ĐUA NĂM 2025');
      const dated = ws.getRow(4);
      expect(dated.getCell(1).value).toBe('Số liệu đến ngày:');
      expect(dated.getCell(2).value).toBeInstanceOf(Date);
      expect(dated.getCell(2).numFmt).toBe('dd/mm/yyyy');
      const header = ws.getRow(7).values as unknown[];
      expect(header.slice(1, 14)).toEqual(['STT', 'Đơn vị', 'Phải đăng ký', 'Đã đăng ký', 'Tỷ lệ đăng ký', 'Đang tự đánh giá', 'Thủ trưởng chấm', 'Hội đồng xét', 'Đã hoàn tất', 'Xuất sắc', 'Tốt', 'Đạt', 'Không đạt']);
      expect(ws.getCell('C6').value).toBe('Cá nhân (CBCCVC)');
      const rowOf = (name: string) => {
        for (let r = 8; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === name) return ws.getRow(r);
        throw new Error(`no row ${name}`);
      };
      const noiVuRow = rowOf('Sở Nội vụ');
      expect([3, 4, 5, 9, 10, 11].map((c) => noiVuRow.getCell(c).value)).toEqual([4, 3, 0.75, 2, 1, 1]);
      expect(noiVuRow.getCell(5).numFmt).toBe('0.0%');
      const total = rowOf('Tổng cộng');
      expect([3, 4, 5].map((c) => total.getCell(c).value)).toEqual([8, 5, 0.625]);
      expect(rowOf('Tỉnh Khánh Hòa (cấp mình)').getCell(1).value).toBe(1);
    });

    it('exports a ranking with its ranks, scores, status and the day each was finalised', async () => {
      const res = await viewer.get(`/api/rankings/export.xlsx?movementId=${plan.movementId}&year=2025&unitId=${province.id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('filename="Xep-hang-thi-dua-nam-2025-Tinh-Khanh-Hoa.xlsx"');
      const ws = (await workbook(res)).getWorksheet('Xếp hạng')!;
      expect(ws.getCell('A1').value).toBe('BẢNG XẾP HẠNG THI ĐUA NĂM 2025');
      expect((ws.getRow(6).values as unknown[]).slice(1)).toEqual(['Hạng', 'Họ và tên', 'Đơn vị', 'Tự chấm', 'Thủ trưởng chấm', 'Hội đồng chấm', 'Điểm xét', 'Xếp loại', 'Tình trạng', 'Ngày hoàn tất']);
      const first = ws.getRow(7);
      expect((first.values as unknown[]).slice(1, 10)).toEqual([1, 'Đỗ Thị Giang', 'Sở Y tế', 92, 92, 92, 92, 'Xuất sắc', 'Chính thức']);
      expect(first.getCell(10).value).toEqual(new Date(Date.UTC(2025, 11, 20)));
      expect(first.getCell(10).numFmt).toBe('dd/mm/yyyy');
      expect((ws.getRow(9).values as unknown[]).slice(1, 10)).toEqual([3, 'Phạm Thị Dung', 'Phòng Công chức', 90, 85, undefined, 85, undefined, 'Tạm xếp']);
      expect(ws.rowCount).toBe(12);
    });
  });

  describe('the office-culture result of each official, for the yearly rating', () => {
    it('lists everyone of the subtree, one row a person, with the final score and band, or why there is none', async () => {
      const head = await clientWith(t, [['unit_head', noiVu]]);
      const res = await head.get(`/api/yearly-results.xlsx?movementId=${plan.movementId}&year=2025&unitId=${noiVu.id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('filename="Ket-qua-van-hoa-cong-so-nam-2025-So-Noi-vu.xlsx"');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getCell('A1').value).toBe('KẾT QUẢ THỰC HIỆN VĂN HÓA CÔNG SỞ NĂM 2025 — Sở Nội vụ');
      expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['STT', 'Mã cán bộ', 'Họ và tên', 'Chức vụ', 'Loại cán bộ', 'Đơn vị', 'Điểm văn hóa công sở', 'Xếp loại văn hóa công sở', 'Tình trạng']);
      const rows = [5, 6, 7, 8].map((r) => [1, 3, 6, 7, 8, 9].map((c) => ws.getRow(r).getCell(c).value));
      expect(rows).toEqual([
        [1, 'Nguyễn Văn Bình', 'Sở Nội vụ', 92, 'Xuất sắc', 'Đã hoàn tất'],
        [2, 'Trần Văn Cường', 'Sở Nội vụ', 75, 'Tốt', 'Đã hoàn tất'],
        // A score still with the council is not a result.
        [3, 'Phạm Thị Dung', 'Phòng Công chức', null, null, 'Chưa hoàn tất (hội đồng xét)'],
        [4, 'Võ Văn Em', 'Phòng Công chức', null, null, 'Chưa đăng ký thi đua'],
      ]);
      expect(ws.rowCount).toBe(8);

      const csv = await head.get(`/api/yearly-results.csv?movementId=${plan.movementId}&year=2025&unitId=${noiVu.id}`);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.rawPayload.toString('utf8').split('\r\n');
      expect(lines[0]).toBe('\uFEFFSTT,Mã cán bộ,Họ và tên,Chức vụ,Loại cán bộ,Đơn vị,Điểm văn hóa công sở,Xếp loại văn hóa công sở,Tình trạng');
      expect(lines[1]).toMatch(/^1,[^,]*,Nguyễn Văn Bình,[^,]*,[^,]*,Sở Nội vụ,92,Xuất sắc,Đã hoàn tất$/u);
      expect(lines).toHaveLength(6);

      // A viewer reads the dashboard but not the officials' results one by one.
      expect((await viewer.get(`/api/yearly-results.csv?movementId=${plan.movementId}&year=2025&unitId=${noiVu.id}`)).statusCode).toBe(403);
      expect((await head.get(`/api/yearly-results.csv?movementId=${plan.movementId}&year=2025&unitId=${yTe.id}`)).statusCode).toBe(404);
    });
  });

  describe('who may see what', () => {
    const urls = () => ({
      dashboard: dashboardUrl(province),
      dashboardExport: `/api/dashboard/export.xlsx?movementId=${plan.movementId}&year=2025&unitId=${province.id}`,
      blockRanking: `/api/rankings?movementId=${plan.movementId}&year=2025&blockId=${blockId}`,
      unitRanking: `/api/rankings?movementId=${plan.movementId}&year=2025&unitId=${province.id}`,
      rankingExport: `/api/rankings/export.xlsx?movementId=${plan.movementId}&year=2025&blockId=${blockId}`,
    });
    type Route = keyof ReturnType<typeof urls>;
    const callers: { name: string; client: () => Promise<Client | null>; expect: Record<Route, number> }[] = [
      { name: 'anonymous', client: async () => null, expect: { dashboard: 401, dashboardExport: 401, blockRanking: 401, unitRanking: 401, rankingExport: 401 } },
      {
        name: 'a person without a role',
        client: async () => {
          const user = await newUser(t.ctx.db);
          await t.ctx.db.updateTable('users').set({ person_id: names['Nguyễn Văn Bình']! }).where('id', '=', user.id).execute();
          const c = new Client(t.app);
          await c.signIn(user.username);
          return c;
        },
        expect: { dashboard: 404, dashboardExport: 404, blockRanking: 404, unitRanking: 404, rankingExport: 404 },
      },
      {
        name: 'the standing officer of another province',
        client: () => clientWith(t, [['standing_officer', other]]),
        expect: { dashboard: 404, dashboardExport: 404, blockRanking: 404, unitRanking: 404, rankingExport: 404 },
      },
      {
        // The province is above the department: known, not theirs to read; the block is theirs to know as a member.
        name: 'the officer of a member department',
        client: () => clientWith(t, [['unit_officer' as Role, noiVu]]),
        expect: { dashboard: 403, dashboardExport: 403, blockRanking: 403, unitRanking: 403, rankingExport: 403 },
      },
      {
        name: 'the standing officer of the province',
        client: () => clientWith(t, [['standing_officer', province]]),
        expect: { dashboard: 200, dashboardExport: 200, blockRanking: 200, unitRanking: 200, rankingExport: 200 },
      },
    ];
    for (const caller of callers) {
      it(`${caller.name} → ${Object.entries(caller.expect).map(([k, v]) => `${k} ${v}`).join(', ')}`, async () => {
        const c = await caller.client();
        for (const [route, url] of Object.entries(urls()) as [Route, string][]) {
          const res = c ? await c.get(url) : await t.app.inject({ method: 'GET', url });
          expect(res.statusCode, `${route}: ${res.body.slice(0, 200)}`).toBe(caller.expect[route]);
          if (res.statusCode >= 400) expect(res.json().error.code).toBe({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[res.statusCode]);
        }
      });
    }

    it('lets a member department read its own level, and answers 404 for unknown ids or another organizer’s block', async () => {
      const officer = await clientWith(t, [['unit_officer', noiVu]]);
      const own: DashboardView = (await officer.get(dashboardUrl(noiVu))).json();
      expect(own.total.people).toMatchObject({ expected: 4, registered: 3 });
      expect((await officer.get(`/api/rankings?movementId=${plan.movementId}&year=2025&unitId=${noiVu.id}`)).statusCode).toBe(200);
      expect((await viewer.get(`/api/rankings?movementId=${plan.movementId}&year=2025&blockId=${otherBlockId}`)).statusCode).toBe(404);
      expect((await viewer.get(`/api/rankings?movementId=${plan.movementId}&year=2025&blockId=987654`)).statusCode).toBe(404);
      expect((await viewer.get(`/api/dashboard?movementId=987654&year=2025&unitId=${province.id}`)).statusCode).toBe(404);
      expect((await viewer.get(`/api/dashboard?movementId=${plan.movementId}&year=2025&unitId=987654`)).statusCode).toBe(404);
    });
  });
});
