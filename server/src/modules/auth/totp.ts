import { Secret, TOTP } from 'otpauth';

const ISSUER = 'thidua';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/**
 * Checks a code within one step of clock drift. Returns the time step it matched, so the
 * caller can refuse a code that was already used (replay), or null.
 */
// The authenticator app on the person's phone counts real time, so the check does too: the one
// exception to the app clock, as a test that pins the day still types codes made now.
// eslint-disable-next-line no-restricted-syntax
export function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const totp = totpFor(secret, 'x');
  const delta = totp.validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / 30) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
