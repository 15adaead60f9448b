import { detectMarker, letterFollows, markerFromLabel, rankOf, type Family, type Marker } from './markers.js';
import { isUpperLine, squash, startsLower } from './normalize.js';
import type { SourceLine, Subject } from './plan-types.js';
import { subjectOfHeading } from './subjects.js';

// Builds the tree a reader sees from a flat list of lines. A document's hierarchy is its own:
// "a)" may sit under "1." in one plan and directly under "II." in the next, so a marker kind's
// level is the level at which it first appears in the current branch. Only when that order is
// impossible (a "2." inside a "-" list) do the usual ranks of markers decide.

export interface Block {
  /** The label as written, without punctuation; empty for a plain paragraph. */
  code: string;
  kind: string;
  family: Family | 'para';
  text: string;
  line: number;
  /** Paragraphs without a marker that follow the item. */
  body: { text: string; line: number }[];
  children: Block[];
  points?: number;
  /** Marked as a veto (điểm liệt) by a points line of its own: "(50 điểm - điểm liệt)". */
  veto?: boolean;
  subject?: Subject;
  fromTable?: boolean;
}

export interface Note {
  line: number;
  message: string;
}

interface Frame {
  indent?: number;
  kind: string;
  family: Family | 'root';
  rank: number;
  block: Block;
  lastValue: number | null;
  lastLabel: string;
  prefix?: string;
}

