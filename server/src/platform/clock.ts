// The one clock (đồng hồ) of the server. Every rule, query parameter and job that asks what time or
// what day it is asks the app context's `now()`, never the machine: tests pin the day, and the suite
// passes on any date (CI runs it once more with the system clock moved by faketime).

/** What the app context offers: the current instant. */
export type Now = () => Date;

/** The machine's clock: the server in production. */
export const systemNow: Now = () => new Date();

/** A clock a test can move: it starts at a chosen instant and runs on with real time from there. */
export interface TestClock {
  now: Now;
  /** Jumps to an instant (the clock runs on from it). */
  set(at: Date | string): void;
  /** Moves on by whole days, as when a test waits for a deadline to pass. */
  advanceDays(days: number): void;
}

/**
 * A clock pinned to a chosen instant that keeps running from it, so that timestamps stay ordered and
 * expiries still expire, while the day is the test's, whatever the machine's date.
 */
export function testClock(start: Date | string): TestClock {
  let origin = new Date(start).getTime();
  let since = performance.now();
  if (Number.isNaN(origin)) throw new Error(`testClock: not an instant: ${String(start)}`);
  const now = () => new Date(origin + (performance.now() - since));
  return {
    now,
    set(at) {
      origin = new Date(at).getTime();
      since = performance.now();
    },
    advanceDays(days) {
      origin += days * 86_400_000;
    },
  };
}

/** The instant tests run at unless they choose another: a working morning in Vietnam, mid-year. */
export const TEST_NOW = '2026-06-15T09:00:00+07:00';

/** The year a Vietnam calendar shows at an instant (UTC+7 all year): 31/12 at 20:00 UTC is already next year. */
export function vietnamYear(instant: Date): number {
  return new Date(instant.getTime() + 7 * 3_600_000).getUTCFullYear();
}

/** The calendar date a Vietnam clock shows at an instant, 'YYYY-MM-DD': 2025-05-31T17:10Z is 2025-06-01. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
