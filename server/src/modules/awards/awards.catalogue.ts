// The catalogue of commendation (khen thưởng): the titles (danh hiệu thi đua) and forms (hình thức khen
// thưởng) the engine knows, who may grant each (thẩm quyền), and the scales a history is written in.
// What each one requires lives in awards.rules.ts, dated and cited.

/** A year's rating (xếp loại chất lượng), lowest first: Nghị định 90/2020, then 335/2025 for công chức. */
export const ratings = ['khong_hoan_thanh', 'hoan_thanh', 'hoan_thanh_tot', 'hoan_thanh_xuat_sac'] as const;
export type Rating = (typeof ratings)[number];
export const ratingLabels: Record<Rating, string> = {
  khong_hoan_thanh: 'không hoàn thành nhiệm vụ',
  hoan_thanh: 'hoàn thành nhiệm vụ',
  hoan_thanh_tot: 'hoàn thành tốt nhiệm vụ',
  hoan_thanh_xuat_sac: 'hoàn thành xuất sắc nhiệm vụ',
};

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

/** The level that recognised an initiative (sáng kiến), lowest first. */
export const initiativeLevels = ['co_so', 'tinh', 'toan_quoc'] as const;
export type InitiativeLevel = (typeof initiativeLevels)[number];
export const initiativeLevelLabels: Record<InitiativeLevel, string> = {
  co_so: 'cấp cơ sở',
  tinh: 'cấp bộ, ngành, tỉnh',
  toan_quoc: 'toàn quốc',
};

/**
 * The kinds of commendation (Luật Thi đua, khen thưởng 2022, Điều 8). Only công trạng awards count
 * towards the conditions of later công trạng awards: đột xuất and chuyên đề ones do not (Nghị định
 * 152/2025, Điều 4 khoản 3).
 */
export const commendationKinds = ['cong_trang', 'chuyen_de', 'dot_xuat', 'cong_hien', 'nien_han', 'doi_ngoai'] as const;
export type CommendationKind = (typeof commendationKinds)[number];

export type Subject = 'individual' | 'collective';

/** Who may grant (thẩm quyền), from the unit up. */
export type Grantor = 'unit_head' | 'province_chair' | 'prime_minister' | 'president';
export const grantorLabels: Record<Grantor, string> = {
  unit_head: 'Thủ trưởng cơ quan, đơn vị; Chủ tịch UBND cấp xã',
  province_chair: 'Chủ tịch UBND cấp tỉnh; Bộ trưởng, Thủ trưởng ngành',
  prime_minister: 'Thủ tướng Chính phủ',
  president: 'Chủ tịch nước',
};

export const awards = [
  { code: 'lao_dong_tien_tien', kind: 'title', subjects: ['individual'], name: 'Lao động tiên tiến', grantor: 'unit_head' },
  { code: 'chien_si_thi_dua_co_so', kind: 'title', subjects: ['individual'], name: 'Chiến sĩ thi đua cơ sở', grantor: 'unit_head' },
  { code: 'chien_si_thi_dua_tinh', kind: 'title', subjects: ['individual'], name: 'Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh', grantor: 'province_chair' },
  { code: 'chien_si_thi_dua_toan_quoc', kind: 'title', subjects: ['individual'], name: 'Chiến sĩ thi đua toàn quốc', grantor: 'prime_minister' },
  { code: 'tap_the_lao_dong_tien_tien', kind: 'title', subjects: ['collective'], name: 'Tập thể lao động tiên tiến', grantor: 'unit_head' },
  { code: 'tap_the_lao_dong_xuat_sac', kind: 'title', subjects: ['collective'], name: 'Tập thể lao động xuất sắc', grantor: 'province_chair' },
  { code: 'co_thi_dua_tinh', kind: 'title', subjects: ['collective'], name: 'Cờ thi đua cấp bộ, ban, ngành, tỉnh', grantor: 'province_chair' },
  { code: 'co_thi_dua_chinh_phu', kind: 'title', subjects: ['collective'], name: 'Cờ thi đua của Chính phủ', grantor: 'prime_minister' },
  { code: 'giay_khen', kind: 'form', subjects: ['individual', 'collective'], name: 'Giấy khen', grantor: 'unit_head' },
  { code: 'bang_khen_tinh', kind: 'form', subjects: ['individual', 'collective'], name: 'Bằng khen cấp bộ, ban, ngành, tỉnh', grantor: 'province_chair' },
  { code: 'bang_khen_thu_tuong', kind: 'form', subjects: ['individual', 'collective'], name: 'Bằng khen của Thủ tướng Chính phủ', grantor: 'prime_minister' },
  { code: 'huan_chuong_lao_dong_hang_ba', kind: 'form', subjects: ['individual', 'collective'], name: 'Huân chương Lao động hạng Ba', grantor: 'president' },
] as const satisfies readonly { code: string; kind: 'title' | 'form'; subjects: readonly Subject[]; name: string; grantor: Grantor }[];

export type AwardCode = (typeof awards)[number]['code'];
export const awardCodes = awards.map((a) => a.code) as [AwardCode, ...AwardCode[]];
export type Award = (typeof awards)[number];

export function awardOf(code: AwardCode): Award {
  return awards.find((a) => a.code === code)!;
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
