import { describe, expect, it } from 'vitest';
import type { AwardCode, Discipline, InitiativeLevel, Rating } from './awards.catalogue.js';
import { bonusAmount, checkEligibility, EligibilityError, type EligibilityInput, type HistoryYear, type Member } from './eligibility.js';

// Cases written from the law's text (Luật Thi đua, khen thưởng 2022; Nghị định 98/2023 and 152/2025):
// each names the article it follows. ../shared/LAW.md has the sources.

type YearSpec = {
  rating?: Rating;
  titles?: (AwardCode | { code: AwardCode; kind: HistoryYear['titles'][number]['kind'] })[];
  awards?: AwardCode[];
  initiatives?: InitiativeLevel[];
  discipline?: Discipline;
  blockLeader?: boolean;
};

function history(years: Record<number, YearSpec>): HistoryYear[] {
  return Object.entries(years).map(([y, s]) => ({
    year: Number(y),
    rating: s.rating ?? null,
    titles: (s.titles ?? []).map((t) => (typeof t === 'string' ? { code: t, kind: 'cong_trang' as const } : t)),
    awards: (s.awards ?? []).map((code) => ({ code, kind: 'cong_trang' as const })),
    initiatives: (s.initiatives ?? []).map((level) => ({ level })),
    discipline: s.discipline ?? null,
    blockLeader: s.blockLeader,
  }));
}

const check = (award: AwardCode, years: Record<number, YearSpec>, more: Partial<EligibilityInput> = {}) =>
  checkEligibility({ award, subject: 'individual', year: 2025, proposedOn: '2025-12-10', history: history(years), ...more });

const failing = (r: ReturnType<typeof check>) => r.conditions.filter((c) => !c.met);

describe('Lao động tiên tiến (Điều 24)', () => {
  it('needs "hoàn thành tốt nhiệm vụ" or better in the year', () => {
    expect(check('lao_dong_tien_tien', { 2025: { rating: 'hoan_thanh_tot' } }).eligible).toBe(true);
    const r = check('lao_dong_tien_tien', { 2025: { rating: 'hoan_thanh' } });
    expect(r.eligible).toBe(false);
    expect(failing(r)).toEqual([expect.objectContaining({ text: 'Năm 2025 hoàn thành tốt nhiệm vụ trở lên', fact: 'Năm 2025: hoàn thành nhiệm vụ', citation: 'Luật Thi đua, khen thưởng 2022, Điều 24 khoản 1 điểm a' })]);
  });

  it('is refused in a year of discipline, and while a complaint is pending (Nghị định 152/2025, Điều 4 khoản 4)', () => {
    expect(failing(check('lao_dong_tien_tien', { 2025: { rating: 'hoan_thanh_tot', discipline: 'khien_trach' } }))[0]).toMatchObject({ fact: 'Năm 2025: kỷ luật khiển trách' });
    const pending = check('lao_dong_tien_tien', { 2025: { rating: 'hoan_thanh_xuat_sac' } }, { pending: ['khiếu nại đang giải quyết'] });
    expect(pending.eligible).toBe(false);
    expect(failing(pending)[0]).toMatchObject({ fact: 'Đang: khiếu nại đang giải quyết', citation: 'Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4' });
  });
});

describe('Chiến sĩ thi đua cơ sở (Điều 23)', () => {
  it('takes "hoàn thành xuất sắc" alone: an initiative is one way, not a must', () => {
    expect(check('chien_si_thi_dua_co_so', { 2025: { rating: 'hoan_thanh_xuat_sac' } }).eligible).toBe(true);
    expect(check('chien_si_thi_dua_co_so', { 2025: { rating: 'hoan_thanh_tot', initiatives: ['co_so'] } }).eligible).toBe(true);
  });

  it('refuses "hoàn thành tốt" without an initiative, saying which part is missing', () => {
    const r = check('chien_si_thi_dua_co_so', { 2024: { rating: 'hoan_thanh_tot', initiatives: ['tinh'] }, 2025: { rating: 'hoan_thanh_tot' } });
    expect(r.eligible).toBe(false);
    expect(r.conditions[0]).toMatchObject({ text: 'Đạt tiêu chuẩn Lao động tiên tiến năm 2025', met: true });
    expect(failing(r)).toEqual([
      expect.objectContaining({
        citation: 'Luật Thi đua, khen thưởng 2022, Điều 23 khoản 2',
        fact: 'Năm 2025: hoàn thành tốt nhiệm vụ; Không có sáng kiến cấp cơ sở trở lên (năm 2025)',
      }),
    ]);
  });

  it('needs the standard of Lao động tiên tiến first', () => {
    const r = check('chien_si_thi_dua_co_so', { 2025: { rating: 'hoan_thanh', initiatives: ['co_so'] } });
    expect(failing(r)[0]).toMatchObject({ text: 'Đạt tiêu chuẩn Lao động tiên tiến năm 2025', fact: 'Năm 2025: hoàn thành nhiệm vụ' });
  });
});

