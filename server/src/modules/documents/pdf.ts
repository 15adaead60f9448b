import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import {
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  formatNumber,
  placeAndDate,
  referenceLine,
  type CellSpec,
  type CellValue,
  type InlineText,
  titleLines,
  type SignatureBlock,
  type StateAppendix,
  type StateBlock,
  type StateDocument,
  type TableCellInput,
  type TextAlign,
  type TextSpan,
} from './state-format.js';

// The same `StateDocument` that state-format.ts renders as .docx, printed as PDF with the same
// layout rules (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, margins top/bottom 20 mm, left 30 mm,
// right 15 mm; issuer and Quốc hiệu/Tiêu ngữ side by side; "Số:" and the italic place and date
// under them; the title; the body; the signature block on the right and "Nơi nhận:" on the left,
// never alone on its page; appendices after it, on landscape pages when asked, numbered on their own.
//
// Times New Roman is not free to ship, so the PDF embeds Liberation Serif 2 (same metrics, full
// Vietnamese coverage, SIL OFL) from server/assets/fonts: the PDF looks the same on every machine
// and never depends on the fonts of the computer that renders or opens it. The 14 standard PDF
// fonts cannot print Vietnamese letters at all.

const FONT_DIR = fileURLToPath(new URL('../../../assets/fonts/', import.meta.url));
export const FACES = {
  regular: `${FONT_DIR}LiberationSerif-Regular.ttf`,
  bold: `${FONT_DIR}LiberationSerif-Bold.ttf`,
  italic: `${FONT_DIR}LiberationSerif-Italic.ttf`,
  boldItalic: `${FONT_DIR}LiberationSerif-BoldItalic.ttf`,
} as const;
type Face = keyof typeof FACES;

export const PDF_CONTENT_TYPE = 'application/pdf';

// ── Page and type (points, 72 to the inch) ─────────────────────────────

const mm = (n: number) => (n * 72) / 25.4;
const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const TEXT_WIDTH = PAGE_WIDTH - MARGINS.left - MARGINS.right;
/** The header's columns, as in the .docx: the issuer on the left (42 %), Quốc hiệu on the right. */
const LEFT_COL = TEXT_WIDTH * 0.42;
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;
const HEADER_SIZE = 13;
const FIRST_LINE_INDENT = mm(12.7);
const CELL_PAD = { x: 4, y: 2 } as const;
const RULE_WIDTH = 0.5;

type Doc = PDFKit.PDFDocument;

/** The page being filled: portrait, or landscape for an appendix's wide tables. */
interface Geometry {
  landscape: boolean;
  textWidth: number;
  /** The lowest line text may reach. */
  bottom: number;
  /** The numbering a page belongs to: the document, then each appendix on its own. */
  section: number;
}
const PORTRAIT = { landscape: false, textWidth: TEXT_WIDTH, bottom: PAGE_HEIGHT - MARGINS.bottom } as const;
const LANDSCAPE = { landscape: true, textWidth: PAGE_HEIGHT - MARGINS.left - MARGINS.right, bottom: PAGE_WIDTH - MARGINS.bottom } as const;

const geometries = new WeakMap<Doc, Geometry>();
/** Every page's geometry, in order, to number them at the end. */
const pageLists = new WeakMap<Doc, Geometry[]>();
function geo(doc: Doc): Geometry {
  return geometries.get(doc) ?? { ...PORTRAIT, section: 0 };
}

/** A new page of the current geometry (a table or paragraph running on, a heading kept with its text). */
function newPage(doc: Doc, next?: Geometry): void {
  const g = next ?? geo(doc);
  geometries.set(doc, g);
  doc.addPage({ size: 'A4', layout: g.landscape ? 'landscape' : 'portrait', margins: MARGINS });
  pageLists.get(doc)?.push(g);
}

