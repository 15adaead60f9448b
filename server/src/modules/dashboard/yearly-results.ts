import { assessmentStageLabels, employmentCategoryLabels, type AssessmentStage, type EmploymentCategory, type YearlyResultsQuery } from '@thidua/contracts';
import ExcelJS from 'exceljs';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { nameCollation } from '../../platform/search.js';
import { normaliseBands } from '../assessments/assessments.rules.js';
import { csvFile } from '../documents/csv.js';
import { officialFileName } from '../documents/file-names.js';
import { dashboardRepository as repo, type YearlyResultRow } from './dashboard.repository.js';

// The office-culture result of each official for the year (kết quả thực hiện văn hóa công sở), one
// row a person, for the general-criteria part of the yearly rating (đánh giá, xếp loại chất lượng
// cán bộ, công chức, viên chức — Nghị định 335/2025: "văn hóa thực thi công vụ" among the general
// criteria). As .xlsx, or as .csv for the personnel software that takes it in. Everyone of the unit's
// subtree is listed, those without a final result saying why, so that nobody is silently missing.

export interface YearlyResult {
  code: string | null;
  name: string;
  position: string | null;
  category: string;
  unit: string;
  score: number | null;
  classification: string | null;
  status: string;
}

const header = ['STT', 'Mã cán bộ', 'Họ và tên', 'Chức vụ', 'Loại cán bộ', 'Đơn vị', 'Điểm văn hóa công sở', 'Xếp loại văn hóa công sở', 'Tình trạng'];

function resultOf(r: YearlyResultRow): YearlyResult {
  const final = r.stage === 'final';
  const band = final && r.classification ? normaliseBands(r.bands).find((b) => b.key === r.classification) : undefined;
  const status = final
    ? 'Đã hoàn tất'
    : r.stage
      ? `Chưa hoàn tất (${assessmentStageLabels[r.stage as AssessmentStage].vi.toLowerCase()})`
      : r.registered
        ? 'Đã đăng ký, chưa tự đánh giá'
        : 'Chưa đăng ký thi đua';
  return {
    code: r.person_code,
    name: r.full_name,
    position: r.position,
    category: employmentCategoryLabels[r.category as EmploymentCategory]?.vi ?? r.category,
    unit: r.unit_name,
    // A score still being entered is not a result: only the final one is given.
    score: final ? r.score : null,
    classification: band?.vi ?? null,
    status,
  };
}

async function results(ctx: AppContext, actor: Actor, q: YearlyResultsQuery): Promise<{ unitName: string; movementName: string; rows: YearlyResult[] }> {
  const unit = await repo.findUnit(ctx.db, q.unitId);
  if (!unit || !can(actor, 'unit.read', unit.path)) throw new AppError('NOT_FOUND');
  // The yearly rating is the unit's personnel work: its head and officers, and the standing body above.
  if (!can(actor, 'person.write', unit.path) && !can(actor, 'assessment.review', unit.path)) throw new AppError('FORBIDDEN');
  const movement = await repo.findMovement(ctx.db, q.movementId);
  if (!movement) throw new AppError('NOT_FOUND');
  const ids = (await repo.subtree(ctx.db, unit.path)).map((u) => u.id);
  const rows = await repo.yearlyResults(ctx.db, movement.id, q.year, ids, await nameCollation(ctx.db));
  return { unitName: unit.name, movementName: movement.name, rows: rows.map(resultOf) };
}

const cells = (r: YearlyResult, i: number) => [i + 1, r.code, r.name, r.position, r.category, r.unit, r.score, r.classification, r.status];

export async function yearlyResultsXlsx(ctx: AppContext, actor: Actor, q: YearlyResultsQuery): Promise<{ fileName: string; body: Buffer }> {
  const { unitName, movementName, rows } = await results(ctx, actor, q);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`Năm ${q.year}`, { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.addRow([`KẾT QUẢ THỰC HIỆN VĂN HÓA CÔNG SỞ NĂM ${q.year} — ${unitName}`]).font = { bold: true, size: 14 };
  ws.addRow([`Phong trào “${movementName}”; dùng cho phần tiêu chí chung khi đánh giá, xếp loại chất lượng năm (Nghị định 335/2025/NĐ-CP).`]);
  ws.addRow([]);
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  rows.forEach((r, i) => ws.addRow(cells(r, i)));
  ws.columns = [{ width: 6 }, { width: 12 }, { width: 28 }, { width: 22 }, { width: 14 }, { width: 36 }, { width: 12 }, { width: 16 }, { width: 34 }];
  ws.getColumn(7).numFmt = '0.##';
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: officialFileName(`Kết quả văn hóa công sở năm ${q.year} ${unitName}`, 'xlsx'), body };
}

export async function yearlyResultsCsv(ctx: AppContext, actor: Actor, q: YearlyResultsQuery): Promise<{ fileName: string; body: Buffer }> {
  const { unitName, rows } = await results(ctx, actor, q);
  const body = csvFile([header, ...rows.map((r, i) => cells(r, i))]);
  return { fileName: officialFileName(`Kết quả văn hóa công sở năm ${q.year} ${unitName}`, 'csv'), body };
}
