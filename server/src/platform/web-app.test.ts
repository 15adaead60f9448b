import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE } from './web-app.js';

// A built web app of this file's own, laid out as `vite build` leaves web/dist: compressed copies
// beside the larger files, hashed names under assets/.
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-web-'));
const indexHtml = `<!doctype html><html lang="vi"><head><title>Thi đua</title><script type="module" src="/assets/index-Bq3xY9zK.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;
const appJs = `export const text = ${JSON.stringify('Quản lý phong trào thi đua '.repeat(200))};\n`;
const smallJs = 'export const x = 1;\n';

function writeWithCopies(file: string, content: string) {
  const full = path.join(webDir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(content));
  fs.writeFileSync(`${full}.gz`, zlib.gzipSync(content));
}

writeWithCopies('index.html', indexHtml);
writeWithCopies('assets/index-Bq3xY9zK.js', appJs);
fs.writeFileSync(path.join(webDir, 'assets', 'small-C4dE5fGh.js'), smallJs);
fs.writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

describe('serving the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ serveWeb: true, webDir });
  });
  afterAll(() => fs.rmSync(webDir, { recursive: true, force: true }));

  const get = (url: string, acceptEncoding?: string) => t.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the brotli copy of a hashed asset to a browser that accepts it, cached for a year', async () => {
    const res = await get('/assets/index-Bq3xY9zK.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(appJs);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(appJs) / 5);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await get('/assets/index-Bq3xY9zK.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(appJs);
    expect(gz.headers['cache-control']).toBe(IMMUTABLE_CACHE);

    const plain = await get('/assets/index-Bq3xY9zK.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(appJs);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('sends a small asset without a compressed copy as it is, still cached for a year', async () => {
    const res = await get('/assets/small-C4dE5fGh.js', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(smallJs);
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('answers a missing asset with a 404, not with the page shell cached for a year', async () => {
    const res = await get('/assets/sheet-page-Old0Hash.js', 'br, gzip');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/html/);
    expect(res.headers['cache-control']).not.toBe(IMMUTABLE_CACHE);
  });

  it('answers the app’s own pages with index.html, compressed, revalidated on every visit', async () => {
    for (const url of ['/', '/dang-nhap', '/danh-gia/12', '/index.html']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE_CACHE);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(indexHtml);
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/dang-nhap' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['cache-control']).toBe(REVALIDATE_CACHE);
  });

  it('revalidates files without a hash in their name', async () => {
    const res = await get('/favicon.svg', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(REVALIDATE_CACHE);
    expect(res.headers.etag).toBeTruthy();
    const again = await t.app.inject({ method: 'GET', url: '/favicon.svg', headers: { 'if-none-match': res.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('keeps unknown API paths a 404 in JSON', async () => {
    const res = await get('/api/khong-co', 'br, gzip');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
