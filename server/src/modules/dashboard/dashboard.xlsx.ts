import type { DashboardFigures, DashboardView, RankingView, SubjectFigures } from '@thidua/contracts';
import ExcelJS from 'exceljs';

// The dashboard's sub-unit table and the rankings as Excel workbooks: Vietnamese headers, numbers
// as numbers (rates as percentages), dates as real dates shown dd/mm/yyyy.

const DATE_FORMAT = 'dd/mm/yyyy';
const PERCENT_FORMAT = '0.0%';

/** The calendar day in Vietnam of a moment, as the midnight Excel shows without a time zone. */
export function excelDate(at: Date | string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day')));
}

const thin = { style: 'thin' as const };
const gridBorder = { top: thin, left: thin, bottom: thin, right: thin };

/** The title lines above a table: what, for which movement and level, and the day the figures were read. */
function titleRows(ws: ExcelJS.Worksheet, width: number, title: string, lines: string[], at: string): number {
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).alignment = { horizontal: 'center' };
  for (const line of lines) ws.addRow([line]);
  const dated = ws.addRow(['Số liệu đến ngày:', excelDate(at)]);
  dated.getCell(2).numFmt = DATE_FORMAT;
  dated.getCell(2).alignment = { horizontal: 'left' };
  ws.addRow([]);
  return ws.rowCount + 1;
}

function styleHeader(ws: ExcelJS.Worksheet, rows: number[]) {
  for (const r of rows) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.eachCell((cell) => {
      cell.border = gridBorder;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
  }
}

// ── Dashboard ──────────────────────────────────────────────────────────

interface SubjectColumns {
  label: string;
  columns: { header: string; value: (s: SubjectFigures) => number | null; format?: string }[];
}

function subjectColumns(view: DashboardView, label: string): SubjectColumns {
  return {
    label,
    columns: [
      { header: 'Phải đăng ký', value: (s) => s.expected },
      { header: 'Đã đăng ký', value: (s) => s.registered },
      { header: 'Tỷ lệ đăng ký', value: (s) => s.rate, format: PERCENT_FORMAT },
      { header: 'Đang tự đánh giá', value: (s) => s.assessments.self },
      { header: 'Thủ trưởng chấm', value: (s) => s.assessments.review },
      { header: 'Hội đồng xét', value: (s) => s.assessments.council },
      { header: 'Đã hoàn tất', value: (s) => s.assessments.final },
      ...view.bands.map((b) => ({ header: b.vi, value: (s: SubjectFigures) => s.classified[b.key] ?? 0 })),
      { header: 'Vượt điểm', value: (s) => s.overscored },
    ],
  };
}

function figuresSheet(ws: ExcelJS.Worksheet, view: DashboardView, firstHeader: string, rows: { name: string; figures: DashboardFigures; bold?: boolean }[], title: string) {
  const groups = [subjectColumns(view, 'Cá nhân (CBCCVC)'), subjectColumns(view, 'Tập thể')];
  const width = 2 + groups.reduce((n, g) => n + g.columns.length, 0);
  const top = titleRows(ws, width, title, [`Phong trào: ${view.movementName}`, `Đơn vị: ${view.unitName}`], view.at);

  // Two header rows: the subject over its columns.
  const head1 = ws.getRow(top);
  const head2 = ws.getRow(top + 1);
  head1.getCell(1).value = 'STT';
  head1.getCell(2).value = firstHeader;
  ws.mergeCells(top, 1, top + 1, 1);
  ws.mergeCells(top, 2, top + 1, 2);
  let col = 3;
  for (const g of groups) {
    head1.getCell(col).value = g.label;
    ws.mergeCells(top, col, top, col + g.columns.length - 1);
    g.columns.forEach((c, i) => (head2.getCell(col + i).value = c.header));
    col += g.columns.length;
  }
  styleHeader(ws, [top, top + 1]);

  rows.forEach((r, i) => {
    const subjects = [r.figures.people, r.figures.units];
    const values: (string | number | null)[] = [r.bold ? null : i + 1, r.name];
    groups.forEach((g, k) => values.push(...g.columns.map((c) => c.value(subjects[k]!))));
    const row = ws.addRow(values);
    if (r.bold) row.font = { bold: true };
    let c = 3;
    for (const g of groups) {
      g.columns.forEach((def, j) => {
        if (def.format) row.getCell(c + j).numFmt = def.format;
      });
      c += g.columns.length;
    }
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = gridBorder));
  });

  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 42;
  for (let c = 3; c <= width; c++) ws.getColumn(c).width = 12;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: top + 1 }];
}

/** The sub-unit table of a level (and its blocks) as .xlsx. */
export async function dashboardWorkbook(view: DashboardView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const title = `TỔNG HỢP KẾT QUẢ THI ĐUA NĂM ${view.year}`;
  const rows = view.children.map((c) => ({ name: c.own ? `${c.unitName} (cấp mình)` : c.unitName, figures: c }));
  figuresSheet(wb.addWorksheet('Theo đơn vị'), view, 'Đơn vị', [...rows, { name: 'Tổng cộng', figures: view.total, bold: true }], title);
  if (view.blocks.length) {
    figuresSheet(
      wb.addWorksheet('Theo khối thi đua'),
      view,
      'Khối/Cụm thi đua',
      view.blocks.map((b) => ({ name: b.blockName, figures: b })),
      `${title} THEO KHỐI, CỤM THI ĐUA`,
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ── Rankings ───────────────────────────────────────────────────────────

/** A ranking as .xlsx: rank, who, the scores of each stage, the classification, final or provisional. */
export async function rankingWorkbook(view: RankingView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  const people = view.subject === 'individual';
  const ws = wb.addWorksheet('Xếp hạng');
  const headers = [
    'Hạng',
    people ? 'Họ và tên' : 'Đơn vị',
    ...(people ? ['Đơn vị'] : []),
    'Tự chấm',
    'Thủ trưởng chấm',
    'Hội đồng chấm',
    'Điểm xét',
    'Xếp loại',
    'Tình trạng',
    'Ngày hoàn tất',
  ];
  const scope = people ? `Cá nhân thuộc: ${view.unitName}` : `Khối/Cụm thi đua: ${view.blockName}`;
  const top = titleRows(ws, headers.length, `BẢNG XẾP HẠNG THI ĐUA NĂM ${view.year}`, [`Phong trào: ${view.movementName}`, scope], view.at);
  ws.getRow(top).values = headers;
  styleHeader(ws, [top]);
  for (const e of view.items) {
    const row = ws.addRow([
      e.rank,
      people ? e.personName : e.unitName,
      ...(people ? [e.unitName] : []),
      e.selfTotal,
      e.reviewTotal,
      e.councilTotal,
      e.score,
      e.classificationLabel?.vi ?? null,
      e.stage === null ? 'Chưa đánh giá' : e.provisional ? 'Tạm xếp' : 'Chính thức',
      e.finalisedAt ? excelDate(e.finalisedAt) : null,
    ]);
    row.getCell(headers.length).numFmt = DATE_FORMAT;
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = gridBorder));
  }
  if (view.total > view.items.length) ws.addRow([`Danh sách dừng ở ${view.items.length} trên ${view.total} người.`]).font = { italic: true };
  ws.columns.forEach((c, i) => (c.width = i === 1 || (people && i === 2) ? 36 : 14));
  ws.views = [{ state: 'frozen', ySplit: top }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
