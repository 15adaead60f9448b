import {
  awards,
  employmentCategoryLabels,
  initiativeLevelLabels,
  ratingLabels,
  genderLabels,
  unitKindLabels,
  type ImportKind,
} from '@thidua/contracts';

/**
 * Lower-case, without diacritics (NFD does not split đ/Đ, so they are mapped by hand), with
 * punctuation folded to single spaces: "Mã đơn vị cấp trên" → "ma don vi cap tren".
 */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface ColumnDef<K extends string> {
  key: K;
  /** The Vietnamese header, as in the template; row errors name the field by it. */
  header: string;
  headerEn: string;
  /** Other header spellings accepted (compared after foldText). */
  aliases: string[];
  required: boolean;
  /** Explanation for the "Hướng dẫn" sheet. */
  help: string;
  width: number;
}

export type PersonField = 'code' | 'fullName' | 'gender' | 'birthDate' | 'category' | 'position' | 'unitCode' | 'email' | 'phone';
export type UnitField = 'code' | 'name' | 'shortName' | 'kind' | 'parentCode' | 'validFrom';
export type RecordField = 'code' | 'fullName' | 'unitCode' | 'year' | 'rating' | 'awards' | 'decisionNumber' | 'decidedOn' | 'initiative' | 'initiativeLevel';

const list = (labels: Record<string, { vi: string }>) =>
  Object.values(labels)
    .map((l) => l.vi)
    .join('; ');

export const peopleColumns: ColumnDef<PersonField>[] = [
  { key: 'code', header: 'Mã cán bộ', headerEn: 'Staff code', aliases: ['code', 'person code', 'ma cb', 'ma nhan vien', 'ma so'], required: false, help: 'Không bắt buộc. Nếu có thì không được trùng trong tệp và trong hệ thống (tối đa 50 ký tự).', width: 14 },
  { key: 'fullName', header: 'Họ và tên', headerEn: 'Full name', aliases: ['ho ten', 'name', 'ten'], required: true, help: 'Bắt buộc, tối đa 200 ký tự.', width: 28 },
  { key: 'gender', header: 'Giới tính', headerEn: 'Gender', aliases: ['sex'], required: true, help: `Bắt buộc, một trong: ${list(genderLabels)}.`, width: 10 },
  { key: 'birthDate', header: 'Ngày sinh', headerEn: 'Birth date', aliases: ['date of birth', 'dob', 'birthdate'], required: false, help: 'Không bắt buộc, dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 05/09/1985; hoặc ô kiểu ngày của Excel.', width: 12 },
  { key: 'category', header: 'Loại', headerEn: 'Category', aliases: ['phan loai', 'loai can bo', 'doi tuong', 'employment category'], required: true, help: `Bắt buộc, một trong: ${list(employmentCategoryLabels)}.`, width: 18 },
  { key: 'position', header: 'Chức vụ', headerEn: 'Position', aliases: ['chuc danh', 'title'], required: false, help: 'Không bắt buộc, tối đa 200 ký tự.', width: 24 },
  { key: 'unitCode', header: 'Mã đơn vị', headerEn: 'Unit code', aliases: ['unit'], required: true, help: 'Bắt buộc: mã của đơn vị đang hoạt động mà bạn có quyền quản lý cán bộ (xem mã trong mục Tổ chức).', width: 14 },
  { key: 'email', header: 'Email', headerEn: 'Email', aliases: ['e mail', 'thu dien tu', 'dia chi email'], required: false, help: 'Không bắt buộc, ví dụ ten@coquan.gov.vn.', width: 28 },
  { key: 'phone', header: 'Điện thoại', headerEn: 'Phone', aliases: ['so dien thoai', 'sdt', 'dien thoai di dong', 'telephone', 'mobile'], required: false, help: 'Không bắt buộc, 8–15 chữ số (có thể có dấu +, dấu cách, dấu chấm, gạch ngang).', width: 16 },
];

export const unitColumns: ColumnDef<UnitField>[] = [
  { key: 'code', header: 'Mã đơn vị', headerEn: 'Unit code', aliases: ['code'], required: true, help: 'Bắt buộc, chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang; không trùng trong tệp và trong hệ thống.', width: 16 },
  { key: 'name', header: 'Tên đơn vị', headerEn: 'Unit name', aliases: ['name', 'ten'], required: true, help: 'Bắt buộc, tối đa 300 ký tự.', width: 36 },
  { key: 'shortName', header: 'Tên viết tắt', headerEn: 'Short name', aliases: ['abbreviation'], required: false, help: 'Không bắt buộc, tối đa 100 ký tự.', width: 14 },
  { key: 'kind', header: 'Loại đơn vị', headerEn: 'Unit kind', aliases: ['kind', 'type', 'unit type', 'loai'], required: true, help: `Bắt buộc, một trong: ${list(unitKindLabels)}.`, width: 18 },
  { key: 'parentCode', header: 'Mã đơn vị cấp trên', headerEn: 'Parent code', aliases: ['parent unit code', 'parent', 'ma cap tren', 'don vi cap tren'], required: true, help: 'Bắt buộc: mã của đơn vị cấp trên đã có trong hệ thống (bạn cần quyền quản lý đơn vị đó) hoặc của một đơn vị khác trong cùng tệp, ở dòng trước hay dòng sau đều được.', width: 18 },
  { key: 'validFrom', header: 'Ngày hiệu lực', headerEn: 'Valid from', aliases: ['effective date', 'effective from', 'ngay bat dau'], required: false, help: 'Không bắt buộc, dạng dd/mm/yyyy; để trống là ngày nhập.', width: 14 },
];

