import type { EmploymentCategory, UnitKind } from '@thidua/contracts';

// The organisation as it stands after the 2025 reform (two tiers of local government: 34 provinces
// and 3,321 communes, no districts), with Khánh Hòa spelled out by hand for the demonstration.

export interface ProvinceSpec {
  code: string;
  name: string;
  /** Mail domain of the provincial portal, e.g. khanhhoa.gov.vn. */
  domain: string;
}

const city = (code: string, name: string, domain: string): ProvinceSpec => ({ code, name: `Thành phố ${name}`, domain });
const prov = (code: string, name: string, domain: string): ProvinceSpec => ({ code, name: `Tỉnh ${name}`, domain });

/** The 34 provincial-level units from 01/7/2025 (Nghị quyết 202/2025/QH15). */
export const provinces: readonly ProvinceSpec[] = [
  city('HNI', 'Hà Nội', 'hanoi.gov.vn'),
  city('HUE', 'Huế', 'hue.gov.vn'),
  prov('LCH', 'Lai Châu', 'laichau.gov.vn'),
  prov('DBN', 'Điện Biên', 'dienbien.gov.vn'),
  prov('SLA', 'Sơn La', 'sonla.gov.vn'),
  prov('LSN', 'Lạng Sơn', 'langson.gov.vn'),
  prov('QNH', 'Quảng Ninh', 'quangninh.gov.vn'),
  prov('THA', 'Thanh Hóa', 'thanhhoa.gov.vn'),
  prov('NAN', 'Nghệ An', 'nghean.gov.vn'),
  prov('HTH', 'Hà Tĩnh', 'hatinh.gov.vn'),
  prov('CBG', 'Cao Bằng', 'caobang.gov.vn'),
  prov('TQG', 'Tuyên Quang', 'tuyenquang.gov.vn'),
  prov('LCI', 'Lào Cai', 'laocai.gov.vn'),
  prov('TNN', 'Thái Nguyên', 'thainguyen.gov.vn'),
  prov('PTO', 'Phú Thọ', 'phutho.gov.vn'),
  prov('BNH', 'Bắc Ninh', 'bacninh.gov.vn'),
  prov('HYN', 'Hưng Yên', 'hungyen.gov.vn'),
  city('HPG', 'Hải Phòng', 'haiphong.gov.vn'),
  prov('NBH', 'Ninh Bình', 'ninhbinh.gov.vn'),
  prov('QTI', 'Quảng Trị', 'quangtri.gov.vn'),
  city('DNG', 'Đà Nẵng', 'danang.gov.vn'),
  prov('QNG', 'Quảng Ngãi', 'quangngai.gov.vn'),
  prov('GLI', 'Gia Lai', 'gialai.gov.vn'),
  prov('KHA', 'Khánh Hòa', 'khanhhoa.gov.vn'),
  prov('LDG', 'Lâm Đồng', 'lamdong.gov.vn'),
  prov('DLK', 'Đắk Lắk', 'daklak.gov.vn'),
  city('HCM', 'Hồ Chí Minh', 'hochiminhcity.gov.vn'),
  prov('DNI', 'Đồng Nai', 'dongnai.gov.vn'),
  prov('TNH', 'Tây Ninh', 'tayninh.gov.vn'),
  city('CTO', 'Cần Thơ', 'cantho.gov.vn'),
  prov('VLG', 'Vĩnh Long', 'vinhlong.gov.vn'),
  prov('DTP', 'Đồng Tháp', 'dongthap.gov.vn'),
  prov('CMU', 'Cà Mau', 'camau.gov.vn'),
  prov('AGG', 'An Giang', 'angiang.gov.vn'),
];

export const NATIONAL_COMMUNES = 3321;

export interface UnitSpec {
  /** Suffix of the unit code under its parent's code, e.g. "SNV" gives KHA-SNV. */
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  validFrom?: string;
  children?: UnitSpec[];
}

