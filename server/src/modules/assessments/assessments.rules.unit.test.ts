import { defaultClassificationBands } from '@thidua/contracts';
import { describe, expect, it } from 'vitest';
import {
  bandFor,
  classify,
  disciplineReason,
  disciplinesInYear,
  effectiveValues,
  failedVetoes,
  isOverscored,
  keptCriteria,
  leavesOf,
  normaliseBands,
  scorePercent,
  scoreProblem,
  stageValues,
  subtreePoints,
  totalsOf,
  type DisciplineFact,
  type RuleCriterion,
  type ScoreRow,
  type StageValue,
} from './assessments.rules.js';

const bands = normaliseBands(defaultClassificationBands);

/** A criterion; points null means met / not met. */
function c(id: number, code: string, maxPoints: number | null, opts: { parentId?: number; isVeto?: boolean; dropped?: string } = {}): RuleCriterion {
  return { id, parentId: opts.parentId ?? null, code, text: `Tiêu chí ${code}`, maxPoints, isVeto: opts.isVeto ?? false, droppedReason: opts.dropped ?? null };
}
const pts = (entries: [number, number | null][]) => new Map<number, StageValue>(entries.map(([id, p]) => [id, { points: p, met: null }]));
const mets = (entries: [number, boolean | null][]) => new Map<number, StageValue>(entries.map(([id, m]) => [id, { points: null, met: m }]));
const empty: StageValue = { points: null, met: null };
const row = (criterionId: number, self: Partial<StageValue> = {}, review: Partial<StageValue> = {}, council: Partial<StageValue> = {}): ScoreRow => ({
  criterionId,
  self: { ...empty, ...self },
  review: { ...empty, ...review },
  council: { ...empty, ...council },
});

// A 100-point sheet as Nghị định 335/2025 shapes it: 30 general (two sub-criteria) + 70 results.
const sheet = [c(1, '1', 30), c(11, '1.1', 15, { parentId: 1 }), c(12, '1.2', 15, { parentId: 1 }), c(2, '2', 70)];

describe('the criteria tree', () => {
  it('scores leaves only: a parent with children is their sum, not an entry', () => {
    expect(leavesOf(sheet).map((x) => x.code)).toEqual(['1.1', '1.2', '2']);
  });

  it('reads the tree depth first, whatever order the rows come in', () => {
    const rows = [c(2, '2', 70), c(12, '1.2', 15, { parentId: 1 }), c(1, '1', 30), c(11, '1.1', 15, { parentId: 1 })];
    expect(keptCriteria(rows).map((x) => x.code)).toEqual(['2', '1', '1.2', '1.1']);
    expect(leavesOf([c(1, '1', 30), c(2, '2', 70), c(11, '1.1', 15, { parentId: 1 }), c(12, '1.2', 15, { parentId: 1 })]).map((x) => x.code)).toEqual(['1.1', '1.2', '2']);
  });

  it('scores a parent on its own points when it has no children', () => {
    const flat = [c(1, '1', 40), c(2, '2', 60)];
    expect(leavesOf(flat).map((x) => x.code)).toEqual(['1', '2']);
  });

  it('drops a dropped criterion with its whole subtree, and a parent whose children were all dropped becomes a leaf', () => {
    const tree = [c(1, '1', 30), c(11, '1.1', 15, { parentId: 1, dropped: 'Đã có trong nội quy' }), c(12, '1.2', 15, { parentId: 1, dropped: 'Trùng' }), c(2, '2', 70, { dropped: 'Không áp dụng' }), c(21, '2.1', 70, { parentId: 2 })];
    expect(keptCriteria(tree).map((x) => x.code)).toEqual(['1']);
    expect(leavesOf(tree).map((x) => x.code)).toEqual(['1']);
  });

  it('sums a group heading from the leaves below it, at any depth', () => {
    const deep = [c(1, '1', 30), c(11, '1.1', 20, { parentId: 1 }), c(111, '1.1.a', 10, { parentId: 11 }), c(112, '1.1.b', 10, { parentId: 11 }), c(12, '1.2', 10, { parentId: 1 })];
    const v = pts([[111, 7], [112, 8.5], [12, 4]]);
    expect(subtreePoints(deep, v, 1)).toBe(19.5);
    expect(subtreePoints(deep, v, 11)).toBe(15.5);
    expect(subtreePoints(deep, pts([]), 1)).toBeNull();
  });
});

