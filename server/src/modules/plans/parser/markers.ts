// Recognising the marker that opens an item of a Vietnamese administrative outline:
// "I.", "1.", "1.1.", "a)", "a/", "(1)", "-", "–", "•", "+", with or without spaces around.
// Which level a marker stands for is decided later, from the document's own order.

import { isUpperLine } from './normalize.js';

export type Family = 'part' | 'upper' | 'roman' | 'article' | 'multi' | 'arabic' | 'letter' | 'subject' | 'bullet' | 'heading';

export interface Marker {
  family: Family;
  /** Markers of the same kind are siblings when they meet: "a)" and "a." are different kinds. */
  kind: string;
  /** The label without punctuation: "II", "1", "1.2", "a", "-", "+", "•". */
  label: string;
  /** The position in its sequence (I = 1, c = 3); null for bullets. */
  value: number | null;
  /** "1.2" of "1.2.3": the parent's number in a multi-level label. */
  prefix?: string;
  /** The text after the marker. */
  rest: string;
  /** An upper-case letter that is also a Roman numeral (I, V, X): the outline decides which. */
  alsoLetter?: boolean;
}

// Vietnamese alphabetical lists skip f, j, w, z and keep đ; Word's automatic lists use the Latin
// alphabet. Both orders are accepted.
const VI_LETTERS = 'abcdđeghiklmnopqrstuvxy';
const LATIN_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function letterValue(ch: string): number {
  const c = ch.toLowerCase();
  const vi = VI_LETTERS.indexOf(c);
  return vi >= 0 ? vi + 1 : LATIN_LETTERS.indexOf(c) + 1;
}

/** Whether `next` follows `prev` in either alphabet. */
export function letterFollows(prev: string, next: string): boolean {
  const p = prev.toLowerCase();
  const n = next.toLowerCase();
  const vi = VI_LETTERS.indexOf(p);
  const la = LATIN_LETTERS.indexOf(p);
  return (vi >= 0 && VI_LETTERS[vi + 1] === n) || (la >= 0 && LATIN_LETTERS[la + 1] === n);
}

const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;

