import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../test/app.js';
import { newUnit, newUser } from '../../test/factories.js';

describe('compressing the API’s answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });

  const get = (url: string, acceptEncoding?: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...(cookie ? { cookie } : {}) } });

  it('sends a large JSON answer as brotli to a browser that accepts it, the same JSON once unpacked', async () => {
    const plain = await get('/api/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get('/api/openapi.json', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    const unpacked = zlib.brotliDecompressSync(br.rawPayload).toString();
    expect(JSON.parse(unpacked)).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
  });

  it('falls back to gzip, and leaves small answers as they are', async () => {
    const gz = await get('/api/openapi.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString()).openapi).toBe('3.1.0');
    const health = await get('/api/health', 'br, gzip');
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json().status).toBe('ok');
  });

  it('sends a spreadsheet download as it was made, with its length', async () => {
    const unit = await newUnit(t.ctx.db);
    const user = await newUser(t.ctx.db, { roles: [['unit_officer', unit]] });
    const c = new Client(t.app);
    await c.signIn(user.username);
    const res = await c.request({ method: 'GET', url: '/api/imports/templates/people.xlsx', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
