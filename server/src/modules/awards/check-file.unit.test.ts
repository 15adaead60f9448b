import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkAwardFile, CheckFileError } from './check-file.js';

// `thidua awards check FILE`: the file is checked whole and every mistake named where it is; a good
// file gets the engine's answer, as JSON with --json.

const problemsOf = (text: string) => {
  try {
    checkAwardFile(text);
  } catch (e) {
    if (e instanceof CheckFileError) return e.problems;
    throw e;
  }
  throw new Error('expected the file to be refused');
};

const teacher = {
  award: 'lao_dong_tien_tien',
  subject: 'individual',
  year: 2025,
  proposedOn: '2025-12-10',
  history: [{ year: 2025, rating: 'hoan_thanh_tot', titles: [], awards: [], initiatives: [], discipline: null }],
};

describe('awards check: the file', () => {
  it('names each mistake with its place, in Vietnamese and English, and judges nothing', () => {
    const problems = problemsOf(
      JSON.stringify({
        ...teacher,
        award: 'chien_si_thi_dua_cap_huyen',
        proposedOn: '10/12/2025',
        history: [
          { year: 2025, rating: 'tot', titles: ['lao_dong_tien_tien', 'bang_khen'] },
          { year: 2025, discipline: 'ha_luong' },
        ],
        note: 'x',
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^award: mã danh hiệu, hình thức khen thưởng \/ award code: một trong \/ one of lao_dong_tien_tien, /),
      'proposedOn: ngày dạng YYYY-MM-DD / a date as YYYY-MM-DD',
      expect.stringMatching(/^history\[0\]\.rating: xếp loại \/ rating: một trong \/ one of khong_hoan_thanh, hoan_thanh, hoan_thanh_tot, hoan_thanh_xuat_sac$/),
      expect.stringMatching(/^history\[0\]\.titles\[1\]: mã danh hiệu, hình thức khen thưởng, hoặc \{ "code", "kind" \} \/ an award code, or \{ "code", "kind" \}: lao_dong_tien_tien, /),
      expect.stringMatching(/^history\[1\]\.discipline: hình thức kỷ luật \/ discipline: một trong \/ one of khien_trach, /),
      '(tệp / file): trường không có trong mẫu / unknown field note',
    ]);
  });

  it('refuses a year written twice in the history', () => {
    const year = teacher.history[0]!;
    expect(problemsOf(JSON.stringify({ ...teacher, history: [year, { ...year, rating: 'hoan_thanh' }] }))).toEqual(['history[1].year: năm 2025 có hai lần / year 2025 appears twice']);
  });

  it('refuses what is not JSON, and a question the rules cannot answer', () => {
    expect(problemsOf('{ award: ')[0]).toMatch(/^Tệp không phải JSON hợp lệ \/ not valid JSON: /);
    expect(problemsOf(JSON.stringify({ ...teacher, year: 2023, proposedOn: '2023-12-01' }))).toEqual([
      'Chưa có quy định về Lao động tiên tiến (cá nhân) có hiệu lực ngày 01/12/2023 / No rule for Lao động tiên tiến (individual) in force on 01/12/2023',
    ]);
  });

  it('reads awards given as codes or with their kind', () => {
    const r = checkAwardFile(
      JSON.stringify({
        ...teacher,
        award: 'bang_khen_thu_tuong',
        history: [
          { year: 2020, rating: 'hoan_thanh_tot', awards: [{ code: 'bang_khen_tinh', kind: 'dot_xuat' }] },
          ...[2021, 2022, 2023, 2024, 2025].map((year) => ({ year, rating: 'hoan_thanh_xuat_sac', titles: ['chien_si_thi_dua_co_so'] })),
        ],
      }),
    );
    expect(r.eligible).toBe(false);
    expect(r.conditions[0]?.fact).toBe('Chưa được tặng Bằng khen cấp bộ, ban, ngành, tỉnh trước năm 2025');
  });
});

describe('awards check: the command', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const run = promisify(execFile);
  const dir = mkdtempSync(path.join(tmpdir(), 'awards-check-'));

  // Two runs of the real command, each starting Node with tsx: seconds, not milliseconds, on a busy machine.
  it('prints the answer as JSON, and exits 1 naming the mistakes of a bad file', { timeout: 60_000 }, async () => {
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ ...teacher, decidedOn: '2026-07-15' }));
    const { stdout } = await run(process.execPath, ['bin/thidua.js', 'awards', 'check', good, '--json'], { cwd: root });
    expect(JSON.parse(stdout)).toMatchObject({
      eligible: true,
      conditions: [{ text: 'Năm 2025 hoàn thành tốt nhiệm vụ trở lên', met: true, citation: 'Luật Thi đua, khen thưởng 2022, Điều 24 khoản 1 điểm a' }, { met: true }, { met: true }],
      rule: { citation: 'Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP', effectiveFrom: '2025-07-01' },
      bonus: { coefficient: 0.3, baseSalary: 2_530_000, amount: 760_000 },
    });

    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...teacher, subject: 'household' }));
    const failed = await run(process.execPath, ['bin/thidua.js', 'awards', 'check', bad], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: 'subject: đối tượng / subject: một trong / one of individual, collective\n' });
  });
});