describe('validating one score', () => {
  const points = c(1, '1.2', 10);
  const metOnly = c(2, '3', null);

  it('accepts 0 and the maximum, with two decimals, and null to clear', () => {
    expect(scoreProblem(points, true, { points: 0 })).toBeNull();
    expect(scoreProblem(points, true, { points: 10 })).toBeNull();
    expect(scoreProblem(points, true, { points: 7.25 })).toBeNull();
    expect(scoreProblem(points, true, { points: null })).toBeNull();
  });

  it('refuses points below 0, above the maximum, or finer than hundredths', () => {
    expect(scoreProblem(points, true, { points: -0.5 })).toEqual({ kind: 'out_of_range', max: 10 });
    expect(scoreProblem(points, true, { points: 10.01 })).toEqual({ kind: 'out_of_range', max: 10 });
    expect(scoreProblem(points, true, { points: 3.333 })).toEqual({ kind: 'too_precise' });
  });

  it('wants points for a points criterion and met for the others', () => {
    expect(scoreProblem(points, true, { met: true })).toEqual({ kind: 'points_expected' });
    expect(scoreProblem(metOnly, true, { points: 1 })).toEqual({ kind: 'met_expected' });
    expect(scoreProblem(metOnly, true, { met: false })).toBeNull();
  });

  it('refuses a value for a parent criterion', () => {
    expect(scoreProblem(points, false, { points: 5 })).toEqual({ kind: 'not_leaf' });
  });
});

describe('totals', () => {
  it('sums the scored leaves and the maximum of the plan', () => {
    expect(totalsOf(sheet, pts([[11, 12], [12, 13.5], [2, 60]]))).toMatchObject({ total: 85.5, maxTotal: 100, metCount: null, criteriaCount: null, missing: [] });
  });

  it('lists the leaves still missing and totals what is there', () => {
    const t = totalsOf(sheet, pts([[11, 10], [12, null]]));
    expect(t.total).toBe(10);
    expect(t.missing.map((x) => x.code)).toEqual(['1.2', '2']);
  });

  it('has no total until something is scored', () => {
    expect(totalsOf(sheet, pts([])).total).toBeNull();
  });

  it('rounds sums of decimals to hundredths', () => {
    const many = [c(1, '1', 1), c(2, '2', 1), c(3, '3', 1)];
    expect(totalsOf(many, pts([[1, 0.1], [2, 0.2], [3, 0.01]])).total).toBe(0.31);
  });

  it('counts met criteria for a plan without points', () => {
    const plain = [c(1, '1', null), c(2, '2', null), c(3, '3', null), c(4, '4', null)];
    expect(totalsOf(plain, mets([[1, true], [2, true], [3, false], [4, true]]))).toMatchObject({ total: null, maxTotal: null, metCount: 3, criteriaCount: 4 });
  });

  it('keeps points and met criteria apart in a mixed plan', () => {
    const mixed = [c(1, '1', 60), c(2, '2', null)];
    const v = new Map<number, StageValue>([[1, { points: 50, met: null }], [2, { points: null, met: true }]]);
    expect(totalsOf(mixed, v)).toMatchObject({ total: 50, maxTotal: 60, metCount: 1, criteriaCount: 1, missing: [] });
  });
});

describe('the values that count at each stage', () => {
  const rows = [row(11, { points: 14 }, { points: 12 }), row(12, { points: 15 }, { points: 15 }, { points: 10 }), row(2, { points: 70 })];

  it('takes each leaf from the latest stage that scored it', () => {
    const v = effectiveValues(sheet, rows, 'council');
    expect([...v.entries()].map(([id, x]) => [id, x.points])).toEqual([
      [11, 12],
      [12, 10],
      [2, 70],
    ]);
  });

  it('ignores later stages when asked for an earlier one', () => {
    expect(effectiveValues(sheet, rows, 'self').get(12)!.points).toBe(15);
    expect(effectiveValues(sheet, rows, 'review').get(12)!.points).toBe(15);
  });

  it('reads one stage on its own', () => {
    expect(totalsOf(sheet, stageValues(rows, 'review')).total).toBe(27);
    expect(totalsOf(sheet, stageValues(rows, 'self')).total).toBe(99);
  });
});

