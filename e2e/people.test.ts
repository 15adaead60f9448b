import { describe, expect, it } from 'vitest';
import { newPerson, newUnit } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { eventually, newNamedUser, peopleNames, signIn } from './steps.js';

/** A people file as a user saves it from the CSV template: UTF-8 with a BOM, Vietnamese headers. */
function peopleCsv(rows: string[][]): Buffer {
  const header = ['Mã cán bộ', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Loại', 'Chức vụ', 'Mã đơn vị', 'Email', 'Điện thoại'];
  return Buffer.from(`\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
}

describe.skipIf(!browserAvailable)('People (cán bộ)', () => {
  const j = useJourney();

  it('imports a file with one bad row: lists the row and its reason, then imports only the good rows', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Đắk Lắk' });
    const department = await newUnit(j.db, { parent: province, kind: 'department', name: 'Sở Giáo dục và Đào tạo', code: 'DL-SGD' });
    const officer = await newNamedUser(j.db, 'Hồ Thị Thanh', [['standing_officer', province]]);
    const file = peopleCsv([
      ['GD-001', 'Lê Thị Lan', 'Nữ', '05/09/1985', 'Công chức', 'Chuyên viên', 'DL-SGD', 'lan.lt@example.gov.vn', '0912345678'],
      ['GD-002', 'Phạm Văn Bình', 'Nam', '12/01/1979', 'Công chức', 'Trưởng phòng', 'DL-SGD', '', ''],
      ['GD-003', 'Trần Thị Nga', 'Nữa', '20/11/1990', 'Viên chức', 'Giáo viên', 'DL-SGD', '', ''],
      ['GD-004', 'Hoàng Văn Minh', 'Nam', '', 'Người lao động', '', 'DL-SGD', '', ''],
    ]);
    const page = await j.newPage();
    await signIn(page, officer.username);

    await page.goto('/can-bo');
    await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
    const wizard = page.getByRole('dialog', { name: 'Nhập cán bộ từ tệp' });
    const chooser = page.waitForEvent('filechooser');
    await wizard.getByRole('button', { name: /Bấm hoặc kéo tệp vào đây/ }).click();
    await (await chooser).setFiles({ name: 'can-bo-so-giao-duc.csv', mimeType: 'text/csv', buffer: file });

    // The dry run runs as a pg-boss job; the wizard polls it until the bad rows are listed.
    const badRow = wizard.getByRole('row').filter({ hasText: 'Giới tính "Nữa" không hợp lệ' });
    await badRow.waitFor({ timeout: 30_000 });
    // Row numbers are as in the spreadsheet: the header is row 1, so the third person is row 4.
    expect(await badRow.getByRole('cell').allTextContents()).toEqual([
      '4',
      'Giới tính',
      'Giới tính "Nữa" không hợp lệ; chọn một trong: Nam, Nữ, Khác',
    ]);
    expect(await wizard.innerText()).toMatch(/Tổng số dòng\s+4\s+Dòng hợp lệ\s+3\s+Dòng lỗi\s+1/);
    await wizard.getByText('Tệp có dòng lỗi. Sửa tệp rồi tải lên lại, hoặc chỉ nhập các dòng hợp lệ.').waitFor();
    expect(await wizard.getByRole('button', { name: 'Nhập tất cả' }).isDisabled()).toBe(true);
    await j.screenshot(page, 'import-errors');

    await wizard.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }).click();
    await wizard.getByText('Nhập dữ liệu thành công').waitFor({ timeout: 30_000 });
    await wizard.getByText('Đã nhập 3 dòng.').waitFor();

    const imported = await j.db.selectFrom('people').select('full_name').where('unit_id', '=', department.id).orderBy('full_name').execute();
    expect(imported.map((p) => p.full_name)).toEqual(['Hoàng Văn Minh', 'Lê Thị Lan', 'Phạm Văn Bình']);

    // Closing the wizard shows the new people in the list, which it refreshed.
    // Two buttons are named "Đóng": the title bar's cross and, last, the footer's.
    await wizard.getByRole('button', { name: 'Đóng' }).last().click();
    await eventually(async () => (await peopleNames(page)).sort()).toEqual(['Hoàng Văn Minh', 'Lê Thị Lan', 'Phạm Văn Bình']);
  });

  it('finds "Nguyễn Văn Đức" when typed without diacritics, and not "Nguyễn Văn Dũng"', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Quảng Ngãi' });
    const department = await newUnit(j.db, { parent: province, kind: 'department', name: 'Sở Tài chính' });
    await newPerson(j.db, department, { fullName: 'Nguyễn Văn Đức' });
    await newPerson(j.db, department, { fullName: 'Nguyễn Văn Dũng' });
    const officer = await newNamedUser(j.db, 'Đoàn Thị Hạnh', [['standing_officer', province]]);
    const page = await j.newPage();
    await signIn(page, officer.username);

    await page.goto('/can-bo');
    await eventually(async () => (await peopleNames(page)).sort()).toEqual(['Nguyễn Văn Dũng', 'Nguyễn Văn Đức'].sort());
    await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('nguyen van duc');

    await eventually(() => peopleNames(page)).toEqual(['Nguyễn Văn Đức']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('nguyen van duc');
  });
});
