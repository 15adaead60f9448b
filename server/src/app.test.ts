import { beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../test/app.js';

// Every route in the OpenAPI document, checked anonymously: those not declared public
// (`security: []`) must answer 401 before doing anything. A route added later is covered
// without touching this file; making one public means adding it to the list below on purpose.
const PUBLIC = [
  'GET /api/health',
  'POST /api/auth/sign-in',
  'POST /api/auth/password/forgot',
  'POST /api/auth/password/reset',
  'GET /api/auth/sso',
  'GET /api/auth/sso/start',
  'GET /api/auth/sso/callback',
  // The iCalendar feed: calendar apps fetch it without a session; the secret token in the URL is the key.
  'GET /api/calendar/1.ics',
];

interface Operation {
  security?: unknown[];
}

describe('every API route', () => {
  let t: TestApp;
  let operations: { method: string; url: string; op: Operation }[];
  beforeAll(async () => {
    t = await testApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, '1'), op })),
    );
  });

  it('is described in the OpenAPI 3.1 document', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it('answers 401 to an anonymous caller unless it is declared public', async () => {
    const anonymous = new Client(t.app);
    const wrong: string[] = [];
    const declaredPublic: string[] = [];
    for (const { method, url, op } of operations) {
      const name = `${method} ${url.replace(/\/$/, '')}`;
      if (Array.isArray(op.security) && op.security.length === 0) {
        declaredPublic.push(name);
        continue;
      }
      const res = await anonymous.request({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      if (res.statusCode !== 401) wrong.push(`${name} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    expect(declaredPublic.sort()).toEqual([...PUBLIC].sort());
  });
});