describe('Chiến sĩ thi đua cấp tỉnh (Điều 22 khoản 1)', () => {
  const three = {
    2023: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'] },
    2024: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'], initiatives: ['tinh'] },
    2025: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'] },
  } satisfies Record<number, YearSpec>;

  it('takes three Chiến sĩ thi đua cơ sở in a row and an initiative recognised by the province', () => {
    const r = check('chien_si_thi_dua_tinh', three);
    expect(r.eligible).toBe(true);
    expect(r.conditions[0]).toMatchObject({ met: true, fact: 'Chiến sĩ thi đua cơ sở 2023, 2024, 2025 liên tục' });
    expect(r.conditions[1]).toMatchObject({ met: true, fact: 'Sáng kiến cấp bộ, ngành, tỉnh năm 2024' });
  });

  it('refuses a gap in the run, naming the year', () => {
    const r = check('chien_si_thi_dua_tinh', { ...three, 2024: { rating: 'hoan_thanh_tot', initiatives: ['tinh'] } });
    expect(failing(r)[0]).toMatchObject({ fact: 'Chưa đạt Chiến sĩ thi đua cơ sở năm 2024' });
  });

  it('an initiative of the unit only is not enough', () => {
    const r = check('chien_si_thi_dua_tinh', { ...three, 2024: { ...three[2024], initiatives: ['co_so'] } });
    expect(failing(r)[0]).toMatchObject({ fact: 'Không có sáng kiến cấp bộ, ngành, tỉnh trở lên (2023–2025)' });
  });

  it('counts achievements only after a discipline ends (Nghị định 152/2025, Điều 4 khoản 4)', () => {
    const r = check('chien_si_thi_dua_tinh', { ...three, 2023: { ...three[2023], discipline: 'khien_trach' } });
    expect(r.eligible).toBe(false);
    expect(failing(r)[0]).toMatchObject({ fact: 'Chưa đạt Chiến sĩ thi đua cơ sở năm 2023 (tính từ sau kỷ luật năm 2023)' });
  });

  it('does not count the same titles twice: those behind an earlier grant are spent', () => {
    const r = check('chien_si_thi_dua_tinh', {
      2023: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so', 'chien_si_thi_dua_tinh'] },
      2024: three[2024],
      2025: three[2025],
    });
    expect(failing(r)[0]?.fact).toContain('năm 2023 đã được tính cho Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh năm 2023');
  });
});

describe('Chiến sĩ thi đua toàn quốc (Điều 21)', () => {
  it('takes two provincial titles in a row, three years apart, and a nationally recognised initiative', () => {
    const r = check('chien_si_thi_dua_toan_quoc', {
      2022: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_tinh'] },
      2024: { rating: 'hoan_thanh_xuat_sac', initiatives: ['toan_quoc'] },
      2025: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_tinh'] },
    });
    expect(r.eligible).toBe(true);
    expect(r.conditions[0]?.fact).toBe('Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh 2022, 2025 liên tục');
    expect(r.bonus).toMatchObject({ coefficient: 4.5 });
  });
});

