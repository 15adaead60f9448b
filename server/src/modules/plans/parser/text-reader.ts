import { PlanFileError } from './plan-file-error.js';
import type { SourceLine } from './plan-types.js';

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
