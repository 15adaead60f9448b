import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { EvidenceView } from '@thidua/contracts';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newAssessment, newPlan } from '../../../test/evidence-factories.js';
import { clientWith } from '../../../test/clients.js';
import { newUnit, type TestUnit } from '../../../test/factories.js';
import { loadConfig, type S3Config } from '../../platform/config.js';
import { diskStorage, newStorageKey, s3Storage, StorageMissingError, type ObjectStorage } from '../../platform/storage.js';

// The S3 path against a real S3-compatible server in this process (s3rver, on 127.0.0.1), and
// the disk path beside it: the same contract for both stores.

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/evidence');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));
const BUCKET = 'thidua-evidence';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

let s3Dir: string;
let server: S3rver;
let s3: S3Config;

beforeAll(async () => {
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-s3-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  s3 = { endpoint: `http://127.0.0.1:${port}`, bucket: BUCKET, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true };
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

describe('object storage', () => {
  const stores: [string, () => ObjectStorage][] = [
    ['disk', () => diskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-disk-')))],
    ['s3', () => s3Storage(s3, `t${randomBytes(3).toString('hex')}/`)],
  ];

  for (const [name, make] of stores) {
    describe(name, () => {
      it('puts a stream, gets the same bytes back, deletes it, and says when it is missing', async () => {
        const store = make();
        const key = newStorageKey();
        const bytes = fixture('bao-cao.pdf');
        await store.put(key, Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), { size: bytes.length, contentType: 'application/pdf' });
        expect((await readAll(await store.get(key))).equals(bytes)).toBe(true);
        expect(await store.sizeOf(key)).toBe(bytes.length);
        await store.delete(key);
        await expect(store.get(key)).rejects.toBeInstanceOf(StorageMissingError);
        expect(await store.sizeOf(key)).toBeNull();
        await store.delete(key); // a second delete is not an error
      });

      it('refuses keys it did not make, so no stored name can reach another path', async () => {
        const store = make();
        for (const key of ['../../etc/passwd', 'ab/../../x', '/etc/passwd', 'ab\\cd', '']) {
          await expect(store.get(key)).rejects.toThrow(/not a storage key/);
          await expect(store.put(key, Readable.from([Buffer.from('x')]), { size: 1, contentType: 'text/plain' })).rejects.toThrow(/not a storage key/);
        }
      });
    });
  }
});

describe('evidence on S3-compatible storage', () => {
  let t: TestApp;
  let dataDir: string;
  let unit: TestUnit;
  let officer: Client;
  let assessmentId: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-evidence-s3-'));
    t = await testApp({ dataDir, s3 });
    const root = await newUnit(t.ctx.db, { kind: 'province' });
    unit = await newUnit(t.ctx.db, { parent: root, kind: 'school' });
    const plan = await newPlan(t.ctx.db, root);
    assessmentId = (await newAssessment(t.ctx.db, { unit, plan, subject: 'collective' })).id;
    officer = await clientWith(t, [['unit_officer', unit]]);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const bucketObjects = () => filesUnder(path.join(s3Dir, BUCKET)).filter((f) => f.endsWith('._S3rver_object'));

  it('stores an upload in the bucket, not on disk, and serves it back byte for byte', async () => {
    const before = bucketObjects().length;
    const form = new FormData();
    form.set('file', new Blob([fixture('bang-diem.xlsx')]), 'Bảng điểm.xlsx');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const res = await officer.request({
      method: 'POST',
      url: `/api/assessments/${assessmentId}/evidence`,
      payload: Buffer.from(await req.arrayBuffer()),
      headers: { 'content-type': req.headers.get('content-type')! },
    });
    expect(res.statusCode, res.body).toBe(201);
    const view: EvidenceView = res.json();
    const row = await t.ctx.db.selectFrom('evidence').select(['storage', 'storage_key']).where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(row.storage).toBe('s3');
    expect(bucketObjects().length).toBe(before + 1);
    expect(filesUnder(path.join(dataDir, 'evidence'))).toEqual([]);
    expect(filesUnder(path.join(dataDir, 'uploads'))).toEqual([]);

    const file = await officer.get(view.fileUrl!);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.rawPayload.equals(fixture('bang-diem.xlsx'))).toBe(true);
  });

  it('still opens files stored on disk before S3 was configured', async () => {
    const key = newStorageKey();
    const bytes = fixture('anh-chup.png');
    await diskStorage(path.join(dataDir, 'evidence')).put(key, Readable.from([bytes]), { size: bytes.length, contentType: 'image/png' });
    const a = await t.ctx.db.selectFrom('assessments').select(['plan_id']).where('id', '=', assessmentId).executeTakeFirstOrThrow();
    const { id } = await t.ctx.db
      .insertInto('evidence')
      .values({ assessment_id: assessmentId, plan_id: a.plan_id, kind: 'photo', file_name: 'cu.png', content_type: 'image/png', size_bytes: bytes.length, storage: 'disk', storage_key: key })
      .returning('id')
      .executeTakeFirstOrThrow();
    const file = await officer.get(`/api/evidence/${id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
  });

  it('puts nothing in the bucket when the check refuses the file', async () => {
    const before = bucketObjects().length;
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('MZ not really a pdf')]), 'hoa-don.pdf');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const res = await officer.request({
      method: 'POST',
      url: `/api/assessments/${assessmentId}/evidence`,
      payload: Buffer.from(await req.arrayBuffer()),
      headers: { 'content-type': req.headers.get('content-type')! },
    });
    expect(res.statusCode).toBe(400);
    expect(bucketObjects().length).toBe(before);
  });
});

describe('loadConfig: evidence settings', () => {
  const s3Env = { S3_ENDPOINT: 'http://minio.local:9000/', S3_BUCKET: 'thidua', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };

  it('keeps files on disk with a 20 MB limit unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ s3: null, evidenceMaxBytes: 20 * 1024 * 1024 });
    expect(loadConfig({ EVIDENCE_MAX_BYTES: '1048576' }).evidenceMaxBytes).toBe(1048576);
  });

  it('uses S3 when all four settings are given, path-style by default', () => {
    expect(loadConfig(s3Env).s3).toEqual({
      endpoint: 'http://minio.local:9000',
      bucket: 'thidua',
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    expect(loadConfig({ ...s3Env, S3_REGION: 'hn-1', S3_FORCE_PATH_STYLE: 'false' }).s3).toMatchObject({ region: 'hn-1', forcePathStyle: false });
  });

  it('refuses to start on half an S3 configuration or a limit that is not a number', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'http://minio.local:9000', S3_BUCKET: 'thidua' })).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ EVIDENCE_MAX_BYTES: '20MB' })).toThrow(/EVIDENCE_MAX_BYTES/);
    expect(() => loadConfig({ EVIDENCE_MAX_BYTES: '0' })).toThrow(/EVIDENCE_MAX_BYTES/);
  });
});