describe('classification bands', () => {
  it('sorts bands highest first and falls back to the default for malformed data', () => {
    expect(normaliseBands([{ key: 'pass', vi: 'Đạt', en: 'Pass', min: 50 }, { key: 'top', vi: 'Tốt', en: 'Good', min: 80 }]).map((b) => b.key)).toEqual(['top', 'pass']);
    expect(normaliseBands(null).map((b) => b.key)).toEqual(['excellent', 'good', 'pass', 'fail']);
    expect(normaliseBands([{ key: 'x' }]).map((b) => b.key)).toEqual(['excellent', 'good', 'pass', 'fail']);
    expect(normaliseBands([]).length).toBe(4);
  });

  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [70, 'good'],
    [69.5, 'pass'],
    [50, 'pass'],
    [49.99, 'fail'],
    [0, 'fail'],
  ])('%d per cent is %s', (percent, key) => {
    expect(bandFor(bands, percent).key).toBe(key);
  });

  it('reads a plan that is not out of 100 as a share of its maximum', () => {
    expect(scorePercent({ total: 45, maxTotal: 50, metCount: null, criteriaCount: null })).toBe(90);
    expect(scorePercent({ total: 63, maxTotal: 70, metCount: null, criteriaCount: null })).toBe(90);
    expect(scorePercent({ total: null, maxTotal: 50, metCount: null, criteriaCount: null })).toBe(0);
  });

  it('reads a plan without points as the share of criteria met', () => {
    expect(scorePercent({ total: null, maxTotal: null, metCount: 7, criteriaCount: 10 })).toBe(70);
    expect(scorePercent({ total: null, maxTotal: null, metCount: null, criteriaCount: null })).toBeNull();
  });

  it('uses a plan’s own bands', () => {
    const own = normaliseBands([
      { key: 'a', vi: 'Hoàn thành xuất sắc', en: 'A', min: 95 },
      { key: 'b', vi: 'Hoàn thành', en: 'B', min: 60 },
      { key: 'c', vi: 'Chưa hoàn thành', en: 'C', min: 0 },
    ]);
    const r = classify({ criteria: sheet, values: pts([[11, 15], [12, 15], [2, 62]]), bands: own, year: 2025, disciplines: [] });
    expect(r.classification).toBe('b');
  });
});

