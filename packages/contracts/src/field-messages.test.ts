import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from './index.js';
import { fieldLabels, labelOfPath } from './field-labels.js';
import { criterionLabel, fieldMessage, lengthProblem } from './field-messages.js';
import { formatNumber, formatPercent, parseTypedNumber } from './numbers.js';

/** Every key of an object schema, however deep, behind optional, arrays, records, unions and pipes. */
function keysOf(schema: z.ZodType, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > 12) return into;
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const walk = (s: unknown) => keysOf(s as z.ZodType, into, depth + 1);
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        into.add(k);
        walk(v);
      }
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'prefault':
    case 'nonoptional':
    case 'catch':
      walk(def.innerType);
      break;
    case 'array':
      walk(def.element);
      break;
    case 'record':
      walk(def.valueType);
      break;
    case 'union':
      for (const o of def.options as unknown[]) walk(o);
      break;
    case 'intersection':
      walk(def.left);
      walk(def.right);
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
  }
  return into;
}

describe('field messages', () => {
  it('has a label for every field of every request schema, so no refusal names an internal path', () => {
    const missing: string[] = [];
    for (const [name, s] of Object.entries(contracts)) {
      if (!/(Body|Query|Fields|Params)$/.test(name) || !(s instanceof z.ZodType)) continue;
      for (const k of keysOf(s)) if (!fieldLabels[k]) missing.push(`${name}.${k}`);
    }
    expect(missing).toEqual([]);
  });

  it('names a nested field by its label and row, never by its path', () => {
    expect(labelOfPath(['scores', 3, 'points'])).toEqual({ vi: 'Điểm (dòng 4)', en: 'Points (row 4)' });
    expect(labelOfPath(['note'])).toEqual({ vi: 'Ghi chú', en: 'Note' });
    expect(labelOfPath(['narratives', 'ket_qua'])).toEqual({ vi: 'Phần thuyết minh', en: 'Narrative' });
    expect(labelOfPath([])).toEqual({ vi: 'Dữ liệu gửi lên', en: 'The request' });
  });

  it('says what is wrong with the numbers written the reader’s way', () => {
    expect(fieldMessage('too_long', fieldLabels.note!, { max: 2000, actual: 3200 })).toEqual({
      message: 'Ghi chú: tối đa 2.000 ký tự (đang có 3.200)',
      messageEn: 'Note: at most 2,000 characters (3,200 now)',
    });
    expect(fieldMessage('points_above_max', criterionLabel('1.2'), { max: 25, value: 40 })).toEqual({
      message: 'Tiêu chí 1.2: điểm tối đa là 25, không nhận 40',
      messageEn: 'Criterion 1.2: at most 25 points, not 40',
    });
    expect(fieldMessage('points_above_max', criterionLabel('2'), { max: 12.5, value: 13.25 }).message).toBe('Tiêu chí 2: điểm tối đa là 12,5, không nhận 13,25');
    expect(lengthProblem('x'.repeat(2000), 2000, fieldLabels.note!)).toBeNull();
    expect(lengthProblem(`  ${'x'.repeat(2000)}  `, 2000, fieldLabels.note!)).toBeNull();
    expect(lengthProblem('x'.repeat(2001), 2000, fieldLabels.note!)?.message).toBe('Ghi chú: tối đa 2.000 ký tự (đang có 2.001)');
  });
});

describe('numbers', () => {
  it('writes numbers and percentages the Vietnamese way, and the English way in English', () => {
    expect(formatNumber(1234, 'vi')).toBe('1.234');
    expect(formatNumber(1234567.5, 'vi')).toBe('1.234.567,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatPercent(17.5, 'vi')).toBe('17,5\u00a0%');
    expect(formatPercent(17.5, 'en')).toBe('17.5%');
    expect(formatPercent(100, 'vi')).toBe('100\u00a0%');
    expect(formatPercent(33.333, 'vi')).toBe('33,3\u00a0%');
  });

  it('reads a typed number with either decimal mark, and says when it is not one', () => {
    expect(parseTypedNumber('12,5', 'vi')).toBe(12.5);
    expect(parseTypedNumber('12.5', 'vi')).toBe(12.5);
    expect(parseTypedNumber(' 40 ', 'vi')).toBe(40);
    expect(parseTypedNumber('-3', 'vi')).toBe(-3);
    expect(parseTypedNumber('−3', 'vi')).toBe(-3);
    expect(parseTypedNumber('1.234', 'vi')).toBe(1234);
    expect(parseTypedNumber('1.234.567', 'vi')).toBe(1234567);
    expect(parseTypedNumber('1,234', 'en')).toBe(1234);
    expect(parseTypedNumber('', 'vi')).toBeNull();
    expect(parseTypedNumber('   ', 'vi')).toBeNull();
    expect(parseTypedNumber('abc', 'vi')).toBeNaN();
    expect(parseTypedNumber('1,2,3', 'vi')).toBeNaN();
    expect(parseTypedNumber('12a', 'vi')).toBeNaN();
    expect(parseTypedNumber('1e5', 'vi')).toBeNaN();
  });
});
