// The one way the web app talks to the server: JSON over same-origin fetch, CSRF double submit,
// and errors turned into ApiError carrying both languages.
import { errorTable, type ErrorBody, type ErrorCode } from '@thidua/contracts';
import { syncClock } from './clock';

export const CSRF_COOKIE = 'thidua_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface FieldError {
  path: string;
  message: string;
  messageEn: string;
}

/** An error answered by the API (or a network failure, code SERVICE_UNAVAILABLE). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, body: Partial<ErrorBody['error']> & { code: string }) {
    const known = (errorTable as Record<string, { vi: string; en: string } | undefined>)[body.code];
    const vi = body.message ?? known?.vi ?? 'Đã có lỗi xảy ra';
    super(vi);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageVi = vi;
    this.messageEn = body.messageEn ?? known?.en ?? 'Something went wrong';
    this.fields = body.fields ?? [];
    this.details = body.details;
  }

  /** The message in the given language ('vi' or 'en'). */
  text(lang: string): string {
    const en = lang.startsWith('en');
    // FILE_INVALID and the like say why in details.reason / reasonEn ("Tệp PDF chưa được hỗ trợ…").
    const reason = en ? this.details?.reasonEn : this.details?.reason;
    const message = en ? this.messageEn : this.messageVi;
    return typeof reason === 'string' && typeof this.details?.reasonEn === 'string' ? `${message}: ${reason}` : message;
  }
}

/** The server could not be reached (or answered that it is down): worth trying again later. */
export function isConnectionError(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504);
}

/** Bilingual message of any thrown value. */
export function errorText(err: unknown, lang: string): string {
  if (err instanceof ApiError) return err.text(lang);
  if (err instanceof Error) return err.message;
  return lang.startsWith('en') ? 'Something went wrong' : 'Đã có lỗi xảy ra';
}

/** Message of an error code from the contracts' table (e.g. ?loi=SSO_FAILED). */
export function codeText(code: string, lang: string): string | null {
  const known = (errorTable as Record<string, { vi: string; en: string } | undefined>)[code];
  if (!known) return null;
  return lang.startsWith('en') ? known.en : known.vi;
}

export function readCookie(name: string): string | null {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const c = part.trim();
    if (c.startsWith(prefix)) return decodeURIComponent(c.slice(prefix.length));
  }
  return null;
}

export function csrfToken(): string {
  return readCookie(CSRF_COOKIE) ?? '';
}

// The shell registers what to do when the session is gone or a second factor must be set up;
// api.ts itself knows nothing about routing.
interface AuthHandlers {
  onUnauthenticated: () => void;
  onMfaSetupRequired: () => void;
}
let handlers: AuthHandlers = {
  onUnauthenticated: () => {
    if (!window.location.pathname.startsWith('/dang-nhap')) window.location.assign('/dang-nhap');
  },
  onMfaSetupRequired: () => {
    if (!window.location.pathname.startsWith('/xac-thuc-hai-lop')) window.location.assign('/xac-thuc-hai-lop');
  },
};
export function setAuthHandlers(h: AuthHandlers): void {
  handlers = h;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not run the global 401 / MFA handlers (sign-in, /me probing). */
  quiet?: boolean;
  signal?: AbortSignal;
  /** Let the request finish after the page is gone (a draft saved as the tab closes). */
  keepalive?: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Makes sure the CSRF cookie exists before the first state-changing request. */
async function ensureCsrf(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  // Any /api request makes the server set the cookie.
  await fetch('/api/health', { credentials: 'same-origin' }).catch(() => undefined);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (UNSAFE.has(method)) {
    await ensureCsrf();
    headers[CSRF_HEADER] = csrfToken();
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
      keepalive: opts.keepalive,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'SERVICE_UNAVAILABLE' });
  }
  syncClock(res.headers.get('x-thidua-now'));
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const errBody = (data as Partial<ErrorBody> | undefined)?.error;
    const err = new ApiError(res.status, errBody?.code ? errBody : { code: statusCode(res.status) });
    if (!opts.quiet) {
      if (err.code === 'UNAUTHENTICATED') handlers.onUnauthenticated();
      else if (err.code === 'MFA_SETUP_REQUIRED') handlers.onMfaSetupRequired();
    }
    throw err;
  }
  return data as T;
}

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'FILE_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  if (status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL';
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Parses an error body that came from elsewhere (e.g. antd Upload's XHR response). */
export function apiErrorFrom(status: number, response: unknown): ApiError {
  const errBody = (response as Partial<ErrorBody> | undefined)?.error;
  return new ApiError(status, errBody?.code ? errBody : { code: statusCode(status) });
}
