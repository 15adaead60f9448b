import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { Client, testApp, type TestApp } from '../../../test/app.js';
import { newUser } from '../../../test/factories.js';
import { newTotpSecret } from './totp.js';
import { safeReturnTo, ssoStart } from './auth.service.js';
import { AppError } from '../../platform/errors.js';

const PUBLIC_URL = 'http://thidua.test';
const CLIENT = { id: 'thidua', secret: 'bi-mat-cua-ung-dung-thu-nghiem' };

/**
 * A real OpenID provider on 127.0.0.1 with its development login pages. Every login name is an
 * account whose e-mail is `emails[login]`, or one no thidua account has; verified unless in `unverified`.
 */
async function startProvider(emails: Record<string, string>, unverified: Set<string>) {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [`${PUBLIC_URL}/api/auth/sso/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: emails[id] ?? `${id}@ngoai-he-thong.example.test`, email_verified: !unverified.has(id) }),
    }),
    cookies: { keys: ['khoa-cookie-thu-nghiem'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Plays the browser at the provider: follows redirects with the provider's cookies and submits its
 * login and consent forms, until the provider sends the browser back to thidua. Returns that URL.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let form: URLSearchParams | null = null;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form ?? undefined,
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = cookie.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!) < new Date());
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    form = null;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.href.startsWith(PUBLIC_URL)) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (res.status !== 200 || !prompt) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    // The dev login page accepts any name and password; the form posts back to the same URL.
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'bat-ky' } : { prompt });
  }
  throw new Error('too many hops at the provider');
}

describe('single sign-on (đăng nhập một lần, OpenID Connect)', () => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  const emails: Record<string, string> = {};
  const unverified = new Set<string>();

  beforeAll(async () => {
    provider = await startProvider(emails, unverified);
    t = await testApp({ publicUrl: PUBLIC_URL, oidc: { issuer: provider.issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, label: 'Đăng nhập bằng tài khoản công vụ' } });
  });
  afterAll(() => provider?.close());

  /** Runs the whole round trip in one browser; returns where thidua finally sends it. */
  async function ssoAs(c: Client, login: string, returnTo?: string): Promise<string> {
    const start = await c.get(`/api/auth/sso/start${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toMatch(new RegExp(`^${provider.issuer}/`));
    const back = await signInAtProvider(String(start.headers.location), login);
    expect(back.pathname).toBe('/api/auth/sso/callback');
    const done = await c.get(`${back.pathname}${back.search}`);
    expect(done.statusCode).toBe(302);
    return String(done.headers.location);
  }

  it('tells the web app that single sign-on is on, with its label', async () => {
    expect((await new Client(t.app).get('/api/auth/sso')).json()).toEqual({ enabled: true, label: 'Đăng nhập bằng tài khoản công vụ' });
  });

  it('signs in the account with the verified e-mail, links it, and returns to the page asked for', async () => {
    const user = await newUser(t.ctx.db);
    emails.lan = `${user.username}@example.test`;
    const c = new Client(t.app);
    expect(await ssoAs(c, 'lan', '/ke-hoach/12?nam=2026')).toBe('/ke-hoach/12?nam=2026');

    const me = await c.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe(user.username);
    const row = await t.ctx.db.selectFrom('users').select('oidc_subject').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.oidc_subject).toBe('lan');

    // Linked by subject from now on: a changed e-mail at the provider no longer matters.
    emails.lan = 'lan.moi@example.test';
    const again = new Client(t.app);
    expect(await ssoAs(again, 'lan')).toBe('/');
    expect((await again.get('/api/auth/me')).json().username).toBe(user.username);

    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(user.id)).execute()).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.sso_sign_in')).toHaveLength(2);
    expect(actions.filter((a) => a === 'auth.sso_link')).toHaveLength(1);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    // Each state serves one callback; the round trips left nothing behind.
    expect(await t.ctx.db.selectFrom('sso_flows').selectAll().execute()).toEqual([]);
  });

  it('sends an identity no account matches to the sign-in page with SSO_NO_ACCOUNT', async () => {
    const c = new Client(t.app);
    expect(await ssoAs(c, 'nguoi-la')).toBe('/dang-nhap?loi=SSO_NO_ACCOUNT');
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('links only by an e-mail the provider verified and that names exactly one account', async () => {
    const user = await newUser(t.ctx.db);
    emails.thu = `${user.username}@example.test`;
    unverified.add('thu');
    expect(await ssoAs(new Client(t.app), 'thu')).toBe('/dang-nhap?loi=SSO_NO_ACCOUNT');

    const shared = `van-thu.${user.username}@example.test`;
    await newUser(t.ctx.db, { email: shared });
    await newUser(t.ctx.db, { email: shared });
    emails.chung = shared;
    expect(await ssoAs(new Client(t.app), 'chung')).toBe('/dang-nhap?loi=SSO_NO_ACCOUNT');
    expect(await t.ctx.db.selectFrom('users').select('id').where('oidc_subject', 'in', ['thu', 'chung']).execute()).toEqual([]);
  });

  it('does not let single sign-on stand in for an account’s own second factor', async () => {
    const user = await newUser(t.ctx.db, { totpSecret: newTotpSecret() });
    emails.minh = `${user.username}@example.test`;
    const c = new Client(t.app);
    expect(await ssoAs(c, 'minh')).toBe('/dang-nhap?loi=SSO_MFA_REQUIRED');
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('never sends the browser off-site after sign-in', async () => {
    const user = await newUser(t.ctx.db);
    emails.hung = `${user.username}@example.test`;
    expect(await ssoAs(new Client(t.app), 'hung', '//evil.example/x')).toBe('/');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'ke-hoach', '/\nx', '']) expect(safeReturnTo(bad), bad).toBe('/');
    expect(safeReturnTo('/don-vi/5#thanh-vien')).toBe('/don-vi/5#thanh-vien');
  });

  it('refuses a callback it did not start, or one replayed', async () => {
    const c = new Client(t.app);
    const forged = await c.get('/api/auth/sso/callback?code=abc&state=khong-phai-cua-ta');
    expect(forged.statusCode).toBe(302);
    expect(forged.headers.location).toBe('/dang-nhap?loi=SSO_FAILED');
    expect((await c.get('/api/auth/sso/callback')).headers.location).toBe('/dang-nhap?loi=SSO_FAILED');

    const user = await newUser(t.ctx.db);
    emails.tuan = `${user.username}@example.test`;
    const start = await c.get('/api/auth/sso/start');
    const back = await signInAtProvider(String(start.headers.location), 'tuan');
    expect((await c.get(`${back.pathname}${back.search}`)).headers.location).toBe('/');
    const replay = await new Client(t.app).get(`${back.pathname}${back.search}`);
    expect(replay.headers.location).toBe('/dang-nhap?loi=SSO_FAILED');
  });

  it('turns an unreachable provider into SSO_FAILED, not a crash', async () => {
    const down = { ...t.ctx, config: { ...t.ctx.config, oidc: { ...t.ctx.config.oidc!, issuer: 'http://127.0.0.1:9' } } };
    await expect(ssoStart(down, '/')).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'SSO_FAILED');
  });

  it('forgets round trips older than 15 minutes', async () => {
    const c = new Client(t.app);
    const start = await c.get('/api/auth/sso/start');
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    await t.ctx.db.updateTable('sso_flows').set({ created_at: new Date(Date.now() - 16 * 60_000) }).where('state', '=', state).execute();
    await c.get('/api/auth/sso/start');
    expect(await t.ctx.db.selectFrom('sso_flows').select('state').where('state', '=', state).execute()).toEqual([]);
  });
});
