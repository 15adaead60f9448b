import { detectMarker } from './markers.js';
import { fold, squash } from './normalize.js';
import type { Note } from './outline.js';
import type { SourceLine } from './plan-types.js';
import { pointsFromCell } from './points.js';

// Tables of criteria, from a .docx table or an .xlsx sheet: find the numbering (STT), content
// (nội dung, tiêu chí) and max points (điểm tối đa) columns by their header text, then turn each
// row into a line whose label is the STT and whose points come from the points column.

export interface GridCell {
  /** 0-based grid column where the cell starts. */
  col: number;
  /** Grid columns the cell covers (merged cells). */
  span: number;
  /** The cell's paragraphs (a sheet cell is one paragraph, or several when it holds line breaks). */
  paragraphs: string[];
  /** A number cell keeps its value (points columns). */
  value?: number;
}

export interface GridRow {
  n: number;
  cells: GridCell[];
}

export interface Columns {
  headerIndex: number;
  /** Rows of the heading (a two-row heading: "Điểm" above "Tối đa | Tự chấm"). */
  headerRows: number;
  stt?: number;
  content: number;
  points?: number;
}

const STT = /^(?:stt|tt|so tt|so thu tu|ma|ma so|ky hieu|muc)$/;
const CONTENT = /^(?:noi dung|tieu chi|tieu chuan|cac tieu chi|ten tieu chi|yeu cau|noi dung tieu chi|noi dung danh gia|noi dung cham diem|noi dung thi dua|tieu chi danh gia|tieu chi thi dua|tieu chi cham diem)/;
const POINTS = /diem toi da|diem chuan|thang diem|^diem$|^so diem$|diem quy dinh|^toi da$|^diem \(toi da\)|khung diem/;
const NOT_POINTS = /tu cham|tu danh gia|dat duoc|cham lai|tham dinh|ghi chu|minh chung|xep loai|diem dat|diem cham|hoi dong|khoi cham/;
const TOTAL = /^(?:tong cong|cong|tong diem|tong|tong so|tong so diem)\s*:?$/;

export function cellText(c: GridCell | undefined): string {
  return c ? squash(c.paragraphs.join(' ')) : '';
}

export function cellAt(row: GridRow, col: number): GridCell | undefined {
  return row.cells.find((c) => c.col <= col && col < c.col + c.span);
}

/** The criteria columns, when some row in the first ten reads like a criteria table's heading. */
export function detectColumns(rows: GridRow[]): Columns | null {
  for (let h = 0; h < Math.min(rows.length, 12); h++) {
    const row = rows[h]!;
    const next = rows[h + 1];
    const width = Math.max(0, ...row.cells.map((c) => c.col + c.span), ...(next ? next.cells.map((c) => c.col + c.span) : []));
    const head = (col: number, withNext: boolean) => fold(`${cellText(cellAt(row, col))}${withNext && next ? ` ${cellText(cellAt(next, col))}` : ''}`).replace(/\s+/g, ' ').trim();
    let content = -1;
    let stt: number | undefined;
    for (let c = 0; c < width; c++) {
      const t = head(c, false);
      if (content < 0 && CONTENT.test(t)) content = c;
      else if (stt === undefined && STT.test(t)) stt = c;
    }
    if (content < 0) continue;
    // A two-row heading: the second row names the sub-columns and holds no numbering.
    const twoRows = !!next && !cellText(cellAt(next, content)) && (stt === undefined || !cellText(cellAt(next, stt))) && next.cells.some((c) => cellText(c) && !/\d/.test(cellText(c)));
    let points: number | undefined;
    for (let c = 0; c < width; c++) {
      if (c === content || c === stt) continue;
      const own = head(c, false);
      const both = head(c, twoRows);
      if (NOT_POINTS.test(twoRows ? fold(cellText(cellAt(next!, c))) : own)) continue;
      if (POINTS.test(own) || (twoRows && (POINTS.test(both) || /toi da|chuan/.test(fold(cellText(cellAt(next!, c))))))) {
        points = c;
        break;
      }
    }
    if (stt === undefined && points === undefined) continue;
    return { headerIndex: h, headerRows: twoRows ? 2 : 1, stt, content, points };
  }
  return null;
}

