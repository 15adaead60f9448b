import type { Role } from '@thidua/contracts';
import { beforeAll, describe } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type Arranged, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';
import { newReport, newReportTemplate, type TestReportTemplate } from '../../../test/report-factories.js';
import { newPublishedPlan } from '../../../test/registration-factories.js';

// Every mutating route of reports against: an anonymous caller, an outsider (standing officer of
// another province), a viewer, the unit's officer and head, the standing officer of the unit above,
// and a system administrator. Writing routes act on a commune's report (the arranged unit is the
// commune); reviewing routes on a report sent to a province (the arranged unit is the province, the
// recipient). A refusal changes no row and writes no audit entry.

describe('reports: authorisation matrix', () => {
  let t: TestApp;
  let template: TestReportTemplate;
  let outsider: Client;
  /** The unit above each arranged unit, and the reporting child of each arranged recipient. */
  const parents = new Map<number, TestUnit>();
  const reportingChild = new Map<number, TestUnit>();

  beforeAll(async () => {
    t = await testApp();
    template = await newReportTemplate(t.ctx.db, { periodKind: 'year', reporterKinds: ['province', 'commune'] });
    outsider = await clientWith(t, [['standing_officer', await newUnit(t.ctx.db, { kind: 'province' })]]);
  });

  const as = (role: Role) => (u: TestUnit) => clientWith(t, [[role, u]]);
  const anonymous: MatrixCaller = { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) };
  const outsiderCaller: MatrixCaller = { name: 'standing officer of another province', expect: () => 404, client: async () => outsider };
  const admin: MatrixCaller = { name: 'system administrator', expect: (ok) => ok, client: (u) => adminAt(t, u) };

  // ── Templates: written by those who write the plan ──
  const templateCallers: MatrixCaller[] = [
    anonymous,
    outsiderCaller,
    { name: 'viewer', expect: () => 403, client: as('viewer') },
    { name: 'staff member', expect: () => 403, client: as('staff_member') },
    { name: 'unit officer', expect: (ok) => ok, client: as('unit_officer') },
    { name: 'unit head', expect: (ok) => ok, client: as('unit_head') },
    admin,
  ];

  async function planUnit() {
    const unit = await newUnit(t.ctx.db, { kind: 'province' });
    const plan = await newPublishedPlan(t.ctx.db, unit, { year: 2026 });
    const snapshot = () => t.ctx.db.selectFrom('report_templates').selectAll().where('plan_id', '=', plan.id).orderBy('id').execute();
    return { unit, plan, snapshot };
  }

  const templateRoutes: MatrixRoute[] = [
    {
      name: 'POST /api/report-templates',
      ok: 201,
      async arrange(): Promise<Arranged> {
        const { unit, plan, snapshot } = await planUnit();
        return { unit, snapshot, send: (c) => c.post('/api/report-templates', { planId: plan.id, code: 'nam', periodKind: 'year' }) };
      },
    },
    {
      name: 'POST /api/report-templates/from-plan',
      ok: 201,
      async arrange(): Promise<Arranged> {
        const { unit, plan, snapshot } = await planUnit();
        await t.ctx.db.insertInto('plan_deadlines').values({ plan_id: plan.id, day: 30, month: 11, period: 'year', text: 'Báo cáo năm gửi trước ngày 30/11', position: 0 }).execute();
        return { unit, snapshot, send: (c) => c.post('/api/report-templates/from-plan', { planId: plan.id }) };
      },
    },
    {
      name: 'PATCH /api/report-templates/:id',
      ok: 200,
      async arrange(): Promise<Arranged> {
        const { unit, plan, snapshot } = await planUnit();
        const tpl = await newReportTemplate(t.ctx.db, { planId: plan.id });
        return { unit, snapshot, send: (c) => c.patch(`/api/report-templates/${tpl.id}`, { name: 'Báo cáo năm (sửa)' }) };
      },
    },
  ];
  authorisationMatrix(() => t, templateRoutes, templateCallers);

  // ── Writing a commune's report: its own officer and head, never the unit above ──
  const writerCallers: MatrixCaller[] = [
    anonymous,
    outsiderCaller,
    { name: 'viewer', expect: () => 403, client: as('viewer') },
    { name: 'staff member', expect: () => 403, client: as('staff_member') },
    { name: 'unit officer', expect: (ok) => ok, client: as('unit_officer') },
    { name: 'unit head', expect: (ok) => ok, client: as('unit_head') },
    { name: 'standing officer of the recipient above', expect: () => 403, client: (u) => as('standing_officer')(parents.get(u.id)!) },
    admin,
  ];

  async function commune(status: 'draft' | 'submitted' | null) {
    const province = await newUnit(t.ctx.db, { kind: 'province' });
    const unit = await newUnit(t.ctx.db, { parent: province, kind: 'commune' });
    parents.set(unit.id, province);
    const report = status === null ? null : await newReport(t.ctx.db, { template, unit, recipient: province, status });
    const snapshot = () => t.ctx.db.selectFrom('reports').selectAll().where('unit_id', 'in', [unit.id, province.id]).orderBy('id').execute();
    return { unit, province, id: report?.id ?? 0, snapshot };
  }

  const writerRoute = (name: string, ok: number, status: 'draft' | 'submitted' | null, send: (c: Client, id: number, unit: TestUnit) => ReturnType<Client['post']>): MatrixRoute => ({
    name,
    ok,
    async arrange(): Promise<Arranged> {
      const a = await commune(status);
      return { unit: a.unit, snapshot: a.snapshot, send: (c) => send(c, a.id, a.unit) };
    },
  });

  authorisationMatrix(
    () => t,
    [
      writerRoute('POST /api/reports', 201, null, (c, _id, unit) => c.post('/api/reports', { templateId: template.id, unitId: unit.id, year: 2026 })),
      writerRoute('PUT /api/reports/:id', 200, 'draft', (c, id) => c.request({ method: 'PUT', url: `/api/reports/${id}`, payload: { revision: 0, values: { events: 2 } } })),
      writerRoute('POST /api/reports/:id/submit', 200, 'draft', (c, id) => c.post(`/api/reports/${id}/submit`)),
      writerRoute('POST /api/reports/:id/refresh', 200, 'draft', (c, id) => c.post(`/api/reports/${id}/refresh`)),
      writerRoute('POST /api/reports/:id/recall', 200, 'submitted', (c, id) => c.post(`/api/reports/${id}/recall`)),
    ],
    writerCallers,
  );

  // ── Reviewing a report sent to a province: the province's head or standing officer ──
  const reviewerCallers: MatrixCaller[] = [
    anonymous,
    outsiderCaller,
    { name: 'viewer of the recipient', expect: () => 403, client: as('viewer') },
    { name: 'unit officer of the recipient', expect: () => 403, client: as('unit_officer') },
    { name: 'unit head of the recipient', expect: (ok) => ok, client: as('unit_head') },
    { name: 'standing officer of the recipient', expect: (ok) => ok, client: as('standing_officer') },
    { name: 'officer of the reporting unit', expect: () => 403, client: (u) => as('unit_officer')(reportingChild.get(u.id)!) },
    admin,
  ];

  const reviewerRoute = (name: string, status: 'submitted' | 'accepted', send: (c: Client, id: number) => ReturnType<Client['post']>): MatrixRoute => ({
    name,
    ok: 200,
    async arrange(): Promise<Arranged> {
      const province = await newUnit(t.ctx.db, { kind: 'province' });
      const unit = await newUnit(t.ctx.db, { parent: province, kind: 'commune' });
      reportingChild.set(province.id, unit);
      const r = await newReport(t.ctx.db, { template, unit, recipient: province, status });
      const snapshot = () => t.ctx.db.selectFrom('reports').selectAll().where('id', '=', r.id).execute();
      return { unit: province, snapshot, send: (c) => send(c, r.id) };
    },
  });

  authorisationMatrix(
    () => t,
    [
      reviewerRoute('POST /api/reports/:id/return', 'submitted', (c, id) => c.post(`/api/reports/${id}/return`, { reason: 'Thiếu số liệu' })),
      reviewerRoute('POST /api/reports/:id/accept', 'submitted', (c, id) => c.post(`/api/reports/${id}/accept`)),
      reviewerRoute('POST /api/reports/:id/lock-exception', 'accepted', (c, id) => c.post(`/api/reports/${id}/lock-exception`, { reason: 'Bổ sung số liệu' })),
    ],
    reviewerCallers,
  );
});
