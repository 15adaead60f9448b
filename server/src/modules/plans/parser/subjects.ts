import type { Subject } from './plan-types.js';

// Who a group of criteria is for: "Đối với tập thể", "Tiêu chí đối với cá nhân", "a) Tập thể:",
// "Đối với cán bộ, công chức, viên chức:", "BẢNG CHẤM ĐIỂM … ĐỐI VỚI TẬP THỂ".

const COLLECTIVE = String.raw`(?:tập\s*thể)`;
const COLLECTIVE_ORG = String.raw`(?:cơ\s*quan|đơn\s*vị|tổ\s*chức|phòng|ban|trường|xã|phường|thị\s*trấn|khối|cụm|tổ\s*công\s*đoàn|công\s*đoàn\s*cơ\s*sở|chi\s*bộ|địa\s*phương)`;
const INDIVIDUAL = String.raw`(?:cá\s*nhân|cán\s*bộ|công\s*chức|viên\s*chức|CBCCVC|CBCC|CCVC|CBVC|CBGV(?:NV)?|CBNV|người\s*lao\s*động|NLĐ|đoàn\s*viên|hội\s*viên|giáo\s*viên|nhà\s*giáo|CNVCLĐ|CNVC|nhân\s*viên|đảng\s*viên|chiến\s*sĩ)`;
const KEYWORD = String.raw`(?:tiêu\s*chí|tiêu\s*chuẩn|nội\s*dung|bảng\s*(?:chấm\s*)?điểm|thang\s*điểm)`;
const QUALIFIER = String.raw`(?:\s+(?:thi\s*đua|chấm\s*điểm|đánh\s*giá|xét\s*thi\s*đua|khen\s*thưởng|cụ\s*thể))*`;
const ATTACH = String.raw`(?:đối\s*với|dành\s*cho|áp\s*dụng\s*(?:cho|đối\s*với)|cho|của)`;
const END = String.raw`(?![\p{L}])`;

const EXPLICIT_COLLECTIVE = new RegExp(String.raw`^(?:các\s+)?(?:${KEYWORD}${QUALIFIER}\s+)?${ATTACH}\s+(?:các\s+|mỗi\s+|những\s+)?(?:${COLLECTIVE}|${COLLECTIVE_ORG})${END}`, 'iu');
const EXPLICIT_INDIVIDUAL = new RegExp(String.raw`^(?:các\s+)?(?:${KEYWORD}${QUALIFIER}\s+)?${ATTACH}\s+(?:các\s+|mỗi\s+|những\s+)?${INDIVIDUAL}${END}`, 'iu');
const KEYWORD_COLLECTIVE = new RegExp(String.raw`^(?:các\s+)?${KEYWORD}${QUALIFIER}\s+(?:các\s+)?${COLLECTIVE}${END}`, 'iu');
const KEYWORD_INDIVIDUAL = new RegExp(String.raw`^(?:các\s+)?${KEYWORD}${QUALIFIER}\s+(?:các\s+)?${INDIVIDUAL}${END}`, 'iu');
// "Khối các cơ quan Đảng:", "Cụm thi đua số 2:" under a criteria section group collectives.
const BARE_COLLECTIVE = new RegExp(String.raw`^(?:các\s+|mỗi\s+)?(?:${COLLECTIVE}|khối|cụm)${END}`, 'iu');
const BARE_INDIVIDUAL = new RegExp(String.raw`^(?:các\s+|mỗi\s+)?${INDIVIDUAL}${END}`, 'iu');
// In a heading: "BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA ĐỐI VỚI TẬP THỂ", "IV. TIÊU CHUẨN CÁ NHÂN".
const ANYWHERE_COLLECTIVE = new RegExp(String.raw`(?:tiêu\s*chí|tiêu\s*chuẩn|chấm\s*điểm|thang\s*điểm|bảng\s*điểm)[^:]*?(?:${ATTACH}\s+)?(?:các\s+|mỗi\s+)?${COLLECTIVE}${END}`, 'iu');
const ANYWHERE_INDIVIDUAL = new RegExp(String.raw`(?:tiêu\s*chí|tiêu\s*chuẩn|chấm\s*điểm|thang\s*điểm|bảng\s*điểm)[^:]*?(?:${ATTACH}\s+)?(?:các\s+|mỗi\s+)?(?:cá\s*nhân|cán\s*bộ|công\s*chức|CBCCVC|CBCC|người\s*lao\s*động|đoàn\s*viên|giáo\s*viên)${END}`, 'iu');

export interface SubjectMatch {
  subject: Subject;
  /** Named with "đối với", "tiêu chí…", not just "Tập thể:". */
  explicit: boolean;
}

/** The part of an item that can name a subject: up to its first colon, or all of a short item. */
function head(text: string): string | null {
  const t = text.trim();
  const colon = t.indexOf(':');
  if (colon >= 0 && colon <= 120) return t.slice(0, colon).trim();
  return t.length <= 120 ? t.replace(/[.;]$/, '') : null;
}

/**
 * Whom a heading is for, or null. `strict` (used for lines without a marker) accepts only an
 * explicit form or a bare "Tập thể" / "Cá nhân" standing alone.
 */
export function subjectOfHeading(text: string, strict = false): SubjectMatch | null {
  const h = head(text);
  if (!h) return null;
  if (EXPLICIT_COLLECTIVE.test(h) || KEYWORD_COLLECTIVE.test(h)) return { subject: 'collective', explicit: true };
  if (EXPLICIT_INDIVIDUAL.test(h) || KEYWORD_INDIVIDUAL.test(h)) return { subject: 'individual', explicit: true };
  if (ANYWHERE_COLLECTIVE.test(h) && !ANYWHERE_INDIVIDUAL.test(h)) return { subject: 'collective', explicit: true };
  if (ANYWHERE_INDIVIDUAL.test(h) && !ANYWHERE_COLLECTIVE.test(h)) return { subject: 'individual', explicit: true };
  if (strict) {
    if (/^(?:tập\s*thể|cá\s*nhân)$/iu.test(h)) return { subject: /^tập/iu.test(h) ? 'collective' : 'individual', explicit: false };
    return null;
  }
  if (BARE_COLLECTIVE.test(h)) return { subject: 'collective', explicit: false };
  if (BARE_INDIVIDUAL.test(h)) return { subject: 'individual', explicit: false };
  return null;
}

/** A subject named anywhere in a short text (a sheet name, a table caption). */
export function subjectInText(text: string): Subject | null {
  const c = /tập\s*thể|đơn\s*vị|cơ\s*quan/iu.test(text);
  const i = /cá\s*nhân|cán\s*bộ|công\s*chức|CBCCVC|người\s*lao\s*động|đoàn\s*viên|giáo\s*viên/iu.test(text);
  if (c && !i) return 'collective';
  if (i && !c) return 'individual';
  return null;
}
