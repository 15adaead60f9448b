import fs from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../server/src/platform/config.js';
import { newUnit } from '../server/test/factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, signIn } from './steps.js';

const SEED_000 = path.join(repoRoot, 'server', 'test', 'fixtures', 'plans', 'seeds', '000_4d5fff50ea1c841f.txt');

/**
 * The Nha Trang plan (seed 000, Kế hoạch 6344/KH-UBND) as the Word file an office keeps: one
 * paragraph per line of the scanned text, the heading lines centred and bold as typed.
 */
async function nhaTrangDocx(): Promise<Buffer> {
  const lines = fs
    .readFileSync(SEED_000, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '');
  const heading = new Set(['KẾ HOẠCH', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
  const doc = new Document({
    sections: [
      {
        children: lines.map(
          (text) =>
            new Paragraph({
              alignment: heading.has(text) ? AlignmentType.CENTER : undefined,
              children: [new TextRun({ text, bold: heading.has(text) || /^[IVX]+\.\s/.test(text), font: 'Times New Roman', size: 28 })],
            }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe.skipIf(!browserAvailable)('Plans (kế hoạch)', () => {
  const j = useJourney();

  it('imports the Nha Trang plan from a .docx, corrects the draft, publishes it and lists it as published', async () => {
    const province = await newUnit(j.db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const city = await newUnit(j.db, { parent: province, kind: 'district', name: 'Thành phố Nha Trang', code: 'KH-NT' });
    const officer = await newNamedUser(j.db, 'Trần Thị Mỹ Hạnh', [['standing_officer', city]]);
    const page = await j.newPage();
    await signIn(page, officer.username);
    await page.goto('/ke-hoach');

    // The movement the plan belongs to.
    await page.getByRole('button', { name: 'Tạo phong trào' }).click();
    const movementDialog = page.getByRole('dialog', { name: 'Tạo phong trào thi đua' });
    await movementDialog.getByRole('textbox', { name: 'Tên phong trào' }).fill('CBCCVC thi đua thực hiện văn hóa công sở');
    await movementDialog.getByRole('radio', { name: 'Theo đợt' }).check();
    await movementDialog.getByRole('spinbutton', { name: 'Từ năm' }).fill('2019');
    await movementDialog.getByRole('spinbutton', { name: 'Đến năm' }).fill('2025');
    await chooseOption(movementDialog, page, 'Đơn vị phát động', 'Thành phố Nha Trang', 'Nha Trang');
    await movementDialog.getByRole('button', { name: 'Tạo phong trào' }).click();
    await movementDialog.waitFor({ state: 'hidden' });
    await page.getByRole('main').getByRole('link', { name: 'CBCCVC thi đua thực hiện văn hóa công sở' }).waitFor();

    // The Word file, uploaded through the import dialog.
    await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Nhập kế hoạch từ tệp' });
    const chooser = page.waitForEvent('filechooser');
    await importDialog.getByRole('button', { name: /Bấm hoặc kéo tệp kế hoạch vào đây/ }).click();
    await (await chooser).setFiles({
      name: '6344-KH-UBND-van-hoa-cong-so.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await nhaTrangDocx(),
    });
    await chooseOption(importDialog, page, 'Thuộc phong trào', 'CBCCVC thi đua thực hiện văn hóa công sở (2019–2025)');
    await chooseOption(importDialog, page, 'Đơn vị ban hành', 'Thành phố Nha Trang', 'Nha Trang');
    await importDialog.getByRole('button', { name: 'Nhập và rà soát' }).click();

    // The review screen: the heading as read from the document…
    await page.waitForURL(/\/ke-hoach\/\d+$/, { timeout: 30_000 });
    const planId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: /phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” giai đoạn 2019-2025/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Số', exact: true }).inputValue()).toBe('6344');
    expect(await page.getByRole('textbox', { name: 'Ký hiệu' }).inputValue()).toBe('KH-UBND');
    expect(await page.getByRole('textbox', { name: 'Ngày ban hành' }).inputValue()).toBe('08/08/2019');

    // …the criteria for collectives and for individuals in their two tabs…
    const collectiveTab = page.getByRole('tab', { name: 'Tập thể (15)' });
    await collectiveTab.waitFor();
    expect(await page.getByRole('textbox', { name: 'Nội dung tiêu chí 1', exact: true }).inputValue()).toMatch(/^Xây dựng, ban hành và tổ chức thực hiện các văn bản chỉ đạo/);
    expect(await page.getByRole('textbox', { name: 'Nội dung tiêu chí 4.1' }).inputValue()).toMatch(/^Thực hiện bài trí công sở \(Quốc huy, Quốc kỳ/);
    await page.getByRole('tab', { name: 'Cá nhân (31)' }).click();
    const individual = page.getByRole('list', { name: 'Tiêu chí Cá nhân' });
    expect(await individual.getByRole('textbox', { name: 'Nội dung tiêu chí 6.1' }).inputValue()).toMatch(/^Khi thực hiện nhiệm vụ trang phục phải gọn gàng/);

    // …and the parser's doubts beside the source text.
    const source = page.getByRole('list', { name: 'Văn bản gốc theo dòng' });
    // The source of a .docx is numbered by paragraph, as the warnings are: each sits on its own line.
    const heading = source.getByRole('listitem').filter({ hasText: 'BỐI TƯỢNG, NỘI DUNG PHONG TRÀO THI ĐUA' });
    await heading.getByRole('note').filter({ hasText: 'đã sửa "BỐI TƯỢNG" thành "ĐỐI TƯỢNG"' }).waitFor();
    await page.getByText(/^Cảnh báo khi đọc tệp: \d+$/).waitFor();

    // The officer gives the collective criteria their points (20 each of 100) and names the signer.
    await collectiveTab.click();
    const collective = page.getByRole('list', { name: 'Tiêu chí Tập thể' });
    for (const code of ['1', '2', '3', '4', '5']) {
      await collective.getByRole('spinbutton', { name: `Điểm tối đa tiêu chí ${code}`, exact: true }).fill('20');
    }
    await page.getByText('Tổng điểm tối đa (Tập thể): 100').waitFor();
    await page.getByRole('button', { name: 'Lưu tiêu chí' }).click();
    await page.getByText('Đã lưu tiêu chí').waitFor();

    // The signer's name was read from under the signature; the officer writes the title beside it.
    expect(await page.getByRole('textbox', { name: 'Người ký' }).inputValue()).toBe('Nguyễn Anh Tuấn');
    await page.getByRole('textbox', { name: 'Người ký' }).fill('TM. ỦY BAN NHÂN DÂN – CHỦ TỊCH Nguyễn Anh Tuấn');
    // The years it applies to were read from "giai đoạn 2019-2025"; a year outside the movement's is refused.
    const yearTo = page.getByRole('spinbutton', { name: 'đến năm', exact: true });
    expect(await page.getByRole('spinbutton', { name: 'Áp dụng từ năm', exact: true }).inputValue()).toBe('2019');
    expect(await yearTo.inputValue()).toBe('2025');
    await yearTo.fill('2026');
    await page.getByRole('button', { name: 'Lưu thông tin văn bản' }).click();
    await page.getByText(/Năm áp dụng 2026 nằm ngoài thời gian của phong trào \(2019–2025\)/).first().waitFor();
    await yearTo.fill('2025');
    await page.getByRole('button', { name: 'Lưu thông tin văn bản' }).click();
    await page.getByText('Đã lưu thông tin văn bản').waitFor();
    await j.screenshot(page, 'plan-review');

    // The same review screen fits a phone: nothing wider than the screen.
    const phone = await j.newPage({ phone: true });
    await signIn(phone, officer.username);
    await phone.goto(`/ke-hoach/${planId}`);
    await phone.getByRole('tab', { name: 'Tập thể (15)' }).waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await j.screenshot(phone, 'plan-review-phone');

    // The plan's classification: "Tốt" from 75 % instead of the decree's 70 %.
    await page.getByRole('spinbutton', { name: 'Tỷ lệ tối thiểu của mức Tốt' }).fill('75');
    await page.getByRole('button', { name: 'Lưu xếp loại' }).click();
    await page.getByText('Đã lưu xếp loại').waitFor();

    // Publishing asks first, then the plan reads as published, no longer editable.
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Ban hành 6344/KH-UBND?' });
    await confirm.getByRole('button', { name: 'Ban hành' }).click();
    await page.getByText('Đã ban hành kế hoạch').waitFor();
    await eventually(() => page.getByRole('main').getByText('Đã ban hành', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Số', exact: true }).count()).toBe(0);
    await eventually(() => page.getByRole('button', { name: 'Ban hành', exact: true }).count()).toBe(0);

    await page.getByText('Từ năm 2019 đến năm 2025').waitFor();
    const saved = await j.db.selectFrom('plans').select(['status', 'number', 'code', 'issue_date', 'signer', 'unit_id', 'classification_bands', 'year_from', 'year_to']).where('id', '=', planId).executeTakeFirstOrThrow();
    expect([saved.year_from, saved.year_to]).toEqual([2019, 2025]);
    expect((saved.classification_bands as { min: number }[]).map((b) => b.min)).toEqual([90, 75, 50, 0]);
    expect(saved).toMatchObject({ status: 'published', number: '6344', code: 'KH-UBND', signer: 'TM. ỦY BAN NHÂN DÂN – CHỦ TỊCH Nguyễn Anh Tuấn', unit_id: city.id });
    const points = await j.db
      .selectFrom('plan_criteria')
      .select(['code', 'max_points'])
      .where('plan_id', '=', planId)
      .where('subject', '=', 'collective')
      .where('parent_id', 'is', null)
      .orderBy('position')
      .execute();
    expect(points.map((p) => [p.code, Number(p.max_points)])).toEqual([
      ['1', 20],
      ['2', 20],
      ['3', 20],
      ['4', 20],
      ['5', 20],
    ]);

    // The list shows it with its number, date, unit and state.
    await page.getByRole('main').getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Kế hoạch', exact: true }).waitFor();
    const row = page.getByRole('main').getByRole('row').filter({ has: page.getByRole('link', { name: '6344/KH-UBND' }) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual(expect.arrayContaining(['6344/KH-UBND', '08/08/2019', 'Thành phố Nha Trang', 'Đã ban hành', '1']));
    await j.screenshot(page, 'plans-list');
  });

  it('refuses a file that is not what its name says, then shows each warning of a text import beside its line', async () => {
    const city = await newUnit(j.db, { kind: 'district', name: 'Thành phố Nha Trang' });
    await j.db
      .insertInto('movements')
      .values({ name: 'Văn hóa công sở', theme: null, kind: 'period', start_year: 2019, end_year: 2025, owner_unit_id: city.id, created_by: null })
      .execute();
    const officer = await newNamedUser(j.db, 'Võ Thị Thu Hà', [['unit_officer', city]]);
    const page = await j.newPage();
    await signIn(page, officer.username);
    await page.goto('/ke-hoach');

    await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Nhập kế hoạch từ tệp' });
    const pick = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const chooser = page.waitForEvent('filechooser');
      await importDialog.getByRole('button', { name: /Bấm hoặc kéo tệp kế hoạch vào đây/ }).click();
      await (await chooser).setFiles(file);
    };
    await chooseOption(importDialog, page, 'Thuộc phong trào', 'Văn hóa công sở (2019–2025)');
    await chooseOption(importDialog, page, 'Đơn vị ban hành', 'Thành phố Nha Trang', 'Nha Trang');

    // A text file named .docx is refused with the reason, and nothing is stored.
    await pick({ name: 'ke-hoach.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('Kế hoạch số 6344') });
    await importDialog.getByRole('button', { name: 'Nhập và rà soát' }).click();
    await importDialog.getByRole('alert').filter({ hasText: 'Tệp không hợp lệ: Tệp có đuôi .docx nhưng không phải là tệp Word hợp lệ' }).waitFor();
    expect(await j.db.selectFrom('plans').select('id').where('unit_id', '=', city.id).execute()).toEqual([]);

    await pick({ name: 'ke-hoach-6344.txt', mimeType: 'text/plain', buffer: fs.readFileSync(SEED_000) });
    await importDialog.getByRole('button', { name: 'Nhập và rà soát' }).click();
    await page.waitForURL(/\/ke-hoach\/\d+$/, { timeout: 30_000 });

    // The scanned heading "II. BỐI TƯỢNG" carries the parser's correction on its own line…
    const source = page.getByRole('list', { name: 'Văn bản gốc theo dòng' });
    const line = source.getByRole('listitem').filter({ hasText: 'II. BỐI TƯỢNG, NỘI DUNG PHONG TRÀO THI ĐUA' });
    await line.getByRole('note').filter({ hasText: 'đã sửa "BỐI TƯỢNG" thành "ĐỐI TƯỢNG"' }).waitFor();
    expect(await line.getAttribute('data-line')).toBe('37');
    // …as does the line whose reporting duty names no date, while a line without doubts has none.
    await source.getByRole('listitem').filter({ hasText: 'Phòng Nội vụ thành phố là Cơ quan Thường trực' }).getByRole('note').filter({ hasText: 'không ghi hạn ngày/tháng' }).waitFor();
    expect(await source.getByRole('listitem').filter({ hasText: 'III. GIẢI PHÁP THỰC HIỆN' }).getByRole('note').count()).toBe(0);

    // "Only lines with warnings" leaves just those.
    await page.getByRole('switch', { name: 'Chỉ dòng có cảnh báo' }).click();
    await eventually(() => source.getByRole('listitem').count()).toBeLessThan(30);
    expect(await source.getByRole('listitem').filter({ hasText: 'III. GIẢI PHÁP THỰC HIỆN' }).count()).toBe(0);
    await j.screenshot(page, 'plan-source-warnings');
  });
});
