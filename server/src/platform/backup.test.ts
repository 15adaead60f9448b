import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain, writeAudit } from './audit.js';
import type { Database } from './database.js';
import { testDatabase } from '../../test/database.js';
import { Client, testApp } from '../../test/app.js';
import { buildApp } from '../app.js';
import { backupDatabase, listTables, readBackupHeader, restoreDatabase, RestoreRefusedError } from './backup.js';
import { vietnamYear } from './clock.js';
import { loadConfig } from './config.js';
import { inlineJobs } from './jobs.js';
import { checkStoredFiles } from './storage-check.js';
import { evidenceStorage } from './storage.js';
import { DEMO_PASSWORD, SCHOOL_CODE } from '../demo/demo-accounts.js';
import { generateDemoMovement } from '../demo/demo-movement.js';
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

/** Every file under a folder, relative to it, with its bytes. */
function filesUnder(root: string): Map<string, Buffer> {
  if (!fs.existsSync(root)) return new Map();
  return new Map(
    (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((d) => d.isFile())
      .map((d) => [path.relative(root, path.join(d.parentPath, d.name)), fs.readFileSync(path.join(d.parentPath, d.name))] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/evidence', name));

/** A multipart upload as the browser sends it. */
function upload(c: Client, assessmentId: number, file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const boundary = `----thidua${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return c.request({ method: 'POST', url: `/api/assessments/${assessmentId}/evidence`, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
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
    const restored = await restoreDatabase(target.db, file, {});
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
    await expect(restoreDatabase(target.db, notBackup)).rejects.toThrow(/not a thidua backup file/);
  });
  /**
   * The demonstration system as a newcomer leaves it after a morning's work: plans with criteria
   * trees, registrations, reports, evidence files uploaded through the app (one deleted again), the
   * audit chain of it all.
   */
  async function makeDemonstrationWithEvidence() {
    const dataDir = fs.mkdtempSync(path.join(dir, 'source-'));
    const t = await testApp({ dataDir });
    await generateDemo(t.ctx.db, { size: 'demo', seed: 'backup', year: vietnamYear(t.ctx.now()) });
    await generateDemoMovement(t.ctx.db, t.ctx.now);
    const school = await t.ctx.db.selectFrom('units').select('id').where('code', '=', SCHOOL_CODE).executeTakeFirstOrThrow();
    const registration = await t.ctx.db.selectFrom('registrations').select(['movement_id', 'year']).where('unit_id', '=', school.id).where('subject', '=', 'collective').executeTakeFirstOrThrow();
    const officer = new Client(t.app);
    await officer.signIn('canbothidua', DEMO_PASSWORD);
    const opened = await officer.post('/api/assessments', { movementId: registration.movement_id, year: registration.year, unitId: school.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const assessmentId = (opened.json() as { id: number }).id;
    // A scan larger than one chunk of the backup, a phone photo, a Word file; a link and a note.
    const scan = Buffer.concat([fixture('bao-cao.pdf'), randomBytes(700 * 1024)]);
    const uploads = [
      { name: 'Biên bản kiểm tra.pdf', bytes: scan },
      { name: 'Ảnh trồng hoa.jpg', bytes: fixture('anh-chup.jpg') },
      { name: 'Báo cáo.docx', bytes: fixture('bao-cao.docx') },
    ];
    const ids: number[] = [];
    for (const file of uploads) {
      const res = await upload(officer, assessmentId, file);
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as { id: number }).id);
    }
    expect((await officer.post(`/api/assessments/${assessmentId}/evidence/link`, { url: 'https://nhatrang.khanhhoa.gov.vn/tin-tuc' })).statusCode).toBe(201);
    expect((await officer.post(`/api/assessments/${assessmentId}/evidence/note`, { note: 'Đã trồng 40 chậu hoa' })).statusCode).toBe(201);
    expect((await officer.delete(`/api/evidence/${ids[2]}`)).statusCode).toBe(200);
    return { t, dataDir, evidenceIds: ids, uploads };
  }
  // Made once for the tests below; only the last one changes it.
  let demonstration: ReturnType<typeof makeDemonstrationWithEvidence> | undefined;
  const demonstrationWithEvidence = () => (demonstration ??= makeDemonstrationWithEvidence());

  it('restores the demonstration system whole: every row, every evidence file byte for byte, an intact audit chain', async () => {
    const { t, dataDir, evidenceIds, uploads } = await demonstrationWithEvidence();
    const file = path.join(dir, 'demonstration.jsonl.gz');
    const backup = await backupDatabase(t.ctx.db, file, { evidence: evidenceStorage(t.ctx.config), now: t.ctx.now });
    expect(backup).toMatchObject({ files: 3, filesInS3: 0, missingFiles: 0, damagedFiles: 0 });
    expect(backup.tables.plan_criteria).toBeGreaterThan(10);
    expect(backup.tables.reports).toBeGreaterThan(0);
    expect((await readBackupHeader(file)).files).toEqual({ onDisk: 3, inS3: 0 });

    const target = await testDatabase();
    const targetConfig = loadConfig({}, { databaseUrl: 'test', dataDir: fs.mkdtempSync(path.join(dir, 'target-')), serveWeb: false, logLevel: 'silent' });
    const restored = await restoreDatabase(target.db, file, { evidence: evidenceStorage(targetConfig) });
    expect(restored.tables).toEqual(backup.tables);
    expect(restored).toMatchObject({ files: 3, fileBytes: backup.fileBytes, filesInS3: 0 });

    // Row by row, table by table; file by file, byte by byte; nothing left half way.
    expect(await snapshot(target.db)).toEqual(await snapshot(t.ctx.db));
    expect(await sequenceValues(target.db)).toEqual(await sequenceValues(t.ctx.db));
    const sourceFiles = filesUnder(path.join(dataDir, 'evidence'));
    expect(sourceFiles.size).toBe(3);
    const targetFiles = filesUnder(path.join(targetConfig.dataDir, 'evidence'));
    expect([...targetFiles.keys()]).toEqual([...sourceFiles.keys()]);
    for (const [name, bytes] of sourceFiles) expect(targetFiles.get(name)!.equals(bytes), name).toBe(true);
    expect(fs.readdirSync(targetConfig.dataDir)).toEqual(['evidence']);
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
    expect(await checkStoredFiles(target.db, evidenceStorage(targetConfig))).toMatchObject({ checked: 3, problems: 0 });

    // The restored system serves the scan to the officer who uploaded it.
    const app = await buildApp({ db: target.db, config: targetConfig, mailer: { send: async () => undefined }, jobs: inlineJobs(), now: t.ctx.now }, { logger: false });
    afterAll(() => app.close());
    const officer = new Client(app);
    await officer.signIn('canbothidua', DEMO_PASSWORD);
    const scan = await officer.get(`/api/evidence/${evidenceIds[0]}/file`);
    expect(scan.statusCode, scan.body).toBe(200);
    expect(scan.rawPayload.equals(uploads[0]!.bytes)).toBe(true);
  });

  it('restores neither rows nor files from a backup cut short among its files', async () => {
    const { t } = await demonstrationWithEvidence();
    const file = path.join(dir, 'with-files.jsonl.gz');
    await backupDatabase(t.ctx.db, file, { evidence: evidenceStorage(t.ctx.config), now: t.ctx.now });
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const lastFile = lines.findLastIndex((l) => l.startsWith('["file",'));
    const cut = path.join(dir, 'files-cut.jsonl.gz');
    fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, lastFile + 2).join('\n') + '\n'));

    const target = await testDatabase();
    const targetConfig = loadConfig({}, { databaseUrl: 'test', dataDir: fs.mkdtempSync(path.join(dir, 'target-')) });
    await expect(restoreDatabase(target.db, cut, { evidence: evidenceStorage(targetConfig) })).rejects.toThrow(/truncated/);
    expect(await target.db.selectFrom('units').select('id').execute()).toHaveLength(0);
    expect(fs.readdirSync(targetConfig.dataDir)).toEqual([]);

    // A file whose bytes were altered in the backup is refused the same way.
    const tampered = path.join(dir, 'files-tampered.jsonl.gz');
    const chunk = lines.findIndex((l) => l.startsWith('"'));
    const altered = [...lines];
    altered[chunk] = JSON.stringify(Buffer.from('not the uploaded bytes').toString('base64'));
    fs.writeFileSync(tampered, zlib.gzipSync(altered.join('\n')));
    await expect(restoreDatabase(target.db, tampered, { evidence: evidenceStorage(targetConfig) })).rejects.toThrow(/do not match their checksum/);
    expect(await target.db.selectFrom('units').select('id').execute()).toHaveLength(0);
    expect(fs.readdirSync(targetConfig.dataDir)).toEqual([]);
  });
  it('says which evidence files the backup lacks and which a restored system must still be given', async () => {
    const { t, dataDir, evidenceIds } = await demonstrationWithEvidence();
    // (Changes the shared demonstration: keep this test last.)
    const rows = await t.ctx.db.selectFrom('evidence').select(['id', 'storage_key']).where('id', 'in', evidenceIds).orderBy('id').execute();
    // One file changed on the disk since its upload, one lost; one row that says its file is in an S3 bucket.
    const changed = path.join(dataDir, 'evidence', ...rows[0]!.storage_key!.split('/'));
    fs.writeFileSync(changed, randomBytes(fs.statSync(changed).size));
    fs.rmSync(path.join(dataDir, 'evidence', ...rows[1]!.storage_key!.split('/')));
    await t.ctx.db.updateTable('evidence').set({ storage: 's3' }).where('id', '=', rows[2]!.id).execute();

    const file = path.join(dir, 'partial.jsonl.gz');
    const logged: string[] = [];
    const backup = await backupDatabase(t.ctx.db, file, { evidence: evidenceStorage(t.ctx.config), now: t.ctx.now, log: (m) => logged.push(m) });
    expect(backup).toMatchObject({ files: 1, filesInS3: 1, missingFiles: 1, damagedFiles: 1 });
    expect(logged.some((m) => m.startsWith(`  TỆP BỊ THAY ĐỔI / CHANGED FILE evidence/${rows[0]!.storage_key}`))).toBe(true);
    expect(logged).toContain(`  THIẾU TỆP / MISSING FILE evidence/${rows[1]!.storage_key}`);

    const target = await testDatabase();
    const targetConfig = loadConfig({}, { databaseUrl: 'test', dataDir: fs.mkdtempSync(path.join(dir, 'target-')) });
    const restored = await restoreDatabase(target.db, file, { evidence: evidenceStorage(targetConfig) });
    expect(restored).toMatchObject({ files: 1, filesInS3: 1 });
    const check = await checkStoredFiles(target.db, evidenceStorage(targetConfig));
    expect(check).toMatchObject({ checked: 3, problems: 2, byStorage: { disk: 1, s3: 1 } });
    expect(check.examples).toEqual([
      { evidenceId: rows[1]!.id, storage: 'disk', key: rows[1]!.storage_key, problem: 'missing' },
      { evidenceId: rows[2]!.id, storage: 's3', key: rows[2]!.storage_key, problem: 'store_not_configured' },
    ]);
  });
});
