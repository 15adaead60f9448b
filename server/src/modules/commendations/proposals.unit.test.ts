import { describe, expect, it } from 'vitest';
import type { HistoryYear } from '../awards/eligibility.js';
import { byGivenName, propose, quotaOf, type Candidate } from './proposals.js';

// What a round of bình xét proposes for each person, judged by the rules on 01/12/2026.

const year = (rating: HistoryYear['rating'], extra: Partial<HistoryYear> = {}): HistoryYear => ({ year: 2026, rating, titles: [], awards: [], initiatives: [], discipline: null, ...extra });
let id = 0;
const person = (name: string, registered: Candidate['registered'], history: HistoryYear[], score: number | null = null): Candidate => ({ personId: ++id, name, registered, score, history });
const run = (candidates: Candidate[], quotaPercent: number | null = 15) => propose({ year: 2026, proposedOn: '2026-12-01', quotaPercent, candidates });

describe('proposals of a round', () => {
  it('proposes the highest title registered for and met, never above what was registered', () => {
    const [a, b, c] = run([
      person('Nguyễn Văn An', 'chien_si_thi_dua_co_so', [year('hoan_thanh_xuat_sac')]),
      person('Trần Thị Bình', 'lao_dong_tien_tien', [year('hoan_thanh_xuat_sac')]),
      person('Lê Văn Cường', 'chien_si_thi_dua_co_so', [year('hoan_thanh_tot')]),
    ], null);
    expect(a).toMatchObject({ status: 'proposed', awardCode: 'chien_si_thi_dua_co_so' });
    expect(b).toMatchObject({ status: 'proposed', awardCode: 'lao_dong_tien_tien' });
    // No initiative and not excellent: Lao động tiên tiến only.
    expect(c).toMatchObject({ status: 'proposed', awardCode: 'lao_dong_tien_tien', reason: 'Đủ điều kiện Lao động tiên tiến' });
  });

  it('tries a provincial title registered for at the unit’s highest, CSTĐ cơ sở', () => {
    const [p] = run([person('Phạm Thị Dung', 'chien_si_thi_dua_tinh', [year('hoan_thanh_xuat_sac')])], null);
    expect(p).toMatchObject({ status: 'proposed', awardCode: 'chien_si_thi_dua_co_so' });
  });

  it('lists who falls short with the fact and the requirement, and who did not register', () => {
    const [low, disciplined, none, unrated] = run([
      person('Đỗ Văn Em', 'lao_dong_tien_tien', [year('hoan_thanh')]),
      person('Hồ Thị Giang', 'lao_dong_tien_tien', [year('hoan_thanh_tot', { discipline: 'khien_trach' })]),
      person('Vũ Văn Hải', null, [year('hoan_thanh_xuat_sac')]),
      person('Mai Thị Khánh', 'lao_dong_tien_tien', []),
    ]);
    expect(low).toMatchObject({ status: 'short', awardCode: null, reason: 'Chưa đủ điều kiện Lao động tiên tiến: Năm 2026: hoàn thành nhiệm vụ (yêu cầu: năm 2026 hoàn thành tốt nhiệm vụ trở lên)' });
    expect(disciplined!.status).toBe('short');
    expect(disciplined!.reason).toBe('Chưa đủ điều kiện Lao động tiên tiến: Năm 2026: kỷ luật khiển trách (yêu cầu: không bị kỷ luật từ khiển trách trở lên trong năm 2026)');
    expect(none).toMatchObject({ status: 'short', reason: 'Chưa đăng ký thi đua năm 2026', conditions: [] });
    expect(unrated!.reason).toContain('chưa có xếp loại');
  });

  it('keeps CSTĐ cơ sở within the quota, the best scores first, and proposes the others at Lao động tiên tiến', () => {
    const people = [
      person('Ngô Văn Long', 'chien_si_thi_dua_co_so', [year('hoan_thanh_xuat_sac')], 88),
      person('Lý Thị Mai', 'chien_si_thi_dua_co_so', [year('hoan_thanh_xuat_sac')], 95),
      ...Array.from({ length: 6 }, (_, i) => person(`Cán bộ ${i}`, 'lao_dong_tien_tien', [year('hoan_thanh_tot')])),
    ];
    const out = run(people);
    expect(out[1]).toMatchObject({ awardCode: 'chien_si_thi_dua_co_so' });
    expect(out[0]).toMatchObject({ awardCode: 'lao_dong_tien_tien', reason: expect.stringContaining('vượt tỷ lệ 15 % (tối đa 1 trên 8 người đạt Lao động tiên tiến)') });
    // Without a quota both keep it.
    expect(run(people, null).filter((p) => p.awardCode === 'chien_si_thi_dua_co_so')).toHaveLength(2);
    // A small unit at 15 % has room for none.
    expect(run(people.slice(0, 2)).filter((p) => p.awardCode === 'chien_si_thi_dua_co_so')).toHaveLength(0);
  });

  it('works the quota in whole hundredths, and sorts names by the given name', () => {
    expect(quotaOf(15, 20)).toBe(3);
    expect(quotaOf(15, 7)).toBe(1);
    expect(quotaOf(15, 6)).toBe(0);
    expect(quotaOf(33.33, 3)).toBe(0);
    expect(['Trần Văn An', 'Lê Thị Bình', 'Đỗ Thị An'].sort(byGivenName)).toEqual(['Đỗ Thị An', 'Trần Văn An', 'Lê Thị Bình']);
  });
});
