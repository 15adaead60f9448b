import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate, officeCultureContent, type TestReportTemplate } from '../../../test/report-factories.js';
import type { inlineJobs } from '../../platform/jobs.js';

// The reporting-rate board of seed 004: a province whose communes send their six-month report by
// 31/5, one on time, one late, one returned, one still a draft and one with nothing at all.

let t: TestApp;
/** Every tree hangs under one national root, where the matrix's administrator is granted. */
let national: TestUnit;
beforeAll(async () => {
  t = await testApp({ publicUrl: 'https://thidua.example.gov.vn' });
  national = await newUnit(t.ctx.db, { kind: 'national', name: 'Trung ương' });
});

const drain = () => (t.ctx.jobs as ReturnType<typeof inlineJobs>).drain();

interface Tree {
  province: TestUnit;
  department: TestUnit;
  communes: TestUnit[];
  school: TestUnit;
  template: TestReportTemplate;
}

/** Khánh Hòa with five communes, a department and a school under the first commune. */
async function tree(): Promise<Tree> {
  const db = t.ctx.db;
  const province = await newUnit(db, { parent: national, kind: 'province', name: 'UBND tỉnh Khánh Hòa' });
  const names = ['Phường Nha Trang', 'Phường Bắc Nha Trang', 'Xã Vĩnh Lương', 'Xã Cam Lâm', 'Xã Đại Lãnh'];
  const communes: TestUnit[] = [];
  for (const name of names) communes.push(await newUnit(db, { parent: province, kind: 'commune', name }));
  const department = await newUnit(db, { parent: province, kind: 'department', name: 'Sở Nội vụ' });
  const school = await newUnit(db, { parent: communes[0]!, kind: 'school', name: 'Trường THCS Lê Lợi' });
  const template = await newReportTemplate(db, { planUnit: province, periodKind: 'six_months', reporterKinds: ['commune'], content: officeCultureContent, name: 'Kết quả thực hiện văn hóa công sở' });
  return { province, department, communes, school, template };
}

const boardUrl = (tr: Tree, extra = '') => `/api/reports/board?templateId=${tr.template.id}&periodKey=2026-H1&unitId=${tr.province.id}${extra}`;

