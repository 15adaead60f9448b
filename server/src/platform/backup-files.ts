import { createHash, randomUUID, type Hash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Tx } from './database.js';
import { diskFilePath, StorageMissingError, type ObjectStorage } from './storage.js';

// The evidence files (minh chứng) kept on disk travel inside the backup, after the tables, so that
// one file restores a whole system. Each file is
//   ["file", key]                          then its bytes, one JSON string of base64 per line
//   ["file-end", key, size, sha256]        of the bytes just written, checked on restore
// read and written a chunk at a time: memory stays flat whatever the files weigh. Files in an S3
// bucket stay there (a bucket has its own copying tools); the backup counts them and says so.

/**
 * Bytes of a file per line. A restore reads lines through readline, which holds up to a thousand
 * lines ahead of a slow reader: short lines keep that within a few tens of megabytes.
 */
const LINE_BYTES = 16 * 1024;

export interface FileCounts {
  /** Files on disk, written into the backup. */
  onDisk: number;
  /** Files in an S3 bucket, not in the backup. */
  inS3: number;
}

export interface FilesSummary {
  files: number;
  bytes: number;
  /** Disk files the database names but the disk does not hold (the first ones logged by key). */
  missing: number;
  /** Files whose bytes differ from the size or SHA-256 recorded at upload (the first ones logged by key). */
  damaged: number;
}

/** Problem files named one by one; beyond that only counted (a backup run with the wrong DATA_DIR would list them all). */
const NAMED_PROBLEMS = 20;

/** How many evidence files the snapshot names, by where they are stored. */
export async function countEvidenceFiles(trx: Tx): Promise<FileCounts> {
  const r = await sql<{ disk: string; s3: string }>`
    select count(*) filter (where storage = 'disk')::text as disk, count(*) filter (where storage = 's3')::text as s3
    from evidence where storage_key is not null`.execute(trx);
  return { onDisk: Number(r.rows[0]!.disk), inS3: Number(r.rows[0]!.s3) };
}

/**
 * Writes every disk file the snapshot's evidence rows name, through a cursor in the backup's
 * transaction. A file the disk lacks is reported, not fatal: the rest of the backup is still worth having.
 */
export async function writeEvidenceFiles(trx: Tx, disk: ObjectStorage, write: (text: string) => Promise<void>, log: (m: string) => void): Promise<FilesSummary> {
  const summary: FilesSummary = { files: 0, bytes: 0, missing: 0, damaged: 0 };
  await sql`
    declare backup_files no scroll cursor for
    select storage_key as key, size_bytes::text as size, sha256 from evidence
    where storage = 'disk' and storage_key is not null order by id`.execute(trx);
  const fetch = sql.raw('fetch 100 from backup_files');
  for (;;) {
    const rows = (await fetch.execute(trx)).rows as { key: string; size: string | null; sha256: string | null }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      let stream: AsyncIterable<Buffer>;
      try {
        stream = await disk.get(row.key);
      } catch (err) {
        if (!(err instanceof StorageMissingError)) throw err;
        if (++summary.missing <= NAMED_PROBLEMS) log(`  THIẾU TỆP / MISSING FILE evidence/${row.key}`);
        continue;
      }
      await write(JSON.stringify(['file', row.key]) + '\n');
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of stream) {
        hash.update(chunk);
        size += chunk.length;
        for (let at = 0; at < chunk.length; at += LINE_BYTES) await write(JSON.stringify(chunk.subarray(at, at + LINE_BYTES).toString('base64')) + '\n');
      }
      const sha256 = hash.digest('hex');
      await write(JSON.stringify(['file-end', row.key, size, sha256]) + '\n');
      summary.files++;
      summary.bytes += size;
      if ((row.sha256 !== null && row.sha256 !== sha256) || (row.size !== null && Number(row.size) !== size)) {
        if (++summary.damaged <= NAMED_PROBLEMS) log(`  TỆP BỊ THAY ĐỔI / CHANGED FILE evidence/${row.key}: its bytes differ from those uploaded (copied as they are)`);
      }
    }
  }
  await sql`close backup_files`.execute(trx);
  return summary;
}

