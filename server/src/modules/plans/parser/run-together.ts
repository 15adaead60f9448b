import { DOC_TYPES, QUOC_HIEU, TIEU_NGU } from './header.js';
import { romanValue } from './markers.js';

// Text copied out of a PDF often arrives as one long line: every line break gone, the columns of
// the heading run together, gaps left as runs of spaces. Before the normal parse, such a line is
// cut back into lines where an official document starts one (Nghị định 30/2020): around the
// Quốc hiệu and Tiêu ngữ, "Số: …/…", "…, ngày … tháng … năm …", the document type, the authority
// line; before "Căn cứ …", "Điều N.", "I.", "1.", "a)", "-", "Nơi nhận:", "TM.", "KT.", the
// signer's title and name. A marker counts only where a new line could begin: after a full stop,
// a colon or a semicolon (or a heading in capitals for numbered items), never inside a sentence
// ("điểm a) khoản 1", "Thi đua - Khen thưởng", "Như Điều 2;").

/** A line this long holding three of these (or one, and many items) is a document run together, not a long paragraph. */
const MIN_LENGTH = 1000;
const STRONG = [
  QUOC_HIEU,
  TIEU_NGU,
  /Số\s*[:.]\s*\d*\s*\/\s*\p{Lu}/u,
  /(?:^|\s)Căn\s+cứ\s/u,
  /[.:;]\s+Điều\s+\d{1,3}\s*[.:]\s+\p{Lu}/u,
  /(?:^|\s)I\.\s+\p{Lu}{2,}\S*\s+\p{Lu}{2,}/u,
  /(?:^|\s)II\.\s+\p{Lu}{2,}\S*\s+\p{Lu}{2,}/u,
  /Nơi\s*nhận\s*:/u,
  /(?:TM|KT|TL|TUQ)\.\s+\p{Lu}{2}/u,
];

const isCaps = (word: string) => /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);

/**
 * A Vietnamese syllable in capitals ("MỤC", "ĐÍCH", "NGHĨA"), not an abbreviation ("UBND", "TP",
 * "KH-UBND"): a heading is made of words, a title may hold abbreviations.
 */
function isSyllable(word: string): boolean {
  const w = word
    .replace(/[^\p{L}]/gu, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D');
  return /^(?:NGH|NG|NH|CH|GH|GI|KH|PH|QU|TH|TR|[BCDGHKLMNPQRSTVX])?[AEIOUY]{1,3}(?:NG|NH|CH|[CMNPT])?$/.test(w);
}

const NUMBER = /Số\s*[:.]\s*\d*\s*\/\s*(?:\d{4}\s*\/\s*)?[\p{Lu}\d][\p{L}\d]*(?:\s*[-–]\s*[\p{L}\d]+)*/gu;
// One class per gap ("ngày    tháng 4"), so that a long run of spaces cannot be matched two ways.
const PLACE_DATE = /ngày[\s.…_]*(?:\d{1,2}[\s.…_]*)?tháng[\s.…_]*(?:\d{1,2}\s*)?năm\s*\d{4}|ngày\s*\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}/gu;
const DOC_TYPE = new RegExp(String.raw`(?<![\p{L}])(?:${DOC_TYPES.join('|')})(?![\p{L}])`, 'gu');
const STAMP = /(?<![\p{L}])ĐẾN\s+Số\s*:/u;
const STAMP_FIELD = /(?<![\p{L}])(?:Ngày|Giờ|Chuyển|Lưu\s*hồ\s*sơ(?:\s*số)?|Lưu\s*HS|Người\s*nhận)\s*:/gu;
const PREAMBLE = /(?<=\s|^)(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Thực\s+hiện\s+(?=(?:Luật|Nghị|Quyết|Kế|Chỉ|Thông|Công|Hướng|Chương|Văn)\s))/gu;
const SEPARATOR = /[-_=*]{3,}/gu;