/** Departments (sở, ban, ngành) of a province after the 2025 restructuring, with a few of their offices. */
export const departments: readonly UnitSpec[] = [
  {
    code: 'SNV',
    name: 'Sở Nội vụ',
    shortName: 'SNV',
    kind: 'department',
    validFrom: '2025-03-01',
    children: [
      // The standing body (cơ quan thường trực) of the provincial emulation council sits here.
      { code: 'TDKT', name: 'Ban Thi đua - Khen thưởng', kind: 'office' },
      { code: 'VP', name: 'Văn phòng Sở Nội vụ', kind: 'office' },
      { code: 'TCBC', name: 'Phòng Tổ chức, biên chế và tổ chức phi chính phủ', kind: 'office' },
      { code: 'CCVC', name: 'Phòng Công chức, viên chức', kind: 'office' },
    ],
  },
  { code: 'VPUB', name: 'Văn phòng Ủy ban nhân dân tỉnh', kind: 'department', children: [{ code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh', kind: 'agency' }] },
  { code: 'VPDB', name: 'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh', kind: 'department' },
  { code: 'STC', name: 'Sở Tài chính', shortName: 'STC', kind: 'department', validFrom: '2025-03-01', children: [{ code: 'VP', name: 'Văn phòng Sở Tài chính', kind: 'office' }] },
  { code: 'STP', name: 'Sở Tư pháp', shortName: 'STP', kind: 'department', children: [{ code: 'TGPL', name: 'Trung tâm Trợ giúp pháp lý nhà nước', kind: 'agency' }] },
  {
    code: 'SGDDT',
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'SGDĐT',
    kind: 'department',
    children: [
      { code: 'VP', name: 'Văn phòng Sở Giáo dục và Đào tạo', kind: 'office' },
      { code: 'THPT1', name: 'Trường THPT Lý Tự Trọng', kind: 'school', validFrom: '1990-09-05' },
      { code: 'THPT2', name: 'Trường THPT chuyên Lê Quý Đôn', kind: 'school', validFrom: '1990-09-05' },
    ],
  },
  {
    code: 'SYT',
    name: 'Sở Y tế',
    shortName: 'SYT',
    kind: 'department',
    children: [
      { code: 'BVDK', name: 'Bệnh viện Đa khoa tỉnh', kind: 'health', validFrom: '1976-01-01' },
      { code: 'CDC', name: 'Trung tâm Kiểm soát bệnh tật tỉnh', kind: 'health', validFrom: '2018-01-01' },
    ],
  },
  { code: 'SCT', name: 'Sở Công Thương', kind: 'department' },
  { code: 'SXD', name: 'Sở Xây dựng', kind: 'department', validFrom: '2025-03-01' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', kind: 'department', validFrom: '2025-03-01' },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'department', validFrom: '2025-03-01' },
  { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'department' },
  { code: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo', kind: 'department', validFrom: '2025-03-01' },
  { code: 'TTRA', name: 'Thanh tra tỉnh', kind: 'department' },
];

/** Khánh Hòa's wards and communes after 01/7/2025, a selection of the real ones. */
export const khanhHoaCommunes: readonly { code: string; name: string }[] = [
  { code: 'P-NHATRANG', name: 'Phường Nha Trang' },
  { code: 'P-BACNHATRANG', name: 'Phường Bắc Nha Trang' },
  { code: 'P-TAYNHATRANG', name: 'Phường Tây Nha Trang' },
  { code: 'P-NAMNHATRANG', name: 'Phường Nam Nha Trang' },
  { code: 'P-CAMRANH', name: 'Phường Cam Ranh' },
  { code: 'P-BANGOI', name: 'Phường Ba Ngòi' },
  { code: 'P-NINHHOA', name: 'Phường Ninh Hòa' },
  { code: 'P-PHANRANG', name: 'Phường Phan Rang' },
  { code: 'X-CAMLAM', name: 'Xã Cam Lâm' },
  { code: 'X-SUOIDAU', name: 'Xã Suối Dầu' },
  { code: 'X-DIENKHANH', name: 'Xã Diên Khánh' },
  { code: 'X-DIENLAC', name: 'Xã Diên Lạc' },
  { code: 'X-VANNINH', name: 'Xã Vạn Ninh' },
  { code: 'X-KHANHVINH', name: 'Xã Khánh Vĩnh' },
  { code: 'X-KHANHSON', name: 'Xã Khánh Sơn' },
];

// Syllables of which generated commune names are made ("Xã Tân Phú", "Phường Hòa Bình"):
// these are the commonest elements of real Vietnamese place names.
export const placeFirst = [
  'An', 'Bình', 'Hòa', 'Tân', 'Phú', 'Phước', 'Long', 'Vĩnh', 'Thạnh', 'Thanh', 'Đông', 'Tây', 'Nam', 'Bắc', 'Hưng',
  'Minh', 'Quang', 'Xuân', 'Trung', 'Hiệp', 'Thuận', 'Mỹ', 'Đại', 'Cẩm', 'Hải', 'Sơn', 'Kim', 'Ngọc', 'Lộc', 'Tam',
];
export const placeSecond = [
  'An', 'Bình', 'Hòa', 'Phú', 'Lợi', 'Thành', 'Hưng', 'Thịnh', 'Lộc', 'Phước', 'Hiệp', 'Thuận', 'Tiến', 'Quang', 'Trung',
  'Mỹ', 'Long', 'Đông', 'Tây', 'Hải', 'Sơn', 'Lâm', 'Khánh', 'Điền', 'Yên', 'Định', 'Nghĩa', 'Tân', 'Xuân', 'Phong',
];

/** Heroes and writers schools are named after, and the flowers kindergartens are. */
export const schoolEponyms = [
  'Hứa Tạo', 'Lê Lợi', 'Trần Phú', 'Nguyễn Trãi', 'Lý Thường Kiệt', 'Quang Trung', 'Ngô Quyền', 'Trần Hưng Đạo',
  'Võ Thị Sáu', 'Lê Hồng Phong', 'Phan Bội Châu', 'Nguyễn Du', 'Chu Văn An', 'Kim Đồng', 'Nguyễn Hiền', 'Lê Văn Tám',
  'Tô Hiến Thành', 'Hùng Vương', 'Nguyễn Bỉnh Khiêm', 'Lương Thế Vinh', 'Trần Quốc Toản', 'Bế Văn Đàn', 'Mạc Đĩnh Chi',
];
export const kindergartenNames = ['Hoa Sen', 'Hoa Hồng', 'Sao Mai', 'Họa Mi', 'Vành Khuyên', 'Bình Minh', 'Hướng Dương', 'Hoa Phượng', 'Sơn Ca', 'Ánh Dương'];

/**
 * What a commune (xã/phường) is made of under the two-tier layout, in the order the generator adds
 * them: when a size asks for fewer units per commune, the later ones are left out.
 */
export const communeChildren: readonly { code: string; kind: UnitKind; name: (commune: string, ward: boolean, eponym: string, flower: string) => string }[] = [
  { code: 'VP', kind: 'office', name: (c) => `Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${c}` },
  { code: 'VHXH', kind: 'office', name: (c) => `Phòng Văn hóa - Xã hội ${c}` },
  { code: 'KT', kind: 'office', name: (c, ward) => (ward ? `Phòng Kinh tế, Hạ tầng và Đô thị ${c}` : `Phòng Kinh tế ${c}`) },
  { code: 'TH', kind: 'school', name: (_c, _w, e) => `Trường Tiểu học ${e}` },
  { code: 'TYT', kind: 'health', name: (c) => `Trạm Y tế ${c}` },
  { code: 'MN', kind: 'school', name: (_c, _w, _e, f) => `Trường Mầm non ${f}` },
  { code: 'THCS', kind: 'school', name: (_c, _w, e) => `Trường THCS ${e}` },
  { code: 'TTPV', kind: 'agency', name: (c) => `Trung tâm Phục vụ hành chính công ${c}` },
  { code: 'TH2', kind: 'school', name: (_c, _w, e) => `Trường Tiểu học ${e}` },
  { code: 'MTTQ', kind: 'organisation', name: (c) => `Ủy ban Mặt trận Tổ quốc Việt Nam ${c}` },
];

/** Positions (chức vụ) by kind of unit: the head, the deputy, then staff with their weights. */
export interface StaffPlan {
  head: string;
  deputy: string;
  staff: readonly (readonly [position: string, weight: number, category: EmploymentCategory])[];
  headCategory: EmploymentCategory;
  /** Share of women among the staff, roughly as in the sector. */
  female: number;
  /** Relative number of people a unit of this kind employs. */
  weight: number;
}

export const staffPlans: Record<UnitKind, StaffPlan> = {
  national: { head: 'Vụ trưởng', deputy: 'Phó Vụ trưởng', staff: [['Chuyên viên', 1, 'civil_servant']], headCategory: 'civil_servant', female: 0.5, weight: 5 },
  province: {
    head: 'Chủ tịch Ủy ban nhân dân tỉnh',
    deputy: 'Phó Chủ tịch Ủy ban nhân dân tỉnh',
    staff: [['Phó Chủ tịch Ủy ban nhân dân tỉnh', 1, 'cadre']],
    headCategory: 'cadre',
    female: 0.3,
    weight: 1,
  },
  district: { head: 'Chủ tịch Ủy ban nhân dân', deputy: 'Phó Chủ tịch Ủy ban nhân dân', staff: [['Chuyên viên', 1, 'civil_servant']], headCategory: 'cadre', female: 0.45, weight: 0 },
  department: {
    head: 'Giám đốc',
    deputy: 'Phó Giám đốc',
    staff: [
      ['Chuyên viên', 40, 'civil_servant'],
      ['Chuyên viên chính', 12, 'civil_servant'],
      ['Trưởng phòng', 6, 'civil_servant'],
      ['Phó Trưởng phòng', 8, 'civil_servant'],
      ['Chánh Văn phòng', 1, 'civil_servant'],
      ['Kế toán', 3, 'civil_servant'],
      ['Văn thư', 2, 'worker'],
      ['Lái xe', 2, 'worker'],
      ['Bảo vệ', 1, 'worker'],
    ],
    headCategory: 'civil_servant',
    female: 0.48,
    weight: 30,
  },
  office: {
    head: 'Trưởng phòng',
    deputy: 'Phó Trưởng phòng',
    staff: [
      ['Chuyên viên', 10, 'civil_servant'],
      ['Chuyên viên chính', 2, 'civil_servant'],
      ['Kế toán', 1, 'civil_servant'],
      ['Văn thư', 1, 'worker'],
    ],
    headCategory: 'civil_servant',
    female: 0.5,
    weight: 8,
  },
  commune: {
    head: 'Chủ tịch Ủy ban nhân dân',
    deputy: 'Phó Chủ tịch Ủy ban nhân dân',
    staff: [
      ['Phó Chủ tịch Ủy ban nhân dân', 1, 'cadre'],
      ['Chủ tịch Hội đồng nhân dân', 0.5, 'cadre'],
      ['Công chức Văn phòng - Thống kê', 3, 'civil_servant'],
      ['Công chức Tư pháp - Hộ tịch', 2, 'civil_servant'],
      ['Công chức Tài chính - Kế toán', 2, 'civil_servant'],
      ['Công chức Địa chính - Xây dựng', 2, 'civil_servant'],
      ['Công chức Văn hóa - Xã hội', 2, 'civil_servant'],
      ['Chỉ huy trưởng Ban Chỉ huy quân sự', 0.5, 'armed_forces'],
      ['Công an viên', 1, 'armed_forces'],
      ['Nhân viên hợp đồng', 1, 'worker'],
    ],
    headCategory: 'cadre',
    female: 0.42,
    weight: 12,
  },
  agency: {
    head: 'Giám đốc',
    deputy: 'Phó Giám đốc',
    staff: [
      ['Viên chức', 8, 'public_employee'],
      ['Chuyên viên', 4, 'civil_servant'],
      ['Kế toán', 1, 'public_employee'],
      ['Nhân viên hợp đồng', 2, 'worker'],
    ],
    headCategory: 'public_employee',
    female: 0.5,
    weight: 8,
  },
  school: {
    head: 'Hiệu trưởng',
    deputy: 'Phó Hiệu trưởng',
    staff: [
      ['Giáo viên', 40, 'public_employee'],
      ['Tổng phụ trách Đội', 1, 'public_employee'],
      ['Kế toán', 1, 'public_employee'],
      ['Nhân viên văn thư', 1, 'public_employee'],
      ['Nhân viên y tế trường học', 1, 'public_employee'],
      ['Nhân viên thư viện', 1, 'public_employee'],
      ['Bảo vệ', 1, 'worker'],
      ['Nhân viên phục vụ', 1, 'worker'],
    ],
    headCategory: 'public_employee',
    female: 0.72,
    weight: 32,
  },
  health: {
    head: 'Giám đốc',
    deputy: 'Phó Giám đốc',
    staff: [
      ['Bác sĩ', 10, 'public_employee'],
      ['Y sĩ', 4, 'public_employee'],
      ['Điều dưỡng', 12, 'public_employee'],
      ['Nữ hộ sinh', 3, 'public_employee'],
      ['Dược sĩ', 2, 'public_employee'],
      ['Kỹ thuật viên xét nghiệm', 2, 'public_employee'],
      ['Kế toán', 1, 'public_employee'],
      ['Hộ lý', 2, 'worker'],
    ],
    headCategory: 'public_employee',
    female: 0.65,
    weight: 14,
  },
  organisation: {
    head: 'Chủ tịch',
    deputy: 'Phó Chủ tịch',
    staff: [['Cán bộ chuyên trách', 3, 'cadre'], ['Chuyên viên', 1, 'civil_servant']],
    headCategory: 'cadre',
    female: 0.45,
    weight: 4,
  },
  other: { head: 'Trưởng đơn vị', deputy: 'Phó Trưởng đơn vị', staff: [['Nhân viên', 1, 'worker']], headCategory: 'worker', female: 0.5, weight: 4 },
};

/** Heads of a health station and of a commune school are titled differently from a hospital's. */
export function headTitle(kind: UnitKind, unitName: string): { head: string; deputy: string } {
  const plan = staffPlans[kind];
  if (kind === 'health' && unitName.startsWith('Trạm Y tế')) return { head: 'Trưởng Trạm Y tế', deputy: 'Phó Trưởng Trạm Y tế' };
  if (kind === 'office' && unitName.startsWith('Văn phòng')) return { head: 'Chánh Văn phòng', deputy: 'Phó Chánh Văn phòng' };
  if (kind === 'office' && unitName.startsWith('Ban ')) return { head: 'Trưởng ban', deputy: 'Phó Trưởng ban' };
  if (kind === 'department' && unitName.startsWith('Thanh tra')) return { head: 'Chánh Thanh tra', deputy: 'Phó Chánh Thanh tra' };
  if (kind === 'department' && unitName.startsWith('Văn phòng')) return { head: 'Chánh Văn phòng', deputy: 'Phó Chánh Văn phòng' };
  return { head: plan.head, deputy: plan.deputy };
}