/** A file of the backup that does not hold what it says: the whole restore stops. */
export class CorruptBackupError extends Error {}

/**
 * Receives the backup's files into a folder beside the disk store while the database restore is
 * still open; only once the database has committed are they moved into place, so a restore that
 * fails leaves neither rows nor files behind.
 */
export class FileRestore {
  private readonly staging: string;
  private current: { key: string; out: fs.WriteStream; hash: Hash; size: number } | null = null;
  private failure: Error | null = null;
  files = 0;
  bytes = 0;

  constructor(private readonly diskRoot: string) {
    this.staging = `${diskRoot}.restoring-${randomUUID().slice(0, 8)}`;
  }

  async begin(key: string): Promise<void> {
    if (this.current) throw new CorruptBackupError(`Tệp sao lưu hỏng: tệp ${this.current.key} không có dòng kết thúc / corrupt backup: file ${this.current.key} has no end line`);
    let target: string;
    try {
      target = diskFilePath(this.staging, key);
    } catch {
      throw new CorruptBackupError(`Tệp sao lưu hỏng: khóa tệp không hợp lệ ${JSON.stringify(key)} / corrupt backup: not a storage key`);
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const out = fs.createWriteStream(target, { mode: 0o640 });
    out.on('error', (err) => (this.failure = err));
    this.current = { key, out, hash: createHash('sha256'), size: 0 };
  }

  async chunk(line: string): Promise<void> {
    const file = this.current;
    if (!file) throw new CorruptBackupError('Tệp sao lưu hỏng: dữ liệu tệp nằm ngoài tệp / corrupt backup: file bytes outside a file');
    if (this.failure) throw this.failure;
    const bytes = Buffer.from(JSON.parse(line) as string, 'base64');
    file.hash.update(bytes);
    file.size += bytes.length;
    if (!file.out.write(bytes)) await once(file.out, 'drain');
  }

  async end(key: string, size: number, sha256: string): Promise<void> {
    const file = this.current;
    if (!file || file.key !== key) throw new CorruptBackupError(`Tệp sao lưu hỏng: kết thúc tệp ${key} không khớp / corrupt backup: unexpected end of file ${key}`);
    this.current = null;
    file.out.end();
    await finished(file.out);
    if (file.size !== size || file.hash.digest('hex') !== sha256) {
      throw new CorruptBackupError(`Tệp sao lưu hỏng: nội dung tệp ${key} sai / corrupt backup: the bytes of file ${key} do not match their checksum`);
    }
    this.files++;
    this.bytes += size;
  }

  /**
   * Moves every received file into the disk store (a rename: the same file system). Called once the
   * rows are committed; should it fail half way, the files left are named, never removed.
   */
  async commit(): Promise<void> {
    if (!fs.existsSync(this.staging)) return;
    try {
      for await (const folder of await fs.promises.opendir(this.staging)) {
        if (!folder.isDirectory()) continue;
        const from = path.join(this.staging, folder.name);
        const to = path.join(this.diskRoot, folder.name);
        await fs.promises.mkdir(to, { recursive: true });
        for await (const file of await fs.promises.opendir(from)) {
          if (file.isFile()) await fs.promises.rename(path.join(from, file.name), path.join(to, file.name));
        }
      }
      await fs.promises.rm(this.staging, { recursive: true, force: true });
    } catch (err) {
      throw new Error(
        `Dữ liệu đã khôi phục nhưng chưa chuyển hết tệp minh chứng: chuyển các thư mục trong ${this.staging} vào ${this.diskRoot} / ` +
          `the rows are restored but not every evidence file was moved into place: move the folders in ${this.staging} into ${this.diskRoot}` +
          ` (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }

  /** Forgets every received file. */
  async abort(): Promise<void> {
    this.current?.out.destroy();
    this.current = null;
    await fs.promises.rm(this.staging, { recursive: true, force: true });
  }
}
