import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { docxTableRows, docxText } from '../server/src/modules/documents/docx.testing.js';
import { convertToPdf, officeTools, picturePage } from '../server/src/modules/documents/libreoffice.testing.js';
import { newUnit, type TestUnit } from '../server/test/factories.js';
import { newReport, newReportTemplate } from '../server/test/report-factories.js';
import { browserAvailable, screenshotDir, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, signIn } from './steps.js';

// The province of Đắk Lắk collects the yearly report on office culture through its districts: the
// communes report to their district, the districts to the province. In Krông Pắc one commune sends
// on time and one late; the district consolidates and sends. In Cư Kuin one commune's report was
// returned and one has sent nothing. The province follows the whole subtree on its board (and a
// cụm thi đua on its own), opens its report from the districts' figures, refreshes it when a late
// commune finally reports through its district, and downloads it as a Word file in the state format.

/** Today's date in Vietnam, shifted by `days`, as yyyy-mm-dd. */

/** The number shown by a statistic of the board ("Phải báo cáo", "Đã nộp"…). */
const stat = (page: Page, label: string) =>
  page
    .locator('.ant-statistic')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.ant-statistic-content-value')
    .innerText();

/** All the board's figures at once, for one comparison. */
async function boardCounts(page: Page) {
  const labels = { expected: 'Phải báo cáo', submitted: 'Đã nộp', onTime: 'Đúng hạn', late: 'Muộn', missing: 'Chưa nộp', returned: 'Bị trả lại' };
  const out: Record<string, number> = {};
  for (const [k, label] of Object.entries(labels)) out[k] = Number(await stat(page, label));
  return out;
}

