import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Everything the server reads from its environment, in one place (see docs/operations.md). */
export interface Config {
  port: number;
  host: string;
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
