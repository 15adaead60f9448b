import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanDetail } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { auditCount, newUnit, type TestUnit } from '../../../test/factories.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/plans');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));
const SEED_000 = 'seeds/000_4d5fff50ea1c841f.txt';

/** A multipart body with text fields and one file, as the review screen's upload sends it. */
function multipart(fields: Record<string, string | number>, file?: { name: string; bytes: Buffer }) {
  const boundary = `----thidua${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function importFile(c: Client, movementId: number, unitId: number, name: string, bytes: Buffer) {
  return c.request({ method: 'POST', url: '/api/plans/import', ...multipart({ movementId, unitId }, { name, bytes }) });
}

describe('plans', () => {
  let t: TestApp;
  let national: TestUnit;
  let admin: Client;
  let outsider: Client;

  beforeAll(async () => {
    t = await testApp();
    national = await newUnit(t.ctx.db, { kind: 'national' });
    const elsewhere = await newUnit(t.ctx.db, { parent: national });
    admin = await adminAt(t, national);
    outsider = await clientWith(t, [['standing_officer', elsewhere]]);
  });


  /** A city (as Nha Trang) under its province, with a school below, and a movement owned by the city. */
  async function city() {
    const province = await newUnit(t.ctx.db, { parent: national, kind: 'province' });
    const cityUnit = await newUnit(t.ctx.db, { parent: province, kind: 'district' });
    const school = await newUnit(t.ctx.db, { parent: cityUnit, kind: 'school' });
    const movement = await t.ctx.db
      .insertInto('movements')
      .values({ name: 'CBCCVC thi đua thực hiện văn hóa công sở', theme: null, kind: 'period', start_year: 2019, end_year: 2025, owner_unit_id: province.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { province, city: cityUnit, school, movementId: movement.id };
  }

  async function draft(unit: TestUnit, movementId: number, withCriterion = true): Promise<number> {
    const plan = await t.ctx.db
      .insertInto('plans')
      .values({ movement_id: movementId, unit_id: unit.id, parent_plan_id: null, title: 'Kế hoạch thử', source_file_name: null, source_text: null, created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (withCriterion) {
      await t.ctx.db.insertInto('plan_criteria').values({ plan_id: plan.id, parent_id: null, subject: 'individual', code: '1', text: 'Chấp hành kỷ luật', max_points: 10, position: 0, origin_criterion_id: null, dropped_reason: null, source_line: null }).execute();
    }
    return plan.id;
  }

  /** Everything a plan route could change under a unit, read straight from the database. */
  const planState = (unit: TestUnit) => async () => {
    const plans = await t.ctx.db.selectFrom('plans').selectAll().where('unit_id', '=', unit.id).orderBy('id').execute();
    const ids = plans.map((p) => p.id);
    const planIds = ids.length ? ids : [0];
    const db = t.ctx.db;
    return {
      plans,
      criteria: await db.selectFrom('plan_criteria').selectAll().where('plan_id', 'in', planIds).orderBy('id').execute(),
      milestones: await db.selectFrom('plan_milestones').selectAll().where('plan_id', 'in', planIds).orderBy('id').execute(),
      deadlines: await db.selectFrom('plan_deadlines').selectAll().where('plan_id', 'in', planIds).orderBy('id').execute(),
      awards: await db.selectFrom('plan_award_forms').selectAll().where('plan_id', 'in', planIds).orderBy('id').execute(),
      movements: await t.ctx.db.selectFrom('movements').selectAll().where('owner_unit_id', '=', unit.id).orderBy('id').execute(),
    };
  };

  describe('import of seed 000 (Nha Trang, 6344/KH-UBND)', () => {
    let plan: PlanDetail;
    let officer: Client;
    let units: Awaited<ReturnType<typeof city>>;

    beforeAll(async () => {
      units = await city();
      officer = await clientWith(t, [['unit_officer', units.city]]);
      const res = await importFile(officer, units.movementId, units.city.id, 'ke-hoach-6344.txt', fixture(SEED_000));
      expect(res.statusCode, res.body).toBe(201);
      plan = res.json();
    });

    it('becomes a draft holding the parsed header, criteria, milestones, award forms and warnings', () => {
      expect(plan).toMatchObject({ status: 'draft', number: '6344', code: 'KH-UBND', documentType: 'KH', issueDate: '2019-08-08', signer: 'Nguyễn Anh Tuấn', unitId: units.city.id, version: 1 });
      expect(plan.allowed).toEqual(['edit', 'publish']);
      const top = (subject: string) => plan.criteria.filter((c) => c.subject === subject && c.parentId === null);
      expect(top('collective').map((c) => c.code)).toEqual(['1', '2', '3', '4', '5']);
      expect(top('individual').map((c) => c.code)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      // The tree is kept: "1.1" … "1.5" hang under collective criterion 1.
      const first = top('collective')[0]!;
      expect(plan.criteria.filter((c) => c.parentId === first.id).map((c) => c.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5']);
      expect(plan.criteria.every((c) => c.sourceLine !== null)).toBe(true);
      expect(plan.milestones.map((m) => m.year)).toEqual([2019, 2022, 2025]);
      expect(plan.awardForms.map((a) => a.name)).toContain('Huân chương Lao động hạng Ba');
      expect(plan.warnings.length).toBeGreaterThan(0);
      expect(plan.sourceText).toContain('Số: 6344/KH-UBND');
      expect(plan.sourceFileName).toBe('ke-hoach-6344.txt');
    });

    it('is readable by the school below, which adopts it, but not writable there', async () => {
      const teacher = await clientWith(t, [['unit_officer', units.school]]);
      const res = await teacher.get(`/api/plans/${plan.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().allowed).toEqual([]);
      expect((await teacher.get(`/api/plans?movementId=${units.movementId}`)).json().items.map((p: { id: number }) => p.id)).toContain(plan.id);
      expect((await teacher.post(`/api/plans/${plan.id}/publish`)).statusCode).toBe(403);
      expect((await outsider.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
      expect((await outsider.get('/api/plans')).json().items.map((p: { id: number }) => p.id)).not.toContain(plan.id);
    });

    it('publishes, then refuses header edits with PLAN_NOT_DRAFT, and criteria once frozen with CRITERIA_FROZEN', async () => {
      const published = await officer.post(`/api/plans/${plan.id}/publish`);
      expect(published.statusCode, published.body).toBe(200);
      expect(published.json()).toMatchObject({ status: 'published', allowed: ['close', 'correctCriteria', 'newVersion', 'adopt'] });
      // The first assessment freezes the criteria (the assessments module sets this).
      await t.ctx.db.updateTable('plans').set({ criteria_frozen_at: t.ctx.now() }).where('id', '=', plan.id).execute();
      expect((await officer.get(`/api/plans/${plan.id}`)).json().allowed).toEqual(['close', 'newVersion', 'adopt']);

      const before = await planState(units.city)();
      const audits = await auditCount(t.ctx.db);
      const patch = await officer.patch(`/api/plans/${plan.id}`, { title: 'Đổi tên' });
      expect(patch.statusCode).toBe(409);
      expect(patch.json().error.code).toBe('PLAN_NOT_DRAFT');
      const put = await officer.request({
        method: 'PUT',
        url: `/api/plans/${plan.id}/criteria`,
        payload: { criteria: [{ ref: 'a', parentRef: null, subject: 'individual', code: '1', text: 'Mới', maxPoints: 5 }] },
      });
      expect(put.statusCode).toBe(409);
      expect(put.json().error.code).toBe('CRITERIA_FROZEN');
      expect(put.json().error.message).toContain('phiên bản mới');
      expect((await officer.post(`/api/plans/${plan.id}/publish`)).json().error.code).toBe('PLAN_NOT_DRAFT');
      expect(await planState(units.city)()).toEqual(before);
      expect(await auditCount(t.ctx.db)).toBe(audits);

      const closed = await officer.post(`/api/plans/${plan.id}/close`);
      expect(closed.json()).toMatchObject({ status: 'closed', allowed: ['newVersion'] });
      expect((await officer.post(`/api/plans/${plan.id}/close`)).json().error.code).toBe('PLAN_NOT_PUBLISHED');
    });
  });

  it('imports the .docx fixtures and a document without structure as drafts', async () => {
    const { city: unit, movementId } = await city();
    for (const name of ['ke-hoach-diem.docx', 'chi-thi-heading.docx', 'phu-luc.docx', 'bang-diem.xlsx']) {
      const res = await importFile(admin, movementId, unit.id, name, fixture(name));
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json().status).toBe('draft');
      if (name === 'ke-hoach-diem.docx') expect(res.json().criteria.some((c: { maxPoints: number | null }) => c.maxPoints !== null)).toBe(true);
    }
    // A veto criterion (điểm liệt) in the document arrives marked as one.
    const sheet = await importFile(admin, movementId, unit.id, 'scoring-groups.txt', fixture('scoring-groups.txt'));
    expect(sheet.statusCode, sheet.body).toBe(201);
    const vetoes = sheet.json().criteria.filter((c: { isVeto: boolean }) => c.isVeto).map((c: { subject: string; code: string }) => `${c.subject} ${c.code}`);
    expect(vetoes).toEqual(['collective 3', 'individual 3']);
    const prose = await importFile(admin, movementId, unit.id, 'ghi-chu.txt', Buffer.from('Một đoạn văn không có cấu trúc nào cả.\nDòng thứ hai.'));
    expect(prose.statusCode, prose.body).toBe(201);
    expect(prose.json()).toMatchObject({ status: 'draft', criteria: [], sourceFileName: 'ghi-chu.txt' });
    expect(prose.json().sourceText).toContain('Dòng thứ hai.');
  });

  it('imports a decision copied out of a PDF as one line: cut into lines, with its signer and its registration milestone', async () => {
    const { city: unit, movementId } = await city();
    const res = await importFile(admin, movementId, unit.id, 'quyet-dinh.txt', fixture('pdf-one-line.txt'));
    expect(res.statusCode, res.body).toBe(201);
    const plan: PlanDetail = res.json();
    expect(plan).toMatchObject({ documentType: 'QĐ', number: '15', code: 'QĐ-UBND', issueDate: '2026-01-12', signer: 'Nguyễn Văn An' });
    expect(plan.milestones.map((m) => [m.kind, m.date])).toEqual([['registration', '2026-02-28']]);
    expect(plan.deadlines.map((d) => [d.day, d.month, d.year])).toEqual([[30, 11, 2026]]);
    expect(plan.criteria.filter((c) => c.isVeto).map((c) => [c.subject, c.code, c.maxPoints])).toEqual([['collective', 'c', 50]]);
    // The source shown beside the warnings is the text as cut: "Dòng 17" is the line of criterion a).
    const lines = plan.sourceText!.split('\n');
    expect(lines).toHaveLength(30);
    expect(lines[16]).toBe('a) Ban hành và thực hiện quy chế văn hóa công sở (20 điểm);');
    expect(plan.criteria.find((c) => c.code === 'a')!.sourceLine).toBe(17);
    expect(plan.warnings[0]).toMatch(/^Văn bản viết liền trên một dòng/);
  });

  it('refuses a bad file with FILE_INVALID (400) and writes nothing', async () => {
    const { city: unit, movementId } = await city();
    const before = await planState(unit)();
    const audits = await auditCount(t.ctx.db);
    for (const [name, bytes] of [
      ['ke-hoach.docx', Buffer.from('không phải tệp Word')],
      ['ke-hoach.pdf', Buffer.from('%PDF-1.7\n')],
      ['ke-hoach.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
    ] as const) {
      const res = await importFile(admin, movementId, unit.id, name, bytes);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('FILE_INVALID');
    }
    const noFile = await admin.request({ method: 'POST', url: '/api/plans/import', ...multipart({ movementId, unitId: unit.id }) });
    expect(noFile.json().error.code).toBe('FILE_INVALID');
    const noFields = await admin.request({ method: 'POST', url: '/api/plans/import', ...multipart({}, { name: 'a.txt', bytes: fixture(SEED_000) }) });
    expect(noFields.statusCode).toBe(400);
    expect(noFields.json().error.code).toBe('VALIDATION_FAILED');
    expect(await planState(unit)()).toEqual(before);
    expect(await auditCount(t.ctx.db)).toBe(audits);
  });

  it('keeps classification bands (xếp loại) per plan: Nghị định 335/2025 by default, edited while a draft, refused when malformed', async () => {
    const { city: unit, movementId } = await city();
    const id = await draft(unit, movementId);
    const fresh = (await admin.get(`/api/plans/${id}`)).json() as PlanDetail;
    expect(fresh.classificationBands.map((b) => [b.vi, b.min])).toEqual([
      ['Xuất sắc', 90],
      ['Tốt', 70],
      ['Đạt', 50],
      ['Không đạt', 0],
    ]);
    expect(fresh.overscoreMargin).toBe(10);

    const bands = [
      { key: 'excellent', vi: 'Hoàn thành xuất sắc', en: 'Excellent', min: 95 },
      { key: 'good', vi: 'Hoàn thành tốt', en: 'Good', min: 80 },
      { key: 'fail', vi: 'Không hoàn thành', en: 'Fail', min: 0 },
    ];
    const ok = await admin.patch(`/api/plans/${id}`, { classificationBands: bands, overscoreMargin: 5 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as PlanDetail).classificationBands.map((b) => b.min)).toEqual([95, 80, 0]);
    expect((ok.json() as PlanDetail).overscoreMargin).toBe(5);

    const rising = await admin.patch(`/api/plans/${id}`, { classificationBands: [bands[1], bands[0], bands[2]] });
    expect(rising.statusCode).toBe(400);
    expect(rising.json().error.fields[0].message).toMatch(/giảm dần/);
    const noFloor = await admin.patch(`/api/plans/${id}`, { classificationBands: [bands[0], { ...bands[1], min: 10 }] });
    expect(noFloor.statusCode).toBe(400);
    expect(((await admin.get(`/api/plans/${id}`)).json() as PlanDetail).classificationBands.map((b) => b.min)).toEqual([95, 80, 0]);
  });

  it('takes the number only in the number field (its code has a field of its own)', async () => {
    const { city: unit, movementId } = await city();
    const id = await draft(unit, movementId, false);
    const res = await admin.patch(`/api/plans/${id}`, { number: '25/KH-UBND' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'DOCUMENT_NUMBER_INVALID', fields: [{ path: 'number', message: expect.stringMatching(/^Số văn bản: Chỉ ghi số thứ tự/) }] });
    const created = await admin.post('/api/plans', { movementId, unitId: unit.id, title: 'Kế hoạch', number: '05/KH' });
    expect(created.json().error.code).toBe('DOCUMENT_NUMBER_INVALID');
    expect((await admin.patch(`/api/plans/${id}`, { number: '25', code: 'KH-UBND' })).json()).toMatchObject({ number: '25', code: 'KH-UBND' });
  });

  it('replaces a draft’s criteria tree, refusing duplicate codes and negative points', async () => {
    const { city: unit, movementId } = await city();
    const id = await draft(unit, movementId, false);
    const put = (criteria: unknown[]) => admin.request({ method: 'PUT', url: `/api/plans/${id}/criteria`, payload: { criteria } });
    expect((await admin.post(`/api/plans/${id}/publish`)).json().error.code).toBe('PLAN_NO_CRITERIA');

    const dup = await put([
      { ref: 'a', parentRef: null, subject: 'collective', code: '1', text: 'A', maxPoints: 10 },
      { ref: 'b', parentRef: null, subject: 'collective', code: '1', text: 'B', maxPoints: 10 },
    ]);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields[0].path).toBe('criteria.1.code');
    expect((await put([{ ref: 'a', parentRef: null, subject: 'collective', code: '1', text: 'A', maxPoints: -1 }])).statusCode).toBe(400);

    const ok = await put([
      { ref: 'a', parentRef: null, subject: 'collective', code: '1', text: 'Cơ quan văn minh', maxPoints: 20 },
      { ref: 'a1', parentRef: 'a', subject: 'collective', code: '1.1', text: 'Trồng hoa, dọn vệ sinh hàng tuần', maxPoints: 5, isVeto: true },
      { ref: 'b', parentRef: null, subject: 'individual', code: '1', text: 'Chấp hành kỷ luật', maxPoints: null },
      { ref: 'c', parentRef: null, subject: 'individual', code: '2', text: 'Hút thuốc nơi làm việc', maxPoints: null, droppedReason: 'Đã có trong nội quy' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    const tree = (ok.json() as PlanDetail).criteria;
    expect(tree.map((c) => [c.code, c.depth, c.maxPoints, c.isVeto])).toEqual([
      ['1', 0, 20, false],
      ['1.1', 1, 5, true],
      ['1', 0, null, false],
      ['2', 0, null, false],
    ]);
    expect(tree[1]!.parentId).toBe(tree[0]!.id);
    expect(tree[3]!.droppedReason).toBe('Đã có trong nội quy');
    expect((await admin.post(`/api/plans/${id}/publish`)).statusCode).toBe(200);
  });

  describe('authorisation matrix', () => {

    const routes: MatrixRoute[] = [
      {
        name: 'POST /api/movements',
        ok: 201,
        async arrange() {
          const { city: unit } = await city();
          return {
            unit,
            snapshot: planState(unit),
            send: (c) => c.post('/api/movements', { name: 'Thi đua văn hóa công sở', kind: 'period', startYear: 2019, endYear: 2025, ownerUnitId: unit.id }),
          };
        },
      },
      {
        name: 'POST /api/plans',
        ok: 201,
        async arrange() {
          const { city: unit, movementId } = await city();
          return { unit, snapshot: planState(unit), send: (c) => c.post('/api/plans', { movementId, unitId: unit.id, title: 'Kế hoạch thực hiện' }) };
        },
      },
      {
        name: 'POST /api/plans/import',
        ok: 201,
        async arrange() {
          const { city: unit, movementId } = await city();
          return { unit, snapshot: planState(unit), send: (c) => importFile(c, movementId, unit.id, 'kh.txt', fixture(SEED_000)) };
        },
      },
      {
        name: 'PATCH /api/plans/:id',
        ok: 200,
        async arrange() {
          const { city: unit, movementId } = await city();
          const id = await draft(unit, movementId);
          return {
            unit,
            snapshot: planState(unit),
            send: (c) => c.patch(`/api/plans/${id}`, { number: '12', signer: 'Nguyễn Văn A', awardForms: ['Giấy khen'], milestones: [{ year: 2022, date: null, label: 'Sơ kết', kind: 'midterm_review' }] }),
          };
        },
      },
      {
        name: 'PUT /api/plans/:id/criteria',
        ok: 200,
        async arrange() {
          const { city: unit, movementId } = await city();
          const id = await draft(unit, movementId);
          return {
            unit,
            snapshot: planState(unit),
            send: (c) =>
              c.request({ method: 'PUT', url: `/api/plans/${id}/criteria`, payload: { criteria: [{ ref: 'x', parentRef: null, subject: 'collective', code: '1', text: 'Mới', maxPoints: 10 }] } }),
          };
        },
      },
      {
        name: 'POST /api/plans/:id/publish',
        ok: 200,
        async arrange() {
          const { city: unit, movementId } = await city();
          const id = await draft(unit, movementId);
          return { unit, snapshot: planState(unit), send: (c) => c.post(`/api/plans/${id}/publish`) };
        },
      },
      {
        name: 'POST /api/plans/:id/close',
        ok: 200,
        async arrange() {
          const { city: unit, movementId } = await city();
          const id = await draft(unit, movementId);
          await t.ctx.db.updateTable('plans').set({ status: 'published' }).where('id', '=', id).execute();
          return { unit, snapshot: planState(unit), send: (c) => c.post(`/api/plans/${id}/close`) };
        },
      },
    ];

    const callers: MatrixCaller[] = [
      { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) },
      { name: 'viewer at the same unit', expect: () => 403, client: (u) => clientWith(t, [['viewer', u]]) },
      { name: 'council_member at the same unit', expect: () => 403, client: (u) => clientWith(t, [['council_member', u]]) },
      { name: 'standing_officer of another subtree', expect: () => 404, client: async () => outsider },
      { name: 'unit_officer of the unit', expect: (ok) => ok, client: (u) => clientWith(t, [['unit_officer', u]]) },
      { name: 'system_admin', expect: (ok) => ok, client: async () => admin },
    ];

    authorisationMatrix(() => t, routes, callers);
  });
});
