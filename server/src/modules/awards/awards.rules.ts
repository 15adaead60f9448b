import type { AwardCode, Discipline, InitiativeLevel, Rating, Subject, Sureness } from './awards.catalogue.js';

// The conditions of each title and form of commendation (điều kiện, tiêu chuẩn khen thưởng) as dated,
// cited data: a proposal is judged by the version in force on its date. This is the default set a
// tenant starts from; the law leaves the detail of collective titles, Bằng khen and Giấy khen to each
// ministry and province, whose own versions replace these. Sources and how sure each is: ../shared/LAW.md.

/** Where a rule comes from: the article and clause, and how sure the text is. */
export interface Citation {
  text: string;
  sure: Sureness;
}

/** One condition of a rule, as the engine (eligibility.ts) reads it. */
export type Condition = (
  | /** The year's rating is at least this. */ { kind: 'rating'; atLeast: Rating }
  | /** No discipline at this level or above in the year. */ { kind: 'noDiscipline'; atLeast: Discipline }
  | /** Not under discipline review, inspection, complaint (Nghị định 152/2025, Điều 4 khoản 4). */ { kind: 'notPending' }
  | /** Meets the standard of another award in the same year (CSTĐ cơ sở: that of Lao động tiên tiến). */ { kind: 'meets'; award: AwardCode }
  | /** Any one of several conditions. */ { kind: 'anyOf'; conditions: Condition[] }
  | /** Initiatives (sáng kiến) recognised at this level or above in the last `withinYears` years. */ {
      kind: 'initiatives';
      atLeast: InitiativeLevel;
      count: number;
      withinYears: number;
    }
  | /** The title held `count` times in a row, ending with the year; `every` years apart (1: each year). */ {
      kind: 'consecutiveTitles';
      title: AwardCode;
      count: number;
      every: number;
    }
  | /** The title held in the year itself. */ { kind: 'hasTitle'; title: AwardCode }
  | /**
     * A run of consecutive years ending with the year, each rated at least `atLeast` without discipline,
     * of at least `years`; with `since`, only the years after that award was granted count ("05 năm
     * tiếp theo"); with `titles`, the run must also hold one of those counts of titles or awards.
     */ {
      kind: 'streak';
      atLeast: Rating;
      years: number;
      since?: AwardCode;
      titles?: { code: AwardCode; count: number }[];
      initiatives?: { atLeast: InitiativeLevel; count: number };
    }
  | /** Named by its Cụm/Khối thi đua as the leading unit of the year. */ { kind: 'blockLeader' }
  | /** A share of the year's members holds the title: at least `percent`, or more than it when `strict`. */ {
      kind: 'membersWithTitleShare';
      title: AwardCode;
      percent: number;
      strict?: boolean;
    }
  | /** At least `count` members hold the title. */ { kind: 'membersWithTitle'; title: AwardCode; count: number }
  | /** Every member rated at least this. */ { kind: 'membersAllRated'; atLeast: Rating }
  | /** No member disciplined at this level or above in the year. */ { kind: 'membersNoDiscipline'; atLeast: Discipline }
) & { citation?: Citation };

/** A version of an award's rule for one kind of subject, in force from `from` to `to` (inclusive). */
export interface RuleVersion {
  award: AwardCode;
  subject: Subject;
  from: string;
  to: string | null;
  /** The texts the version follows. */
  basis: string;
  conditions: Condition[];
  /** × mức lương cơ sở on the decision date. */
  coefficient: number;
  coefficientCitation: Citation;
}

const LAW = 'Luật Thi đua, khen thưởng 2022';
const law = (article: string, sure: Sureness = 'ok'): Citation => ({ text: `${LAW}, ${article}`, sure });

/** The two decrees under the 2022 law, each with its own bonus table. */
const regimes = [
  { key: 'nd98', from: '2024-01-01', to: '2025-06-30', decree: 'Nghị định 98/2023/NĐ-CP' },
  { key: 'nd152', from: '2025-07-01', to: null, decree: 'Nghị định 152/2025/NĐ-CP' },
] as const;
type Regime = (typeof regimes)[number]['key'];