/** Opens the unit's own report from /bao-cao ("Lập báo cáo") and returns its id. */
async function openOwnReport(page: Page, query: string): Promise<number> {
  await page.goto(`/bao-cao?tab=unit&${query}`);
  await page.getByRole('button', { name: 'Lập báo cáo' }).click();
  await page.waitForURL(/\/bao-cao\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

async function send(page: Page) {
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText('Đã gửi báo cáo', { exact: true }).waitFor();
}

describe.skipIf(!browserAvailable)('Periodic reports on three levels: province, districts, communes', () => {
  const j = useJourney();

  it('the boards count each level’s subtree, the block filter narrows them, and the province’s report and its .docx carry the districts’ figures', async () => {
    const db = j.db;
    const year = Number(j.vietnamDay().slice(0, 4));
    const periodKey = `${year}-Y`;
    const province = await newUnit(db, { kind: 'province', name: 'UBND tỉnh Đắk Lắk' });
    const krongPac = await newUnit(db, { parent: province, kind: 'district', name: 'UBND huyện Krông Pắc' });
    const cuKuin = await newUnit(db, { parent: province, kind: 'district', name: 'UBND huyện Cư Kuin' });
    const eaPhe = await newUnit(db, { parent: krongPac, kind: 'commune', name: 'UBND xã Ea Phê' });
    const eaKly = await newUnit(db, { parent: krongPac, kind: 'commune', name: 'UBND xã Ea Kly' });
    const hoaHiep = await newUnit(db, { parent: cuKuin, kind: 'commune', name: 'UBND xã Hòa Hiệp' });
    const eaTieu = await newUnit(db, { parent: cuKuin, kind: 'commune', name: 'UBND xã Ea Tiêu' });
    const template = await newReportTemplate(db, { periodKind: 'year', reporterKinds: ['province', 'district', 'commune'] });
    await db
      .updateTable('report_templates')
      // Due on the last day of the year, so that what the browser sends today is on time whatever the date.
      .set({ name: 'Kết quả thực hiện phong trào văn hóa công sở', recipient_text: 'Bộ Nội vụ', due_day: 31, due_month: 12 })
      .where('id', '=', template.id)
      .execute();
    const query = (unit: TestUnit) => `mau=${template.id}&ky=${periodKey}&dv=${unit.id}`;

    // What the communes have sent: Ea Phê on time, Ea Kly three days late, Ea Tiêu's returned by
    // its district to be corrected; Hòa Hiệp has sent nothing.
    await newReport(db, { template, unit: eaPhe, recipient: krongPac, year, status: 'submitted', values: { events: 5, posted_rate: 80 } });
    await newReport(db, { template, unit: eaKly, recipient: krongPac, year, status: 'submitted', daysLate: 3, values: { events: 7, posted_rate: 100 } });
    await newReport(db, { template, unit: eaTieu, recipient: cuKuin, year, status: 'returned', values: { events: 40 } });
    const cum = await db.insertInto('blocks').values({ year, kind: 'cum', name: 'Cụm thi đua số 1', organizer_unit_id: province.id }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('block_members')
      .values([eaPhe, hoaHiep].map((u) => ({ block_id: cum.id, unit_id: u.id })))
      .execute();

    const provinceOfficer = await newNamedUser(db, 'Nguyễn Văn Thắng', [['standing_officer', province]]);
    const krongPacOfficer = await newNamedUser(db, 'Trần Thị Hoa', [['unit_officer', krongPac]]);
    const cuKuinOfficer = await newNamedUser(db, 'Y Moan Niê', [['unit_officer', cuKuin]]);
    const hoaHiepOfficer = await newNamedUser(db, 'H Lan Êban', [['unit_officer', hoaHiep]]);

    // Krông Pắc consolidates its two communes (5 + 7 events) and sends to the province.
    const district = await j.newPage();
    await signIn(district, krongPacOfficer.username);
    await openOwnReport(district, query(krongPac));
    await district.getByText('Tổng hợp cấp dưới: 12').waitFor();
    await eventually(() => district.getByRole('row', { name: /UBND xã Ea Kly/ }).innerText()).toMatch(/Đã gửi[\s\S]*Nộp muộn 3 ngày[\s\S]*7/);
    await send(district);

    // Cư Kuin opens its report: nothing it received counts yet.
    const districtB = await j.newPage();
    await signIn(districtB, cuKuinOfficer.username);
    const cuKuinReportId = await openOwnReport(districtB, query(cuKuin));
    await eventually(() => districtB.getByRole('row', { name: /UBND xã Hòa Hiệp/ }).innerText()).toMatch(/Chưa báo cáo/);
    await districtB.getByText('Tổng hợp cấp dưới: 0').first().waitFor();

    // The province's board covers its whole subtree: 2 districts and 4 communes.
    const page = await j.newPage();
    await signIn(page, provinceOfficer.username);
    await page.goto(`/bao-cao?tab=board&${query(province)}`);
    await page.getByText(/Đúng hạn: nộp trước hoặc trong ngày hạn 31\/12\//).waitFor();
    await eventually(() => boardCounts(page)).toEqual({ expected: 6, submitted: 3, onTime: 2, late: 1, missing: 3, returned: 1 });
    // Who is missing, by name (the returned one among them), each with its state.
    await page.getByText('Đơn vị chưa nộp báo cáo (3)').waitFor();
    const missing = page.locator('.ant-list-item-meta-title');
    await eventually(async () => (await missing.allInnerTexts()).map((x) => x.replace(/\s+/g, ' '))).toEqual(['UBND huyện Cư Kuin Đang soạn', 'UBND xã Ea Tiêu Bị trả lại', 'UBND xã Hòa Hiệp Chưa báo cáo']);
    await eventually(() => page.getByRole('row', { name: /UBND huyện Krông Pắc/ }).innerText()).toMatch(/Đã gửi[\s\S]*Nộp đúng hạn/);
    await eventually(() => page.getByRole('row', { name: /UBND xã Ea Kly/ }).innerText()).toMatch(/Nộp muộn 3 ngày/);
    await j.screenshot(page, 'report-board-three-levels');

    // Krông Pắc's board (the province reads it too): only its own communes.
    await page.goto(`/bao-cao?tab=board&${query(krongPac)}`);
    await eventually(() => boardCounts(page)).toEqual({ expected: 2, submitted: 2, onTime: 1, late: 1, missing: 0, returned: 0 });
    await page.getByText('Tất cả đơn vị đã nộp báo cáo.').waitFor();
    expect(await page.getByRole('row', { name: /Hòa Hiệp|Krông Pắc|Cư Kuin/ }).count()).toBe(0);

    // Back at the province, the block filter narrows the board to Cụm thi đua số 1 and stays in the address.
    await page.goto(`/bao-cao?tab=board&${query(province)}`);
    await eventually(() => stat(page, 'Phải báo cáo')).toBe('6');
    await chooseOption(page, page, 'Khối, cụm thi đua', 'Cụm thi đua số 1');
    await eventually(() => boardCounts(page)).toEqual({ expected: 2, submitted: 1, onTime: 1, late: 0, missing: 1, returned: 0 });
    expect(new URL(page.url()).searchParams.get('khoi')).toBe(String(cum.id));
    await page.getByText('Các thành viên của Cụm thi đua số 1 thuộc UBND tỉnh Đắk Lắk', { exact: false }).waitFor();
    expect(await page.getByRole('row', { name: /Ea Kly|Krông Pắc/ }).count()).toBe(0);
    await j.screenshot(page, 'report-board-block');
    await page.reload();
    await eventually(() => stat(page, 'Phải báo cáo')).toBe('2');

    // The province opens its own report: each district's figure, Krông Pắc's being its communes' sum.
    const provinceReportId = await openOwnReport(page, query(province));
    await page.getByText('Số liệu của các đơn vị cấp dưới').waitFor();
    await page.getByText('Tổng hợp cấp dưới: 12').waitFor();
    await eventually(() => page.getByRole('row', { name: /UBND huyện Krông Pắc/ }).innerText()).toMatch(/Đã gửi[\s\S]*Nộp đúng hạn[\s\S]*12/);
    await eventually(() => page.getByRole('row', { name: /UBND huyện Cư Kuin/ }).innerText()).toMatch(/Đang soạn/);

    // Cư Kuin sends what it has, before Hòa Hiệp reports late at last (6 events): Cư Kuin's sent
    // figures go stale, so it takes its report back, refreshes and sends again.
    await send(districtB);
    const commune = await j.newPage({ phone: true });
    await signIn(commune, hoaHiepOfficer.username);
    const hoaHiepReportId = await openOwnReport(commune, query(hoaHiep));
    await commune.getByRole('spinbutton', { name: 'Số cuộc tuyên truyền, hội nghị' }).fill('6');
    await commune.getByRole('button', { name: 'Lưu' }).click();
    await commune.getByText('Đã lưu báo cáo').waitFor();
    await db.updateTable('reports').set({ due_date: j.vietnamDay(-2) }).where('id', '=', hoaHiepReportId).execute();
    await send(commune);
    await commune.getByText('Nộp muộn 2 ngày').first().waitFor();
    await districtB.reload();
    await districtB.getByText('Số liệu của đơn vị cấp dưới đã thay đổi sau khi báo cáo được gửi.', { exact: false }).waitFor();
    expect(await districtB.getByRole('button', { name: 'Cập nhật số liệu' }).count()).toBe(0);
    await districtB.getByRole('button', { name: 'Rút về để sửa' }).click();
    await districtB.getByRole('dialog').getByRole('button', { name: 'Rút về để sửa' }).click();
    await districtB.getByText('Đã rút báo cáo về').waitFor();
    expect((await db.selectFrom('reports').select('status').where('id', '=', cuKuinReportId).executeTakeFirstOrThrow()).status).toBe('draft');
    await districtB.getByRole('button', { name: 'Cập nhật số liệu' }).click();
    await districtB.getByText('Đã cập nhật số liệu').waitFor();
    await districtB.getByText('Tổng hợp cấp dưới: 6').waitFor();
    await send(districtB);
    expect((await db.selectFrom('reports').select(['status', 'stale']).where('id', '=', cuKuinReportId).executeTakeFirstOrThrow()).status).toBe('submitted');

    // The province's report is out of date now; refreshing takes Cư Kuin's 6 in: 12 + 6.
    await page.reload();
    await page.getByText('Số liệu của đơn vị cấp dưới đã thay đổi sau lần tổng hợp gần nhất.').waitFor();
    await page.getByRole('button', { name: 'Cập nhật số liệu' }).click();
    await page.getByText('Đã cập nhật số liệu').waitFor();
    await page.getByText('Tổng hợp cấp dưới: 18').waitFor();
    await eventually(() => page.getByRole('row', { name: /UBND huyện Cư Kuin/ }).innerText()).toMatch(/Đã gửi[\s\S]*6/);
    expect((await db.selectFrom('reports').select('stale').where('id', '=', provinceReportId).executeTakeFirstOrThrow()).stale).toBe(false);

    // The number and the signer, then the province sends (its report is dated the day it is sent).
    // The number field takes the number only: the code typed in with it is refused beside the field,
    // and the line under it shows what will print.
    const number = page.getByRole('textbox', { name: 'Số văn bản' });
    await number.fill('45/BC-UBND');
    await page.getByRole('alert').filter({ hasText: 'Chỉ ghi số thứ tự của văn bản (ví dụ 125)' }).waitFor();
    await expect.poll(() => number.getAttribute('aria-invalid')).toBe('true');
    await number.fill('45');
    await page.getByText('Chỉ ghi số; ký hiệu “/BC-UBND” được thêm tự động. In ra: Số: 45/BC-UBND').waitFor();
    await page.getByRole('textbox', { name: 'Người ký' }).fill('Nguyễn Văn Thắng');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu báo cáo').waitFor();
    await send(page);
    await j.screenshot(page, 'report-province-three-levels');

    // The Word file, downloaded through the browser and opened.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Báo cáo (.docx)' }).click()]);
    expect(download.suggestedFilename()).toBe(`Bao-cao-nam-${year}-UBND-tinh-Dak-Lak.docx`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-report-3-'));
    try {
      const docx = path.join(dir, 'bao-cao.docx');
      await download.saveAs(docx);
      const bytes = fs.readFileSync(docx);
      const text = docxText(bytes);
      const [d, m, y] = [Number(j.vietnamDay().slice(8, 10)), Number(j.vietnamDay().slice(5, 7)), year];
      // The province's committee as officials write it, while the province has set nothing of its own.
      expect(docxTableRows(bytes)[0]![0]).toBe('ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK');
      for (const line of [
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
        'Phụ lục',
        'SỐ LIỆU CỦA CÁC ĐƠN VỊ TRỰC THUỘC',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 45/BC-UBND',
        `ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? String(m).padStart(2, '0') : m} năm ${y}`,
        'BÁO CÁO',
        `Kết quả thực hiện phong trào văn hóa công sở năm ${year}`,
        'II. SỐ LIỆU CỦA CÁC ĐƠN VỊ TRỰC THUỘC',
        'Số đơn vị phải báo cáo: 2; đã gửi: 2 (đúng hạn: 2, muộn: 0); chưa gửi: 0.',
        'Nguyễn Văn Thắng',
      ]) {
        expect(text).toContain(line);
      }
      expect(text).toMatch(/Nơi nhận:[\s\S]*Bộ Nội vụ;[\s\S]*Lưu: VT\./);
      const rows = docxTableRows(bytes);
      // The indicator table with the consolidated figures: 12 + 6 events; the rate weighted by the
      // units each district covers (Krông Pắc 3 at 90%, Cư Kuin sent none).
      expect(rows).toContainEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Kết quả']);
      expect(rows).toContainEqual(['2', 'Số cuộc tuyên truyền, hội nghị', '', '18']);
      expect(rows).toContainEqual(['3', 'Tỷ lệ cơ quan niêm yết quy tắc ứng xử', '%', '90\u00a0%']);
      // The children table: each district with its figures, then the total.
      expect(rows).toContainEqual(['STT', 'Đơn vị', 'Tình hình gửi', 'Số cá nhân đăng ký thi đua', 'Số cuộc tuyên truyền, hội nghị', 'Tỷ lệ cơ quan niêm yết quy tắc ứng xử (%)']);
      expect(rows).toContainEqual(['1', 'UBND huyện Cư Kuin', 'Đúng hạn', '0', '6', '']);
      expect(rows).toContainEqual(['2', 'UBND huyện Krông Pắc', 'Đúng hạn', '0', '12', '90\u00a0%']);
      expect(rows).toContainEqual(['Tổng hợp', '0', '18', '90\u00a0%']);

      // LibreOffice's reading of the same file, page 1 as a picture to look at.
      if (!officeTools.soffice || !officeTools.pdftoppm) {
        console.warn('soffice or pdftoppm not found: the .docx was not converted to PDF');
        return;
      }
      await picturePage(await convertToPdf(docx, dir), path.join(screenshotDir, 'report-three-levels-page-1'));
      expect(fs.statSync(path.join(screenshotDir, 'report-three-levels-page-1.png')).size).toBeGreaterThan(10_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
