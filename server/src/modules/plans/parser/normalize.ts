// Text clean-up shared by every reader: Unicode form, odd spaces, and a short list of
// character-recognition slips seen in real scanned plans. Each fix is reported, never silent.

/** NFC (Vietnamese from macOS or PDF extractors often arrives decomposed), plain spaces, no control characters. */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u200b-\u200d\ufeff\u00ad]/g, '')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]+$/g, '');
}

/** Collapses inner whitespace (tabs included) to one space and trims. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

interface OcrFix {
  pattern: RegExp;
  replace: string;
  /** What the warning shows as the wrong and the right form. */
  from: string;
  to: string;
}

// Only slips whose right form is certain from the context: a wrong fix would be worse than none.
const OCR_FIXES: OcrFix[] = [
  { pattern: /(?<!\p{L})BỐI TƯỢNG(?!\p{L})/gu, replace: 'ĐỐI TƯỢNG', from: 'BỐI TƯỢNG', to: 'ĐỐI TƯỢNG' },
  { pattern: /(?<!\p{L})Cúm(?=,?\s+(?:khối|Khối|thi đua))/gu, replace: 'Cụm', from: 'Cúm', to: 'Cụm' },
  { pattern: /(Huân chương[^,.;]{1,40}?\s)hàng (Nhất|Nhì|Ba)(?!\p{L})/gu, replace: '$1hạng $2', from: 'hàng', to: 'hạng' },
  { pattern: /(^|[\s(])Tô chức(?!\p{L})/gu, replace: '$1Tổ chức', from: 'Tô chức', to: 'Tổ chức' },
];

/** Applies the known recognition fixes; returns the text and one note per fix made. */
export function fixOcr(text: string): { text: string; notes: string[] } {
  let out = text;
  const notes: string[] = [];
  for (const f of OCR_FIXES) {
    f.pattern.lastIndex = 0;
    if (!f.pattern.test(out)) continue;
    f.pattern.lastIndex = 0;
    out = out.replace(f.pattern, f.replace);
    notes.push(`đã sửa "${f.from}" thành "${f.to}" (lỗi nhận dạng chữ?)`);
  }
  return { text: out, notes };
}

const LETTER = /\p{L}/u;

/** Share of upper-case among the letters: headings and agency names are written in capitals. */
export function upperRatio(s: string): number {
  let letters = 0;
  let upper = 0;
  for (const ch of s) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (ch === ch.toUpperCase() && ch !== ch.toLowerCase()) upper++;
  }
  return letters ? upper / letters : 0;
}

export function isUpperLine(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && upperRatio(s) > 0.85;
}

/** The first letter of the text is lower-case: a line that continues the previous one. */
export function startsLower(s: string): boolean {
  const m = /\p{L}/u.exec(s);
  if (!m) return false;
  const ch = m[0];
  // Only when the letter comes first (after spaces): "(a)" or "“Cán" are not continuations by themselves.
  return s.trimStart()[0] === ch && ch === ch.toLowerCase() && ch !== ch.toUpperCase();
}

export function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Lower-case without diacritics, for matching words whatever the typing (Đắk Lắk / Đăk Lăk, HOÀ / HÒA). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
