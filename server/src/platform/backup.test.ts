import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain, writeAudit } from './audit.js';
import type { Database } from './database.js';
import { testDatabase } from '../../test/database.js';
import { backupDatabase, listTables, readBackupHeader, restoreDatabase, RestoreRefusedError } from './backup.js';
import { generateDemo } from '../demo/generate-demo.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-backup-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every row of every table as text, in key order: two databases with equal snapshots hold the same data. */
async function snapshot(db: Database) {
  const out: Record<string, string[]> = {};
  for (const t of await listTables(db)) {
    const order = t.primaryKey.length ? `order by ${t.primaryKey.map((c) => `"${c}"`).join(', ')}` : '';
    const rows = await sql<{ j: string }>`select to_jsonb(r)::text as j from (select * from ${sql.id(t.name)} ${sql.raw(order)}) r`.execute(db);
    out[t.name] = rows.rows.map((r) => r.j);
  }
  return out;
}

async function sequenceValues(db: Database) {
  const r = await sql<{ name: string; v: string }>`
    select c.relname as name, pg_sequence_last_value(c.oid)::text as v from pg_class c
    where c.relkind = 'S' and c.relnamespace = current_schema()::regnamespace order by 1`.execute(db);
  return r.rows;
}

describe(backupDatabase.name, () => {
  it('round-trips every row, the sequences and an intact audit chain into an empty database', async () => {
    const source = await testDatabase();
    await generateDemo(source.db, { size: 'demo', seed: 'backup', year: 2026 });
    const kha = await source.db.selectFrom('units').select(['id']).where('code', '=', 'KHA').executeTakeFirstOrThrow();
    // Text that JSON and PostgreSQL arrays both escape: quotes, backslashes, a line break.
    await source.db.insertInto('people').values({ full_name: 'Lê "Tí" \\ O\'Neil\nxuống dòng', gender: 'other', category: 'worker', unit_id: kha.id }).execute();
    const admin = await source.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await source.db.insertInto('import_jobs').values({ kind: 'people', status: 'done', file_name: 'danh-sách.xlsx', file: Buffer.from([0, 1, 2, 255, 10, 13]), created_by: admin.id, errors: JSON.stringify([{ row: 2, message: 'Thiếu họ tên' }]) }).execute();
    for (let i = 0; i < 3; i++) {
      await source.db.transaction().execute((trx) =>
        writeAudit(trx, { userId: admin.id, name: 'Quản trị hệ thống', ip: '127.0.0.1', userAgent: 'test' }, { action: 'unit.update', entity: 'unit', entityId: kha.id, unitId: kha.id, before: { name: 'Cũ' }, after: { name: `Mới ${i}`, nested: { a: [1, 2.5, null] } } }),
      );
    }

    const file = path.join(dir, 'roundtrip.jsonl.gz');
    const backup = await backupDatabase(source.db, file);
    expect(backup.tables.people).toBe(501);
    expect(backup.tables.audit_log).toBe(4);
    const header = await readBackupHeader(file);
    expect(header.migrations).toContain('2026-11-22-0001-foundation');
    // Parents come before the tables that reference them.
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf('units')).toBeLessThan(order.indexOf('people'));
    expect(order.indexOf('people')).toBeLessThan(order.indexOf('users'));

    const target = await testDatabase();
    const restored = await restoreDatabase(target.db, file);
    expect(restored.tables).toEqual(backup.tables);
    expect(await snapshot(target.db)).toEqual(await snapshot(source.db));
    expect(await sequenceValues(target.db)).toEqual(await sequenceValues(source.db));
    // The indexes set aside during the load are all back, with the same definitions.
    const indexes = (db: Database) => sql<{ d: string }>`select indexdef as d from pg_indexes where schemaname = 'public' order by indexname`.execute(db).then((r) => r.rows);
    expect(await indexes(target.db)).toEqual(await indexes(source.db));
    const verify = await verifyAuditChain(target.db);
    expect(verify).toMatchObject({ ok: true, checked: 4 });

    // New rows continue after the restored ones instead of colliding with them.
    const person = await target.db.insertInto('people').values({ full_name: 'Người Mới', gender: 'male', category: 'worker', unit_id: kha.id }).returning('id').executeTakeFirstOrThrow();
    const maxBefore = await source.db.selectFrom('people').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    expect(person.id).toBeGreaterThan(Number(maxBefore.m));
    await target.db.transaction().execute((trx) => writeAudit(trx, { userId: null, name: null, ip: null, userAgent: null }, { action: 'test.after_restore', entity: 'system', entityId: null, unitId: null }));
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, checked: 5 });

    // A second restore into the now non-empty database is refused and changes nothing.
    const before = await snapshot(target.db);
    await expect(restoreDatabase(target.db, file)).rejects.toBeInstanceOf(RestoreRefusedError);
    expect(await snapshot(target.db)).toEqual(before);
  });

  it('refuses a truncated file and leaves the database empty', async () => {
    const source = await testDatabase();
    await generateDemo(source.db, { size: 'demo', seed: 'cut', year: 2026 });
    const file = path.join(dir, 'full.jsonl.gz');
    await backupDatabase(source.db, file);
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const cut = path.join(dir, 'cut.jsonl.gz');
    fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, Math.floor(lines.length * 0.7)).join('\n') + '\n'));

    const target = await testDatabase();
    await expect(restoreDatabase(target.db, cut)).rejects.toThrow(/truncated/);
    const units = await target.db.selectFrom('units').select('id').execute();
    expect(units).toHaveLength(0);

    const notBackup = path.join(dir, 'not.gz');
    fs.writeFileSync(notBackup, zlib.gzipSync('{"hello":1}\n'));
    await expect(restoreDatabase(target.db, notBackup)).rejects.toThrow(/not a version 1 thidua backup/);
  });
});
