import {
  awards,
  initiativeLevelLabels,
  initiativeLevels,
  ratingLabels,
  ratings,
  type AwardCode,
  type InitiativeLevel,
  type Rating,
  employmentCategories,
  employmentCategoryLabels,
  genderLabels,
  genders,
  unitCode as unitCodeSchema,
  unitKindLabels,
  unitKinds,
  type EmploymentCategory,
  type Gender,
  type UnitKind,
} from '@thidua/contracts';
import { z } from 'zod';
import { foldText, peopleColumns, recordColumns, unitColumns, type ColumnDef, type HeaderMap, type PersonField, type RecordField, type UnitField } from './imports.columns.js';
import type { CellValue } from './imports.files.js';

// Pure rules for one row of an import: no database, so they are unit-tested with many cases.

export interface RowIssue {
  /** The Vietnamese column name, as in the template. */
  field: string | null;
  message: string;
  messageEn: string;
}

export interface PersonRow {
  code: string | null;
  fullName: string;
  gender: Gender;
  birthDate: string | null;
  category: EmploymentCategory;
  position: string | null;
  unitCode: string;
  email: string | null;
  phone: string | null;
}

export interface UnitRow {
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentCode: string | null;
  validFrom: string | null;
}

/** One person's year of the record of achievements (hồ sơ thành tích), as a row gives it. */
export interface RecordRow {
  code: string | null;
  fullName: string;
  unitCode: string;
  year: number;
  rating: Rating | null;
  awards: AwardCode[];
  decisionNumber: string | null;
  decidedOn: string | null;
  initiative: { title: string; level: InitiativeLevel } | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: RowIssue[] };

/**
 * Label → value, compared after foldText. The same few spellings recur on every row, so answers
 * are remembered by the raw text (up to a bound) to skip the Unicode normalisation.
 */
function lookup<T extends string>(keys: readonly T[], labels: Record<T, { vi: string; en: string }>): (raw: string) => T | undefined {
  const m = new Map<string, T>();
  for (const k of keys) for (const name of [k, labels[k].vi, labels[k].en]) m.set(foldText(name), k);
  const seen = new Map<string, T | undefined>();
  return (raw) => {
    if (seen.has(raw)) return seen.get(raw);
    const found = m.get(foldText(raw));
    if (seen.size < 1000) seen.set(raw, found);
    return found;
  };
}
const genderByName = lookup(genders, genderLabels);
const categoryByName = lookup(employmentCategories, employmentCategoryLabels);
const kindByName = lookup(unitKinds, unitKindLabels);
const levelByName = lookup(initiativeLevels, initiativeLevelLabels);
/** The ratings by their labels, with and without "nhiệm vụ", and the abbreviations officials write. */
const ratingNames = new Map<string, Rating>();
for (const r of ratings) {
  for (const name of [r, ratingLabels[r].vi, ratingLabels[r].en, ratingLabels[r].vi.replace(/ nhiệm vụ$/u, '')]) ratingNames.set(foldText(name), r);
}
for (const [abbr, r] of [['HTXSNV', 'hoan_thanh_xuat_sac'], ['HTTNV', 'hoan_thanh_tot'], ['HTNV', 'hoan_thanh'], ['KHTNV', 'khong_hoan_thanh']] as const) ratingNames.set(foldText(abbr), r);
const awardNames = new Map<string, AwardCode>();
for (const a of awards) for (const name of [a.code, a.vi, a.en]) awardNames.set(foldText(name), a.code);
// The short names officials write for the usual titles.
for (const [abbr, code] of [['LĐTT', 'lao_dong_tien_tien'], ['CSTĐCS', 'chien_si_thi_dua_co_so'], ['CSTĐ cơ sở', 'chien_si_thi_dua_co_so'], ['Chiến sĩ thi đua cấp tỉnh', 'chien_si_thi_dua_tinh'], ['Bằng khen UBND tỉnh', 'bang_khen_tinh'], ['Bằng khen của Chủ tịch UBND tỉnh', 'bang_khen_tinh']] as const) {
  awardNames.set(foldText(abbr), code);
}
const allowed = (labels: Record<string, { vi: string; en: string }>, lang: 'vi' | 'en') =>
  Object.values(labels)
    .map((l) => l[lang])
    .join(', ');

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? iso(y, m, d) : null;
}

/**
 * A calendar date from a cell: dd/mm/yyyy (also with - or .), yyyy-mm-dd, an Excel date cell,
 * or an Excel serial number left unformatted. Returns ISO yyyy-mm-dd, or null when unreadable.
 */
