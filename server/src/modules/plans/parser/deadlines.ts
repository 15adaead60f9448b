import { capitalise } from './normalize.js';
import type { Note } from './outline.js';
import type { DeadlinePeriod, PlanDeadline } from './plan-types.js';
import { sentences, type TextUnit } from './text-units.js';

// Reporting deadlines (hạn báo cáo): "Báo cáo 6 tháng gửi trước ngày 31/5 hàng năm và báo cáo năm
// gửi trước ngày 30/11 hàng năm", "… về phòng Tư pháp trước ngày 15/12", with whom they go to.
// A date by which units register ("đăng ký thi đua trước ngày 28/02") is not a report: it is
// handed back apart, to become a registration milestone.

const DUE =
  /(?:trước|chậm\s*nhất(?:\s*là)?(?:\s*vào)?|không\s*(?:muộn|quá)(?:\s*hơn)?|hạn\s*(?:chót|cuối)(?:\s*là)?|trong\s*ngày|đến\s*hết|gửi\s*về\s*trước)\s+(?:ngày\s+)?(\d{1,2})\s*(?:\/|-|\.|\s+tháng\s+)\s*(\d{1,2})(?:\s*(?:\/|-|\.|\s+năm\s+)\s*((?:19|20)\d{2}))?(?!\d)/giu;
const AFTER_PERIOD = /^\s*(?:của\s+)?(?:hằng|hàng|mỗi)\s+năm/iu;
const AND_DATE = /^\s*(?:,|và|hoặc)\s*(?:ngày\s+)?(\d{1,2})\s*(?:\/|-|\s+tháng\s+)\s*(\d{1,2})(?:\s*(?:\/|-|\s+năm\s+)\s*((?:19|20)\d{2}))?(?!\d)/iu;
// "trước ngày 20 của tháng cuối quý": a day without a month.
const DAY_ONLY = /(?:trước|chậm\s*nhất(?:\s*là)?|hạn\s*chót(?:\s*là)?)\s+ngày\s+\d{1,2}(?!\s*(?:\/|-|\.\d|tháng|\d))(?:\s+(?:của|hằng|hàng)\s+[^,.;]{1,40})?/iu;

const ORG_HEAD = String.raw`(?:Sở|Phòng|Ban|Văn\s*phòng|UBND|Ủy\s*ban|Uỷ\s*ban|Cơ\s*quan\s*Thường\s*trực|Thường\s*trực|Hội\s*đồng|Công\s*đoàn|Liên\s*đoàn|LĐLĐ|BTV|Ban\s*Thường\s*vụ|Thanh\s*tra|Đảng\s*ủy|Bộ|Tổng\s*cục|Cục|Chi\s*cục|Trung\s*tâm|Thành\s*ủy|Tỉnh\s*ủy|Huyện\s*ủy|Hiệu\s*trưởng|Chủ\s*tịch)`;
const ORG_END = String.raw`(?=\s+(?:để|trước|trong|theo|chậm|qua|hàng|hằng|định|tổng\s*hợp|trực\s*tiếp|bằng|kèm|đồng\s*thời|làm)(?![\p{L}])|\s*[,.;()]|$)`;
const RECIPIENT = new RegExp(String.raw`(?:về|gửi(?:\s+về)?|nộp(?:\s+về)?|lên|tới|cho|báo\s*cáo)\s+(?:cho\s+)?(${ORG_HEAD}(?:\s+[^\s,.;()]+){0,20}?)${ORG_END}`, 'iu');

export function periodOf(before: string, after: string): DeadlinePeriod {
  if (/(?:^|[^\d])(?:6|06|sáu)\s*tháng/iu.test(before)) return 'six_months';
  if (/(?:hằng|hàng|mỗi)\s*quý|(?:báo\s*cáo|định\s*kỳ)\s+quý/iu.test(before)) return 'quarter';
  if (/(?:hằng|hàng|mỗi)\s*tháng|(?:báo\s*cáo|định\s*kỳ)\s+tháng/iu.test(before)) return 'month';
  if (/(?<![\p{L}])năm(?![\p{L}])/iu.test(before) || AFTER_PERIOD.test(after)) return 'year';
  return 'once';
}

/** "30/6 và 30/12" is half-yearly, "31/3, 30/6, 30/9 và 31/12" quarterly, though no word says so. */
function evenlySpaced(months: number[]): DeadlinePeriod | null {
  const sorted = [...months].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((m, i) => m - sorted[i]!);
  if (sorted.length === 2 && gaps[0] === 6) return 'six_months';
  if (sorted.length === 4 && gaps.every((g) => g === 3)) return 'quarter';
  return null;
}

function recipientIn(text: string): string | undefined {
  const m = RECIPIENT.exec(text);
  if (!m) return undefined;
  // "và" ends the name only before a lower-case word: "Sở Giáo dục và Đào tạo" is one name.
  const name = m[1]!.replace(/\s+/g, ' ').trim().split(/\s+và\s+(?=\p{Ll})/u)[0]!;
  return capitalise(name);
}

/** "đăng ký thi đua trước ngày 28/02", not a report. */
export interface RegistrationDate {
  day: number;
  month: number;
  year?: number;
  /** The due phrase as written: "trước ngày 28/02". */
  due: string;
  text: string;
  line: number;
}

const REGISTER = /đăng\s*ký/iu;
const REPORT = /báo\s*cáo/iu;

