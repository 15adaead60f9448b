import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { clientWith } from '../../../test/clients.js';
import { newPerson, newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { csvOf, settle, upload, xlsxOf, type Cell } from './imports.testing.js';

// The past years of the record of achievements (hồ sơ thành tích) from a spreadsheet: the school's
// officer loads three years of ratings, titles and initiatives; each bad row is named with its reason
// and nothing is written until the good rows are committed.

const HEADER = ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Năm', 'Xếp loại', 'Danh hiệu, khen thưởng', 'Số quyết định', 'Ngày quyết định', 'Sáng kiến', 'Cấp sáng kiến'];

describe('import of past years of the record of achievements', () => {
  let t: TestApp;
  let province: TestUnit;
  let school: TestUnit;
  let other: TestUnit;
  let officer: Client;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await testApp();
    province = await newUnit(t.ctx.db, { kind: 'province' });
    school = await newUnit(t.ctx.db, { parent: province, kind: 'school' });
    other = await newUnit(t.ctx.db, { parent: province, kind: 'school' });
    for (const name of ['Nguyễn Thị Hoa', 'Trần Văn Bình', 'Lê Văn An', 'Lê Văn An']) ids[name] = (await newPerson(t.ctx.db, school, { fullName: name })).id;
    await t.ctx.db.updateTable('people').set({ code: 'GV-001' }).where('id', '=', ids['Nguyễn Thị Hoa']!).execute();
    await t.ctx.db.insertInto('yearly_ratings').values({ subject: 'individual', person_id: ids['Trần Văn Bình']!, unit_id: school.id, year: 2023, rating: 'hoan_thanh' }).execute();
    officer = await clientWith(t, [['unit_officer', school]]);
  });

  const rows = (): Cell[][] => [
    HEADER,
    ['GV-001', 'Nguyễn Thị Hoa', school.code, '2023', 'Hoàn thành xuất sắc nhiệm vụ', 'LĐTT; Chiến sĩ thi đua cơ sở', '45/QĐ-THCS', '20/12/2023', 'Số hóa hồ sơ học sinh', 'Cấp cơ sở'],
    ['GV-001', 'Nguyễn Thị Hoa', school.code, '2024', 'HTXSNV', 'Chiến sĩ thi đua cơ sở', '52/QĐ-THCS', '19/12/2024', null, null],
    [null, 'Trần Văn Bình', school.code, '2024', 'Hoàn thành tốt', 'Lao động tiên tiến', null, null, null, null],
    // Bad: the record already rates 2023 otherwise; a name two people share; an unknown title; a year to come.
    [null, 'Trần Văn Bình', school.code, '2023', 'Hoàn thành tốt nhiệm vụ', null, null, null, null, null],
    [null, 'Lê Văn An', school.code, '2024', 'HTTNV', null, null, null, null, null],
    ['GV-001', 'Nguyễn Thị Hoa', school.code, '2025', null, 'Bằng khen cấp huyện', null, null, null, null],
    ['GV-001', 'Nguyễn Thị Hoa', school.code, '2027', 'HTTNV', null, null, null, null, null],
    // Bad: the same person and year twice; a unit outside the officer's reach; an initiative without its level.
    ['GV-001', 'Nguyễn Thị Hoa', school.code, '2024', 'HTXSNV', null, null, null, null, null],
    [null, 'Trần Văn Bình', other.code, '2022', 'HTTNV', null, null, null, null, null],
    [null, 'Trần Văn Bình', school.code, '2022', null, null, null, null, 'Sáng kiến không cấp', null],
  ];

  it('names each bad row and why, writes nothing on the dry run, then imports the good rows', async () => {
    const res = await upload(officer, 'records', 'ho-so.xlsx', await xlsxOf(rows()));
    expect(res.statusCode, res.body).toBe(202);
    const job = await settle(officer, res.json().id);
    expect(job).toMatchObject({ status: 'validated', totalRows: 10, goodRows: 3, badRows: 7 });
    expect(job.errors.map((e: { row: number; field: string | null; message: string }) => [e.row, e.field, e.message])).toEqual([
      [5, 'Xếp loại', 'Hồ sơ đã có xếp loại năm 2023 là "hoàn thành nhiệm vụ"; sửa trong hồ sơ thành tích nếu cần'],
      [6, 'Họ và tên', 'Đơn vị có 2 cán bộ tên "Lê Văn An": ghi Mã cán bộ để phân biệt'],
      [7, 'Danh hiệu, khen thưởng', 'Danh hiệu, khen thưởng "Bằng khen cấp huyện" không có trong danh mục'],
      [8, 'Năm', 'Năm "2027" phải từ 1990 đến 2026'],
      [9, 'Năm', 'Nguyễn Thị Hoa năm 2024 đã có ở dòng 3'],
      // Another school is out of the officer's sight: it reads as unknown, as through the API.
      [10, 'Mã đơn vị', `Không tìm thấy đơn vị có mã "${other.code}"`],
      [11, 'Cấp sáng kiến', 'Có Sáng kiến thì phải ghi Cấp sáng kiến'],
    ]);
    expect(await t.ctx.db.selectFrom('granted_awards').select('id').where('person_id', '=', ids['Nguyễn Thị Hoa']!).execute()).toEqual([]);

    await officer.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: true, today: '2026-06-15' });
    expect(await settle(officer, job.id)).toMatchObject({ status: 'done', importedRows: 3 });
    const record = (await officer.get(`/api/people/${ids['Nguyễn Thị Hoa']}/record`)).json();
    expect(record.years.map((y: { year: number; rating: string; granted: { awardCode: string; decisionNumber: string }[]; initiatives: { title: string }[] }) => [y.year, y.rating, y.granted.map((g) => `${g.awardCode} ${g.decisionNumber}`), y.initiatives.map((i) => i.title)])).toEqual([
      [2024, 'hoan_thanh_xuat_sac', ['chien_si_thi_dua_co_so 52/QĐ-THCS'], []],
      [2023, 'hoan_thanh_xuat_sac', ['lao_dong_tien_tien 45/QĐ-THCS', 'chien_si_thi_dua_co_so 45/QĐ-THCS'], ['Số hóa hồ sơ học sinh']],
    ]);
    // The import is audited as one action of the officer.
    expect(await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'import.records').execute()).toHaveLength(1);

    // The same file again: what is already in the record is named, nothing is written twice.
    const again = await settle(officer, (await upload(officer, 'records', 'ho-so.csv', csvOf(rows().slice(0, 2)))).json().id);
    expect(again.errors).toEqual([expect.objectContaining({ row: 2, field: 'Danh hiệu, khen thưởng', message: 'Hồ sơ đã có Lao động tiên tiến năm 2023' }), expect.objectContaining({ row: 2, message: 'Hồ sơ đã có Chiến sĩ thi đua cơ sở năm 2023' })]);
  });

  it('is not for those who do not write records, and not for one’s own record', async () => {
    const staff = await clientWith(t, [['staff_member', school]]);
    expect((await upload(staff, 'records', 'ho-so.csv', csvOf(rows().slice(0, 2)))).statusCode).toBe(403);
    const self = await newUser(t.ctx.db, { roles: [['unit_officer', school]] });
    await t.ctx.db.updateTable('users').set({ person_id: ids['Trần Văn Bình']! }).where('id', '=', self.id).execute();
    const own = new Client(t.app);
    await own.signIn(self.username);
    const job = await settle(own, (await upload(own, 'records', 'ho-so.csv', csvOf([HEADER, [null, 'Trần Văn Bình', school.code, '2021', 'HTXSNV', null, null, null, null, null]]))).json().id);
    expect(job.errors).toEqual([expect.objectContaining({ row: 2, message: 'Không tự nhập hồ sơ thành tích của chính mình' })]);
  });
});
