import type { TemplateContent } from '@thidua/contracts';
import { describe, expect, it } from 'vitest';
import { applyConsolidation, combine, sentChildren, storedValues, type StoredValues } from './reports.consolidation.js';

const content: TemplateContent = {
  sections: [
    {
      key: 's',
      title: 'S',
      indicators: [
        { key: 'people', label: 'Cá nhân đăng ký', kind: 'number', source: 'registrations.people' },
        { key: 'events', label: 'Hội nghị', kind: 'number' },
        { key: 'rate', label: 'Tỷ lệ', kind: 'percent' },
        { key: 'rules', label: 'Có quy chế', kind: 'boolean' },
        { key: 'note', label: 'Ghi chú', kind: 'text' },
      ],
    },
  ],
  narratives: [],
};

const v = (typed: number | boolean | string | null, computed: number | null = null): StoredValues[string] => ({ typed, computed, consolidated: null });

describe('combine', () => {
  it('sums numbers (typed, else computed) and adds the parent’s own counted part', () => {
    const out = combine(content, { people: 10 }, [
      { values: { people: v(null, 4), events: v(3) }, weight: 1 },
      { values: { people: v(5, 3), events: v(null) }, weight: 1 },
    ]);
    // 4 + 5 sent, own part 10 − (4 + 3) counted in the children's subtrees = 3.
    expect(out.people).toBe(12);
    expect(out.events).toBe(3);
  });

  it('never lets the own part go below zero when children typed more than the system counts', () => {
    expect(combine(content, { people: 2 }, [{ values: { people: v(9, 6) }, weight: 1 }]).people).toBe(9);
  });

  it('averages percentages by the units each child covers, plainly when no weights are known', () => {
    const children = [
      { values: { rate: v(50) }, weight: 1 },
      { values: { rate: v(100) }, weight: 3 },
      { values: { rate: v(null) }, weight: 10 },
    ];
    expect(combine(content, {}, children).rate).toBe(87.5);
    expect(combine(content, {}, children.map((c) => ({ ...c, weight: 0 }))).rate).toBe(75);
    expect(combine(content, {}, []).rate).toBeNull();
  });

  it('counts the yes answers and leaves texts to the editor', () => {
    const out = combine(content, {}, [
      { values: { rules: v(true), note: v('a') }, weight: 1 },
      { values: { rules: v(false) }, weight: 1 },
      { values: { rules: v(true) }, weight: 1 },
    ]);
    expect(out.rules).toBe(2);
    expect(out.note).toBeNull();
  });
});

describe('applyConsolidation', () => {
  it('moves untouched figures to the new proposal and keeps edited ones', () => {
    const first = applyConsolidation(content, {}, { events: 8, rate: 60, rules: 1 });
    expect(first.events).toMatchObject({ typed: 8, consolidated: 8 });
    expect(first.rules).toMatchObject({ typed: null, consolidated: 1 });
    const edited = { ...first, rate: { ...first.rate!, typed: 70 } };
    const second = applyConsolidation(content, edited, { events: 10, rate: 65, rules: 2 });
    expect(second.events).toMatchObject({ typed: 10, consolidated: 10 });
    expect(second.rate).toMatchObject({ typed: 70, consolidated: 65 });
  });
});

describe('sentChildren', () => {
  it('takes only submitted and accepted reports', () => {
    const row = (unit_id: number, status: string) => ({ unit_id, status, values: { events: { typed: unit_id, computed: null } } });
    const rows = [row(1, 'draft'), row(2, 'submitted'), row(3, 'returned'), row(4, 'accepted')] as unknown as Parameters<typeof sentChildren>[0];
    const out = sentChildren(rows, new Map([[4, 7]]));
    expect(out.map((c) => [storedValues(c.values).events!.typed, c.weight])).toEqual([
      [2, 0],
      [4, 7],
    ]);
  });
});
