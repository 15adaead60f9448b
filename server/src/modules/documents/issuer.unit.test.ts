import { describe, expect, it } from 'vitest';
import { BLANK_PLACE, citePlan, defaultDocumentSettings, headTitle, issuerAbbreviation, issuerOf, placeName, unitSignature } from './issuer.js';
import { officialFileName, withoutDiacritics } from './file-names.js';

const unit = (id: number, name: string, kind: string, path: string, short_name: string | null = null) => ({ id, name, kind, path, short_name });
const root = unit(1, 'Việt Nam', 'national', '1');
const province = unit(2, 'Tỉnh Khánh Hòa', 'province', '1.2');
const ward = unit(3, 'Phường Nha Trang', 'commune', '1.2.3');

describe(defaultDocumentSettings.name, () => {
  it('has a People’s Committee issue as officials write it: ỦY BAN NHÂN DÂN over the locality, signed TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH', () => {
    expect(defaultDocumentSettings([root, province, ward])).toEqual({
      governingBody: 'ỦY BAN NHÂN DÂN',
      issuingBody: 'PHƯỜNG NHA TRANG',
      codeSuffix: 'PNT',
      place: 'Nha Trang',
      signPrefix: 'TM.',
      signAuthority: 'ỦY BAN NHÂN DÂN',
      signerTitle: 'CHỦ TỊCH',
      signerName: '',
    });
    // A name that already says "UBND" keeps it for the code only.
    const named = defaultDocumentSettings([root, unit(5, 'UBND tỉnh Khánh Hòa', 'province', '1.5'), unit(6, 'UBND phường Bắc Nha Trang', 'commune', '1.5.6')]);
    expect(named).toMatchObject({ governingBody: 'ỦY BAN NHÂN DÂN', issuingBody: 'PHƯỜNG BẮC NHA TRANG', codeSuffix: 'UBND', place: 'Bắc Nha Trang' });
    expect(defaultDocumentSettings([root, province])).toMatchObject({ governingBody: 'ỦY BAN NHÂN DÂN', issuingBody: 'TỈNH KHÁNH HÒA', place: 'Khánh Hòa' });
  });

  it('puts the province’s committee over a department, without repeating the province in the department’s name', () => {
    const department = unit(4, 'Sở Nội vụ tỉnh Khánh Hòa', 'department', '1.2.4', 'SNV');
    expect(defaultDocumentSettings([root, province, department])).toEqual({
      governingBody: 'UBND TỈNH KHÁNH HÒA',
      issuingBody: 'SỞ NỘI VỤ',
      codeSuffix: 'SNV',
      place: 'Khánh Hòa',
      signPrefix: null,
      signAuthority: '',
      signerTitle: 'GIÁM ĐỐC',
      signerName: '',
    });
  });

  it('names the managing unit above a school or an office, and a blank place where no locality lies above', () => {
    const school = unit(7, 'Trường THCS Thái Nguyên', 'school', '1.2.3.7');
    expect(defaultDocumentSettings([root, province, ward, school])).toMatchObject({ governingBody: 'UBND PHƯỜNG NHA TRANG', issuingBody: 'TRƯỜNG THCS THÁI NGUYÊN', place: 'Nha Trang', signerTitle: 'HIỆU TRƯỞNG' });
    const office = unit(8, 'Văn phòng Sở Nội vụ', 'office', '1.2.4.8');
    expect(defaultDocumentSettings([root, province, unit(4, 'Sở Nội vụ', 'department', '1.2.4'), office])).toMatchObject({ governingBody: 'SỞ NỘI VỤ', issuingBody: 'VĂN PHÒNG SỞ NỘI VỤ', signerTitle: 'CHÁNH VĂN PHÒNG' });
    expect(defaultDocumentSettings([unit(9, 'Sở Nội vụ', 'department', '9')])).toMatchObject({ governingBody: '', issuingBody: 'SỞ NỘI VỤ', place: BLANK_PLACE });
  });
});

describe(headTitle.name, () => {
  it.each([
    ['Sở Nội vụ', 'department', 'GIÁM ĐỐC'],
    ['Trường Tiểu học Hứa Tạo', 'school', 'HIỆU TRƯỞNG'],
    ['Phòng Công chức, viên chức', 'office', 'TRƯỞNG PHÒNG'],
    ['Ban Thi đua - Khen thưởng', 'office', 'TRƯỞNG BAN'],
    ['Trạm Y tế phường Nha Trang', 'health', 'TRƯỞNG TRẠM'],
    ['Hội Cựu chiến binh', 'organisation', 'THỦ TRƯỞNG ĐƠN VỊ'],
    ['Sở', 'agency', 'GIÁM ĐỐC'],
    ['Sởi', 'agency', 'THỦ TRƯỞNG ĐƠN VỊ'],
  ])('%s (%s) → %s', (name, kind, title) => expect(headTitle({ name, kind })).toBe(title));
});

describe(issuerOf.name, () => {
  it('prints the governing body only when there is one', () => {
    const settings = defaultDocumentSettings([root, province, ward]);
    expect(issuerOf(settings)).toEqual({ parentBody: 'ỦY BAN NHÂN DÂN', issuingBody: 'PHƯỜNG NHA TRANG', place: 'Nha Trang', code: 'PNT' });
    expect(issuerOf({ ...settings, governingBody: '' }).parentBody).toBeNull();
  });
});