describe('Bằng khen của Thủ tướng, cá nhân (Điều 73 khoản 1 điểm b)', () => {
  const since2019 = {
    2019: { rating: 'hoan_thanh_xuat_sac', awards: ['bang_khen_tinh'] },
    2020: { rating: 'hoan_thanh_tot' },
    2021: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'] },
    2022: { rating: 'hoan_thanh_tot' },
    2023: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'] },
    2024: { rating: 'hoan_thanh_tot' },
    2025: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'] },
  } satisfies Record<number, YearSpec>;

  it('takes a provincial Bằng khen, then five years or more in a row "hoàn thành tốt" or better with three CSTĐ cơ sở', () => {
    const r = check('bang_khen_thu_tuong', since2019);
    expect(r.eligible).toBe(true);
    expect(r.conditions[0]).toMatchObject({
      met: true,
      fact: 'Bằng khen cấp bộ, ban, ngành, tỉnh năm 2019; hoàn thành tốt nhiệm vụ 2020–2025 (6 năm liên tục); Chiến sĩ thi đua cơ sở: 2021, 2023, 2025',
      citation: 'Luật Thi đua, khen thưởng 2022, Điều 73 khoản 1 điểm b',
    });
    expect(r.bonus).toMatchObject({ coefficient: 3.5, baseSalary: 2_340_000, amount: 8_190_000 });
  });

  it('counts only the years after the Bằng khen: four are not five', () => {
    const r = check('bang_khen_thu_tuong', { ...since2019, 2021: { ...since2019[2021], awards: ['bang_khen_tinh'] } });
    expect(r.eligible).toBe(false);
    expect(failing(r)[0]?.fact).toContain('2022–2025 (4 năm liên tục)');
  });

  it('a year below "hoàn thành tốt" breaks the run', () => {
    const r = check('bang_khen_thu_tuong', { ...since2019, 2022: { rating: 'hoan_thanh' } });
    expect(failing(r)[0]?.fact).toContain('2023–2025 (3 năm liên tục)');
  });

  it('an award đột xuất or chuyên đề is not a basis for a công trạng one (Nghị định 152/2025, Điều 4 khoản 3)', () => {
    const r = check('bang_khen_thu_tuong', {
      ...since2019,
      2019: { rating: 'hoan_thanh_xuat_sac', titles: [{ code: 'bang_khen_tinh', kind: 'chuyen_de' }] },
    });
    expect(failing(r)[0]).toMatchObject({ fact: 'Chưa được tặng Bằng khen cấp bộ, ban, ngành, tỉnh trước năm 2025' });
  });
});

describe('collective titles (Điều 27, 28; detail by province)', () => {
  const members = (spec: { n: number; rating?: Rating; titles?: AwardCode[]; discipline?: Discipline }[]): Member[] =>
    spec.flatMap((s) => Array.from({ length: s.n }, () => ({ rating: s.rating ?? 'hoan_thanh_tot', titles: s.titles ?? [], discipline: s.discipline ?? null })));
  const collective = (award: AwardCode, rating: Rating, m: Member[]) =>
    checkEligibility({ award, subject: 'collective', year: 2025, proposedOn: '2025-12-10', history: history({ 2025: { rating } }), members: m });

  it('Tập thể lao động tiên tiến: 70 % of members Lao động tiên tiến, nobody disciplined at cảnh cáo or above', () => {
    expect(collective('tap_the_lao_dong_tien_tien', 'hoan_thanh_tot', members([{ n: 7, titles: ['lao_dong_tien_tien'] }, { n: 3 }])).eligible).toBe(true);
    const six = collective('tap_the_lao_dong_tien_tien', 'hoan_thanh_tot', members([{ n: 6, titles: ['lao_dong_tien_tien'] }, { n: 4 }]));
    expect(failing(six)[0]).toMatchObject({ fact: '6/10 thành viên (60 %) đạt Lao động tiên tiến' });
    const warned = collective('tap_the_lao_dong_tien_tien', 'hoan_thanh_tot', members([{ n: 9, titles: ['lao_dong_tien_tien'] }, { n: 1, discipline: 'canh_cao' }]));
    expect(failing(warned)[0]).toMatchObject({ fact: '1 thành viên bị kỷ luật cảnh cáo' });
    // A khiển trách is below the bar of this rule.
    expect(collective('tap_the_lao_dong_tien_tien', 'hoan_thanh_tot', members([{ n: 9, titles: ['lao_dong_tien_tien'] }, { n: 1, discipline: 'khien_trach' }])).eligible).toBe(true);
  });

  it('Tập thể lao động xuất sắc: every member completes their tasks, 70 % Lao động tiên tiến, one Chiến sĩ thi đua cơ sở', () => {
    const good = members([{ n: 1, rating: 'hoan_thanh_xuat_sac', titles: ['lao_dong_tien_tien', 'chien_si_thi_dua_co_so'] }, { n: 7, titles: ['lao_dong_tien_tien'] }, { n: 2, rating: 'hoan_thanh' }]);
    expect(collective('tap_the_lao_dong_xuat_sac', 'hoan_thanh_xuat_sac', good).eligible).toBe(true);
    const oneShort = [...good.slice(0, 9), { rating: 'khong_hoan_thanh' as const, titles: [], discipline: null }];
    expect(failing(collective('tap_the_lao_dong_xuat_sac', 'hoan_thanh_xuat_sac', oneShort))[0]).toMatchObject({ fact: '1/10 thành viên dưới mức hoàn thành nhiệm vụ' });
    const noFighter = members([{ n: 8, titles: ['lao_dong_tien_tien'] }, { n: 2 }]);
    expect(failing(collective('tap_the_lao_dong_xuat_sac', 'hoan_thanh_xuat_sac', noFighter))[0]).toMatchObject({ fact: '0 thành viên đạt Chiến sĩ thi đua cơ sở' });
  });

  it('Cờ thi đua: the block’s leading unit for the province, chosen among the provincial flags for the Government', () => {
    const flag = checkEligibility({ award: 'co_thi_dua_tinh', subject: 'collective', year: 2025, proposedOn: '2025-12-10', history: history({ 2025: { rating: 'hoan_thanh_xuat_sac', blockLeader: true } }) });
    expect(flag.eligible).toBe(true);
    expect(flag.bonus.amount).toBe(18_720_000);
    const gov = checkEligibility({ award: 'co_thi_dua_chinh_phu', subject: 'collective', year: 2025, proposedOn: '2025-12-10', history: history({ 2025: { rating: 'hoan_thanh_xuat_sac' } }) });
    expect(failing(gov)[0]).toMatchObject({ fact: 'Năm 2025 chưa được tặng Cờ thi đua cấp bộ, ban, ngành, tỉnh' });
  });
});

