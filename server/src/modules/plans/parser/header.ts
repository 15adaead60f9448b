import { detectMarker } from './markers.js';
import { capitalise, isUpperLine, squash, startsLower } from './normalize.js';
import type { Note } from './outline.js';
import type { SourceLine } from './plan-types.js';

// The heading block of an official document (Nghị định 30/2020): issuer top left, Quốc hiệu and
// Tiêu ngữ top right, "Số: 6344/KH-UBND" and "Nha Trang, ngày 08 tháng 8 năm 2019" below them,
// then the document type ("KẾ HOẠCH") and its title. Scans add a received stamp
// ("ĐẾN Số: 1243 Ngày: 17/9/19 Chuyển: …") whose number is the receiver's, not the plan's.

export interface Header {
  number: string | null;
  code: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string | null;
  documentType: string | null;
  /** Index in the lines of the first line of the body. */
  bodyStart: number;
  /** Lines (by index) that belong to the heading or to a stamp and must not reach the body. */
  consumed: Set<number>;
  notes: Note[];
}

export const DOC_TYPES = [
  'KẾ HOẠCH',
  'CHỈ THỊ',
  'HƯỚNG DẪN',
  'QUYẾT ĐỊNH',
  'THÔNG BÁO',
  'BÁO CÁO',
  'CHƯƠNG TRÌNH',
  'PHƯƠNG ÁN',
  'QUY CHẾ',
  'QUY ĐỊNH',
  'ĐỀ ÁN',
  'NGHỊ QUYẾT',
  'TỜ TRÌNH',
  'CÔNG VĂN',
  'GIAO ƯỚC THI ĐUA',
  'BẢN ĐĂNG KÝ',
  'BẢNG TIÊU CHÍ',
  'BẢNG CHẤM ĐIỂM',
  'TIÊU CHÍ',
];
const DOC_TYPE = new RegExp(`^(${DOC_TYPES.join('|')})(?![\\p{L}])\\s*(.*)$`, 'u');
export const QUOC_HIEU = /CỘNG\s*H(?:OÀ|ÒA)\s*XÃ\s*HỘI\s*CHỦ\s*NGHĨA\s*VIỆT\s*NAM/iu;
export const TIEU_NGU = /Độc\s*lập\s*[-–—]\s*Tự\s*do\s*[-–—]\s*Hạnh\s*phúc/iu;
const PARTY = /^ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM$/u;
const SEPARATOR = /^[-–—_=.*~\s]{2,}$/u;
const MARKS = /^(?:MẬT|TỐI MẬT|KHẨN|THƯỢNG KHẨN|HỎA TỐC|HOẢ TỐC|DỰ THẢO)$/u;
const NUMBER = /^Số\s*[:.]?\s*(\d*)\s*\/\s*(?:(\d{4})\s*\/\s*)?([\p{Lu}\d][\p{L}\d]*(?:\s*[-–]\s*[\p{L}\d]+)*)/u;
const PLAIN_NUMBER = /^Số\s*[:.]?\s*\d+\s*$/u;
const PLACE_DATE = /^(?:(.{2,60}?)\s*,\s*)?ngày\s*(\d{1,2}|[.…_\s]*)\s*tháng\s*(\d{1,2}|[.…_\s]*)\s*năm\s*(\d{4})/iu;
const PLACE_DATE_SLASH = /^(?:(.{2,60}?)\s*,\s*)?ngày\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/iu;
const STAMP_HEAD = /^(?:CÔNG\s+VĂN\s+)?ĐẾN$/u;
const STAMP_FIELD = /^(?:Số|Ngày|Giờ|Chuyển|Lưu\s*hồ\s*sơ(?:\s*số)?|Lưu\s*HS|Người\s*nhận)\s*[:.]/iu;
// The authority that issues a decision, in capitals under its title (Nghị định 30/2020, mẫu 1.4).
const AUTHORITY_LINE =
  /^(?:(?:PHÓ\s+)?(?:CHỦ\s*TỊCH|GIÁM\s*ĐỐC|BỘ\s*TRƯỞNG|HIỆU\s*TRƯỞNG|TRƯỞNG\s*(?:PHÒNG|BAN)|CỤC\s*TRƯỞNG|TỔNG\s*CỤC\s*TRƯỞNG|THỦ\s*TRƯỞNG)|(?:ỦY|UỶ)\s*BAN\s*NHÂN\s*DÂN|BAN\s*(?:CHẤP\s*HÀNH|THƯỜNG\s*VỤ)|HỘI\s*ĐỒNG)\s/u;