const TERMINAL = /[.;!?…]["”’)]*$/u;
const HEADING_FAMILIES = new Set<Family | 'root'>(['root', 'part', 'upper', 'roman', 'heading', 'article']);

function headingLike(b: Block): boolean {
  const t = b.text.trim();
  if (!t) return true;
  if (t.endsWith(':')) return true;
  if (isUpperLine(t)) return true;
  return t.length <= 120 && !TERMINAL.test(t);
}

function lastText(b: Block): string {
  return b.body.length ? b.body[b.body.length - 1]!.text : b.text;
}

function shortLabel(m: Marker): string {
  if (m.family === 'bullet') return m.label;
  if (m.family === 'letter') return `${m.label})`;
  if (m.family === 'heading' || m.family === 'subject') return '';
  return `${m.label}.`;
}

function quote(text: string): string {
  const t = squash(text);
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** Whether a line without a marker carries on the previous line (a sentence broken by a page or a column). */
export function isContinuation(text: string, prev: string | null): boolean {
  if (prev === null) return false;
  if (startsLower(text)) return true;
  const p = prev.trim();
  return /^[\d"“(]/u.test(text) && p.length > 60 && !/[.;:!?…"”)]$/u.test(p);
}

/** Joins a line broken by a page or a column; "thực hi-" + "ện" was one word cut by a hyphen. */
function joinBroken(prev: string, next: string): string {
  if (/\p{L}-$/u.test(prev) && startsLower(next)) return `${prev.slice(0, -1)}${next}`;
  return `${prev} ${next}`;
}

const SUBHEADING = /^(?:Mục\s+đích|Mục\s+tiêu|Yêu\s+cầu)\s*:?$/u;

const CRITERIA_HEAD = /^(?:các\s+)?(?:tiêu\s*chí|tiêu\s*chuẩn)(?![\p{L}])/iu;

/** "Tiêu chuẩn …: A; B" — a criteria or subject heading, a colon, then at least two parts separated by ";". */
function isProseCriteria(text: string): boolean {
  const colon = text.indexOf(':');
  if (colon < 0 || colon > 120) return false;
  const head = text.slice(0, colon);
  if (!CRITERIA_HEAD.test(head) && !subjectOfHeading(head)?.explicit) return false;
  return text.slice(colon + 1).split(';').filter((p) => /\p{L}/u.test(p)).length >= 2;
}

export function buildOutline(lines: SourceLine[]): { roots: Block[]; notes: Note[] } {
  const root: Block = { code: '', kind: 'root', family: 'para', text: '', line: 0, body: [], children: [] };
  const stack: Frame[] = [{ kind: 'root', family: 'root', rank: -Infinity, block: root, lastValue: null, lastLabel: '' }];
  const notes: Note[] = [];
  // Lines of a table start their own numbering under whatever encloses the table.
  let floor = 0;
  let tableId: number | undefined;
  let last: Block | null = null;

  const warn = (line: number, message: string) => notes.push({ line, message });

  for (const line of lines) {
    const raw = line.text;
    if (line.tableId !== tableId) {
      if (tableId !== undefined) stack.length = floor + 1;
      tableId = line.tableId;
      floor = tableId !== undefined ? stack.length - 1 : 0;
    }
    const text = squash(raw);
    if (!text && !line.label) continue;

    let m: Marker | null = line.label ? markerFromLabel(line.label, text) : detectMarker(text);
    if (m && line.listLevel) m = { ...m, kind: `${m.kind}@${line.listLevel}` };
    if (!m && line.headingLevel) m = { family: 'heading', kind: `h${line.headingLevel}`, label: '', value: null, rest: text };
    // "Đối với tập thể:" on a line of its own, without a marker, still opens the group.
    if (!m && text.length <= 100 && (text.endsWith(':') || (text.length <= 60 && !TERMINAL.test(text))) && subjectOfHeading(text, true)) {
      m = { family: 'subject', kind: 'subject', label: '', value: null, rest: text };
    }
    // "Tiêu chuẩn đối với tập thể: A; B; C." inside a section: criteria written as prose, an item of
    // their own (they would otherwise be a paragraph of the section, where no one looks for criteria).
    if (!m && line.tableId === undefined && stack[stack.length - 1]!.block !== root && isProseCriteria(text)) {
      m = { family: 'subject', kind: 'subject', label: '', value: null, rest: text };
    }
    // "Mục đích", "Yêu cầu" alone on a line under "MỤC ĐÍCH, YÊU CẦU": sub-headings whose number was lost.
    if (!m && line.tableId === undefined && SUBHEADING.test(text)) {
      m = { family: 'heading', kind: 'subhead', label: '', value: null, rest: text.replace(/\s*:$/, '') };
    }
    // A heading in capitals whose number was lost (automatic numbering pasted as text).
    if (!m && line.tableId === undefined && text.length <= 120 && /\p{L}{2,}\s+\p{L}{2,}/u.test(text) && isUpperLine(text) && !TERMINAL.test(text)) {
      m = { family: 'heading', kind: 'caps', label: '', value: null, rest: text };
    }

    if (!m) {
      const prev = last ? lastText(last) : null;
      if (last && line.tableId === undefined && isContinuation(text, prev)) {
        if (last.body.length) last.body[last.body.length - 1]!.text = joinBroken(last.body[last.body.length - 1]!.text, text);
        else last.text = last.text ? joinBroken(last.text, text) : text;
        continue;
      }
      const top = stack[stack.length - 1]!;
      if (top.block !== root) {
        top.block.body.push({ text, line: line.n });
        if (line.points !== undefined && top.block.points === undefined) top.block.points = line.points;
        last = top.block;
      } else {
        const para: Block = { code: '', kind: 'para', family: 'para', text, line: line.n, body: [], children: [], fromTable: line.tableId !== undefined };
        root.children.push(para);
        last = para;
      }
      continue;
    }

    // An upper-case I, V or X after "A.", "B."… of the same list is a letter, not a Roman numeral.
    if (m.family === 'roman' && m.alsoLetter) {
      const upper = stack.slice(floor + 1).find((f) => f.family === 'upper' && letterFollows(f.lastLabel, m!.label));
      if (upper) m = { family: 'upper', kind: upper.kind, label: m.label, value: m.value, rest: m.rest };
    }
    // "I." where the numbering of Roman sections already passed I: an OCR slip for "1.".
    if (m.family === 'roman' && m.label === 'I') {
      const roman = stack.slice(floor + 1).find((f) => f.kind === 'roman');
      if (roman && (roman.lastValue ?? 0) >= 1) {
        warn(line.n, `"I." nằm trong mục ${roman.lastLabel}. nên được hiểu là "1." (lỗi đánh máy hoặc nhận dạng chữ?)`);
        m = { family: 'arabic', kind: 'arabic.', label: '1', value: 1, rest: m.rest };
      }
    }

    const block: Block = {
      code: m.family === 'heading' || m.family === 'subject' ? '' : m.label,
      kind: m.kind,
      family: m.family,
      text: m.rest,
      line: line.n,
      body: [],
      children: [],
      points: line.points,
      subject: line.subject,
      fromTable: line.tableId !== undefined,
    };

    let idx = -1;
    for (let i = stack.length - 1; i > floor; i--) {
      if (stack[i]!.kind === m.kind) {
        idx = i;
        break;
      }
    }
    const top = stack[stack.length - 1]!;
    // "–" then "•" at the same indent: one list typed with two bullet signs.
    if (idx < 0 && m.family === 'bullet' && top.family === 'bullet' && line.indent && top.indent === line.indent) {
      warn(line.n, `ký hiệu đầu dòng "${m.label}" khác các mục cùng cấp ("${top.block.code}"): đã xếp cùng cấp theo lề`);
      m = { ...m, kind: top.kind };
      block.kind = top.kind;
      idx = stack.length - 1;
    }
    // "1." again, deeper than the open "1." list and after it reached 1 or more: a new list
    // inside the current item rather than a restart of the outer one.
    if (idx >= 0 && idx < stack.length - 1 && m.value === 1 && (stack[idx]!.lastValue ?? 0) >= 1 && (m.family === 'arabic' || m.family === 'letter')) {
      warn(line.n, `"${shortLabel(m)}" đánh số lại từ đầu bên trong mục "${top.block.code ? `${top.block.code} ` : ''}${quote(top.block.text)}": đã xếp làm mục con, kiểm tra lại cấp`);
      m = { ...m, kind: `${m.kind}#${stack.length}` };
      block.kind = m.kind;
      idx = -1;
    }

    if (idx >= 0) {
      const frame = stack[idx]!;
      stack.length = idx + 1;
      checkSequence(frame, m, line.n, warn);
      stack[idx - 1]!.block.children.push(block);
      frame.block = block;
      frame.lastValue = m.value;
      frame.lastLabel = m.label;
      frame.prefix = m.prefix;
      frame.indent = line.indent;
    } else {
      let parentIdx = stack.length - 1;
      const rank = rankOf(m);
      // Rows of a table nest in the order they come: the ranks of a text outline do not hold there.
      if (m.family === 'part') {
        // "PHẦN I", "PHỤ LỤC 1": always at the outermost level.
        let j = stack.length - 1;
        while (j > floor && stack[j]!.rank >= rank) j--;
        parentIdx = j;
      } else if (m.kind === 'caps') {
        // A heading in capitals never belongs to a list item: it goes up to the enclosing heading.
        let j = stack.length - 1;
        while (j > floor && !HEADING_FAMILIES.has(stack[j]!.family)) j--;
        parentIdx = j;
      } else if (line.tableId === undefined && m.family !== 'bullet' && m.family !== 'subject' && m.kind !== 'caps' && m.kind !== 'subhead' && rank < top.rank && m.value !== 1) {
        // A "2." inside a "-" list: the "1." before it was lost. Go back out to where numbers live.
        // (A heading in capitals without a number is placed where it comes, like a bullet.)
        let j = stack.length - 1;
        while (j > floor && stack[j]!.rank >= rank) j--;
        parentIdx = j;
        warn(line.n, `mục "${shortLabel(m)}" không có mục đứng trước cùng cấp (thiếu phần trước?): đã xếp ngang cấp với các mục bên ngoài`);
      } else if (top.block !== root) {
        const parent = top.block;
        const numberedUnderBullet = top.family === 'bullet' && m.family !== 'bullet' && !lastText(parent).trim().endsWith(':');
        if (parent.children.length === 0 && ((!headingLike(parent) && TERMINAL.test(lastText(parent))) || numberedUnderBullet)) {
          warn(line.n, `không rõ cấp của mục "${shortLabel(m)} ${quote(m.rest)}": đã xếp làm mục con của "${parent.code ? `${parent.code} ` : ''}${quote(parent.text)}"`);
        }
      }
      if (m.value !== null && m.value > 1 && parentIdx === stack.length - 1 && m.family !== 'multi' && line.tableId === undefined) {
        warn(line.n, `danh sách bắt đầu từ "${shortLabel(m)}" thay vì mục đầu tiên`);
      }
      stack.length = parentIdx + 1;
      stack[parentIdx]!.block.children.push(block);
      stack.push({ kind: m.kind, family: m.family, rank, block, lastValue: m.value, lastLabel: m.label, prefix: m.prefix, indent: line.indent });
    }
    last = block;
  }
  liftStrayBullets(root.children, notes);
  return { roots: root.children, notes };
}

const FIRST_LEVEL_BULLETS = new Set(['dash', 'bullet', 'star']);

/**
 * "- a;" "• b;" "- c." typed at the same margin: the lone "•" item is a sibling written with
 * another sign, not a sub-item, when the list goes on after it with the first sign.
 */
function liftStrayBullets(blocks: Block[], notes: Note[]) {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const child = b.children[0];
    const next = blocks[i + 1];
    if (
      child &&
      b.children.length === 1 &&
      !child.children.length &&
      FIRST_LEVEL_BULLETS.has(b.kind) &&
      FIRST_LEVEL_BULLETS.has(child.kind) &&
      child.kind !== b.kind &&
      TERMINAL.test(lastText(b)) &&
      next?.kind === b.kind
    ) {
      b.children = [];
      blocks.splice(i + 1, 0, child);
      const at = notes.findIndex((n) => n.line === child.line && n.message.startsWith('không rõ cấp'));
      if (at >= 0) notes.splice(at, 1);
      notes.push({ line: child.line, message: `ký hiệu đầu dòng "${child.code}" khác các mục cùng cấp ("${b.code}"): đã xếp cùng cấp` });
      i++;
      continue;
    }
    liftStrayBullets(b.children, notes);
  }
}

function checkSequence(frame: Frame, m: Marker, line: number, warn: (line: number, message: string) => void) {
  if (m.value === null || frame.lastValue === null) return;
  if (m.family === 'letter' || m.family === 'upper') {
    if (!letterFollows(frame.lastLabel, m.label) && m.label.toLowerCase() !== frame.lastLabel.toLowerCase()) {
      warn(line, `thứ tự chữ cái nhảy từ "${frame.lastLabel})" sang "${m.label})"`);
    } else if (m.label.toLowerCase() === frame.lastLabel.toLowerCase()) {
      warn(line, `chữ cái "${m.label})" lặp lại`);
    }
    return;
  }
  const expected = m.family === 'multi' && m.prefix !== frame.prefix ? 1 : frame.lastValue + 1;
  if (m.value === expected) return;
  const lbl = m.family === 'roman' || m.family === 'multi' ? m.label : String(m.value);
  const prev = m.family === 'multi' || m.family === 'roman' ? frame.lastLabel : String(frame.lastValue);
  if (m.value > expected) warn(line, `đánh số nhảy từ ${prev} sang ${lbl} (thiếu mục?)`);
  else warn(line, `số thứ tự ${lbl} lặp lại hoặc lùi lại sau ${prev}`);
}