describe('the rule in force on the proposal’s date, the base salary on the decision’s', () => {
  const twoYearsExcellent = { 2024: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'] }, 2025: { rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'] } } satisfies Record<number, YearSpec>;

  it('Bằng khen tỉnh pays 1.0 under Nghị định 98/2023 and 1.5 under Nghị định 152/2025', () => {
    const before = check('bang_khen_tinh', twoYearsExcellent, { proposedOn: '2025-06-20' });
    expect(before.rule).toEqual({ citation: 'Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP', effectiveFrom: '2024-01-01', effectiveTo: '2025-06-30' });
    expect(before.bonus).toMatchObject({ coefficient: 1, baseSalary: 2_340_000, amount: 2_340_000 });
    const after = check('bang_khen_tinh', twoYearsExcellent, { proposedOn: '2025-07-01' });
    expect(after.rule.citation).toBe('Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP');
    expect(after.bonus).toMatchObject({ coefficient: 1.5, amount: 3_510_000 });
  });

  it('uses the base salary of the decision date, rounded up to 10,000 đ', () => {
    const r = check('bang_khen_tinh', twoYearsExcellent, { decidedOn: '2026-07-15' });
    expect(r.bonus).toMatchObject({ baseSalary: 2_530_000, amount: 3_800_000, decidedOn: '2026-07-15' });
    expect(check('lao_dong_tien_tien', { 2025: { rating: 'hoan_thanh_tot' } }, { decidedOn: '2026-07-01' }).bonus.amount).toBe(760_000);
    expect(bonusAmount(0.8, 2_530_000)).toBe(2_030_000);
    expect(bonusAmount(3.5, 2_530_000)).toBe(8_860_000);
    expect(bonusAmount(0.3, 1_800_000)).toBe(540_000);
  });

  it('refuses a date no rule covers, and an award not given to that kind of subject', () => {
    expect(() => check('lao_dong_tien_tien', { 2023: { rating: 'hoan_thanh_tot' } }, { year: 2023, proposedOn: '2023-12-01' })).toThrow(
      expect.objectContaining({ code: 'NO_RULE_IN_FORCE', message: 'Chưa có quy định về Lao động tiên tiến (cá nhân) có hiệu lực ngày 01/12/2023' }),
    );
    expect(() => check('tap_the_lao_dong_tien_tien', {})).toThrow(EligibilityError);
    expect(() => check('tap_the_lao_dong_tien_tien', {})).toThrow('Tập thể lao động tiên tiến không xét tặng cho cá nhân');
  });
});
