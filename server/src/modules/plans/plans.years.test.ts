import { randomBytes } from 'node:crypto';
import type { PlanDetail } from '@thidua/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';
import { newMovement, newPublishedPlan, type TestMovement } from '../../../test/registration-factories.js';

// The years a plan applies to (năm áp dụng): set in the heading of a draft within the movement's
// years, read from an imported plan's title, carried into an adoption and a new version.

/** A plan as a ward has it in a text file: its title says its year or period. */
function planText(title: string): Buffer {
  return Buffer.from(`ỦY BAN NHÂN DÂN
PHƯỜNG NHA TRANG
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nha Trang, ngày 10 tháng 12 năm 2026
KẾ HOẠCH
${title}
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao ý thức, trách nhiệm của cán bộ, công chức.
II. TIÊU CHÍ THI ĐUA
1. Tiêu chí đối với cá nhân
1.1. Chấp hành giờ giấc làm việc (20 điểm)
1.2. Trang phục gọn gàng, đeo thẻ công chức (10 điểm)
`);
}

function importText(c: Client, movementId: number, unitId: number, bytes: Buffer) {
  const boundary = `----thidua${randomBytes(8).toString('hex')}`;
  const field = (k: string, v: number) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const payload = Buffer.concat([
    field('movementId', movementId),
    field('unitId', unitId),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ke-hoach.txt"\r\nContent-Type: text/plain\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request({ method: 'POST', url: '/api/plans/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

describe('plans: the years a plan applies to', () => {
  let t: TestApp;
  let province: TestUnit;
  let ward: TestUnit;
  let movement: TestMovement;
  let wardOfficer: Client;

  beforeAll(async () => {
    t = await testApp();
    province = await newUnit(t.ctx.db, { kind: 'province' });
    ward = await newUnit(t.ctx.db, { parent: province, kind: 'commune' });
    movement = await newMovement(t.ctx.db, province, { startYear: 2026, endYear: 2030 });
    wardOfficer = await clientWith(t, [['unit_officer', ward]]);
  });

  const imported = async (title: string) => {
    const res = await importText(wardOfficer, movement.id, ward.id, planText(title));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PlanDetail>();
  };

  it('importing "Kế hoạch … năm 2027" applies the draft to 2027, "giai đoạn 2026-2030" to those years', async () => {
    const y2027 = await imported('Thực hiện phong trào thi đua văn hóa công sở năm 2027');
    expect(y2027).toMatchObject({ yearFrom: 2027, yearTo: 2027, movementStartYear: 2026, movementEndYear: 2030 });
    expect(await imported('Thực hiện văn hóa công sở giai đoạn 2026-2030')).toMatchObject({ yearFrom: 2026, yearTo: 2030 });
    // A title without years leaves them to the movement's.
    expect(await imported('Thực hiện văn hóa công sở')).toMatchObject({ yearFrom: null, yearTo: null });
  });

  it('years outside the movement’s are not taken from the document: blank, with a warning for the review', async () => {
    const plan = await imported('Tổng kết văn hóa công sở giai đoạn 2021-2025');
    expect(plan).toMatchObject({ yearFrom: null, yearTo: null });
    expect(plan.warnings).toContain('Văn bản ghi năm 2021–2025, nằm ngoài thời gian của phong trào (2026–2030): chưa ghi năm áp dụng, hãy kiểm tra lại');
  });

  it('the heading of a draft sets the years inside the movement’s; others are refused in both languages and change nothing', async () => {
    const plan = await imported('Thực hiện văn hóa công sở');
    const patch = (body: object) => wardOfficer.request({ method: 'PATCH', url: `/api/plans/${plan.id}`, payload: body });
    const set = await patch({ yearFrom: 2027, yearTo: 2028 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<PlanDetail>()).toMatchObject({ yearFrom: 2027, yearTo: 2028 });

    const outside = await patch({ yearTo: 2031 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields).toEqual([
      { path: 'yearTo', message: 'yearTo: Năm áp dụng 2031 nằm ngoài thời gian của phong trào (2026–2030)', messageEn: "yearTo: The year 2031 lies outside the movement's years (2026–2030)" },
    ]);
    // Only the end moved, before the kept start: refused as well.
    const order = await patch({ yearTo: 2026 });
    expect(order.statusCode).toBe(400);
    expect(order.json().error.fields[0].path).toBe('yearTo');
    expect((await wardOfficer.get(`/api/plans/${plan.id}`)).json<PlanDetail>()).toMatchObject({ yearFrom: 2027, yearTo: 2028 });

    // Back to the movement's whole period.
    expect((await patch({ yearFrom: null, yearTo: null })).json<PlanDetail>()).toMatchObject({ yearFrom: null, yearTo: null });
    // On creation too.
    const created = await wardOfficer.post('/api/plans', { movementId: movement.id, unitId: ward.id, title: 'Kế hoạch năm 2025', yearFrom: 2025, yearTo: 2025 });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.fields[0].path).toBe('yearFrom');
  });

  it('an adoption and a new version keep the plan’s years', async () => {
    const parent = await newPublishedPlan(t.ctx.db, province, { movement });
    await t.ctx.db.updateTable('plans').set({ year_from: 2027, year_to: 2029 }).where('id', '=', parent.id).execute();
    const adopted = await wardOfficer.post(`/api/plans/${parent.id}/adopt`, { unitId: ward.id });
    expect(adopted.statusCode, adopted.body).toBe(201);
    expect(adopted.json<PlanDetail>()).toMatchObject({ yearFrom: 2027, yearTo: 2029 });
    const officer = await clientWith(t, [['standing_officer', province]]);
    const version = await officer.post(`/api/plans/${parent.id}/versions`);
    expect(version.statusCode, version.body).toBe(201);
    expect(version.json<PlanDetail>()).toMatchObject({ yearFrom: 2027, yearTo: 2029, version: 2 });
  });
});
