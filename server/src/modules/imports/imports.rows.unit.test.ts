import { describe, expect, it } from 'vitest';
import { foldText, mapHeader, peopleColumns, unitColumns } from './imports.columns.js';
import { csvRecords, detectFormat } from './imports.files.js';
import { commonAncestor } from './imports.pipeline.js';
import { parseDate, parsePersonRow, parseUnitRow } from './imports.rows.js';

describe('parseDate', () => {
  it.each([
    ['05/09/1985', '1985-09-05'],
    ['5/9/1985', '1985-09-05'],
    ['05-09-1985', '1985-09-05'],
    ['05.09.1985', '1985-09-05'],
    [' 29/02/2024 ', '2024-02-29'],
    ['1985-09-05', '1985-09-05'],
    [new Date(Date.UTC(1985, 8, 5)), '1985-09-05'],
    [31295, '1985-09-05'], // an Excel serial left unformatted
    ['29/02/2023', null],
    ['31/04/2020', null],
    ['13/13/2020', null],
    ['09/05/85', null],
    ['hôm qua', null],
    [true, null],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe('headers', () => {
  it('reads Vietnamese headers in any case, with or without diacritics, and English ones', () => {
    expect(foldText('Mã đơn vị cấp trên')).toBe('ma don vi cap tren');
    const h = mapHeader(peopleColumns, ['HỌ VÀ TÊN', 'gioi tinh', 'Loai', 'Unit code', 'E-mail', 'Số điện thoại', 'Ghi chú']);
    expect(Object.fromEntries(h.index)).toEqual({ fullName: 0, gender: 1, category: 2, unitCode: 3, email: 4, phone: 5 });
    expect(h.missing).toEqual([]);
    const u = mapHeader(unitColumns, ['Code', 'Name', 'Kind', 'Parent code']);
    expect(u.missing).toEqual([]);
    expect(mapHeader(unitColumns, ['Mã đơn vị', 'Tên đơn vị']).missing.map((c) => c.header)).toEqual(['Loại đơn vị', 'Mã đơn vị cấp trên']);
  });
});

describe('rows', () => {
  const people = mapHeader(peopleColumns, peopleColumns.map((c) => c.header));
  const row = (over: Partial<Record<string, unknown>>) =>
    peopleColumns.map((c) => (c.key in over ? over[c.key] : ({ fullName: 'Nguyễn Văn A', gender: 'Nam', category: 'Công chức', unitCode: 'DV1' } as Record<string, unknown>)[c.key] ?? null)) as never[];

  it('accepts labels without diacritics and in English', () => {
    const r = parsePersonRow(people, row({ gender: 'nu', category: 'Public employee' }), '2026-11-22');
    expect(r).toMatchObject({ ok: true, value: { gender: 'female', category: 'public_employee' } });
  });

  it('names each bad field in Vietnamese and English', () => {
    const r = parsePersonRow(people, row({ fullName: '  ', email: 'khong-phai-email', phone: '12', birthDate: '01/01/2100' }), '2026-11-22');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual(['Họ và tên', 'Ngày sinh', 'Email', 'Điện thoại']);
    expect(r.issues[0]).toEqual({ field: 'Họ và tên', message: 'Bắt buộc nhập Họ và tên', messageEn: 'Full name is required' });
  });

  it('checks unit codes and parents', () => {
    const units = mapHeader(unitColumns, unitColumns.map((c) => c.header));
    expect(parseUnitRow(units, ['A B', 'Tên', null, 'Khác', 'P', null], true)).toMatchObject({ ok: false, issues: [{ field: 'Mã đơn vị' }] });
    expect(parseUnitRow(units, ['AB', 'Tên', null, 'Khác', 'ab', null], true)).toMatchObject({ ok: false, issues: [{ field: 'Mã đơn vị cấp trên' }] });
    expect(parseUnitRow(units, ['AB', 'Tên', null, 'Xã/Phường', null, null], true)).toMatchObject({ ok: false });
    expect(parseUnitRow(units, ['AB', 'Tên', null, 'Xã/Phường', null, null], false)).toMatchObject({ ok: true, value: { kind: 'commune', parentCode: null } });
  });
});

describe('files', () => {
  it('parses CSV with quotes, commas, new lines, CRLF and semicolons, keeping line numbers', () => {
    const text = 'a,b\r\n"x, y","he said ""hi"""\r\n"two\nlines",z\r\nlast,row';
    expect([...csvRecords(text)]).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x, y', 'he said "hi"'] },
      { row: 3, cells: ['two\nlines', 'z'] },
      { row: 5, cells: ['last', 'row'] },
    ]);
    expect([...csvRecords('a;b\n1;2\n')]).toEqual([{ row: 1, cells: ['a', 'b'] }, { row: 2, cells: ['1', '2'] }]);
  });

  it('tells formats by content', () => {
    expect(detectFormat('a.csv', Buffer.from('\uFEFFHọ và tên\n'))).toBe('csv');
    expect(() => detectFormat('a.xlsx', Buffer.from('text'))).toThrow('FILE_INVALID');
    expect(() => detectFormat('a.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toThrow('FILE_INVALID');
    expect(() => detectFormat('a.pdf', Buffer.from('%PDF'))).toThrow('FILE_INVALID');
    expect(() => detectFormat('a.csv', Buffer.from([0xc3, 0x28]))).toThrow('FILE_INVALID');
  });

  it('finds the common ancestor of unit paths', () => {
    expect(commonAncestor(undefined, '1.2.3')).toBe('1.2.3');
    expect(commonAncestor('1.2.3', '1.2.4')).toBe('1.2');
    expect(commonAncestor('1.2', '1.20')).toBe('1');
    expect(commonAncestor('1.2', '5.6')).toBeNull();
    expect(commonAncestor(null, '1')).toBeNull();
  });
});