export function parseDate(v: CellValue): string | null {
  if (v instanceof Date) {
    // ExcelJS builds dates at UTC midnight; a time part from rounding is dropped, not shifted.
    const t = new Date(v.getTime() + 500);
    return Number.isNaN(t.getTime()) ? null : validDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 150_000) return null;
    // Excel's day 1 is 1900-01-01 and it believes 1900 was a leap year: serial 25569 is 1970-01-01.
    return parseDate(new Date(Math.round((Math.floor(v) - 25569) * 86_400_000)));
  }
  if (typeof v !== 'string') return null;
  const s = v.trim();
  let m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** A cell as trimmed text; numbers as written (no thousands separator), blanks as null. */
export function cellText(v: CellValue): string | null {
  if (v === null) return null;
  if (v instanceof Date) return parseDate(v);
  const s = (typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : v).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

const emailSchema = z.email();
const phonePattern = /^\+?[0-9 .-]{8,15}$/;

/** Reads the cells of one row by field; reports issues in both languages with the column name. */
class RowReader<K extends string> {
  readonly issues: RowIssue[] = [];
  constructor(
    private readonly columns: ColumnDef<K>[],
    private readonly header: HeaderMap<K>,
    private readonly cells: CellValue[],
  ) {}

  col(key: K): ColumnDef<K> {
    return this.columns.find((c) => c.key === key)!;
  }
  raw(key: K): CellValue {
    const i = this.header.index.get(key);
    return i === undefined ? null : (this.cells[i] ?? null);
  }
  issue(key: K, message: string, messageEn: string): void {
    this.issues.push({ field: this.col(key).header, message, messageEn });
  }
  text(key: K, max: number): string | null {
    const v = cellText(this.raw(key));
    if (v === null) {
      if (this.col(key).required) this.issue(key, `Bắt buộc nhập ${this.col(key).header}`, `${this.col(key).headerEn} is required`);
      return null;
    }
    if (v.length > max) {
      this.issue(key, `${this.col(key).header} dài quá ${max} ký tự`, `${this.col(key).headerEn} is longer than ${max} characters`);
      return null;
    }
    return v;
  }
  choice<T extends string>(key: K, byName: (raw: string) => T | undefined, labels: Record<T, { vi: string; en: string }>): T | null {
    const v = this.text(key, 100);
    if (v === null) return null;
    const found = byName(v);
    if (found === undefined) {
      this.issue(key, `${this.col(key).header} "${v}" không hợp lệ; chọn một trong: ${allowed(labels, 'vi')}`, `${this.col(key).headerEn} "${v}" is not valid; use one of: ${allowed(labels, 'en')}`);
      return null;
    }
    return found;
  }
  date(key: K): string | null {
    const v = this.raw(key);
    if (cellText(v) === null) return null;
    const d = parseDate(v);
    if (d === null) this.issue(key, `${this.col(key).header} "${cellText(v)}" không đúng dạng ngày/tháng/năm (dd/mm/yyyy)`, `${this.col(key).headerEn} "${cellText(v)}" is not a dd/mm/yyyy date`);
    return d;
  }
}

/** One person row, or the reasons it is bad. Database checks (unit, duplicates) come later. */
export function parsePersonRow(header: HeaderMap<PersonField>, cells: CellValue[], today: string): Parsed<PersonRow> {
  const r = new RowReader(peopleColumns, header, cells);
  const code = r.text('code', 50);
  const fullName = r.text('fullName', 200);
  const gender = r.choice('gender', genderByName, genderLabels);
  const birthDate = r.date('birthDate');
  if (birthDate && birthDate > today) r.issue('birthDate', 'Ngày sinh ở tương lai', 'The birth date is in the future');
  const category = r.choice('category', categoryByName, employmentCategoryLabels);
  const position = r.text('position', 200);
  const unitCode = r.text('unitCode', 50);
  const email = r.text('email', 254);
  if (email !== null && !emailSchema.safeParse(email).success) r.issue('email', `Email "${email}" không hợp lệ`, `Email "${email}" is not valid`);
  let phone = r.text('phone', 30);
  const rawPhone = r.raw('phone');
  // A phone typed into a number cell loses its leading 0 (0912345678 → 912345678): put it back.
  if (typeof rawPhone === 'number' && phone !== null && /^\d{9}$/.test(phone)) phone = `0${phone}`;
  if (phone !== null && !phonePattern.test(phone)) r.issue('phone', `Số điện thoại "${phone}" không hợp lệ`, `Phone number "${phone}" is not valid`);
  if (r.issues.length || !fullName || !gender || !category || !unitCode) return { ok: false, issues: r.issues };
  return { ok: true, value: { code, fullName, gender, birthDate, category, position, unitCode, email, phone } };
}

/** One unit row, or the reasons it is bad. `parentRequired` is false only for the command line. */
export function parseUnitRow(header: HeaderMap<UnitField>, cells: CellValue[], parentRequired: boolean): Parsed<UnitRow> {
  const r = new RowReader(unitColumns, header, cells);
  const code = r.text('code', 50);
  if (code !== null && !unitCodeSchema.safeParse(code).success) {
    r.issue('code', `Mã đơn vị "${code}" chỉ được gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang`, `Unit code "${code}" may hold only letters, digits, . _ -`);
  }
  const name = r.text('name', 300);
  const shortName = r.text('shortName', 100);
  const kind = r.choice('kind', kindByName, unitKindLabels);
  const parentCode = cellText(r.raw('parentCode'));
  if (parentCode === null && parentRequired) r.issue('parentCode', 'Bắt buộc nhập Mã đơn vị cấp trên', 'Parent code is required');
  if (parentCode !== null && code !== null && parentCode.toLowerCase() === code.toLowerCase()) {
    r.issue('parentCode', 'Đơn vị không thể là cấp trên của chính nó', 'A unit cannot be its own parent');
  }
  const validFrom = r.date('validFrom');
  if (r.issues.length || !code || !name || !kind) return { ok: false, issues: r.issues };
  return { ok: true, value: { code, name, shortName, kind, parentCode, validFrom } };
}

/** One year of a person's record, or the reasons it is bad. The person and the record are checked later. */
export function parseRecordRow(header: HeaderMap<RecordField>, cells: CellValue[], today: string): Parsed<RecordRow> {
  const r = new RowReader(recordColumns, header, cells);
  const code = r.text('code', 50);
  const fullName = r.text('fullName', 200);
  const unitCode = r.text('unitCode', 50);
  const thisYear = Number(today.slice(0, 4));
  const yearText = r.text('year', 10);
  let year: number | null = null;
  if (yearText !== null) {
    const n = Number(yearText);
    if (!Number.isInteger(n) || n < 1990 || n > thisYear) r.issue('year', `Năm "${yearText}" phải từ 1990 đến ${thisYear}`, `Year "${yearText}" must be from 1990 to ${thisYear}`);
    else year = n;
  }
  const ratingText = r.text('rating', 100);
  const rating = ratingText === null ? null : (ratingNames.get(foldText(ratingText)) ?? null);
  if (ratingText !== null && rating === null) {
    r.issue('rating', `Xếp loại "${ratingText}" không hợp lệ; chọn một trong: ${allowed(ratingLabels, 'vi')}`, `Rating "${ratingText}" is not valid; use one of: ${allowed(ratingLabels, 'en')}`);
  }
  const awardsText = r.text('awards', 1000);
  const codes: AwardCode[] = [];
  for (const part of (awardsText ?? '').split(/[;\n]/u).map((x) => x.trim()).filter(Boolean)) {
    const found = awardNames.get(foldText(part));
    if (!found) r.issue('awards', `Danh hiệu, khen thưởng "${part}" không có trong danh mục`, `Title or award "${part}" is not in the catalogue`);
    else if (codes.includes(found)) r.issue('awards', `"${part}" ghi hai lần trên một dòng`, `"${part}" is written twice on one row`);
    else codes.push(found);
  }
  const decisionNumber = r.text('decisionNumber', 100);
  const decidedOn = r.date('decidedOn');
  if (decidedOn && decidedOn > today) r.issue('decidedOn', 'Ngày quyết định ở tương lai', 'The decision date is in the future');
  const initiativeTitle = r.text('initiative', 500);
  const level = initiativeTitle === null ? null : r.text('initiativeLevel', 100);
  let initiative: RecordRow['initiative'] = null;
  if (initiativeTitle !== null) {
    const found = level === null ? undefined : levelByName(level);
    if (level === null) r.issue('initiativeLevel', 'Có Sáng kiến thì phải ghi Cấp sáng kiến', 'An initiative needs its level');
    else if (found === undefined) r.issue('initiativeLevel', `Cấp sáng kiến "${level}" không hợp lệ; chọn một trong: ${allowed(initiativeLevelLabels, 'vi')}`, `Initiative level "${level}" is not valid; use one of: ${allowed(initiativeLevelLabels, 'en')}`);
    else initiative = { title: initiativeTitle, level: found };
  }
  if (!r.issues.length && rating === null && codes.length === 0 && initiative === null) {
    r.issues.push({ field: null, message: 'Dòng không có xếp loại, danh hiệu, khen thưởng hay sáng kiến nào', messageEn: 'The row holds no rating, title, award or initiative' });
  }
  if (r.issues.length || !fullName || !unitCode || year === null) return { ok: false, issues: r.issues };
  return { ok: true, value: { code, fullName, unitCode, year, rating, awards: codes, decisionNumber, decidedOn, initiative } };
}
