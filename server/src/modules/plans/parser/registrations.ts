import type { RegistrationDate } from './deadlines.js';
import type { Note } from './outline.js';
import type { PlanMilestone } from './plan-types.js';

// The date by which units and people register (đăng ký thi đua) is a milestone of the plan, with a
// year. A plan seldom writes the year: a plan for one year means that year; a plan of several years
// ("giai đoạn 2019-2025", "hằng năm") is taken from its first such date after the plan was issued,
// and the review screen is told so. Without either, no year is made up.

export interface PlanYears {
  /** ISO date the plan was issued, when the heading gives it. */
  issued: string | null;
  period: { from: number; to: number } | null;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The year of a registration date, and how it was found (null: the document does not tell). */
function yearOf(r: RegistrationDate, plan: PlanYears): { year: number; why?: string } | null {
  if (r.year !== undefined) return { year: r.year };
  if (plan.period && plan.period.from === plan.period.to) return { year: plan.period.from };
  if (plan.issued) {
    const [y, m, d] = plan.issued.split('-').map(Number) as [number, number, number];
    const later = r.month > m || (r.month === m && r.day >= d);
    return { year: later ? y : y + 1, why: 'lần đầu sau ngày ban hành' };
  }
  if (plan.period) return { year: plan.period.from, why: 'năm đầu của giai đoạn' };
  return null;
}

export function registrationMilestones(dates: RegistrationDate[], plan: PlanYears): { milestones: PlanMilestone[]; notes: Note[] } {
  const milestones: PlanMilestone[] = [];
  const notes: Note[] = [];
  for (const r of dates) {
    const found = yearOf(r, plan);
    if (!found) {
      notes.push({ line: r.line, message: `hạn đăng ký thi đua "${r.due}" không rõ năm nào: thêm mốc đăng ký khi rà soát` });
      continue;
    }
    if (found.why) notes.push({ line: r.line, message: `hạn đăng ký thi đua "${r.due}" không ghi năm: đã ghi mốc năm ${found.year} (${found.why}), kiểm tra lại` });
    const date = isoDate(found.year, r.month, r.day);
    if (!date) notes.push({ line: r.line, message: `hạn đăng ký thi đua "${r.due}" không phải ngày có thật trong năm ${found.year}: chỉ ghi năm` });
    milestones.push({ year: found.year, ...(date ? { date } : {}), label: r.text, kind: 'registration', line: r.line });
  }
  return { milestones, notes };
}
