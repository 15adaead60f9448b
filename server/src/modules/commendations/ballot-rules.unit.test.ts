import { describe, expect, it } from 'vitest';
import { ballotRuleFor, ballotRulesOn, quorumOf, votesNeeded } from './ballot-rules.js';

// The council's thresholds as dated data (Nghị định 98/2023, Điều 30 khoản 7, carried into 152/2025).

describe('ballot rules', () => {
  it('asks 90 % of all members for the provincial and national titles, 80 % for CSTĐ cơ sở and the flags, more than half otherwise', () => {
    expect(ballotRuleFor('chien_si_thi_dua_tinh', '2026-12-01')).toMatchObject({ percent: 90, strict: false });
    expect(ballotRuleFor('chien_si_thi_dua_toan_quoc', '2025-03-01')).toMatchObject({ percent: 90, citation: { text: 'Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7 điểm a', sure: 'ok' } });
    expect(ballotRuleFor('chien_si_thi_dua_co_so', '2026-12-01')).toMatchObject({ percent: 80, citation: { sure: 'unconfirmed' } });
    expect(ballotRuleFor('co_thi_dua_chinh_phu', '2026-12-01').percent).toBe(80);
    expect(ballotRuleFor('lao_dong_tien_tien', '2026-12-01')).toMatchObject({ percent: 50, strict: true });
  });

  it('counts the votes needed without rounding errors', () => {
    expect(votesNeeded({ percent: 80, strict: false }, 10)).toBe(8);
    expect(votesNeeded({ percent: 80, strict: false }, 3)).toBe(3);
    expect(votesNeeded({ percent: 90, strict: false }, 11)).toBe(10);
    expect(votesNeeded({ percent: 50, strict: true }, 4)).toBe(3);
    expect(votesNeeded({ percent: 50, strict: true }, 3)).toBe(2);
    expect(votesNeeded({ percent: 50, strict: true }, 1)).toBe(1);
  });

  it('needs two thirds of the members to have voted, and picks the version by the round’s date', () => {
    expect(quorumOf(3, '2026-12-01')).toBe(2);
    expect(quorumOf(9, '2026-12-01')).toBe(6);
    expect(quorumOf(10, '2026-12-01')).toBe(7);
    expect(ballotRulesOn('2025-06-30').from).toBe('2024-01-01');
    expect(ballotRulesOn('2025-07-01').from).toBe('2025-07-01');
  });
});
