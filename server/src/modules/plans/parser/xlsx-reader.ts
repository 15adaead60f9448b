import ExcelJS from 'exceljs';
import { cellText, detectColumns, gridToLines, type GridCell, type GridRow } from './grid-lines.js';
import type { Note } from './outline.js';
import { PlanFileError } from './plan-file-error.js';
import type { SourceLine } from './plan-types.js';
import { subjectInText } from './subjects.js';
import { readZipEntries, type ZipEntryInfo } from './zip-reader.js';

// An .xlsx scoring sheet as lines. Every visible sheet whose heading row names a content column
// and a numbering or points column is a criteria sheet ("Tập thể", "Cá nhân"…); a workbook without
// one is read as text, row by row, from its first sheet.

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function spans(merges: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const range of merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/i.exec(range);
    if (m) out.set(`${m[1]!.toUpperCase()}${m[2]}`, columnIndex(m[3]!) - columnIndex(m[1]!) + 1);
  }
  return out;
}

function valueOf(v: ExcelJS.CellValue): { text: string; number?: number } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'number') return { text: String(v), number: v };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10) };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join('') };
  if ('result' in v) return valueOf((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v && typeof v.text === 'string') return { text: v.text };
  return { text: '' };
}

const GENERIC_SHEET = /^(?:sheet|trang\s*tính|bảng|biểu)\s*\d*$/iu;

export async function readXlsx(buffer: Buffer, entries: Map<string, ZipEntryInfo>): Promise<{ lines: SourceLine[]; notes: Note[] }> {
  // Inflate everything once under the limits: ExcelJS itself trusts the sizes a zip declares.
  readZipEntries(buffer, entries, [...entries.keys()]);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new PlanFileError('Tệp Excel bị hỏng hoặc không đọc được', 'The Excel file is damaged or cannot be read');
  }

  const sheets: { name: string; rows: GridRow[] }[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state && ws.state !== 'visible') continue;
    const merged = spans((ws.model as unknown as { merges?: string[] }).merges ?? []);
    const rows: GridRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: GridCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const v = valueOf(cell.value);
        if (!v.text.trim()) return;
        cells.push({ col: col - 1, span: merged.get(cell.address) ?? 1, paragraphs: v.text.split(/\r?\n/), ...(v.number !== undefined ? { value: v.number } : {}) });
      });
      if (cells.length) rows.push({ n: rowNumber, cells });
    });
    sheets.push({ name: ws.name, rows });
  }

  const lines: SourceLine[] = [];
  const notes: Note[] = [];
  const criteriaSheets = sheets.map((s) => ({ ...s, cols: detectColumns(s.rows) })).filter((s) => s.cols);
  if (!criteriaSheets.length) {
    const first = sheets.find((s) => s.rows.length);
    if (!first) return { lines, notes };
    notes.push({ line: 0, message: `không thấy bảng tiêu chí (cột "Nội dung" cùng cột "STT" hoặc "Điểm tối đa"): đọc trang tính "${first.name}" như văn bản` });
    for (const row of first.rows) {
      const texts = row.cells.map((c) => cellText(c)).filter(Boolean);
      // "I | MỤC ĐÍCH", "1.1 | Nội dung": a short first cell is the item's number.
      if (texts.length >= 2 && texts[0]!.length <= 6 && /^[\dIVXa-zđ.\-+•)]+$/u.test(texts[0]!)) lines.push({ n: row.n, label: texts[0], text: texts.slice(1).join(' ') });
      else lines.push({ n: row.n, text: texts.join('\t') });
    }
    return { lines, notes };
  }

  criteriaSheets.forEach((s, i) => {
    const cols = s.cols!;
    const titleRows = s.rows.slice(0, cols.headerIndex).map((r) => ({ n: r.n, text: r.cells.map((c) => cellText(c)).join('\t') }));
    const titleText = titleRows.map((r) => r.text).join(' ');
    const grid = gridToLines(s.rows, cols, i + 1);
    notes.push(...grid.notes);
    const heading: SourceLine = {
      n: s.rows[cols.headerIndex]!.n,
      text: GENERIC_SHEET.test(s.name.trim()) ? (titleRows[titleRows.length - 1]?.text.replace(/\t/g, ' ') ?? s.name) : s.name,
      headingLevel: 1,
      ...(grid.total !== undefined ? { points: grid.total } : {}),
    };
    const subject = subjectInText(s.name) ?? subjectInText(titleText);
    if (subject) heading.subject = subject;
    // The first sheet's title rows open the document (issuer, title); later ones belong to their sheet.
    if (i === 0) lines.push(...titleRows, heading);
    else lines.push(heading, ...titleRows);
    lines.push(...grid.lines);
  });
  return { lines, notes };
}
