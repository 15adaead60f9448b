import { extractAwards } from './awards.js';
import { extractCriteria } from './criteria.js';
import { extractDeadlines } from './deadlines.js';
import { issuerFromText, readHeader } from './header.js';
import { splitInlineLists } from './inline-lists.js';
import { detectMarker } from './markers.js';
import { extractMilestones, extractPeriod, sortMilestones } from './milestones.js';
import { cleanText, fixOcr, squash } from './normalize.js';
import { buildOutline, type Block, type Note } from './outline.js';
import type { ParsedPlan, PlanNode, SourceFormat, SourceLine } from './plan-types.js';
import { extractPoints } from './points.js';
import { registrationMilestones } from './registrations.js';
import { FOOTER, readSigner } from './signature.js';
import { textUnits } from './text-units.js';

// The pure part of the import: lines in, draft plan out. Never throws on content: a document
// without any recognisable structure comes back as paragraphs with a warning.

const APPENDIX = /^(?:PHỤ\s*LỤC|Phụ\s*lục)(?![\p{L}])/u;
const PAGE_NUMBER = /^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^Trang\s+\d{1,3}(?:\s*\/\s*\d{1,3})?$/iu;

/** Drops page numbers and running page headers (short lines repeated on many pages). */
function dropPageFurniture(lines: SourceLine[], notes: Note[]): SourceLine[] {
  const counts = new Map<string, number>();
  for (const l of lines) {
    if (l.tableId !== undefined || l.label) continue;
    const t = squash(l.text);
    if (t.length <= 90 && !detectMarker(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  let dropped = 0;
  const out = lines.filter((l) => {
    if (l.tableId !== undefined || l.label) return true;
    const t = squash(l.text);
    if (PAGE_NUMBER.test(t)) {
      dropped++;
      return false;
    }
    // A line repeated on three pages or more, that does not introduce anything, is a running header.
    if ((counts.get(t) ?? 0) >= 3 && !/[:;]$/.test(t)) {
      dropped++;
      return false;
    }
    return true;
  });
  if (dropped) notes.push({ line: 0, message: `bỏ ${dropped} dòng số trang hoặc đầu trang lặp lại` });
  return out;
}

/** Ends of lines: "./." and the typist's initials ("/lct") after the last sentence. */
function trimEnding(text: string): string {
  return text.replace(/\.\s*\/\s*\.(?:\s+.*)?$/u, '.').replace(/\.\s*\/\s*[a-zđ]{2,5}\s*$/u, '.');
}

function toPlanNodes(blocks: Block[]): PlanNode[] {
  return blocks.map((b) => ({
    code: b.code,
    text: [squash(b.text), ...b.body.map((p) => squash(p.text))].filter(Boolean).join('\n'),
    ...(b.points !== undefined ? { maxPoints: b.points } : {}),
    children: toPlanNodes(b.children),
    line: b.line,
  }));
}

// "Điểm tối đa: 20", "(20 điểm)", "(50 điểm - điểm liệt)" on a line of its own under an item: the item's points.
const POINTS_LINE = /^(?:\(?\s*(?:điểm\s*tối\s*đa|tối\s*đa|thang\s*điểm|số\s*điểm|điểm)\s*[:=]?\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:điểm|đ)?\s*\)?|\(\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:điểm|đ)(\s*[-–—,;:]\s*(?:là\s+)?(?:điểm|tiêu\s*chí)\s+liệt)?\s*\))\s*[.;]?$/iu;

function assignPoints(blocks: Block[], notes: Note[]) {
  for (const b of blocks) {
    const at = b.body.findIndex((p) => POINTS_LINE.test(squash(p.text)));
    if (at >= 0 && b.points === undefined) {
      const m = POINTS_LINE.exec(squash(b.body[at]!.text))!;
      b.points = Number((m[1] ?? m[2])!.replace(',', '.'));
      if (m[3]) b.veto = true;
      b.body.splice(at, 1);
    }
    const p = extractPoints(squash(b.text));
    if (p.points !== undefined) {
      if (b.points === undefined) b.points = p.points;
      else if (b.points !== p.points) notes.push({ line: b.line, message: `điểm ghi trong nội dung (${p.points}) khác cột điểm (${b.points}): giữ cột điểm` });
    }
    assignPoints(b.children, notes);
  }
}

export function parseLines(input: SourceLine[], format: SourceFormat, readerNotes: Note[] = []): ParsedPlan {
  const notes: Note[] = [...readerNotes];
  const general: string[] = [];

  // 1. Clean every line; remember gaps, fix known recognition slips.
  const cleaned: SourceLine[] = [];
  let blank = false;
  for (const l of input) {
    const text = cleanText(l.text);
    if (!text.trim() && !l.label) {
      blank = true;
      continue;
    }
    const fixed = fixOcr(text);
    for (const message of fixed.notes) notes.push({ line: l.n, message });
    cleaned.push({ ...l, text: trimEnding(fixed.text), blankBefore: blank || l.blankBefore });
    blank = false;
  }
  const lines = format === 'text' ? dropPageFurniture(cleaned, notes) : cleaned;

  if (!lines.length) {
    return {
      number: null,
      code: null,
      issuer: null,
      signer: null,
      place: null,
      date: null,
      title: null,
      documentType: null,
      period: null,
      sections: [],
      criteria: { collective: [], individual: [] },
      milestones: [],
      deadlines: [],
      awardForms: [],
      titles: [],
      warnings: ['Tài liệu không có nội dung chữ nào đọc được'],
      source: { format, lines: input.length },
    };
  }

  // 2. Heading block, then the body up to "Nơi nhận" / the signature.
  const header = readHeader(lines);
  notes.push(...header.notes);
  let end = lines.length;
  for (let i = header.bodyStart; i < lines.length; i++) {
    if (i > header.bodyStart && FOOTER.test(squash(lines[i]!.text)) && lines[i]!.tableId === undefined) {
      end = i;
      break;
    }
  }
  const body = lines.slice(header.bodyStart, end).filter((_, k) => !header.consumed.has(header.bodyStart + k));
  // Criteria often come as an appendix after the signature ("PHỤ LỤC … Bảng tiêu chí chấm điểm").
  const appendix = lines.findIndex((l, i) => i > end && (APPENDIX.test(squash(l.text)) || l.tableId !== undefined));
  const signer = readSigner(lines.slice(end, appendix > 0 ? appendix : lines.length));
  if (appendix > 0) {
    body.push(...lines.slice(appendix).filter((l) => !/^(?:Nơi\s*nhận|(?:TM|KT|TL)\.\s)/u.test(squash(l.text))));
    notes.push({ line: lines[appendix]!.n, message: 'đọc tiếp phần phụ lục sau chữ ký' });
  }

  // 3. The outline, inline lists, points.
  const outline = buildOutline(body);
  notes.push(...outline.notes);
  splitInlineLists(outline.roots, notes);
  assignPoints(outline.roots, notes);
  const structured = outline.roots.some((b) => b.family !== 'para' || b.children.length);
  if (!structured) general.push('Không nhận ra cấu trúc đề mục (I., 1., a), -, +): nội dung được giữ nguyên thành các đoạn văn để rà soát');

  // 4. What the plan says.
  const units = textUnits(outline.roots);
  const criteria = extractCriteria(outline.roots);
  notes.push(...criteria.notes);
  const deadlines = extractDeadlines(units);
  notes.push(...deadlines.notes);
  const awards = extractAwards(units);
  notes.push(...awards.notes);

  let issuer = header.issuer;
  if (!issuer) {
    const paragraphs = outline.roots.filter((b) => b.family === 'para').map((b) => ({ text: b.text, line: b.line }));
    const found = issuerFromText(paragraphs.slice(0, 3)) ?? issuerFromText(units.slice(-3).map((u) => ({ text: u.text, line: u.line })));
    if (found) {
      issuer = found.issuer;
      notes.push({ line: found.line, message: `không thấy tên cơ quan ban hành ở đầu văn bản; lấy "${found.issuer}" từ nội dung` });
    } else if (header.documentType) {
      notes.push({ line: 0, message: 'không thấy tên cơ quan ban hành' });
    }
  }
  const preamble = outline.roots.find((b) => b.family === 'para')?.text ?? null;
  const period = extractPeriod([header.title], true) ?? extractPeriod([preamble], false);
  // A dated registration ("đăng ký thi đua trước ngày 28/02") says more than a timeline line of the same year.
  const registrations = registrationMilestones(deadlines.registrations, { issued: header.date, period });
  notes.push(...registrations.notes);
  const timeline = extractMilestones(units).filter((m) => m.kind !== 'registration' || !registrations.milestones.some((r) => r.year === m.year));
  const milestones = sortMilestones([...registrations.milestones, ...timeline]);

  // Warnings: general ones first, then by line.
  const seen = new Set<string>();
  const warnings = [...general];
  for (const n of notes.sort((a, b) => a.line - b.line)) {
    const w = n.line > 0 ? `Dòng ${n.line}: ${n.message}` : n.message.charAt(0).toUpperCase() + n.message.slice(1);
    if (seen.has(w)) continue;
    seen.add(w);
    warnings.push(w);
  }

  return {
    number: header.number,
    code: header.code,
    issuer,
    signer,
    place: header.place,
    date: header.date,
    title: header.title,
    documentType: header.documentType,
    period,
    sections: toPlanNodes(outline.roots),
    criteria: { collective: criteria.collective, individual: criteria.individual },
    milestones,
    deadlines: deadlines.deadlines,
    awardForms: awards.awardForms,
    titles: awards.titles,
    warnings,
    source: { format, lines: input.length },
  };
}