describe(unitSignature.name, () => {
  const settings = { ...defaultDocumentSettings([root, province, ward]), signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', signerName: 'Phạm Minh Tuấn' };
  it('puts the prefix with what it stands for above the title lines, and the name under them', () => {
    expect(unitSignature(settings)).toEqual({ authority: ['TM. ỦY BAN NHÂN DÂN'], title: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Phạm Minh Tuấn' });
  });
  it('takes a document’s own signer first, and leaves the name blank when there is none', () => {
    expect(unitSignature(settings, 'Lê Văn Dễ').name).toBe('Lê Văn Dễ');
    expect(unitSignature(settings, '  ').name).toBe('Phạm Minh Tuấn');
    expect(unitSignature({ ...settings, signerName: '' }).name).toBeNull();
    expect(unitSignature({ ...settings, signPrefix: null, signAuthority: '', signerTitle: 'GIÁM ĐỐC' })).toEqual({ authority: [], title: 'GIÁM ĐỐC', name: 'Phạm Minh Tuấn' });
  });
});

describe(issuerAbbreviation.name, () => {
  it('takes the short name, else the leading acronym, else the initials', () => {
    expect(issuerAbbreviation('UBND phường Trần Phú', null)).toBe('UBND');
    expect(issuerAbbreviation('Sở Nội vụ', null)).toBe('SNV');
    expect(issuerAbbreviation('Sở Nội vụ', 'SNV')).toBe('SNV');
    expect(issuerAbbreviation('Phòng Nội vụ', 'PNV')).toBe('PNV');
    expect(issuerAbbreviation('Phường Nha Trang', null)).toBe('PNT');
    expect(issuerAbbreviation('Đảng ủy xã', null)).toBe('DUX');
  });
});

describe(officialFileName.name, () => {
  it.each([
    ['Báo cáo năm 2026 Phường Nha Trang', 'docx', 'Bao-cao-nam-2026-Phuong-Nha-Trang.docx'],
    ['Báo cáo 6 tháng đầu năm 2026 Sở Nội vụ tỉnh Khánh Hòa', 'pdf', 'Bao-cao-6-thang-dau-nam-2026-So-Noi-vu-tinh-Khanh-Hoa.pdf'],
    ['Báo cáo quý II/2026 UBND xã Đắk Mil', 'docx', 'Bao-cao-quy-II-2026-UBND-xa-Dak-Mil.docx'],
    ['Đăng ký thi đua năm 2026 Nguyễn Văn Đức', 'docx', 'Dang-ky-thi-dua-nam-2026-Nguyen-Van-Duc.docx'],
    ['Phiếu tự đánh giá năm 2026 “Tổ Văn – Sử”', 'docx', 'Phieu-tu-danh-gia-nam-2026-To-Van-Su.docx'],
    ['', 'xlsx', 'tai-lieu.xlsx'],
  ])('%s → %s', (words, ext, name) => expect(officialFileName(words, ext)).toBe(name));

  it('keeps long names under 120 characters, cut between words, and never anything but ASCII letters, digits and hyphens', () => {
    const name = officialFileName(`Báo cáo năm 2026 ${'Trường Trung học cơ sở Nguyễn Thị Minh Khai '.repeat(6)}`, 'docx');
    expect(name.length).toBeLessThanOrEqual(125);
    expect(name).toMatch(/^[A-Za-z0-9-]+[^-]\.docx$/);
    expect(withoutDiacritics('Ủy ban nhân dân Đắk Lắk')).toBe('Uy ban nhan dan Dak Lak');
  });
});

describe(placeName.name, () => {
  it.each([
    ['UBND thành phố Nha Trang', 'Nha Trang'],
    ['Ủy ban nhân dân tỉnh Khánh Hòa', 'Khánh Hòa'],
    ['Thành phố Hồ Chí Minh', 'Hồ Chí Minh'],
    ['Xã Cam Lâm', 'Cam Lâm'],
    ['Đặc khu Trường Sa', 'Trường Sa'],
    ['Nha Trang', 'Nha Trang'],
  ])('%s → %s', (name, place) => expect(placeName(name)).toBe(place));
});

describe(citePlan.name, () => {
  it('cites number, date and issuer without repeating the type word of the title', () => {
    expect(
      citePlan({ documentType: 'KH', number: '6344', code: 'KH-UBND', issueDate: '2019-08-08', title: 'Kế hoạch thực hiện phong trào thi đua', unitName: 'UBND thành phố Nha Trang' }),
    ).toBe('Kế hoạch số 6344/KH-UBND ngày 08/08/2019 của UBND thành phố Nha Trang thực hiện phong trào thi đua');
    expect(citePlan({ documentType: 'CT', number: null, code: null, issueDate: null, title: 'Văn hóa công sở', unitName: 'Sở Nội vụ' })).toBe(
      'Chỉ thị của Sở Nội vụ về Văn hóa công sở',
    );
  });
});
