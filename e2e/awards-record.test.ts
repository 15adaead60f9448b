import { describe, expect, it } from 'vitest';
import { newPerson, newUnit } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { callApi, chooseOption, newNamedUser, signIn } from './steps.js';

// Commendation, first step (issue 10): the school's emulation officer enters a teacher's past years
// in her record of achievements (hồ sơ thành tích), refused a year not yet come, and asks whether she
// may be proposed for Chiến sĩ thi đua cấp tỉnh; the teacher reads the same answer on her phone.
// The clock is the journeys' (15/06/2026): Nghị định 152/2025 applies, base salary 2,340,000 đ.

describe.skipIf(!browserAvailable)('Record of achievements and eligibility (hồ sơ thành tích, xét điều kiện)', () => {
  const j = useJourney();

  it('an officer enters the past years, is refused a future one, and reads each condition of a provincial title with its article', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const school = await newUnit(j.db, { parent: province, kind: 'school', name: 'Trường THCS Lý Thường Kiệt' });
    const person = await newPerson(j.db, school, { fullName: 'Trần Thị Thu Hà' });
    const officer = await newNamedUser(j.db, 'Lê Văn Tâm', [['unit_officer', school]]);
    const teacher = await newNamedUser(j.db, 'Trần Thị Thu Hà', [['staff_member', school]]);
    await j.db.updateTable('users').set({ person_id: person.id }).where('id', '=', teacher.id).execute();

    const page = await j.newPage();
    await signIn(page, officer.username);
    // Two years arranged through the API; the third, and the initiative, typed as an officer would.
    for (const year of [2023, 2024]) {
      await callApi(page, 'PUT', `/api/people/${person.id}/record/ratings/${year}`, { rating: 'hoan_thanh_xuat_sac' });
      await callApi(page, 'POST', `/api/people/${person.id}/record/awards`, { year, awardCode: 'chien_si_thi_dua_co_so' });
    }
    await page.goto('/can-bo');
    await page.getByRole('link', { name: 'Trần Thị Thu Hà' }).click();
    await page.getByRole('link', { name: 'Hồ sơ thành tích' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ thành tích: Trần Thị Thu Hà' }).waitFor();

    await page.getByRole('button', { name: 'Nhập xếp loại' }).first().click();
    let dialog = page.getByRole('dialog', { name: 'Nhập xếp loại' });
    await dialog.getByLabel('Năm', { exact: true }).fill('2025');
    await chooseOption(dialog, page, 'Xếp loại', 'Hoàn thành xuất sắc nhiệm vụ');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu xếp loại năm 2025').waitFor();

    await page.getByRole('button', { name: 'Thêm danh hiệu, khen thưởng' }).click();
    dialog = page.getByRole('dialog', { name: 'Thêm danh hiệu, khen thưởng' });
    await dialog.getByLabel('Năm', { exact: true }).fill('2025');
    await chooseOption(dialog, page, 'Danh hiệu, hình thức khen thưởng', 'Chiến sĩ thi đua cơ sở');
    await dialog.getByLabel('Số quyết định').fill('215/QĐ-THCS');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // A year not yet come is refused beside its field, and the typed text stays.
    await page.getByRole('button', { name: 'Thêm sáng kiến' }).click();
    dialog = page.getByRole('dialog', { name: 'Thêm sáng kiến' });
    await dialog.getByLabel('Tên sáng kiến').fill('Ứng dụng quản lý hồ sơ học sinh');
    await dialog.getByLabel('Năm', { exact: true }).fill('2027');
    await chooseOption(dialog, page, 'Cấp công nhận', 'Cấp bộ, ngành, tỉnh');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Năm: tối đa là 2026, không nhận 2027').waitFor();
    expect(await j.db.selectFrom('initiatives').select('id').where('person_id', '=', person.id).execute()).toEqual([]);
    await dialog.getByLabel('Năm', { exact: true }).fill('2024');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const year2025 = page.getByRole('region', { name: 'Năm 2025' });
    await year2025.getByText('Chiến sĩ thi đua cơ sở').waitFor();
    await year2025.getByText('215/QĐ-THCS').waitFor();
    await page.getByRole('region', { name: 'Năm 2024' }).getByText('Ứng dụng quản lý hồ sơ học sinh').waitFor();

    await chooseOption(page, page, 'Danh hiệu, hình thức khen thưởng', 'Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh');
    await page.getByLabel('Năm xét').fill('2025');
    await page.getByRole('button', { name: 'Xét điều kiện' }).click();
    const answer = page.getByRole('region', { name: 'Xét điều kiện khen thưởng' });
    await answer.getByText('Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh, 2025: Đủ điều kiện').waitFor();
    await answer.getByText('Chiến sĩ thi đua cơ sở 2023, 2024, 2025 liên tục').waitFor();
    await answer.getByText('Sáng kiến cấp bộ, ngành, tỉnh năm 2024').waitFor();
    expect(await answer.getByText('Luật Thi đua, khen thưởng 2022, Điều 22 khoản 1').count()).toBe(2);
    await answer.getByText('Tiền thưởng: 3 × 2.340.000 đ (mức lương cơ sở ngày 15/06/2026) = 7.020.000 đ').waitFor();
    await j.screenshot(page, 'awards-eligibility');

    // Revoking the 2024 title breaks the run: the answer says which year is missing.
    await page.getByRole('region', { name: 'Năm 2024' }).getByRole('button', { name: 'Hủy' }).first().click();
    dialog = page.getByRole('dialog', { name: 'Hủy mục này của hồ sơ' });
    await dialog.getByRole('button', { name: 'Hủy' }).last().click();
    await dialog.getByText('Nhập lý do hủy').waitFor();
    await dialog.getByLabel('Lý do').fill('Quyết định ghi nhầm năm');
    await dialog.getByRole('button', { name: 'Hủy' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    await answer.getByText('Chưa đạt Chiến sĩ thi đua cơ sở năm 2024').waitFor();
    const audit = await j.db.selectFrom('audit_log').select('action').where('action', 'like', 'record.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['record.rating', 'record.award', 'record.rating', 'record.award', 'record.rating', 'record.award', 'record.initiative', 'record.award_revoke']);

    // The teacher reads her record and the same kind of answer on her phone, with nothing to change.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, teacher.username);
    await phone.goto(`/can-bo/${person.id}/thanh-tich`);
    await phone.getByRole('heading', { name: 'Hồ sơ thành tích: Trần Thị Thu Hà' }).waitFor();
    expect(await phone.getByRole('button', { name: 'Thêm danh hiệu, khen thưởng' }).count()).toBe(0);
    // She does not read the people's list: the way back is to her home page.
    await phone.getByRole('link', { name: 'Về trang đầu' }).waitFor();
    await chooseOption(phone, phone, 'Danh hiệu, hình thức khen thưởng', 'Lao động tiên tiến');
    await phone.getByLabel('Năm xét').fill('2025');
    await phone.getByRole('button', { name: 'Xét điều kiện' }).click();
    await phone.getByText('Lao động tiên tiến, 2025: Đủ điều kiện').waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await j.screenshot(phone, 'awards-record-phone');
  });

  it('an officer loads the past years from the school’s spreadsheet, a bad row named, and reads them in the record', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const school = await newUnit(j.db, { parent: province, kind: 'school', name: 'Trường THCS Trần Phú' });
    const person = await newPerson(j.db, school, { fullName: 'Võ Thị Hạnh' });
    const officer = await newNamedUser(j.db, 'Lê Văn Tâm', [['unit_officer', school]]);
    // CSV as Excel saves it: a field with a comma is quoted.
    const line = (cells: (string | null)[]) => cells.map((c) => (c === null ? '' : c.includes(',') ? `"${c}"` : c)).join(',');
    const file = Buffer.from(
      `\uFEFF${[
        line(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Năm', 'Xếp loại', 'Danh hiệu, khen thưởng', 'Số quyết định', 'Ngày quyết định', 'Sáng kiến', 'Cấp sáng kiến']),
        line([null, 'Võ Thị Hạnh', school.code, '2023', 'Hoàn thành xuất sắc nhiệm vụ', 'Chiến sĩ thi đua cơ sở', '61/QĐ-THCS', '22/12/2023', 'Thư viện số của trường', 'Cấp cơ sở']),
        line([null, 'Võ Thị Hạnh', school.code, '2024', 'HTTNV', 'LĐTT', '70/QĐ-THCS', '20/12/2024', null, null]),
        line([null, 'Võ Thị Hạnh', school.code, '2022', 'Tốt', null, null, null, null, null]),
      ].join('\r\n')}\r\n`,
      'utf8',
    );

    const page = await j.newPage();
    await signIn(page, officer.username);
    await page.goto('/can-bo');
    await page.getByRole('button', { name: 'Nhập hồ sơ thành tích' }).click();
    const wizard = page.getByRole('dialog', { name: 'Nhập hồ sơ thành tích các năm trước từ tệp' });
    const chooser = page.waitForEvent('filechooser');
    await wizard.getByRole('button', { name: /Bấm hoặc kéo tệp vào đây/ }).click();
    await (await chooser).setFiles({ name: 'ho-so-thanh-tich.csv', mimeType: 'text/csv', buffer: file });
    const badRow = wizard.getByRole('row').filter({ hasText: 'Xếp loại "Tốt" không hợp lệ' });
    await badRow.waitFor({ timeout: 30_000 });
    expect((await badRow.getByRole('cell').allTextContents())[0]).toBe('4');
    await wizard.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }).click();
    await wizard.getByText('Đã nhập 2 dòng.').waitFor({ timeout: 30_000 });

    await page.goto(`/can-bo/${person.id}/thanh-tich`);
    const y2023 = page.getByRole('region', { name: 'Năm 2023' });
    await y2023.getByText('Chiến sĩ thi đua cơ sở').waitFor();
    await y2023.getByText('Thư viện số của trường').waitFor();
    await page.getByRole('region', { name: 'Năm 2024' }).getByText('70/QĐ-THCS', { exact: false }).waitFor();
  });
});
