import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Everything the server reads from its environment, in one place (see docs/operations.md). */
export interface Config {
  port: number;
  host: string;
  /**
   * The reverse proxies whose X-Forwarded-For / -Proto are believed (addresses, CIDR ranges, or
   * loopback / linklocal / uniquelocal). Empty: nobody's; the client is the socket's address.
   */
  trustProxy: string[];
  /** External PostgreSQL; when absent the embedded one in dataDir/postgres is started. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPort: number;
  publicUrl: string;
  logLevel: string;
  sessionTtlHours: number;
  smtpUrl: string | null;
  mailFrom: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string } | null;
  /** Serve the built web app from webDir. */
  serveWeb: boolean;
  /** The built web app (web/dist); tests give a folder of their own. */
  webDir: string;
  runJobs: boolean;
  /** Largest evidence (minh chứng) file accepted, in bytes. */
  evidenceMaxBytes: number;
  /** S3-compatible storage for evidence files; null keeps them on disk under dataDir/evidence. */
  s3: S3Config | null;
}

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (http://host/bucket/key), as MinIO and most S3-compatible servers want. */
  forcePathStyle: boolean;
}

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** S3 when its settings are given; half a configuration stops the start rather than silently writing to disk. */
function s3Config(env: NodeJS.ProcessEnv): S3Config | null {
  const missing = S3_REQUIRED.filter((k) => !env[k]);
  if (missing.length === S3_REQUIRED.length) return null;
  if (missing.length) throw new Error(`S3 storage is half configured: set ${missing.join(', ')} as well (or none of the S3_* variables)`);
  return {
    endpoint: env.S3_ENDPOINT!.replace(/\/$/, ''),
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: addresses, CIDR ranges and range names, comma-separated; anything else stops the start. */
function trustedProxies(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => {
    if (PROXY_NAMES.includes(e)) return false;
    const [address, bits, ...rest] = e.split('/');
    const family = net.isIP(address ?? '');
    if (!family || rest.length) return true;
    if (bits === undefined) return false;
    if (net.isIP(bits) === family) return false; // a netmask: 10.0.0.0/255.0.0.0
    return !/^\d{1,3}$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128);
  });
  if (bad.length) {
    throw new Error(
      `TRUST_PROXY: not an address, a CIDR range or one of ${PROXY_NAMES.join(', ')}: ${bad.join(', ')} ` +
        '(give the reverse proxies, e.g. TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.0/8, comma-separated)',
    );
  }
  return entries;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number of bytes, not "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  const oidc =
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET ?? '',
          label: env.OIDC_LABEL ?? 'Đăng nhập một lần (SSO)',
        }
      : null;
  return {
    port,
    host,
    trustProxy: trustedProxies(env.TRUST_PROXY),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, 'data')),
    embeddedPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM ?? 'thidua <no-reply@thidua.local>',
    oidc,
    serveWeb: env.SERVE_WEB !== 'false',
    webDir: path.join(repoRoot, 'web', 'dist'),
    runJobs: env.RUN_JOBS !== 'false',
    evidenceMaxBytes: positiveInt(env, 'EVIDENCE_MAX_BYTES', 20 * 1024 * 1024),
    s3: s3Config(env),
    ...overrides,
  };
}
