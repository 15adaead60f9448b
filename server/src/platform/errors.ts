import { errorTable, type ErrorBody, type ErrorCode } from '@thidua/contracts';
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

/** Says which field and why in both languages, from a Zod issue. */
function fieldMessage(issue: { code?: string; message: string; path?: readonly PropertyKey[]; minimum?: unknown; maximum?: unknown; expected?: unknown }) {
  const path = (issue.path ?? []).map(String).join('.') || '(body)';
  const [vi, en] = (() => {
    if (issue.message.includes(' / ')) {
      const [a, b] = issue.message.split(' / ');
      return [a!, b!];
    }
    switch (issue.code) {
      case 'too_small':
        return [`Giá trị quá nhỏ hoặc quá ngắn (tối thiểu ${String(issue.minimum)})`, `Too small or too short (minimum ${String(issue.minimum)})`];
      case 'too_big':
        return [`Giá trị quá lớn hoặc quá dài (tối đa ${String(issue.maximum)})`, `Too big or too long (maximum ${String(issue.maximum)})`];
      case 'invalid_type':
        return issue.message.includes('undefined')
          ? ['Bắt buộc nhập', 'Required']
          : [`Sai kiểu dữ liệu (cần ${String(issue.expected)})`, `Wrong type (expected ${String(issue.expected)})`];
      case 'invalid_value':
        return ['Giá trị không nằm trong danh sách cho phép', 'Value is not one of the allowed values'];
      case 'invalid_format':
        return ['Sai định dạng', 'Wrong format'];
      case 'unrecognized_keys':
        return ['Có trường không được phép', 'Unknown field'];
      default:
        return ['Giá trị không hợp lệ', issue.message];
    }
  })();
  return { path, message: `${path}: ${vi}`, messageEn: `${path}: ${en}` };
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
      const fields = err.validation.map((v) =>
        fieldMessage({
          ...(v.params as object),
          code: v.keyword,
          message: v.message ?? '',
          path: [v.instancePath.replace(/^\//, '').replaceAll('/', '.') || String(err.validationContext ?? '')].filter(Boolean),
        }),
      );
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
