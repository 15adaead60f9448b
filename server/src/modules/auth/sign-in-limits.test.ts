import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEFAULT_PASSWORD, testApp, type TestApp } from '../../../test/app.js';
import { newUser } from '../../../test/factories.js';
import { ADDRESS_LIMIT, ADDRESS_WINDOW_MINUTES, claimSignInAttempt, PAIR_FREE_FAILURES, PAIR_LOCK_AFTER, PAIR_LOCK_MINUTES, pairWaitSeconds } from './sign-in-limits.js';

// Wrong sign-ins are slowed down per address and account together, so that one person's typing
// never locks out the colleagues behind the same public address, while someone cycling accounts
// from one address still meets a cap; and the address is the socket's unless a trusted proxy says otherwise.

/** A browser at a given address (the TCP peer the server sees), optionally claiming another in X-Forwarded-For. */
function at(t: TestApp, remoteAddress: string, forwardedFor?: string) {
  const c = new Client(t.app);
  const headers = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  return {
    client: c,
    signIn: (username: string, password: string) => c.request({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress, headers }),
  };
}

/** Moves the app's clock on by `seconds` from where it is now. */
function wait(t: TestApp, seconds: number) {
  t.clock.set(new Date(t.ctx.now().getTime() + seconds * 1000));
}

async function lastSignInAudit(t: TestApp, userId: number) {
  return t.ctx.db.selectFrom('audit_log').select(['ip', 'action']).where('actor_user_id', '=', userId).where('action', '=', 'auth.sign_in').orderBy('id', 'desc').executeTakeFirstOrThrow();
}