/** Province-level detail the law delegates (collective titles, Bằng khen, Giấy khen): the default copies Bắc Ninh's. */
const provincial = (article: string, sure: Sureness = 'partial'): Citation => ({
  text: `${article}; chi tiết do bộ, tỉnh quy định (mặc định theo Quyết định 86/2025/QĐ-UBND tỉnh Bắc Ninh)`,
  sure,
});
const holds = (regime: Regime): Condition => ({
  kind: 'notPending',
  citation: regime === 'nd152' ? { text: 'Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4', sure: 'ok' } : { text: 'Nghị định 98/2023/NĐ-CP, Điều 4', sure: 'unconfirmed' },
});
const noDiscipline = (regime: Regime): Condition => ({
  kind: 'noDiscipline',
  atLeast: 'khien_trach',
  citation:
    regime === 'nd152'
      ? { text: 'Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4 (thành tích tính từ khi chấp hành xong kỷ luật)', sure: 'ok' }
      : { text: 'Nghị định 98/2023/NĐ-CP, Điều 4', sure: 'unconfirmed' },
});

interface RuleSpec {
  award: AwardCode;
  subject: Subject;
  conditions: (regime: Regime) => Condition[];
  coefficient: Record<Regime, number>;
  coefficientCitation: Record<Regime, Citation>;
}

const bonusTable = (article98: string, article152: string, sure98: Sureness = 'ok', sure152: Sureness = 'ok'): Record<Regime, Citation> => ({
  nd98: { text: `Nghị định 98/2023/NĐ-CP, ${article98}`, sure: sure98 },
  nd152: { text: `Nghị định 152/2025/NĐ-CP, ${article152}`, sure: sure152 },
});
const same = (n: number): Record<Regime, number> => ({ nd98: n, nd152: n });
/** The titles' coefficients: the same article of each decree. */
const titleBonus = bonusTable('Điều 54', 'Điều 50');

/** "Đã được tặng <since>, 05 năm tiếp theo trở lên liên tục <rating>, trong thời gian đó có <titles>". */
const fiveYearsAfter = (since: AwardCode, atLeast: Rating, titles: { code: AwardCode; count: number }[], citation: Citation): Condition => ({
  kind: 'streak',
  atLeast,
  years: 5,
  since,
  titles,
  citation,
});
/** What a collective shows in those five years: a provincial flag, or twice Tập thể lao động xuất sắc. */
const flagOrTwiceExcellent = [
  { code: 'co_thi_dua_tinh', count: 1 },
  { code: 'tap_the_lao_dong_xuat_sac', count: 2 },
] satisfies { code: AwardCode; count: number }[];

