import fs from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Database, Executor } from './database.js';
import { dropSecondaryIndexes, rebuildIndexes } from './bulk.js';
import { systemNow, type Now } from './clock.js';
import { CorruptBackupError, countEvidenceFiles, FileRestore, writeEvidenceFiles, type FileCounts, type FilesSummary } from './backup-files.js';
import type { EvidenceStorage } from './storage.js';

// A logical backup written in JavaScript, because pg_dump is not guaranteed to exist: the
// embedded PostgreSQL ships only initdb, pg_ctl and postgres. The file is gzipped JSON lines:
//   line 1   {"format":"thidua-backup", "version":2, migrations, tables, sequences, files, …}
//   then     ["table", name, columns] followed by one JSON object per row (to_jsonb of the row)
//   then     the evidence files kept on disk (backup-files.ts)
//   last     ["end", {table: rows}, {files, bytes}]   — its absence means the file was cut short
// Rows and files go out through cursors inside one REPEATABLE READ snapshot, rows in foreign-key
// order, so the file is consistent while the server keeps running and memory stays bounded.
// Version 1 files (rows only) still restore.

export const BACKUP_FORMAT = 'thidua-backup';
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];
// Reference rows the migrations insert (the titles of Luật Thi đua, khen thưởng; the report templates
// shipped with the system): a freshly migrated database holds them already, so a restore replaces
// them with the backup's copy.
const SEEDED_TABLES = ['emulation_titles', 'report_templates'];

export interface TableInfo {
  name: string;
  /** Columns that can be written (generated columns are recomputed on restore). */
  columns: string[];
  primaryKey: string[];
  /** Columns that point at another row of the same table (units.parent_id): restored in a second pass. */
  selfReferences: string[];
  /** Tables this one references. */
  dependsOn: string[];
  hasBinary: boolean;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: 1 | 2;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
  tables: { name: string; columns: string[] }[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  /** Evidence files the database named (version 2): those on disk are in the file, those in S3 are not. */
  files?: FileCounts;
}

export interface BackupSummary {
  tables: Record<string, number>;
  rows: number;
  /** Evidence files written or restored, and their bytes. */
  files: number;
  fileBytes: number;
}

export interface BackupResult extends BackupSummary {
  /** Evidence files in an S3 bucket: not in the backup, to be copied with the bucket's own tools. */
  filesInS3: number;
  /** Disk files the database names but the disk lacks, and files whose bytes changed since upload. */
  missingFiles: number;
  damagedFiles: number;
}

export interface BackupOptions {
  /** Where the evidence files are; without it the backup holds the database only (tests). */
  evidence?: EvidenceStorage;
  log?: (m: string) => void;
  now?: Now;
}

/** The application's tables in the current schema, parents before children. */
export async function listTables(db: Executor): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  const names = tables.rows.map((t) => t.name).filter((n) => !MIGRATION_TABLES.includes(n));
  const cols = await sql<{ table: string; column: string; type: string; pk: boolean }>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
      exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary and a.attnum = any(i.indkey)) as pk
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = current_schema()::regnamespace and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(db);
  // Each key's columns paired with the columns they reference, in the key's own order.
  const fks = await sql<{ table: string; ref: string; columns: string[]; refColumns: string[] }>`
    select c.relname as table, r.relname as ref,
      array(select a.attname from unnest(k.conkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i)::text[] as columns,
      array(select a.attname from unnest(k.confkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i)::text[] as "refColumns"
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
    where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace`.execute(db);
  const infos = new Map<string, TableInfo>(
    names.map((n) => [n, { name: n, columns: [], primaryKey: [], selfReferences: [], dependsOn: [], hasBinary: false }]),
  );
  for (const c of cols.rows) {
    const t = infos.get(c.table);
    if (!t) continue;
    t.columns.push(c.column);
    if (c.pk) t.primaryKey.push(c.column);
    if (c.type === 'bytea') t.hasBinary = true;
  }
  for (const fk of fks.rows) {
    const t = infos.get(fk.table);
    if (!t || !infos.has(fk.ref)) continue;
    if (fk.ref === fk.table) {
      // Only a column that points at another row waits for the second pass: in plan_criteria's key
      // (plan_id, parent_id) → (plan_id, id), plan_id names the row's own plan and must be written at
      // once (it is NOT NULL), while parent_id, left null meanwhile, leaves the key unchecked.
      for (const [i, column] of fk.columns.entries()) {
        if (fk.refColumns[i] !== column && !t.selfReferences.includes(column)) t.selfReferences.push(column);
      }
    } else if (!t.dependsOn.includes(fk.ref)) t.dependsOn.push(fk.ref);
  }
  return topologicalOrder([...infos.values()]);
}

