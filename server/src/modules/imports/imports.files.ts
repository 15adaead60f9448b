import type { ImportFileFormat } from '@thidua/contracts';
import { AppError } from '../../platform/errors.js';
import { countXlsxRows, readXlsxRows, zipEntries } from './imports.xlsx.js';

// Reading uploaded spreadsheets row by row, so that memory stays bounded whatever the row count.

export type FileFormat = ImportFileFormat;
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number as the user sees it in Excel (header = 1) or the line in the CSV. */
  row: number;
  cells: CellValue[];
}

const ZIP_LOCAL = 0x04034b50;
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function invalid(reason: string, reasonEn: string): AppError {
  return new AppError('FILE_INVALID', { reason, reasonEn });
}

/**
 * Decides the format from the bytes, not from the name alone: an .xlsx must be a zip holding a
 * workbook, a .csv must be UTF-8 text. Anything else is FILE_INVALID with the reason.
 */
export function detectFormat(fileName: string, bytes: Buffer): FileFormat {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (bytes.length === 0) throw invalid('Tệp rỗng', 'The file is empty');
  if (bytes.subarray(0, 8).equals(OLE_SIGNATURE) || ext === 'xls') {
    throw invalid('Tệp Excel 97-2003 (.xls) không được hỗ trợ; hãy lưu lại dưới dạng .xlsx', 'Excel 97-2003 (.xls) files are not supported; save as .xlsx');
  }
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL;
  if (ext === 'xlsx' || (isZip && ext !== 'csv')) {
    if (!isZip) throw invalid('Tệp không phải là tệp Excel (.xlsx)', 'The file is not an Excel (.xlsx) file');
    const entries = zipEntries(bytes);
    if (!entries || !entries.has('xl/workbook.xml')) {
      throw invalid('Tệp nén không phải là bảng tính Excel (.xlsx)', 'The zip file is not an Excel (.xlsx) workbook');
    }
    return 'xlsx';
  }
  if (ext === 'csv' || ext === 'txt' || ext === '') {
    if (isZip) throw invalid('Tệp .csv có nội dung của tệp nén; hãy đổi đuôi thành .xlsx', 'The .csv file is a zip; rename it to .xlsx');
    decodeCsv(bytes);
    return 'csv';
  }
  throw invalid('Chỉ nhận tệp .xlsx hoặc .csv', 'Only .xlsx or .csv files are accepted');
}

// ── CSV ─────────────────────────────────────────────────────────────────

function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('Tệp CSV phải dùng bảng mã UTF-8 (trong Excel chọn "CSV UTF-8")', 'The CSV file must be UTF-8 (in Excel choose "CSV UTF-8")');
  }
  if (text.includes('\u0000')) throw invalid('Tệp không phải là văn bản CSV', 'The file is not CSV text');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Comma, semicolon or tab: whichever the first line uses most outside quotes. */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text.slice(0, 10_000)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes and newlines. */
export function* csvRecords(text: string): Generator<SheetRow> {
  const delim = sniffDelimiter(text);
  let line = 1;
  let start = 1;
  let field = '';
  let cells: CellValue[] = [];
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === delim) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      cells.push(field);
      yield { row: start, cells };
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      start = line;
      cells = [];
      field = '';
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || cells.length) {
    cells.push(field);
    yield { row: start, cells };
  }
}

// ── XLSX ────────────────────────────────────────────────────────────────

/** Rows in the file after the header, for the progress bar (empty rows included, so an upper bound). */
export async function estimateDataRows(format: FileFormat, bytes: Buffer): Promise<number> {
  if (format === 'xlsx') return Math.max(0, (await countXlsxRows(bytes)) - 1);
  let lines = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
  if (bytes.length && bytes[bytes.length - 1] !== 10) lines++;
  return Math.max(0, lines - 1);
}

function isBlank(cells: CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Every non-blank row of the first sheet (xlsx) or of the file (csv), header included. */
export async function* readRows(format: FileFormat, bytes: Buffer): AsyncGenerator<SheetRow> {
  try {
    const rows = format === 'xlsx' ? readXlsxRows(bytes) : csvRecords(decodeCsv(bytes));
    for await (const r of rows) if (!isBlank(r.cells)) yield r;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid('Không đọc được tệp; tệp có thể bị hỏng', 'The file could not be read; it may be damaged');
  }
}