const specs: RuleSpec[] = [
  {
    award: 'lao_dong_tien_tien',
    subject: 'individual',
    conditions: (r) => [{ kind: 'rating', atLeast: 'hoan_thanh_tot', citation: law('Điều 24 khoản 1 điểm a') }, noDiscipline(r), holds(r)],
    coefficient: same(0.3),
    coefficientCitation: titleBonus,
  },
  {
    award: 'chien_si_thi_dua_co_so',
    subject: 'individual',
    conditions: (r) => [
      { kind: 'meets', award: 'lao_dong_tien_tien', citation: law('Điều 23 khoản 1') },
      {
        kind: 'anyOf',
        citation: law('Điều 23 khoản 2'),
        conditions: [
          { kind: 'rating', atLeast: 'hoan_thanh_xuat_sac' },
          { kind: 'initiatives', atLeast: 'co_so', count: 1, withinYears: 1 },
        ],
      },
      holds(r),
    ],
    coefficient: same(1.0),
    coefficientCitation: titleBonus,
  },
  {
    award: 'chien_si_thi_dua_tinh',
    subject: 'individual',
    conditions: (r) => [
      { kind: 'consecutiveTitles', title: 'chien_si_thi_dua_co_so', count: 3, every: 1, citation: law('Điều 22 khoản 1') },
      { kind: 'initiatives', atLeast: 'tinh', count: 1, withinYears: 3, citation: law('Điều 22 khoản 1') },
      noDiscipline(r),
      holds(r),
    ],
    coefficient: same(3.0),
    coefficientCitation: titleBonus,
  },
  {
    award: 'chien_si_thi_dua_toan_quoc',
    subject: 'individual',
    conditions: (r) => [
      // The provincial title comes once in three years, so two in a row are three years apart.
      { kind: 'consecutiveTitles', title: 'chien_si_thi_dua_tinh', count: 2, every: 3, citation: law('Điều 21', 'partial') },
      { kind: 'initiatives', atLeast: 'toan_quoc', count: 1, withinYears: 6, citation: law('Điều 21', 'partial') },
      noDiscipline(r),
      holds(r),
    ],
    coefficient: same(4.5),
    coefficientCitation: titleBonus,
  },
  {
    award: 'tap_the_lao_dong_tien_tien',
    subject: 'collective',
    conditions: (r) => [
      { kind: 'rating', atLeast: 'hoan_thanh_tot', citation: law('Điều 28') },
      { kind: 'membersWithTitleShare', title: 'lao_dong_tien_tien', percent: 70, citation: provincial(`${LAW}, Điều 28`) },
      { kind: 'membersNoDiscipline', atLeast: 'canh_cao', citation: provincial(`${LAW}, Điều 28`) },
      holds(r),
    ],
    coefficient: same(0.8),
    coefficientCitation: titleBonus,
  },
  {
    award: 'tap_the_lao_dong_xuat_sac',
    subject: 'collective',
    conditions: (r) => [
      { kind: 'rating', atLeast: 'hoan_thanh_xuat_sac', citation: law('Điều 27') },
      { kind: 'membersAllRated', atLeast: 'hoan_thanh', citation: provincial(`${LAW}, Điều 27`) },
      { kind: 'membersWithTitleShare', title: 'lao_dong_tien_tien', percent: 70, citation: provincial(`${LAW}, Điều 27`) },
      { kind: 'membersWithTitle', title: 'chien_si_thi_dua_co_so', count: 1, citation: provincial(`${LAW}, Điều 27`) },
      holds(r),
    ],
    coefficient: same(1.5),
    coefficientCitation: titleBonus,
  },
  {
    award: 'co_thi_dua_tinh',
    subject: 'collective',
    conditions: (r) => [
      { kind: 'rating', atLeast: 'hoan_thanh_xuat_sac', citation: provincial(`${LAW}, Điều 26`) },
      { kind: 'blockLeader', citation: provincial(`${LAW}, Điều 26`) },
      holds(r),
    ],
    coefficient: same(8.0),
    coefficientCitation: titleBonus,
  },
  {
    award: 'co_thi_dua_chinh_phu',
    subject: 'collective',
    conditions: (r) => [
      { kind: 'rating', atLeast: 'hoan_thanh_xuat_sac', citation: law('Điều 25', 'partial') },
      // Chosen among the year's provincial flags (Hướng dẫn 1479/HD-BTĐKT).
      { kind: 'hasTitle', title: 'co_thi_dua_tinh', citation: law('Điều 25', 'partial') },
      holds(r),
    ],
    coefficient: same(12.0),
    coefficientCitation: titleBonus,
  },
  {
    award: 'giay_khen',
    subject: 'individual',
    conditions: (r) => [{ kind: 'rating', atLeast: 'hoan_thanh_tot', citation: provincial(`${LAW}, Điều 75`) }, noDiscipline(r), holds(r)],
    coefficient: same(0.3),
    coefficientCitation: bonusTable('Điều 55', 'Điều 54 khoản 1', 'partial', 'partial'),
  },
  {
    award: 'giay_khen',
    subject: 'collective',
    conditions: (r) => [{ kind: 'rating', atLeast: 'hoan_thanh_tot', citation: provincial(`${LAW}, Điều 75`) }, holds(r)],
    coefficient: same(0.6),
    coefficientCitation: bonusTable('Điều 55', 'Điều 54 khoản 2', 'partial', 'ok'),
  },
  {
    award: 'bang_khen_tinh',
    subject: 'individual',
    conditions: (r) => [
      {
        kind: 'anyOf',
        citation: provincial(`${LAW}, Điều 74`),
        conditions: [
          { kind: 'consecutiveTitles', title: 'chien_si_thi_dua_co_so', count: 2, every: 1 },
          { kind: 'streak', atLeast: 'hoan_thanh_xuat_sac', years: 2, initiatives: { atLeast: 'co_so', count: 2 } },
        ],
      },
      noDiscipline(r),
      holds(r),
    ],
    coefficient: { nd98: 1.0, nd152: 1.5 },
    coefficientCitation: bonusTable('Điều 55', 'Điều 54 khoản 1', 'partial', 'ok'),
  },
  {
    award: 'bang_khen_tinh',
    subject: 'collective',
    conditions: (r) => [
      {
        kind: 'anyOf',
        citation: provincial(`${LAW}, Điều 74`),
        conditions: [
          { kind: 'streak', atLeast: 'hoan_thanh_xuat_sac', years: 2 },
          { kind: 'consecutiveTitles', title: 'tap_the_lao_dong_xuat_sac', count: 2, every: 1 },
        ],
      },
      holds(r),
    ],
    coefficient: { nd98: 2.0, nd152: 3.0 },
    coefficientCitation: bonusTable('Điều 55', 'Điều 54 khoản 2', 'partial', 'ok'),
  },
  {
    award: 'bang_khen_thu_tuong',
    subject: 'individual',
    conditions: (r) => [
      fiveYearsAfter('bang_khen_tinh', 'hoan_thanh_tot', [{ code: 'chien_si_thi_dua_co_so', count: 3 }], law('Điều 73 khoản 1 điểm b')),
      noDiscipline(r),
      holds(r),
    ],
    coefficient: { nd98: 1.5, nd152: 3.5 },
    coefficientCitation: bonusTable('Điều 55', 'Điều 54 khoản 1', 'unconfirmed', 'ok'),
  },
  {
    award: 'bang_khen_thu_tuong',
    subject: 'collective',
    conditions: (r) => [
      fiveYearsAfter('bang_khen_tinh', 'hoan_thanh_tot', flagOrTwiceExcellent, law('Điều 73 khoản 2', 'unconfirmed')),
      holds(r),
    ],
    coefficient: { nd98: 3.0, nd152: 7.0 },
    coefficientCitation: bonusTable('Điều 55', 'Điều 54 khoản 2', 'unconfirmed', 'ok'),
  },
  {
    award: 'huan_chuong_lao_dong_hang_ba',
    subject: 'individual',
    conditions: (r) => [
      fiveYearsAfter(
        'bang_khen_thu_tuong',
        'hoan_thanh_xuat_sac',
        [
          { code: 'chien_si_thi_dua_tinh', count: 1 },
          { code: 'chien_si_thi_dua_co_so', count: 2 },
        ],
        law('Điều 44 khoản 1', 'unconfirmed'),
      ),
      noDiscipline(r),
      holds(r),
    ],
    coefficient: same(4.5),
    coefficientCitation: bonusTable('Điều 55', 'Điều 51'),
  },
  {
    award: 'huan_chuong_lao_dong_hang_ba',
    subject: 'collective',
    conditions: (r) => [
      fiveYearsAfter('bang_khen_thu_tuong', 'hoan_thanh_xuat_sac', flagOrTwiceExcellent, law('Điều 44 khoản 3', 'unconfirmed')),
      holds(r),
    ],
    coefficient: same(9.0),
    coefficientCitation: bonusTable('Điều 55', 'Điều 51'),
  },
];

/** The default rule versions: each award and subject under each decree of the 2022 law. */
export const defaultRules: RuleVersion[] = specs.flatMap((s) =>
  regimes.map((r) => ({
    award: s.award,
    subject: s.subject,
    from: r.from,
    to: r.to,
    basis: `${LAW}; ${r.decree}`,
    conditions: s.conditions(r.key),
    coefficient: s.coefficient[r.key],
    coefficientCitation: s.coefficientCitation[r.key],
  })),
);
