import { importMaxRows, type Action, type ImportRowError } from '@thidua/contracts';
import { can } from '../../platform/access.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { mapHeader, type ColumnDef, type HeaderMap } from './imports.columns.js';
import type { RowIssue } from './imports.rows.js';
import type { SheetRow } from './imports.files.js';

// What the people and units pipelines share: who imports, options, error collection, headers.

/** Rows per database round trip and per progress report. */
export const CHUNK_ROWS = 2000;
/** Error entries kept on the job; the counts cover every bad row. */
export const MAX_ERRORS = 500;
/** Rows one file may hold: beyond, memory (codes seen, units tree) would grow with the file. */
export const MAX_ROWS = importMaxRows;

export function tooManyRows(): AppError {
  return new AppError('FILE_INVALID', {
    reason: `Tệp có hơn ${MAX_ROWS.toLocaleString('vi-VN')} dòng; hãy chia thành nhiều tệp`,
    reasonEn: `The file has more than ${MAX_ROWS.toLocaleString('en')} rows; split it into several files`,
  });
}

/** Who an import runs for: a user's current grants, or the command line (a system action). */
export interface ImportPrincipal {
  actor: Actor | null;
}

export function maySee(who: ImportPrincipal, unitPath: string): boolean {
  return who.actor === null || can(who.actor, 'unit.read', unitPath);
}

export function mayWrite(who: ImportPrincipal, action: Action, unitPath: string): boolean {
  return who.actor === null || can(who.actor, action, unitPath);
}

export interface RunOptions {
  /** validate: a dry run that writes nothing; commit: validate again and insert the good rows. */
  mode: 'validate' | 'commit';
  onlyGoodRows: boolean;
  /** Today in Vietnam, yyyy-mm-dd: default start dates and the "not in the future" checks. */
  today: string;
  onProgress(p: { processed: number; imported: number }): Promise<void>;
}

export interface RunResult {
  totalRows: number;
  goodRows: number;
  badRows: number;
  importedRows: number;
  errors: ImportRowError[];
  /** The deepest unit above every written row (null when none, or rows under several roots). */
  scopePath: string | null;
}

/** Counts bad rows and keeps the first MAX_ERRORS reasons, in row order when fed in row order. */
export class ErrorList {
  readonly items: ImportRowError[] = [];
  badRows = 0;
  add(row: number, issues: RowIssue[]): void {
    if (issues.length === 0) return;
    this.badRows++;
    for (const i of issues) {
      if (this.items.length >= MAX_ERRORS) return;
      this.items.push({ row, field: i.field, message: i.message, messageEn: i.messageEn });
    }
  }
}

/**
 * Folds one more ltree path of ids into a scope: undefined is "no path yet", null is "paths under
 * different roots" (and stays so).
 */
export function commonAncestor(a: string | null | undefined, b: string): string | null {
  if (a === undefined) return b;
  if (a === null) return null;
  const x = a.split('.');
  const y = b.split('.');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n === 0 ? null : x.slice(0, n).join('.');
}

/**
 * Finds the header among the first rows (a title row above it is allowed) and fails the whole
 * file, naming the missing columns, when a required one is absent.
 */
export function headerFinder<K extends string>(columns: ColumnDef<K>[]) {
  let scanned = 0;
  return (row: SheetRow): HeaderMap<K> | null => {
    const h = mapHeader(columns, row.cells);
    if (h.missing.length === 0) return h;
    if (h.matched >= 2 || ++scanned >= 10) {
      throw new AppError('FILE_INVALID', {
        reason: `Tệp thiếu cột bắt buộc: ${h.missing.map((c) => c.header).join(', ')} (dòng tiêu đề là dòng ${row.row})`,
        reasonEn: `The file lacks required columns: ${h.missing.map((c) => c.headerEn).join(', ')} (header on row ${row.row})`,
      });
    }
    return null;
  };
}

export function noRows(): AppError {
  return new AppError('FILE_INVALID', { reason: 'Tệp không có dòng tiêu đề hoặc không có dữ liệu', reasonEn: 'The file has no header row or no data' });
}

/** Commit found bad rows and the user did not choose to skip them: nothing is written. */
export function hasErrors(errors: ErrorList): AppError {
  const first = errors.items[0];
  return new AppError('IMPORT_HAS_ERRORS', {
    reason: `Dữ liệu đã thay đổi từ lúc kiểm tra: ${first ? `dòng ${first.row} không còn hợp lệ (${first.message})` : 'có dòng không còn hợp lệ'}. Chưa có dữ liệu nào được ghi; vui lòng kiểm tra lại tệp.`,
    reasonEn: `The data changed since the check: ${first ? `row ${first.row} is no longer valid (${first.messageEn})` : 'some rows are no longer valid'}. Nothing was written; check the file again.`,
    errors: errors.items,
  });
}
