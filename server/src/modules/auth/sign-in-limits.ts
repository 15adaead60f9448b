import type { Database } from '../../platform/database.js';
import { AppError } from '../../platform/errors.js';
import { authRepository as repo } from './auth.repository.js';

// How wrong sign-ins are slowed down (chặn dò mật khẩu). Three layers, all in the database so that
// every server process sees the same counts:
//  1. per address and account together: a few wrong passwords are free, then each further attempt
//     waits twice as long as the last, and after PAIR_LOCK_AFTER the pair waits PAIR_LOCK_MINUTES.
//     One person's mistakes slow down only that person, on that account, from that address: the
//     colleagues behind the same public address of an office sign in as usual;
//  2. per address, across accounts: a looser cap for someone trying many accounts from one place;
//  3. per account, across addresses (auth.service.ts): a lock-out after LOCK_AFTER wrong passwords
//     from anywhere, against guessing spread over many addresses.

/** Wrong sign-ins for one account from one address answered at once. */
export const PAIR_FREE_FAILURES = 3;
/** The wait after the first failure beyond the free ones, doubled after each further failure. */
export const PAIR_FIRST_WAIT_SECONDS = 5;
/** After this many failures the pair waits PAIR_LOCK_MINUTES: a lock-out of that address for that account only. */
export const PAIR_LOCK_AFTER = 10;
export const PAIR_LOCK_MINUTES = 15;
/** Failures of a pair older than this are forgotten (as long as the lock-out: after it, a fresh start). */
export const PAIR_WINDOW_MINUTES = PAIR_LOCK_MINUTES;
/** Failed sign-ins allowed from one address in ADDRESS_WINDOW_MINUTES, across all accounts. */
export const ADDRESS_LIMIT = 100;
export const ADDRESS_WINDOW_MINUTES = 15;
/** Pairs untouched this long are swept away. */
const PAIR_KEEP_HOURS = 24;

const MINUTE = 60_000;

/** Seconds the pair must wait after its `failures`-th failure before the next attempt is answered. */
export function pairWaitSeconds(failures: number): number {
  if (failures >= PAIR_LOCK_AFTER) return PAIR_LOCK_MINUTES * 60;
  if (failures < PAIR_FREE_FAILURES) return 0;
  return PAIR_FIRST_WAIT_SECONDS * 2 ** (failures - PAIR_FREE_FAILURES);
}

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** Refuses (TOO_MANY_ATTEMPTS) an address that has failed ADDRESS_LIMIT times in the window, saying when it may try again. */
export async function checkAddressLimit(db: Database, ip: string | null, now: Date): Promise<void> {
  if (!ip) return;
  const since = new Date(now.getTime() - ADDRESS_WINDOW_MINUTES * MINUTE);
  // The LIMIT-th most recent failure: once it leaves the window the address is under the cap again.
  const oldest = await repo.nthRecentFailureFromIp(db, ip, ADDRESS_LIMIT, since);
  if (!oldest) return;
  const until = new Date(new Date(oldest).getTime() + ADDRESS_WINDOW_MINUTES * MINUTE);
  throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: secondsUntil(until, now) });
}

/**
 * Counts this attempt against the pair (address, account) before the password is checked, so that
 * attempts sent all at once cannot slip through together; a successful sign-in forgets the pair's
 * count ({@link forgetSignInFailures}). Refuses with SIGN_IN_WAIT while the pair must wait.
 */
export async function claimSignInAttempt(db: Database, ip: string | null, username: string, now: Date): Promise<void> {
  if (!ip) return;
  const blockedUntil = await db.transaction().execute(async (trx) => {
    const pair = await repo.lockSignInPair(trx, ip, username, now);
    // Only a count that calls for a wait holds an attempt back. Attempts sent together each read the
    // clock before queueing for the pair's lock, so one may come after a later-stamped one: its
    // "blocked until that instant" must not refuse a second try that is still free.
    const waiting = pairWaitSeconds(pair.failures) > 0 && new Date(pair.blocked_until) > now;
    if (waiting) return new Date(pair.blocked_until);
    const fresh = new Date(pair.last_failure_at).getTime() <= now.getTime() - PAIR_WINDOW_MINUTES * MINUTE;
    const failures = fresh ? 1 : pair.failures + 1;
    await repo.updateSignInPair(trx, ip, username, { failures, lastFailureAt: now, blockedUntil: new Date(now.getTime() + pairWaitSeconds(failures) * 1000) });
    return null;
  });
  if (blockedUntil) throw new AppError('SIGN_IN_WAIT', { retryAfterSeconds: secondsUntil(blockedUntil, now) });
  // Pairs nobody has touched for a day go, so that the table stays small.
  await repo.sweepSignInPairs(db, new Date(now.getTime() - PAIR_KEEP_HOURS * 60 * MINUTE));
}

/** After a successful sign-in the pair starts afresh. */
export async function forgetSignInFailures(db: Database, ip: string | null, username: string): Promise<void> {
  if (ip) await repo.forgetSignInPair(db, ip, username);
}
