import { describe, expect, it } from 'vitest';
import { newPerson, newUnit } from '../server/test/factories.js';
import { newPublishedPlan, newRegistration } from '../server/test/registration-factories.js';
import { newReportTemplate } from '../server/test/report-factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { eventually, newNamedUser, signIn } from './steps.js';

// Seed 004: the province of Đắk Lắk collects the six-month reports on office culture from its wards.
// A ward sends late, the province's board shows it late, the province returns it with a reason, the
// ward sends again, and the province updates its consolidated report, downloads it as .docx and
// accepts the ward's report.

/** Today's date in Vietnam, shifted by `days`, as yyyy-mm-dd. */

describe.skipIf(!browserAvailable)('Periodic reports (báo cáo định kỳ)', () => {
  const j = useJourney();

  it('a ward reports late, is returned and resends; the province follows the board, refreshes its report, downloads it and accepts the ward report', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Đắk Lắk' });
    const ward = await newUnit(j.db, { parent: province, kind: 'commune', name: 'Phường Tân Lập' });
    const other = await newUnit(j.db, { parent: province, kind: 'commune', name: 'Xã Hòa Thắng' });
    const template = await newReportTemplate(j.db, { periodKind: 'six_months', reporterKinds: ['province', 'commune'] });
    await j.db.updateTable('report_templates').set({ name: 'Báo cáo 6 tháng văn hóa công sở' }).where('id', '=', template.id).execute();
    const wardOfficer = await newNamedUser(j.db, 'Y Khoa Niê', [['unit_officer', ward]]);
    await newNamedUser(j.db, 'H Lan Êban', [['unit_officer', other]]);
    const provinceOfficer = await newNamedUser(j.db, 'Nguyễn Văn Thắng', [['standing_officer', province]]);
    const periodKey = `${j.vietnamDay().slice(0, 4)}-H1`;
    const query = (unitId: number) => `mau=${template.id}&ky=${periodKey}&dv=${unitId}`;

    // The ward's officer opens the ward's report from /bao-cao and fills in a figure and the results.
    const wardPage = await j.newPage({ phone: true });
    await signIn(wardPage, wardOfficer.username);
    await wardPage.goto(`/bao-cao?tab=unit&${query(ward.id)}`);
    await wardPage.getByText('Đơn vị chưa mở báo cáo kỳ này.').waitFor();
    await wardPage.getByRole('button', { name: 'Lập báo cáo' }).click();
    await wardPage.waitForURL(/\/bao-cao\/\d+$/);
    const wardReportId = Number(new URL(wardPage.url()).pathname.split('/').pop());
    await wardPage.getByText('Hệ thống tính: 0').waitFor();
    await wardPage.getByRole('spinbutton', { name: 'Số cuộc tuyên truyền, hội nghị' }).fill('12');
    await wardPage.getByRole('textbox', { name: 'Kết quả đạt được' }).fill('Niêm yết quy tắc ứng xử tại 100% bộ phận một cửa.');
    await wardPage.getByRole('button', { name: 'Lưu' }).click();
    await wardPage.getByText('Đã lưu báo cáo').waitFor();
    const saved = await j.db.selectFrom('reports').selectAll().where('id', '=', wardReportId).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ unit_id: ward.id, recipient_unit_id: province.id, status: 'draft', period_key: periodKey });
    expect(saved.narratives).toMatchObject({ results: 'Niêm yết quy tắc ứng xử tại 100% bộ phận một cửa.' });

    // Someone of the ward registers meanwhile: the draft says its system figure moved, and updating
    // takes the new count while the typed 12 stays.
    const plan = await newPublishedPlan(j.db, province, { year: j.year() });
    await newRegistration(j.db, { plan, unit: ward, person: await newPerson(j.db, ward), year: j.year() });
    await wardPage.reload();
    await wardPage.getByText('Số liệu hệ thống đã thay đổi từ khi mở báo cáo — bấm “Cập nhật số liệu” để cập nhật; số đã nhập tay được giữ nguyên.').waitFor();
    await wardPage.getByText('Số cá nhân đăng ký thi đua: đã lưu 0, hệ thống tính hiện nay 1').waitFor();
    await wardPage.getByText('hiện nay: 1').waitFor();
    await j.screenshot(wardPage, 'report-figures-outdated-phone');
    await wardPage.getByRole('button', { name: 'Cập nhật số liệu' }).click();
    await wardPage.getByText('Đã cập nhật số liệu').waitFor();
    await wardPage.getByText('Hệ thống tính: 1').waitFor();
    expect(await wardPage.getByText(/Số liệu hệ thống đã thay đổi/).count()).toBe(0);
    expect(await wardPage.getByRole('spinbutton', { name: 'Số cuộc tuyên truyền, hội nghị' }).inputValue()).toBe('12');

    // The deadline passed three days ago: the ward sends late.
    await j.db.updateTable('reports').set({ due_date: j.vietnamDay(-3) }).where('id', '=', wardReportId).execute();
    await wardPage.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await wardPage.getByRole('dialog').getByRole('button', { name: 'Gửi báo cáo' }).click();
    await wardPage.getByText('Nộp muộn 3 ngày').first().waitFor();
    await j.screenshot(wardPage, 'report-ward-submitted-phone');

    // The province's board: one of the two wards sent, late; the other is missing and can be reminded.
    const page = await j.newPage();
    await signIn(page, provinceOfficer.username);
    await page.goto(`/bao-cao?tab=board&${query(province.id)}`);
    await page.getByText(/Đúng hạn: /).first().waitFor();
    const stat = (label: string) => page.locator('.ant-statistic').filter({ has: page.getByText(label, { exact: true }) }).locator('.ant-statistic-content-value');
    await eventually(() => stat('Muộn').innerText()).toBe('1');
    expect(await stat('Đúng hạn').innerText()).toBe('0');
    expect(await stat('Đã nộp').innerText()).toBe('1');
    const wardRow = page.getByRole('row', { name: /Phường Tân Lập/ });
    await eventually(() => wardRow.innerText()).toMatch(/Đã gửi[\s\S]*Nộp muộn 3 ngày/);
    await page.getByRole('button', { name: 'Nhắc nộp: Xã Hòa Thắng' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Gửi lời nhắc' }).click();
    await page.getByText('Đã gửi lời nhắc đến 1 đơn vị').waitFor();
    await j.screenshot(page, 'report-board');

    // The province returns the ward's report with a reason.
    await wardRow.getByRole('link', { name: 'Phường Tân Lập' }).click();
    await page.getByRole('button', { name: 'Trả lại' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trả lại báo cáo để đơn vị chỉnh sửa' });
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await dialog.getByText('Vui lòng nhập lý do').waitFor();
    await dialog.getByRole('textbox', { name: 'Lý do' }).fill('Bổ sung số cuộc tuyên truyền quý II');
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await page.getByText('Đã trả lại báo cáo').waitFor();
    expect((await j.db.selectFrom('reports').select(['status', 'returned_reason']).where('id', '=', wardReportId).executeTakeFirstOrThrow()).status).toBe('returned');

    // The province opens its own report now: it combines what the wards have sent.
    await page.goto(`/bao-cao?tab=unit&${query(province.id)}`);
    await page.getByRole('button', { name: 'Lập báo cáo' }).click();
    await page.waitForURL(/\/bao-cao\/\d+$/);
    const provinceReportId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByText('Số liệu của các đơn vị cấp dưới').waitFor();

    // The ward follows the link of a reminder e-mail to its report, reads the reason, corrects the figure and sends again.
    await wardPage.goto(`/bao-cao/don-vi/${ward.id}/${template.id}/${periodKey}`);
    await wardPage.waitForURL(`**/bao-cao/${wardReportId}`);
    await wardPage.getByText(/Báo cáo bị trả lại ngày \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}\. Lý do: Bổ sung số cuộc tuyên truyền quý II/).waitFor();
    await wardPage.getByRole('spinbutton', { name: 'Số cuộc tuyên truyền, hội nghị' }).fill('15');
    await wardPage.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await wardPage.getByRole('dialog').getByRole('button', { name: 'Gửi báo cáo' }).click();
    await wardPage.getByText('Đã gửi báo cáo').waitFor();
    const resent = await j.db.selectFrom('reports').selectAll().where('id', '=', wardReportId).executeTakeFirstOrThrow();
    expect(resent.status).toBe('submitted');
    expect(resent.values).toMatchObject({ events: { typed: 15 } });

    // The province's report is out of date; "Cập nhật số liệu" combines the ward's new figures.
    await page.reload();
    await page.getByText('Số liệu của đơn vị cấp dưới đã thay đổi sau lần tổng hợp gần nhất.').waitFor();
    await page.getByRole('button', { name: 'Cập nhật số liệu' }).click();
    await page.getByText('Đã cập nhật số liệu').waitFor();
    await page.getByText('Tổng hợp cấp dưới: 15').waitFor();
    expect((await j.db.selectFrom('reports').select('stale').where('id', '=', provinceReportId).executeTakeFirstOrThrow()).stale).toBe(false);
    const childRow = page.getByRole('row', { name: /Phường Tân Lập/ });
    await eventually(() => childRow.innerText()).toMatch(/Đã gửi[\s\S]*Nộp muộn 3 ngày[\s\S]*15/);
    await j.screenshot(page, 'report-province');

    // The report as a Word document arrives.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Báo cáo (.docx)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(await download.failure()).toBeNull();

    // The province accepts the ward's corrected report, which locks it.
    await childRow.getByRole('link', { name: 'Phường Tân Lập' }).click();
    await page.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.getByText(/Báo cáo đã được tiếp nhận ngày \d{2}\/\d{2}\/\d{4}/).waitFor();
    expect((await j.db.selectFrom('reports').select('status').where('id', '=', wardReportId).executeTakeFirstOrThrow()).status).toBe('accepted');
    await page.getByRole('button', { name: 'Mở khóa để sửa' }).waitFor();
  });
});
