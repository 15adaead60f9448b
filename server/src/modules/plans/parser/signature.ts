import { squash } from './normalize.js';
import type { SourceLine } from './plan-types.js';

// The end of an official document (Nghị định 30/2020): "Nơi nhận" with its list in the left
// column, the signature in the right one — the authority ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"),
// the signer's title ("PHÓ CHỦ TỊCH"), room for the pen and the seal, then the signer's name
// (người ký). Copies flatten the two columns in either order.

const POSITION = String.raw`(?:PHÓ\s+)?(?:CHỦ\s*TỊCH|GIÁM\s*ĐỐC|HIỆU\s*TRƯỞNG|TRƯỞNG\s*PHÒNG|TRƯỞNG\s*BAN|CHÁNH\s*VĂN\s*PHÒNG|BÍ\s*THƯ|THỦ\s*TRƯỞNG|TỔNG\s*GIÁM\s*ĐỐC|CỤC\s*TRƯỞNG|VỤ\s*TRƯỞNG|CHỦ\s*TỊCH\s*CÔNG\s*ĐOÀN)`;
const AUTHORITY = /^(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}/u;
const TITLE_LINE = new RegExp(String.raw`^${POSITION}$`, 'u');

/** Where the body ends: "Nơi nhận", the signing authority or the signer's title on a line of its own. */
export const FOOTER = new RegExp(String.raw`^(?:Nơi\s*nhận\s*:?|(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}|${POSITION}$)`, 'u');

// "(Đã ký)", "(Ký, ghi rõ họ tên)", "Đã ký và đóng dấu": printed where the pen goes.
const SIGNED = /^\(?\s*(?:đã\s+)?ký(?:\s+tên)?(?:\s*(?:,|và)\s*(?:ghi\s*rõ\s*họ\s*tên|đóng\s*dấu))*\s*\)?$/iu;
const SIGNED_PREFIX = /^\(?\s*đã\s+ký\s*\)?\s*/iu;

// A name written in capitals is taken only after a common family name, so that a title is not.
const SURNAMES = new Set(
  'NGUYỄN TRẦN LÊ PHẠM HOÀNG HUỲNH PHAN VŨ VÕ ĐẶNG BÙI ĐỖ HỒ NGÔ DƯƠNG LÝ ĐINH TRƯƠNG LÂM MAI ĐOÀN ĐÀO CAO LƯƠNG HÀ TẠ TRỊNH CHÂU TÔN THÁI KIỀU QUÁCH LƯU TÔ VƯƠNG TỪ LA HỨA TRIỆU KHỔNG NÔNG LỤC THÂN PHÙNG CHU DIỆP VIÊN LẠI'.split(' '),
);
const TITLE_CASE_WORD = /^\p{Lu}(?:\p{Ll}+|['’]\p{Lu}?\p{Ll}+)?$/u;
const UPPER_WORD = /^\p{Lu}+$/u;

/** The signer's name a line holds, or null: "Nguyễn Văn An", "NGUYỄN VĂN AN", "PHÓ CHỦ TỊCH Nguyễn Văn An". */
function nameIn(raw: string): string | null {
  let t = squash(raw.replace(/[*_"“”]/g, ' ')).replace(SIGNED_PREFIX, '');
  // A title and the name run together on one line.
  const lead = /^(?:(?:TM|KT|TL|TUQ|Q)\.\s*)?(?:\p{Lu}{2,}\s+)+(?=\p{Lu}\p{Ll})/u.exec(t);
  if (lead) t = t.slice(lead[0].length);
  if (t.length > 50) return null;
  const words = t.split(' ');
  if (words.length < 2 || words.length > 6) return null;
  if (words.every((w) => TITLE_CASE_WORD.test(w))) return t;
  if (words.every((w) => UPPER_WORD.test(w)) && SURNAMES.has(words[0]!)) return t;
  return null;
}

/**
 * The signer's name in the lines from the first footer line to the end (or the appendix): the first
 * name after the authority or title, or, when no title survived the copy, a name closing the document.
 */
export function readSigner(lines: SourceLine[]): string | null {
  let titled = false;
  let last: string | null = null;
  for (const l of lines) {
    const t = squash(l.text);
    if (!t || SIGNED.test(t)) continue;
    if (AUTHORITY.test(t) || TITLE_LINE.test(t)) {
      titled = true;
      const inline = /\p{Ll}/u.test(t) ? nameIn(t) : null;
      if (inline) return inline;
      continue;
    }
    const name = nameIn(t);
    if (name && titled) return name;
    last = name;
  }
  return titled ? null : last;
}