const ARTICLE = /Điều\s+\d{1,3}\s*[.:]\s+(?=\p{Lu})/gu;
const ROMAN = /[IVX]{1,5}\.\s+(?=\p{Lu})/gu;
const ARABIC = /\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s+(?=\p{Lu}|["“(])/gu;
const LETTER = /[a-zđ]\)\s+(?=\S)/gu;
const BULLET = /[-–—+•]\s+(?=[\p{L}"“(])/gu;
const ENACT = /(?<![\p{L}])QUYẾT\s+ĐỊNH\s*:/gu;
const RECIPIENTS = /Nơi\s*nhận\s*:/gu;
const APPENDIX = /(?<![\p{L}])PHỤ\s+LỤC(?![\p{L}])/gu;
const SIGN_AUTHORITY = /(?<![\p{L}])(?:TM|KT|TL|TUQ)\.\s+(?=\p{Lu}{2})/gu;
const POSITION =
  /(?<![\p{L}])(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|HIỆU\s+TRƯỞNG|TRƯỞNG\s+PHÒNG|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG|BÍ\s+THƯ|THỦ\s+TRƯỞNG|CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG)(?![\p{L}])/gu;
const SIGNED = /\(\s*[Đđ]ã\s+ký\s*\)/gu;
const TRAILING_NAME = /(?<=[\p{Lu}.;)]\s+)\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,5}\s*$/u;

/** Whether a line is a whole document run together (see STRONG). */
export function isRunTogether(line: string): boolean {
  if (line.length < MIN_LENGTH) return false;
  // "KẾ HOẠCH", "CHỈ THỊ" in capitals near the start: the heading of a document.
  const typed = new RegExp(DOC_TYPE.source, 'u').exec(line.slice(0, 600)) ? 1 : 0;
  const strong = STRONG.filter((re) => re.test(line)).length + typed;
  return strong >= 3 || (strong >= 1 && bodyCuts(line).length >= 5);
}

/** The last word before `at`, and whether a new line could start at `at` after it. */
function boundary(text: string, at: number, capsHeading: boolean): boolean {
  const before = text.slice(Math.max(0, at - 40), at).trimEnd();
  if (!before) return true;
  // A gap of several spaces is where a line of the PDF ended.
  if (/\S {2,}$/.test(text.slice(Math.max(0, at - 40), at))) return true;
  if (/[.:;!?…"”)]$/u.test(before)) return true;
  if (!capsHeading) return false;
  const word = before.split(/\s+/).pop()!;
  return isCaps(word) && isSyllable(word);
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** Positions where the body's items begin. */
function bodyCuts(text: string): number[] {
  const cuts: number[] = [];
  for (const m of matches(ARTICLE, text)) if (boundary(text, m.index, true)) cuts.push(m.index);
  for (const m of matches(ROMAN, text)) {
    const numeral = m[0].slice(0, m[0].indexOf('.'));
    if (romanValue(numeral) === null || /\p{L}/u.test(text[m.index - 1] ?? '')) continue;
    // "… thực hiện I. MỤC ĐÍCH, YÊU CẦU": a heading in capitals needs no full stop before it.
    const heading = text
      .slice(m.index + m[0].length, m.index + m[0].length + 60)
      .split(/\s+/)
      .slice(0, 2);
    if (boundary(text, m.index, true) || (heading.length === 2 && heading.every((w) => isCaps(w) && isSyllable(w)))) cuts.push(m.index);
  }
  for (const m of matches(ARABIC, text)) if (!/[\p{L}\d/.,]/u.test(text[m.index - 1] ?? '') && boundary(text, m.index, true)) cuts.push(m.index);
  for (const m of matches(LETTER, text)) if (!/[\p{L}\d]/u.test(text[m.index - 1] ?? '') && boundary(text, m.index, false)) cuts.push(m.index);
  for (const m of matches(BULLET, text)) if (boundary(text, m.index, false)) cuts.push(m.index);
  for (const re of [ENACT, RECIPIENTS, APPENDIX, SIGN_AUTHORITY]) for (const m of matches(re, text)) cuts.push(m.index);
  return cuts;
}

/**
 * Where a run of words in capitals begins and ends inside a piece of the heading: "… năm 2026 CHỦ
 * TỊCH ỦY BAN NHÂN DÂN HUYỆN X" (the authority under a title). A run needs two real words.
 */
function capsRuns(piece: string): number[] {
  const cuts: number[] = [];
  let runStart = -1;
  let syllables = 0;
  const close = (at: number, nextMixed: boolean) => {
    if (runStart >= 0 && syllables >= 2) {
      if (runStart > 0) cuts.push(runStart);
      if (nextMixed) cuts.push(at);
    }
    runStart = -1;
    syllables = 0;
  };
  for (const w of piece.matchAll(/\S+/gu)) {
    const word = w[0];
    if (!/\p{L}/u.test(word)) continue;
    if (isCaps(word)) {
      if (runStart < 0) runStart = w.index;
      if (isSyllable(word)) syllables++;
    } else {
      close(w.index, true);
    }
  }
  close(piece.length, false);
  return cuts;
}

function cutAt(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const c of [...at, text.length]) {
    const piece = text.slice(from, c).trim();
    if (piece) pieces.push(piece);
    from = c;
  }
  return pieces;
}

/**
 * The heading block (Quốc hiệu, Tiêu ngữ, number, place and date, document type, title) up to the
 * preamble, then the preamble's lines ("Căn cứ …;", "Theo đề nghị …").
 */
function headingCuts(all: string): number[] {
  const cuts: number[] = [];
  const preamble = [...matches(PREAMBLE, all)].map((m) => m.index);
  for (const at of preamble) cuts.push(at);
  const text = all.slice(0, preamble[0] ?? all.length);
  for (const re of [QUOC_HIEU, TIEU_NGU]) {
    const m = new RegExp(re.source, `${re.flags.replace('g', '')}g`).exec(text);
    if (m) cuts.push(m.index, m.index + m[0].length);
  }
  const number = matches(NUMBER, text).next();
  if (!number.done) cuts.push(number.value.index, number.value.index + number.value[0].length);
  const date = matches(PLACE_DATE, text).next();
  if (!date.done) cuts.push(date.value.index + date.value[0].length);
  for (const m of matches(SEPARATOR, text)) cuts.push(m.index, m.index + m[0].length);
  for (const m of matches(DOC_TYPE, text)) {
    const after = text.slice(m.index + m[0].length).trimStart();
    // "KẾ HOẠCH Tổ chức …": the type stands on its line; "KẾ HOẠCH THI ĐUA NĂM 2026" is the title itself.
    cuts.push(m.index);
    if (/^\S*\p{Ll}/u.test(after)) cuts.push(m.index + m[0].length);
  }
  // The receiver's stamp ("ĐẾN Số: 1243 Ngày: 17/9/19 Chuyển: …"), one field a line as the heading reader knows it.
  const stamp = STAMP.exec(text);
  if (stamp) {
    cuts.push(stamp.index);
    for (const m of matches(STAMP_FIELD, text.slice(stamp.index))) cuts.push(stamp.index + m.index);
  }
  return cuts;
}

/** The end: recipients, the signing authority, the signer's title, "(Đã ký)", the name. */
function footerCuts(piece: string): number[] {
  const cuts: number[] = [];
  for (const m of matches(POSITION, piece)) {
    const before = piece.slice(0, m.index).trimEnd();
    if (!/(?:^|\s)(?:TM|KT|TL|TUQ)\.$|PHÓ$/u.test(before)) cuts.push(m.index);
  }
  for (const m of matches(SIGNED, piece)) cuts.push(m.index, m.index + m[0].length);
  // "TM. ỦY BAN NHÂN DÂN - Như Điều 3;": the recipients' column interleaved with the signature.
  for (const m of matches(BULLET, piece)) if (boundary(piece, m.index, true)) cuts.push(m.index);
  const name = TRAILING_NAME.exec(piece);
  if (name) cuts.push(name.index);
  return cuts;
}

/** The lines of a document run together on one line (see isRunTogether). */
export function splitRunTogether(line: string): string[] {
  const text = line.replace(/\s+$/u, '');
  const body = bodyCuts(text);
  // The heading and the preamble ("Căn cứ …") come before the first item of the body.
  const firstItem = Math.min(...body.filter((c) => c > 0), text.length);
  const pieces: { text: string; at: number }[] = [];
  const headCuts = headingCuts(text.slice(0, firstItem));
  let from = 0;
  for (const piece of cutAt(text, [...body, ...headCuts])) {
    const at = text.indexOf(piece, from);
    from = at + piece.length;
    pieces.push({ text: piece, at });
  }
  const footerStart = pieces.findIndex((p) => /^(?:Nơi\s*nhận\s*:|(?:TM|KT|TL|TUQ)\.\s)/u.test(p.text));
  const out: string[] = [];
  pieces.forEach((p, i) => {
    if (p.at < firstItem) {
      // In the heading, capitals end where the issuer, the title or the authority ends.
      out.push(...cutAt(p.text, capsRuns(p.text)));
    } else if (footerStart >= 0 && i >= footerStart && !/^PHỤ\s+LỤC/u.test(p.text)) {
      out.push(...cutAt(p.text, footerCuts(p.text)));
    } else {
      // "I. MỤC ĐÍCH, YÊU CẦU Nâng cao …": the heading of a numbered item, then its first paragraph.
      const marker = /^(?:Điều\s+\d{1,3}|[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3})[.)]\s+/u.exec(p.text);
      if (!marker) {
        out.push(p.text);
        return;
      }
      const rest = p.text.slice(marker[0].length);
      // Words in capitals (each checked by a look-ahead, so that no word can be split two ways).
      const heading = /^(?:(?=[^\s\p{Ll}]*\p{Lu})[^\s\p{Ll}]+\s+){2,}(?=\S*\p{Ll})/u.exec(rest);
      if (heading && heading[0].split(/\s+/).filter(isSyllable).length >= 2) out.push(p.text.slice(0, marker[0].length + heading[0].length).trim(), rest.slice(heading[0].length).trim());
      else out.push(p.text);
    }
  });
  return out;
}