describe('classify', () => {
  const year = 2025;
  const full = pts([[11, 14], [12, 14], [2, 65]]); // 93

  it('gives the band of the score when nothing caps it', () => {
    expect(classify({ criteria: sheet, values: full, bands, year, disciplines: [] })).toEqual({ classification: 'excellent', cappedBy: null, capReason: null, percent: 93 });
    expect(classify({ criteria: sheet, values: pts([[11, 10], [12, 10], [2, 55]]), bands, year, disciplines: [] }).classification).toBe('good');
  });

  it('classifies a plan without points by the share met', () => {
    const plain = [c(1, '1', null), c(2, '2', null), c(3, '3', null), c(4, '4', null)];
    expect(classify({ criteria: plain, values: mets([[1, true], [2, true], [3, true], [4, false]]), bands, year, disciplines: [] }).classification).toBe('good');
    expect(classify({ criteria: plain, values: mets([[1, true], [2, false], [3, false], [4, false]]), bands, year, disciplines: [] }).classification).toBe('fail');
  });

  describe('a veto criterion (điểm liệt)', () => {
    const withVeto = [c(1, '1', 90), c(2, '2', 10, { isVeto: true })];

    it('scored 0 caps at the lowest band and names the criterion', () => {
      const r = classify({ criteria: withVeto, values: pts([[1, 90], [2, 0]]), bands, year, disciplines: [] });
      expect(r).toMatchObject({ classification: 'fail', cappedBy: 'veto', percent: 90 });
      expect(r.capReason).toBe('Tiêu chí điểm liệt 2 "Tiêu chí 2" không đạt');
    });

    it('scored above 0 caps nothing', () => {
      expect(classify({ criteria: withVeto, values: pts([[1, 85], [2, 5]]), bands, year, disciplines: [] })).toMatchObject({ classification: 'excellent', cappedBy: null });
    });

    it('not met caps a plan without points', () => {
      const plain = [c(1, '1', null), c(2, '2', null, { isVeto: true })];
      const r = classify({ criteria: plain, values: mets([[1, true], [2, false]]), bands, year, disciplines: [] });
      expect(r).toMatchObject({ classification: 'fail', cappedBy: 'veto' });
    });

    it('on a parent fails when its leaves sum to 0 or one is not met, and not while one is unscored', () => {
      const tree = [c(1, '1', 20, { isVeto: true }), c(11, '1.1', 10, { parentId: 1 }), c(12, '1.2', 10, { parentId: 1 }), c(2, '2', 80)];
      expect(failedVetoes(tree, pts([[11, 0], [12, 0]])).map((x) => x.code)).toEqual(['1']);
      expect(failedVetoes(tree, pts([[11, 0], [12, 1]]))).toEqual([]);
      expect(failedVetoes(tree, pts([[11, 0]]))).toEqual([]);
      const mixed = [c(1, '1', null, { isVeto: true }), c(11, '1.1', 10, { parentId: 1 }), c(12, '1.2', null, { parentId: 1 })];
      const v = new Map<number, StageValue>([[11, { points: 10, met: null }], [12, { points: null, met: false }]]);
      expect(failedVetoes(mixed, v).map((x) => x.code)).toEqual(['1']);
    });

    it('dropped, caps nothing', () => {
      const dropped = [c(1, '1', 90), c(2, '2', 10, { isVeto: true, dropped: 'Không áp dụng với trường học' })];
      expect(classify({ criteria: dropped, values: pts([[1, 90], [2, 0]]), bands, year, disciplines: [] })).toMatchObject({ classification: 'excellent', cappedBy: null });
    });

    it('names every failed veto criterion', () => {
      const two = [c(1, '1', 50, { isVeto: true }), c(2, '2', 50, { isVeto: true })];
      const r = classify({ criteria: two, values: pts([[1, 0], [2, 0]]), bands, year, disciplines: [] });
      expect(r.capReason).toBe('Tiêu chí điểm liệt 1 "Tiêu chí 1" không đạt; Tiêu chí điểm liệt 2 "Tiêu chí 2" không đạt');
    });
  });

  describe('discipline (kỷ luật) in the year', () => {
    const reprimand: DisciplineFact = { id: 1, form: 'reprimand', decidedOn: '2025-03-05', decisionNumber: '12/QĐ-UBND', revokedAt: null };

    it('caps at Không đạt whatever the score, naming the form and the decision', () => {
      const r = classify({ criteria: sheet, values: full, bands, year, disciplines: [reprimand] });
      expect(r).toMatchObject({ classification: 'fail', cappedBy: 'discipline', percent: 93 });
      expect(r.capReason).toBe('Bị kỷ luật khiển trách theo Quyết định số 12/QĐ-UBND ngày 05/03/2025');
    });

    it('of another year, or revoked, caps nothing', () => {
      const lastYear = { ...reprimand, decidedOn: '2024-12-31' };
      const nextYear = { ...reprimand, decidedOn: '2026-01-01' };
      const revoked = { ...reprimand, revokedAt: '2025-06-01T00:00:00Z' };
      expect(classify({ criteria: sheet, values: full, bands, year, disciplines: [lastYear, nextYear, revoked] })).toMatchObject({ classification: 'excellent', cappedBy: null });
      expect(disciplinesInYear([lastYear, reprimand, revoked], 2025)).toEqual([reprimand]);
    });

    it('of every heavier form caps too', () => {
      for (const form of ['warning', 'salary_step_down', 'demotion', 'removal', 'dismissal'] as const) {
        expect(classify({ criteria: sheet, values: full, bands, year, disciplines: [{ ...reprimand, form }] }).cappedBy).toBe('discipline');
      }
    });

    it('without a decision number names its date', () => {
      expect(disciplineReason({ ...reprimand, form: 'warning', decisionNumber: null })).toBe('Bị kỷ luật cảnh cáo theo quyết định ngày 05/03/2025');
    });

    it('is named before a failed veto criterion, and both reasons are kept', () => {
      const withVeto = [c(1, '1', 90), c(2, '2', 10, { isVeto: true })];
      const r = classify({ criteria: withVeto, values: pts([[1, 90], [2, 0]]), bands, year, disciplines: [reprimand] });
      expect(r.cappedBy).toBe('discipline');
      expect(r.capReason).toBe('Bị kỷ luật khiển trách theo Quyết định số 12/QĐ-UBND ngày 05/03/2025; Tiêu chí điểm liệt 2 "Tiêu chí 2" không đạt');
    });

    it('still records the reason when the score alone already earns the lowest band', () => {
      expect(classify({ criteria: sheet, values: pts([[11, 5], [12, 5], [2, 20]]), bands, year, disciplines: [reprimand] })).toMatchObject({ classification: 'fail', cappedBy: 'discipline' });
    });
  });

  it('has nothing to classify without criteria', () => {
    expect(classify({ criteria: [], values: new Map(), bands, year, disciplines: [] })).toEqual({ classification: null, cappedBy: null, capReason: null, percent: null });
  });
});

describe('the overscore flag', () => {
  it.each([
    [95, 84, 10, true],
    [95, 85, 10, false],
    [95, 85.5, 10, false],
    [95.01, 85, 10, true],
    [80, 90, 10, false],
    [80, 79, 0, true],
    [80, 80, 0, false],
  ])('self %d, head %d, margin %d → %s', (self, review, margin, flagged) => {
    expect(isOverscored(self, review, margin)).toBe(flagged);
  });

  it('needs both totals', () => {
    expect(isOverscored(null, 50, 10)).toBe(false);
    expect(isOverscored(90, null, 10)).toBe(false);
  });
});
