import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../server/src/platform/config.js';
import { newAssessment, newPlan, newSchoolWithTeacher, setStage } from '../server/test/evidence-factories.js';
import { newUnit } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { eventually, newNamedUser, signIn } from './steps.js';

const fixture = (name: string) => path.join(repoRoot, 'server/test/fixtures/evidence', name);

describe.skipIf(!browserAvailable)('Evidence (minh chứng) on the assessment sheet', () => {
  const j = useJourney();

  it('a teacher photographs evidence on a phone, learns why a disguised file is refused, adds a link and a note; the head only reads; once final nothing changes', async () => {
    const national = await newUnit(j.db, { kind: 'national' });
    const city = await newUnit(j.db, { parent: national, kind: 'district' });
    const { school, person, user } = await newSchoolWithTeacher(j.db, city);
    await j.db.updateTable('users').set({ display_name: 'Nguyễn Thị Hoa' }).where('id', '=', user.id).execute();
    const plan = await newPlan(j.db, city);
    const assessment = await newAssessment(j.db, { unit: school, plan, subject: 'individual', personId: person.id });
    const head = await newNamedUser(j.db, 'Trần Văn Nam', [['unit_head', school]]);

    // The teacher, on a phone: opens criterion 1.1's evidence and takes a photo with the camera.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, user.username);
    await phone.goto(`/danh-gia/${assessment.id}`);
    await phone.getByRole('button', { name: 'Minh chứng (1.1)' }).click();
    // The criterion's panel opens under its row, above the sheet's general evidence card.
    const panel = phone.getByRole('region', { name: 'Minh chứng' }).first();
    await panel.getByText('Chưa có minh chứng').waitFor();
    const camera = phone.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'Chụp ảnh' }).click();
    const chooser = await camera;
    expect(await chooser.element().getAttribute('capture')).toBe('environment');
    await chooser.setFiles(fixture('anh-chup.jpg'));
    await panel.getByRole('link', { name: 'anh-chup.jpg' }).waitFor();
    await panel.getByRole('img', { name: 'Ảnh thu nhỏ của anh-chup.jpg' }).waitFor();

    // A file pretending to be a PDF is refused with the reason, and nothing is added.
    const upload = phone.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'Tải tệp lên' }).click();
    await (await upload).setFiles({ name: 'hoa-don.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ…this is a program') });
    await panel.getByRole('alert').filter({ hasText: 'Tệp có đuôi .pdf nhưng nội dung thực sự là một chương trình chạy được (.exe)' }).waitFor();

    await panel.getByRole('button', { name: 'Thêm liên kết' }).click();
    const dialog = phone.getByRole('dialog', { name: 'Thêm liên kết minh chứng' });
    await dialog.getByRole('textbox', { name: 'Địa chỉ (URL)' }).fill('https://truong.edu.vn/chu-nhat-xanh');
    await dialog.getByRole('button', { name: 'Thêm', exact: true }).click();
    await panel.getByRole('link', { name: 'https://truong.edu.vn/chu-nhat-xanh' }).waitFor();
    await eventually(() => panel.getByRole('listitem').count()).toBe(2);
    // Evidence of the sheet as a whole goes in the general card, apart from the criteria.
    const general = phone.getByRole('region', { name: 'Minh chứng' }).last();
    await general.getByRole('button', { name: 'Thêm ghi chú' }).click();
    const noteDialog = phone.getByRole('dialog', { name: 'Thêm ghi chú minh chứng' });
    await noteDialog.getByRole('textbox', { name: 'Ghi chú' }).fill('Tham gia đủ 4 buổi lao động trong năm học');
    await noteDialog.getByRole('button', { name: 'Thêm', exact: true }).click();
    await general.getByText('Tham gia đủ 4 buổi lao động trong năm học').waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(2);
    await j.screenshot(phone, 'evidence-phone');

    // The head reads the same evidence but, at self-assessment, cannot add or delete.
    const desk = await j.newPage();
    await signIn(desk, head.username);
    await desk.goto(`/danh-gia/${assessment.id}`);
    await desk.getByRole('button', { name: 'Minh chứng (1.1)' }).click();
    const headPanel = desk.getByRole('region', { name: 'Minh chứng' }).first();
    await headPanel.getByRole('link', { name: 'anh-chup.jpg' }).waitFor();
    expect(await desk.getByRole('button', { name: 'Tải tệp lên' }).count()).toBe(0);
    expect(await headPanel.getByRole('button', { name: /^Xóa minh chứng/ }).count()).toBe(0);

    // Final: the teacher still opens the files but can no longer change anything.
    await setStage(j.db, assessment.id, 'final');
    await phone.reload();
    await phone.getByRole('button', { name: 'Minh chứng (1.1)' }).click();
    await panel.getByRole('link', { name: 'anh-chup.jpg' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Chụp ảnh' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^Xóa minh chứng/ }).count()).toBe(0);
  });
});
