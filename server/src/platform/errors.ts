import { errorTable, fieldMessage, labelOfPath, type ErrorBody, type ErrorCode, type FieldMessage, type FieldParams, type FieldProblem, type Label } from '@thidua/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** The one domain error: a stable code that maps to a status and a bilingual message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    readonly fields?: ErrorBody['error']['fields'],
  ) {
    super(code);
  }
  get status(): number {
    return errorTable[this.code].status;
  }
}

export function errorBody(code: ErrorCode, extra: Pick<ErrorBody['error'], 'fields' | 'details'> = {}): ErrorBody {
  const e = errorTable[code];
  return { error: { code, message: e.vi, messageEn: e.en, ...extra } };
}

/**
 * A refusal of one field, in the words of the error table and with the field named as the user sees
 * it: fieldError('DOCUMENT_NUMBER_INVALID', 'number', { vi: 'Số văn bản', en: 'Document number' })
 * reads "Số văn bản: Chỉ ghi số thứ tự …" under the field.
 */
export function fieldError(code: ErrorCode, path: string, label: { vi: string; en: string }, details?: Record<string, unknown>): AppError {
  const e = errorTable[code];
  return new AppError(code, details, [{ path, message: `${label.vi}: ${e.vi}`, messageEn: `${label.en}: ${e.en}` }]);
}

/**
 * A refusal of one typed value (VALIDATION_FAILED), its message from the one table of field
 * messages, naming the field as the user sees it: invalidField('scores.1.points', 'points_above_max',
 * criterionLabel('1.2'), { max: 25, value: 40 }) says "Tiêu chí 1.2: điểm tối đa là 25, không nhận 40".
 */
export function invalidField(path: string, problem: FieldProblem, field: Label, params: FieldParams = {}, details?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION_FAILED', details, [{ path, ...fieldMessage(problem, field, params) }]);
}

/**
 * A refusal particular to one capability (a criterion of another plan, a period the template does
 * not report), after the field's label from the path: "Tiêu chí: Tiêu chí đã bị bỏ khỏi kế hoạch".
 */
export function refusedField(path: string, vi: string, en: string, details?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION_FAILED', details, [fieldEntry(path, vi, en)]);
}

/** One field of an error response with a capability's own message, after the field's label. */
export function fieldEntry(path: string, vi: string, en: string): { path: string } & FieldMessage {
  const segments = path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return { path, ...fieldMessage('custom', labelOfPath(segments), { text: { vi, en } }) };
}

/** The value the request carried at a path (for the length of a text, the figure typed). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

const shown = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v) ?? '');

interface ZodIssueLike {
  code?: string;
  message: string;
  origin?: string;
  format?: string;
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  divisor?: unknown;
  keys?: unknown;
}

/** Says which field and why in both languages, from a Zod issue: the field by its label, the value as typed. */
function zodFieldMessage(issue: ZodIssueLike, path: (string | number)[], input: unknown): FieldMessage {
  const field = labelOfPath(path);
  const value = valueAt(input, path);
  if (issue.message.includes(' / ')) {
    const [vi, en] = issue.message.split(' / ');
    return fieldMessage('custom', field, { text: { vi: vi!, en: en! } });
  }
  const num = (x: unknown) => (typeof x === 'number' || typeof x === 'bigint' ? Number(x) : shown(x));
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return fieldMessage('too_long', field, { max: num(issue.maximum), actual: typeof value === 'string' ? value.trim().length : '?' });
      if (issue.origin === 'array' || issue.origin === 'set') return fieldMessage('too_many', field, { max: num(issue.maximum), actual: Array.isArray(value) ? value.length : '?' });
      return fieldMessage('above_max', field, { max: num(issue.maximum), value: num(value) });
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? fieldMessage('required', field) : fieldMessage('too_short', field, { min: num(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return fieldMessage('too_few', field, { min: num(issue.minimum) });
      return fieldMessage('below_min', field, { min: num(issue.minimum), value: num(value) });
    case 'invalid_type':
      if (value === undefined || value === null) return fieldMessage('required', field);
      if (issue.expected === 'int') return fieldMessage('not_an_integer', field, { value: num(value) });
      if (issue.expected === 'number') return fieldMessage('not_a_number', field, { value: shown(value) });
      return fieldMessage('wrong_type', field);
    case 'not_multiple_of':
      return fieldMessage('too_precise', field, { decimals: String(Math.max(0, -Math.floor(Math.log10(Number(issue.divisor) || 1)))), value: num(value) });
    case 'invalid_value':
    case 'invalid_union':
      return fieldMessage(issue.code === 'invalid_value' ? 'not_allowed' : 'wrong_type', field);
    case 'invalid_format':
      if (issue.format === 'date' || issue.format === 'datetime') return fieldMessage('not_a_date', field);
      if (issue.format === 'email') return fieldMessage('not_an_email', field);
      return fieldMessage('wrong_format', field);
    case 'unrecognized_keys':
      return fieldMessage('unknown_field', field, { keys: Array.isArray(issue.keys) ? issue.keys.join(', ') : '' });
    default:
      return fieldMessage('invalid', field);
  }
}

/** VALIDATION_FAILED for the issues of a schema parsed in a service (e.g. a multipart upload's text fields). */
export function validationError(issues: readonly (ZodIssueLike & { path: readonly PropertyKey[] })[], input: unknown): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    undefined,
    issues.map((i) => {
      const segments = i.path.map((s) => (typeof s === 'number' ? s : String(s)));
      return { path: segments.join('.'), ...zodFieldMessage(i, segments, input) };
    }),
  );
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      // A refusal that ends at a known time (a sign-in slowed down, an account locked) says when.
      const retryAfter = err.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
      return reply.status(err.status).send(errorBody(err.code, { fields: err.fields, details: err.details }));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const input = where === 'querystring' ? req.query : where === 'params' ? req.params : where === 'headers' ? req.headers : req.body;
      const fields = err.validation.map((v) => {
        const segments = v.instancePath.split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
        const path = segments.join('.') || String(err.validationContext ?? '');
        return { path, ...zodFieldMessage({ ...(v.params as object), code: v.keyword, message: v.message ?? '' }, segments, input) };
      });
      return reply.status(400).send(errorBody('VALIDATION_FAILED', { fields }));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return reply.status(500).send(errorBody('INTERNAL'));
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      // Fastify's own 4xx: bad JSON, body too large, wrong content type, multipart limits…
      const code: ErrorCode = status === 413 ? 'FILE_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
      return reply.status(status).send(errorBody(code, { details: { reason: err.message } }));
    }
    // PostgreSQL's own refusals that slipped past a service check are the caller's fault, not a crash:
    // class 22 (bad data: out-of-range date, NUL byte…) and 23 (integrity) map to 400/409.
    const pgCode = (err as { code?: unknown }).code;
    if (typeof pgCode === 'string' && /^2[23][0-9A-Z]{3}$/.test(pgCode)) {
      req.log.warn({ err }, 'database refused the input');
      const conflict = pgCode === '23505' || pgCode === '23503' || pgCode === '23P01';
      return reply.status(conflict ? 409 : 400).send(errorBody(conflict ? 'CONFLICT' : 'BAD_REQUEST'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL'));
  });
}