describe('GET /api/reports/board', () => {
  it('counts expected, submitted, on time, late, missing, returned and accepted, and lists who is missing with contacts', async () => {
    const db = t.ctx.db;
    const tr = await tree();
    const [onTime, late, returned, draft, none] = tr.communes as [TestUnit, TestUnit, TestUnit, TestUnit, TestUnit];
    // 23:30 on 31/5 in Hà Nội is on time; 00:10 on 3/6 is three days late.
    await newReport(db, { template: tr.template, unit: onTime, status: 'accepted', submittedAt: '2026-05-31T16:30:00Z', daysLate: 0 });
    await newReport(db, { template: tr.template, unit: late, status: 'submitted', submittedAt: '2026-06-02T17:10:00Z', daysLate: 3 });
    await newReport(db, { template: tr.template, unit: returned, status: 'returned', submittedAt: '2026-05-20T02:00:00Z', daysLate: 0 });
    await newReport(db, { template: tr.template, unit: draft, status: 'draft' });
    const officer = await newUser(db, { roles: [['unit_officer', draft]], email: 'canbo@camlam.example.test' });
    const head = await newUser(db, { roles: [['unit_head', draft]] });

    const c = await clientWith(t, [['viewer', tr.province]]);
    const res = await c.get(boardUrl(tr));
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json();
    expect(board.counts).toEqual({ expected: 5, submitted: 2, onTime: 1, late: 1, missing: 3, returned: 1, accepted: 1 });
    expect(board.dueDate).toBe('2026-05-31');
    expect(board.onTimeRule).toContain('nộp trước hoặc trong ngày hạn 31/05/2026 (giờ Việt Nam)');
    expect(board.period).toMatchObject({ key: '2026-H1', label: '6 tháng đầu năm 2026', start: '2026-01-01', end: '2026-06-30' });
    // The department and the school are not communes: not expected.
    expect(board.units.map((u: { unitId: number }) => u.unitId)).not.toContain(tr.department.id);
    expect(board.units.map((u: { unitId: number }) => u.unitId)).not.toContain(tr.school.id);
    expect(board.missing.map((u: { unitName: string }) => u.unitName).sort()).toEqual(['Xã Cam Lâm', 'Xã Đại Lãnh', 'Xã Vĩnh Lương'].sort());
    const lateRow = board.units.find((u: { unitId: number }) => u.unitId === late.id);
    expect(lateRow).toMatchObject({ status: 'submitted', daysLate: 3, onTime: false });
    const draftRow = board.missing.find((u: { unitId: number }) => u.unitId === draft.id);
    expect(draftRow.status).toBe('draft');
    expect(draftRow.contacts).toEqual([
      { userId: officer.id, name: `Người dùng ${officer.username}`, email: 'canbo@camlam.example.test', role: 'unit_officer' },
      { userId: head.id, name: `Người dùng ${head.username}`, email: `${head.username}@example.test`, role: 'unit_head' },
    ]);
    expect(board.missing.find((u: { unitId: number }) => u.unitId === none.id)).toMatchObject({ status: 'missing', reportId: null, contacts: [] });
    // A viewer reads the board but may not remind.
    expect(board.canRemind).toBe(false);
  });

  it('takes the direct children when the template names no kinds, and narrows to a block', async () => {
    const db = t.ctx.db;
    const tr = await tree();
    const all = await newReportTemplate(db, { planUnit: tr.province, periodKind: 'six_months', reporterKinds: [], content: officeCultureContent, name: 'Báo cáo của các đơn vị trực thuộc' });
    const c = await clientWith(t, [['unit_officer', tr.province]]);
    const res = await c.get(`/api/reports/board?templateId=${all.id}&periodKey=2026-H1&unitId=${tr.province.id}`);
    expect(res.statusCode, res.body).toBe(200);
    // Five communes and the department; the school sits a level lower.
    expect(res.json().counts.expected).toBe(6);
    expect(res.json().canRemind).toBe(true);

    const block = await db.insertInto('blocks').values({ year: 2026, kind: 'cum', name: 'Cụm thi đua số 1', organizer_unit_id: tr.province.id }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('block_members')
      .values([tr.communes[0]!, tr.communes[1]!, tr.department].map((u) => ({ block_id: block.id, unit_id: u.id })))
      .execute();
    const byBlock = (await c.get(boardUrl(tr, `&blockId=${block.id}`))).json();
    // Members that are communes: the department is a member but not a reporter of this template.
    expect(byBlock.block).toEqual({ id: block.id, name: 'Cụm thi đua số 1' });
    expect(byBlock.units.map((u: { unitId: number }) => u.unitId).sort()).toEqual([tr.communes[0]!.id, tr.communes[1]!.id].sort());
  });

  it('answers 404 outside the reader’s subtree, 400 for a period the template does not have, 401 without a session', async () => {
    const tr = await tree();
    const other = await newUnit(t.ctx.db, { kind: 'province' });
    const outsider = await clientWith(t, [['standing_officer', other]]);
    expect((await outsider.get(boardUrl(tr))).statusCode).toBe(404);
    // A commune's officer sees their own commune, not the province's board.
    const communeOfficer = await clientWith(t, [['unit_officer', tr.communes[0]!]]);
    expect((await communeOfficer.get(boardUrl(tr))).statusCode).toBe(404);
    const c = await clientWith(t, [['viewer', tr.province]]);
    const quarter = await c.get(`/api/reports/board?templateId=${tr.template.id}&periodKey=2026-Q1&unitId=${tr.province.id}`);
    expect(quarter.statusCode).toBe(400);
    expect(quarter.json().error.code).toBe('VALIDATION_FAILED');
    expect((await c.get(`/api/reports/board?templateId=${tr.template.id}&periodKey=2026-H3&unitId=${tr.province.id}`)).statusCode).toBe(400);
    expect((await c.get(`/api/reports/board?templateId=999999&periodKey=2026-H1&unitId=${tr.province.id}`)).statusCode).toBe(404);
    expect((await new Client(t.app).get(boardUrl(tr))).statusCode).toBe(401);
  });
});

describe('POST /api/reports/board/remind', () => {
  it('reminds the officers and heads of the units that have not submitted, once for a double click', async () => {
    const db = t.ctx.db;
    const tr = await tree();
    const [submitted, pending, nobody] = tr.communes as [TestUnit, TestUnit, TestUnit];
    await newReport(db, { template: tr.template, unit: submitted, status: 'submitted' });
    const officer = await newUser(db, { roles: [['unit_officer', pending]], email: 'vanthu@bacnhatrang.example.test' });
    const head = await newUser(db, { roles: [['unit_head', pending]], email: 'chutich@bacnhatrang.example.test' });
    const c = await clientWith(t, [['unit_officer', tr.province]]);
    const body = { templateId: tr.template.id, periodKey: '2026-H1', unitIds: [submitted.id, pending.id, nobody.id] };

    const [first, second] = await Promise.all([c.post('/api/reports/board/remind', body), c.post('/api/reports/board/remind', body)]);
    expect(first.statusCode, first.body).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(first.json()).toEqual({
      reminded: [{ unitId: pending.id, recipients: 2 }],
      skipped: [
        { unitId: submitted.id, reason: 'submitted' },
        { unitId: nobody.id, reason: 'no_recipient' },
      ],
    });
    await drain();

    for (const [user, address] of [
      [officer, 'vanthu@bacnhatrang.example.test'],
      [head, 'chutich@bacnhatrang.example.test'],
    ] as const) {
      const mails = t.mails.filter((m) => m.to === address);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe('Nhắc nộp báo cáo: Kết quả thực hiện văn hóa công sở – 6 tháng đầu năm 2026');
      expect(mails[0]!.text).toContain('Phường Bắc Nha Trang chưa nộp báo cáo');
      expect(mails[0]!.text).toContain(`https://thidua.example.gov.vn/bao-cao/don-vi/${pending.id}/${tr.template.id}/2026-H1`);
      const notices = await db.selectFrom('notifications').selectAll().where('user_id', '=', user.id).execute();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'report.reminder', link: `/bao-cao/don-vi/${pending.id}/${tr.template.id}/2026-H1` });
    }
  });

  it('refuses a unit outside the plan’s subtree with 400 and sends nothing', async () => {
    const tr = await tree();
    const c = await adminAt(t, tr.province);
    const before = t.mails.length;
    const res = await c.post('/api/reports/board/remind', { templateId: tr.template.id, periodKey: '2026-H1', unitIds: [tr.province.id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const bad = await c.post('/api/reports/board/remind', { templateId: tr.template.id, periodKey: 'nửa đầu', unitIds: [tr.communes[0]!.id] });
    expect(bad.statusCode).toBe(400);
    await drain();
    expect(t.mails.length).toBe(before);
  });

  describe('authorisation', () => {
    let admin: Client;
    let outsider: Client;
    beforeAll(async () => {
      admin = await adminAt(t, national);
      outsider = await clientWith(t, [['standing_officer', await newUnit(t.ctx.db, { parent: national, kind: 'province' })]]);
    });

    const routes: MatrixRoute[] = [
      {
        name: 'POST /api/reports/board/remind',
        ok: 202,
        async arrange() {
          const tr = await tree();
          const commune = tr.communes[0]!;
          const contact = await newUser(t.ctx.db, { roles: [['unit_officer', commune]] });
          return {
            unit: commune,
            async snapshot() {
              await drain();
              return t.ctx.db.selectFrom('notifications').select(['kind', 'title', 'link']).where('user_id', '=', contact.id).execute();
            },
            send: (c) => c.post('/api/reports/board/remind', { templateId: tr.template.id, periodKey: '2026-H1', unitIds: [commune.id] }),
          };
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
