import { describe, expect, it } from 'vitest';
import { newUnit } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { callApi as call, eventually, newNamedUser, signIn } from './steps.js';

interface Plan {
  id: number;
  criteria: { id: number; parentId: number | null; subject: string; code: string; text: string; maxPoints: number | null; isVeto: boolean; droppedReason: string | null; originCriterionId: number | null }[];
}

/** The plan's criteria as PUT /criteria takes them back, each keeping its id. */
const nodesOf = (plan: Plan) =>
  plan.criteria.map((c) => ({
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

describe.skipIf(!browserAvailable)('Plan cascade (áp dụng kế hoạch cấp trên)', () => {
  const j = useJourney();

  it('a school adopts the city plan, adds its own criterion, sees it marked "Bổ sung", then takes a change the city publishes later', async () => {
    // Arranged through the API as the city's officer (Phòng Nội vụ): the published city plan (seed 001).
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const city = await newUnit(j.db, { parent: province, kind: 'district', name: 'Thành phố Nha Trang' });
    const school = await newUnit(j.db, { parent: city, kind: 'school', name: 'Trường THCS Thái Nguyên' });
    const cityOfficer = await newNamedUser(j.db, 'Trần Thị Mỹ Hạnh', [['standing_officer', city]]);
    const schoolOfficer = await newNamedUser(j.db, 'Nguyễn Thị Thu Trang', [['unit_officer', school]]);
    const cityPage = await j.newPage();
    await signIn(cityPage, cityOfficer.username);
    const movement = await call<{ id: number }>(cityPage, 'POST', '/api/movements', {
      name: 'CBCCVC thi đua thực hiện văn hóa công sở',
      kind: 'period',
      startYear: 2019,
      endYear: 2025,
      ownerUnitId: city.id,
    });
    const draft = await call<Plan>(cityPage, 'POST', '/api/plans', {
      movementId: movement.id,
      unitId: city.id,
      title: 'Thực hiện phong trào thi đua văn hóa công sở giai đoạn 2019-2025',
      number: '6344',
      code: 'KH-UBND',
    });
    await call(cityPage, 'PUT', `/api/plans/${draft.id}/criteria`, {
      criteria: [
        { ref: 'a', parentRef: null, subject: 'collective', code: '1', text: 'Xây dựng cơ quan, đơn vị văn minh, sạch đẹp', maxPoints: 40 },
        { ref: 'a1', parentRef: 'a', subject: 'collective', code: '1.1', text: 'Bài trí công sở đúng quy định', maxPoints: 20 },
        { ref: 'a2', parentRef: 'a', subject: 'collective', code: '1.2', text: 'Không hút thuốc lá nơi làm việc', maxPoints: 20 },
        { ref: 'b', parentRef: null, subject: 'collective', code: '2', text: 'Ứng xử văn hóa với nhân dân', maxPoints: 60 },
        { ref: 'i', parentRef: null, subject: 'individual', code: '1', text: 'Trang phục gọn gàng, đeo thẻ công chức', maxPoints: 100 },
      ],
    });
    const cityPlan = await call<Plan>(cityPage, 'POST', `/api/plans/${draft.id}/publish`);

    // The school's officer opens the city plan and adopts it for the school.
    const page = await j.newPage();
    await signIn(page, schoolOfficer.username);
    await page.goto(`/ke-hoach/${cityPlan.id}`);
    await page.getByRole('button', { name: 'Áp dụng cho đơn vị' }).click();
    const dialog = page.getByRole('dialog', { name: 'Áp dụng kế hoạch cho đơn vị cấp dưới' });
    // The officer's own school is offered already.
    await dialog.getByText('Trường THCS Thái Nguyên').waitFor();
    await dialog.getByRole('button', { name: 'Tạo bản dự thảo' }).click();
    // The new draft opens; a refusal would show in the dialog instead, and the poll says which.
    const refusal = dialog.getByRole('alert');
    await eventually(async () => ((await refusal.count()) ? `refused: ${await refusal.innerText()}` : new URL(page.url()).pathname), 30_000).toMatch(
      new RegExp(`^/ke-hoach/(?!${cityPlan.id}$)\\d+$`),
    );
    const schoolPlanId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByText('Đã tạo bản dự thảo kế hoạch của đơn vị').waitFor();

    // The school adds "Trồng hoa và dọn vệ sinh hàng tuần" under criterion 1, in the review screen.
    await page.getByRole('tab', { name: /^Tập thể/ }).click();
    const collective = page.getByRole('list', { name: 'Tiêu chí Tập thể' });
    await collective.getByRole('button', { name: 'Thêm mục con của 1', exact: true }).click();
    await collective.getByRole('textbox', { name: 'Nội dung tiêu chí 1.3' }).fill('Trồng hoa và dọn vệ sinh hàng tuần');
    await collective.getByRole('spinbutton', { name: 'Điểm tối đa tiêu chí 1.3' }).fill('5');
    // …and weighs behaviour towards parents a little less (60 → 55 points).
    await collective.getByRole('spinbutton', { name: 'Điểm tối đa tiêu chí 2', exact: true }).fill('55');
    await page.getByRole('button', { name: 'Lưu tiêu chí' }).click();
    await page.getByText('Đã lưu tiêu chí').waitFor();
    const saved = await j.db.selectFrom('plan_criteria').select(['code', 'origin_criterion_id']).where('plan_id', '=', schoolPlanId).where('text', '=', 'Trồng hoa và dọn vệ sinh hàng tuần').executeTakeFirstOrThrow();
    expect(saved).toEqual({ code: '1.3', origin_criterion_id: null });

    // The comparison: the city's plan on the left, the school's on the right, the new row marked "Bổ sung".
    await page.getByRole('link', { name: 'So sánh với kế hoạch cấp trên' }).first().click();
    await page.waitForURL(`**/ke-hoach/${schoolPlanId}/so-sanh`);
    await page.getByRole('heading', { level: 1, name: 'So sánh với kế hoạch cấp trên' }).waitFor();
    const rows = page.getByRole('list', { name: 'Tiêu chí Tập thể: kế hoạch cấp trên và kế hoạch của đơn vị' }).getByRole('listitem');
    const added = rows.filter({ hasText: 'Trồng hoa và dọn vệ sinh hàng tuần' });
    await added.waitFor();
    expect(await added.textContent()).toContain('Bổ sung');
    expect(await added.textContent()).toContain('Không có ở kế hoạch cấp trên');
    expect(await rows.filter({ hasText: 'Bài trí công sở đúng quy định' }).textContent()).toContain('Giữ nguyên');
    const changed = await rows.filter({ hasText: 'Ứng xử văn hóa với nhân dân' }).textContent();
    expect(changed).toContain('Sửa đổi');
    expect(changed).toContain('Đã sửa: Điểm tối đa');
    await page.getByText('Kế hoạch của đơn vị', { exact: true }).first().waitFor();
    await j.screenshot(page, 'plan-comparison');

    // On a phone the two sides stack, nothing wider than the screen.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, schoolOfficer.username);
    await phone.goto(`/ke-hoach/${schoolPlanId}/so-sanh`);
    await phone.getByRole('listitem').filter({ hasText: 'Trồng hoa và dọn vệ sinh hàng tuần' }).getByText('Bổ sung').waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await j.screenshot(phone, 'plan-comparison-phone');

    // The city publishes a version 2 with a new criterion: offered to the school, not forced on it.
    const v2 = await call<Plan>(cityPage, 'POST', `/api/plans/${cityPlan.id}/versions`);
    await call(cityPage, 'PUT', `/api/plans/${v2.id}/criteria`, {
      criteria: [...nodesOf(v2), { ref: 'moi', parentRef: null, subject: 'collective', code: '3', text: 'Ứng dụng công nghệ thông tin trong công việc', maxPoints: 10 }],
    });
    await call(cityPage, 'POST', `/api/plans/${v2.id}/publish`);

    await page.goto(`/ke-hoach/${schoolPlanId}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Kế hoạch cấp trên có 1 thay đổi chưa xem xét' });
    await alert.getByText('Ứng dụng công nghệ thông tin trong công việc').waitFor();
    await j.screenshot(page, 'plan-parent-changes');
    await alert.getByRole('button', { name: 'Áp dụng thay đổi ở tiêu chí 3' }).click();
    await page.getByText('Đã áp dụng thay đổi').waitFor();
    await eventually(() => page.getByText('Kế hoạch cấp trên có 1 thay đổi chưa xem xét').count()).toBe(0);
    const plan = await j.db.selectFrom('plans').select(['parent_plan_id']).where('id', '=', schoolPlanId).executeTakeFirstOrThrow();
    expect(plan.parent_plan_id).toBe(v2.id);
    const taken = await j.db.selectFrom('plan_criteria').select('code').where('plan_id', '=', schoolPlanId).where('text', '=', 'Ứng dụng công nghệ thông tin trong công việc').execute();
    expect(taken.map((c) => c.code)).toEqual(['3']);
  });
});
