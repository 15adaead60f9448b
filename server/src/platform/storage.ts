import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Config, S3Config } from './config.js';

// Where uploaded files (minh chứng) live: a folder under DATA_DIR by default, or an S3-compatible
// bucket (MinIO, Ceph, a cloud provider's object storage). Keys are made here, never taken from a
// user: a file name typed by someone cannot reach the file system or the bucket's key space.

export type StorageKind = 'disk' | 's3';

export interface ObjectStorage {
  readonly kind: StorageKind;
  /** Stores the stream under `key`; the object appears whole or not at all. */
  put(key: string, body: Readable, info: { size: number; contentType: string }): Promise<void>;
  /** The stored bytes; StorageMissingError when there is no such object. */
  get(key: string): Promise<Readable>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** The stored object's size, or null when there is none (reads no content). */
  sizeOf(key: string): Promise<number | null>;
}

export class StorageMissingError extends Error {
  constructor(readonly key: string) {
    super(`no stored object under ${key}`);
    this.name = 'StorageMissingError';
  }
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fresh key "ab/<uuid>": the two-letter folder keeps any one directory small. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

/** Refuses anything but a key this module made, so a tampered row cannot name another path. */
function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}

/** Where the file of `key` lies under a disk store's `root`; refuses anything but a key made here. */
export function diskFilePath(root: string, key: string): string {
  return path.join(root, ...checkedKey(key).split('/'));
}

/** Files under `root`, written to a temporary name in the same folder and renamed into place. */
export function diskStorage(root: string): ObjectStorage {
  const file = (key: string) => diskFilePath(root, key);
  return {
    kind: 'disk',
    async put(key, body) {
      const target = file(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.${process.pid}.part`;
      try {
        await pipeline(body, fs.createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
        await fs.promises.rename(partial, target);
      } catch (err) {
        await fs.promises.rm(partial, { force: true });
        throw err;
      }
    },
    async get(key) {
      const target = file(key);
      // Opening first turns a missing file into an error here rather than in the middle of a response.
      const handle = await fs.promises.open(target, 'r').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') throw new StorageMissingError(key);
        throw err;
      });
      return handle.createReadStream();
    },
    async delete(key) {
      await fs.promises.rm(file(key), { force: true });
    },
    async sizeOf(key) {
      const stat = await fs.promises.stat(file(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return null;
        throw err;
      });
      return stat?.isFile() ? stat.size : null;
    },
  };
}

/** Objects in an S3-compatible bucket, under `prefix`. The bucket must exist. */
export function s3Storage(cfg: S3Config, prefix: string): ObjectStorage {
  const client = new S3Client({
    endpoint: cfg.endpoint,
    region: cfg.region,
    forcePathStyle: cfg.forcePathStyle,
    credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey },
    // Newer SDKs add CRC checksums (and chunked trailers) to every request; many S3-compatible
    // servers reject those. Send them only where the S3 API demands one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const objectKey = (key: string) => `${prefix}${checkedKey(key)}`;
  return {
    kind: 's3',
    async put(key, body, info) {
      await client.send(
        new PutObjectCommand({ Bucket: cfg.bucket, Key: objectKey(key), Body: body, ContentLength: info.size, ContentType: info.contentType }),
      );
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: cfg.bucket, Key: objectKey(key) }));
        if (!(res.Body instanceof Readable)) throw new Error('S3 answered without a readable body');
        return res.Body;
      } catch (err) {
        if (err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)) {
          throw new StorageMissingError(key);
        }
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: cfg.bucket, Key: objectKey(key) }));
    },
    async sizeOf(key) {
      try {
        const res = await client.send(new HeadObjectCommand({ Bucket: cfg.bucket, Key: objectKey(key) }));
        return res.ContentLength ?? 0;
      } catch (err) {
        if (err instanceof NotFound || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)) return null;
        throw err;
      }
    },
  };
}

/** The evidence stores of one configuration: where new files go, and how to read any stored row. */
export interface EvidenceStorage {
  /** Where new files go: S3 when configured, else disk. */
  current: ObjectStorage;
  /** The store a row names; null when that store is not configured any more. */
  of(kind: StorageKind): ObjectStorage | null;
  /** Uploads wait here while they are checked; the same disk as dataDir. */
  stagingDir: string;
  /** The disk store, always there: files written before S3 was configured stay on it. */
  disk: ObjectStorage;
  /** Its folder (dataDir/evidence); a restore writes its files here. */
  diskRoot: string;
  /** Where S3 objects go, for messages telling an operator what to copy; null without S3. */
  s3Location: string | null;
}

const byConfig = new WeakMap<Config, EvidenceStorage>();

/**
 * Evidence storage for a configuration, made once. Files written to disk before S3 was configured
 * stay readable from disk: each row records the store it went to.
 */
export function evidenceStorage(config: Config): EvidenceStorage {
  const known = byConfig.get(config);
  if (known) return known;
  const root = path.join(config.dataDir, 'evidence');
  const disk = diskStorage(root);
  const s3 = config.s3 ? s3Storage(config.s3, 'evidence/') : null;
  const made: EvidenceStorage = {
    current: s3 ?? disk,
    of: (kind) => (kind === 's3' ? s3 : disk),
    stagingDir: path.join(config.dataDir, 'uploads'),
    disk,
    diskRoot: root,
    s3Location: config.s3 ? `${config.s3.endpoint}/${config.s3.bucket}/evidence/` : null,
  };
  byConfig.set(config, made);
  return made;
}
