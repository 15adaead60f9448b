import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { CLI_AUDIT_NAME, importFromCli } from './imports.service.js';
import { csvOf, multipart, settle, upload, xlsxOf, type Cell } from './imports.testing.js';

const PEOPLE_HEADER = ['Mã cán bộ', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Loại', 'Chức vụ', 'Mã đơn vị', 'Email', 'Điện thoại'];

describe('imports', () => {
  let t: TestApp;
  let root: TestUnit;
  let unitA: TestUnit;
  let unitB: TestUnit;
  let officer: Client;

  const peopleIn = async (unit: TestUnit) => {
    const r = await t.ctx.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', unit.id).executeTakeFirstOrThrow();
    return Number(r.n);
  };

  beforeAll(async () => {
    t = await testApp();
    root = await newUnit(t.ctx.db, { code: `TINH${Date.now() % 100000}` });
    unitA = await newUnit(t.ctx.db, { parent: root });
    unitB = await newUnit(t.ctx.db, { parent: root });
    const user = await newUser(t.ctx.db, { roles: [['standing_officer', root]] });
    officer = new Client(t.app);
    await officer.signIn(user.username);
  });

  /** Six people; rows 3, 5 and 6 (header = 1) are bad: gender, unit code, date. */
  const peopleRows = (prefix: string): Cell[][] => [
    PEOPLE_HEADER,
    [`${prefix}01`, 'Nguyễn Văn An', 'Nam', '01/02/1980', 'Công chức', 'Trưởng phòng', unitA.code, 'an@example.gov.vn', '0912345678'],
    [`${prefix}02`, 'Trần Thị Bình', 'Đàn ông', '03/04/1985', 'Viên chức', null, unitA.code, null, null],
    [`${prefix}03`, 'Lê Văn Cường', 'nam', '5/6/1990', 'cong chuc', null, unitB.code.toLowerCase(), null, null],
    [`${prefix}04`, 'Phạm Thị Dung', 'Nữ', '07/08/1975', 'Người lao động', null, 'KHONG-CO', null, null],
    [`${prefix}05`, 'Hoàng Văn Em', 'Nam', '31/02/1990', 'Cán bộ', null, unitB.code, null, null],
    [`${prefix}06`, 'Đỗ Thị Giang', 'Khác', null, 'Lực lượng vũ trang', null, unitB.code, 'giang@example.gov.vn', '+84 912 345 678'],
  ];

  const expectTheThreeBadRows = (job: { status: string; totalRows: number; goodRows: number; badRows: number; errors: { row: number; field: string | null; message: string }[] }) => {
    expect(job).toMatchObject({ status: 'validated', totalRows: 6, goodRows: 3, badRows: 3 });
    expect(job.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'Giới tính'],
      [5, 'Mã đơn vị'],
      [6, 'Ngày sinh'],
    ]);
    expect(job.errors[0]!.message).toBe('Giới tính "Đàn ông" không hợp lệ; chọn một trong: Nam, Nữ, Khác');
    expect(job.errors[1]!.message).toBe('Không tìm thấy đơn vị có mã "KHONG-CO"');
    expect(job.errors[2]!.message).toBe('Ngày sinh "31/02/1990" không đúng dạng ngày/tháng/năm (dd/mm/yyyy)');
  };

  it('checks a people CSV: lists exactly the bad rows, writes nothing, then imports only the good rows', async () => {
    const before = { a: await peopleIn(unitA), b: await peopleIn(unitB) };
    const res = await upload(officer, 'people', 'can-bo.csv', csvOf(peopleRows('CSV')));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'people', status: 'validating', fileName: 'can-bo.csv' });
    const job = await settle(officer, res.json().id);
    expectTheThreeBadRows(job);
    expect(await peopleIn(unitA)).toBe(before.a);

    // Bad rows and no consent to skip them: refused, and still nothing written.
    const refused = await officer.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: false, today: '2026-06-15' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('IMPORT_HAS_ERRORS');
    expect(refused.json().error.message).toMatch(/dòng lỗi/);
    expect((await officer.get(`/api/imports/${job.id}`)).json().status).toBe('validated');
    expect(await peopleIn(unitA)).toBe(before.a);
    expect(await peopleIn(unitB)).toBe(before.b);

    const commit = await officer.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: true, today: '2026-06-15' });
    expect(commit.statusCode).toBe(202);
    expect(commit.json().status).toBe('importing');
    const done = await settle(officer, job.id);
    expect(done).toMatchObject({ status: 'done', importedRows: 3, failure: null });
    expect(await peopleIn(unitA)).toBe(before.a + 1);
    expect(await peopleIn(unitB)).toBe(before.b + 2);

    const people = await t.ctx.db
      .selectFrom('people as p')
      .innerJoin('person_assignments as a', 'a.person_id', 'p.id')
      .select(['p.code', 'p.full_name', 'p.gender', 'p.birth_date', 'p.category', 'p.unit_id', 'p.email', 'a.unit_id as assignedUnit', 'a.position'])
      .where('p.code', 'like', 'CSV%')
      .orderBy('p.code')
      .execute();
    expect(people).toEqual([
      { code: 'CSV01', full_name: 'Nguyễn Văn An', gender: 'male', birth_date: '1980-02-01', category: 'civil_servant', unit_id: unitA.id, email: 'an@example.gov.vn', assignedUnit: unitA.id, position: 'Trưởng phòng' },
      { code: 'CSV03', full_name: 'Lê Văn Cường', gender: 'male', birth_date: '1990-06-05', category: 'civil_servant', unit_id: unitB.id, email: null, assignedUnit: unitB.id, position: null },
      { code: 'CSV06', full_name: 'Đỗ Thị Giang', gender: 'other', birth_date: null, category: 'armed_forces', unit_id: unitB.id, email: 'giang@example.gov.vn', assignedUnit: unitB.id, position: null },
    ]);

    // One audit entry for the whole import, scoped to the common ancestor of A and B.
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'import_job').where('entity_id', '=', String(job.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import.people', unit_id: root.id });
    expect(audit[0]!.after).toMatchObject({ importedRows: 3, skippedRows: 3, totalRows: 6, onlyGoodRows: true });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    const stored = await t.ctx.db.selectFrom('import_jobs').select('file').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(stored.file).toBeNull();

    // Done is final: a second commit is refused.
    expect((await officer.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: true })).statusCode).toBe(409);
  });

  it('checks a people XLSX the same way, reading Excel date cells and numeric phone cells', async () => {
    const rows = peopleRows('XLS');
    rows[1]![3] = new Date(Date.UTC(1980, 1, 1));
    rows[1]![8] = 912345678; // typed into a number cell: Excel dropped the leading 0
    const res = await upload(officer, 'people', 'can-bo.xlsx', await xlsxOf(rows, { dateColumn: 4 }));
    expect(res.statusCode).toBe(202);
    const job = await settle(officer, res.json().id);
    expectTheThreeBadRows(job);
    expect((await t.ctx.db.selectFrom('people').select('id').where('code', 'like', 'XLS%').execute()).length).toBe(0);

    expect((await officer.post(`/api/imports/${job.id}/commit`, {})).statusCode).toBe(422);
    expect((await officer.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: true })).statusCode).toBe(202);
    expect(await settle(officer, job.id)).toMatchObject({ status: 'done', importedRows: 3 });
    const an = await t.ctx.db.selectFrom('people').select(['birth_date', 'phone']).where('code', '=', 'XLS01').executeTakeFirstOrThrow();
    expect(an).toEqual({ birth_date: '1980-02-01', phone: '0912345678' });
  });

  it('reports duplicate codes within the file and against the database', async () => {
    const rows: Cell[][] = [
      ['Staff code', 'Full name', 'Gender', 'Date of birth', 'Category', 'Unit code'],
      ['CSV01', 'Đã có', 'Male', null, 'Cadre', unitA.code],
      ['DUP-1', 'Thứ nhất', 'Female', null, 'Worker', unitA.code],
      ['dup-1', 'Thứ hai', 'Female', null, 'Worker', unitA.code],
    ];
    const job = await settle(officer, (await upload(officer, 'people', 'english.csv', csvOf(rows))).json().id);
    expect(job).toMatchObject({ status: 'validated', goodRows: 1, badRows: 2 });
    expect(job.errors).toEqual([
      { row: 2, field: 'Mã cán bộ', message: 'Mã cán bộ "CSV01" đã có trong hệ thống', messageEn: 'Staff code "CSV01" already exists' },
      { row: 4, field: 'Mã cán bộ', message: 'Mã cán bộ "dup-1" trùng với dòng 3', messageEn: 'Staff code "dup-1" repeats row 3' },
    ]);
  });

  it('fails the check, naming the missing columns, when the header lacks a required one', async () => {
    const rows: Cell[][] = [['Họ và tên', 'Giới tính'], ['Nguyễn Văn A', 'Nam']];
    const job = await settle(officer, (await upload(officer, 'people', 'thieu-cot.csv', csvOf(rows))).json().id);
    expect(job.status).toBe('failed');
    expect(job.failure).toContain('Tệp thiếu cột bắt buộc: Loại, Mã đơn vị');
  });

  it('builds units with the right paths, a parent defined later in the file included', async () => {
    const rows: Cell[][] = [
      ['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Loại đơn vị', 'Mã đơn vị cấp trên', 'Ngày hiệu lực'],
      ['TO-1', 'Tổ công tác 1', null, 'Khác', 'PHONG-X', '01/07/2025'], // parent on row 4
      ['PHONG-Y', 'Phòng Y', 'PY', 'Phòng/Ban', root.code, null],
      ['PHONG-X', 'Phòng X', null, 'phong/ban', root.code.toLowerCase(), null],
      ['VONG-1', 'Vòng 1', null, 'Khác', 'VONG-2', null],
      ['VONG-2', 'Vòng 2', null, 'Khác', 'VONG-1', null],
      ['CON-VONG', 'Con của vòng', null, 'Khác', 'VONG-1', null],
      [unitA.code, 'Trùng mã', null, 'Khác', root.code, null],
      ['LA', 'Loại lạ', null, 'Hành tinh', root.code, null],
    ];
    const res = await upload(officer, 'units', 'don-vi.csv', csvOf(rows));
    expect(res.statusCode).toBe(202);
    const job = await settle(officer, res.json().id);
    expect(job).toMatchObject({ status: 'validated', totalRows: 8, goodRows: 3, badRows: 5 });
    expect(job.errors.map((e) => [e.row, e.field])).toEqual([
      [5, 'Mã đơn vị cấp trên'],
      [6, 'Mã đơn vị cấp trên'],
      [7, 'Mã đơn vị cấp trên'],
      [8, 'Mã đơn vị'],
      [9, 'Loại đơn vị'],
    ]);
    expect(job.errors[0]!.message).toBe('Các đơn vị ở dòng 5, 6 là cấp trên của nhau (vòng lặp)');
    expect(job.errors[2]!.message).toBe('Đơn vị cấp trên "VONG-1" (dòng 5) có lỗi');
    expect(await t.ctx.db.selectFrom('units').select('id').where('code', 'in', ['TO-1', 'PHONG-X', 'PHONG-Y']).execute()).toHaveLength(0);

    expect((await officer.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: true })).statusCode).toBe(202);
    expect(await settle(officer, job.id)).toMatchObject({ status: 'done', importedRows: 3 });
    const units = new Map(
      (await t.ctx.db.selectFrom('units').select(['id', 'code', 'parent_id', 'path', 'kind', 'short_name', 'valid_from']).where('code', 'in', ['TO-1', 'PHONG-X', 'PHONG-Y']).execute()).map((u) => [u.code, u]),
    );
    const x = units.get('PHONG-X')!;
    const y = units.get('PHONG-Y')!;
    const to = units.get('TO-1')!;
    expect(x).toMatchObject({ parent_id: root.id, path: `${root.path}.${x.id}`, kind: 'office' });
    expect(y).toMatchObject({ parent_id: root.id, path: `${root.path}.${y.id}`, short_name: 'PY' });
    expect(to).toMatchObject({ parent_id: x.id, path: `${root.path}.${x.id}.${to.id}`, kind: 'other', valid_from: '2025-07-01' });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'import_job').where('entity_id', '=', String(job.id)).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'import.units', unit_id: root.id });
    expect(audit.after).toMatchObject({ importedRows: 3, skippedRows: 5 });
  });

  it('refuses a file that is not really an .xlsx (400) and stores nothing', async () => {
    const before = await t.ctx.db.selectFrom('import_jobs').select('id').execute();
    const res = await upload(officer, 'people', 'gia-mao.xlsx', Buffer.from('%PDF-1.7 not a spreadsheet'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'FILE_INVALID', message: 'Tệp không hợp lệ', details: { reason: 'Tệp không phải là tệp Excel (.xlsx)' } });
    const notXlsxZip = await upload(officer, 'people', 'nen.xlsx', Buffer.from('504b0304' + '00'.repeat(40), 'hex'));
    expect(notXlsxZip.statusCode).toBe(400);
    const binaryCsv = await upload(officer, 'people', 'nhi-phan.csv', Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect(binaryCsv.statusCode).toBe(400);
    const noFile = await officer.request({ method: 'POST', url: '/api/imports/people', ...multipart('a.csv', Buffer.from('x'), 'other') });
    expect(noFile.statusCode).toBe(400);
    expect((await officer.post('/api/imports/people', { file: 'x' })).statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('import_jobs').select('id').execute()).toHaveLength(before.length);
  });

  it('answers 413 to a file over the size limit', async () => {
    const res = await upload(officer, 'people', 'lon.csv', Buffer.alloc(31 * 1024 * 1024, 0x41));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
  });

  it('shows a job to its creator only: others get 404, and cannot commit it', async () => {
    const job = await settle(officer, (await upload(officer, 'people', 'rieng.csv', csvOf(peopleRows('PRV')))).json().id);
    const other = await newUser(t.ctx.db, { roles: [['standing_officer', root]] });
    const c = new Client(t.app);
    await c.signIn(other.username);
    expect((await c.get(`/api/imports/${job.id}`)).statusCode).toBe(404);
    expect((await c.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: true })).statusCode).toBe(404);
    expect((await c.get('/api/imports/999999')).statusCode).toBe(404);
    expect((await new Client(t.app).get(`/api/imports/${job.id}`)).statusCode).toBe(401);
    expect((await officer.get(`/api/imports/${job.id}`)).json().status).toBe('validated');
  });

  it('gives row errors, not a failure, for rows in units where the actor may not add people', async () => {
    // Unit officer of A, viewer of the whole province: sees B but may not add people to it.
    const user = await newUser(t.ctx.db, { roles: [['unit_officer', unitA], ['viewer', root]] });
    const c = new Client(t.app);
    await c.signIn(user.username);
    const hidden = await newUnit(t.ctx.db);
    const rows: Cell[][] = [
      PEOPLE_HEADER,
      ['QX1', 'Vũ Văn Hải', 'Nam', null, 'Công chức', null, unitA.code, null, null],
      ['QX2', 'Vũ Thị Hoa', 'Nữ', null, 'Công chức', null, unitB.code, null, null],
      ['QX3', 'Vũ Văn Khoa', 'Nam', null, 'Công chức', null, hidden.code, null, null],
    ];
    const res = await upload(c, 'people', 'quyen.csv', csvOf(rows));
    expect(res.statusCode).toBe(202);
    const job = await settle(c, res.json().id);
    expect(job).toMatchObject({ status: 'validated', goodRows: 1, badRows: 2 });
    expect(job.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'Mã đơn vị', message: `Bạn không có quyền thêm cán bộ vào đơn vị "${unitB.code}"` }),
      expect.objectContaining({ row: 4, field: 'Mã đơn vị', message: `Không tìm thấy đơn vị có mã "${hidden.code}"` }),
    ]);

    // Someone with no right to add people anywhere may not start a people import at all.
    const viewer = await newUser(t.ctx.db, { roles: [['viewer', root]] });
    const v = new Client(t.app);
    await v.signIn(viewer.username);
    const refused = await upload(v, 'people', 'quyen.csv', csvOf(rows));
    expect(refused.statusCode).toBe(403);
    expect((await upload(c, 'units', 'don-vi.csv', csvOf([['Mã đơn vị'], ['X']]))).statusCode).toBe(403);
  });

  it('serves templates that re-import cleanly: the example row imports', async () => {
    for (const kind of ['people', 'units'] as const) {
      const jobs = [];
      for (const format of ['xlsx', 'csv'] as const) {
        const res = await officer.get(`/api/imports/templates/${kind}.${format}`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toContain(`.${format}`);
        const bytes = res.rawPayload;
        if (format === 'xlsx') {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
          expect(wb.worksheets.map((w) => w.name)[1]).toBe('Hướng dẫn');
          const guide = wb.worksheets[1]!.getColumn(3).values.join(' ');
          expect(guide).toContain(kind === 'people' ? 'Nam; Nữ; Khác' : 'Phòng/Ban');
          if (kind === 'people') expect(guide).toContain('Cán bộ; Công chức; Viên chức; Người lao động; Lực lượng vũ trang');
          expect(wb.worksheets[0]!.getRow(1).values).toContain(kind === 'people' ? 'Họ và tên' : 'Mã đơn vị cấp trên');
        } else {
          expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        }
        const job = await settle(officer, (await upload(officer, kind, `mau.${format}`, bytes)).json().id);
        expect(job).toMatchObject({ status: 'validated', totalRows: 1, goodRows: 1, badRows: 0, errors: [] });
        jobs.push(job);
      }
      // Both formats hold the same example, so only the first is written.
      expect((await officer.post(`/api/imports/${jobs[0]!.id}/commit`, { onlyGoodRows: false })).statusCode).toBe(202);
      expect(await settle(officer, jobs[0]!.id)).toMatchObject({ status: 'done', importedRows: 1 });
    }
    expect(await t.ctx.db.selectFrom('people').select('unit_id').where('code', '=', 'CB-MAU-001').executeTakeFirstOrThrow()).toEqual({ unit_id: root.id });
    expect(await t.ctx.db.selectFrom('units').select('parent_id').where('code', '=', 'DV-MAU-001').executeTakeFirstOrThrow()).toEqual({ parent_id: root.id });
    expect((await new Client(t.app).get('/api/imports/templates/people.xlsx')).statusCode).toBe(401);
  });

  it('validates again at commit: a code taken meanwhile fails the import, naming the row, and writes nothing', async () => {
    const rows: Cell[][] = [PEOPLE_HEADER, ['LATE-1', 'Người Một', 'Nam', null, 'Công chức', null, unitA.code, null, null], ['LATE-2', 'Người Hai', 'Nữ', null, 'Công chức', null, unitA.code, null, null]];
    const job = await settle(officer, (await upload(officer, 'people', 'muon.csv', csvOf(rows))).json().id);
    expect(job).toMatchObject({ status: 'validated', goodRows: 2, badRows: 0 });
    await t.ctx.db.insertInto('people').values({ code: 'LATE-2', full_name: 'Người khác', gender: 'male', category: 'cadre', unit_id: unitA.id }).execute();

    // Two tabs commit at once: only one wins.
    const [first, second] = await Promise.all([
      officer.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: false }),
      officer.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: false }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([202, 409]);
    const failed = await settle(officer, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toContain('dòng 3 không còn hợp lệ');
    expect(failed.errors).toEqual([expect.objectContaining({ row: 3, message: 'Mã cán bộ "LATE-2" đã có trong hệ thống' })]);
    expect(await t.ctx.db.selectFrom('people').select('id').where('code', '=', 'LATE-1').execute()).toHaveLength(0);
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('entity', '=', 'import_job').where('entity_id', '=', String(job.id)).execute()).toHaveLength(0);
  });

  it('runs the same checks from the command line, as a system action that may create root units', async () => {
    const units = csvOf([
      ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Mã đơn vị cấp trên'],
      ['CLI-SO', 'Sở Nội vụ', 'Sở/Ban/Ngành', 'CLI-TINH'],
      ['CLI-TINH', 'Tỉnh Mới', 'Tỉnh/Thành phố', null],
      ['CLI-BAD', 'Sai', 'Không rõ', 'CLI-TINH'],
    ]);
    const refused = await importFromCli(t.ctx.db, 'units', { name: 'don-vi.csv', bytes: units }, { onlyGoodRows: false, today: '2026-06-15' });
    expect(refused.imported).toBeNull();
    expect(refused.validation).toMatchObject({ goodRows: 2, badRows: 1, errors: [expect.objectContaining({ row: 4, field: 'Loại đơn vị' })] });
    expect(await t.ctx.db.selectFrom('units').select('id').where('code', '=', 'CLI-TINH').execute()).toHaveLength(0);

    const r = await importFromCli(t.ctx.db, 'units', { name: 'don-vi.csv', bytes: units }, { onlyGoodRows: true, today: '2026-06-15' });
    expect(r.imported).toMatchObject({ importedRows: 2 });
    const tinh = await t.ctx.db.selectFrom('units').select(['id', 'path', 'parent_id']).where('code', '=', 'CLI-TINH').executeTakeFirstOrThrow();
    expect(tinh).toEqual({ id: tinh.id, path: String(tinh.id), parent_id: null });
    const so = await t.ctx.db.selectFrom('units').select(['id', 'path']).where('code', '=', 'CLI-SO').executeTakeFirstOrThrow();
    expect(so.path).toBe(`${tinh.id}.${so.id}`);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'import.units').where('actor_name', '=', CLI_AUDIT_NAME).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_user_id: null, entity: 'import_job', entity_id: null });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