/** The record of achievements of past years (hồ sơ thành tích): one row a person and year. */
export const recordColumns: ColumnDef<RecordField>[] = [
  { key: 'code', header: 'Mã cán bộ', headerEn: 'Staff code', aliases: ['code', 'person code', 'ma cb', 'ma nhan vien', 'ma so'], required: false, help: 'Không bắt buộc nếu Họ và tên là duy nhất trong đơn vị; nếu có thì tìm cán bộ theo mã.', width: 14 },
  { key: 'fullName', header: 'Họ và tên', headerEn: 'Full name', aliases: ['ho ten', 'name', 'ten'], required: true, help: 'Bắt buộc: họ và tên như trong danh sách cán bộ của đơn vị.', width: 28 },
  { key: 'unitCode', header: 'Mã đơn vị', headerEn: 'Unit code', aliases: ['unit'], required: true, help: 'Bắt buộc: mã của đơn vị của cán bộ (bạn cần quyền nhập hồ sơ thành tích của đơn vị đó).', width: 14 },
  { key: 'year', header: 'Năm', headerEn: 'Year', aliases: ['nam xet', 'nam danh gia'], required: true, help: 'Bắt buộc: năm của xếp loại, danh hiệu, khen thưởng, sáng kiến trên dòng (từ 1990 đến năm nay). Mỗi cán bộ một dòng một năm.', width: 8 },
  { key: 'rating', header: 'Xếp loại', headerEn: 'Rating', aliases: ['xep loai chat luong', 'ket qua xep loai', 'danh gia xep loai'], required: false, help: `Không bắt buộc, một trong: ${list(ratingLabels)} (viết tắt HTXSNV, HTTNV, HTNV, KHTNV cũng được).`, width: 30 },
  { key: 'awards', header: 'Danh hiệu, khen thưởng', headerEn: 'Titles and awards', aliases: ['danh hieu', 'khen thuong', 'danh hieu thi dua', 'hinh thuc khen thuong', 'titles', 'awards'], required: false, help: `Không bắt buộc; nhiều danh hiệu, hình thức cách nhau bằng dấu chấm phẩy (;). Một trong: ${awards.map((a) => a.vi).join('; ')}.`, width: 34 },
  { key: 'decisionNumber', header: 'Số quyết định', headerEn: 'Decision number', aliases: ['so qd', 'quyet dinh'], required: false, help: 'Không bắt buộc: số, ký hiệu quyết định của các danh hiệu, khen thưởng trên dòng, ví dụ 125/QĐ-UBND.', width: 18 },
  { key: 'decidedOn', header: 'Ngày quyết định', headerEn: 'Decision date', aliases: ['ngay qd', 'ngay ky'], required: false, help: 'Không bắt buộc, dạng dd/mm/yyyy, không sau hôm nay.', width: 14 },
  { key: 'initiative', header: 'Sáng kiến', headerEn: 'Initiative', aliases: ['ten sang kien', 'de tai'], required: false, help: 'Không bắt buộc: tên sáng kiến được công nhận trong năm.', width: 34 },
  { key: 'initiativeLevel', header: 'Cấp sáng kiến', headerEn: 'Initiative level', aliases: ['cap cong nhan', 'cap cong nhan sang kien'], required: false, help: `Bắt buộc khi có Sáng kiến, một trong: ${list(initiativeLevelLabels)}.`, width: 18 },
];

export function columnsOf(kind: ImportKind): ColumnDef<string>[] {
  return { people: peopleColumns, units: unitColumns, records: recordColumns }[kind];
}

export interface HeaderMap<K extends string> {
  /** Field → 0-based cell index. */
  index: Map<K, number>;
  missing: ColumnDef<K>[];
  /** How many known columns the row named: tells a header row from a title row above it. */
  matched: number;
}

/** Reads a header row in Vietnamese or English, any case, with or without diacritics. */
export function mapHeader<K extends string>(columns: ColumnDef<K>[], cells: readonly unknown[]): HeaderMap<K> {
  const byName = new Map<string, K>();
  for (const c of columns) {
    for (const name of [c.header, c.headerEn, c.key, ...c.aliases]) byName.set(foldText(name), c.key);
  }
  const index = new Map<K, number>();
  cells.forEach((cell, i) => {
    if (typeof cell !== 'string') return;
    const key = byName.get(foldText(cell));
    if (key !== undefined && !index.has(key)) index.set(key, i);
  });
  return { index, missing: columns.filter((c) => c.required && !index.has(c.key)), matched: index.size };
}
