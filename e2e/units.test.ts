import { describe, expect, it } from 'vitest';
import { newUnit } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, newNamedUser, signIn } from './steps.js';

describe.skipIf(!browserAvailable)('Organisation tree (cây đơn vị)', () => {
  const j = useJourney();

  it('adds a sub-unit under the selected province and shows it in the tree', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Gia Lai' });
    const officer = await newNamedUser(j.db, 'Phan Văn Khải', [['standing_officer', province]]);
    const page = await j.newPage();
    await signIn(page, officer.username);

    await page.goto('/don-vi');
    const tree = page.getByRole('tree', { name: 'Cây đơn vị' });
    await tree.getByRole('treeitem', { name: /Tỉnh Gia Lai/ }).click();
    await page.getByRole('heading', { level: 2, name: /Tỉnh Gia Lai/ }).waitFor();
    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();

    const dialog = page.getByRole('dialog', { name: 'Thêm đơn vị trực thuộc' });
    await dialog.getByText('Đơn vị cấp trên: Tỉnh Gia Lai').waitFor();
    await dialog.getByRole('textbox', { name: 'Mã đơn vị' }).fill('GL-PNV');
    await dialog.getByRole('textbox', { name: 'Tên đơn vị' }).fill('Phòng Nội vụ');
    await chooseOption(dialog, page, 'Loại đơn vị', 'Phòng/Ban');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The tree opens the parent and shows the new unit; its details are selected beside it.
    await tree.getByRole('treeitem', { name: /Phòng Nội vụ/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Phòng Nội vụ/ }).waitFor();

    const row = await j.db
      .selectFrom('units')
      .select(['id', 'parent_id', 'path', 'name', 'kind'])
      .where('code', '=', 'GL-PNV')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ parent_id: province.id, path: `${province.path}.${row.id}`, name: 'Phòng Nội vụ', kind: 'office' });
  });
});
