import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Everything else receives a parsed `Env`.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** mysql://user:pass@host:port/db — when absent, the embedded SQLite file under DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'DATABASE_URL must start with mysql:// or mariadb://')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  /** Public URL of the product, used in email links. Defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  DEMO_PASSWORD: z.string().min(12).default('demo-guichet-2026'),
  /** Seed the demo data when the database has no user yet. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 7),
  /** smtp://user:pass@host:port — when absent, emails stay in the development mailbox. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Guichet <no-reply@guichet.localhost>'),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  /** Where the built SPA lives; served on the same port when present. */
  WEB_DIST_DIR: z.string().optional(),
  /** Directory of stored files (scans, documents). Defaults to DATA_DIR/files. */
  FILES_DIR: z.string().optional(),
  /**
   * Key of the HMAC that signs short-lived file links (downloads, exports). Generated at start
   * when absent, which voids outstanding links on restart; several instances behind one address
   * must share the same value.
   */
  FILE_URL_SECRET: z.string().min(32, 'FILE_URL_SECRET must be at least 32 characters').optional(),
  /**
   * Which proxies to trust for the client address (X-Forwarded-For), as Express reads it: used for
   * token IP allow-lists, limits and the journal. `loopback` (default), `false`, a number of hops,
   * or comma-separated addresses/CIDR ranges of the proxies.
   */
  TRUST_PROXY: z.string().default('loopback'),
  /** Requests one API token may send per minute (per process). */
  API_TOKEN_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Largest scan accepted by the upload route, in megabytes. */
  MAIL_UPLOAD_MAX_MB: z.coerce.number().min(0.01).max(200).default(25),
});

export type Env = z.infer<typeof EnvSchema> & {
  publicUrl: string;
  dataDir: string;
  webDistDir: string;
  filesDir: string;
  fileUrlSecret: string;
  isProduction: boolean;
  trustProxy: boolean | number | string[];
};

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    ...env,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(env.DATA_DIR),
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? path.join(__dirname, '..', '..', '..', 'web', 'dist')),
    filesDir: path.resolve(env.FILES_DIR ?? path.join(env.DATA_DIR, 'files')),
    fileUrlSecret: env.FILE_URL_SECRET ?? randomBytes(32).toString('base64url'),
    isProduction: env.NODE_ENV === 'production',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}

/** `TRUST_PROXY` as Express's `trust proxy` setting. */
function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
