// The catalogue of commendation (khen thưởng): the titles (danh hiệu thi đua) and forms (hình thức khen
// thưởng) the engine knows, who may grant each (thẩm quyền), and the scales a history is written in.
// What each one requires lives in awards.rules.ts, dated and cited.

import { awards, initiativeLevelLabels as initiativeLevelLabelsBoth, ratingLabels as ratingLabelsBoth, type AwardCode, type AwardSubject, type DisciplineForm, type Grantor, type InitiativeLevel, type Rating } from '@thidua/contracts';

export { awardCodes, awards, commendationKinds, initiativeLevels, ratings } from '@thidua/contracts';
export type { Award, AwardCode, CommendationKind, InitiativeLevel, Rating } from '@thidua/contracts';
export type Subject = AwardSubject;

/** The labels the engine writes its answers with (Vietnamese: the users' own words). */
export const ratingLabels: Record<Rating, string> = Object.fromEntries(
  Object.entries(ratingLabelsBoth).map(([k, v]) => [k, v.vi]),
) as Record<Rating, string>;

/**
 * Discipline (kỷ luật), lightest first. Nghị định 172/2025 (công chức) and 234/2026 (viên chức) keep
 * khiển trách, cảnh cáo, cách chức, buộc thôi việc; hạ bậc lương and giáng chức remain in older records.
 */
export const disciplines = ['khien_trach', 'canh_cao', 'ha_bac_luong', 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec'] as const;
export type Discipline = (typeof disciplines)[number];
export const disciplineLabels: Record<Discipline, string> = {
  khien_trach: 'khiển trách',
  canh_cao: 'cảnh cáo',
  ha_bac_luong: 'hạ bậc lương',
  giang_chuc: 'giáng chức',
  cach_chuc: 'cách chức',
  buoc_thoi_viec: 'buộc thôi việc',
};

export const initiativeLevelLabels: Record<InitiativeLevel, string> = Object.fromEntries(
  Object.entries(initiativeLevelLabelsBoth).map(([k, v]) => [k, v.vi]),
) as Record<InitiativeLevel, string>;

export const grantorLabels: Record<Grantor, string> = {
  unit_head: 'Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp xã',
  province_chair: 'Chủ tịch UBND cấp tỉnh; Bộ trưởng, Thủ trưởng ngành',
  prime_minister: 'Thủ tướng Chính phủ',
  president: 'Chủ tịch nước',
};

/** The award's row of the catalogue, with its name as the engine writes it; the database holds only catalogue codes. */
export function awardOf(code: AwardCode | string): (typeof awards)[number] & { name: string } {
  const a = awards.find((x) => x.code === code)!;
  return { ...a, name: a.vi };
}

/**
 * Mức lương cơ sở by the day it took effect: a bonus uses the one in force on the decision date
 * (Nghị định 152/2025, Điều 49). An administrator adds a row when the Government changes it.
 */
export const defaultBaseSalaries: readonly { from: string; amount: number; citation: string; sure: Sureness }[] = [
  { from: '2019-07-01', amount: 1_490_000, citation: 'Nghị định 38/2019/NĐ-CP', sure: 'partial' },
  { from: '2023-07-01', amount: 1_800_000, citation: 'Nghị định 24/2023/NĐ-CP', sure: 'ok' },
  { from: '2024-07-01', amount: 2_340_000, citation: 'Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2', sure: 'ok' },
  { from: '2026-07-01', amount: 2_530_000, citation: 'Nghị định 161/2026/NĐ-CP', sure: 'partial' },
];

/** How sure the rule's text is (../shared/LAW.md): seen in the law, seen second-hand, or not found. */
export type Sureness = 'ok' | 'partial' | 'unconfirmed';

/** The discipline forms the system records (disciplines.form) in the engine's words. */
export const disciplineOfForm: Record<DisciplineForm, Discipline> = {
  reprimand: 'khien_trach',
  warning: 'canh_cao',
  salary_step_down: 'ha_bac_luong',
  demotion: 'giang_chuc',
  removal: 'cach_chuc',
  dismissal: 'buoc_thoi_viec',
};
