import { parseLines } from './parse-plan.js';
import { PlanFileError } from './plan-file-error.js';
import type { ParsedPlan, SourceLine } from './plan-types.js';
import { decodeText, readText } from './text-reader.js';
import { isZip, listZip } from './zip-reader.js';

// Import of a plan from the document a unit already has (.docx, .xlsx or text) into a draft for
// review. Readers turn a file into lines; parseLines turns lines into the draft.

export type { DeadlinePeriod, MilestoneKind, ParsedPlan, PlanDeadline, PlanMilestone, PlanNode, SourceFormat } from './plan-types.js';
export { PlanFileError } from './plan-file-error.js';

/** A plan written as plain text (pasted, or a .txt file, or copied out of a PDF as one line). Never throws. */
export function parsePlanText(text: string): ParsedPlan {
  return readPlanText(text).parsed;
}

function readPlanText(text: string): { parsed: ParsedPlan; sourceText: string } {
  const read = readText(text);
  return { parsed: parseLines(read.lines, 'text', read.notes), sourceText: read.text };
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * The lines a reader made, laid out so that line N of the text is what the warnings call "Dòng N"
 * (paragraph N of a .docx, row N of a sheet): the review screen shows each warning beside it.
 * Several lines with one number (the cells of a table row) share it, separated by " | ".
 */
export function numberedText(lines: SourceLine[]): string {
  const byNumber = new Map<number, string[]>();
  let last = 0;
  for (const l of lines) {
    const list = byNumber.get(l.n) ?? [];
    list.push(l.label ? `${l.label} ${l.text}` : l.text);
    byNumber.set(l.n, list);
    last = Math.max(last, l.n);
  }
  return Array.from({ length: last }, (_, i) => (byNumber.get(i + 1) ?? []).join(' | ')).join('\n');
}

/**
 * A plan file as uploaded. The format comes from the bytes (a .docx renamed .xlsx still reads);
 * a file that is not a readable .docx, .xlsx or text throws PlanFileError (FILE_INVALID).
 */
export async function parsePlanFile(buffer: Buffer, fileName: string): Promise<ParsedPlan> {
  return (await readPlanFile(buffer, fileName)).parsed;
}

/** parsePlanFile, with the document's text numbered as its warnings number it (see numberedText). */
export async function readPlanFile(buffer: Buffer, fileName: string): Promise<{ parsed: ParsedPlan; sourceText: string }> {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (OLE.every((b, i) => buffer[i] === b)) {
    throw new PlanFileError(
      'Tệp Word/Excel 97-2003 (.doc, .xls) chưa được hỗ trợ: hãy lưu lại dưới dạng .docx hoặc .xlsx',
      'Word/Excel 97-2003 files (.doc, .xls) are not supported: save as .docx or .xlsx',
    );
  }
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new PlanFileError('Tệp PDF chưa được hỗ trợ: hãy dùng tệp .docx hoặc dán nội dung dạng văn bản', 'PDF files are not supported: use a .docx or paste the text');
  }
  if (isZip(buffer)) {
    const entries = listZip(buffer);
    if (entries.has('word/document.xml')) {
      const { readDocx } = await import('./docx-reader.js');
      const docx = readDocx(buffer, entries);
      return { parsed: parseLines(docx.lines, 'docx', docx.notes), sourceText: numberedText(docx.lines) };
    }
    if (entries.has('xl/workbook.xml')) {
      const { readXlsx } = await import('./xlsx-reader.js');
      const xlsx = await readXlsx(buffer, entries);
      return { parsed: parseLines(xlsx.lines, 'xlsx', xlsx.notes), sourceText: numberedText(xlsx.lines) };
    }
    throw new PlanFileError(
      `Tệp nén không phải là tài liệu Word (.docx) hay bảng tính Excel (.xlsx)${ext ? ` dù có đuôi .${ext}` : ''}`,
      `The zip file is neither a Word document (.docx) nor an Excel workbook (.xlsx)${ext ? ` despite its .${ext} name` : ''}`,
    );
  }
  if (ext === 'docx' || ext === 'xlsx') {
    throw new PlanFileError(`Tệp có đuôi .${ext} nhưng không phải là tệp ${ext === 'docx' ? 'Word' : 'Excel'} hợp lệ`, `The file is named .${ext} but is not a valid ${ext === 'docx' ? 'Word' : 'Excel'} file`);
  }
  return readPlanText(decodeText(buffer));
}
