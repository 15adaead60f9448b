import { AppError, fieldEntry } from '../../platform/errors.js';

// Input the contract's schemas accept but PostgreSQL refuses would surface as a 500; these turn
// it into the contract's 400 with the field named.

/** PostgreSQL text cannot hold the NUL character. */
export function assertStorableText(fields: Record<string, string | null | undefined>): void {
  const bad = Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.includes('\0'));
  if (bad.length === 0) return;
  throw new AppError(
    'VALIDATION_FAILED',
    undefined,
    bad.map(([path]) => fieldEntry(path, 'Có ký tự không hợp lệ', 'Contains an invalid character')),
  );
}

/**
 * A calendar date within [min, max]. ISO syntax allows year 0000, which PostgreSQL does not;
 * the default bounds also keep out typing slips such as 0205 for 2025.
 */
export function assertDateInRange(path: string, value: string | undefined | null, min = '1800-01-01', max = '2100-12-31'): void {
  if (value === undefined || value === null) return;
  if (value >= min && value <= max) return;
  throw new AppError('VALIDATION_FAILED', undefined, [
    fieldEntry(path, `Ngày phải từ ${min} đến ${max}`, `The date must lie between ${min} and ${max}`),
  ]);
}
