import { describe, expect, it } from 'vitest';
import { newUnit } from '../server/test/factories.js';
import { newPublishedPlan } from '../server/test/registration-factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, signIn } from './steps.js';

// The report template editor (trình soạn mẫu báo cáo): the province's standing officer makes the
// plan's own quarterly report from the system's six-month template, on a phone; a ward then reports
// the second quarter on it and sees the new indicator counted by the system.

/** This year in Vietnam. */

describe.skipIf(!browserAvailable)('Report templates (mẫu báo cáo)', () => {
  const j = useJourney();

  it('a standing officer copies the default into a quarterly template for Q2 and Q4 with a counted indicator; bad input saves nothing; a ward reports Q2 on it', async () => {
    const year = j.year();
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Đắk Lắk' });
    const ward = await newUnit(j.db, { parent: province, kind: 'commune', name: 'Phường Tân Lập' });
    const homeAffairs = await newUnit(j.db, { parent: province, kind: 'department', name: 'Sở Nội vụ tỉnh Đắk Lắk' });
    const plan = await newPublishedPlan(j.db, province, { year, title: 'Kế hoạch xây dựng văn hóa công sở' });
    const standing = await newNamedUser(j.db, 'Nguyễn Văn Thắng', [['standing_officer', province]]);
    const wardOfficer = await newNamedUser(j.db, 'Y Khoa Niê', [['unit_officer', ward]]);
    const templateRow = (id: number) => j.db.selectFrom('report_templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    // From /bao-cao to the templates of the plan, on a phone.
    const page = await j.newPage({ phone: true });
    await signIn(page, standing.username);
    await page.goto('/bao-cao');
    await page.getByRole('link', { name: 'Mẫu báo cáo' }).click();
    await page.waitForURL('**/bao-cao/mau');
    await page.getByText('Báo cáo kết quả thực hiện văn hóa công sở 6 tháng đầu năm').waitFor();
    await chooseOption(page, page, 'Kế hoạch', 'Kế hoạch xây dựng văn hóa công sở — Tỉnh Đắk Lắk');
    await page.getByText('Kế hoạch chưa có mẫu báo cáo riêng.').waitFor();

    // A copy of the system's six-month template, made quarterly.
    await page.getByRole('button', { name: 'Tạo mẫu báo cáo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo mẫu báo cáo cho kế hoạch' });
    await dialog.getByRole('textbox', { name: 'Mã mẫu' }).fill('bao_cao_quy');
    await chooseOption(dialog, page, 'Kỳ báo cáo', 'Quý');
    await dialog.getByRole('button', { name: 'Tạo mẫu' }).click();
    await page.waitForURL(/\/bao-cao\/mau\/\d+$/);
    // The editor's title is the copied template's name (the list's dialog may linger while the page loads).
    await page.getByRole('heading', { level: 1, name: 'Báo cáo kết quả thực hiện văn hóa công sở 6 tháng đầu năm' }).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const copied = await templateRow(id);
    expect(copied).toMatchObject({ plan_id: plan.id, code: 'bao_cao_quy', period_kind: 'quarter', name: 'Báo cáo kết quả thực hiện văn hóa công sở 6 tháng đầu năm' });

    // Renamed, reporting the second and fourth quarters, with the first quarter due 15/4.
    await page.getByRole('textbox', { name: 'Tên mẫu báo cáo' }).fill('Báo cáo quý văn hóa công sở');
    await page.getByRole('checkbox', { name: 'Quý 1' }).uncheck();
    await page.getByRole('checkbox', { name: 'Quý 3' }).uncheck();
    await page.getByRole('spinbutton', { name: 'Ngày', exact: true }).fill('15');
    await page.getByRole('spinbutton', { name: 'Tháng', exact: true }).fill('4');
    // The province's own report goes to Sở Nội vụ, found by typing without diacritics.
    await chooseOption(page, page, 'Đơn vị nhận báo cáo của đơn vị ban hành kế hoạch', 'Sở Nội vụ tỉnh Đắk Lắk', 'so noi vu');

    // An indicator counted from the registry, and a written part.
    await page.getByRole('button', { name: 'Thêm chỉ tiêu vào mục 1' }).click();
    await page.getByRole('textbox', { name: 'Tên chỉ tiêu 3 (mục 1)' }).fill('Số cơ quan, đơn vị trên địa bàn');
    await chooseOption(page, page, 'Nguồn số liệu chỉ tiêu 3 (mục 1)', 'Số cơ quan, đơn vị (kể cả đơn vị báo cáo)', 'kể cả');
    await page.getByRole('button', { name: 'Thêm phần nội dung' }).click();
    await page.getByRole('textbox', { name: 'Mã phần nội dung 6' }).fill('diem_noi_bat');
    await page.getByRole('textbox', { name: 'Tên phần nội dung 6' }).fill('Điểm nổi bật trong quý');

    // A code with capitals is refused beside the field, before anything is sent.
    const key = page.getByRole('textbox', { name: 'Mã chỉ tiêu 3 (mục 1)' });
    await key.fill('Don_Vi');
    await page.getByRole('button', { name: 'Lưu mẫu báo cáo' }).click();
    await page.getByText('Mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới, bắt đầu bằng chữ cái').waitFor();
    await key.fill('don_vi');

    // A due day without its month: the server refuses it, the form says so beside the day, nothing is saved.
    await page.getByRole('spinbutton', { name: 'Tháng', exact: true }).fill('');
    await page.getByRole('spinbutton', { name: 'Ngày', exact: true }).fill('31');
    await page.getByRole('button', { name: 'Lưu mẫu báo cáo' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa lưu được mẫu báo cáo' }).getByText('Ngày: Cần nhập cả ngày và tháng của hạn báo cáo').waitFor();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Cần nhập cả ngày và tháng của hạn báo cáo' }).waitFor();
    expect(await templateRow(id)).toEqual(copied);
    await j.screenshot(page, 'report-template-error-phone');

    await page.getByRole('spinbutton', { name: 'Ngày', exact: true }).fill('15');
    await page.getByRole('spinbutton', { name: 'Tháng', exact: true }).fill('4');
    await page.getByRole('button', { name: 'Lưu mẫu báo cáo' }).click();
    await page.getByText('Đã lưu mẫu báo cáo').waitFor();
    const saved = await templateRow(id);
    expect(saved).toMatchObject({ name: 'Báo cáo quý văn hóa công sở', period_kind: 'quarter', period_indexes: [2, 4], due_day: 15, due_month: 4, due_date: null, recipient_unit_id: homeAffairs.id });
    const content = saved.content as { sections: { indicators: unknown[] }[]; narratives: unknown[] };
    expect(content.sections[0]!.indicators.at(-1)).toEqual({ key: 'don_vi', label: 'Số cơ quan, đơn vị trên địa bàn', kind: 'number', source: 'units.active' });
    expect(content.narratives.at(-1)).toEqual({ key: 'diem_noi_bat', title: 'Điểm nổi bật trong quý' });
    await j.screenshot(page, 'report-template-editor-phone');

    // The ward reports the second quarter on the new template from /bao-cao: the new indicator is counted (the ward itself).
    const wardPage = await j.newPage();
    await signIn(wardPage, wardOfficer.username);
    await wardPage.goto(`/bao-cao?tab=unit&mau=${id}&ky=${year}-Q2&dv=${ward.id}`);
    await wardPage.getByRole('combobox', { name: 'Kỳ báo cáo' }).click();
    await eventually(() => wardPage.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(['Quý 2', 'Quý 4']);
    await wardPage.keyboard.press('Escape');
    await wardPage.getByRole('button', { name: 'Lập báo cáo' }).click();
    await wardPage.waitForURL(/\/bao-cao\/\d+$/);
    const row = wardPage.locator('.ant-row', { hasText: 'Số cơ quan, đơn vị trên địa bàn' }).last();
    await eventually(() => row.innerText()).toContain('Hệ thống tính: 1');
    await wardPage.getByRole('textbox', { name: 'Điểm nổi bật trong quý' }).waitFor();
    const report = await j.db.selectFrom('reports').selectAll().where('template_id', '=', id).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ unit_id: ward.id, period_key: `${year}-Q2`, due_date: `${year}-07-15` });

    // The plan's document states its deadlines (seed 004); the officer makes their templates at once.
    await j.db
      .insertInto('plan_deadlines')
      .values([
        { plan_id: plan.id, day: 31, month: 5, period: 'six_months', recipient_text: 'Sở Nội vụ', text: 'Báo cáo 6 tháng gửi trước ngày 31/5 hàng năm', position: 0 },
        { plan_id: plan.id, day: 30, month: 11, period: 'year', recipient_text: 'Sở Nội vụ', text: 'báo cáo năm gửi trước ngày 30/11', position: 1 },
      ])
      .execute();
    await page.goto(`/bao-cao/mau?kh=${plan.id}`);
    await page.getByRole('button', { name: 'Tạo từ hạn báo cáo của kế hoạch' }).click();
    await page.getByText('Đã tạo 2 mẫu báo cáo từ hạn báo cáo của kế hoạch; 0 mẫu đã có từ trước.').waitFor();
    await page.getByText('Báo cáo kết quả thực hiện văn hóa công sở 6 tháng đầu năm').first().waitFor();
    const made = await j.db.selectFrom('report_templates').select(['period_kind', 'period_indexes', 'due_day', 'due_month']).where('plan_id', '=', plan.id).where('code', 'like', 'han_%').orderBy('id').execute();
    expect(made).toEqual([
      { period_kind: 'six_months', period_indexes: [1], due_day: 31, due_month: 5 },
      { period_kind: 'year', period_indexes: null, due_day: 30, due_month: 11 },
    ]);
  });
});
