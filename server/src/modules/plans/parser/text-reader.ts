import type { Note } from './outline.js';
import { PlanFileError } from './plan-file-error.js';
import type { SourceLine } from './plan-types.js';
import { isRunTogether, splitRunTogether } from './run-together.js';

/** Bytes of a text file as a string: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PlanFileError(
      'Tệp văn bản không dùng bảng mã UTF-8 (có thể là TCVN3/VNI): hãy lưu lại dưới dạng Unicode UTF-8 hoặc dùng tệp .docx',
      'The text file is not UTF-8 (perhaps TCVN3/VNI): save it as Unicode UTF-8 or use a .docx',
    );
  }
  // A few NULs mean a binary file given a .txt name.
  const sample = text.slice(0, 4096);
  if ((sample.match(/\u0000/g)?.length ?? 0) > 0) {
    throw new PlanFileError('Tệp không phải là văn bản', 'The file is not text');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One SourceLine per line of the text, numbered as an editor numbers them. */
export function textLines(text: string): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((t, i) => {
    const lead = /^[ \t\u00a0]*/.exec(t)![0];
    return { n: i + 1, text: t, indent: lead.replace(/\t/g, '    ').length };
  });
}

/**
 * A text as the parser reads it. A document copied out of a PDF as one long line (or a few) is cut
 * back into lines first, and said so; `text` is then the text as cut, numbered as the warnings are.
 */
export function readText(text: string): { lines: SourceLine[]; notes: Note[]; text: string } {
  const raw = text.split(/\r\n|\r|\n/);
  const long = raw.filter(isRunTogether);
  const size = (list: string[]) => list.reduce((n, l) => n + l.length, 0);
  // Most of the text must be in such lines: a plan with one long paragraph is not a PDF copy.
  if (!long.length || size(long) < 0.6 * size(raw)) return { lines: textLines(text), notes: [], text };
  const cut = raw.flatMap((l) => (isRunTogether(l) ? splitRunTogether(l) : [l]));
  const joined = cut.join('\n');
  const what = long.length === 1 ? 'viết liền trên một dòng' : `viết liền trên ${long.length} dòng dài`;
  return {
    lines: textLines(joined),
    notes: [{ line: 0, message: `văn bản ${what} (chép từ tệp PDF?): đã tách lại thành ${cut.length} dòng ở đầu các mục (Số, ngày, Căn cứ, Điều, I., 1., a), -, Nơi nhận, chữ ký), kiểm tra lại` }],
    text: joined,
  };
}
