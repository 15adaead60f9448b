// Commendation (khen thưởng): the titles (danh hiệu thi đua) and forms (hình thức khen thưởng) the
// system knows, and the scales a record of achievements (hồ sơ thành tích) is written in. What each
// award requires is the server's (modules/awards/awards.rules.ts): dated, cited rules.

/** A year's rating (xếp loại chất lượng), lowest first: Nghị định 90/2020, then 335/2025 for công chức. */
export const ratings = ['khong_hoan_thanh', 'hoan_thanh', 'hoan_thanh_tot', 'hoan_thanh_xuat_sac'] as const;
export type Rating = (typeof ratings)[number];
export const ratingLabels: Record<Rating, { vi: string; en: string }> = {
  khong_hoan_thanh: { vi: 'không hoàn thành nhiệm vụ', en: 'did not complete their tasks' },
  hoan_thanh: { vi: 'hoàn thành nhiệm vụ', en: 'completed their tasks' },
  hoan_thanh_tot: { vi: 'hoàn thành tốt nhiệm vụ', en: 'completed their tasks well' },
  hoan_thanh_xuat_sac: { vi: 'hoàn thành xuất sắc nhiệm vụ', en: 'completed their tasks excellently' },
};

/** The level that recognised an initiative (sáng kiến), lowest first. */
export const initiativeLevels = ['co_so', 'tinh', 'toan_quoc'] as const;
export type InitiativeLevel = (typeof initiativeLevels)[number];
export const initiativeLevelLabels: Record<InitiativeLevel, { vi: string; en: string }> = {
  co_so: { vi: 'cấp cơ sở', en: 'by the unit' },
  tinh: { vi: 'cấp bộ, ngành, tỉnh', en: 'by the ministry or province' },
  toan_quoc: { vi: 'toàn quốc', en: 'nationwide' },
};

/**
 * The kinds of commendation (Luật Thi đua, khen thưởng 2022, Điều 8). Only công trạng awards count
 * towards the conditions of later công trạng awards: đột xuất and chuyên đề ones do not (Nghị định
 * 152/2025, Điều 4 khoản 3).
 */
export const commendationKinds = ['cong_trang', 'chuyen_de', 'dot_xuat', 'cong_hien', 'nien_han', 'doi_ngoai'] as const;
export type CommendationKind = (typeof commendationKinds)[number];
export const commendationKindLabels: Record<CommendationKind, { vi: string; en: string }> = {
  cong_trang: { vi: 'Công trạng', en: 'Achievement' },
  chuyen_de: { vi: 'Theo đợt, chuyên đề', en: 'A movement’s review' },
  dot_xuat: { vi: 'Đột xuất', en: 'Exceptional act' },
  cong_hien: { vi: 'Quá trình cống hiến', en: 'Long service' },
  nien_han: { vi: 'Niên hạn', en: 'Years of service' },
  doi_ngoai: { vi: 'Đối ngoại', en: 'Foreign relations' },
};

export const awardSubjects = ['individual', 'collective'] as const;
export type AwardSubject = (typeof awardSubjects)[number];

/** Who may grant (thẩm quyền), from the unit up. */
export const grantors = ['unit_head', 'province_chair', 'prime_minister', 'president'] as const;
export type Grantor = (typeof grantors)[number];

