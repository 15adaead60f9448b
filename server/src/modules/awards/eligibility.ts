import {
  awardOf,
  defaultBaseSalaries,
  disciplineLabels,
  disciplines,
  initiativeLevelLabels,
  initiativeLevels,
  ratingLabels,
  ratings,
  type AwardCode,
  type CommendationKind,
  type Discipline,
  type InitiativeLevel,
  type Rating,
  type Subject,
} from './awards.catalogue.js';
import { defaultRules, type Citation, type Condition, type RuleVersion } from './awards.rules.js';

// The eligibility engine (xét điều kiện khen thưởng): for one subject and one award, the rule in force
// on the proposal's date, each of its conditions met or not with the fact that decided it, and the
// bonus. A pure function of its input: the command line (`thidua awards check`) and the server use it alike.

/** A title or award in a history: công trạng unless said otherwise. */
export interface HeldAward {
  code: AwardCode;
  kind: CommendationKind;
}

/** One year of a person's or unit's record (hồ sơ thành tích). */
export interface HistoryYear {
  year: number;
  rating: Rating | null;
  titles: HeldAward[];
  awards: HeldAward[];
  initiatives: { level: InitiativeLevel }[];
  discipline: Discipline | null;
  /** Named the leading unit of its Cụm/Khối thi đua that year (collectives). */
  blockLeader?: boolean;
}

/** A member of a collective in the year. */
export interface Member {
  rating: Rating | null;
  titles: AwardCode[];
  discipline: Discipline | null;
}

export interface EligibilityInput {
  award: AwardCode;
  subject: Subject;
  /** The year the title or award is for: history up to and including it counts. */
  year: number;
  /** YYYY-MM-DD: picks the rule in force. */
  proposedOn: string;
  /** YYYY-MM-DD: picks the base salary of the bonus; proposedOn when not given. */
  decidedOn?: string;
  history: HistoryYear[];
  members?: Member[];
  /** Pending matters that hold a proposal (kỷ luật, thanh tra, khiếu nại…), each in words. */
  pending?: string[];
}

export interface ConditionResult {
  text: string;
  met: boolean;
  /** What decided it, from the history: "Chiến sĩ thi đua cơ sở 2023, 2024, 2025 liên tục". */
  fact: string;
  citation: string | null;
  /** How sure the cited text is: ok, partial (second-hand), unconfirmed (not found). */
  sure: Citation['sure'] | null;
}

export interface EligibilityResult {
  award: AwardCode;
  awardName: string;
  subject: Subject;
  year: number;
  eligible: boolean;
  conditions: ConditionResult[];
  rule: { citation: string; effectiveFrom: string; effectiveTo: string | null };
  bonus: { coefficient: number; baseSalary: number; amount: number; decidedOn: string; citation: string };
}

