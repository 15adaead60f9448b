import type { AssessmentDetail } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../test/app.js';
import { testApp } from '../../../test/app.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { auditCount, newPerson, newUnit, type TestUnit } from '../../../test/factories.js';
import { fullScores, newAssessmentPlan, newRegistration, newSchools, personWithAccount, type PersonAccount } from './assessments.testing.js';

type Plan = Awaited<ReturnType<typeof newAssessmentPlan>>;

describe('assessments', () => {
  let t: TestApp;
  let units: Awaited<ReturnType<typeof newSchools>>;
  let plan: Plan;
  let head: Client;
  let council: Client;
  let cityHead: Client;
  let cityCouncil: Client;

  beforeAll(async () => {
    t = await testApp();
    units = await newSchools(t.ctx.db);
    plan = await newAssessmentPlan(t.ctx.db, units.city);
    head = await clientWith(t, [['unit_head', units.school]]);
    council = await clientWith(t, [['council_member', units.school]]);
    cityHead = await clientWith(t, [['unit_head', units.city]]);
    cityCouncil = await clientWith(t, [['council_member', units.city]]);
  });

  /** A registered teacher of `unit` with an account. */
  async function teacher(unit: TestUnit = units.school, fullName?: string): Promise<PersonAccount> {
    const p = await personWithAccount(t, unit, { fullName });
    await newRegistration(t.ctx.db, { plan, person: { id: p.personId }, unit });
    return p;
  }

  async function open(c: Client, body: Record<string, unknown>) {
    return c.post('/api/assessments', { movementId: plan.movementId, year: plan.year, ...body });
  }

  async function put(c: Client, a: { id: number; revision: number }, scores: unknown[]) {
    return c.request({ method: 'PUT', url: `/api/assessments/${a.id}/scores`, payload: { revision: a.revision, scores } });
  }

  /** Opens, scores and submits a teacher's sheet, then has the head score and submit it: it waits for the council. */
  async function atCouncil(p: PersonAccount, self = { '1.1': 14, '1.2': 14, '2': 45, '3': 18, '4': true }, review = { '1.1': 12, '1.2': 13, '2': 40, '3': 15, '4': true }) {
    const opened = (await open(p.client, { personId: p.personId })).json() as AssessmentDetail;
    const saved = (await put(p.client, opened, fullScores(plan.c, self))).json() as AssessmentDetail;
    expect((await p.client.post(`/api/assessments/${saved.id}/submit`)).statusCode).toBe(200);
    const atReview = (await head.get(`/api/assessments/${saved.id}`)).json() as AssessmentDetail;
    const reviewed = await put(head, atReview, fullScores(plan.c, review));
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const sent = await head.post(`/api/assessments/${saved.id}/submit`);
    expect(sent.statusCode, sent.body).toBe(200);
    return sent.json() as AssessmentDetail;
  }

  const row = (id: number) => t.ctx.db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  describe('the approval order: self → head → council → final', () => {
    let me: PersonAccount;
    let a: AssessmentDetail;

    it('opens the sheet of a registered teacher once, against the registration’s plan, and freezes the plan’s criteria', async () => {
      me = await teacher(units.school, 'Nguyễn Thị Hoa');
      const first = await open(me.client, { personId: me.personId });
      expect(first.statusCode, first.body).toBe(201);
      a = first.json();
      expect(a).toMatchObject({ stage: 'self', planId: plan.id, personId: me.personId, unitId: units.school.id, maxTotal: 100, revision: 0, allowed: ['scores', 'submit'], visibleStages: ['self'] });
      expect(a.criteria.map((c) => [c.code, c.depth, c.leaf, c.maxPoints, c.isVeto])).toEqual([
        ['1', 0, false, 30, false],
        ['1.1', 1, true, 15, false],
        ['1.2', 1, true, 15, false],
        ['2', 0, true, 50, false],
        ['3', 0, true, 20, false],
        ['4', 0, true, null, true],
      ]);
      const frozen = await t.ctx.db.selectFrom('plans').select('criteria_frozen_at').where('id', '=', plan.id).executeTakeFirstOrThrow();
      expect(frozen.criteria_frozen_at).not.toBeNull();

      const again = await open(me.client, { personId: me.personId });
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(a.id);
    });

    it('refuses to send an incomplete sheet, naming what is missing', async () => {
      const partial = await put(me.client, a, [{ criterionId: plan.c.ind['1.1'], points: 14, note: 'Chấp hành tốt nội quy' }]);
      expect(partial.statusCode, partial.body).toBe(200);
      a = partial.json();
      expect(a.selfTotal).toBe(14);
      expect(a.criteria.find((c) => c.code === '1')!.self).toEqual({ points: 14, met: null, note: null });
      const res = await me.client.post(`/api/assessments/${a.id}/submit`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'ASSESSMENT_INCOMPLETE', details: { missing: ['1.2', '2', '3', '4'] } });
      expect(res.json().error.fields[0].message).toBe('Còn 4 tiêu chí chưa chấm: 1.2, 2, 3, 4');
      expect((await row(a.id)).stage).toBe('self');
    });

    it('lets the teacher score every criterion and send it to the head', async () => {
      const res = await put(me.client, a, fullScores(plan.c, { '1.1': 14, '1.2': 14, '2': 48, '3': 19, '4': true }));
      a = res.json();
      expect(a.selfTotal).toBe(95);
      const sent = await me.client.post(`/api/assessments/${a.id}/submit`);
      expect(sent.statusCode, sent.body).toBe(200);
      a = sent.json();
      expect(a).toMatchObject({ stage: 'review', allowed: [] });
      expect(a.submittedAt).not.toBeNull();
      // Submitted: the teacher can no longer change it.
      const late = await put(me.client, a, [{ criterionId: plan.c.ind['2'], points: 50 }]);
      expect(late.statusCode).toBe(403);
      expect(late.json().error.details.reason).toBe('Phiếu đang ở bước thủ trưởng chấm điểm');
    });

    it('shows the head the teacher’s column beside their own, and the head’s queue lists it', async () => {
      const seen = (await head.get(`/api/assessments/${a.id}`)).json() as AssessmentDetail;
      expect(seen.visibleStages).toEqual(['self', 'review', 'council']);
      expect(seen.allowed).toEqual(['scores', 'submit', 'return', 'discipline']);
      expect(seen.criteria.find((c) => c.code === '1.1')!.self).toEqual({ points: 14, met: null, note: 'Chấp hành tốt nội quy' });
      expect(seen.criteria.find((c) => c.code === '1.1')!.review).toBeNull();
      const queue = (await head.get(`/api/assessments?view=review&movementId=${plan.movementId}`)).json();
      expect(queue.items.map((i: { id: number }) => i.id)).toContain(a.id);
      // Another school's head does not even learn that the sheet exists; a viewer of the school reads it but may not act.
      const otherHead = await clientWith(t, [['unit_head', units.otherSchool]]);
      expect((await otherHead.get(`/api/assessments/${a.id}`)).statusCode).toBe(404);
      expect((await otherHead.request({ method: 'PUT', url: `/api/assessments/${a.id}/scores`, payload: { revision: seen.revision, scores: [{ criterionId: plan.c.ind['2'], points: 1 }] } })).statusCode).toBe(404);
      const viewer = await clientWith(t, [['viewer', units.school]]);
      expect((await viewer.get(`/api/assessments/${a.id}`)).json()).toMatchObject({ allowed: [], visibleStages: ['self', 'review', 'council'] });
      // The council has nothing to do yet.
      expect((await council.get('/api/assessments?view=council')).json().items.map((i: { id: number }) => i.id)).not.toContain(a.id);
      expect((await council.post(`/api/assessments/${a.id}/finalise`, {})).statusCode).toBe(403);
    });

    it('lets the head score lower and send it to the council, which sees the overscore flag', async () => {
      a = (await head.get(`/api/assessments/${a.id}`)).json();
      const scored = await put(head, a, fullScores(plan.c, { '1.1': 12, '1.2': 13, '2': 38, '3': 17, '4': true }));
      expect(scored.statusCode, scored.body).toBe(200);
      expect(scored.json()).toMatchObject({ selfTotal: 95, reviewTotal: 80 });
      const sent = await head.post(`/api/assessments/${a.id}/submit`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ stage: 'council', overscoreFlag: true, reviewTotal: 80, councilTotal: 80 });
      expect(sent.json().reviewedAt).not.toBeNull();

      const queue = (await council.get('/api/assessments?view=council&flagged=true')).json();
      expect(queue.items.find((i: { id: number }) => i.id === a.id)).toMatchObject({ overscoreFlag: true, stage: 'council', selfTotal: 95, reviewTotal: 80 });
      // The teacher sees neither the head's figures nor the flag before the end.
      const mine = (await me.client.get('/api/assessments?view=mine')).json();
      expect(mine.items[0]).toMatchObject({ id: a.id, stage: 'council', reviewTotal: null, councilTotal: null, overscoreFlag: false });
    });

    it('lets the council adjust one criterion and finalise: Tốt, locked', async () => {
      a = (await council.get(`/api/assessments/${a.id}`)).json();
      expect(a.allowed).toEqual(['scores', 'return', 'finalise']);
      const adjusted = await put(council, a, [{ criterionId: plan.c.ind['2'], points: 40, note: 'Hội đồng nâng điểm sau khi xem minh chứng' }]);
      expect(adjusted.json()).toMatchObject({ councilTotal: 82, reviewTotal: 80 });
      const done = await council.post(`/api/assessments/${a.id}/finalise`, {});
      expect(done.statusCode, done.body).toBe(200);
      a = done.json();
      expect(a).toMatchObject({ stage: 'final', classification: 'good', classificationLabel: { vi: 'Tốt', en: 'Good' }, councilTotal: 82, cappedBy: null, allowed: ['reopen'] });
      expect(a.finalisedAt).not.toBeNull();
    });

    it('shows the teacher the result with every column, and refuses every change with ASSESSMENT_LOCKED', async () => {
      const mine = (await me.client.get(`/api/assessments/${a.id}`)).json() as AssessmentDetail;
      expect(mine).toMatchObject({ stage: 'final', classification: 'good', visibleStages: ['self', 'review', 'council'], allowed: [] });
      expect(mine.criteria.find((c) => c.code === '2')).toMatchObject({ self: { points: 48 }, review: { points: 38 }, council: { points: 40 } });
      const before = await row(a.id);
      const audits = await auditCount(t.ctx.db);
      for (const res of [
        await put(me.client, mine, [{ criterionId: plan.c.ind['2'], points: 50 }]),
        await put(council, mine, [{ criterionId: plan.c.ind['2'], points: 50 }]),
        await me.client.post(`/api/assessments/${a.id}/submit`),
        await head.post(`/api/assessments/${a.id}/return`, { reason: 'Xem lại' }),
        await council.post(`/api/assessments/${a.id}/finalise`, {}),
      ]) {
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('ASSESSMENT_LOCKED');
      }
      expect(await row(a.id)).toEqual(before);
      expect(await auditCount(t.ctx.db)).toBe(audits);
    });

    it('lets only the council reopen it, with a reason, as a recorded exception', async () => {
      expect((await head.post(`/api/assessments/${a.id}/reopen`, { reason: 'Sai sót' })).statusCode).toBe(403);
      expect((await me.client.post(`/api/assessments/${a.id}/reopen`, { reason: 'Sai sót' })).statusCode).toBe(403);
      const blank = await council.post(`/api/assessments/${a.id}/reopen`, { reason: '   ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().error.fields[0].path).toBe('reason');
      const reopened = await council.post(`/api/assessments/${a.id}/reopen`, { reason: 'Phát hiện sai sót khi tổng hợp' });
      expect(reopened.statusCode, reopened.body).toBe(200);
      expect(reopened.json()).toMatchObject({ stage: 'council', classification: null, returned: { reason: 'Phát hiện sai sót khi tổng hợp', from: 'final' } });
      const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'assessment').where('entity_id', '=', String(a.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: 'assessment.reopen', before: { stage: 'final', classification: 'good' }, after: { stage: 'council', reason: 'Phát hiện sai sót khi tổng hợp' } });
      expect((await council.post(`/api/assessments/${a.id}/reopen`, { reason: 'Lần nữa' })).json().error.code).toBe('ASSESSMENT_WRONG_STAGE');
      expect((await council.post(`/api/assessments/${a.id}/finalise`, {})).json().classification).toBe('good');
    });
  });

  describe('opening', () => {
    it('refuses a subject that has not registered, or has withdrawn, with a clear 409', async () => {
      const p = await personWithAccount(t, units.school);
      const res = await open(p.client, { personId: p.personId });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'ASSESSMENT_NOT_REGISTERED', message: 'Chưa đăng ký thi đua cho phong trào và năm này nên chưa thể đánh giá; hãy đăng ký trước' });
      await newRegistration(t.ctx.db, { plan, person: { id: p.personId }, unit: units.school, status: 'withdrawn' });
      expect((await open(p.client, { personId: p.personId })).json().error.code).toBe('ASSESSMENT_NOT_REGISTERED');
      expect(await t.ctx.db.selectFrom('assessments').select('id').where('person_id', '=', p.personId).execute()).toEqual([]);
    });

    it('answers 404 for a person of another subtree and 400 without exactly one subject', async () => {
      const p = await teacher();
      const stranger = await clientWith(t, [['unit_head', await newUnit(t.ctx.db, { kind: 'province' })]]);
      expect((await open(stranger, { personId: p.personId })).statusCode).toBe(404);
      expect((await open(p.client, {})).statusCode).toBe(400);
      expect((await open(p.client, { personId: p.personId, unitId: units.school.id })).statusCode).toBe(400);
    });

    it('lets the unit’s officer open a teacher’s sheet on their behalf, and a collective’s', async () => {
      const p = await teacher();
      const officer = await clientWith(t, [['unit_officer', units.school]]);
      expect((await open(officer, { personId: p.personId })).statusCode).toBe(201);
      await newRegistration(t.ctx.db, { plan, unit: units.otherSchool });
      const col = await open(officer, { unitId: units.otherSchool.id });
      expect(col.statusCode).toBe(404);
      const officer2 = await clientWith(t, [['unit_officer', units.otherSchool]]);
      const opened = await open(officer2, { unitId: units.otherSchool.id });
      expect(opened.statusCode, opened.body).toBe(201);
      expect(opened.json()).toMatchObject({ subject: 'collective', personId: null, maxTotal: 100, allowed: ['scores', 'submit'] });
      expect(opened.json().criteria.map((c: { code: string }) => c.code)).toEqual(['1', '2', '3']);
    });
  });

  describe('scores', () => {
    let p: PersonAccount;
    let a: AssessmentDetail;
    beforeAll(async () => {
      p = await teacher();
      a = (await open(p.client, { personId: p.personId })).json();
    });

    async function refusedWithNothingSaved(res: Awaited<ReturnType<typeof put>>, status: number, code: string) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      return res.json().error;
    }

    it('refuses points outside 0..max, naming the criterion, and saves nothing of the request', async () => {
      const before = await t.ctx.db.selectFrom('assessment_scores').selectAll().where('assessment_id', '=', a.id).execute();
      const audits = await auditCount(t.ctx.db);
      const over = await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['3'], points: 5 }, { criterionId: plan.c.ind['1.1'], points: 15.5 }]), 400, 'VALIDATION_FAILED');
      expect(over.fields).toEqual([{ path: 'scores.1.points', message: 'Tiêu chí 1.1: điểm tối đa là 15, không nhận 15,5', messageEn: 'Criterion 1.1: at most 15 points, not 15.5' }]);
      const neg = await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['2'], points: -1 }]), 400, 'VALIDATION_FAILED');
      expect(neg.fields[0].messageEn).toBe('Criterion 2: points cannot be negative, not -1');
      const fine = await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['2'], points: 1.234 }]), 400, 'VALIDATION_FAILED');
      expect(fine.fields[0].message).toBe('Tiêu chí 2: chỉ lấy tối đa 2 chữ số thập phân, không nhận 1,234');
      // Every refused value of one save is named at once: 40 on a criterion worth 15, −3, a note of 3,200 characters.
      const many = await refusedWithNothingSaved(
        await put(p.client, a, [
          { criterionId: plan.c.ind['1.1'], points: 40 },
          { criterionId: plan.c.ind['1.2'], points: -3 },
          { criterionId: plan.c.ind['3'], points: 5, note: 'x'.repeat(3200) },
        ]),
        400,
        'VALIDATION_FAILED',
      );
      expect(many.fields.map((f: { path: string; message: string }) => [f.path, f.message])).toEqual([
        ['scores.0.points', 'Tiêu chí 1.1: điểm tối đa là 15, không nhận 40'],
        ['scores.1.points', 'Tiêu chí 1.2: điểm không được âm, không nhận -3'],
        ['scores.2.note', 'Tiêu chí 3 — ghi chú: tối đa 2.000 ký tự (đang có 3.200)'],
      ]);
      // A type the schema refuses is named by its field, never by its path.
      const typed = await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['2'], points: 'abc' as unknown as number }]), 400, 'VALIDATION_FAILED');
      expect(typed.fields[0]).toMatchObject({ path: 'scores.0.points', message: 'Điểm (dòng 1): “abc” không phải là một số' });
      expect(await t.ctx.db.selectFrom('assessment_scores').selectAll().where('assessment_id', '=', a.id).execute()).toEqual(before);
      expect(await auditCount(t.ctx.db)).toBe(audits);
    });

    it('refuses a criterion of another plan, a group heading, and the wrong kind of value', async () => {
      const other = await newAssessmentPlan(t.ctx.db, units.city);
      const foreign = await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: other.c.ind['2'], points: 5 }]), 400, 'VALIDATION_FAILED');
      expect(foreign.fields[0].message).toBe(`Tiêu chí #${other.c.ind['2']} không thuộc kế hoạch của phiếu này`);
      // A collective criterion of the same plan is not on an individual's sheet either.
      await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.col['1'], points: 5 }]), 400, 'VALIDATION_FAILED');
      const group = await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['1'], points: 20 }]), 400, 'VALIDATION_FAILED');
      expect(group.fields[0].message).toContain('Tiêu chí 1 là nhóm');
      await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['4'], points: 1 }]), 400, 'VALIDATION_FAILED');
      await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['2'], met: true }]), 400, 'VALIDATION_FAILED');
      await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['2'], points: 1 }, { criterionId: plan.c.ind['2'], points: 2 }]), 400, 'VALIDATION_FAILED');
      const badBody = await p.client.request({ method: 'PUT', url: `/api/assessments/${a.id}/scores`, payload: { scores: [] } });
      expect(badBody.statusCode).toBe(400);
    });

    it('refuses a stale revision with 409 and keeps the newer values', async () => {
      const first = await put(p.client, a, [{ criterionId: plan.c.ind['2'], points: 40 }]);
      expect(first.statusCode).toBe(200);
      const stale = await refusedWithNothingSaved(await put(p.client, a, [{ criterionId: plan.c.ind['2'], points: 10 }]), 409, 'ASSESSMENT_STALE');
      expect(stale.details.revision).toBe(a.revision + 1);
      a = first.json();
      expect(a.criteria.find((c) => c.code === '2')!.self!.points).toBe(40);
    });

    it('audits every change with its old and new values, and a save that changes nothing writes nothing', async () => {
      const res = await put(p.client, a, [
        { criterionId: plan.c.ind['2'], points: 45, note: 'Có minh chứng kèm theo' },
        { criterionId: plan.c.ind['4'], met: true },
        { criterionId: plan.c.ind['3'] },
      ]);
      expect(res.statusCode, res.body).toBe(200);
      const entry = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_user_id', 'before', 'after'])
        .where('entity', '=', 'assessment')
        .where('entity_id', '=', String(a.id))
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry).toEqual({
        action: 'assessment.scores',
        actor_user_id: p.userId,
        before: {
          stage: 'self',
          revision: a.revision,
          scores: [
            { criterionId: plan.c.ind['2'], code: '2', points: 40, met: null, note: null },
            { criterionId: plan.c.ind['4'], code: '4', points: null, met: null, note: null },
          ],
        },
        after: {
          stage: 'self',
          revision: a.revision + 1,
          scores: [
            { criterionId: plan.c.ind['2'], code: '2', points: 45, met: null, note: 'Có minh chứng kèm theo' },
            { criterionId: plan.c.ind['4'], code: '4', points: null, met: true, note: null },
          ],
        },
      });
      a = res.json();
      const audits = await auditCount(t.ctx.db);
      const same = await put(p.client, a, [{ criterionId: plan.c.ind['2'], points: 45 }]);
      expect(same.json().revision).toBe(a.revision);
      expect(await auditCount(t.ctx.db)).toBe(audits);
    });

    it('clears a value with null', async () => {
      const res = await put(p.client, a, [{ criterionId: plan.c.ind['2'], points: null, note: '' }]);
      expect(res.json().criteria.find((c: { code: string }) => c.code === '2').self).toBeNull();
      expect(res.json().selfTotal).toBeNull();
    });
  });

  describe('returns', () => {
    it('lets the head return to the teacher with a required reason, which the teacher sees', async () => {
      const p = await teacher();
      const a = (await open(p.client, { personId: p.personId })).json() as AssessmentDetail;
      await put(p.client, a, fullScores(plan.c, { '1.1': 10, '1.2': 10, '2': 40, '3': 15, '4': true }));
      await p.client.post(`/api/assessments/${a.id}/submit`);
      const empty = await head.post(`/api/assessments/${a.id}/return`, { reason: '' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.fields[0]).toMatchObject({ path: 'reason', message: 'Lý do: Bắt buộc nhập lý do' });
      expect((await head.post(`/api/assessments/${a.id}/return`, {})).statusCode).toBe(400);
      expect((await row(a.id)).stage).toBe('review');

      const back = await head.post(`/api/assessments/${a.id}/return`, { reason: 'Tiêu chí 2 thiếu minh chứng' });
      expect(back.statusCode, back.body).toBe(200);
      const mine = (await p.client.get(`/api/assessments/${a.id}`)).json() as AssessmentDetail;
      expect(mine).toMatchObject({ stage: 'self', allowed: ['scores', 'submit'], returned: { reason: 'Tiêu chí 2 thiếu minh chứng', from: 'review' } });
      expect(mine.returned!.byName).toMatch(/^Người dùng/);
      expect(await row(a.id)).toMatchObject({ returned_from: 'review', returned_reason: 'Tiêu chí 2 thiếu minh chứng' });
      // Sent again: the return is behind it.
      expect((await p.client.post(`/api/assessments/${a.id}/submit`)).json()).toMatchObject({ stage: 'review', returned: null });
      // The teacher cannot return anything; at self there is nothing to return.
      expect((await p.client.post(`/api/assessments/${a.id}/return`, { reason: 'x' })).statusCode).toBe(403);
    });

    it('lets the council return to the head (default) or to the teacher', async () => {
      const p = await teacher();
      const a = await atCouncil(p);
      const toHead = await council.post(`/api/assessments/${a.id}/return`, { reason: 'Thủ trưởng xem lại tiêu chí 2' });
      expect(toHead.json()).toMatchObject({ stage: 'review', returned: { from: 'council', reason: 'Thủ trưởng xem lại tiêu chí 2' } });
      expect((await head.post(`/api/assessments/${a.id}/return`, { reason: 'Bổ sung minh chứng', to: 'review' })).statusCode).toBe(400);
      await head.post(`/api/assessments/${a.id}/submit`);
      const toTeacher = await council.post(`/api/assessments/${a.id}/return`, { reason: 'Cá nhân bổ sung minh chứng', to: 'self' });
      expect(toTeacher.json()).toMatchObject({ stage: 'self', councilTotal: null });
      expect((await p.client.get(`/api/assessments/${a.id}`)).json().allowed).toEqual(['scores', 'submit']);
    });
  });

  describe('caps and flags', () => {
    it('caps at Không đạt when the veto criterion is not met, naming it', async () => {
      const p = await teacher();
      const a = await atCouncil(p, { '1.1': 15, '1.2': 15, '2': 50, '3': 20, '4': true }, { '1.1': 15, '1.2': 15, '2': 50, '3': 20, '4': false });
      expect(a.overscoreFlag).toBe(false);
      const done = (await council.post(`/api/assessments/${a.id}/finalise`, {})).json();
      expect(done).toMatchObject({ classification: 'fail', classificationLabel: { vi: 'Không đạt' }, cappedBy: 'veto', councilTotal: 100 });
      expect(done.capReason).toBe('Tiêu chí điểm liệt 4 "Không vi phạm quy định cấm hút thuốc lá nơi làm việc" không đạt');
    });

    it('caps at Không đạt for discipline in the year, naming form and decision; a revoked one caps nothing', async () => {
      const p = await teacher();
      const a = await atCouncil(p, { '1.1': 15, '1.2': 15, '2': 50, '3': 20, '4': true }, { '1.1': 15, '1.2': 15, '2': 48, '3': 20, '4': true });
      const recorded = await head.post('/api/disciplines', { personId: p.personId, form: 'reprimand', decidedOn: `${plan.year}-03-05`, decisionNumber: '12/QĐ-THCS', reason: 'Vi phạm quy định về giờ làm việc' });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const lastYear = await head.post('/api/disciplines', { personId: p.personId, form: 'warning', decidedOn: `${plan.year - 1}-12-30`, reason: 'Năm trước' });
      expect(lastYear.statusCode).toBe(201);
      const seen = (await council.get(`/api/assessments/${a.id}`)).json() as AssessmentDetail;
      expect(seen.disciplines.map((d) => d.form)).toEqual(['reprimand']);

      const done = (await council.post(`/api/assessments/${a.id}/finalise`, {})).json();
      expect(done).toMatchObject({ classification: 'fail', cappedBy: 'discipline', councilTotal: 98 });
      expect(done.capReason).toBe(`Bị kỷ luật khiển trách theo Quyết định số 12/QĐ-THCS ngày 05/03/${plan.year}`);

      // Revoked, and the council reopens and finalises again: Xuất sắc.
      const revoked = await head.post(`/api/disciplines/${recorded.json().id}/revoke`, { reason: 'Quyết định bị hủy theo kết luận thanh tra' });
      expect(revoked.statusCode, revoked.body).toBe(200);
      await council.post(`/api/assessments/${a.id}/reopen`, { reason: 'Quyết định kỷ luật đã bị hủy' });
      expect((await council.post(`/api/assessments/${a.id}/finalise`, {})).json()).toMatchObject({ classification: 'excellent', cappedBy: null, capReason: null });
    });

    it('flags a self-score above the head’s by more than the plan’s margin, and not within it', async () => {
      const p = await teacher();
      const within = await atCouncil(p, { '1.1': 15, '1.2': 15, '2': 50, '3': 20, '4': true }, { '1.1': 15, '1.2': 15, '2': 40, '3': 20, '4': true });
      expect(within).toMatchObject({ selfTotal: 100, reviewTotal: 90, overscoreFlag: false });
      const q = await teacher();
      const beyond = await atCouncil(q, { '1.1': 15, '1.2': 15, '2': 50, '3': 20, '4': true }, { '1.1': 15, '1.2': 15, '2': 39.5, '3': 20, '4': true });
      expect(beyond.overscoreFlag).toBe(true);
      const flagged = (await council.get(`/api/assessments?view=council&flagged=true&pageSize=200`)).json().items.map((i: { id: number }) => i.id);
      expect(flagged).toContain(beyond.id);
      expect(flagged).not.toContain(within.id);
    });
  });

  describe('a collective after its members and sub-units', () => {
    it('refuses to finalise while members are not final, says how many, and finalises with a recorded override', async () => {
      const school = await newUnit(t.ctx.db, { parent: units.city, kind: 'school', name: 'Trường Tiểu học Vĩnh Hải' });
      const branch = await newUnit(t.ctx.db, { parent: school, kind: 'school', name: 'Điểm trường Vĩnh Hải 2' });
      const schoolHead = await clientWith(t, [['unit_head', school]]);
      const schoolCouncil = await clientWith(t, [['council_member', school]]);
      const officer = await clientWith(t, [['unit_officer', school]]);
      const members = [await personWithAccount(t, school), await personWithAccount(t, school)];
      for (const m of members) await newRegistration(t.ctx.db, { plan, person: { id: m.personId }, unit: school });
      // A member registered but without a sheet yet is not final either.
      const idle = await newPerson(t.ctx.db, school);
      await newRegistration(t.ctx.db, { plan, person: { id: idle.id }, unit: school });
      await newRegistration(t.ctx.db, { plan, unit: branch });
      await newRegistration(t.ctx.db, { plan, unit: school });

      const col = (await open(officer, { unitId: school.id })).json() as AssessmentDetail;
      expect(col.dependants).toEqual({ total: 4, notFinal: 4 });
      const saved = await put(officer, col, [
        { criterionId: plan.c.col['1'], points: 28 },
        { criterionId: plan.c.col['2'], points: 45 },
        { criterionId: plan.c.col['3'], points: 18 },
      ]);
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await officer.post(`/api/assessments/${col.id}/submit`)).statusCode).toBe(200);
      // The school's own head may not score the school as a collective; the city's head does.
      expect((await schoolHead.get(`/api/assessments/${col.id}`)).json().allowed).not.toContain('scores');
      const reviewed = (await cityHead.get(`/api/assessments/${col.id}`)).json() as AssessmentDetail;
      await put(cityHead, reviewed, [
        { criterionId: plan.c.col['1'], points: 27 },
        { criterionId: plan.c.col['2'], points: 45 },
        { criterionId: plan.c.col['3'], points: 18 },
      ]);
      expect((await cityHead.post(`/api/assessments/${col.id}/submit`)).statusCode).toBe(200);

      const refused = await cityCouncil.post(`/api/assessments/${col.id}/finalise`, {});
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'ASSESSMENT_DEPENDANTS_NOT_FINAL', details: { notFinal: 4, members: 3, childUnits: 1, total: 4 } });
      expect(refused.json().error.fields[0].message).toBe('Còn 4 phiếu chưa hoàn tất (3 cá nhân, 1 đơn vị trực thuộc); hoàn tất các phiếu đó trước hoặc nhập lý do');

      // One member goes all the way: one fewer not final.
      const m = members[0]!;
      const ma = (await open(m.client, { personId: m.personId })).json() as AssessmentDetail;
      await put(m.client, ma, fullScores(plan.c, { '1.1': 14, '1.2': 14, '2': 45, '3': 18, '4': true }));
      await m.client.post(`/api/assessments/${ma.id}/submit`);
      const mr = (await schoolHead.get(`/api/assessments/${ma.id}`)).json() as AssessmentDetail;
      await put(schoolHead, mr, fullScores(plan.c, { '1.1': 14, '1.2': 14, '2': 45, '3': 18, '4': true }));
      await schoolHead.post(`/api/assessments/${ma.id}/submit`);
      expect((await schoolCouncil.post(`/api/assessments/${ma.id}/finalise`, {})).json().classification).toBe('excellent');
      expect((await cityCouncil.post(`/api/assessments/${col.id}/finalise`, {})).json().error.details.notFinal).toBe(3);

      const audits = await auditCount(t.ctx.db);
      const forced = await cityCouncil.post(`/api/assessments/${col.id}/finalise`, { overrideReason: 'Hạn báo cáo 30/11; các phiếu còn lại hoàn tất sau' });
      expect(forced.statusCode, forced.body).toBe(200);
      expect(forced.json()).toMatchObject({ stage: 'final', classification: 'excellent', councilTotal: 90, overrideReason: 'Hạn báo cáo 30/11; các phiếu còn lại hoàn tất sau', dependants: { total: 4, notFinal: 3 } });
      expect(await auditCount(t.ctx.db)).toBe(audits + 1);
      const entry = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ action: 'assessment.finalise', after: { overrideReason: 'Hạn báo cáo 30/11; các phiếu còn lại hoàn tất sau', dependantsNotFinal: 3 } });
    });

    it('finalises without a reason once every member and sub-unit is final, and records none', async () => {
      const unit = await newUnit(t.ctx.db, { parent: units.city, kind: 'school', name: 'Trường Mầm non Hoa Sen' });
      const officer = await clientWith(t, [['unit_officer', unit]]);
      await newRegistration(t.ctx.db, { plan, unit });
      const col = (await open(officer, { unitId: unit.id })).json() as AssessmentDetail;
      expect(col.dependants).toEqual({ total: 0, notFinal: 0 });
      await put(officer, col, [
        { criterionId: plan.c.col['1'], points: 20 },
        { criterionId: plan.c.col['2'], points: 40 },
        { criterionId: plan.c.col['3'], points: 10 },
      ]);
      await officer.post(`/api/assessments/${col.id}/submit`);
      const r = (await cityHead.get(`/api/assessments/${col.id}`)).json() as AssessmentDetail;
      await put(cityHead, r, [
        { criterionId: plan.c.col['1'], points: 20 },
        { criterionId: plan.c.col['2'], points: 40 },
        { criterionId: plan.c.col['3'], points: 10 },
      ]);
      await cityHead.post(`/api/assessments/${col.id}/submit`);
      const done = await cityCouncil.post(`/api/assessments/${col.id}/finalise`, { overrideReason: 'Không cần' });
      expect(done.json()).toMatchObject({ stage: 'final', classification: 'good', overrideReason: null });
    });
  });

  describe('lists', () => {
    it('finds people by name without diacritics, and keeps each list to its holder’s scope', async () => {
      const duc = await teacher(units.otherSchool, 'Trần Văn Đức');
      const dung = await teacher(units.otherSchool, 'Trần Văn Dũng');
      for (const p of [duc, dung]) {
        const a = (await open(p.client, { personId: p.personId })).json() as AssessmentDetail;
        await put(p.client, a, fullScores(plan.c, { '1.1': 10, '1.2': 10, '2': 40, '3': 15, '4': true }));
        await p.client.post(`/api/assessments/${a.id}/submit`);
      }
      const otherHead = await clientWith(t, [['unit_head', units.otherSchool]]);
      const names = async (c: Client, url: string) => ((await c.get(url)).json().items as { personName: string }[]).map((i) => i.personName);
      expect((await names(otherHead, '/api/assessments?view=review&q=tran%20van%20duc')).sort()).toEqual(['Trần Văn Đức']);
      expect((await names(otherHead, '/api/assessments?view=review&q=DUNG')).sort()).toEqual(['Trần Văn Dũng']);
      expect((await names(otherHead, '/api/assessments?view=review')).sort()).toEqual(['Trần Văn Dũng', 'Trần Văn Đức']);
      // The first school's head does not see the other school's queue; the city's head sees both.
      expect(await names(head, '/api/assessments?view=review&q=tran%20van')).toEqual([]);
      expect((await names(cityHead, `/api/assessments?view=review&unitId=${units.otherSchool.id}`)).sort()).toEqual(['Trần Văn Dũng', 'Trần Văn Đức']);
      // A teacher's "mine" is only their own; a colleague's sheet is not visible to a plain staff member.
      expect(await names(duc.client, '/api/assessments?view=mine')).toEqual(['Trần Văn Đức']);
      const dungSheet = (await dung.client.get('/api/assessments?view=mine')).json().items[0].id;
      expect((await duc.client.get(`/api/assessments/${dungSheet}`)).statusCode).toBe(404);
      expect((await duc.client.get('/api/assessments?view=all')).json().items).toEqual([]);
    });

    it('filters by stage and classification', async () => {
      const all = (await council.get(`/api/assessments?view=all&stage=final&classification=good&pageSize=200`)).json();
      expect(all.items.length).toBeGreaterThan(0);
      expect(all.items.every((i: { stage: string; classification: string }) => i.stage === 'final' && i.classification === 'good')).toBe(true);
      expect((await council.get('/api/assessments?view=everything')).statusCode).toBe(400);
    });
  });

  describe('disciplines', () => {
    it('records, lists and revokes; refuses a future date, a second revocation, and oneself', async () => {
      const p = await teacher();
      const future = await head.post('/api/disciplines', { personId: p.personId, form: 'warning', decidedOn: '2999-01-01', reason: 'x' });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.fields[0].path).toBe('decidedOn');
      expect((await head.post('/api/disciplines', { personId: p.personId, form: 'scolding', decidedOn: '2025-01-01', reason: 'x' })).statusCode).toBe(400);
      const made = await head.post('/api/disciplines', { personId: p.personId, form: 'warning', decidedOn: '2025-02-01', decisionNumber: '3/QĐ', reason: 'Vắng họp không lý do' });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ form: 'warning', decidedOn: '2025-02-01', decisionNumber: '3/QĐ', unitId: units.school.id, allowed: ['revoke'] });
      expect((await p.client.get(`/api/disciplines?personId=${p.personId}`)).json().items).toMatchObject([{ id: made.json().id, allowed: [] }]);
      const colleague = await personWithAccount(t, units.school);
      expect((await colleague.client.get(`/api/disciplines?personId=${p.personId}`)).statusCode).toBe(404);
      expect((await head.post(`/api/disciplines/${made.json().id}/revoke`, { reason: '' })).statusCode).toBe(400);
      expect((await head.post(`/api/disciplines/${made.json().id}/revoke`, { reason: 'Ghi nhầm người' })).json()).toMatchObject({ revokedReason: 'Ghi nhầm người', allowed: [] });
      expect((await head.post(`/api/disciplines/${made.json().id}/revoke`, { reason: 'Lần nữa' })).json().error.code).toBe('DISCIPLINE_REVOKED');

      // A head may not record discipline for themself.
      const headPerson = await personWithAccount(t, units.school, { roles: [['unit_head', units.school]] });
      expect((await headPerson.client.post('/api/disciplines', { personId: headPerson.personId, form: 'reprimand', decidedOn: '2025-01-01', reason: 'Tự ghi' })).statusCode).toBe(403);
      const admin = await adminAt(t, units.province);
      expect((await admin.post('/api/disciplines', { personId: headPerson.personId, form: 'reprimand', decidedOn: '2025-01-01', reason: 'Ghi thay' })).statusCode).toBe(201);
    });
  });
});