describe('sign-in limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });

  it('slows down one person’s wrong passwords, more after each, while a colleague behind the same address signs in', async () => {
    const office = '203.0.113.50';
    const [lan, binh] = [await newUser(t.ctx.db), await newUser(t.ctx.db)];
    const lanAtOffice = at(t, office);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      const res = await lanAtOffice.signIn(lan.username, 'sai-mat-khau');
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    // Even the right password waits now: the answer must not tell a guesser which try was right.
    const slowed = await lanAtOffice.signIn(lan.username, DEFAULT_PASSWORD);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().error).toMatchObject({ code: 'SIGN_IN_WAIT', message: 'Đăng nhập sai nhiều lần: vui lòng đợi một lát rồi thử lại', messageEn: 'Several wrong sign-ins: wait a moment, then try again' });
    expect(slowed.headers['retry-after']).toBe(String(pairWaitSeconds(PAIR_FREE_FAILURES)));

    // The colleague at the next desk, behind the same public address, is not slowed at all.
    expect((await at(t, office).signIn(binh.username, DEFAULT_PASSWORD)).statusCode).toBe(200);
    // Nor is Lan from another address.
    expect((await at(t, '198.51.100.7').signIn(lan.username, DEFAULT_PASSWORD)).statusCode).toBe(200);

    // Each further failure waits twice as long, up to a lock-out of this address for this account.
    for (let failures = PAIR_FREE_FAILURES + 1; failures <= PAIR_LOCK_AFTER; failures++) {
      wait(t, pairWaitSeconds(failures - 1) + 1);
      expect((await lanAtOffice.signIn(lan.username, 'sai-mat-khau')).json().error.code).toBe('INVALID_CREDENTIALS');
      const refused = await lanAtOffice.signIn(lan.username, DEFAULT_PASSWORD);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe(String(pairWaitSeconds(failures)));
    }
    expect(pairWaitSeconds(PAIR_LOCK_AFTER)).toBe(PAIR_LOCK_MINUTES * 60);
    expect((await at(t, office).signIn(binh.username, DEFAULT_PASSWORD)).statusCode).toBe(200);

    // Once the lock-out is over Lan signs in, and her count starts afresh.
    wait(t, PAIR_LOCK_MINUTES * 60 + 1);
    expect((await lanAtOffice.signIn(lan.username, DEFAULT_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect((await lanAtOffice.signIn(lan.username, 'sai-mat-khau')).statusCode).toBe(401);
  });

  it('counts attempts sent all at once one by one', async () => {
    const user = await newUser(t.ctx.db);
    const burst = at(t, '203.0.113.60');
    const answers = await Promise.all(Array.from({ length: 8 }, () => burst.signIn(user.username, 'sai-mat-khau')));
    const codes = answers.map((r) => r.json().error.code as string).sort();
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(PAIR_FREE_FAILURES);
    expect(codes.filter((c) => c === 'SIGN_IN_WAIT')).toHaveLength(8 - PAIR_FREE_FAILURES);
  });

  it('answers a free try that queued behind a later-stamped one, as when a loaded server interleaves them', async () => {
    const user = await newUser(t.ctx.db);
    const ip = '203.0.113.61';
    const start = t.ctx.now();
    const later = new Date(start.getTime() + 5);
    await claimSignInAttempt(t.ctx.db, ip, user.username, later);
    // Read the clock first, reached the pair second: still its second failure, answered at once.
    await expect(claimSignInAttempt(t.ctx.db, ip, user.username, start)).resolves.toBeUndefined();
    await claimSignInAttempt(t.ctx.db, ip, user.username, later);
    await expect(claimSignInAttempt(t.ctx.db, ip, user.username, start)).rejects.toMatchObject({ code: 'SIGN_IN_WAIT' });
  });

  it('caps the wrong sign-ins of one address trying many accounts, and only that address', async () => {
    const scanner = at(t, '203.0.113.70');
    // Most of the scan is already behind it (each password check costs an argon2 hash); the last tries go through the app.
    const earlier = ADDRESS_LIMIT - 5;
    const since = t.ctx.now().getTime();
    await t.ctx.db
      .insertInto('sign_in_attempts')
      .values(Array.from({ length: earlier }, (_, i) => ({ username: `da-thu-${i}`, ip: '203.0.113.70', succeeded: false, at: new Date(since - 60_000 + i) })))
      .execute();
    for (let i = earlier; i < ADDRESS_LIMIT; i++) {
      const res = await scanner.signIn(`khong-ton-tai-${i}`, 'doan-mo');
      expect(res.statusCode).toBe(401);
    }
    const user = await newUser(t.ctx.db);
    const capped = await scanner.signIn(user.username, DEFAULT_PASSWORD);
    expect(capped.statusCode).toBe(429);
    expect(capped.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(capped.headers['retry-after'])).toBeLessThanOrEqual(ADDRESS_WINDOW_MINUTES * 60);
    expect((await at(t, '203.0.113.71').signIn(user.username, DEFAULT_PASSWORD)).statusCode).toBe(200);

    wait(t, Number(capped.headers['retry-after']) + 1);
    expect((await scanner.signIn(user.username, DEFAULT_PASSWORD)).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a client can neither choose the audited address nor escape its wait', async () => {
    const user = await newUser(t.ctx.db);
    const ok = await at(t, '198.51.100.20', '192.0.2.1').signIn(user.username, DEFAULT_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(await lastSignInAudit(t, user.id)).toMatchObject({ ip: '198.51.100.20' });

    const victim = await newUser(t.ctx.db);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await at(t, '198.51.100.21', `192.0.2.${10 + i}`).signIn(victim.username, 'sai-mat-khau');
    const spoofed = await at(t, '198.51.100.21', '192.0.2.99').signIn(victim.username, 'sai-mat-khau');
    expect(spoofed.json().error.code).toBe('SIGN_IN_WAIT');
  });
});

describe('sign-in behind a trusted reverse proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  const proxy = '10.0.0.5';
  beforeAll(async () => {
    t = await testApp({ trustProxy: [proxy] });
  });

  it('takes the client’s address from the proxy’s X-Forwarded-For, and from nobody else’s', async () => {
    const user = await newUser(t.ctx.db);
    expect((await at(t, proxy, '203.0.113.80').signIn(user.username, DEFAULT_PASSWORD)).statusCode).toBe(200);
    expect(await lastSignInAudit(t, user.id)).toMatchObject({ ip: '203.0.113.80' });
    const session = await t.ctx.db.selectFrom('sessions').select('ip').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(session.ip).toBe('203.0.113.80');

    // A client reaching the server directly cannot claim an address.
    expect((await at(t, '198.51.100.30', '203.0.113.81').signIn(user.username, DEFAULT_PASSWORD)).statusCode).toBe(200);
    expect(await lastSignInAudit(t, user.id)).toMatchObject({ ip: '198.51.100.30' });
  });

  it('limits each client behind the proxy by its own address', async () => {
    const [lan, binh] = [await newUser(t.ctx.db), await newUser(t.ctx.db)];
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await at(t, proxy, '203.0.113.90').signIn(lan.username, 'sai-mat-khau');
    expect((await at(t, proxy, '203.0.113.90').signIn(lan.username, DEFAULT_PASSWORD)).json().error.code).toBe('SIGN_IN_WAIT');
    // The same account from another client of the proxy, and a colleague of the first: not slowed.
    expect((await at(t, proxy, '203.0.113.91').signIn(lan.username, DEFAULT_PASSWORD)).statusCode).toBe(200);
    expect((await at(t, proxy, '203.0.113.90').signIn(binh.username, DEFAULT_PASSWORD)).statusCode).toBe(200);
  });
});