function topologicalOrder(tables: TableInfo[]): TableInfo[] {
  const done = new Set<string>();
  const out: TableInfo[] = [];
  while (out.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && t.dependsOn.every((d) => done.has(d)));
    if (ready.length === 0) {
      const left = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`Foreign keys form a cycle between ${left.join(', ')}; the backup cannot order them`);
    }
    for (const t of ready) {
      done.add(t.name);
      out.push(t);
    }
  }
  return out;
}

async function appliedMigrations(db: Executor): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((m) => m.name);
}

async function readSequences(db: Executor) {
  const seqs = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relkind = 'S' and c.relnamespace = current_schema()::regnamespace order by c.relname`.execute(db);
  const out: BackupHeader['sequences'] = [];
  for (const s of seqs.rows) {
    const v = await sql<{ last_value: string; is_called: boolean }>`select last_value::text, is_called from ${sql.id(s.name)}`.execute(db);
    out.push({ name: s.name, lastValue: v.rows[0]!.last_value, isCalled: v.rows[0]!.is_called });
  }
  return out;
}

/**
 * Writes a consistent backup of every table, and of the evidence files on disk, to `target` (a file
 * path, or a stream such as stdout).
 */
export async function backupDatabase(db: Database, target: string | Writable, opts: BackupOptions = {}): Promise<BackupResult> {
  const log = opts.log ?? (() => {});
  const out = typeof target === 'string' ? fs.createWriteStream(target) : target;
  const gzip = zlib.createGzip({ level: 6 });
  gzip.pipe(out);
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  const result: BackupResult = { tables: {}, rows: 0, files: 0, fileBytes: 0, filesInS3: 0, missingFiles: 0, damagedFiles: 0 };
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tables = await listTables(trx);
      const withFiles = !!opts.evidence && tables.some((t) => t.name === 'evidence');
      const files = withFiles ? await countEvidenceFiles(trx) : undefined;
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: 2,
        createdAt: (opts.now ?? systemNow)().toISOString(),
        serverVersion: (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(trx)).rows[0]!.v,
        migrations: await appliedMigrations(trx),
        tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
        sequences: await readSequences(trx),
        files,
      };
      await write(JSON.stringify(header) + '\n');
      for (const t of tables) {
        await write(JSON.stringify(['table', t.name, t.columns]) + '\n');
        const cols = sql.join(t.columns.map((c) => sql.id(c)));
        const order = t.primaryKey.length ? sql`order by ${sql.join(t.primaryKey.map((c) => sql.id(c)))}` : sql``;
        await sql`declare backup_rows no scroll cursor for select to_jsonb(r)::text as j from (select ${cols} from ${sql.id(t.name)} ${order}) r`.execute(trx);
        // Rows with uploaded files can be megabytes each: fetch those a few at a time.
        const fetch = sql.raw(`fetch ${t.hasBinary ? 20 : 2000} from backup_rows`);
        let count = 0;
        for (;;) {
          const rows = (await fetch.execute(trx)).rows as { j: string }[];
          if (rows.length === 0) break;
          count += rows.length;
          await write(rows.map((r) => r.j).join('\n') + '\n');
        }
        await sql`close backup_rows`.execute(trx);
        result.tables[t.name] = count;
        result.rows += count;
        log(`  ${t.name}: ${count}`);
      }
      let written: FilesSummary = { files: 0, bytes: 0, missing: 0, damaged: 0 };
      if (opts.evidence && files) {
        if (files.onDisk) log(`Tệp minh chứng / evidence files: ${files.onDisk}…`);
        written = await writeEvidenceFiles(trx, opts.evidence.disk, write, log);
        result.filesInS3 = files.inS3;
      }
      Object.assign(result, { files: written.files, fileBytes: written.bytes, missingFiles: written.missing, damagedFiles: written.damaged });
      await write(JSON.stringify(['end', result.tables, { files: written.files, bytes: written.bytes }]) + '\n');
    });
  gzip.end();
  if (out !== process.stdout) await finished(out);
  else await finished(gzip);
  return result;
}

export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  /** Where the backup's evidence files go (its disk store); needed when the backup holds files. */
  evidence?: EvidenceStorage;
  log?: (m: string) => void;
}

export interface RestoreResult extends BackupSummary {
  /** Evidence files the source kept in S3 when the backup was made: they are not in the file. */
  filesInS3: number;
}

/**
 * Restores a backup into an empty, migrated database in one transaction: every row, with
 * identities and sequences set to where they were, and the evidence files the backup holds, moved
 * into the disk store once the rows are committed. Refuses a database that holds any row.
 */
export async function restoreDatabase(db: Database, source: string | Readable, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  const input = typeof source === 'string' ? fs.createReadStream(source) : source;
  const lines = readline.createInterface({ input: input.pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new RestoreRefusedError('Tệp sao lưu rỗng / the backup file is empty');
  const header = parseHeader(first.value);
  if (header.files?.onDisk && !opts.evidence) throw new Error('restoreDatabase: the backup holds evidence files; say where they go (opts.evidence)');
  const files = opts.evidence ? new FileRestore(opts.evidence.diskRoot) : null;

  const summary: BackupSummary = { tables: {}, rows: 0, files: 0, fileBytes: 0 };
  try {
    await db.transaction().execute(async (trx) => {
      const applied = await appliedMigrations(trx);
      const unknown = header.migrations.filter((m) => !applied.includes(m));
      if (unknown.length) {
        throw new RestoreRefusedError(`Bản sao lưu từ phiên bản mới hơn (migration ${unknown.join(', ')}); hãy cập nhật chương trình / the backup comes from a newer version (${unknown.join(', ')}): upgrade thidua first`);
      }
      const newer = applied.filter((m) => !header.migrations.includes(m));
      if (newer.length) log(`Lưu ý / note: this database has migrations the backup lacks (${newer.join(', ')}); their new columns take their defaults.`);

      const tables = new Map((await listTables(trx)).map((t) => [t.name, t]));
      for (const t of tables.values()) {
        if (SEEDED_TABLES.includes(t.name)) continue;
        const firstRow = await sql`select 1 from ${sql.id(t.name)} limit 1`.execute(trx);
        if (firstRow.rows.length) throw new RestoreRefusedError(`Cơ sở dữ liệu không trống (bảng ${t.name}); chỉ khôi phục vào cơ sở dữ liệu trống / the database is not empty (table ${t.name}): restore only into an empty database`);
      }

      for (const name of SEEDED_TABLES) if (tables.has(name)) await sql`delete from ${sql.id(name)}`.execute(trx);
      // The foreign keys stay checked (a damaged file must not slip in); only the indexes wait.
      const deferred = await dropSecondaryIndexes(trx, [...tables.keys()]);
      let current: { info: TableInfo; columns: string[]; count: number } | null = null;
      let pending: string[] = [];
      let pendingBytes = 0;
      let ended: { tables: Record<string, number>; files: number } | null = null;
      const flush = async () => {
        if (!current || pending.length === 0) return;
        const { info, columns } = current;
        const json = `[${pending.join(',')}]`;
        pending = [];
        pendingBytes = 0;
        const writable = columns.filter((c) => !info.selfReferences.includes(c));
        const cols = sql.join(writable.map((c) => sql.id(c)));
        await sql`
          insert into ${sql.id(info.name)} (${cols}) overriding system value
          select ${cols} from jsonb_populate_recordset(null::${sql.id(info.name)}, ${json}::jsonb)`.execute(trx);
        if (info.selfReferences.length) {
          await sql`insert into restore_self_refs (table_name, row) select ${info.name}, r from jsonb_array_elements(${json}::jsonb) r`.execute(trx);
        }
      };
      const finishTable = async () => {
        if (!current) return;
        await flush();
        const { info, columns, count } = current;
        const selfRefs = info.selfReferences.filter((c) => columns.includes(c));
        if (selfRefs.length && info.primaryKey.length) {
          // Second pass: references within the table (a unit's parent or successor) once every row exists.
          const set = sql.join(selfRefs.map((c) => sql`${sql.id(c)} = x.${sql.id(c)}`));
          const match = sql.join(info.primaryKey.map((c) => sql`t.${sql.id(c)} = x.${sql.id(c)}`), sql` and `);
          await sql`
            update ${sql.id(info.name)} t set ${set}
            from (select (jsonb_populate_record(null::${sql.id(info.name)}, row)).* from restore_self_refs where table_name = ${info.name}) x
            where ${match}`.execute(trx);
          await sql`delete from restore_self_refs`.execute(trx);
        }
        summary.tables[info.name] = count;
        summary.rows += count;
        log(`  ${info.name}: ${count}`);
        current = null;
      };
      const corrupt = (what: string) => new CorruptBackupError(`Tệp sao lưu hỏng / corrupt backup: ${what}`);

      await sql`create temporary table restore_self_refs (table_name text, row jsonb) on commit drop`.execute(trx);
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const line = next.value;
        if (line.length === 0) continue;
        if (line.startsWith('"')) {
          // A chunk of the file being received.
          if (!files) throw corrupt('file bytes in a backup without files');
          await files.chunk(line);
          continue;
        }
        if (line.startsWith('[')) {
          const marker = JSON.parse(line) as unknown[];
          await finishTable();
          if (marker[0] === 'end') {
            const counts = marker[2] as { files?: number } | undefined;
            ended = { tables: marker[1] as Record<string, number>, files: counts?.files ?? 0 };
            break;
          }
          if (marker[0] === 'file' || marker[0] === 'file-end') {
            if (!files) throw corrupt('a file in a backup without files');
            if (marker[0] === 'file') await files.begin(String(marker[1]));
            else await files.end(String(marker[1]), Number(marker[2]), String(marker[3]));
            continue;
          }
          if (marker[0] !== 'table') throw corrupt(`unknown line ${JSON.stringify(marker[0])}`);
          const name = String(marker[1]);
          const info = tables.get(name);
          if (!info) throw new RestoreRefusedError(`Bảng ${name} không có trong cơ sở dữ liệu này / table ${name} does not exist in this database`);
          const columns = (marker[2] as string[]).filter((c) => info.columns.includes(c));
          current = { info, columns, count: 0 };
          continue;
        }
        if (!current) throw corrupt('a row comes before its table');
        pending.push(line);
        pendingBytes += line.length;
        current.count++;
        if (pending.length >= 5000 || pendingBytes >= 8_000_000) await flush();
      }
      if (!ended) throw new RestoreRefusedError('Tệp sao lưu bị cắt cụt (không có dòng kết thúc) / the backup is truncated (no end line): nothing was restored');
      for (const [name, rows] of Object.entries(ended.tables)) {
        if ((summary.tables[name] ?? 0) !== rows) throw corrupt(`bảng ${name}: ${summary.tables[name] ?? 0} dòng, cần ${rows} / table ${name}: read ${summary.tables[name] ?? 0} rows, expected ${rows}`);
      }
      if ((files?.files ?? 0) !== ended.files) throw corrupt(`${files?.files ?? 0} tệp, cần ${ended.files} / read ${files?.files ?? 0} files, expected ${ended.files}`);
      await rebuildIndexes(trx, deferred, log);
      const existing = new Set((await readSequences(trx)).map((s) => s.name));
      for (const s of header.sequences) {
        if (!existing.has(s.name)) continue;
        await sql`select setval(${s.name}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`.execute(trx);
      }
    });
  } catch (err) {
    await files?.abort();
    throw err;
  } finally {
    lines.close();
    input.destroy();
  }
  // The rows are in: their files follow them into the store.
  await files?.commit();
  if (files) {
    summary.files = files.files;
    summary.fileBytes = files.bytes;
    if (files.files) log(`  tệp minh chứng / evidence files: ${files.files}`);
  }
  return { ...summary, filesInS3: header.files?.inS3 ?? 0 };
}

function parseHeader(line: string): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line) as BackupHeader;
  } catch {
    throw new RestoreRefusedError('Không phải tệp sao lưu thidua / not a thidua backup file');
  }
  if (header.format !== BACKUP_FORMAT || (header.version !== 1 && header.version !== 2)) {
    throw new RestoreRefusedError('Không phải tệp sao lưu thidua (phiên bản 1 hoặc 2) / not a thidua backup file (version 1 or 2)');
  }
  return header;
}

/** Reads only the header of a backup, e.g. to show what a file holds. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const input = fs.createReadStream(file);
  const lines = readline.createInterface({ input: input.pipe(zlib.createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of lines) return parseHeader(line);
    throw new RestoreRefusedError('Tệp sao lưu rỗng / the backup file is empty');
  } finally {
    lines.close();
    input.destroy();
  }
}