/** Input the engine cannot judge (no rule in force, an award not for this subject): a 4xx, never a guess. */
export class EligibilityError extends Error {
  constructor(
    readonly code: 'AWARD_SUBJECT_MISMATCH' | 'NO_RULE_IN_FORCE' | 'NO_BASE_SALARY',
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

const SUBJECT_LABEL: Record<Subject, string> = { individual: 'cá nhân', collective: 'tập thể' };
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const rank = <T extends string>(scale: readonly T[], v: T | null | undefined) => (v ? scale.indexOf(v) : -1);
const name = (code: AwardCode) => awardOf(code).name;
const yearsText = (ys: number[]) => ys.join(', ');
const span = (from: number, to: number) => (from === to ? `năm ${to}` : `${from}–${to}`);

/** The rule version in force on the date for the award and subject, from the given set. */
export function ruleInForce(rules: readonly RuleVersion[], award: AwardCode, subject: Subject, on: string): RuleVersion {
  const a = awardOf(award);
  if (!(a.subjects as readonly Subject[]).includes(subject)) {
    throw new EligibilityError(
      'AWARD_SUBJECT_MISMATCH',
      `${a.name} không xét tặng cho ${SUBJECT_LABEL[subject]}`,
      `${a.name} is not awarded to ${subject === 'individual' ? 'individuals' : 'collectives'}`,
    );
  }
  const rule = rules.find((r) => r.award === award && r.subject === subject && r.from <= on && (r.to === null || on <= r.to));
  if (!rule) {
    throw new EligibilityError(
      'NO_RULE_IN_FORCE',
      `Chưa có quy định về ${a.name} (${SUBJECT_LABEL[subject]}) có hiệu lực ngày ${vnDate(on)}`,
      `No rule for ${a.name} (${subject}) in force on ${vnDate(on)}`,
    );
  }
  return rule;
}

/** Mức lương cơ sở in force on the date. */
export function baseSalaryOn(on: string, table = defaultBaseSalaries): { amount: number; citation: string } {
  const row = [...table].filter((r) => r.from <= on).sort((a, b) => b.from.localeCompare(a.from))[0];
  if (!row) throw new EligibilityError('NO_BASE_SALARY', `Chưa có mức lương cơ sở áp dụng ngày ${vnDate(on)}`, `No base salary in force on ${vnDate(on)}`);
  return row;
}

/** coefficient × base salary, rounded up to 10,000 đ (Nghị định 152/2025, Điều 49); in whole đồng, no floating error. */
export function bonusAmount(coefficient: number, baseSalary: number): number {
  const exact = (Math.round(coefficient * 100) * baseSalary) / 100;
  return Math.ceil(exact / 10_000) * 10_000;
}

const lowerFirst = (s: string) => `${s.charAt(0).toLocaleLowerCase('vi-VN')}${s.slice(1)}`;

/** The conditions not met, each as the fact and what is required: "Năm 2025: hoàn thành nhiệm vụ (yêu cầu: …)". */
export function shortfall(r: EligibilityResult): string {
  return r.conditions
    .filter((c) => !c.met)
    .map((c) => `${c.fact} (yêu cầu: ${lowerFirst(c.text)})`)
    .join('; ');
}

export function checkEligibility(input: EligibilityInput, rules: readonly RuleVersion[] = defaultRules): EligibilityResult {
  const rule = ruleInForce(rules, input.award, input.subject, input.proposedOn);
  const ctx = new Context(input, rules);
  const conditions = rule.conditions.map((c) => ctx.evaluate(c));
  const decidedOn = input.decidedOn ?? input.proposedOn;
  const base = baseSalaryOn(decidedOn);
  return {
    award: input.award,
    awardName: name(input.award),
    subject: input.subject,
    year: input.year,
    eligible: conditions.every((c) => c.met),
    conditions,
    rule: { citation: rule.basis, effectiveFrom: rule.from, effectiveTo: rule.to },
    bonus: {
      coefficient: rule.coefficient,
      baseSalary: base.amount,
      amount: bonusAmount(rule.coefficient, base.amount),
      decidedOn,
      citation: `${rule.coefficientCitation.text}; ${base.citation}`,
    },
  };
}

/** Evaluates conditions against one input's history. */
class Context {
  private readonly byYear = new Map<number, HistoryYear>();
  /** Achievements count only after the last discipline (Nghị định 152/2025, Điều 4 khoản 4). */
  private readonly lastDiscipline: number | null;

  constructor(
    private readonly input: EligibilityInput,
    private readonly rules: readonly RuleVersion[],
  ) {
    for (const h of input.history) if (h.year <= input.year) this.byYear.set(h.year, h);
    const disciplined = [...this.byYear.values()].filter((h) => h.discipline).map((h) => h.year);
    this.lastDiscipline = disciplined.length ? Math.max(...disciplined) : null;
  }

  private counts(year: number): boolean {
    return year <= this.input.year && (this.lastDiscipline === null || year > this.lastDiscipline);
  }

  /** Whether the subject holds a công trạng title or award in that year (đột xuất and chuyên đề ones do not count). */
  private holds(year: number, code: AwardCode): boolean {
    const h = this.byYear.get(year);
    return !!h && [...h.titles, ...h.awards].some((a) => a.code === code && a.kind === 'cong_trang');
  }

  /** The last earlier year the award being checked was granted (công trạng), if ever. */
  private lastGrantBefore(year: number): number | null {
    const years = [...this.byYear.keys()].filter((y) => y < year && this.holds(y, this.input.award));
    return years.length ? Math.max(...years) : null;
  }

  private restartNote(): string {
    return this.lastDiscipline !== null ? ` (tính từ sau kỷ luật năm ${this.lastDiscipline})` : '';
  }

  evaluate(c: Condition): ConditionResult {
    const r = this.judge(c);
    return { ...r, citation: c.citation?.text ?? null, sure: c.citation?.sure ?? null };
  }

  private judge(c: Condition): { text: string; met: boolean; fact: string } {
    const { year } = this.input;
    const h = this.byYear.get(year);
    switch (c.kind) {
      case 'rating': {
        const met = rank(ratings, h?.rating) >= rank(ratings, c.atLeast);
        return {
          text: `Năm ${year} ${ratingLabels[c.atLeast]}${c.atLeast === 'hoan_thanh_xuat_sac' ? '' : ' trở lên'}`,
          met,
          fact: h?.rating ? `Năm ${year}: ${ratingLabels[h.rating]}` : `Năm ${year}: chưa có xếp loại`,
        };
      }
      case 'noDiscipline': {
        const d = h?.discipline ?? null;
        return {
          text: `Không bị kỷ luật từ ${disciplineLabels[c.atLeast]} trở lên trong năm ${year}`,
          met: rank(disciplines, d) < rank(disciplines, c.atLeast),
          fact: d ? `Năm ${year}: kỷ luật ${disciplineLabels[d]}` : `Năm ${year}: không bị kỷ luật`,
        };
      }
      case 'notPending': {
        const pending = this.input.pending ?? [];
        return {
          text: 'Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra, khiếu nại, tố cáo',
          met: pending.length === 0,
          fact: pending.length ? `Đang: ${pending.join('; ')}` : 'Không có việc đang xem xét',
        };
      }
      case 'meets': {
        const rule = ruleInForce(this.rules, c.award, this.input.subject, this.input.proposedOn);
        const parts = rule.conditions.filter((x) => x.kind !== 'notPending').map((x) => this.judge(x));
        const unmet = parts.filter((p) => !p.met);
        return {
          text: `Đạt tiêu chuẩn ${name(c.award)} năm ${year}`,
          met: unmet.length === 0,
          fact: (unmet.length ? unmet : parts).map((p) => p.fact).join('; '),
        };
      }
      case 'anyOf': {
        const parts = c.conditions.map((x) => this.judge(x));
        const met = parts.find((p) => p.met);
        return {
          text: `Một trong các điều kiện: ${parts.map((p) => p.text).join('; hoặc ')}`,
          met: !!met,
          fact: met ? met.fact : parts.map((p) => p.fact).join('; '),
        };
      }
      case 'initiatives': {
        const from = year - c.withinYears + 1;
        const found: string[] = [];
        let n = 0;
        for (let y = from; y <= year; y++) {
          if (!this.counts(y)) continue;
          for (const i of this.byYear.get(y)?.initiatives ?? []) {
            if (rank(initiativeLevels, i.level) < rank(initiativeLevels, c.atLeast)) continue;
            n++;
            found.push(`${initiativeLevelLabels[i.level]} năm ${y}`);
          }
        }
        const count = c.count === 1 ? 'Có sáng kiến' : `Có ${c.count} sáng kiến`;
        return {
          text: `${count} được công nhận ${initiativeLevelLabels[c.atLeast]} trở lên (${span(from, year)})`,
          met: n >= c.count,
          fact: found.length ? `Sáng kiến ${found.join(', ')}${this.restartNote()}` : `Không có sáng kiến ${initiativeLevelLabels[c.atLeast]} trở lên (${span(from, year)})${this.restartNote()}`,
        };
      }
      case 'consecutiveTitles': {
        const years = Array.from({ length: c.count }, (_, i) => year - (c.count - 1 - i) * c.every);
        // Titles that already led to this award once do not lead to it again (Luật 2022, Điều 5).
        const granted = this.lastGrantBefore(year);
        const used = years.filter((y) => granted !== null && y <= granted);
        const missing = years.filter((y) => !this.counts(y) || !this.holds(y, c.title));
        const facts = [
          missing.length ? `Chưa đạt ${name(c.title)} năm ${yearsText(missing)}${this.restartNote()}` : `${name(c.title)} ${yearsText(years)} liên tục`,
          ...(used.length ? [`năm ${yearsText(used)} đã được tính cho ${name(this.input.award)} năm ${granted}`] : []),
        ];
        return { text: `${c.count} lần liên tục đạt ${name(c.title)} (đến năm ${year})`, met: missing.length === 0 && used.length === 0, fact: facts.join('; ') };
      }
      case 'hasTitle': {
        const met = this.holds(year, c.title);
        return { text: `Được tặng ${name(c.title)} năm ${year}`, met, fact: met ? `${name(c.title)} năm ${year}` : `Năm ${year} chưa được tặng ${name(c.title)}` };
      }
      case 'streak':
        return this.streak(c);
      case 'blockLeader':
        return {
          text: `Được Cụm, Khối thi đua suy tôn dẫn đầu năm ${year}`,
          met: !!h?.blockLeader,
          fact: h?.blockLeader ? `Dẫn đầu Cụm, Khối năm ${year}` : `Năm ${year} không dẫn đầu Cụm, Khối`,
        };
      case 'membersWithTitleShare': {
        const members = this.input.members ?? [];
        const n = members.filter((m) => m.titles.includes(c.title)).length;
        const share = members.length ? (n * 100) / members.length : 0;
        const met = members.length > 0 && (c.strict ? share > c.percent : share >= c.percent);
        return {
          text: `${c.strict ? 'Trên' : 'Từ'} ${c.percent} % thành viên đạt ${name(c.title)}`,
          met,
          fact: members.length ? `${n}/${members.length} thành viên (${formatPercent(share)} %) đạt ${name(c.title)}` : 'Không có danh sách thành viên',
        };
      }
      case 'membersWithTitle': {
        const n = (this.input.members ?? []).filter((m) => m.titles.includes(c.title)).length;
        return { text: `Có ít nhất ${c.count} thành viên đạt ${name(c.title)}`, met: n >= c.count, fact: `${n} thành viên đạt ${name(c.title)}` };
      }
      case 'membersAllRated': {
        const members = this.input.members ?? [];
        const short = members.filter((m) => rank(ratings, m.rating) < rank(ratings, c.atLeast)).length;
        return {
          text: `100 % thành viên ${ratingLabels[c.atLeast]} trở lên`,
          met: members.length > 0 && short === 0,
          fact: members.length ? (short ? `${short}/${members.length} thành viên dưới mức ${ratingLabels[c.atLeast]}` : `${members.length}/${members.length} thành viên đạt`) : 'Không có danh sách thành viên',
        };
      }
      case 'membersNoDiscipline': {
        const members = this.input.members ?? [];
        const hit = members.filter((m) => rank(disciplines, m.discipline) >= rank(disciplines, c.atLeast));
        return {
          text: `Không có thành viên bị kỷ luật từ ${disciplineLabels[c.atLeast]} trở lên`,
          met: hit.length === 0,
          fact: hit.length ? `${hit.length} thành viên bị kỷ luật ${hit.map((m) => disciplineLabels[m.discipline!]).join(', ')}` : 'Không có thành viên bị kỷ luật',
        };
      }
    }
  }

  /** A run of qualifying years ending with the year, after a prerequisite award, holding enough titles. */
  private streak(c: Extract<Condition, { kind: 'streak' }>): { text: string; met: boolean; fact: string } {
    const { year } = this.input;
    const qualifies = (y: number) => {
      const h = this.byYear.get(y);
      return !!h && !h.discipline && rank(ratings, h.rating) >= rank(ratings, c.atLeast) && this.counts(y);
    };
    const titleText = c.titles?.map((t) => `${t.count} lần ${name(t.code)}`).join(' hoặc ');
    const initiativeText = c.initiatives ? `${c.initiatives.count} sáng kiến ${initiativeLevelLabels[c.initiatives.atLeast]} trở lên` : undefined;
    const within = [titleText, initiativeText].filter(Boolean).join(', ');
    const text =
      (c.since ? `Đã được tặng ${name(c.since)}; ${c.years} năm tiếp theo trở lên liên tục` : `${c.years} năm liên tục`) +
      ` ${ratingLabels[c.atLeast]}${c.atLeast === 'hoan_thanh_xuat_sac' ? '' : ' trở lên'} (đến năm ${year})` +
      (within ? `, trong thời gian đó có ${within}` : '');

    // The run may not reach back to the prerequisite itself, nor to an earlier grant of this very
    // award: one achievement is not commended twice (Luật 2022, Điều 5).
    let floor = Number.NEGATIVE_INFINITY;
    const facts: string[] = [];
    if (c.since) {
      const since = [...this.byYear.keys()].filter((y) => y < year && this.holds(y, c.since!));
      if (!since.length) return { text, met: false, fact: `Chưa được tặng ${name(c.since)} trước năm ${year}` };
      floor = Math.max(...since);
      facts.push(`${name(c.since)} năm ${floor}`);
    }
    const granted = this.lastGrantBefore(year);
    if (granted !== null) {
      floor = Math.max(floor, granted);
      facts.push(`đã được tặng ${name(this.input.award)} năm ${granted}`);
    }
    const run: number[] = [];
    for (let y = year; y > floor && qualifies(y); y--) run.unshift(y);
    let met = run.length >= c.years;
    facts.push(run.length ? `${ratingLabels[c.atLeast]} ${span(run[0]!, year)} (${run.length} năm liên tục)` : `năm ${year} không đạt ${ratingLabels[c.atLeast]}`);
    if (c.titles) {
      const counts = c.titles.map((t) => ({ ...t, years: run.filter((y) => this.holds(y, t.code)) }));
      if (!counts.some((t) => t.years.length >= t.count)) met = false;
      facts.push(counts.map((t) => `${name(t.code)}: ${t.years.length ? yearsText(t.years) : 'không có'}`).join('; '));
    }
    if (c.initiatives) {
      const n = run.flatMap((y) => this.byYear.get(y)?.initiatives ?? []).filter((i) => rank(initiativeLevels, i.level) >= rank(initiativeLevels, c.initiatives!.atLeast)).length;
      if (n < c.initiatives.count) met = false;
      facts.push(`${n} sáng kiến ${initiativeLevelLabels[c.initiatives.atLeast]} trở lên`);
    }
    return { text, met, fact: facts.join('; ') + this.restartNote() };
  }
}

const formatPercent = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace('.', ','));
