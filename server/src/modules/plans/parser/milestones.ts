import { capitalise } from './normalize.js';
import type { MilestoneKind, PlanMilestone } from './plan-types.js';
import { sentences, type TextUnit } from './text-units.js';

// Milestones (mốc) of a movement: its launch (phát động), registration (đăng ký thi đua), mid-term
// review (sơ kết) and final review (tổng kết), and the period it runs. Read from a timeline section ("V. TIẾN ĐỘ THỰC HIỆN:
// 1. Năm 2019: …") and from sentences that tie a review to a year ("tổng kết … vào năm 2025").

const TIMELINE = /tiến\s*độ|thời\s*gian\s*(?:thực\s*hiện|tổ\s*chức|triển\s*khai)|lộ\s*trình|các\s*mốc|kế\s*hoạch\s*thời\s*gian/iu;
const YEAR_ITEM = /^(?:(?:Trong|Đầu|Cuối|Giữa)\s+)?(?:năm|Năm|NĂM)\s+((?:19|20)\d{2})\s*[:\-–.]\s*(.+)$/su;
const PART_ITEM = /^((?:Quý|Tháng)\s+(?:[IV]{1,3}|\d{1,2}))\s*(?:\/|năm\s+)\s*((?:19|20)\d{2})\s*[:\-–.]\s*(.+)$/su;
const DATE_ITEM = /^(?:Ngày\s+)?(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*((?:19|20)\d{2})\s*[:\-–.]?\s*(.+)$/su;
const FROM_TO =
  /từ\s+((?:(?:quý|tháng)\s+(?:[IV]{1,3}|\d{1,2})\s*(?:\/\s*|năm\s+))|năm\s+)((?:19|20)\d{2})\s+(?:đến|tới)\s+(?:hết\s+)?((?:(?:quý|tháng)\s+(?:[IV]{1,3}|\d{1,2})\s*(?:\/\s*|năm\s+))|năm\s+)?((?:19|20)\d{2})/iu;
const KEYWORD = /sơ\s*kết|tổng\s*kết|(?:lễ\s+)?phát\s*động/giu;

export function milestoneKind(text: string): MilestoneKind {
  const mid = /sơ\s*kết/iu.test(text);
  const fin = /tổng\s*kết/iu.test(text);
  if (mid && fin) return 'review';
  if (mid) return 'midterm_review';
  if (fin) return 'final_review';
  if (/phát\s*động|ban\s*hành|triển\s*khai|khởi\s*động/iu.test(text)) return 'launch';
  if (/đăng\s*ký/iu.test(text)) return 'registration';
  return 'other';
}

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function firstSentence(text: string, capital = true): string {
  // "Thời gian: phát động vào ngày 15/01/2025" — the lead-in before the colon is not the label.
  const s = (sentences(text)[0] ?? text).replace(/[.;:]+$/, '').trim().replace(/^[^:]{1,20}:\s*(?=.*(?:sơ\s*kết|tổng\s*kết|phát\s*động))/iu, '');
  return capital ? capitalise(s) : s;
}

/**
 * "Sơ kết học kỳ I vào tháng 01/2027, tổng kết vào tháng 5/2027": one clause a review, each with its
 * own label; "sơ kết, tổng kết phong trào" said together stays one clause.
 */
function ownReviews(clause: string): string[] {
  if (/sơ\s*kết\s*,?\s*(?:và\s*)?tổng\s*kết/iu.test(clause)) return [clause];
  return clause.split(/(?:,|\s+và)\s+(?=(?:sau\s+đó\s+)?(?:sơ\s*kết|tổng\s*kết)(?![\p{L}]))/iu);
}

export function extractMilestones(units: TextUnit[]): PlanMilestone[] {
  const found: PlanMilestone[] = [];
  const add = (m: PlanMilestone) => {
    if (m.year < 1990 || m.year > 2100) return;
    if (found.some((f) => f.year === m.year && f.kind === m.kind && (m.kind !== 'other' || f.label === m.label))) return;
    found.push(m);
  };

  // First the items that start with their year: they are the document's own timeline.
  for (const u of units) {
    const t = u.text.trim();
    let m: RegExpExecArray | null;
    if ((m = YEAR_ITEM.exec(t))) {
      const rest = m[2]!;
      if (!TIMELINE.test(u.ancestors.join(' ')) && milestoneKind(rest) === 'other') continue;
      add({ year: Number(m[1]), label: firstSentence(rest), kind: milestoneKind(rest), line: u.line });
    } else if ((m = PART_ITEM.exec(t))) {
      const rest = m[3]!;
      if (!TIMELINE.test(u.ancestors.join(' ')) && milestoneKind(rest) === 'other') continue;
      add({ year: Number(m[2]), label: `${m[1]}: ${firstSentence(rest, false)}`, kind: milestoneKind(rest), line: u.line });
    } else if ((m = DATE_ITEM.exec(t)) && (TIMELINE.test(u.ancestors.join(' ')) || milestoneKind(m[4]!) !== 'other')) {
      const y = Number(m[3]);
      add({ year: y, date: iso(y, Number(m[2]), Number(m[1])), label: firstSentence(m[4]!), kind: milestoneKind(m[4]!), line: u.line });
    }
  }

  // Then sentences elsewhere that tie a review or a launch to a year.
  for (const u of units) {
    const inTimeline = TIMELINE.test([...u.ancestors, u.head].join(' '));
    for (const s of sentences(u.text)) {
      const ft = FROM_TO.exec(s);
      if (ft && (inTimeline || /thực\s*hiện|triển\s*khai|phát\s*động/iu.test(s))) {
        const from = `${ft[1]!.trim()} ${ft[2]}`.replace(/\s*\/\s*/, '/');
        const to = `${(ft[3] ?? 'năm ').trim()} ${ft[4]}`.replace(/\s*\/\s*/, '/');
        add({ year: Number(ft[2]), label: `Bắt đầu thực hiện (từ ${from})`, kind: 'start', line: u.line });
        add({ year: Number(ft[4]), label: `Kết thúc (đến ${to})`, kind: 'end', line: u.line });
      }
      for (const clause of s.split(/;/).flatMap(ownReviews)) {
        KEYWORD.lastIndex = 0;
        for (let k = KEYWORD.exec(clause); k; k = KEYWORD.exec(clause)) {
          const after = clause.slice(k.index, k.index + k[0].length + 90);
          // "sơ kết, tổng kết" said together, or years of a range ("2019-2025"), tell nothing.
          if (/sơ\s*kết\s*,?\s*(?:và\s*)?tổng\s*kết/iu.test(clause.slice(Math.max(0, k.index - 12), k.index + 30))) break;
          // "báo cáo tổng kết năm học trước ngày …" is a report (a deadline), not the review itself.
          if (/báo\s*cáo\s*$/iu.test(clause.slice(0, k.index))) continue;
          const d = /(?:ngày\s+)?(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*((?:19|20)\d{2})/u.exec(after);
          const y = /(?:năm|quý\s+[IV]{1,3}\s*\/|tháng\s+\d{1,2}\s*\/)\s*((?:19|20)\d{2})(?!\s*[-–]\s*\d)/iu.exec(after);
          if (!d && !y) continue;
          if (d && (!y || d.index <= y.index)) {
            const year = Number(d[3]);
            add({ year, date: iso(year, Number(d[2]), Number(d[1])), label: firstSentence(clause.trim()), kind: milestoneKind(k[0]), line: u.line });
          } else if (y) {
            add({ year: Number(y[1]), label: firstSentence(clause.trim()), kind: milestoneKind(k[0]), line: u.line });
          }
        }
      }
    }
  }
  return sortMilestones(found);
}

const ORDER: Record<MilestoneKind, number> = { start: 0, launch: 1, registration: 2, midterm_review: 3, review: 4, other: 5, final_review: 6, end: 7 };

/** By year, then as a movement runs: start, launch, registration, reviews, end. */
export function sortMilestones(list: PlanMilestone[]): PlanMilestone[] {
  return list.sort((a, b) => a.year - b.year || ORDER[a.kind] - ORDER[b.kind]);
}

/** The movement's period: "giai đoạn 2019-2025", "giai đoạn 2019 - 2025", "năm 2024". */
export function extractPeriod(texts: (string | null)[], allowYear: boolean): { from: number; to: number } | null {
  for (const t of texts) {
    if (!t) continue;
    const m = /(?:giai\s*đoạn|năm\s*học)\s*(?:từ\s*(?:năm\s*)?)?((?:19|20)\d{2})\s*(?:[-–—]|đến(?:\s*năm)?)\s*((?:19|20)\d{2})/iu.exec(t);
    if (m) return { from: Number(m[1]), to: Number(m[2]) };
  }
  if (!allowYear) return null;
  for (const t of texts) {
    if (!t) continue;
    const m = /(?:năm|NĂM)\s+((?:19|20)\d{2})(?!\s*[-–])/u.exec(t);
    if (m) return { from: Number(m[1]), to: Number(m[1]) };
  }
  return null;
}
