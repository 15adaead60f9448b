import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPerson, newUnit, type TestUnit } from '../server/test/factories.js';
import { newMovement, newPublishedPlan, newRegistration, type TestPlan } from '../server/test/registration-factories.js';
import { browserAvailable, useJourney } from './harness.js';
import { chooseOption, eventually, newNamedUser, signIn } from './steps.js';

// The standing officer of a province opens the dashboard (/tong-hop) of a year whose assessments
// are arranged in the database: the classification, the sub-units, the rankings, and both Excel files.

describe.skipIf(!browserAvailable)('Dashboard and rankings (tổng hợp, xếp hạng)', () => {
  const j = useJourney();

  async function arrange() {
    const db = j.db;
    const province = await newUnit(db, { kind: 'province', name: 'Tỉnh Khánh Hòa' });
    const noiVu = await newUnit(db, { parent: province, kind: 'department', name: 'Sở Nội vụ' });
    const yTe = await newUnit(db, { parent: province, kind: 'department', name: 'Sở Y tế' });
    const movement = await newMovement(db, province, { name: 'Văn hóa công sở', startYear: 2026, endYear: 2030 });
    const plan = await newPublishedPlan(db, province, { movement, year: 2026 });
    const assess = async (p: TestPlan, unit: TestUnit, personId: number | null, stage: string, score: number, classification: string | null) =>
      db
        .insertInto('assessments')
        .values({
          plan_id: p.id,
          movement_id: p.movementId,
          year: 2026,
          subject: personId ? 'individual' : 'collective',
          unit_id: unit.id,
          person_id: personId,
          stage,
          self_total: score + 3,
          review_total: score,
          council_total: stage === 'final' ? score : null,
          classification,
          finalised_at: stage === 'final' ? new Date('2026-12-15T02:00:00Z') : null,
        })
        .execute();
    const people: [TestUnit, string, string, number, string | null][] = [
      [noiVu, 'Nguyễn Văn Bình', 'final', 95, 'excellent'],
      [noiVu, 'Trần Thị Cúc', 'final', 82, 'good'],
      [yTe, 'Lê Văn Dũng', 'final', 91, 'excellent'],
      [yTe, 'Phạm Thị Hoa', 'council', 78, null],
    ];
    for (const [unit, name, stage, score, classification] of people) {
      const person = await newPerson(db, unit, { fullName: name });
      await newRegistration(db, { plan, unit, person });
      await assess(plan, unit, person.id, stage, score, classification);
    }
    await newPerson(db, yTe, { fullName: 'Võ Văn Em' }); // not registered
    await newRegistration(db, { plan, unit: noiVu });
    await newRegistration(db, { plan, unit: yTe });
    await assess(plan, noiVu, null, 'final', 88, 'good');
    await assess(plan, yTe, null, 'review', 90, null);
    const block = await db.insertInto('blocks').values({ year: 2026, kind: 'khoi', name: 'Khối các sở', organizer_unit_id: province.id }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('block_members').values([{ block_id: block.id, unit_id: noiVu.id }, { block_id: block.id, unit_id: yTe.id }]).execute();
    return { province, movement };
  }

  /** Clicks a download link and returns the file's suggested name and its workbook. */
  async function download(page: Page, link: ReturnType<Page['getByRole']>) {
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const where = await file.path();
    expect(fs.statSync(where).size).toBeGreaterThan(1000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(where) as unknown as ArrayBuffer);
    return { name: file.suggestedFilename(), wb };
  }

  it('shows the distribution and the rankings, and downloads both as Excel', async () => {
    const { province } = await arrange();
    const officer = await newNamedUser(j.db, 'Đặng Thị Thu', [['standing_officer', province]]);
    const page = await j.newPage();
    await signIn(page, officer.username);

    await page.getByRole('menuitem', { name: 'Tổng hợp, xếp hạng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổng hợp' }).waitFor();
    await chooseOption(page, page, 'Phong trào', 'Văn hóa công sở (2026–2030)');
    await chooseOption(page, page, 'Năm', '2026');

    // The three cards: 4 of 5 staff and 2 of 3 units (the province too) registered, one assessment
    // still with the council, and the
    // classification of the three final ones.
    const main = page.getByRole('main');
    await main.getByText('4/5 cán bộ đã đăng ký').waitFor();
    await main.getByText('2/3 tập thể đã đăng ký').waitFor();
    const progress = main.getByRole('img', { name: /^Đánh giá cá nhân:/ });
    await eventually(() => progress.getAttribute('aria-label')).toBe('Đánh giá cá nhân: Đã hoàn tất 3, Hội đồng xét 1, Thủ trưởng chấm 0, Tự đánh giá 0, Chưa đánh giá 0');
    const distribution = main.getByRole('img', { name: /^Phân bố xếp loại/ });
    await eventually(() => distribution.getAttribute('aria-label')).toBe('Phân bố xếp loại: Xuất sắc 2, Tốt 1, Đạt 0, Không đạt 0');
    await main.getByText('Tập thể: Tốt 1').waitFor();

    // The sub-unit table, then its Excel file.
    const table = main.getByRole('table').first();
    await table.getByRole('row', { name: /Sở Nội vụ/ }).waitFor();
    await table.getByRole('row', { name: /Sở Y tế/ }).waitFor();
    await j.screenshot(page, 'dashboard-overview');
    const summary = await download(page, main.getByRole('link', { name: 'Xuất Excel' }));
    expect(summary.name).toBe('Tong-hop-thi-dua-nam-2026-Tinh-Khanh-Hoa.xlsx');
    const sheet = summary.wb.getWorksheet('Theo đơn vị')!;
    const names = sheet.getColumn(2).values.filter((v) => typeof v === 'string');
    expect(names).toEqual(expect.arrayContaining(['Sở Nội vụ', 'Sở Y tế', 'Tổng cộng']));

    // Rankings: the block's units (a tie shares a rank), then the province's people.
    await page.getByRole('tab', { name: 'Xếp hạng' }).click();
    const ranking = main.getByRole('table');
    await eventually(async () => (await ranking.getByRole('row').allInnerTexts()).slice(1).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '1 Sở Y tế 90 Tạm xếp',
      '2 Sở Nội vụ 88 Tốt Chính thức',
    ]);
    await page.getByText('Cá nhân trong đơn vị').click();
    await eventually(async () => (await ranking.getByRole('row').allInnerTexts()).slice(1).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '1 Nguyễn Văn Bình Sở Nội vụ 95 Xuất sắc Chính thức',
      '2 Lê Văn Dũng Sở Y tế 91 Xuất sắc Chính thức',
      '3 Trần Thị Cúc Sở Nội vụ 82 Tốt Chính thức',
      '4 Phạm Thị Hoa Sở Y tế 78 Tạm xếp',
    ]);
    await j.screenshot(page, 'dashboard-rankings');
    const ranked = await download(page, main.getByRole('link', { name: 'Xuất Excel' }));
    expect(ranked.name).toBe('Xep-hang-thi-dua-nam-2026-Tinh-Khanh-Hoa.xlsx');
    const rows = ranked.wb.getWorksheet('Xếp hạng')!;
    expect((rows.getRow(7).values as unknown[]).slice(1, 4)).toEqual([1, 'Nguyễn Văn Bình', 'Sở Nội vụ']);

    // For the yearly rating: every official of the province, one row a person, with the final result or why not.
    const yearly = await download(page, main.getByRole('link', { name: 'Kết quả cho xếp loại năm (.xlsx)' }));
    expect(yearly.name).toBe('Ket-qua-van-hoa-cong-so-nam-2026-Tinh-Khanh-Hoa.xlsx');
    const results = yearly.wb.worksheets[0]!;
    const byName = new Map<unknown, unknown[]>();
    for (let r = 5; r <= results.rowCount; r++) byName.set(results.getRow(r).getCell(3).value, [7, 8, 9].map((c) => results.getRow(r).getCell(c).value));
    expect(byName.get('Nguyễn Văn Bình')).toEqual([95, 'Xuất sắc', 'Đã hoàn tất']);
    expect(byName.get('Phạm Thị Hoa')).toEqual([null, null, 'Chưa hoàn tất (hội đồng xét)']);
    expect(byName.size).toBe(5);
  });

  it('fits a phone: the cards stack and the ranking stays readable', async () => {
    const { province, movement } = await arrange();
    const officer = await newNamedUser(j.db, 'Hồ Thị Mai', [['standing_officer', province]]);
    const page = await j.newPage({ phone: true });
    await signIn(page, officer.username);
    await page.goto(`/tong-hop?m=${movement.id}&y=2026&u=${province.id}`);
    const main = page.getByRole('main');
    await main.getByText('4/5 cán bộ đã đăng ký').waitFor();
    const registration = await main.getByRole('heading', { name: 'Tỷ lệ đăng ký' }).boundingBox();
    const classification = await main.getByRole('heading', { name: 'Xếp loại' }).boundingBox();
    // Stacked, not side by side, and nothing wider than the screen.
    expect(classification!.y).toBeGreaterThan(registration!.y + 100);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await j.screenshot(page, 'dashboard-phone');
  });
});
