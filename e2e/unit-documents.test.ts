import { describe, expect, it } from 'vitest';
import { newUnit } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { newNamedUser, signIn } from './steps.js';

// A ward's emulation officer sets how the ward's documents are headed and signed (thể thức văn
// bản, Nghị định 30/2020) on the unit page, with the printed result previewed as it is typed.

describe.skipIf(!browserAvailable)('A unit’s document settings (thể thức văn bản)', () => {
  const j = useJourney();

  it('the ward’s officer sees the suggested letterhead, edits the code and the signature, and the preview follows', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const ward = await newUnit(j.db, { parent: province, kind: 'commune', name: 'Phường Nha Trang' });
    const officer = await newNamedUser(j.db, 'Võ Thị Ngọc Anh', [['unit_officer', ward]]);
    const page = await j.newPage();
    await signIn(page, officer.username);

    await page.goto(`/don-vi?id=${ward.id}`);
    await page.getByRole('heading', { level: 2, name: /Phường Nha Trang/ }).waitFor();
    await page.getByRole('heading', { name: 'Thể thức văn bản' }).waitFor();
    const preview = page.getByRole('figure', { name: 'Xem trước' });
    // Suggested from the tree while the ward has set nothing.
    await page.getByText('Theo gợi ý', { exact: true }).waitFor();
    await expect.poll(() => preview.innerText()).toMatch(/ỦY BAN NHÂN DÂN[\s\S]*PHƯỜNG NHA TRANG[\s\S]*Số: 125\/BC-PNT[\s\S]*TM\. ỦY BAN NHÂN DÂN\s+CHỦ TỊCH/);

    await page.getByRole('button', { name: 'Sửa thể thức văn bản' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thể thức văn bản: Phường Nha Trang' });
    await dialog.getByRole('textbox', { name: 'Ký hiệu cơ quan' }).fill('ubnd');
    // Capitals as it is typed, and the number it makes.
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Ký hiệu cơ quan' }).inputValue()).toBe('UBND');
    await dialog.getByText('Ghi sau loại văn bản trong số, ký hiệu: Số: 125/BC-UBND').waitFor();
    await dialog.getByRole('textbox', { name: 'Chức vụ người ký' }).fill('KT. Chủ tịch\nPhó Chủ tịch');
    await dialog.getByRole('textbox', { name: 'Họ tên người ký' }).fill('Phạm Minh Tuấn');
    await dialog.getByRole('textbox', { name: 'Cơ quan ban hành (dòng dưới)' }).fill('');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Vui lòng nhập tên cơ quan ban hành').waitFor();
    await dialog.getByRole('textbox', { name: 'Cơ quan ban hành (dòng dưới)' }).fill('Phường Nha Trang');
    // The preview in the dialog prints what the document will.
    await expect.poll(() => dialog.getByRole('figure', { name: 'Xem trước' }).innerText()).toMatch(/KT\. CHỦ TỊCH\s+PHÓ CHỦ TỊCH\s+Phạm Minh Tuấn/);
    await j.screenshot(page, 'unit-document-settings-dialog');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByText('Đơn vị đã thiết lập', { exact: true }).waitFor();
    await expect.poll(() => preview.innerText()).toMatch(/Số: 125\/BC-UBND[\s\S]*TM\. ỦY BAN NHÂN DÂN\s+KT\. CHỦ TỊCH\s+PHÓ CHỦ TỊCH\s+Phạm Minh Tuấn/);
    await j.screenshot(page, 'unit-document-settings');
    const row = await j.db.selectFrom('unit_document_settings').selectAll().where('unit_id', '=', ward.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ issuing_body: 'Phường Nha Trang', code_suffix: 'UBND', sign_prefix: 'TM.', signer_title: 'KT. Chủ tịch\nPhó Chủ tịch', signer_name: 'Phạm Minh Tuấn' });
  }, 120_000);
});
