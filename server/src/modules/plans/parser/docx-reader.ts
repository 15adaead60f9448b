import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { detectColumns, gridToLines, type GridRow } from './grid-lines.js';
import type { Note } from './outline.js';
import { PlanFileError } from './plan-file-error.js';
import type { SourceLine } from './plan-types.js';
import { readZipEntries, type ZipEntryInfo } from './zip-reader.js';

// A .docx as lines: paragraphs in order with the label Word draws for automatic numbering
// (numbering.xml), tables as rows of cells. Headers, footers, comments and deleted text are
// not part of the plan and are not read.

interface Level {
  start: number;
  format: string;
  text: string;
}

interface Numbering {
  abstract: Map<string, Map<number, Level>>;
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
}

interface StyleDef {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  heading?: number;
}

const WORDML = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);

/**
 * Parses a part of the package. Word writes its elements as "w:p"; other writers may bind the
 * same namespace to another prefix (or none, or the Strict namespace): names are handed on as "w:…".
 */
function parseXml(xml: Buffer, what: string, handlers: { open?: (tag: SaxesTagPlain) => void; close?: (tag: SaxesTagPlain) => void; text?: (t: string) => void }) {
  const parser = new SaxesParser();
  let prefix: string | null = null;
  const rename = (name: string): string => {
    if (prefix === null || prefix === 'w') return name;
    if (prefix === '') return name.includes(':') ? name : `w:${name}`;
    return name.startsWith(`${prefix}:`) ? `w:${name.slice(prefix.length + 1)}` : name;
  };
  const normal = (tag: SaxesTagPlain): SaxesTagPlain => {
    if (prefix === null) {
      prefix = 'w';
      for (const [k, v] of Object.entries(tag.attributes)) {
        if (!WORDML.has(v)) continue;
        prefix = k === 'xmlns' ? '' : k.replace(/^xmlns:/, '');
        break;
      }
    }
    if (prefix === 'w') return tag;
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attributes[rename(k)] = v;
    return { ...tag, name: rename(tag.name), attributes };
  };
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(normal(tag)));
  } else parser.on('opentag', (tag) => void normal(tag));
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close({ ...tag, name: rename(tag.name) }));
  }
  if (handlers.text) parser.on('text', handlers.text);
  try {
    parser.write(xml.toString('utf8')).close();
  } catch {
    throw new PlanFileError(`Tệp Word bị hỏng (${what} không đọc được)`, `The Word file is damaged (${what} cannot be read)`);
  }
}

const attr = (tag: SaxesTagPlain, name: string): string | undefined => tag.attributes[name];

function readNumbering(xml: Buffer | undefined): Numbering {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  if (!xml) return { abstract, nums };
  let currentAbstract: Map<number, Level> | null = null;
  let level: Level | null = null;
  let num: { abstractId: string; starts: Map<number, number> } | null = null;
  let overrideLvl = -1;
  parseXml(xml, 'numbering.xml', {
    open(tag) {
      switch (tag.name) {
        case 'w:abstractNum':
          currentAbstract = new Map();
          abstract.set(attr(tag, 'w:abstractNumId') ?? '', currentAbstract);
          break;
        case 'w:lvl':
          if (currentAbstract && !num) {
            level = { start: 1, format: 'decimal', text: '' };
            currentAbstract.set(Number(attr(tag, 'w:ilvl') ?? 0), level);
          }
          break;
        case 'w:start':
          if (level) level.start = Number(attr(tag, 'w:val') ?? 1);
          break;
        case 'w:numFmt':
          if (level) level.format = attr(tag, 'w:val') ?? 'decimal';
          break;
        case 'w:lvlText':
          if (level) level.text = attr(tag, 'w:val') ?? '';
          break;
        case 'w:num':
          num = { abstractId: '', starts: new Map() };
          nums.set(attr(tag, 'w:numId') ?? '', num);
          break;
        case 'w:abstractNumId':
          if (num) num.abstractId = attr(tag, 'w:val') ?? '';
          break;
        case 'w:lvlOverride':
          overrideLvl = Number(attr(tag, 'w:ilvl') ?? 0);
          break;
        case 'w:startOverride':
          if (num && overrideLvl >= 0) num.starts.set(overrideLvl, Number(attr(tag, 'w:val') ?? 1));
          break;
      }
    },
    close(tag) {
      if (tag.name === 'w:abstractNum') currentAbstract = null;
      else if (tag.name === 'w:lvl') level = null;
      else if (tag.name === 'w:num') num = null;
      else if (tag.name === 'w:lvlOverride') overrideLvl = -1;
    },
  });
  return { abstract, nums };
}

