import { describe, expect, it } from 'vitest';
import { BLANK_PLACE, citePlan, issuerOf, placeName } from './issuer.js';

const unit = (id: number, name: string, kind: string, path: string) => ({ id, name, kind, path });

describe(issuerOf.name, () => {
  it('names the parent as the managing body and takes the place from the nearest locality', () => {
    const lineage = [unit(1, 'Trung ương', 'national', '1'), unit(2, 'Tỉnh Khánh Hòa', 'province', '1.2'), unit(3, 'Phường Nha Trang', 'commune', '1.2.3'), unit(4, 'Trường THCS Thái Nguyên', 'school', '1.2.3.4')];
    expect(issuerOf(lineage)).toEqual({ parentBody: 'Phường Nha Trang', issuingBody: 'Trường THCS Thái Nguyên', place: 'Nha Trang' });
    expect(issuerOf(lineage.slice(0, 2))).toEqual({ parentBody: null, issuingBody: 'Tỉnh Khánh Hòa', place: 'Khánh Hòa' });
    expect(issuerOf([unit(9, 'Sở Nội vụ', 'department', '9')])).toEqual({ parentBody: null, issuingBody: 'Sở Nội vụ', place: BLANK_PLACE });
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