/**
 * Whether the clause holding a due date is about registering: "đăng ký" before it in the same
 * clause ("Các đơn vị đăng ký thi đua trước ngày …", "gửi bản đăng ký … trước ngày …") or after it
 * ("Trước ngày …, các xã đăng ký thi đua"), and no report ("báo cáo kết quả đăng ký …" is a report).
 */
function aboutRegistering(before: string, after: string): boolean {
  const own = before.slice(before.lastIndexOf(';') + 1);
  const cut = after.search(/[;.]|(?:trước|chậm\s*nhất|không\s*(?:muộn|quá))\s+ngày/iu);
  const rest = cut >= 0 ? after.slice(0, cut) : after;
  const clause = `${own} ${rest}`;
  return REGISTER.test(clause) && !REPORT.test(clause);
}

/** A clause without the brackets and stops around it; a closing bracket stays when it closes one the clause opened. */
function trimClause(text: string): string {
  let t = text.trim().replace(/^[(\s,;]*(?:và\s+)?/u, '').replace(/[\s.;,]*$/u, '');
  while (t.endsWith(')') && (t.match(/\(/g)?.length ?? 0) < (t.match(/\)/g)?.length ?? 0)) t = t.slice(0, -1).replace(/[\s.;,]*$/u, '');
  return t;
}

export function extractDeadlines(units: TextUnit[]): { deadlines: PlanDeadline[]; registrations: RegistrationDate[]; notes: Note[] } {
  const deadlines: PlanDeadline[] = [];
  const registrations: RegistrationDate[] = [];
  const notes: Note[] = [];
  for (const u of units) {
    let inUnit = 0;
    for (const s of sentences(u.text)) {
      const matches = [...s.matchAll(DUE)];
      let from = 0;
      for (const [k, m] of matches.entries()) {
        const day = Number(m[1]);
        const month = Number(m[2]);
        const start = m.index;
        const end = start + m[0].length;
        const trailing = AFTER_PERIOD.exec(s.slice(end));
        let stop = end + (trailing ? trailing[0].length : 0);
        // "… trước ngày 28/02 về Phòng Nội vụ; gửi báo cáo … trước ngày 30/11": the clause runs to its ";".
        const semicolon = s.indexOf(';', stop);
        if (matches.length > 1 && semicolon >= 0 && semicolon < (matches[k + 1]?.index ?? s.length)) stop = semicolon;
        const before = s.slice(from, start);
        if (day < 1 || day > 31 || month < 1 || month > 12) {
          notes.push({ line: u.line, message: `hạn "${m[0]}" không phải ngày hợp lệ` });
          from = stop;
          continue;
        }
        const clause = trimClause(matches.length > 1 ? s.slice(from, stop) : s);
        if (aboutRegistering(before, s.slice(end))) {
          registrations.push({ day, month, ...(m[3] ? { year: Number(m[3]) } : {}), due: m[0].trim(), text: capitalise(clause), line: u.line });
          inUnit++;
          from = stop;
          continue;
        }
        let period = periodOf(before, s.slice(end));
        const recipient = recipientIn(before.trimEnd()) ?? recipientIn(s) ?? recipientIn(u.text);
        const dates = [{ day, month, year: m[3] }];
        // "trước ngày 30/6 và 30/12": more dates on the same deadline.
        let rest = s.slice(end);
        for (let more = AND_DATE.exec(rest); more; more = AND_DATE.exec(rest)) {
          const d = Number(more[1]);
          const mo = Number(more[2]);
          if (d >= 1 && d <= 31 && mo >= 1 && mo <= 12) dates.push({ day: d, month: mo, year: more[3] });
          rest = rest.slice(more[0].length);
        }
        const rhythm = period === 'once' ? evenlySpaced(dates.map((d) => d.month)) : null;
        if (rhythm) {
          period = rhythm;
          notes.push({ line: u.line, message: `các hạn ${dates.map((d) => `${d.day}/${d.month}`).join(' và ')} cách đều nhau trong năm: coi là báo cáo ${rhythm === 'six_months' ? '6 tháng' : 'quý'}, kiểm tra lại` });
        }
        for (const d of dates) deadlines.push({ day: d.day, month: d.month, ...(d.year ? { year: Number(d.year) } : {}), period, recipient, text: capitalise(clause), line: u.line });
        inUnit++;
        from = stop;
      }
    }
    const dayOnly = DAY_ONLY.exec(u.text);
    if (dayOnly) {
      notes.push({ line: u.line, message: `hạn "${dayOnly[0].trim()}" không ghi tháng cụ thể: nhập hạn khi rà soát` });
      continue;
    }
    // "Định kỳ hàng năm báo cáo … về Phòng Nội vụ" with no date: the review screen must ask for one.
    if (!inUnit && /(?:định\s*kỳ|hằng\s*năm|hàng\s*năm|6\s*tháng|hằng\s*quý|hàng\s*quý)[^.]{0,80}báo\s*cáo|báo\s*cáo[^.]{0,40}(?:định\s*kỳ|hằng\s*năm|hàng\s*năm)|báo\s*cáo\s+(?:quý|tháng|6\s*tháng|năm)(?![\p{L}])/iu.test(u.text)) {
      const who = recipientIn(u.text);
      notes.push({ line: u.line, message: `có yêu cầu báo cáo định kỳ${who ? ` (gửi ${who})` : ''} nhưng không ghi hạn ngày/tháng: bổ sung hạn khi rà soát` });
    }
  }
  return { deadlines, registrations, notes };
}
