import type { FastifyRequest } from 'fastify';
import { AppError, fieldEntry } from '../../platform/errors.js';

// Hygiene the shared Zod schemas do not cover, used by the people and accounts routes: PostgreSQL
// text cannot hold U+0000, and sending one must answer 400 naming the field, never a 500.

function nulField(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    const found = nulField(v, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/** A preValidation step: refuses a body or query string carrying a NUL character. */
export function rejectNulCharacters(req: FastifyRequest): void {
  const field = nulField(req.body, []) ?? nulField(req.query, []);
  if (field === null) return;
  throw new AppError('VALIDATION_FAILED', { field }, [
    fieldEntry(field, 'Chứa ký tự không hợp lệ', 'Contains a character that is not allowed'),
  ]);
}

/** A VALIDATION_FAILED naming one field, in both languages. */
export function fieldError(path: string, vi: string, en: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', { field: path, ...details }, [fieldEntry(path, vi, en)]);
}