export const awards = [
  { code: 'lao_dong_tien_tien', kind: 'title', subjects: ['individual'], vi: 'Lao động tiên tiến', en: 'Advanced worker', grantor: 'unit_head' },
  { code: 'chien_si_thi_dua_co_so', kind: 'title', subjects: ['individual'], vi: 'Chiến sĩ thi đua cơ sở', en: 'Grassroots emulation fighter', grantor: 'unit_head' },
  { code: 'chien_si_thi_dua_tinh', kind: 'title', subjects: ['individual'], vi: 'Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh', en: 'Provincial emulation fighter', grantor: 'province_chair' },
  { code: 'chien_si_thi_dua_toan_quoc', kind: 'title', subjects: ['individual'], vi: 'Chiến sĩ thi đua toàn quốc', en: 'National emulation fighter', grantor: 'prime_minister' },
  { code: 'tap_the_lao_dong_tien_tien', kind: 'title', subjects: ['collective'], vi: 'Tập thể lao động tiên tiến', en: 'Advanced collective', grantor: 'unit_head' },
  { code: 'tap_the_lao_dong_xuat_sac', kind: 'title', subjects: ['collective'], vi: 'Tập thể lao động xuất sắc', en: 'Excellent collective', grantor: 'province_chair' },
  { code: 'co_thi_dua_tinh', kind: 'title', subjects: ['collective'], vi: 'Cờ thi đua cấp bộ, ban, ngành, tỉnh', en: 'Provincial emulation flag', grantor: 'province_chair' },
  { code: 'co_thi_dua_chinh_phu', kind: 'title', subjects: ['collective'], vi: 'Cờ thi đua của Chính phủ', en: 'Government emulation flag', grantor: 'prime_minister' },
  { code: 'giay_khen', kind: 'form', subjects: ['individual', 'collective'], vi: 'Giấy khen', en: 'Certificate of merit', grantor: 'unit_head' },
  { code: 'bang_khen_tinh', kind: 'form', subjects: ['individual', 'collective'], vi: 'Bằng khen cấp bộ, ban, ngành, tỉnh', en: 'Provincial certificate of merit', grantor: 'province_chair' },
  { code: 'bang_khen_thu_tuong', kind: 'form', subjects: ['individual', 'collective'], vi: 'Bằng khen của Thủ tướng Chính phủ', en: 'Prime Minister’s certificate of merit', grantor: 'prime_minister' },
  { code: 'huan_chuong_lao_dong_hang_ba', kind: 'form', subjects: ['individual', 'collective'], vi: 'Huân chương Lao động hạng Ba', en: 'Labour Order, third class', grantor: 'president' },
] as const satisfies readonly { code: string; kind: 'title' | 'form'; subjects: readonly AwardSubject[]; vi: string; en: string; grantor: Grantor }[];

export type AwardCode = (typeof awards)[number]['code'];
export const awardCodes = awards.map((a) => a.code) as [AwardCode, ...AwardCode[]];
export type Award = (typeof awards)[number];

// ── The round of bình xét (đợt bình xét thi đua, khen thưởng) ──

/** The kinds a unit's round is for: the year's achievement (công trạng) or a movement's review (sơ kết, tổng kết). */
export const roundKinds = ['cong_trang', 'chuyen_de'] as const;
export type RoundKind = (typeof roundKinds)[number];

/** proposing (the council adjusts the list) → voting (secret ballot) → voted (tallied) → decided (the decision is issued). */
export const roundStatuses = ['proposing', 'voting', 'voted', 'decided'] as const;
export type RoundStatus = (typeof roundStatuses)[number];
export const roundStatusLabels: Record<RoundStatus, { vi: string; en: string }> = {
  proposing: { vi: 'Đang bình xét', en: 'Proposing' },
  voting: { vi: 'Đang bỏ phiếu', en: 'Voting' },
  voted: { vi: 'Đã kiểm phiếu', en: 'Votes counted' },
  decided: { vi: 'Đã có quyết định', en: 'Decided' },
};

/** A nominee on the list (proposed), short of a condition (short), or taken off by the council (excluded). */
export const nominationStatuses = ['proposed', 'short', 'excluded'] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

/** A ballot's answer for one nominee: đồng ý or không đồng ý. */
export const ballotChoices = ['yes', 'no'] as const;
export type BallotChoice = (typeof ballotChoices)[number];

/** What one authority grants to one kind of subject, lowest first: a school's head grants Lao động tiên tiến, CSTĐ cơ sở and Giấy khen. */
export function awardsGrantedBy(grantor: Grantor, subject: AwardSubject): Award[] {
  return awards.filter((a) => a.grantor === grantor && (a.subjects as readonly AwardSubject[]).includes(subject));
}
