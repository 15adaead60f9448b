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
  /** Serve the built web app from web/dist. */
  serveWeb: boolean;
  runJobs: boolean;
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
    runJobs: env.RUN_JOBS !== 'false',
    ...overrides,
  };
}
