import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { checkPlanYears, coversYear, effectiveYears, importedYears, planYearsText } from './plans.years.js';

// The years a plan applies to (năm áp dụng), as pure rules.

const movement = { start_year: 2026, end_year: 2030 };
const years = (from: number | null, to: number | null) => ({ year_from: from, year_to: to });

/** The field and both messages of the VALIDATION_FAILED that `run` throws. */
function refusal(run: () => void) {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('VALIDATION_FAILED');
    return err.fields?.[0];
  }
  throw new Error('not refused');
}

describe('coversYear', () => {
  it('a plan for 2027 covers 2027 only; a null bound does not limit', () => {
    expect([2026, 2027, 2028].map((y) => coversYear(years(2027, 2027), y))).toEqual([false, true, false]);
    expect([2026, 2030].map((y) => coversYear(years(null, null), y))).toEqual([true, true]);
    expect([2026, 2027].map((y) => coversYear(years(2027, null), y))).toEqual([false, true]);
    expect([2028, 2029].map((y) => coversYear(years(null, 2028), y))).toEqual([true, false]);
  });
});

describe('effectiveYears and planYearsText', () => {
  it('reads null bounds as the movement’s and says the years in words', () => {
    expect(effectiveYears(years(null, 2028), movement)).toEqual({ from: 2026, to: 2028 });
    expect(planYearsText(years(2027, 2027))).toEqual({ vi: 'năm 2027', en: 'in 2027' });
    expect(planYearsText(years(2026, 2028))).toEqual({ vi: 'từ năm 2026 đến năm 2028', en: 'from 2026 to 2028' });
    expect(planYearsText(years(2027, null)).vi).toBe('từ năm 2027');
    expect(planYearsText(years(null, 2027)).vi).toBe('đến năm 2027');
  });
});

describe('checkPlanYears', () => {
  it('accepts years inside the movement’s, and none', () => {
    for (const y of [years(null, null), years(2026, 2030), years(2027, 2027), years(2028, null), years(null, 2026)]) expect(() => checkPlanYears(y, movement)).not.toThrow();
  });

  it('refuses a year outside the movement’s, naming the field and the movement’s years in both languages', () => {
    expect(refusal(() => checkPlanYears(years(2025, 2027), movement))).toEqual({
      path: 'yearFrom',
      message: 'yearFrom: Năm áp dụng 2025 nằm ngoài thời gian của phong trào (2026–2030)',
      messageEn: "yearFrom: The year 2025 lies outside the movement's years (2026–2030)",
    });
    expect(refusal(() => checkPlanYears(years(null, 2031), movement))?.path).toBe('yearTo');
  });

  it('refuses years in the wrong order, also against the movement’s own bound', () => {
    expect(refusal(() => checkPlanYears(years(2029, 2027), movement))).toMatchObject({ path: 'yearTo', message: 'yearTo: Kế hoạch áp dụng đến năm 2027, trước năm bắt đầu áp dụng 2029' });
    // From 2028 until 2026 is no span at all.
    expect(refusal(() => checkPlanYears(years(2028, 2026), movement))?.path).toBe('yearTo');
  });
});

describe('importedYears', () => {
  it('takes the years the document states when they lie inside the movement’s', () => {
    expect(importedYears({ from: 2027, to: 2027 }, movement)).toEqual({ years: years(2027, 2027), warning: null });
    expect(importedYears({ from: 2026, to: 2030 }, movement)).toEqual({ years: years(2026, 2030), warning: null });
    expect(importedYears(null, movement)).toEqual({ years: years(null, null), warning: null });
  });

  it('leaves them blank with a warning when they do not', () => {
    expect(importedYears({ from: 2021, to: 2025 }, movement)).toEqual({
      years: years(null, null),
      warning: 'Văn bản ghi năm 2021–2025, nằm ngoài thời gian của phong trào (2026–2030): chưa ghi năm áp dụng, hãy kiểm tra lại',
    });
  });
});
