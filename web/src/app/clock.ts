// The web app's clock: the server's. Every API answer carries the instant the server's clock shows
// (`x-thidua-now`); the app keeps the difference from the device's clock and asks `appNow()` what time
// it is, so that a phone set to the wrong date, or a test that pins the server's day, still opens the
// right year and counts days to a deadline from the right today.

let offsetMs = 0;

/** Takes the server's instant from an answer's header (ignored when absent or unreadable). */
export function syncClock(serverNow: string | null): void {
  if (!serverNow) return;
  const at = Date.parse(serverNow);
  if (!Number.isNaN(at)) offsetMs = at - Date.now();
}

/** What time it is, by the server's clock. */
export function appNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The year a Vietnam calendar shows now (UTC+7 all year). */
export function appYear(): number {
  return new Date(appNow().getTime() + 7 * 3_600_000).getUTCFullYear();
}

/** Today in Vietnam, 'YYYY-MM-DD'. */
export function appToday(): string {
  return new Date(appNow().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