interface Style {
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

function faceOf(bold?: boolean, italic?: boolean): Face {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

function spansOf(text: InlineText): readonly TextSpan[] {
  return typeof text === 'string' ? [{ text }] : text;
}

interface Box {
  x: number;
  width: number;
  align?: TextAlign;
  /** First-line indent. */
  indent?: number;
}

interface Word {
  text: string;
  face: Face;
  underline: boolean;
  /** Width of the word itself, and of the space after it (zero at the end of a span without one). */
  width: number;
  space: number;
}

/** Lines of words; a "\n" in the text ends a line, as a hard break does in the .docx. */
type Line = { words: Word[]; last: boolean };

/** Word widths, measured once per document: shaping a word with fontkit is the slow part of layout. */
const widthCache = new WeakMap<Doc, Map<string, number>>();
function widthOf(doc: Doc, face: Face, size: number, text: string): number {
  let cache = widthCache.get(doc);
  if (!cache) widthCache.set(doc, (cache = new Map()));
  const key = `${face}\u0000${size}\u0000${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    width = doc.font(face).fontSize(size).widthOfString(text);
    cache.set(key, width);
  }
  return width;
}

/**
 * Breaks `text` into lines that fit `box`. pdfkit's own wrapping justifies each differently
 * emphasised piece of a paragraph on its own (a bold phrase in a justified paragraph comes out with
 * its spaces lost), so mixed runs are laid out here, word by word, and drawn one line at a time.
 */
function lay(doc: Doc, text: InlineText, style: Style, box: Box): { lines: Line[]; lineHeight: number } {
  const paragraphs: Word[][] = [[]];
  for (const span of spansOf(text)) {
    const face = faceOf(span.bold ?? style.bold, span.italic ?? style.italic);
    const spaceWidth = widthOf(doc, face, style.size, ' ');
    span.text.split('\n').forEach((piece, i) => {
      if (i > 0) paragraphs.push([]);
      const current = paragraphs.at(-1)!;
      // A leading space belongs to the previous word ("đơn vị" + " đăng ký").
      if (/^\s/.test(piece) && current.length) current.at(-1)!.space = Math.max(current.at(-1)!.space, spaceWidth);
      const tokens = piece.split(/(\s+)/).filter((t) => t !== '');
      tokens.forEach((t, k) => {
        if (/^\s+$/.test(t)) return;
        const followed = k + 1 < tokens.length;
        current.push({ text: t, face, underline: span.underline ?? style.underline ?? false, width: widthOf(doc, face, style.size, t), space: followed ? spaceWidth : 0 });
      });
    });
  }
  const lines: Line[] = [];
  for (const words of paragraphs) {
    let line: Word[] = [];
    let used = 0;
    const room = () => box.width - (lines.length === 0 || lines.at(-1)!.last ? (box.indent ?? 0) : 0);
    for (const word of words) {
      // A word wider than the whole line (a long code or address in a narrow cell) is cut to fit.
      const pieces = word.width > room() ? cut(doc, word, style.size, room()) : [word];
      for (const w of pieces) {
        const gap = line.length ? line.at(-1)!.space : 0;
        if (line.length && used + gap + w.width > room()) {
          lines.push({ words: line, last: false });
          line = [];
          used = 0;
        }
        used += (line.length ? line.at(-1)!.space : 0) + w.width;
        line.push(w);
      }
    }
    lines.push({ words: line, last: true });
  }
  doc.font(faceOf(style.bold, style.italic)).fontSize(style.size);
  return { lines, lineHeight: doc.currentLineHeight(true) };
}

/** Cuts a word into pieces no wider than `width`, letter by letter; only the last keeps the space after it. */
function cut(doc: Doc, word: Word, size: number, width: number): Word[] {
  const out: Word[] = [];
  let text = '';
  for (const letter of word.text) {
    if (text && widthOf(doc, word.face, size, text + letter) > width) {
      out.push({ ...word, text, width: widthOf(doc, word.face, size, text), space: 0 });
      text = '';
    }
    text += letter;
  }
  out.push({ ...word, text, width: widthOf(doc, word.face, size, text) });
  return out;
}

/** Height of `text` set in `box`, without drawing it. */
function measure(doc: Doc, text: InlineText, style: Style, box: Box): number {
  const { lines, lineHeight } = lay(doc, text, style, box);
  return lines.length * lineHeight;
}

/**
 * Sets `text` at (box.x, y), wrapping inside the box and moving to a new page when a line no longer
 * fits. With `keepWith` (the height of what must follow on the same page, the signature), the last
 * two lines move on together with it rather than leave it alone on the next page.
 */
function write(doc: Doc, text: InlineText, style: Style, box: Box, y: number, keepWith = 0): void {
  const { lines, lineHeight } = lay(doc, text, style, box);
  const align = box.align ?? 'left';
  const g = geo(doc);
  const tail = Math.max(0, lines.length - 2);
  let firstOfParagraph = true;
  for (const [i, line] of lines.entries()) {
    const last = keepWith > 0 && i === tail ? (lines.length - i) * lineHeight + keepWith : lineHeight;
    const fitsFresh = last <= g.bottom - MARGINS.top;
    if ((y + lineHeight > g.bottom || (fitsFresh && y + last > g.bottom)) && y > MARGINS.top + 1) {
      newPage(doc);
      y = MARGINS.top;
    }
    const indent = firstOfParagraph ? (box.indent ?? 0) : 0;
    const words = line.words;
    const natural = words.reduce((a, w, i) => a + w.width + (i < words.length - 1 ? w.space : 0), 0);
    const free = box.width - indent - natural;
    const gaps = words.slice(0, -1).filter((w) => w.space > 0).length;
    // Justified lines stretch their spaces, except the last line of a paragraph.
    const extra = align === 'justify' && !line.last && gaps > 0 ? free / gaps : 0;
    let x = box.x + indent + (align === 'center' ? free / 2 : align === 'right' ? free : 0);
    // Consecutive words in one face are drawn as one piece, so text extraction sees whole phrases.
    for (let i = 0; i < words.length; ) {
      let j = i;
      let piece = words[i]!.text;
      let width = words[i]!.width;
      while (j + 1 < words.length && words[j + 1]!.face === words[i]!.face && words[j + 1]!.underline === words[i]!.underline) {
        piece += (words[j]!.space > 0 ? ' ' : '') + words[j + 1]!.text;
        width += words[j]!.space + (words[j]!.space > 0 ? extra : 0) + words[j + 1]!.width;
        j++;
      }
      doc.font(words[i]!.face).fontSize(style.size);
      doc.text(piece, x, y, { lineBreak: false, wordSpacing: extra, underline: words[i]!.underline });
      x += width + (j < words.length - 1 && words[j]!.space > 0 ? words[j]!.space + extra : 0);
      i = j + 1;
    }
    y += lineHeight;
    firstOfParagraph = line.last;
  }
  doc.x = box.x;
  doc.y = y;
}

/** A horizontal rule of `length`, centred in a column. */
function rule(doc: Doc, colX: number, colWidth: number, length: number, y: number): void {
  const x = colX + (colWidth - length) / 2;
  doc.save().lineWidth(RULE_WIDTH).moveTo(x, y).lineTo(x + length, y).stroke().restore();
}

function textWidth(doc: Doc, text: string, style: Style): number {
  return doc.font(faceOf(style.bold, style.italic)).fontSize(style.size).widthOfString(text);
}

/** Starts a new page unless `height` still fits above the bottom margin. */
function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > geo(doc).bottom && doc.y > MARGINS.top + 1) newPage(doc);
}

// ── The parts of the page ──────────────────────────────────────────────

/** Issuer on the left, Quốc hiệu and Tiêu ngữ on the right, then "Số:" and the place and date. */
function header(doc: Doc, d: StateDocument): void {
  const top = MARGINS.top;
  const left = MARGINS.left;
  const right = MARGINS.left + LEFT_COL;

  let y = top;
  if (d.parentBody) {
    const text = d.parentBody.toLocaleUpperCase('vi-VN');
    write(doc, text, { size: HEADER_SIZE }, { x: left, width: LEFT_COL, align: 'center' }, y);
    y = doc.y;
  }
  const body = d.issuingBody.toLocaleUpperCase('vi-VN');
  write(doc, body, { size: HEADER_SIZE, bold: true }, { x: left, width: LEFT_COL, align: 'center' }, y);
  y = doc.y + 2;
  // Nghị định 30: a rule a third to a half as long as the body's name.
  const lastLine = body.split('\n').at(-1) ?? body;
  rule(doc, left, LEFT_COL, Math.min(LEFT_COL, Math.max(45, textWidth(doc, lastLine, { size: HEADER_SIZE, bold: true }) * 0.4)), y);
  const leftBottom = y;

  write(doc, NATIONAL_NAME, { size: HEADER_SIZE - 1, bold: true }, { x: right, width: RIGHT_COL, align: 'center' }, top);
  write(doc, NATIONAL_MOTTO, { size: HEADER_SIZE + 1, bold: true }, { x: right, width: RIGHT_COL, align: 'center' }, doc.y);
  y = doc.y + 2;
  // The motto's rule is as long as the motto.
  rule(doc, right, RIGHT_COL, Math.min(RIGHT_COL, textWidth(doc, NATIONAL_MOTTO, { size: HEADER_SIZE + 1, bold: true })), y);

  // The second row starts under the taller of the two columns, as in the .docx's header table.
  const row2 = Math.max(leftBottom, y) + 6;
  let bottom = row2;
  if (d.reference) {
    write(doc, referenceLine(d.reference), { size: HEADER_SIZE }, { x: left, width: LEFT_COL, align: 'center' }, row2);
    bottom = doc.y;
  }
  write(doc, placeAndDate(d.place, d.date), { size: d.fontSize ?? 14, italic: true }, { x: right, width: RIGHT_COL, align: 'center' }, row2);
  doc.y = Math.max(bottom, doc.y);
}

function titleBlock(doc: Doc, d: StateDocument, size: number): void {
  const full: Box = { x: MARGINS.left, width: TEXT_WIDTH, align: 'center' };
  write(doc, d.title.toUpperCase(), { size, bold: true }, full, doc.y + 18);
  if (d.summary) {
    write(doc, d.summary, { size, bold: true }, full, doc.y);
    const y = doc.y + 2;
    rule(doc, MARGINS.left, TEXT_WIDTH, Math.min(TEXT_WIDTH, Math.max(60, textWidth(doc, d.summary, { size, bold: true }) * 0.3)), y);
    doc.y = y + 6;
  }
  doc.y += 12;
  if (d.addressedTo?.length) {
    const [first, ...rest] = d.addressedTo;
    write(doc, `Kính gửi: ${first!}`, { size }, full, doc.y);
    for (const a of rest) write(doc, a, { size }, full, doc.y);
    doc.y += 12;
  }
}

function cellSpec(input: TableCellInput): CellSpec {
  return input !== null && typeof input === 'object' ? input : { value: input };
}

function cellText(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'number' ? formatNumber(value) : value;
}

interface LaidCell {
  text: string;
  style: Style;
  x: number;
  width: number;
  align: TextAlign;
  indent: number;
}

/**
 * A ruled table; header rows print bold and centred, and repeat on top of every page it runs onto.
 * With `keepWith`, the last row moves on with what must follow it (the signature).
 */
function bodyTable(doc: Doc, block: Extract<StateBlock, { kind: 'table' }>, baseSize: number, keepWith = 0): void {
  const size = block.fontSize ?? baseSize - 1;
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => (w / total) * geo(doc).textWidth);
  const layRow = (cells: readonly TableCellInput[], isHeader: boolean): { cells: LaidCell[]; height: number; isHeader: boolean } => {
    let col = 0;
    let x = MARGINS.left;
    const laid = cells.map((input) => {
      const spec = cellSpec(input);
      const span = spec.colSpan ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      const cell: LaidCell = {
        text: cellText(spec.value),
        style: { size, bold: spec.bold ?? isHeader, italic: spec.italic },
        x,
        width,
        align: spec.align ?? (isHeader ? 'center' : typeof spec.value === 'number' ? 'right' : 'left'),
        indent: spec.indent ? spec.indent * mm(4) : 0,
      };
      x += width;
      return cell;
    });
    const height = Math.max(...laid.map((c) => measure(doc, c.text, c.style, inner(c)))) + 2 * CELL_PAD.y;
    return { cells: laid, height, isHeader };
  };
  const inner = (c: LaidCell): Box => ({ x: c.x + CELL_PAD.x + c.indent, width: c.width - 2 * CELL_PAD.x - c.indent, align: c.align });
  const draw = (row: ReturnType<typeof layRow>, y: number) => {
    for (const c of row.cells) {
      const box = inner(c);
      // Header cells are centred vertically, body cells start at the top (as in the .docx).
      const offset = row.isHeader ? (row.height - 2 * CELL_PAD.y - measure(doc, c.text, c.style, box)) / 2 : 0;
      if (c.text) write(doc, c.text, c.style, box, y + CELL_PAD.y + offset);
      doc.save().lineWidth(RULE_WIDTH).rect(c.x, y, c.width, row.height).stroke().restore();
    }
  };

  const headerRows = block.header.map((r) => layRow(r, true));
  const headerHeight = headerRows.reduce((a, r) => a + r.height, 0);
  const drawHeader = () => {
    let y = doc.y;
    for (const r of headerRows) {
      draw(r, y);
      y += r.height;
    }
    doc.y = y;
  };
  const rows = block.rows.map((r) => layRow(r, false));
  // The header never stands alone at the foot of a page.
  ensureRoom(doc, headerHeight + (rows[0]?.height ?? 0));
  let y = doc.y;
  drawHeader();
  y = doc.y;
  const bottom = geo(doc).bottom;
  for (const [i, row] of rows.entries()) {
    // A row is never split (cantSplit in the .docx); it moves to the next page under the header again.
    const after = i === rows.length - 1 && keepWith > 0 && headerHeight + row.height + keepWith <= bottom - MARGINS.top ? keepWith : 0;
    if (y + row.height + after > bottom) {
      newPage(doc);
      drawHeader();
      y = doc.y;
    }
    draw(row, y);
    y += row.height;
    doc.y = y;
  }
  doc.x = MARGINS.left;
}

/** The body's blocks; `keepWith` is the height the last block must keep with it (the signature). */
function bodyBlocks(doc: Doc, blocks: readonly StateBlock[], size: number, keepWith = 0): void {
  const full = (over: Partial<Box> = {}): Box => ({ x: MARGINS.left, width: geo(doc).textWidth, ...over });
  const line = () => doc.font('regular').fontSize(size).currentLineHeight(true);
  blocks.forEach((b, i) => {
    const keep = i === blocks.length - 1 ? keepWith : 0;
    switch (b.kind) {
      case 'heading': {
        const box = full({ align: 'justify', indent: b.level === 2 ? FIRST_LINE_INDENT : 0 });
        // Kept with the next line: a heading never ends a page.
        ensureRoom(doc, 6 + measure(doc, b.text, { size, bold: true }, box) + 2 * line() + keep);
        write(doc, b.text, { size, bold: true }, box, doc.y + 6);
        doc.y += 3;
        break;
      }
      case 'paragraph':
        write(doc, b.text, { size }, full({ align: b.align ?? 'justify', indent: (b.indent ?? true) ? FIRST_LINE_INDENT : 0 }), doc.y, keep && keep + 6);
        doc.y += 6;
        break;
      case 'field': {
        const text = b.value ? `${b.label}: ${b.value}` : `${b.label}: ${'.'.repeat(Math.max(10, 70 - b.label.length))}`;
        write(doc, text, { size }, full({ indent: FIRST_LINE_INDENT }), doc.y, keep && keep + 4);
        doc.y += 4;
        break;
      }
      case 'bullet': {
        const spans: TextSpan[] = [{ text: `${b.marker ?? '-'} ` }, ...spansOf(b.text)];
        write(doc, spans, { size }, full({ align: 'justify', indent: FIRST_LINE_INDENT + (b.level ?? 0) * mm(6) }), doc.y, keep && keep + 3);
        doc.y += 3;
        break;
      }
      case 'table':
        bodyTable(doc, b, size, keep && keep + 3 + line());
        doc.y += 3 + line();
        break;
      case 'spacer':
        ensureRoom(doc, line() + keep);
        doc.y += line();
        break;
    }
    doc.x = MARGINS.left;
  });
}

type Column = (doc: Doc, y: number, x: number, width: number, draw: boolean) => number;

/** A signature block as a column: returns where it ends; with draw=false only measures. */
function signatureColumn(s: SignatureBlock, size: number): Column {
  return (doc, y, x, width, draw) => {
    const box: Box = { x, width, align: 'center' };
    const put = (text: string, style: Style) => {
      if (draw) write(doc, text, style, box, y);
      y += measure(doc, text, style, box);
    };
    for (const l of titleLines(s)) put(l, { size, bold: true });
    if (s.note) put(s.note, { size: size - 1, italic: true });
    // Room for the signature and the seal: four empty lines, as in the .docx.
    y += 4 * doc.font('regular').fontSize(size).currentLineHeight(true);
    if (s.name) put(s.name, { size, bold: true });
    return y;
  };
}

function recipientColumn(recipients: readonly string[]): Column {
  return (doc, y, x, width, draw) => {
    const box: Box = { x, width, align: 'left' };
    const lines: [string, Style][] = [['Nơi nhận:', { size: 12, bold: true, italic: true }]];
    recipients.forEach((r, i) => {
      const text = r.replace(/^[-–\s]+/u, '').replace(/[.;,\s]+$/u, '');
      lines.push([`- ${text}${i === recipients.length - 1 ? '.' : ';'}`, { size: 11 }]);
    });
    for (const [text, style] of lines) {
      if (draw) write(doc, text, style, box, y);
      y += measure(doc, text, style, box);
    }
    return y;
  };
}

/** The rows of the signature area: signatures on the right (two side by side), Nơi nhận on the left. */
function signatureRows(d: StateDocument, size: number): (Column | null)[][] {
  const sigs = d.signatures.map((s) => signatureColumn(s, size));
  const recipients = d.recipients?.length ? recipientColumn(d.recipients) : null;
  const rows: (Column | null)[][] = [];
  let placed = false;
  let i = 0;
  if (sigs.length % 2 === 1) {
    rows.push([recipients, sigs[0]!]);
    placed = true;
    i = 1;
  }
  for (; i < sigs.length; i += 2) rows.push([sigs[i]!, sigs[i + 1]!]);
  if (recipients && !placed) rows.push([recipients, null]);
  return rows;
}

const HALF = TEXT_WIDTH / 2;
const COLUMN_XS = [MARGINS.left, MARGINS.left + HALF];

function rowHeight(doc: Doc, row: (Column | null)[]): number {
  return Math.max(...row.map((c, k) => (c ? c(doc, 0, COLUMN_XS[k]!, HALF, false) : 0)));
}

/** The signature area; each row kept on one page. */
function signatureArea(doc: Doc, rows: (Column | null)[][]): void {
  const half = HALF;
  for (const row of rows) {
    const xs = COLUMN_XS;
    const height = rowHeight(doc, row);
    ensureRoom(doc, height);
    const y = doc.y;
    row.forEach((c, k) => c?.(doc, y, xs[k]!, half, true));
    doc.y = y + height;
  }
}

/** A phụ lục on new pages: "Phụ lục", its name, "(Kèm theo …)", a short rule, its body. */
function appendix(doc: Doc, a: StateAppendix, size: number, section: number): void {
  newPage(doc, { ...(a.landscape ? LANDSCAPE : PORTRAIT), section });
  const full: Box = { x: MARGINS.left, width: geo(doc).textWidth, align: 'center' };
  write(doc, a.label, { size, bold: true }, full, MARGINS.top);
  write(doc, a.title.toLocaleUpperCase('vi-VN'), { size, bold: true }, full, doc.y);
  if (a.note) write(doc, a.note, { size, italic: true }, full, doc.y);
  const y = doc.y + 2;
  rule(doc, MARGINS.left, full.width, Math.min(full.width, Math.max(60, textWidth(doc, a.title, { size, bold: true }) * 0.3)), y);
  doc.y = y + 12;
  bodyBlocks(doc, a.body, size);
}

// ── The renderer ───────────────────────────────────────────────────────

/** Renders a document in the state format (Nghị định 30/2020) as a PDF with the font embedded. */
export async function renderStatePdf(d: StateDocument): Promise<Buffer> {
  const size = d.fontSize ?? 14;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    // The default font is the embedded one, so no standard (non-Vietnamese) font is referenced at all.
    font: FACES.regular,
    lang: 'vi-VN',
    displayTitle: true,
    info: { Title: d.summary ? `${d.title} ${d.summary}` : d.title, Creator: 'thidua', Producer: 'thidua' },
  });
  for (const [name, file] of Object.entries(FACES)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const pages: Geometry[] = [{ ...PORTRAIT, section: 0 }];
  pageLists.set(doc, pages);
  geometries.set(doc, pages[0]!);
  header(doc, d);
  titleBlock(doc, d, size);
  const lineHeight = doc.font('regular').fontSize(size).currentLineHeight(true);
  const rows = d.signatures.length || d.recipients?.length ? signatureRows(d, size) : [];
  // The last lines of the body go with the signature's first row (and the empty line before it).
  bodyBlocks(doc, d.body, size, rows.length ? lineHeight + rowHeight(doc, rows[0]!) : 0);
  doc.y += lineHeight;
  signatureArea(doc, rows);
  (d.appendices ?? []).forEach((a, i) => appendix(doc, a, size, i + 1));

  // Page numbers from the second page of each numbering on, centred 10 mm from the top (the .docx's header).
  const range = doc.bufferedPageRange();
  let number = 0;
  pages.forEach((g, p) => {
    number = p > 0 && pages[p - 1]!.section === g.section ? number + 1 : 1;
    if (number === 1) return;
    doc.switchToPage(range.start + p);
    doc.font('regular').fontSize(13).text(String(number), MARGINS.left, mm(10), { width: g.textWidth, align: 'center', lineBreak: false });
  });
  doc.end();
  return done;
}