export function romanValue(s: string): number | null {
  if (!s || !ROMAN.test(s)) return null;
  const map: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = map[s[i]!]!;
    const next = map[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

const ORDINALS: Record<string, number> = { nhất: 1, một: 1, hai: 2, ba: 3, tư: 4, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };

export const RANK: Record<Family, number> = {
  part: -2,
  upper: -1,
  roman: 0,
  heading: 0,
  article: 0.5,
  multi: 1,
  arabic: 1,
  letter: 2,
  subject: 2.5,
  bullet: 3,
};

/** The rank of a kind: lower is further out. Equal ranks nest in the order the document uses them. */
export function rankOf(m: Pick<Marker, 'family' | 'kind'>): number {
  if (m.family === 'multi') return 1 + 0.1 * (Number(/multi(\d)/.exec(m.kind)?.[1] ?? 2) - 1);
  if (m.family === 'heading') return m.kind === 'caps' ? 0 : Number(/h(\d)/.exec(m.kind)?.[1] ?? 1) - 1;
  return RANK[m.family];
}

// Lower-case only: "1. Năm 2019: …" is an item, "1. năm" hardly ever is.
const UNIT_AFTER_NUMBER = /^(?:điểm|đ(?![\p{L}])|%|triệu|nghìn|ngàn|đồng|lần|năm|tháng|ngày|người|giờ)/u;
const SEPARATOR = /^[-–—_=.·*~\s]{3,}$/u;
const BULLETS = /^([•·●○◦▪■□♦❖➢➤►✓✔▫◆◇→⇒\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0e0\uf0a8])\s*(.*)$/su;

/** The marker at the start of a (trimmed) line, or null. Pure: it does not know the context. */
export function detectMarker(line: string): Marker | null {
  const t = line.trim();
  if (!t || SEPARATOR.test(t)) return null;
  let m: RegExpExecArray | null;

  if ((m = /^(PHẦN|Phần|CHƯƠNG|Chương)\s+(thứ\s+\p{L}+|[IVX]{1,6}|\d{1,2})(?!\p{L})\s*[.:\-–]?\s*(.*)$/su.exec(t))) {
    const word = m[1]!.toLowerCase();
    const num = m[2]!;
    const value = /^\d+$/.test(num) ? Number(num) : (romanValue(num) ?? ORDINALS[num.replace(/^thứ\s+/iu, '').toLowerCase()] ?? null);
    return { family: 'part', kind: `part-${word}`, label: `${m[1]} ${num}`, value, rest: m[3]! };
  }
  // "PHỤ LỤC 1", "Phụ lục số 02", "PHỤ LỤC": an appendix stands outside every section.
  if ((m = /^(PHỤ\s*LỤC|Phụ\s*lục)(?:\s+(?:số\s+)?([IVX]{1,6}|\d{1,2}))?(?![\p{L}\d])\s*[.:\-–]?\s*(.*)$/su.exec(t))) {
    const num = m[2] ?? '';
    return { family: 'part', kind: 'part-phụ lục', label: `${m[1]}${num ? ` ${num}` : ''}`, value: /^\d+$/.test(num) ? Number(num) : (romanValue(num) ?? 1), rest: m[3]! };
  }
  // "Tiêu chí 1:", "Tiêu chuẩn 2.", "Nhóm tiêu chí III –": scoring sheets head each group so.
  if ((m = /^(?:Nhóm\s+tiêu\s+chí|Tiêu\s+chí|Tiêu\s+chuẩn|TIÊU\s+CHÍ|TIÊU\s+CHUẨN)\s+(?:số\s+)?(\d{1,2}|[IVX]{1,6})(?![\p{L}\d])\s*[.:\-–)]\s*(.*)$/su.exec(t))) {
    const num = m[1]!;
    const value = /^\d+$/.test(num) ? Number(num) : romanValue(num);
    if (value !== null) return { family: 'article', kind: 'article-criterion', label: /^\d+$/.test(num) ? num : String(value), value, rest: m[2]! };
  }
  if ((m = /^Điều\s+(\d{1,3})\s*[.:]\s*(.*)$/su.exec(t))) {
    return { family: 'article', kind: 'article', label: `Điều ${m[1]}`, value: Number(m[1]), rest: m[2]! };
  }
  if ((m = /^(\d{1,2}(?:\.\d{1,2}){1,3})(?:\.|\))?(?:\s+|(?=[\p{Lu}"“(]))(.*)$/su.exec(t))) {
    const rest = m[2]!;
    if (!UNIT_AFTER_NUMBER.test(rest)) {
      const parts = m[1]!.split('.');
      return {
        family: 'multi',
        kind: `multi${parts.length}`,
        label: m[1]!,
        value: Number(parts[parts.length - 1]),
        prefix: parts.slice(0, -1).join('.'),
        rest,
      };
    }
  }
  if ((m = /^([IVX]{1,6})\s*([.\-–):])\s*(.*)$/su.exec(t))) {
    const value = romanValue(m[1]!);
    if (value !== null && value <= 39) {
      return { family: 'roman', kind: 'roman', label: m[1]!, value, rest: m[3]!, alsoLetter: m[1]!.length === 1 };
    }
  }
  // "II MỤC ĐÍCH": a Roman numeral that lost its dot, before a heading in capitals.
  if ((m = /^([IVX]{1,6})\s+(\p{Lu}.*)$/su.exec(t)) && isUpperLine(m[2]!)) {
    const value = romanValue(m[1]!);
    if (value !== null && value <= 39) return { family: 'roman', kind: 'roman', label: m[1]!, value, rest: m[2]!, alsoLetter: m[1]!.length === 1 };
  }
  if ((m = /^([A-ZĐ])\s*([.)\/])\s+(.*)$/su.exec(t))) {
    return { family: 'upper', kind: `upper${m[2]}`, label: m[1]!, value: letterValue(m[1]!), rest: m[3]! };
  }
  if ((m = /^\((\d{1,2})\)\s*(.*)$/su.exec(t))) {
    return { family: 'arabic', kind: 'arabic()', label: m[1]!, value: Number(m[1]), rest: m[2]! };
  }
  if ((m = /^(\d{1,2})\s*([.)\/\-–])(?![\d.])\s*(.*)$/su.exec(t))) {
    const rest = m[3]!;
    // "1 - 2 lần", "5. điểm": a number, not a list item.
    if (!UNIT_AFTER_NUMBER.test(rest) && !(m[2] !== '.' && m[2] !== ')' && m[2] !== '/' && /^\d/.test(rest))) {
      const style = m[2] === '–' ? '-' : m[2]!;
      return { family: 'arabic', kind: `arabic${style}`, label: m[1]!, value: Number(m[1]), rest };
    }
  }
  if ((m = /^\(([a-zđ])\)\s*(.*)$/su.exec(t))) {
    return { family: 'letter', kind: 'letter()', label: m[1]!, value: letterValue(m[1]!), rest: m[2]! };
  }
  if ((m = /^([a-zđ])\s*([)\/])\s*(.*)$/su.exec(t)) || (m = /^([a-zđ])(\.)\s+(.*)$/su.exec(t))) {
    return { family: 'letter', kind: `letter${m[2]}`, label: m[1]!, value: letterValue(m[1]!), rest: m[3]! };
  }
  if ((m = /^([-–—−‐‑]{1,2})\s*(.*)$/su.exec(t))) {
    return { family: 'bullet', kind: 'dash', label: '-', value: null, rest: m[2]! };
  }
  if ((m = /^\+\s*(.*)$/su.exec(t))) {
    return { family: 'bullet', kind: 'plus', label: '+', value: null, rest: m[1]! };
  }
  if ((m = BULLETS.exec(t))) {
    return { family: 'bullet', kind: 'bullet', label: '•', value: null, rest: m[2]! };
  }
  if ((m = /^\*\s*(.*)$/su.exec(t)) && !m[1]!.endsWith('*')) {
    return { family: 'bullet', kind: 'star', label: '*', value: null, rest: m[1]! };
  }
  return null;
}

/** A marker from a label the file gives beside the text (Word numbering, a STT column). */
export function markerFromLabel(label: string, text: string): Marker | null {
  const l = label.trim();
  if (!l) return null;
  // Word's bullets are symbols from Symbol/Wingdings: any of them reads as "•", a dash stays a dash.
  if (/^[-–—−]$/.test(l)) return { family: 'bullet', kind: 'dash', label: '-', value: null, rest: text };
  if (l === '+') return { family: 'bullet', kind: 'plus', label: '+', value: null, rest: text };
  if (/^\d{1,3}$/.test(l)) return { family: 'arabic', kind: 'arabic.', label: l, value: Number(l), rest: text };
  if (/^[a-zđ]$/.test(l)) return { family: 'letter', kind: 'letter)', label: l, value: letterValue(l), rest: text };
  const withText = detectMarker(`${l}${/[.):/]$/.test(l) ? '' : '.'} ${text}`);
  if (withText && withText.rest === text) return withText;
  if (!/[\p{L}\d]/u.test(l)) return { family: 'bullet', kind: 'bullet', label: '•', value: null, rest: text };
  return null;
}