const PREAMBLE = /^(?:Thực hiện|Căn cứ|Để|Nhằm|Năm \d{4}|Trong|Theo|Thi hành|Hưởng ứng|Tiếp tục|Qua|Sau|Nhằm)(?![\p{L}])/u;

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Part {
  text: string;
  index: number;
  n: number;
}

/** A heading line may hold two columns separated by tabs or wide spaces: read them apart. */
function splitColumns(line: SourceLine, index: number): Part[] {
  const pieces: string[] = [];
  for (const piece of line.text.split(/\t+| {4,}/).map((t) => squash(t))) {
    if (!piece) continue;
    const prev = pieces[pieces.length - 1];
    // Blanks left for the number and the day ("Số:    /KH-UBND", "ngày    tháng 4") are not columns.
    if (prev !== undefined && (/(?:Số\s*:?|ngày|tháng|năm)$/iu.test(prev) || /^(?:\/|tháng|năm)/iu.test(piece))) pieces[pieces.length - 1] = `${prev} ${piece}`;
    else pieces.push(piece);
  }
  return pieces.map((text) => ({ text, index, n: line.n }));
}

/**
 * Text taken from a PDF often runs the two heading columns together with a single space:
 * "UBND TỈNH KHÁNH HÒA CỘNG HÒA XÃ HỘI…", "Số: 12/KH-UBND Khánh Hòa, ngày 5 tháng 3 năm 2024".
 */
function splitMerged(p: Part): Part[] {
  for (const re of [QUOC_HIEU, TIEU_NGU]) {
    const m = re.exec(p.text);
    if (m && m.index > 0) return [{ ...p, text: p.text.slice(0, m.index).trim() }, ...splitMerged({ ...p, text: p.text.slice(m.index) })];
  }
  const num = NUMBER.exec(p.text);
  if (num) {
    const rest = p.text.slice(num[0].length).trim();
    if (rest && /ngày\s*[\d.…_\s]*(?:tháng|\/)/iu.test(rest)) return [{ ...p, text: num[0] }, { ...p, text: rest }];
  }
  return [p];
}

