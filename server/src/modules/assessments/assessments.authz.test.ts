import type { AssessmentStage } from '@thidua/contracts';
import { beforeAll, describe } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type Arranged, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { newAssessmentPlan, newRegistration, newSchools, personWithAccount } from './assessments.testing.js';
import { TEST_NOW } from '../../platform/clock.js';

// Every mutating route of assessments and disciplines, stage by stage, against: the assessed person,
// another person of the same unit, the unit's head, a head of another unit, a council member of the
// unit, an outsider (standing officer of another province), a system administrator, a viewer and an
// anonymous caller. A refusal changes no row and writes no audit entry; a success changes rows and
// writes exactly one.

describe('assessments: authorisation matrix', () => {
  let t: TestApp;
  let units: Awaited<ReturnType<typeof newSchools>>;
  let plan: Awaited<ReturnType<typeof newAssessmentPlan>>;
  let admin: Client;
  let outsider: Client;
  let otherHead: Client;
  /** The assessed person of each arranged unit, signed in on first use. */
  const subjects = new Map<number, { personId: number; username: string; client?: Client }>();

  beforeAll(async () => {
    t = await testApp();
    units = await newSchools(t.ctx.db);
    plan = await newAssessmentPlan(t.ctx.db, units.city);
    admin = await adminAt(t, units.province);
    outsider = await clientWith(t, [['standing_officer', await newUnit(t.ctx.db, { kind: 'province' })]]);
    otherHead = await clientWith(t, [['unit_head', units.otherSchool]]);
  });

  const full = { '1.1': 12, '1.2': 12, '2': 40, '3': 16 } as const;

  /**
   * A school of its own with a registered teacher and, unless `stage` is null, the teacher's sheet at
   * that stage: self scores complete; from review on, the head's scores complete too.
   */
  async function sheet(stage: AssessmentStage | null): Promise<{ unit: TestUnit; personId: number; id: number }> {
    const db = t.ctx.db;
    const unit = await newUnit(db, { parent: units.city, kind: 'school' });
    const person = await newPerson(db, unit);
    const user = await newUser(db, { roles: [['staff_member', unit]] });
    await db.updateTable('users').set({ person_id: person.id }).where('id', '=', user.id).execute();
    subjects.set(unit.id, { personId: person.id, username: user.username });
    const reg = await newRegistration(db, { plan, person: { id: person.id }, unit });
    if (stage === null) return { unit, personId: person.id, id: 0 };
    const reviewed = stage !== 'self';
    const a = await db
      .insertInto('assessments')
      .values({
        plan_id: plan.id,
        movement_id: plan.movementId,
        year: plan.year,
        subject: 'individual',
        unit_id: unit.id,
        person_id: person.id,
        registration_id: reg.id,
        stage,
        self_total: 80,
        review_total: reviewed ? 80 : null,
        classification: stage === 'final' ? 'good' : null,
        finalised_at: stage === 'final' ? new Date(TEST_NOW) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('assessment_scores')
      .values([
        ...(['1.1', '1.2', '2', '3'] as const).map((code) => ({
          assessment_id: a.id,
          plan_id: plan.id,
          criterion_id: plan.c.ind[code],
          self_points: full[code],
          review_points: reviewed ? full[code] : null,
        })),
        { assessment_id: a.id, plan_id: plan.id, criterion_id: plan.c.ind['4'], self_met: true, review_met: reviewed ? true : null },
      ])
      .execute();
    return { unit, personId: person.id, id: a.id };
  }

  /** Everything a route could change for the arranged person, straight from the database. */
  function state(personId: number) {
    return async () => {
      const db = t.ctx.db;
      const assessments = await db.selectFrom('assessments').selectAll().where('person_id', '=', personId).orderBy('id').execute();
      const ids = assessments.length ? assessments.map((a) => a.id) : [0];
      return {
        assessments,
        scores: await db.selectFrom('assessment_scores').selectAll().where('assessment_id', 'in', ids).orderBy('criterion_id').execute(),
        disciplines: await db.selectFrom('disciplines').selectAll().where('person_id', '=', personId).orderBy('id').execute(),
      };
    };
  }

  function route(name: string, ok: number, stage: AssessmentStage | null, send: (c: Client, s: { id: number; personId: number }) => ReturnType<Client['post']>): MatrixRoute {
    return {
      name,
      ok,
      async arrange(): Promise<Arranged> {
        const s = await sheet(stage);
        return { unit: s.unit, snapshot: state(s.personId), send: (c) => send(c, s) };
      },
    };
  }

  const put = (c: Client, id: number, points: number) =>
    c.request({ method: 'PUT', url: `/api/assessments/${id}/scores`, payload: { revision: 0, scores: [{ criterionId: plan.c.ind['2'], points }] } });

  async function subjectClient(u: TestUnit): Promise<Client> {
    const s = subjects.get(u.id)!;
    if (!s.client) {
      s.client = new Client(t.app);
      await s.client.signIn(s.username);
    }
    return s.client;
  }

  /** The callers, with the status each gets given who holds the routes under test. */
  function callers(holders: { person?: boolean; head?: boolean; council?: boolean; admin?: boolean; viewer?: 403 }): MatrixCaller[] {
    const status = (holds: boolean | undefined) => (ok: number) => (holds ? ok : 403);
    return [
      { name: 'anonymous', expect: () => 401, client: async () => new Client(t.app) },
      { name: 'the assessed person', expect: status(holders.person), client: subjectClient },
      { name: 'another person of the unit (staff member)', expect: () => 404, client: async (u) => (await personWithAccount(t, u)).client },
      { name: 'viewer at the unit', expect: () => 403, client: (u) => clientWith(t, [['viewer', u]]) },
      { name: 'the unit’s head', expect: status(holders.head), client: (u) => clientWith(t, [['unit_head', u]]) },
      { name: 'the head of another unit', expect: () => 404, client: async () => otherHead },
      { name: 'a council member of the unit', expect: status(holders.council), client: (u) => clientWith(t, [['council_member', u]]) },
      { name: 'a standing officer of another province', expect: () => 404, client: async () => outsider },
      { name: 'system_admin', expect: status(holders.admin), client: async () => admin },
    ];
  }

  describe('opening a sheet', () => {
    authorisationMatrix(
      () => t,
      [route('POST /api/assessments', 201, null, (c, s) => c.post('/api/assessments', { movementId: plan.movementId, year: plan.year, personId: s.personId }))],
      callers({ person: true, head: true, council: true, admin: true }),
    );
  });

  describe('at self-assessment (tự đánh giá)', () => {
    authorisationMatrix(
      () => t,
      [
        route('PUT /api/assessments/:id/scores (self)', 200, 'self', (c, s) => put(c, s.id, 33)),
        route('POST /api/assessments/:id/submit (self → review)', 200, 'self', (c, s) => c.post(`/api/assessments/${s.id}/submit`)),
      ],
      callers({ person: true }),
    );
  });

  describe('at the head’s review (thủ trưởng chấm điểm)', () => {
    authorisationMatrix(
      () => t,
      [
        route('PUT /api/assessments/:id/scores (review)', 200, 'review', (c, s) => put(c, s.id, 31)),
        route('POST /api/assessments/:id/submit (review → council)', 200, 'review', (c, s) => c.post(`/api/assessments/${s.id}/submit`)),
        route('POST /api/assessments/:id/return (review → self)', 200, 'review', (c, s) => c.post(`/api/assessments/${s.id}/return`, { reason: 'Bổ sung minh chứng tiêu chí 2' })),
      ],
      callers({ head: true, admin: true }),
    );
  });

  describe('at the council (Hội đồng xét)', () => {
    authorisationMatrix(
      () => t,
      [
        route('PUT /api/assessments/:id/scores (council)', 200, 'council', (c, s) => put(c, s.id, 35)),
        route('POST /api/assessments/:id/return (council → review)', 200, 'council', (c, s) => c.post(`/api/assessments/${s.id}/return`, { reason: 'Thủ trưởng xem lại' })),
        route('POST /api/assessments/:id/finalise', 200, 'council', (c, s) => c.post(`/api/assessments/${s.id}/finalise`, {})),
      ],
      callers({ council: true, admin: true }),
    );
  });

  describe('once final (đã hoàn tất)', () => {
    authorisationMatrix(
      () => t,
      [route('POST /api/assessments/:id/reopen', 200, 'final', (c, s) => c.post(`/api/assessments/${s.id}/reopen`, { reason: 'Phát hiện sai sót' }))],
      callers({ council: true, admin: true }),
    );
  });

  describe('discipline (kỷ luật)', () => {
    authorisationMatrix(
      () => t,
      [
        route('POST /api/disciplines', 201, null, (c, s) => c.post('/api/disciplines', { personId: s.personId, form: 'reprimand', decidedOn: '2025-03-05', decisionNumber: '12/QĐ', reason: 'Vi phạm giờ làm việc' })),
        {
          name: 'POST /api/disciplines/:id/revoke',
          ok: 200,
          async arrange() {
            const s = await sheet(null);
            const d = await t.ctx.db
              .insertInto('disciplines')
              .values({ person_id: s.personId, unit_id: s.unit.id, form: 'warning', decided_on: '2025-02-01', reason: 'Ghi nhầm' })
              .returning('id')
              .executeTakeFirstOrThrow();
            return { unit: s.unit, snapshot: state(s.personId), send: (c: Client) => c.post(`/api/disciplines/${d.id}/revoke`, { reason: 'Ghi nhầm người' }) };
          },
        },
      ],
      // A colleague sees the person in the unit's directory (403, not 404); only heads and above record discipline.
      callers({ head: true, admin: true }).map((c) => (c.name.startsWith('another person') ? { ...c, expect: () => 403 } : c)),
    );
  });
});
