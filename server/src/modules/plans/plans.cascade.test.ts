import type { CriterionView, ParentChanges, PlanComparison, PlanDetail } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { authorisationMatrix, type MatrixCaller, type MatrixRoute } from '../../../test/authz-matrix.js';
import { adminAt, clientWith } from '../../../test/clients.js';
import { auditCount, newUnit, type TestUnit } from '../../../test/factories.js';

/** A node of PUT /criteria: `ref` is an existing id (kept) or a new key. */
interface Node {
  ref: string;
  parentRef: string | null;
  subject: 'collective' | 'individual';
  code: string;
  text: string;
  maxPoints: number | null;
  isVeto?: boolean;
  droppedReason?: string | null;
  originCriterionId?: number | null;
}

/** A plan's criteria as PUT /criteria takes them back, each keeping its id. */
function nodesOf(plan: PlanDetail): Node[] {
  return plan.criteria.map((c) => ({
    ref: String(c.id),
    parentRef: c.parentId === null ? null : String(c.parentId),
    subject: c.subject,
    code: c.code,
    text: c.text,
    maxPoints: c.maxPoints,
    isVeto: c.isVeto,
    droppedReason: c.droppedReason,
    originCriterionId: c.originCriterionId,
  }));
}

const byCode = (plan: PlanDetail, code: string, subject = 'collective'): CriterionView => {
  const found = plan.criteria.find((c) => c.code === code && c.subject === subject);
  if (!found) throw new Error(`no ${subject} criterion ${code} in plan ${plan.id}`);
  return found;
};

/** The criteria of the province's plan (as the Sở Nội vụ would issue it). */
const provinceCriteria: Node[] = [
  { ref: 'a', parentRef: null, subject: 'collective', code: '1', text: 'Xây dựng cơ quan văn minh, sạch đẹp', maxPoints: 20 },
  { ref: 'a1', parentRef: 'a', subject: 'collective', code: '1.1', text: 'Trụ sở khang trang', maxPoints: 10 },
  { ref: 'a2', parentRef: 'a', subject: 'collective', code: '1.2', text: 'Không hút thuốc lá nơi làm việc', maxPoints: 10 },
  { ref: 'b', parentRef: null, subject: 'collective', code: '2', text: 'Thực hiện quy chế dân chủ ở cơ sở', maxPoints: 30 },
  { ref: 'c', parentRef: null, subject: 'collective', code: '3', text: 'Ứng xử văn hóa với nhân dân', maxPoints: 50 },
  { ref: 'x', parentRef: null, subject: 'collective', code: '4', text: 'Tiêu chí đã bỏ', maxPoints: null, droppedReason: 'Trùng với tiêu chí 2' },
  { ref: 'i', parentRef: null, subject: 'individual', code: '1', text: 'Chấp hành kỷ luật, kỷ cương hành chính', maxPoints: 100, isVeto: true },
];

