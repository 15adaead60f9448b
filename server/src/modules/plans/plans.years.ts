import { AppError } from '../../platform/errors.js';

// The years a plan (kế hoạch) applies to (năm áp dụng): "Áp dụng từ năm … đến năm …", each bound
// null for the movement's own first or last year. A plan for 2027 is the plan of 2027 only: the
// registrations of 2026 take the nearest plan whose years cover 2026 (registrations.repository.ts
// applicablePlan), and a report template of that plan reports 2027's periods only.

export interface PlanYears {
  year_from: number | null;
  year_to: number | null;
}

interface MovementYears {
  start_year: number;
  end_year: number;
}

function invalid(path: string, vi: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [{ path, message: `${path}: ${vi}`, messageEn: `${path}: ${en}` }]);
}

/** The first and last year the plan covers, its null bounds read as the movement's. */
export function effectiveYears(p: PlanYears, m: MovementYears): { from: number; to: number } {
  return { from: p.year_from ?? m.start_year, to: p.year_to ?? m.end_year };
}

/** Whether a plan's own years let it apply in `year` (a null bound does not limit). */
export function coversYear(p: PlanYears, year: number): boolean {
  return (p.year_from === null || p.year_from <= year) && (p.year_to === null || year <= p.year_to);
}

/** "2027", "2026–2030": the years as a person reads them. */
export function yearsText(y: { from: number; to: number }): string {
  return y.from === y.to ? String(y.from) : `${y.from}–${y.to}`;
}

/** "năm 2027", "từ năm 2026 đến năm 2028", "từ năm 2027": a plan's own years in words. */
export function planYearsText(p: PlanYears): { vi: string; en: string } {
  const { year_from: from, year_to: to } = p;
  if (from !== null && from === to) return { vi: `năm ${from}`, en: `in ${from}` };
  if (from !== null && to !== null) return { vi: `từ năm ${from} đến năm ${to}`, en: `from ${from} to ${to}` };
  if (from !== null) return { vi: `từ năm ${from}`, en: `from ${from}` };
  if (to !== null) return { vi: `đến năm ${to}`, en: `until ${to}` };
  return { vi: 'mọi năm của phong trào', en: "in every year of the movement" };
}

/**
 * Refuses years outside the movement's or in the wrong order (VALIDATION_FAILED, 400, naming the
 * field and the movement's years); nothing is quietly moved inside.
 */
export function checkPlanYears(years: PlanYears, m: MovementYears): void {
  const span = yearsText({ from: m.start_year, to: m.end_year });
  for (const [path, y] of [['yearFrom', years.year_from], ['yearTo', years.year_to]] as const) {
    if (y !== null && (y < m.start_year || y > m.end_year)) {
      throw invalid(path, `Năm áp dụng ${y} nằm ngoài thời gian của phong trào (${span})`, `The year ${y} lies outside the movement's years (${span})`);
    }
  }
  const { from, to } = effectiveYears(years, m);
  if (from > to) {
    throw invalid('yearTo', `Kế hoạch áp dụng đến năm ${to}, trước năm bắt đầu áp dụng ${from}`, `The plan applies until ${to}, before it starts applying in ${from}`);
  }
}

/**
 * The years an imported plan applies to, from the years its title or opening states ("năm 2027",
 * "giai đoạn 2026-2030"), when they lie inside the movement's; otherwise none, with a warning for
 * the review screen.
 */
export function importedYears(period: { from: number; to: number } | null, m: MovementYears): { years: PlanYears; warning: string | null } {
  const none = { year_from: null, year_to: null };
  if (!period) return { years: none, warning: null };
  if (period.from < m.start_year || period.to > m.end_year || period.from > period.to) {
    const read = yearsText(period);
    return {
      years: none,
      warning: `Văn bản ghi năm ${read}, nằm ngoài thời gian của phong trào (${yearsText({ from: m.start_year, to: m.end_year })}): chưa ghi năm áp dụng, hãy kiểm tra lại`,
    };
  }
  return { years: { year_from: period.from, year_to: period.to }, warning: null };
}