function readStyles(xml: Buffer | undefined): Map<string, StyleDef> {
  const styles = new Map<string, StyleDef>();
  if (!xml) return styles;
  let current: StyleDef | null = null;
  let inPPr = false;
  parseXml(xml, 'styles.xml', {
    open(tag) {
      if (tag.name === 'w:style') {
        current = {};
        styles.set(attr(tag, 'w:styleId') ?? '', current);
        const id = attr(tag, 'w:styleId') ?? '';
        const m = /^Heading(\d)$/i.exec(id);
        if (m) current.heading = Number(m[1]);
      } else if (current) {
        if (tag.name === 'w:name') {
          const m = /^heading (\d)$/i.exec(attr(tag, 'w:val') ?? '');
          if (m) current.heading = Number(m[1]);
        } else if (tag.name === 'w:basedOn') current.basedOn = attr(tag, 'w:val');
        else if (tag.name === 'w:pPr') inPPr = true;
        else if (inPPr && tag.name === 'w:numId') current.numId = attr(tag, 'w:val');
        else if (inPPr && tag.name === 'w:ilvl') current.ilvl = Number(attr(tag, 'w:val') ?? 0);
        else if (inPPr && tag.name === 'w:outlineLvl' && current.heading === undefined) {
          const v = Number(attr(tag, 'w:val'));
          if (v >= 0 && v < 9) current.heading = v + 1;
        }
      }
    },
    close(tag) {
      if (tag.name === 'w:style') current = null;
      else if (tag.name === 'w:pPr') inPPr = false;
    },
  });
  return styles;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) while (n >= v) ((out += s), (n -= v));
  return out;
}

