// A unit's document settings (thể thức văn bản, Nghị định 30/2020/NĐ-CP): how its documents name
// the governing body (cơ quan chủ quản) and the issuing body (cơ quan ban hành), the code after the
// document type in "Số: 125/BC-UBND", the place (địa danh) and the signature block (thẩm quyền ký).
// Unset, each falls back to what the organisation tree suggests (server: documents/issuer.ts).
import { z } from 'zod';
import { allowedActions } from './common.js';

/**
 * The prefixes of the signature block (Nghị định 30, Điều 13): TM. (thay mặt, a collective body),
 * KT. (ký thay, a deputy for the head), Q. (quyền, acting head). None when the head signs in person.
 */
export const signPrefixes = ['TM.', 'KT.', 'Q.'] as const;
export type SignPrefix = (typeof signPrefixes)[number];

/** Lines of the issuer block or of a title: at most `lines` lines, each trimmed, none empty. */
const lines = (max: number, count: number) =>
  z
    .string()
    .max(max)
    .transform((v) =>
      v
        .split(/\r?\n/u)
        .map((l) => l.trim().replace(/\s+/gu, ' '))
        .filter((l) => l !== '')
        .join('\n'),
    )
    .refine((v) => v.split('\n').length <= count, `Tối đa ${count} dòng / At most ${count} lines`);

/** The code of the issuer after the document type: "UBND", "SNV", "VP-UBND" (upper case, digits, hyphens). */
export const issuerCode = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[\p{Lu}0-9]+(?:-[\p{Lu}0-9]+)*$/u, 'Chữ in hoa, số và dấu gạch ngang, ví dụ UBND, SNV / Capitals, digits and hyphens, e.g. UBND, SNV');

/** What the settings hold, as stored and shown. */
export const documentSettings = z.object({
  /** Cơ quan chủ quản, printed above in regular capitals: "UBND TỈNH KHÁNH HÒA", "ỦY BAN NHÂN DÂN"; '' for none. */
  governingBody: z.string(),
  /** Cơ quan ban hành, printed bold in capitals with a short rule under it: "SỞ NỘI VỤ", "PHƯỜNG NHA TRANG". */
  issuingBody: z.string(),
  /** The issuer's code in the document's number: "UBND" gives "Số: 125/BC-UBND". */
  codeSuffix: z.string(),
  /** Địa danh before the date: "Nha Trang", "Khánh Hòa". */
  place: z.string(),
  /** TM. / KT. / Q., or null when the head signs in person. */
  signPrefix: z.enum(signPrefixes).nullable(),
  /** What the prefix stands for: "ỦY BAN NHÂN DÂN" (TM.), "GIÁM ĐỐC" (KT., Q.); '' without a prefix. */
  signAuthority: z.string(),
  /** The signer's title, one or more lines: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "GIÁM ĐỐC", "HIỆU TRƯỞNG". */
  signerTitle: z.string(),
  /** The signer's name, printed under the room for the signature; '' leaves it to write by hand. */
  signerName: z.string(),
});
export type DocumentSettings = z.infer<typeof documentSettings>;

/**
 * The body of PUT /api/units/:id/document-settings: lines trimmed, empty lines dropped; a prefix
 * needs what it stands for, and without one the signer's title is needed.
 */
export const documentSettingsBody = z
  .object({
    governingBody: lines(200, 2),
    issuingBody: lines(200, 3).refine((v) => v !== '', 'Bắt buộc nhập / Required'),
    codeSuffix: issuerCode,
    place: z.string().trim().min(1).max(100),
    signPrefix: z.enum(signPrefixes).nullable(),
    signAuthority: z.string().trim().max(200),
    signerTitle: lines(200, 3),
    signerName: z.string().trim().max(200),
  })
  .superRefine((s, ctx) => {
    if (s.signPrefix && s.signAuthority === '') {
      ctx.addIssue({ code: 'custom', path: ['signAuthority'], message: `Ghi rõ sau “${s.signPrefix}”, ví dụ ỦY BAN NHÂN DÂN hoặc GIÁM ĐỐC / Say what “${s.signPrefix}” stands for, e.g. ỦY BAN NHÂN DÂN or GIÁM ĐỐC` });
    }
    if (!s.signPrefix && s.signAuthority !== '') {
      ctx.addIssue({ code: 'custom', path: ['signPrefix'], message: 'Chọn TM., KT. hoặc Q. cho dòng thẩm quyền, hoặc để trống dòng đó / Choose TM., KT. or Q. for the authority line, or leave that line empty' });
    }
    if (!s.signPrefix && s.signerTitle === '') {
      ctx.addIssue({ code: 'custom', path: ['signerTitle'], message: 'Bắt buộc nhập chức vụ người ký / The signer’s title is required' });
    }
  });
export type DocumentSettingsBody = z.infer<typeof documentSettingsBody>;

/** GET /api/units/:id/document-settings: what the unit's documents print, and what the tree would give. */
export const documentSettingsView = z.object({
  unitId: z.number().int(),
  /** True when the unit's own settings are stored; false while the defaults from the tree apply. */
  custom: z.boolean(),
  /** What the documents print now. */
  settings: documentSettings,
  /** What the organisation tree gives when nothing is stored (shown as the starting point). */
  defaults: documentSettings,
  updatedAt: z.string().nullable(),
  allowed: allowedActions,
});
export type DocumentSettingsView = z.infer<typeof documentSettingsView>;

// ── The document number (số văn bản) ───────────────────────────────────

/**
 * The number of a document is its running number only (Nghị định 30: "số thứ tự … bằng chữ số Ả
 * Rập"); the code after it ("/BC-UBND") is the system's to add. "125" and "05" are numbers,
 * "125/BC-UBND" and "125a" are not.
 */
export function isDocumentNumber(value: string): boolean {
  return /^[0-9]{1,10}$/.test(value.trim());
}

/** "Số: 05/BC-UBND": numbers under 10 take a leading zero (Nghị định 30); a missing number leaves room to write it. */
export function referenceText(number: string | null | undefined, code: string): string {
  const n = number?.trim() ?? '';
  if (n === '') return `Số: ${' '.repeat(6)}/${code}`;
  return `Số: ${/^[0-9]$/.test(n) ? `0${n}` : n}/${code}`;
}
