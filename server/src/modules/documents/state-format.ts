import { referenceText } from '@thidua/contracts';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type ISectionOptions,
  type ITableCellBorders,
} from 'docx';
import { formatNumber as formatNumberIn } from '@thidua/contracts';

// The one renderer of documents in the state format (thể thức văn bản, Nghị định 30/2020/NĐ-CP,
// Phụ lục I): A4, Times New Roman, margins top/bottom 20 mm, left 30 mm, right 15 mm; the issuing
// body and Quốc hiệu/Tiêu ngữ side by side; "Số: …/KH-…" under the body, place and date in italics
// under the motto; the document's name in capitals; the body; the signature block (thẩm quyền ký,
// TM./KT. prefixes) on the right and "Nơi nhận:" on the left, never alone on its page: the last lines
// of the body go with it; appendices (phụ lục) after it, a wide table on a landscape page (Nghị định
// 30 allows landscape for tables), each appendix numbered on its own. Every document the system
// prints — registration forms, assessment sheets, reports (BC), submissions (TTr) — is a
// `StateDocument` handed to `renderStateDocument`, so the layout rules live in this file only.

// ── The description a caller gives ─────────────────────────────────────

export type TextAlign = 'left' | 'center' | 'right' | 'justify';

/** A piece of text with its own emphasis, for mixed runs inside one line. */
export interface TextSpan {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** Plain text, or runs with emphasis. A "\n" inside a string breaks the line. */
export type InlineText = string | readonly TextSpan[];

/** One table cell: a value (numbers print Vietnamese style, "8,5"), or a value with its own layout. */
export type CellValue = string | number | null;
export interface CellSpec {
  value: CellValue;
  bold?: boolean;
  italic?: boolean;
  align?: TextAlign;
  /** Columns this cell spans (a group row, a totals label). */
  colSpan?: number;
  /** Left indent in levels, for criteria trees (1 level = 4 mm). */
  indent?: number;
}
export type TableCellInput = CellValue | CellSpec;

export type StateBlock =
  /** "I. MỤC ĐÍCH, YÊU CẦU" (level 1) or "1. Mục đích" (level 2): bold, at the margin. */
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  /** A body paragraph: justified with a first-line indent unless told otherwise. */
  | { kind: 'paragraph'; text: InlineText; align?: TextAlign; indent?: boolean }
  /** "Họ và tên: Nguyễn Văn A"; an empty value prints a dotted line to fill by hand. */
  | { kind: 'field'; label: string; value: string | null }
  /** A list line led by a marker ("-" unless given: "+", "a)", "1."). */
  | { kind: 'bullet'; text: InlineText; marker?: string; level?: number }
  /**
   * A ruled table. `widths` are relative column weights; `header` rows repeat on every page and
   * print bold and centred; numbers align right unless a cell says otherwise.
   */
  | { kind: 'table'; widths: readonly number[]; header: readonly (readonly TableCellInput[])[]; rows: readonly (readonly TableCellInput[])[]; fontSize?: number }
  /** An empty line. */
  | { kind: 'spacer' };

/** A signature block (thẩm quyền ký): printed centred, bold capitals, with room to sign. */
export interface SignatureBlock {
  /** Lines above the position, each with its prefix: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH". */
  authority?: readonly string[];
  /** The position or role, one line or several ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"): "GIÁM ĐỐC", "NGƯỜI ĐĂNG KÝ". */
  title: string;
  /** An italic hint under the title: "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)". */
  note?: string;
  /** The signer's name; blank when it is to be written by hand. */
  name?: string | null;
}

/**
 * A phụ lục after the signature: "Phụ lục" and its name, "(Kèm theo Báo cáo số …)", then its body —
 * on landscape pages when its tables are wide. Its pages are numbered on their own.
 */
export interface StateAppendix {
  /** "Phụ lục", "Phụ lục I". */
  label: string;
  /** Its name, printed bold in capitals. */
  title: string;
  /** The italic line that ties it to the document: "(Kèm theo Báo cáo số 45/BC-UBND ngày 07/12/2026)". */
  note?: string;
  body: readonly StateBlock[];
  landscape?: boolean;
}

/** A document in the state format. */
export interface StateDocument {
  /** Cơ quan chủ quản, above the issuer: "UBND TỈNH KHÁNH HÒA". Printed in capitals. */
  parentBody?: string | null;
  /** Cơ quan ban hành: "UBND THÀNH PHỐ NHA TRANG". Printed bold, in capitals, with a short rule. */
  issuingBody: string;
  /**
   * "Số: 6344/KH-UBND": the number, and the code made of the document type and the issuer's
   * abbreviation. A null number leaves the blank that the clerk fills on issue ("Số:      /KH-UBND");
   * no reference at all prints no "Số:" line (forms of individuals).
   */
  reference?: { number: string | null; code: string } | null;
  /** Địa danh: "Nha Trang". */
  place: string;
  /** ISO date (yyyy-mm-dd) or a Date; null leaves "ngày … tháng … năm …" to fill by hand. */
  date: string | Date | null;
  /** Tên loại văn bản, printed in capitals: "KẾ HOẠCH", "BẢN ĐĂNG KÝ THI ĐUA NĂM 2025". */
  title: string;
  /** Trích yếu nội dung, bold and centred under the title, with a short rule under it. */
  summary?: string | null;
  /** "Kính gửi: …", one or more addressees (forms, tờ trình). */
  addressedTo?: readonly string[];
  body: readonly StateBlock[];
  /** One block sits on the right; with two, the first goes left (a confirmation, a head's approval). */
  signatures: readonly SignatureBlock[];
  /** Nơi nhận: each a line "- …;", the last ending with "." (e.g. "Lưu: VT, NV"). */
  recipients?: readonly string[];
  /** Phụ lục after the signature. */
  appendices?: readonly StateAppendix[];
  /** Body size in points, 13 or 14 (Nghị định 30 allows both); 14 unless told. */
  fontSize?: 13 | 14;
}

// ── Page and type ──────────────────────────────────────────────────────

export const FONT = 'Times New Roman';
/** A4 in twips (1/20 pt), portrait. */
export const PAGE = { width: 11906, height: 16838 } as const;
/** Millimetres to twips, rounded (docx's own helper truncates 20 mm to 1133). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
/** The text width of a landscape page (the same margins, the page turned). */
const LANDSCAPE_TEXT_WIDTH = PAGE.height - MARGINS.left - MARGINS.right;
/** The header's two columns: the issuer on the left, Quốc hiệu on the right. */
const LEFT_COL = Math.round(TEXT_WIDTH * 0.42);
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;
const HEADER_SIZE = 13;
const FIRST_LINE_INDENT = mm(12.7);

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const alignment: Record<TextAlign, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID_BORDERS: ITableCellBorders = { top: LINE, bottom: LINE, left: LINE, right: LINE };

// ── Small formatting rules ─────────────────────────────────────────────

/** 8.5 → "8,5", 1000 → "1.000": numbers as Vietnamese documents print them (the app's one formatter). */
export function formatNumber(n: number): string {
  return formatNumberIn(n, 'vi', 2);
}

function dateParts(date: string | Date): { day: number; month: number; year: number } {
  if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    if (!m) throw new Error(`Not an ISO date: ${date}`);
    return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }
  // A moment in time is dated where the documents are signed.
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/**
 * "Nha Trang, ngày 05 tháng 9 năm 2019". Nghị định 30 writes a zero before days under 10 and
 * before the months 1 and 2 (so that nothing can be added in front by hand).
 */
export function placeAndDate(place: string, date: string | Date | null): string {
  if (date === null) return `${place}, ngày      tháng      năm ${'      '}`;
  const { day, month, year } = dateParts(date);
  const d = String(day).padStart(2, '0');
  const m = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${d} tháng ${m} năm ${year}`;
}

/** "Số: 05/KH-UBND" (a leading zero under 10), or "Số:      /KH-UBND" while the number is not yet given. */
export function referenceLine(ref: { number: string | null; code: string }): string {
  return referenceText(ref.number, ref.code);
}

/** A rough printed width of `text` in twips, to size the short rules under headings. */
function textWidth(text: string, sizePt: number, bold: boolean): number {
  return Math.round(text.length * sizePt * 20 * (bold ? 0.52 : 0.48));
}

// ── Building blocks ────────────────────────────────────────────────────

interface RunStyle {
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

function runs(text: InlineText, style: RunStyle): TextRun[] {
  const spans: readonly TextSpan[] = typeof text === 'string' ? [{ text }] : text;
  const out: TextRun[] = [];
  for (const span of spans) {
    span.text.split('\n').forEach((line, i) => {
      out.push(
        new TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          font: FONT,
          size: style.size * 2,
          bold: span.bold ?? style.bold,
          italics: span.italic ?? style.italic,
          underline: (span.underline ?? style.underline) ? {} : undefined,
        }),
      );
    });
  }
  return out;
}

function para(text: InlineText, style: RunStyle & { align?: TextAlign; after?: number; before?: number; firstLine?: number; left?: number; keepNext?: boolean }): Paragraph {
  return new Paragraph({
    alignment: alignment[style.align ?? 'left'],
    spacing: { before: style.before ?? 0, after: style.after ?? 0, line: 240 },
    indent: style.firstLine || style.left ? { firstLine: style.firstLine, left: style.left } : undefined,
    keepNext: style.keepNext,
    children: runs(text, style),
  });
}

/** A short horizontal rule of `width` twips, centred in a column of `colWidth`. */
function rule(width: number, colWidth: number): Paragraph {
  const side = Math.max(0, Math.round((colWidth - width) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 60, lineRule: 'exact' },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 2, font: FONT })],
  });
}

function cell(children: Paragraph[], width: number, opts: { borders?: ITableCellBorders; columnSpan?: number } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: opts.borders ?? NO_BORDERS,
    columnSpan: opts.columnSpan,
    verticalAlign: VerticalAlignTable.TOP,
    children: children.length ? children : [new Paragraph({ children: [] })],
  });
}

function layoutTable(widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows,
  });
}

/** The two-by-two header: issuer | Quốc hiệu, Tiêu ngữ; "Số:" | place and date. */
function header(doc: StateDocument): Table {
  const body = doc.issuingBody.toLocaleUpperCase('vi-VN');
  const left: Paragraph[] = [];
  if (doc.parentBody) left.push(para(doc.parentBody.toLocaleUpperCase('vi-VN'), { size: HEADER_SIZE, align: 'center' }));
  left.push(para(body, { size: HEADER_SIZE, bold: true, align: 'center' }));
  // Nghị định 30: a rule a third to a half as long as the body's name.
  left.push(rule(Math.min(LEFT_COL, Math.max(900, Math.round(textWidth(body.split('\n').at(-1) ?? body, HEADER_SIZE, true) * 0.4))), LEFT_COL));

  const right: Paragraph[] = [
    para(NATIONAL_NAME, { size: HEADER_SIZE - 1, bold: true, align: 'center' }),
    para(NATIONAL_MOTTO, { size: HEADER_SIZE + 1, bold: true, align: 'center' }),
    // The motto's rule is as long as the motto.
    rule(Math.min(RIGHT_COL, textWidth(NATIONAL_MOTTO, HEADER_SIZE + 1, true)), RIGHT_COL),
  ];

  const reference = doc.reference ? [para(referenceLine(doc.reference), { size: HEADER_SIZE, align: 'center', before: 120 })] : [];
  const dated = [para(placeAndDate(doc.place, doc.date), { size: doc.fontSize ?? 14, italic: true, align: 'center', before: 120 })];
  return layoutTable(
    [LEFT_COL, RIGHT_COL],
    [new TableRow({ children: [cell(left, LEFT_COL), cell(right, RIGHT_COL)] }), new TableRow({ children: [cell(reference, LEFT_COL), cell(dated, RIGHT_COL)] })],
  );
}

function titleBlock(doc: StateDocument, size: number): Paragraph[] {
  const out = [para(doc.title.toUpperCase(), { size, bold: true, align: 'center', before: 360, after: doc.summary ? 0 : 240, keepNext: true })];
  if (doc.summary) {
    out.push(para(doc.summary, { size, bold: true, align: 'center', keepNext: true }));
    out.push(rule(Math.min(TEXT_WIDTH, Math.max(1200, Math.round(textWidth(doc.summary, size, true) * 0.3))), TEXT_WIDTH));
    out.push(para('', { size, after: 120 }));
  }
  if (doc.addressedTo?.length) {
    const [first, ...rest] = doc.addressedTo;
    out.push(para([{ text: 'Kính gửi: ' }, { text: first! }], { size, align: 'center', before: 120, after: rest.length ? 0 : 240 }));
    rest.forEach((a, i) => out.push(para(a, { size, align: 'center', after: i === rest.length - 1 ? 240 : 0 })));
  }
  return out;
}

function cellSpec(input: TableCellInput): CellSpec {
  return input !== null && typeof input === 'object' ? input : { value: input };
}

function cellText(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'number' ? formatNumber(value) : value;
}

function bodyTable(block: Extract<StateBlock, { kind: 'table' }>, baseSize: number, pageTextWidth: number, keepLastRowWithNext: boolean): Table {
  const size = block.fontSize ?? baseSize - 1;
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => Math.round((w / total) * pageTextWidth));
  const row = (cells: readonly TableCellInput[], isHeader: boolean, keepNext = false) => {
    let col = 0;
    const children = cells.map((input) => {
      const spec = cellSpec(input);
      const span = spec.colSpan ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      const align = spec.align ?? (isHeader ? 'center' : typeof spec.value === 'number' ? 'right' : 'left');
      const p = para(cellText(spec.value), {
        size,
        bold: spec.bold ?? isHeader,
        italic: spec.italic,
        align,
        left: spec.indent ? spec.indent * mm(4) : undefined,
        keepNext,
      });
      return new TableCell({
        width: { size: width, type: WidthType.DXA },
        borders: GRID_BORDERS,
        columnSpan: span > 1 ? span : undefined,
        verticalAlign: isHeader ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
        margins: { top: 40, bottom: 40, left: 80, right: 80 },
        children: [p],
      });
    });
    return new TableRow({ tableHeader: isHeader, cantSplit: true, children });
  };
  return new Table({
    width: { size: pageTextWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [...block.header.map((r) => row(r, true)), ...block.rows.map((r, i) => row(r, false, keepLastRowWithNext && i === block.rows.length - 1))],
  });
}

/**
 * The body's blocks. With `keepEndWithNext` the last block holds on to what follows (the signature):
 * its paragraphs, or its table's last row, are "kept with next", so that a page never carries the
 * signature alone.
 */
function bodyBlocks(blocks: readonly StateBlock[], size: number, pageTextWidth: number, keepEndWithNext = false): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  blocks.forEach((b, i) => {
    const keep = keepEndWithNext && i === blocks.length - 1;
    switch (b.kind) {
      case 'heading':
        out.push(para(b.text, { size, bold: true, align: 'justify', before: 120, after: 60, firstLine: b.level === 2 ? FIRST_LINE_INDENT : undefined, keepNext: true }));
        break;
      case 'paragraph':
        out.push(para(b.text, { size, align: b.align ?? 'justify', after: 120, firstLine: (b.indent ?? true) ? FIRST_LINE_INDENT : undefined, keepNext: keep }));
        break;
      case 'field':
        out.push(
          para(b.value ? [{ text: `${b.label}: ` }, { text: b.value }] : `${b.label}: ${'.'.repeat(Math.max(10, 70 - b.label.length))}`, {
            size,
            align: 'left',
            after: 80,
            firstLine: FIRST_LINE_INDENT,
            keepNext: keep,
          }),
        );
        break;
      case 'bullet': {
        const marker = b.marker ?? '-';
        const spans: TextSpan[] = [{ text: `${marker} ` }, ...(typeof b.text === 'string' ? [{ text: b.text }] : b.text)];
        out.push(para(spans, { size, align: 'justify', after: 60, firstLine: FIRST_LINE_INDENT + (b.level ?? 0) * mm(6), keepNext: keep }));
        break;
      }
      case 'table':
        out.push(bodyTable(b, size, pageTextWidth, keep));
        out.push(para('', { size, after: 60, keepNext: keep }));
        break;
      case 'spacer':
        out.push(para('', { size, keepNext: keep }));
        break;
    }
  });
  return out;
}

/** The lines of a signature block's title: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" is two; an empty title none. */
export function titleLines(s: SignatureBlock): string[] {
  return [...(s.authority ?? []), ...s.title.split('\n')].map((l) => l.trim().toLocaleUpperCase('vi-VN')).filter((l) => l !== '');
}

function signatureParagraphs(s: SignatureBlock, size: number): Paragraph[] {
  const out: Paragraph[] = [];
  for (const line of titleLines(s)) out.push(para(line, { size, bold: true, align: 'center', keepNext: true }));
  if (s.note) out.push(para(s.note, { size: size - 1, italic: true, align: 'center', keepNext: true }));
  // Room for the signature and the seal.
  for (let i = 0; i < 4; i++) out.push(para('', { size, keepNext: true }));
  out.push(para(s.name ?? '', { size, bold: true, align: 'center' }));
  return out;
}

function recipientParagraphs(recipients: readonly string[]): Paragraph[] {
  const out = [para([{ text: 'Nơi nhận:', bold: true, italic: true }], { size: 12, keepNext: true })];
  recipients.forEach((r, i) => {
    const text = r.replace(/^[-–\s]+/u, '').replace(/[.;,\s]+$/u, '');
    out.push(para(`- ${text}${i === recipients.length - 1 ? '.' : ';'}`, { size: 11 }));
  });
  return out;
}

/** Signatures on the right (two side by side), Nơi nhận at the bottom left. */
function signatureArea(doc: StateDocument, size: number): Table {
  const half = Math.round(TEXT_WIDTH / 2);
  const widths = [TEXT_WIDTH - half, half];
  const sigs = doc.signatures.map((s) => signatureParagraphs(s, size));
  const recipients = doc.recipients?.length ? recipientParagraphs(doc.recipients) : null;
  const rows: Paragraph[][][] = [];
  let placed = false;
  let i = 0;
  if (sigs.length % 2 === 1) {
    rows.push([recipients ?? [], sigs[0]!]);
    placed = true;
    i = 1;
  }
  for (; i < sigs.length; i += 2) rows.push([sigs[i]!, sigs[i + 1]!]);
  if (recipients && !placed) rows.push([recipients, []]);
  return layoutTable(
    widths,
    rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, k) => cell(c, widths[k]!)) })),
  );
}

// ── The renderer ───────────────────────────────────────────────────────

const pageNumberHeaders = () => ({
  default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })] })] }),
  first: new Header({ children: [new Paragraph({ children: [] })] }),
});

/** "Phụ lục" and its name on top of its first page, then its body, on landscape pages when asked. */
function appendixSection(a: StateAppendix, size: number): ISectionOptions {
  const width = a.landscape ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
  const heading = [
    para(a.label, { size, bold: true, align: 'center', keepNext: true }),
    para(a.title.toLocaleUpperCase('vi-VN'), { size, bold: true, align: 'center', keepNext: true }),
    ...(a.note ? [para(a.note, { size, italic: true, align: 'center', keepNext: true })] : []),
    rule(Math.min(width, Math.max(1200, Math.round(textWidth(a.title, size, true) * 0.3))), width),
    para('', { size, after: 120 }),
  ];
  return {
    properties: {
      type: SectionType.NEXT_PAGE,
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: a.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { ...MARGINS, header: mm(10), footer: mm(10) },
        // Nghị định 30: an appendix of several pages is numbered on its own, from its second page.
        pageNumbers: { start: 1 },
      },
      titlePage: true,
    },
    headers: pageNumberHeaders(),
    children: [...heading, ...bodyBlocks(a.body, size, width)],
  };
}

/** Renders a document in the state format (Nghị định 30/2020) as a .docx file. */
export async function renderStateDocument(doc: StateDocument): Promise<Buffer> {
  const size = doc.fontSize ?? 14;
  const signed = doc.signatures.length > 0 || (doc.recipients?.length ?? 0) > 0;
  const document = new Document({
    creator: 'thidua',
    title: doc.summary ? `${doc.title} ${doc.summary}` : doc.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: size * 2 }, paragraph: { spacing: { line: 240 } } },
      },
    },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...MARGINS, header: mm(10), footer: mm(10) } },
          // Page numbers from the second page on, centred at the top.
          titlePage: true,
        },
        headers: pageNumberHeaders(),
        children: [
          header(doc),
          ...titleBlock(doc, size),
          ...bodyBlocks(doc.body, size, TEXT_WIDTH, signed),
          para('', { size, keepNext: signed }),
          ...(signed ? [signatureArea(doc, size)] : []),
        ],
      },
      ...(doc.appendices ?? []).map((a) => appendixSection(a, size)),
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * A table too wide for its page as several tables: the first `keep` columns (STT, the unit's name)
 * repeated in each, the other columns shared out evenly, at most `max` a table. A cell spanning
 * columns must lie within the kept ones (a "Tổng hợp" label) or span one column only.
 */
export function splitTableColumns(table: Extract<StateBlock, { kind: 'table' }>, keep: number, max: number): Extract<StateBlock, { kind: 'table' }>[] {
  const rest = table.widths.length - keep;
  if (rest <= max) return [table];
  const groups = Math.ceil(rest / max);
  const per = Math.ceil(rest / groups);
  const place = (row: readonly TableCellInput[]) => {
    let col = 0;
    return row.map((cell) => {
      const at = col;
      col += cellSpec(cell).colSpan ?? 1;
      return { cell, at };
    });
  };
  const pick = (row: readonly TableCellInput[], from: number, to: number) => place(row).filter(({ at }) => at < keep || (at >= from && at < to)).map(({ cell }) => cell);
  const out: Extract<StateBlock, { kind: 'table' }>[] = [];
  for (let from = keep; from < table.widths.length; from += per) {
    const to = Math.min(from + per, table.widths.length);
    out.push({
      ...table,
      widths: [...table.widths.slice(0, keep), ...table.widths.slice(from, to)],
      header: table.header.map((r) => pick(r, from, to)),
      rows: table.rows.map((r) => pick(r, from, to)),
    });
  }
  return out;
}

// ── Sending it ─────────────────────────────────────────────────────────

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "Bản đăng ký thi đua - Nguyễn Văn Đức.docx" → "Ban dang ky thi dua - Nguyen Van Duc.docx". */
function asciiFileName(name: string): string {
  return name
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}

/**
 * Content-Disposition for a download with a Vietnamese name (RFC 6266): an ASCII fallback for old
 * clients and the UTF-8 name (RFC 5987) that browsers use.
 */
export function attachmentDisposition(fileName: string): string {
  const clean = fileName.replace(/[\r\n/\\]/g, ' ').trim();
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName(clean)}"; filename*=UTF-8''${encoded}`;
}
