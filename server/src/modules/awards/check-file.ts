import { z } from 'zod';
import { awardCodes, commendationKinds, disciplines, initiativeLevels, ratings } from './awards.catalogue.js';
import { checkEligibility, EligibilityError, type EligibilityInput, type EligibilityResult } from './eligibility.js';

// `thidua awards check FILE`: the eligibility engine over a JSON file, no database needed. The file
// is checked whole first; every mistake is named with where it is, in Vietnamese and English.

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: () => `${what}: một trong / one of ${values.join(', ')}` });

const isoDate = z.iso.date({ error: 'ngày dạng YYYY-MM-DD / a date as YYYY-MM-DD' });
const award = oneOf(awardCodes, 'mã danh hiệu, hình thức khen thưởng / award code');
const held = z.union([award, z.object({ code: award, kind: oneOf(commendationKinds, 'loại khen thưởng / kind of commendation') }).strict()], {
  error: () => `mã danh hiệu, hình thức khen thưởng, hoặc { "code", "kind" } / an award code, or { "code", "kind" }: ${awardCodes.join(', ')}`,
});
const rating = oneOf(ratings, 'xếp loại / rating').nullable();
const discipline = oneOf(disciplines, 'hình thức kỷ luật / discipline').nullable();

const fileSchema = z
  .object({
    award,
    subject: oneOf(['individual', 'collective'] as const, 'đối tượng / subject'),
    year: z.int({ error: 'năm là số nguyên / a whole year' }).min(1990, 'năm từ 1990 / from 1990').max(2100, 'năm đến 2100 / up to 2100'),
    proposedOn: isoDate,
    decidedOn: isoDate.optional(),
    history: z
      .array(
        z
          .object({
            year: z.int({ error: 'năm là số nguyên / a whole year' }).min(1990, 'năm từ 1990 / from 1990').max(2100, 'năm đến 2100 / up to 2100'),
            rating: rating.default(null),
            titles: z.array(held).default([]),
            awards: z.array(held).default([]),
            initiatives: z.array(z.object({ level: oneOf(initiativeLevels, 'cấp sáng kiến / initiative level') }).strict()).default([]),
            discipline: discipline.default(null),
            blockLeader: z.boolean().optional(),
          })
          .strict(),
      )
      .default([]),
    members: z.array(z.object({ rating: rating.default(null), titles: z.array(award).default([]), discipline: discipline.default(null) }).strict()).optional(),
    pending: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<number>();
    f.history.forEach((h, i) => {
      if (seen.has(h.year)) ctx.addIssue({ code: 'custom', path: ['history', i, 'year'], message: `năm ${h.year} có hai lần / year ${h.year} appears twice` });
      seen.add(h.year);
    });
  });

/** Why a file cannot be checked: each problem with where it is. */
export class CheckFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const where = (path: PropertyKey[]) =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(tệp / file)';

/** Reads and checks the file's text, then judges it: a {@link CheckFileError} names what is wrong. */
export function checkAwardFile(text: string): EligibilityResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CheckFileError([`Tệp không phải JSON hợp lệ / not valid JSON: ${(e as Error).message}`]);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new CheckFileError(parsed.error.issues.map((i) => `${where(i.path)}: ${i.code === 'unrecognized_keys' ? `trường không có trong mẫu / unknown field ${i.keys.join(', ')}` : i.message}`));
  }
  const f = parsed.data;
  const input: EligibilityInput = {
    ...f,
    history: f.history.map((h) => ({
      ...h,
      titles: h.titles.map((t) => (typeof t === 'string' ? { code: t, kind: 'cong_trang' as const } : t)),
      awards: h.awards.map((t) => (typeof t === 'string' ? { code: t, kind: 'cong_trang' as const } : t)),
    })),
  };
  try {
    return checkEligibility(input);
  } catch (e) {
    if (e instanceof EligibilityError) throw new CheckFileError([`${e.message} / ${e.messageEn}`]);
    throw e;
  }
}

/** The answer in words, for a person at a terminal. */
export function describeResult(r: EligibilityResult): string {
  const money = (n: number) => `${n.toLocaleString('vi-VN')} đ`;
  return [
    `${r.awardName} (${r.subject === 'individual' ? 'cá nhân' : 'tập thể'}), năm ${r.year}: ${r.eligible ? 'ĐỦ ĐIỀU KIỆN' : 'CHƯA ĐỦ ĐIỀU KIỆN'}`,
    `Căn cứ: ${r.rule.citation} (hiệu lực từ ${r.rule.effectiveFrom.split('-').reverse().join('/')})`,
    '',
    ...r.conditions.flatMap((c) => [`${c.met ? '[x]' : '[ ]'} ${c.text}`, `    ${c.fact}`, ...(c.citation ? [`    (${c.citation}${c.sure === 'ok' ? '' : `; độ tin cậy: ${c.sure}`})`] : [])]),
    '',
    `Tiền thưởng: ${String(r.bonus.coefficient).replace('.', ',')} × ${money(r.bonus.baseSalary)} = ${money(r.bonus.amount)} (làm tròn lên 10.000 đ; ${r.bonus.citation})`,
  ].join('\n');
}
