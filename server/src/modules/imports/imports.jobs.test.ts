import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUnit, newUser, type TestUnit } from '../../../test/factories.js';
import { csvOf, settle, upload } from './imports.testing.js';

// The real path: pg-boss on the test database, jobs picked up by a polling worker as in production.
describe('imports through pg-boss', () => {
  let t: TestApp;
  let unit: TestUnit;
  let c: Client;

  beforeAll(async () => {
    t = await testApp({}, { pgBoss: true });
    unit = await newUnit(t.ctx.db);
    const user = await newUser(t.ctx.db, { roles: [['unit_officer', unit]] });
    c = new Client(t.app);
    await c.signIn(user.username);
  });

  it('validates and imports people through the queue', async () => {
    const rows = [
      ['Họ và tên', 'Giới tính', 'Loại', 'Mã đơn vị'],
      ...Array.from({ length: 2500 }, (_, i) => [`Nguyễn Văn Số ${i + 1}`, i % 2 ? 'Nữ' : 'Nam', 'Viên chức', unit.code]),
    ];
    const res = await upload(c, 'people', 'hang-doi.csv', csvOf(rows));
    expect(res.statusCode).toBe(202);
    const job = await settle(c, res.json().id);
    expect(job).toMatchObject({ status: 'validated', totalRows: 2500, processedRows: 2500, goodRows: 2500, badRows: 0 });
    expect((await c.post(`/api/imports/${job.id}/commit`, { onlyGoodRows: false })).statusCode).toBe(202);
    expect(await settle(c, job.id)).toMatchObject({ status: 'done', importedRows: 2500 });
    const n = await t.ctx.db.selectFrom('person_assignments').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', unit.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2500);
    // pg-boss marks a job completed just after its handler returns, so its state is awaited, not read once.
    const queued = async () => (await sql<{ name: string; state: string }>`select name, state from pgboss.job order by created_on`.execute(t.ctx.db)).rows;
    await expect.poll(queued, { timeout: 10_000 }).toEqual([
      { name: 'import-validate', state: 'completed' },
      { name: 'import-commit', state: 'completed' },
    ]);
  });
});
