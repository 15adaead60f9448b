import { letterFollows } from './markers.js';
import type { Block, Note } from './outline.js';

// Lists written inside one paragraph: "Tiêu chí gồm: a) Chấp hành tốt…; b) Hoàn thành…; c) …".
// A run of at least two markers in order ("a)", "b)"… or "1)", "2)"…) becomes items; a lone
// "a)" or a legal reference ("điểm a) khoản 1") does not.

const CANDIDATE = /(^|[\s:;,.])\(?([a-zđ]|\d{1,2})\)\s+/gu;
const REFERENCE = /(?:điểm|khoản|mục|tiết|Điều|tại)\s*\(?$/iu;

interface Candidate {
  label: string;
  at: number;
  end: number;
}

function follows(prev: string, next: string): boolean {
  if (/^\d+$/.test(prev) && /^\d+$/.test(next)) return Number(next) === Number(prev) + 1;
  if (/^[a-zđ]$/.test(prev) && /^[a-zđ]$/.test(next)) return letterFollows(prev, next);
  return false;
}

/** The longest run of consecutive inline markers; `after` is the label the run must continue. */
export function findInlineList(text: string, after?: string): { head: string; items: { label: string; text: string }[] } | null {
  // An inline list is a paragraph's worth of text; a whole document on one line is not one.
  if (text.length > 10_000) return null;
  const cands: Candidate[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const at = m.index + m[1]!.length;
    if (REFERENCE.test(text.slice(0, at))) continue;
    cands.push({ label: m[2]!, at, end: m.index + m[0].length });
    CANDIDATE.lastIndex = m.index + m[0].length - 1;
  }
  let best: Candidate[] = [];
  for (let i = 0; i < cands.length; i++) {
    const first = cands[i]!;
    const starts = after ? follows(after, first.label) : first.label === 'a' || first.label === '1';
    if (!starts) continue;
    const chain = [first];
    for (let j = i + 1; j < cands.length; j++) {
      if (follows(chain[chain.length - 1]!.label, cands[j]!.label)) chain.push(cands[j]!);
    }
    if (chain.length > best.length) best = chain;
  }
  if (best.length < (after ? 1 : 2)) return null;
  const items = best.map((c, i) => ({
    label: c.label,
    text: text
      .slice(c.end, best[i + 1]?.at ?? text.length)
      .trim()
      .replace(/[;,]\s*(?:và|hoặc)?\s*$/u, '')
      .trim(),
  }));
  return { head: text.slice(0, best[0]!.at).trim(), items };
}

/** Splits inline lists into items, in place, everywhere except inside tables. */
export function splitInlineLists(blocks: Block[], notes: Note[]): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.children.length) {
      splitInlineLists(b.children, notes);
      continue;
    }
    if (b.fromTable || b.body.length) continue;
    const family = b.family === 'letter' ? 'letter' : b.family === 'arabic' ? 'arabic' : null;
    // "a) X; b) Y" on one line: b) is a sibling of a).
    if (family && b.code) {
      const sib = findInlineList(b.text, b.code);
      if (sib && sib.head && /[;,.]$/.test(sib.head)) {
        b.text = sib.head.replace(/[;,]\s*$/, '');
        const siblings: Block[] = sib.items.map((it) => ({ ...b, code: it.label, text: it.text, body: [], children: [] }));
        blocks.splice(i + 1, 0, ...siblings);
        notes.push({ line: b.line, message: `tách ${siblings.length + 1} mục viết liền trên một dòng (${b.code}), ${siblings.map((s) => `${s.code})`).join(', ')})` });
        i += siblings.length;
        continue;
      }
    }
    const list = findInlineList(b.text);
    if (!list) continue;
    b.text = list.head;
    b.children = list.items.map((it) => ({
      code: it.label,
      kind: /^\d/.test(it.label) ? 'arabic)' : 'letter)',
      family: /^\d/.test(it.label) ? 'arabic' : 'letter',
      text: it.text,
      line: b.line,
      body: [],
      children: [],
    }));
    notes.push({ line: b.line, message: `tách danh sách viết liền trong đoạn thành ${list.items.length} mục (${list.items.map((it) => `${it.label})`).join(', ')})` });
  }
}
