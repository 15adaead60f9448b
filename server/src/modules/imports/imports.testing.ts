import { randomBytes } from 'node:crypto';
import type { ImportJobView } from '@thidua/contracts';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Client } from '../../../test/app.js';

// Helpers shared by the imports tests: build files, upload them as a browser would, wait for jobs.

export type Cell = string | number | Date | null;

export function csvOf(rows: Cell[][]): Buffer {
  const field = (v: Cell) => {
    const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return Buffer.from(rows.map((r) => r.map(field).join(',')).join('\r\n'), 'utf8');
}

export async function xlsxOf(rows: Cell[][], opts: { dateColumn?: number } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  for (const r of rows) ws.addRow(r);
  if (opts.dateColumn) ws.getColumn(opts.dateColumn).numFmt = 'dd/mm/yyyy';
  wb.addWorksheet('Hướng dẫn').addRow(['Không phải dữ liệu']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file in the field `file`, as a browser sends it. */
export function multipart(fileName: string, bytes: Buffer, field = 'file') {
  const boundary = `----thidua${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(c: Client, kind: string, fileName: string, bytes: Buffer) {
  const { payload, headers } = multipart(fileName, bytes);
  return c.request({ method: 'POST', url: `/api/imports/${kind}`, payload, headers });
}

/** Polls the job through the API, as the web client's progress bar does, until it settles. */
export async function settle(c: Client, id: number, timeout = 20_000): Promise<ImportJobView> {
  let view: ImportJobView | null = null;
  await expect
    .poll(
      async () => {
        view = (await c.get(`/api/imports/${id}`)).json() as ImportJobView;
        return view.status;
      },
      { timeout, interval: 50 },
    )
    .toMatch(/^(validated|done|failed)$/);
  return view!;
}