describe('plan cascade', () => {
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

  /** Province → city (as Nha Trang) → school, another city with its school, and a movement of the province. */
  async function tree() {
    const province = await newUnit(t.ctx.db, { parent: national, kind: 'province' });
    const city = await newUnit(t.ctx.db, { parent: province, kind: 'district' });
    const school = await newUnit(t.ctx.db, { parent: city, kind: 'school' });
    const otherCity = await newUnit(t.ctx.db, { parent: province, kind: 'district' });
    const otherSchool = await newUnit(t.ctx.db, { parent: otherCity, kind: 'school' });
    const movement = await admin.post('/api/movements', { name: 'CBCCVC thi đua thực hiện văn hóa công sở', kind: 'period', startYear: 2019, endYear: 2025, ownerUnitId: province.id });
    expect(movement.statusCode, movement.body).toBe(201);
    return { province, city, school, otherCity, otherSchool, movementId: movement.json().id as number };
  }

  async function putCriteria(c: Client, id: number, criteria: Node[]) {
    return c.request({ method: 'PUT', url: `/api/plans/${id}/criteria`, payload: { criteria } });
  }

  /** A plan issued by `unit` through the API: created, filled, published. */
  async function publishedPlan(c: Client, unit: TestUnit, movementId: number, criteria = provinceCriteria): Promise<PlanDetail> {
    const created = await c.post('/api/plans', { movementId, unitId: unit.id, title: 'Kế hoạch thực hiện phong trào văn hóa công sở', number: '05', code: 'KH-UBND', signer: 'Nguyễn Văn A' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const patched = await c.patch(`/api/plans/${id}`, {
      milestones: [{ year: 2022, date: null, label: 'Sơ kết 3 năm', kind: 'midterm_review' }],
      deadlines: [{ day: 30, month: 11, year: null, period: 'year', recipientText: 'Sở Nội vụ', recipientUnitId: null, text: 'Báo cáo năm trước ngày 30/11' }],
      awardForms: ['Giấy khen', 'Bằng khen của Chủ tịch UBND tỉnh'],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await putCriteria(c, id, criteria)).statusCode).toBe(200);
    const published = await c.post(`/api/plans/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    return published.json();
  }

  async function adopt(c: Client, planId: number, unitId: number): Promise<PlanDetail> {
    const res = await c.post(`/api/plans/${planId}/adopt`, { unitId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function get(c: Client, id: number): Promise<PlanDetail> {
    const res = await c.get(`/api/plans/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  const auditActions = async (entityId: number) =>
    (await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'plan').where('entity_id', '=', String(entityId)).orderBy('id').execute()).map((a) => a.action);

  describe('three levels: province → city → school', () => {
    let units: Awaited<ReturnType<typeof tree>>;
    let province: PlanDetail;
    let cityOfficer: Client;
    let schoolOfficer: Client;
    let cityPlan: PlanDetail;
    let schoolPlan: PlanDetail;

    beforeAll(async () => {
      units = await tree();
      const provinceOfficer = await clientWith(t, [['standing_officer', units.province]]);
      cityOfficer = await clientWith(t, [['unit_officer', units.city]]);
      schoolOfficer = await clientWith(t, [['unit_officer', units.school]]);
      province = await publishedPlan(provinceOfficer, units.province, units.movementId);
    });

    it('offers the adoption to a unit below, and the city adopts the province plan as its own draft', async () => {
      expect((await get(cityOfficer, province.id)).allowed).toEqual(['adopt']);
      expect((await outsider.get(`/api/plans/${province.id}`)).statusCode).toBe(404);

      cityPlan = await adopt(cityOfficer, province.id, units.city.id);
      expect(cityPlan).toMatchObject({
        status: 'draft',
        unitId: units.city.id,
        movementId: units.movementId,
        parentPlanId: province.id,
        version: 1,
        title: province.title,
        number: null,
        code: null,
        issueDate: null,
        signer: null,
        parentChanges: 0,
        allowed: ['edit', 'publish', 'reviewParentChanges'],
      });
      // The criteria in force, each remembering where it came from; the one the province dropped stays behind.
      const live = province.criteria.filter((c) => c.droppedReason === null);
      expect(cityPlan.criteria.map((c) => [c.subject, c.code, c.text, c.maxPoints, c.isVeto, c.depth])).toEqual(live.map((c) => [c.subject, c.code, c.text, c.maxPoints, c.isVeto, c.depth]));
      expect(cityPlan.criteria.map((c) => c.originCriterionId)).toEqual(live.map((c) => c.id));
      expect(byCode(cityPlan, '1.1').parentId).toBe(byCode(cityPlan, '1').id);
      expect(cityPlan.milestones.map((m) => m.label)).toEqual(['Sơ kết 3 năm']);
      expect(cityPlan.deadlines.map((d) => [d.day, d.month, d.recipientText])).toEqual([[30, 11, 'Sở Nội vụ']]);
      expect(cityPlan.awardForms.map((a) => a.name)).toEqual(['Giấy khen', 'Bằng khen của Chủ tịch UBND tỉnh']);
      expect(await auditActions(cityPlan.id)).toEqual(['plan.adopt']);
      expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    });

    it('allows one adoption per unit and parent plan, naming the plan the unit has (409), through either route', async () => {
      const before = await auditCount(t.ctx.db);
      const again = await cityOfficer.post(`/api/plans/${province.id}/adopt`, { unitId: units.city.id });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('PLAN_ALREADY_ADOPTED');
      expect(again.json().error.details.existingPlanId).toBe(cityPlan.id);
      expect(again.json().error.fields[0].message).toContain(`#${cityPlan.id}`);
      const viaCreate = await cityOfficer.post('/api/plans', { movementId: units.movementId, unitId: units.city.id, parentPlanId: province.id, title: 'Kế hoạch thứ hai' });
      expect(viaCreate.json().error.code).toBe('PLAN_ALREADY_ADOPTED');
      expect(await auditCount(t.ctx.db)).toBe(before);
      const cityPlans = await t.ctx.db.selectFrom('plans').select('id').where('unit_id', '=', units.city.id).execute();
      expect(cityPlans.map((p) => p.id)).toEqual([cityPlan.id]);
    });

    it('refuses a unit that is not below the issuer, a draft and a closed plan', async () => {
      const self = await admin.post(`/api/plans/${province.id}/adopt`, { unitId: units.province.id });
      expect(self.statusCode).toBe(400);
      expect(self.json().error.fields[0].path).toBe('unitId');
      // The city's draft is not adoptable yet, and the other city's school is not below the city.
      const draft = await schoolOfficer.post(`/api/plans/${cityPlan.id}/adopt`, { unitId: units.school.id });
      expect(draft.json().error.code).toBe('PLAN_NOT_ADOPTABLE');
      expect((await admin.post(`/api/plans/${cityPlan.id}/adopt`, { unitId: units.otherSchool.id })).statusCode).toBe(400);
      expect((await admin.post(`/api/plans/${province.id}/adopt`, {})).statusCode).toBe(400);
    });

    it('lets the city adapt its draft: add, tighten, change points, drop with a reason; origins are checked', async () => {
      const nodes = nodesOf(cityPlan);
      const c11 = nodes.find((n) => n.code === '1.1' && n.subject === 'collective')!;
      c11.text = 'Trụ sở khang trang, có cây xanh';
      c11.maxPoints = 12;
      nodes.find((n) => n.code === '1.2')!.droppedReason = 'Đã quy định trong nội quy cơ quan';
      nodes.push({ ref: 'new', parentRef: null, subject: 'collective', code: '4', text: 'Cải cách hành chính, một cửa liên thông', maxPoints: 20 });

      // Origins: not of the parent plan, twice the same one, or of the other subject → 400, nothing saved.
      const other = await putCriteria(cityOfficer, cityPlan.id, [...nodes.slice(0, -1), { ...nodes.at(-1)!, originCriterionId: cityPlan.criteria[0]!.id }]);
      expect(other.statusCode).toBe(400);
      expect(other.json().error.fields[0].message).toContain('không thuộc kế hoạch cấp trên');
      const twice = await putCriteria(cityOfficer, cityPlan.id, [...nodes.slice(0, -1), { ...nodes.at(-1)!, originCriterionId: byCode(province, '2').id }]);
      expect(twice.statusCode).toBe(400);
      const wrongSubject = await putCriteria(cityOfficer, cityPlan.id, [...nodes.slice(0, -1), { ...nodes.at(-1)!, subject: 'collective', originCriterionId: byCode(province, '1', 'individual').id }]);
      expect(wrongSubject.statusCode).toBe(400);
      expect((await get(cityOfficer, cityPlan.id)).criteria).toEqual(cityPlan.criteria);

      const res = await putCriteria(cityOfficer, cityPlan.id, nodes);
      expect(res.statusCode, res.body).toBe(200);
      const adapted: PlanDetail = res.json();
      // Criteria sent by id keep their id and their origin.
      expect(byCode(adapted, '1.1').id).toBe(byCode(cityPlan, '1.1').id);
      expect(byCode(adapted, '1.1').originCriterionId).toBe(byCode(province, '1.1').id);
      expect(byCode(adapted, '4').originCriterionId).toBeNull();
      const published = await cityOfficer.post(`/api/plans/${cityPlan.id}/publish`);
      expect(published.statusCode, published.body).toBe(200);
      cityPlan = published.json();
    });

    it('compares the city plan with the province plan row by row', async () => {
      const res = await cityOfficer.get(`/api/plans/${cityPlan.id}/comparison`);
      expect(res.statusCode, res.body).toBe(200);
      const cmp: PlanComparison = res.json();
      expect(cmp.parent?.id).toBe(province.id);
      expect(cmp.collective.map((r) => [r.own?.code ?? r.parent?.code, r.status, r.changed, r.depth])).toEqual([
        ['1', 'same', [], 0],
        ['1.1', 'changed', ['text', 'maxPoints'], 1],
        ['1.2', 'dropped', [], 1],
        ['2', 'same', [], 0],
        ['3', 'same', [], 0],
        ['4', 'added', [], 0],
      ]);
      expect(cmp.collective[1]!.parent?.text).toBe('Trụ sở khang trang');
      expect(cmp.collective[1]!.own?.text).toBe('Trụ sở khang trang, có cây xanh');
      expect(cmp.collective[2]!.droppedReason).toBe('Đã quy định trong nội quy cơ quan');
      expect(cmp.individual.map((r) => r.status)).toEqual(['same']);
      expect(cmp.counts).toEqual({ same: 4, changed: 1, added: 1, dropped: 1, removed: 0 });
      // Readable where the plan is; hidden (404) elsewhere, like the plan.
      expect((await schoolOfficer.get(`/api/plans/${cityPlan.id}/comparison`)).statusCode).toBe(200);
      expect((await outsider.get(`/api/plans/${cityPlan.id}/comparison`)).statusCode).toBe(404);
      // A plan adopting nothing is all its own.
      const top: PlanComparison = (await admin.get(`/api/plans/${province.id}/comparison`)).json();
      expect(top.parent).toBeNull();
      expect(top.collective.every((r) => r.status === 'added' || r.status === 'dropped')).toBe(true);
    });

    it('lets the school adopt the city plan and add "Trồng hoa và dọn vệ sinh hàng tuần"; the comparison marks it Bổ sung (added)', async () => {
      schoolPlan = await adopt(schoolOfficer, cityPlan.id, units.school.id);
      // What the city dropped is not the school's to adapt; what the city added is.
      expect(schoolPlan.criteria.filter((c) => c.subject === 'collective').map((c) => c.code)).toEqual(['1', '1.1', '2', '3', '4']);
      const nodes = nodesOf(schoolPlan).filter((n) => !(n.code === '2' && n.subject === 'collective'));
      const parentRef = String(byCode(schoolPlan, '1').id);
      nodes.splice(2, 0, { ref: 'hoa', parentRef, subject: 'collective', code: '1.2', text: 'Trồng hoa và dọn vệ sinh hàng tuần', maxPoints: 5 });
      nodes.find((n) => n.code === '3' && n.subject === 'collective')!.maxPoints = 40;
      const res = await putCriteria(schoolOfficer, schoolPlan.id, nodes);
      expect(res.statusCode, res.body).toBe(200);
      const cmp: PlanComparison = (await schoolOfficer.get(`/api/plans/${schoolPlan.id}/comparison`)).json();
      expect(cmp.parent?.id).toBe(cityPlan.id);
      expect(cmp.collective.map((r) => [r.own?.code ?? r.parent?.code, r.status, r.changed])).toEqual([
        ['1', 'same', []],
        ['1.1', 'same', []],
        ['1.2', 'added', []],
        ['2', 'removed', []],
        ['3', 'changed', ['maxPoints']],
        ['4', 'same', []],
      ]);
      expect(cmp.collective[2]!.own?.text).toBe('Trồng hoa và dọn vệ sinh hàng tuần');
    });

    it('corrects a published plan until assessment freezes it; never deletes what lower plans adopted', async () => {
      const nodes = nodesOf(cityPlan);
      nodes.find((n) => n.code === '3' && n.subject === 'collective')!.text = 'Ứng xử văn hóa, tận tụy với nhân dân';
      const corrected = await putCriteria(cityOfficer, cityPlan.id, nodes);
      expect(corrected.statusCode, corrected.body).toBe(200);
      expect(corrected.json().status).toBe('published');
      expect((await auditActions(cityPlan.id)).at(-1)).toBe('plan.criteria.correct');
      // The school's criteria still point at the city's: the ids were kept.
      const school = await get(schoolOfficer, schoolPlan.id);
      expect(byCode(school, '3').originCriterionId).toBe(byCode(cityPlan, '3').id);

      const before = await auditCount(t.ctx.db);
      const withoutAdopted = nodes.filter((n) => n.code !== '4');
      const refused = await putCriteria(cityOfficer, cityPlan.id, withoutAdopted);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('CRITERION_ADOPTED');
      expect(refused.json().error.details.adoptingPlanIds).toEqual([schoolPlan.id]);

      await t.ctx.db.updateTable('plans').set({ criteria_frozen_at: t.ctx.now() }).where('id', '=', cityPlan.id).execute();
      const frozen = await putCriteria(cityOfficer, cityPlan.id, nodes);
      expect(frozen.statusCode).toBe(409);
      expect(frozen.json().error.code).toBe('CRITERIA_FROZEN');
      expect(frozen.json().error.messageEn).toContain('new version');
      expect(await auditCount(t.ctx.db)).toBe(before);
      expect((await get(cityOfficer, cityPlan.id)).allowed).toEqual(['close', 'newVersion', 'reviewParentChanges', 'adopt']);
      cityPlan = await get(cityOfficer, cityPlan.id);
    });

    describe('a newer version of the province plan, offered to the city', () => {
      let v2: PlanDetail;

      it('starts a version as a draft copy; publishing it closes the version it supersedes', async () => {
        const provinceOfficer = await clientWith(t, [['standing_officer', units.province]]);
        const res = await provinceOfficer.post(`/api/plans/${province.id}/versions`);
        expect(res.statusCode, res.body).toBe(201);
        v2 = res.json();
        expect(v2).toMatchObject({ status: 'draft', version: 2, supersedesPlanId: province.id, unitId: units.province.id, number: '05', parentPlanId: null });
        expect(v2.criteria.map((c) => [c.key, c.code, c.text, c.droppedReason])).toEqual(province.criteria.map((c) => [c.key, c.code, c.text, c.droppedReason]));
        expect((await get(provinceOfficer, province.id)).supersededByPlanId).toBe(v2.id);
        expect((await provinceOfficer.post(`/api/plans/${province.id}/versions`)).json().error.code).toBe('PLAN_SUPERSEDED');
        expect((await provinceOfficer.post(`/api/plans/${v2.id}/versions`)).json().error.code).toBe('PLAN_STILL_DRAFT');
        // While the new version is prepared, the old one is still in force and still adoptable.
        expect((await get(schoolOfficer, province.id)).allowed).toEqual(['adopt']);

        // Version 2: criterion 1.1 reworded, 3 gone, 5 new.
        const nodes = nodesOf(v2).filter((n) => !(n.code === '3' && n.subject === 'collective'));
        nodes.find((n) => n.code === '1.1')!.text = 'Trụ sở khang trang, xanh, sạch, đẹp';
        nodes.push({ ref: 'so', parentRef: null, subject: 'collective', code: '5', text: 'Chuyển đổi số trong công sở', maxPoints: 10 });
        expect((await putCriteria(provinceOfficer, v2.id, nodes)).statusCode).toBe(200);
        const published = await provinceOfficer.post(`/api/plans/${v2.id}/publish`);
        expect(published.statusCode, published.body).toBe(200);
        v2 = published.json();
        const old = await get(provinceOfficer, province.id);
        expect(old.status).toBe('closed');
        expect((await auditActions(province.id)).at(-1)).toBe('plan.close');
        const listed = (await provinceOfficer.get(`/api/plans?unitId=${units.province.id}`)).json().items as { id: number; version: number; status: string }[];
        expect(listed.map((p) => [p.id, p.version, p.status]).sort()).toEqual([[province.id, 1, 'closed'], [v2.id, 2, 'published']].sort());
        expect((await schoolOfficer.post(`/api/plans/${province.id}/adopt`, { unitId: units.school.id })).json().error.code).toBe('PLAN_NOT_ADOPTABLE');
      });

      it('offers the city the changes (not forced): the frozen city plan takes them into a new draft version', async () => {
        const city = await get(cityOfficer, cityPlan.id);
        expect(city.parentChanges).toBe(3);
        expect(city.parentPlanId).toBe(province.id);
        const res = await cityOfficer.get(`/api/plans/${cityPlan.id}/parent-changes`);
        expect(res.statusCode, res.body).toBe(200);
        const offer: ParentChanges = res.json();
        expect(offer.adopted).toMatchObject({ id: province.id, version: 1 });
        expect(offer.latest).toMatchObject({ id: v2.id, version: 2 });
        expect(offer.changes.map((c) => [c.kind, (c.after ?? c.before)!.code, c.fields])).toEqual([
          ['changed', '1.1', ['text']],
          ['added', '5', ['code', 'text', 'maxPoints', 'isVeto']],
          ['removed', '3', []],
        ]);
        // The city had reworded 1.1 itself: the change shows what it would replace.
        expect(offer.changes[0]!.own?.text).toBe('Trụ sở khang trang, có cây xanh');
        // The school adopted the city plan, which has no newer version: nothing for it.
        expect((await get(schoolOfficer, schoolPlan.id)).parentChanges).toBe(0);

        const key = (code: string) => offer.changes.find((c) => (c.after ?? c.before)!.code === code)!.key;
        const bad = await cityOfficer.post(`/api/plans/${cityPlan.id}/parent-changes`, { accept: ['khong-co'] });
        expect(bad.statusCode).toBe(400);
        expect((await cityOfficer.post(`/api/plans/${cityPlan.id}/parent-changes`, { accept: [key('5')], dismiss: [key('5')] })).statusCode).toBe(400);
        expect((await cityOfficer.post(`/api/plans/${cityPlan.id}/parent-changes`, {})).statusCode).toBe(400);
        expect((await schoolOfficer.post(`/api/plans/${cityPlan.id}/parent-changes`, { accept: [key('5')] })).statusCode).toBe(403);

        // The city plan is frozen: accepting goes into a new draft version of it.
        const first = await cityOfficer.post(`/api/plans/${cityPlan.id}/parent-changes`, { accept: [key('1.1'), key('5')] });
        expect(first.statusCode, first.body).toBe(200);
        const c2: PlanDetail = first.json();
        expect(c2).toMatchObject({ status: 'draft', version: 2, supersedesPlanId: cityPlan.id, parentPlanId: province.id, parentChanges: 1 });
        expect(byCode(c2, '1.1').text).toBe('Trụ sở khang trang, xanh, sạch, đẹp');
        expect(byCode(c2, '1.1').maxPoints).toBe(12);
        expect(byCode(c2, '5').originCriterionId).toBe(byCode(v2, '5').id);
        expect(c2.criteria.filter((c) => c.subject === 'collective').map((c) => c.code)).toEqual(['1', '1.1', '1.2', '2', '3', '4', '5']);
        expect(await auditActions(c2.id)).toEqual(['plan.version.create', 'plan.parent_changes.decide']);
        // The frozen plan itself is unchanged and, now replaced, offers nothing more.
        const frozen = await get(cityOfficer, cityPlan.id);
        expect(frozen.criteria).toEqual(cityPlan.criteria);
        expect(frozen.parentChanges).toBe(0);
        expect((await cityOfficer.post(`/api/plans/${cityPlan.id}/parent-changes`, { dismiss: [key('3')] })).json().error.code).toBe('PLAN_SUPERSEDED');

        // Dismissing the last one: the draft now adopts version 2, and its criteria point there.
        const left: ParentChanges = (await cityOfficer.get(`/api/plans/${c2.id}/parent-changes`)).json();
        expect(left.changes.map((c) => c.kind)).toEqual(['removed']);
        const second = await cityOfficer.post(`/api/plans/${c2.id}/parent-changes`, { dismiss: [left.changes[0]!.key] });
        expect(second.statusCode, second.body).toBe(200);
        const done: PlanDetail = second.json();
        expect(done).toMatchObject({ id: c2.id, parentPlanId: v2.id, parentChanges: 0 });
        expect(byCode(done, '1.1').originCriterionId).toBe(byCode(v2, '1.1').id);
        expect(byCode(done, '3').droppedReason).toBeNull();
        const cmp: PlanComparison = (await cityOfficer.get(`/api/plans/${c2.id}/comparison`)).json();
        expect(cmp.collective.map((r) => [r.own?.code ?? r.parent?.code, r.status])).toEqual([
          ['1', 'same'],
          ['1.1', 'changed'],
          ['1.2', 'dropped'],
          ['2', 'same'],
          ['3', 'added'],
          ['4', 'added'],
          ['5', 'same'],
        ]);
        expect((await cityOfficer.get(`/api/plans/${c2.id}/parent-changes`)).json().changes).toEqual([]);

        // Publishing the city's version closes the frozen one; the school is then offered the city's changes.
        const published = await cityOfficer.post(`/api/plans/${c2.id}/publish`);
        expect(published.statusCode, published.body).toBe(200);
        expect((await get(cityOfficer, cityPlan.id)).status).toBe('closed');
        const school = await get(schoolOfficer, schoolPlan.id);
        expect(school.parentChanges).toBe(2);
        const schoolOffer: ParentChanges = (await schoolOfficer.get(`/api/plans/${schoolPlan.id}/parent-changes`)).json();
        expect(schoolOffer.changes.map((c) => [c.kind, (c.after ?? c.before)!.code])).toEqual([
          ['changed', '1.1'],
          ['added', '5'],
        ]);
      });

      it('applies accepted changes to a draft directly and removes what is accepted as removed by dropping it', async () => {
        // The school's plan is still a draft: changes go straight in.
        const offer: ParentChanges = (await schoolOfficer.get(`/api/plans/${schoolPlan.id}/parent-changes`)).json();
        const res = await schoolOfficer.post(`/api/plans/${schoolPlan.id}/parent-changes`, { accept: offer.changes.map((c) => c.key) });
        expect(res.statusCode, res.body).toBe(200);
        const s: PlanDetail = res.json();
        expect(s.id).toBe(schoolPlan.id);
        expect(s.parentChanges).toBe(0);
        expect(s.parentPlanId).not.toBe(cityPlan.id);
        expect(byCode(s, '1.1').text).toBe('Trụ sở khang trang, xanh, sạch, đẹp');
        // The school's own criterion stays where it was.
        expect(s.criteria.filter((c) => c.subject === 'collective').map((c) => c.code)).toEqual(['1', '1.1', '1.2', '3', '4', '5']);
        expect(byCode(s, '1.2').text).toBe('Trồng hoa và dọn vệ sinh hàng tuần');
        expect(await auditActions(s.id)).toContain('plan.parent_changes.decide');
      });
    });
  });

  it('applies to a published, unfrozen plan in place, drops a removed criterion, and keeps dismissals', async () => {
    const units = await tree();
    const top = await publishedPlan(admin, units.province, units.movementId);
    const city = await adopt(admin, top.id, units.city.id);
    expect((await admin.post(`/api/plans/${city.id}/publish`)).statusCode).toBe(200);
    const v2 = (await admin.post(`/api/plans/${top.id}/versions`)).json() as PlanDetail;
    const nodes = nodesOf(v2).filter((n) => n.code !== '2');
    nodes.find((n) => n.code === '3' && n.subject === 'collective')!.maxPoints = 60;
    expect((await putCriteria(admin, v2.id, nodes)).statusCode).toBe(200);
    expect((await admin.post(`/api/plans/${v2.id}/publish`)).statusCode).toBe(200);

    const offer: ParentChanges = (await admin.get(`/api/plans/${city.id}/parent-changes`)).json();
    expect(offer.changes.map((c) => [c.kind, (c.after ?? c.before)!.code])).toEqual([
      ['changed', '3'],
      ['removed', '2'],
    ]);
    const removed = offer.changes.find((c) => c.kind === 'removed')!.key;
    const changed = offer.changes.find((c) => c.kind === 'changed')!.key;
    const accepted = await admin.post(`/api/plans/${city.id}/parent-changes`, { accept: [removed] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after: PlanDetail = accepted.json();
    expect(after).toMatchObject({ id: city.id, status: 'published', parentPlanId: top.id, parentChanges: 1 });
    expect(byCode(after, '2').droppedReason).toBe('Kế hoạch cấp trên đã bỏ tiêu chí này (phiên bản 2)');
    // A dismissed change is not offered again.
    const dismissed = await admin.post(`/api/plans/${city.id}/parent-changes`, { dismiss: [changed] });
    expect(dismissed.json()).toMatchObject({ parentPlanId: v2.id, parentChanges: 0 });
    expect(byCode(dismissed.json(), '3').maxPoints).toBe(50);
    expect((await admin.get(`/api/plans/${city.id}/parent-changes`)).json().changes).toEqual([]);
  });

  describe('authorisation matrix', () => {
    /** Everything a cascade route could change under a unit, read straight from the database. */
    const planState = (unit: TestUnit) => async () => {
      const db = t.ctx.db;
      const plans = await db.selectFrom('plans').selectAll().where('unit_id', '=', unit.id).orderBy('id').execute();
      const ids = plans.length ? plans.map((p) => p.id) : [0];
      return {
        plans,
        criteria: await db.selectFrom('plan_criteria').selectAll().where('plan_id', 'in', ids).orderBy('id').execute(),
        decisions: await db.selectFrom('plan_parent_decisions').selectAll().where('plan_id', 'in', ids).orderBy('id').execute(),
        milestones: await db.selectFrom('plan_milestones').selectAll().where('plan_id', 'in', ids).orderBy('id').execute(),
        awards: await db.selectFrom('plan_award_forms').selectAll().where('plan_id', 'in', ids).orderBy('id').execute(),
      };
    };

    const routes: MatrixRoute[] = [
      {
        name: 'POST /api/plans/:id/adopt',
        ok: 201,
        async arrange() {
          const units = await tree();
          const plan = await publishedPlan(admin, units.city, units.movementId);
          return { unit: units.school, snapshot: planState(units.school), send: (c) => c.post(`/api/plans/${plan.id}/adopt`, { unitId: units.school.id }) };
        },
      },
      {
        name: 'POST /api/plans/:id/versions',
        ok: 201,
        async arrange() {
          const units = await tree();
          const plan = await publishedPlan(admin, units.city, units.movementId);
          return { unit: units.city, snapshot: planState(units.city), send: (c) => c.post(`/api/plans/${plan.id}/versions`) };
        },
      },
      {
        name: 'POST /api/plans/:id/parent-changes',
        ok: 200,
        async arrange() {
          const units = await tree();
          const top = await publishedPlan(admin, units.province, units.movementId);
          const city = await adopt(admin, top.id, units.city.id);
          const v2 = (await admin.post(`/api/plans/${top.id}/versions`)).json() as PlanDetail;
          const nodes = nodesOf(v2);
          nodes[0]!.text = 'Xây dựng cơ quan văn minh, hiện đại';
          await putCriteria(admin, v2.id, nodes);
          await admin.post(`/api/plans/${v2.id}/publish`);
          const offer: ParentChanges = (await admin.get(`/api/plans/${city.id}/parent-changes`)).json();
          return {
            unit: units.city,
            snapshot: planState(units.city),
            send: (c) => c.post(`/api/plans/${city.id}/parent-changes`, { accept: offer.changes.map((ch) => ch.key) }),
          };
        },
      },
      {
        name: 'PUT /api/plans/:id/criteria (correcting a published plan)',
        ok: 200,
        async arrange() {
          const units = await tree();
          const plan = await publishedPlan(admin, units.city, units.movementId);
          const nodes = nodesOf(plan);
          nodes[0]!.text = 'Sửa lỗi chính tả';
          return { unit: units.city, snapshot: planState(units.city), send: (c) => putCriteria(c, plan.id, nodes) };
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

    it('reads comparison and parent changes where the plan is visible only', async () => {
      const units = await tree();
      const plan = await publishedPlan(admin, units.city, units.movementId);
      const viewer = await clientWith(t, [['viewer', units.school]]);
      for (const url of [`/api/plans/${plan.id}/comparison`, `/api/plans/${plan.id}/parent-changes`]) {
        expect((await viewer.get(url)).statusCode).toBe(200);
        expect((await outsider.get(url)).statusCode).toBe(404);
        expect((await new Client(t.app).get(url)).statusCode).toBe(401);
      }
      expect((await viewer.get('/api/plans/999999/comparison')).statusCode).toBe(404);
    });
  });
});