function letters(n: number): string {
  const ch = String.fromCharCode(97 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Word's bullets come as Symbol/Wingdings code points: dashes and plus signs stay, the rest is "•". */
function bulletLabel(text: string): string {
  const t = text.trim();
  if (/^[-–—−]$/.test(t)) return '-';
  if (t === '+') return '+';
  return '•';
}

interface Para {
  text: string;
  numId?: string;
  ilvl?: number;
  style?: string;
}

interface Cell {
  col: number;
  span: number;
  paras: string[];
  skip: boolean;
}

interface Table {
  rows: { cells: Cell[]; n: number }[];
  row: { cells: Cell[]; n: number } | null;
  cell: Cell | null;
  col: number;
}

type Item = { kind: 'p'; line: SourceLine } | { kind: 'table'; rows: GridRow[] };

export function readDocx(buffer: Buffer, entries: Map<string, ZipEntryInfo>): { lines: SourceLine[]; notes: Note[] } {
  const files = readZipEntries(buffer, entries, ['word/document.xml', 'word/numbering.xml', 'word/styles.xml']);
  const doc = files.get('word/document.xml');
  if (!doc) throw new PlanFileError('Tệp Word không có phần nội dung (word/document.xml)', 'The Word file has no document part (word/document.xml)');
  const numbering = readNumbering(files.get('word/numbering.xml'));
  const styles = readStyles(files.get('word/styles.xml'));
  const counters = new Map<string, number[]>();

  const styleProp = <K extends keyof StyleDef>(id: string | undefined, key: K): StyleDef[K] | undefined => {
    for (let s = id, depth = 0; s && depth < 10; depth++) {
      const def = styles.get(s);
      if (!def) return undefined;
      if (def[key] !== undefined) return def[key];
      s = def.basedOn;
    }
    return undefined;
  };

  const label = (p: Para): { label?: string; level?: number } => {
    const numId = p.numId ?? styleProp(p.style, 'numId');
    if (!numId || numId === '0') return {};
    const ilvl = p.ilvl ?? styleProp(p.style, 'ilvl') ?? 0;
    const num = numbering.nums.get(numId);
    const levels = num ? numbering.abstract.get(num.abstractId) : undefined;
    const lvl = levels?.get(ilvl);
    if (!num || !levels || !lvl) return {};
    const startOf = (k: number) => num.starts.get(k) ?? levels.get(k)?.start ?? 1;
    const c = counters.get(numId) ?? [];
    c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl]! + 1;
    c.length = ilvl + 1;
    counters.set(numId, c);
    if (lvl.format === 'bullet') return { label: bulletLabel(lvl.text), level: ilvl };
    const text = lvl.text.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      return formatNumber(c[k] ?? startOf(k), levels.get(k)?.format ?? 'decimal');
    });
    return { label: text.trim() || undefined, level: ilvl };
  };

  const items: Item[] = [];
  const paras: Para[] = [];
  const tables: Table[] = [];
  let paragraphNo = 0;
  let inText = false;
  let runDepth = 0;
  let pPrDepth = 0;
  let skipDepth = 0;

  const finishParagraph = (p: Para) => {
    paragraphNo++;
    const { label: lbl, level } = label(p);
    const table = tables[tables.length - 1];
    const text = p.text.replace(/[ \u00a0]+$/g, '');
    if (table?.cell) {
      if (table.cell.skip) return;
      const shown = lbl ? `${lbl} ${text}` : text;
      table.cell.paras.push(...shown.split('\n'));
      return;
    }
    const heading = styleProp(p.style, 'heading');
    const pieces = text.split('\n');
    pieces.forEach((piece, i) => {
      const line: SourceLine = { n: paragraphNo, text: piece };
      if (i === 0 && lbl) line.label = lbl;
      if (i === 0 && level) line.listLevel = level;
      if (i === 0 && heading && !lbl) line.headingLevel = heading;
      items.push({ kind: 'p', line });
    });
  };

  parseXml(doc, 'word/document.xml', {
    open(tag) {
      if (skipDepth) {
        skipDepth++;
        return;
      }
      switch (tag.name) {
        // Tracked deletions, the fallback copy of text boxes, field codes: not the text a reader sees.
        case 'w:del':
        case 'w:moveFrom':
        case 'mc:Fallback':
        case 'w:instrText':
        case 'w:pPrChange':
        case 'w:rPrChange':
        case 'w:footnoteReference':
          skipDepth = 1;
          return;
        case 'w:p':
          paras.push({ text: '' });
          return;
        case 'w:pPr':
          pPrDepth++;
          return;
        case 'w:r':
          runDepth++;
          return;
        case 'w:t':
          inText = true;
          return;
        case 'w:tab':
          if (runDepth && paras.length) paras[paras.length - 1]!.text += '\t';
          return;
        case 'w:br':
        case 'w:cr':
          if (runDepth && paras.length && attr(tag, 'w:type') !== 'page') paras[paras.length - 1]!.text += '\n';
          return;
        case 'w:noBreakHyphen':
          if (runDepth && paras.length) paras[paras.length - 1]!.text += '-';
          return;
        case 'w:pStyle':
          if (pPrDepth && paras.length) paras[paras.length - 1]!.style = attr(tag, 'w:val');
          return;
        case 'w:numId':
          if (pPrDepth && paras.length) paras[paras.length - 1]!.numId = attr(tag, 'w:val');
          return;
        case 'w:ilvl':
          if (pPrDepth && paras.length) paras[paras.length - 1]!.ilvl = Number(attr(tag, 'w:val') ?? 0);
          return;
        case 'w:tbl':
          tables.push({ rows: [], row: null, cell: null, col: 0 });
          return;
        case 'w:tr': {
          const t = tables[tables.length - 1];
          if (t) {
            t.row = { cells: [], n: paragraphNo + 1 };
            t.col = 0;
          }
          return;
        }
        case 'w:tc': {
          const t = tables[tables.length - 1];
          if (t?.row) t.cell = { col: t.col, span: 1, paras: [], skip: false };
          return;
        }
        case 'w:gridSpan': {
          const t = tables[tables.length - 1];
          if (t?.cell) t.cell.span = Math.max(1, Number(attr(tag, 'w:val') ?? 1));
          return;
        }
        case 'w:vMerge': {
          // A cell continuing a vertical merge repeats nothing: its text is in the cell above.
          const t = tables[tables.length - 1];
          if (t?.cell && attr(tag, 'w:val') !== 'restart') t.cell.skip = true;
          return;
        }
      }
    },
    close(tag) {
      if (skipDepth) {
        skipDepth--;
        return;
      }
      switch (tag.name) {
        case 'w:p': {
          const p = paras.pop();
          if (p) finishParagraph(p);
          return;
        }
        case 'w:pPr':
          pPrDepth--;
          return;
        case 'w:r':
          runDepth--;
          return;
        case 'w:t':
          inText = false;
          return;
        case 'w:tc': {
          const t = tables[tables.length - 1];
          if (t?.row && t.cell) {
            t.row.cells.push(t.cell);
            t.col += t.cell.span;
            t.cell = null;
          }
          return;
        }
        case 'w:tr': {
          const t = tables[tables.length - 1];
          if (t?.row) t.rows.push(t.row);
          if (t) t.row = null;
          return;
        }
        case 'w:tbl': {
          const t = tables.pop();
          if (!t) return;
          const rows: GridRow[] = t.rows.map((r) => ({ n: r.n, cells: r.cells.map((c) => ({ col: c.col, span: c.span, paragraphs: c.paras })) }));
          const outer = tables[tables.length - 1];
          // A table inside a cell: its text joins the cell, row after row.
          if (outer?.cell) outer.cell.paras.push(...rows.flatMap((r) => r.cells.flatMap((c) => c.paragraphs)));
          else items.push({ kind: 'table', rows });
          return;
        }
      }
    },
    text(t) {
      if (inText && !skipDepth && paras.length) paras[paras.length - 1]!.text += t;
    },
  });

  const lines: SourceLine[] = [];
  const notes: Note[] = [];
  let tableId = 0;
  for (const item of items) {
    if (item.kind === 'p') {
      lines.push(item.line);
      continue;
    }
    const cols = detectColumns(item.rows);
    if (cols) {
      tableId++;
      const r = gridToLines(item.rows, cols, tableId);
      // Rows above the heading row are the table's caption.
      for (const row of item.rows.slice(0, cols.headerIndex)) for (const c of row.cells) for (const p of c.paragraphs) if (p.trim()) lines.push({ n: row.n, text: p });
      lines.push(...r.lines);
      notes.push(...r.notes);
      continue;
    }
    // Any other table (the heading block, a layout grid): its text in reading order.
    for (const row of item.rows) for (const c of row.cells) for (const p of c.paragraphs) lines.push({ n: row.n, text: p });
  }
  return { lines, notes };
}