/** Lines of the rows under the heading; returns the total written in a "Tổng cộng" row, if any. */
export function gridToLines(rows: GridRow[], cols: Columns, tableId: number): { lines: SourceLine[]; total?: number; notes: Note[] } {
  const lines: SourceLine[] = [];
  const notes: Note[] = [];
  let total: number | undefined;
  const data = rows.slice(cols.headerIndex + cols.headerRows);
  const sttOf = (row: GridRow | undefined) => {
    if (!row || cols.stt === undefined) return '';
    const c = cellAt(row, cols.stt);
    return c && c !== cellAt(row, cols.content) ? cellText(c) : '';
  };
  let lastStt = '';
  for (let r = 0; r < data.length; r++) {
    const row = data[r]!;
    const contentCell = cellAt(row, cols.content);
    const sttCell = cols.stt !== undefined ? cellAt(row, cols.stt) : undefined;
    const pointsCell = cols.points !== undefined ? cellAt(row, cols.points) : undefined;
    // A row merged across the numbering and content columns is a group heading ("A. TIÊU CHÍ CHUNG").
    const merged = sttCell && sttCell === contentCell;
    let stt = merged ? '' : cellText(sttCell);
    // Excel keeps "1.10" typed as a number as 1.1: after "1.9" it can only be "1.10".
    if (sttCell?.value !== undefined && /^\d+\.\d$/.test(stt) && lastStt) {
      const [p, d] = stt.split('.');
      const prev = /^(\d+)\.(\d+)$/.exec(lastStt);
      if (prev && prev[1] === p && Number(prev[2]) + 1 === Number(d) * 10) {
        notes.push({ line: row.n, message: `số thứ tự ${stt} ở dạng số, đọc là ${p}.${Number(d) * 10} (sau ${lastStt})` });
        stt = `${p}.${Number(d) * 10}`;
      }
    }
    if (stt) lastStt = stt;
    const paragraphs = (contentCell?.paragraphs ?? []).map(squash).filter(Boolean);
    const points = pointsCell && pointsCell !== contentCell ? (pointsCell.value ?? pointsFromCell(cellText(pointsCell))) : undefined;
    if (TOTAL.test(fold(stt)) || TOTAL.test(fold(paragraphs[0] ?? ''))) {
      total = points;
      continue;
    }
    // Column numbers under the heading ("(1) (2) (3)") are not a row.
    if (row.cells.every((c) => /^\(?\d{1,2}\)?$|^$/.test(cellText(c)))) {
      if (!stt && !paragraphs.length) continue;
      if (row.cells.filter((c) => cellText(c)).length >= 3) continue;
    }
    if (!paragraphs.length) {
      if (stt || points !== undefined) notes.push({ line: row.n, message: `dòng có số thứ tự "${stt}" nhưng không có nội dung: bỏ qua` });
      continue;
    }
    if (pointsCell && pointsCell !== contentCell && cellText(pointsCell) && points === undefined) {
      notes.push({ line: row.n, message: `ô điểm "${cellText(pointsCell)}" không phải là số` });
    }
    // A row with neither number nor points before numbered rows heads a group ("Nhóm 1: …").
    const group = !stt && points === undefined && cols.stt !== undefined && !detectMarker(paragraphs[0]!) && (r === 0 || !!sttOf(data[r + 1]));
    paragraphs.forEach((p, i) => {
      const line: SourceLine = { n: row.n, text: p, tableId };
      if (i === 0) {
        if (stt) line.label = stt;
        // A row with points but no number is a criterion of the numbered row above, not its text.
        else if (points !== undefined) line.label = '-';
        else if (group) line.headingLevel = 2;
        if (points !== undefined) line.points = points;
      }
      lines.push(line);
    });
  }
  return { lines, total, notes };
}