export function readHeader(lines: SourceLine[]): Header {
  const notes: Note[] = [];
  const consumed = new Set<number>();
  const limit = Math.min(lines.length, 60);

  let typeIndex = -1;
  let typeRest = '';
  let documentType: string | null = null;
  for (let i = 0; i < limit; i++) {
    const m = DOC_TYPE.exec(squash(lines[i]!.text));
    if (!m) continue;
    // "KẾ HOẠCH" alone, or a heading line in capitals that starts with it.
    if (m[2] && !isUpperLine(m[2]) && !/^[:\-–]/.test(m[2])) continue;
    typeIndex = i;
    documentType = capitalise(m[1]!.toLowerCase());
    // "KẾ HOẠCH THI ĐUA NĂM 2024" on one line is the title itself.
    typeRest = m[2] ? squash(lines[i]!.text) : '';
    break;
  }

  // Without a document type the heading ends where the outline starts.
  let zoneEnd = typeIndex;
  if (zoneEnd < 0) {
    zoneEnd = 0;
    for (let i = 0; i < Math.min(lines.length, 15); i++) {
      const t = squash(lines[i]!.text);
      if (detectMarker(t) || t.length > 200 || lines[i]!.headingLevel || lines[i]!.tableId !== undefined) break;
      if (!(QUOC_HIEU.test(t) || TIEU_NGU.test(t) || SEPARATOR.test(t) || NUMBER.test(t) || PLACE_DATE.test(t) || STAMP_HEAD.test(t) || isUpperLine(t))) break;
      zoneEnd = i + 1;
    }
  }

  const parts = lines
    .slice(0, zoneEnd)
    .flatMap((l, i) => splitColumns(l, i))
    .flatMap(splitMerged);
  let number: string | null = null;
  let code: string | null = null;
  let place: string | null = null;
  let date: string | null = null;
  const issuerParts: Part[] = [];
  let forwardedTo: string | null = null;

  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    consumed.add(p.index);
    if (STAMP_HEAD.test(p.text) || /^ĐẾN\s+Số\s*:/u.test(p.text)) {
      // The receiver's name printed above "ĐẾN" belongs to the stamp, not to the issuer.
      const prev = issuerParts[issuerParts.length - 1];
      if (prev && prev.index >= p.index - 1) issuerParts.pop();
      const fields: string[] = [];
      if (/Số\s*:/u.test(p.text)) fields.push(p.text.replace(/^ĐẾN\s+/u, ''));
      while (k + 1 < parts.length && STAMP_FIELD.test(parts[k + 1]!.text)) {
        k++;
        consumed.add(parts[k]!.index);
        const f = parts[k]!.text;
        const fwd = /^Chuyển\s*:\s*(.+)$/iu.exec(f);
        if (fwd) forwardedTo = fwd[1]!.trim();
        fields.push(f);
      }
      notes.push({ line: p.n, message: `bỏ qua dấu "ĐẾN" của nơi nhận (${fields.join('; ') || 'không rõ số'}): không phải số của văn bản` });
      continue;
    }
    if (QUOC_HIEU.test(p.text) || TIEU_NGU.test(p.text) || SEPARATOR.test(p.text) || PARTY.test(p.text) || MARKS.test(p.text)) continue;
    let m = NUMBER.exec(p.text);
    if (m) {
      if (number !== null || code !== null) {
        notes.push({ line: p.n, message: `có thêm một số văn bản "${p.text}": giữ số đầu tiên` });
        continue;
      }
      number = m[1] || null;
      code = m[3]!.replace(/\s+/g, '').replace(/–/g, '-');
      if (!number) notes.push({ line: p.n, message: `số văn bản để trống ("${p.text}")` });
      continue;
    }
    if (PLAIN_NUMBER.test(p.text)) {
      notes.push({ line: p.n, message: `"${p.text}" không có ký hiệu văn bản: không lấy làm số văn bản` });
      continue;
    }
    if ((m = PLACE_DATE.exec(p.text) ?? PLACE_DATE_SLASH.exec(p.text))) {
      place = m[1] ? squash(m[1]) : null;
      const d = Number(m[2]);
      const mo = Number(m[3]);
      date = Number.isFinite(d) && Number.isFinite(mo) && m[2]!.trim() && m[3]!.trim() ? isoDate(Number(m[4]), mo, d) : null;
      if (!date) notes.push({ line: p.n, message: `ngày ban hành để trống hoặc không hợp lệ ("${p.text}")` });
      continue;
    }
    if (isUpperLine(p.text) && !DOC_TYPE.test(p.text)) issuerParts.push(p);
  }

  const issuer = joinIssuer(issuerParts.map((p) => p.text));

  // The title: the lines after the document type until the preamble or the outline begins.
  let title: string | null = null;
  let bodyStart = zoneEnd;
  if (typeIndex >= 0) {
    consumed.add(typeIndex);
    const titleParts: string[] = typeRest ? [typeRest] : [];
    let i = typeIndex + 1;
    for (; i < lines.length && titleParts.length < 6; i++) {
      const l = lines[i]!;
      const t = squash(l.text);
      if (!t) continue;
      if (SEPARATOR.test(t)) {
        consumed.add(i);
        i++;
        break;
      }
      if (detectMarker(t) || l.tableId !== undefined || l.headingLevel || l.label) break;
      // "Thực hiện phong trào thi đua … năm 2026" right under "KẾ HOẠCH" is the title; a preamble
      // opening the same way cites a document ("Thực hiện Quyết định số 733/QĐ-TTg ngày …").
      if (PREAMBLE.test(t) && !(titleParts.length === 0 && t.length <= 250 && !/(?:số|Số)\s*\d|ngày\s*\d/u.test(t))) break;
      // "(Kèm theo Kế hoạch số …)" under a table's title says where it belongs, it is not the title.
      if (/^\((?:ban hành )?kèm theo/iu.test(t)) break;
      // "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …" under a decision's title is the authority issuing it.
      if (titleParts.length && AUTHORITY_LINE.test(t) && isUpperLine(t) && !isUpperLine(titleParts.join(' '))) {
        consumed.add(i);
        i++;
        break;
      }
      if (titleParts.length && l.blankBefore && !startsLower(t) && !/^["“(]/u.test(t)) break;
      if (titleParts.join(' ').length + t.length > 400) break;
      // A long sentence ending with a full stop is the preamble, unless it is the first title line.
      if (titleParts.length && t.length > 200) break;
      titleParts.push(t);
      consumed.add(i);
    }
    bodyStart = i;
    if (titleParts.length) title = titleParts.join(' ');
  } else {
    bodyStart = zoneEnd;
    // A list or a sheet without a heading: its first line names it, and stays in the body.
    const first = lines.slice(zoneEnd).find((l) => squash(l.text));
    if (first) {
      const t = squash(first.text);
      const m = detectMarker(t);
      title = m && m.family !== 'heading' ? null : t.length <= 250 ? t : null;
    }
    if (!title) notes.push({ line: 0, message: 'không thấy loại văn bản (KẾ HOẠCH, CHỈ THỊ…) và tiêu đề: nhập tiêu đề khi rà soát' });
  }

  if (title && startsLower(title)) {
    // A scan can carry the title's first words into the stamp's "Chuyển:" field.
    if (forwardedTo && !startsLower(forwardedTo) && forwardedTo.split(/\s+/).length <= 6 && !/[:;]/.test(forwardedTo)) {
      notes.push({ line: lines[typeIndex + 1]?.n ?? 0, message: `tiêu đề bắt đầu bằng chữ thường; đã ghép "${forwardedTo}" từ dấu "ĐẾN" vào đầu tiêu đề, kiểm tra lại` });
      title = `${forwardedTo} ${title}`;
    } else {
      notes.push({ line: lines[typeIndex + 1]?.n ?? 0, message: 'tiêu đề bắt đầu bằng chữ thường: có thể thiếu phần đầu' });
    }
  }
  if (title) title = title.replace(/\s+([,.;:])/g, '$1');
  if (typeIndex >= 0 && number === null && code === null) notes.push({ line: 0, message: 'không thấy số và ký hiệu văn bản ("Số: …/KH-…")' });
  if (typeIndex >= 0 && place === null && date === null) notes.push({ line: 0, message: 'không thấy địa danh và ngày ban hành ("…, ngày … tháng … năm …")' });
  return { number, code, issuer, place, date, title, documentType, bodyStart, consumed, notes };
}

// "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ NHA TRANG" is one name on two lines; "UBND TỈNH X" / "SỞ NỘI VỤ"
// are the governing body and the issuer.
const GENERIC_HEAD = /^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|HỘI ĐỒNG THI ĐUA[ -–]+KHEN THƯỞNG|BAN CHẤP HÀNH(?: CÔNG ĐOÀN)?|LIÊN ĐOÀN LAO ĐỘNG|CÔNG ĐOÀN|ĐẢNG BỘ|BAN THƯỜNG VỤ)$/u;

function joinIssuer(parts: string[]): string | null {
  if (!parts.length) return null;
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (GENERIC_HEAD.test(p) && i + 1 < parts.length) {
      names.push(`${p} ${parts[++i]}`);
    } else {
      names.push(p);
    }
  }
  return names.join(' – ');
}

const ISSUER_IN_TEXT =
  /(?:^|[,.;]\s+)((?:Ủy ban|Uỷ ban|UBND|Chủ tịch|Sở|Phòng|Công đoàn|Ban|Hội đồng|Trường|Liên đoàn|Đảng ủy|Đảng uỷ|Thành ủy|Tỉnh ủy|Huyện ủy|Bộ|Văn phòng|Chi bộ)(?:\s+[^\s,.;]+){1,10}?)\s+(?:ban hành|xây dựng|triển khai|hướng dẫn|chỉ thị|yêu cầu|đề nghị)(?![\p{L}])/u;

/** The issuer named in the body: "…, Ủy ban nhân dân thành phố Nha Trang ban hành Kế hoạch…". */
export function issuerFromText(texts: { text: string; line: number }[]): { issuer: string; line: number } | null {
  for (const t of texts) {
    const m = ISSUER_IN_TEXT.exec(t.text);
    if (m) return { issuer: m[1]!.trim(), line: t.line };
  }
  return null;
}
