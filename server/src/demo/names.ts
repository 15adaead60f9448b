import { Random, weighted } from './random.js';

// Vietnamese personal names (họ, tên đệm, tên) with rough real frequencies, so that searches for
// "nguyen" return many rows and searches for "ly" few, as they would on real data.

/** Family names (họ) and their approximate share of the population, in per cent. */
export const familyNames = weighted<string>([
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3],
  ['Huỳnh', 2.1],
  ['Phan', 4.5],
  ['Vũ', 2],
  ['Võ', 1.9],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Trương', 0.8],
  ['Đinh', 0.7],
  ['Mai', 0.5],
  ['Lâm', 0.4],
  ['Đoàn', 0.5],
  ['Cao', 0.4],
  ['Lương', 0.4],
  ['Tạ', 0.3],
  ['Châu', 0.3],
  ['Thái', 0.2],
  ['Hà', 0.4],
  ['Tô', 0.2],
  ['Kiều', 0.1],
  ['Lưu', 0.3],
  ['Nông', 0.2],
  ['Quách', 0.1],
]);

export const maleMiddleNames = weighted<string>([
  ['Văn', 40],
  ['Hữu', 8],
  ['Đức', 8],
  ['Minh', 10],
  ['Quang', 6],
  ['Thanh', 5],
  ['Công', 5],
  ['Xuân', 4],
  ['Ngọc', 3],
  ['Đình', 5],
  ['Tuấn', 2],
  ['Trọng', 3],
  ['Thành', 2],
  ['Bá', 2],
]);

export const femaleMiddleNames = weighted<string>([
  ['Thị', 50],
  ['Ngọc', 8],
  ['Thanh', 7],
  ['Thu', 6],
  ['Minh', 5],
  ['Kim', 4],
  ['Hồng', 4],
  ['Phương', 3],
  ['Bích', 3],
  ['Mỹ', 3],
  ['Diệu', 2],
  ['Hoài', 2],
  ['Khánh', 3],
]);

export const maleGivenNames = [
  'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chiến', 'Dũng', 'Duy', 'Dương', 'Đạt', 'Đông', 'Đức', 'Giang', 'Hải',
  'Hào', 'Hiếu', 'Hiệp', 'Hoàng', 'Hùng', 'Huy', 'Hưng', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lợi',
  'Lực', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Phước', 'Quân', 'Quang', 'Quốc', 'Sơn',
  'Tài', 'Tâm', 'Tân', 'Thắng', 'Thành', 'Thiện', 'Thịnh', 'Thông', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Việt',
  'Vinh', 'Vũ', 'Xuân', 'Lộc', 'Hậu', 'Tiến', 'Trọng', 'Khải', 'Định', 'Sang',
] as const;

export const femaleGivenNames = [
  'An', 'Anh', 'Ánh', 'Bích', 'Châu', 'Chi', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa',
  'Hòa', 'Hồng', 'Huệ', 'Hương', 'Hường', 'Khanh', 'Lan', 'Liên', 'Linh', 'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân',
  'Ngọc', 'Nhung', 'Nhi', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Sương', 'Tâm', 'Thảo', 'Thanh', 'Thơ', 'Thu', 'Thủy',
  'Thúy', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến', 'Nhàn', 'Nguyệt', 'Hiền', 'Đào',
] as const;

/**
 * Folds Vietnamese to plain ASCII letters for e-mail addresses. NFD leaves đ/Đ alone, hence the
 * explicit replacement (see STACK.md).
 */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export interface GeneratedName {
  fullName: string;
  gender: 'male' | 'female';
  /** e.g. "ducnv" for Nguyễn Văn Đức, the usual shape of a government mailbox. */
  mailbox: string;
}

// Folding is the slowest part of building a name; each part is folded once and then looked up.
const foldCache = new Map<string, string>();
function fold(part: string): string {
  let v = foldCache.get(part);
  if (v === undefined) {
    v = asciiFold(part).toLowerCase();
    foldCache.set(part, v);
  }
  return v;
}

export function randomName(rng: Random, gender: 'male' | 'female'): GeneratedName {
  const family = rng.pickWeighted(familyNames);
  const male = gender === 'male';
  const middle = rng.pickWeighted(male ? maleMiddleNames : femaleMiddleNames);
  const given = rng.pick(male ? maleGivenNames : femaleGivenNames);
  // A second middle name now and then ("Nguyễn Thị Ngọc Anh"), as is common for women.
  const extra = !male && middle === 'Thị' && rng.chance(0.2) ? rng.pick(['Ngọc', 'Thu', 'Kim', 'Thanh', 'Hồng', 'Minh']) : null;
  const fullName = extra ? `${family} ${middle} ${extra} ${given}` : `${family} ${middle} ${given}`;
  const mailbox = `${fold(given)}${fold(family)[0]}${fold(middle)[0]}${extra ? fold(extra)[0] : ''}`;
  return { fullName, gender, mailbox };
}

/** The mailbox of a full name written out: "Nguyễn Văn Đức" gives "ducnv". */
export function mailboxOf(fullName: string): string {
  const parts = fullName.split(' ').map(fold);
  const given = parts.pop()!;
  return `${given}${parts.map((p) => p[0]).join('')}`;
}
