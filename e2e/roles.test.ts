import { describe, expect, it } from 'vitest';
import { newPerson, newUnit, newUser } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, peopleNames, signIn } from './steps.js';

describe.skipIf(!browserAvailable)('Role grants (phân quyền)', () => {
  const j = useJourney();

  it('grants unit_officer at a sub-unit, and the other account then sees only that sub-unit’s people', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh An Giang' });
    const health = await newUnit(j.db, { parent: province, kind: 'department', name: 'Sở Y tế An Giang' });
    const finance = await newUnit(j.db, { parent: province, kind: 'department', name: 'Sở Tài chính An Giang' });
    const clerk = await newPerson(j.db, health, { fullName: 'Huỳnh Thị Diễm', gender: 'female' });
    await newPerson(j.db, finance, { fullName: 'Trương Văn Lộc' });
    const officer = await newNamedUser(j.db, 'Lý Văn Sáng', [['standing_officer', province]]);
    // The account belongs to the health department through its person record, and holds no role yet.
    const account = await newUser(j.db);
    await j.db.updateTable('users').set({ display_name: 'Huỳnh Thị Diễm', person_id: clerk.id }).where('id', '=', account.id).execute();

    const admin = await j.newPage();
    await signIn(admin, officer.username);
    await admin.goto('/phan-quyen');
    const rows = admin.getByRole('main').getByRole('table').getByRole('row');
    const row = rows.filter({ hasText: account.username });
    await rows.filter({ hasText: officer.username }).waitFor();
    await admin.getByRole('searchbox', { name: 'Tìm kiếm' }).fill(account.username);
    await eventually(() => rows.filter({ hasText: officer.username }).count()).toBe(0);
    await row.waitFor();
    await row.getByRole('button', { name: 'Thêm quyền' }).click();

    const dialog = admin.getByRole('dialog', { name: 'Thêm quyền' });
    await dialog.getByText(`Tài khoản: Huỳnh Thị Diễm (${account.username})`).waitFor();
    await chooseOption(dialog, admin, 'Vai trò', 'Cán bộ thi đua đơn vị');
    await chooseOption(dialog, admin, 'Tại đơn vị', 'Sở Y tế An Giang', 'y te an giang');
    await dialog.getByRole('button', { name: 'Cấp quyền' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Cán bộ thi đua đơn vị — Sở Y tế An Giang').waitFor();

    const grants = await j.db.selectFrom('role_grants').select(['role', 'unit_id']).where('user_id', '=', account.id).execute();
    expect(grants).toEqual([{ role: 'unit_officer', unit_id: health.id }]);

    // A second browser profile: the account signs in and its people list narrows to its sub-unit.
    const clerkPage = await j.newPage();
    await signIn(clerkPage, account.username);
    await clerkPage.goto('/can-bo');
    await clerkPage.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
    await eventually(() => peopleNames(clerkPage)).toEqual(['Huỳnh Thị Diễm']);
    expect(await clerkPage.getByText('Trương Văn Lộc').count()).toBe(0);

    // The officer's own view still covers both departments.
    await admin.goto('/can-bo');
    await eventually(async () => (await peopleNames(admin)).sort()).toEqual(['Huỳnh Thị Diễm', 'Trương Văn Lộc']);
  });
});
