import { createPrivateKey, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SellerIdentity } from '../modules/invoices/facturx/types';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat } from '../observability/logger';
import type { FileStorageConfig } from '../storage/create-storage';
import type { RetentionSettings } from '../modules/retention/retention';
import { LEGAL_ENV_FIELDS, legalIdentityOf, type LegalIdentity } from './legal';
import { SELLER_ENV_FIELDS, sellerIdentityOf } from './seller';

/**
 * The only reader of process.env. Everything else receives a parsed `Env`.
 */
/** What one process runs (PROCESS_ROLE). */
export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * What this process runs: `all` (default) the HTTP API and the background work; `api` the HTTP API
   * alone (no outbox or deferred-request worker, no scheduled jobs); `worker` the workers and the
   * scheduled jobs alone, with only /healthz and /readyz on HTTP for the host's probes.
   */
  PROCESS_ROLE: z.enum(PROCESS_ROLES, 'PROCESS_ROLE must be all, api or worker').default('all'),
  /**
   * How long a starting instance waits for another one's migrations (MySQL/MariaDB: they run under
   * a named lock, one instance at a time) before giving up.
   */
  MIGRATION_LOCK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
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
  /** The operator's staff reach every client company: their sessions end sooner (idle, and at most a working day). */
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  STAFF_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(10),
  /** smtp://user:pass@host:port — when absent, emails stay in the development mailbox. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Guichet <no-reply@guichet.localhost>'),
  /**
   * DKIM signing of every email sent through SMTP_URL: the signing domain (usually MAIL_FROM's), the
   * selector (the DNS record is `<selector>._domainkey.<domain>`) and the PEM file of the private key.
   * All three, or none (no signature). docs/operations.md says which DNS records to publish.
   */
  DKIM_DOMAIN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'DKIM_DOMAIN: a domain name, e.g. domicile-pro.fr')
      .optional(),
  ),
  DKIM_SELECTOR: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9._-]{0,62})$/i, 'DKIM_SELECTOR: letters, digits, . _ - (e.g. guichet2026)')
      .optional(),
  ),
  DKIM_PRIVATE_KEY_PATH: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  /**
   * Retention (docs/privacy.md says why each default): the workers purge, once a day, what is older.
   * Sessions and reset links count from their expiry; sent emails from their sending.
   */
  RETENTION_SESSIONS_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  RETENTION_RESET_LINKS_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  RETENTION_JOURNAL_IP_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  RETENTION_SENT_EMAILS_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_FAILED_REQUESTS_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_ACCESS_REQUESTS_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /**
   * How long an email claimed by a worker stays reserved to it (renewed before each message is sent).
   * A worker that dies mid-send leaves its claimed emails to the others once this has passed.
   */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** The least severe lines written (docs/operations.md, "Logs"); the start-up lines are written whatever it is. */
  LOG_LEVEL: z.enum(LOG_LEVELS, `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`).default('info'),
  /** `json`: one JSON object per line; `pretty`: one readable line per event. Default: pretty in development, json otherwise. */
  LOG_FORMAT: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LOG_FORMATS, 'LOG_FORMAT must be json or pretty').optional()),
  /**
   * The bearer token a scraper sends to GET /metrics (docs/operations.md, "Metrics"). Absent: no
   * /metrics at all.
   */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .min(32, 'METRICS_TOKEN must be at least 32 characters')
      .regex(/^[\x21-\x7e]+$/, 'METRICS_TOKEN: printable ASCII characters without spaces')
      .optional(),
  ),
  /** Where the built SPA lives; served on the same port when present. */
  WEB_DIST_DIR: z.string().optional(),
  /** Directory of stored files (scans, documents). Defaults to DATA_DIR/files. */
  FILES_DIR: z.string().optional(),
  /** Where stored files live: `local` (FILES_DIR) or `s3` (the S3_* settings below; docs/operations.md, "Files on S3"). */
  FILE_STORAGE: z.enum(['local', 's3'], 'FILE_STORAGE must be local or s3').default('local'),
  /** The bucket, required with FILE_STORAGE=s3. */
  S3_BUCKET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET: 3 to 63 lower-case letters, digits, dots and hyphens')
      .optional(),
  ),
  S3_REGION: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/, 'S3_REGION: e.g. eu-west-3 or fr-par')
      .default('us-east-1'),
  ),
  /** An S3-compatible server (MinIO, Scaleway, OVH…), e.g. https://s3.fr-par.scw.cloud. Absent: AWS. */
  S3_ENDPOINT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+\/?$/, 'S3_ENDPOINT must be http(s)://host[:port], without a path')
      .optional(),
  ),
  /** Path-style addressing (https://endpoint/bucket/key), which most S3-compatible servers need. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], 'S3_FORCE_PATH_STYLE must be true or false').default('false'),
  /** Both or neither; neither: the AWS SDK's default chain (AWS_* variables, shared files, instance role). */
  S3_ACCESS_KEY_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  /** Put before every key in the bucket, e.g. `guichet/production`. */
  S3_PREFIX: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*\/?$/,
        'S3_PREFIX: segments of letters, digits, . _ - separated by /, e.g. guichet/production',
      )
      .max(100, 'S3_PREFIX: at most 100 characters')
      .optional(),
  ),
  /**
   * `when_supported` (default, AWS): checksums on every upload and checked on download.
   * `when_required`: only where S3 requires them, for servers that do not know the newer checksums.
   */
  S3_CHECKSUMS: z
    .enum(['when_supported', 'when_required'], 'S3_CHECKSUMS must be when_supported or when_required')
    .default('when_supported'),
  /** Each request to S3 gives up after this long without an answer (or idle while a file streams). */
  S3_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Tries of one request to S3, the first included, before the error is final. */
  S3_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /**
   * Key of the HMACs that sign short-lived file links (downloads, exports) and bind signature codes
   * to their request. Required in production (several instances must share it, and a restart must
   * not void outstanding links and codes); in development and tests a random one is made at start.
   */
  FILE_URL_SECRET: z.string().min(32, 'FILE_URL_SECRET must be at least 32 characters').optional(),
  /**
   * Which proxies to trust for the client address (X-Forwarded-For), as Express reads it: used for
   * token IP allow-lists, limits and the journal. `loopback` (default), `false`, a number of hops,
   * or comma-separated addresses/CIDR ranges of the proxies.
   */
  TRUST_PROXY: z.string().default('loopback'),
  /** Requests one API token may send per minute (per process; all instances together with REDIS_URL). */
  API_TOKEN_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Query limits, checked before anything executes (docs/api.md, "Limits"). Depth counts nested
   * fields (fragments flattened, introspection apart); aliases and directives are counted over the
   * operation; tokens are counted by the parser, which stops at the limit.
   */
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(10),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(20),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(500).default(3000),
  /** How often one response key may appear in a selection set, fragments flattened (validation is quadratic in it). */
  GRAPHQL_MAX_FIELD_REPEATS: z.coerce.number().int().min(2).default(10),
  /** Estimated objects an answer may hold; each connection multiplies what it selects by its `first`. */
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(10_000),
  /** Query cost one API or operator token may spend per minute (per process; all instances together with REDIS_URL); at least GRAPHQL_MAX_COST. */
  API_TOKEN_COST_PER_MINUTE: z.coerce.number().int().min(100).default(100_000),
  /** Largest scan accepted by the upload route, in megabytes. */
  MAIL_UPLOAD_MAX_MB: z.coerce.number().min(0.01).max(200).default(25),
  /** The seller printed on every invoice (SELLER_*) and the invoices' payment terms: see seller.ts. */
  ...SELLER_ENV_FIELDS,
  /** What the legal pages print besides the seller (LEGAL_*): see legal.ts. */
  ...LEGAL_ENV_FIELDS,
  /**
   * redis://[user:password@]host:6379[/db] (or rediss://): the counters of the limits below are kept
   * there, so every instance sees the same counts. Absent (or empty): in this process's memory.
   */
  REDIS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
      .optional(),
  ),
  /**
   * Prefix of the counters' keys. Default: `guichet` in production (instances share their counters);
   * `guichet:<random>` otherwise, new at each start, so tests, browser tests and benches that all come
   * from 127.0.0.1 never lock each other out. Instances meant to share counters use the same prefix.
   */
  RATE_LIMIT_PREFIX: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[\w:.-]{1,64}$/, 'RATE_LIMIT_PREFIX: 1 to 64 letters, digits, _ : . -')
      .optional(),
  ),
  /** Sign-in: failures of one account within LOGIN_WINDOW_MINUTES that lock it for LOGIN_LOCK_MINUTES. */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  /** Sign-in: failures from one address (all accounts together) that lock the address. */
  LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Sign-in slowdown: each earlier attempt of the account in the window delays the answer this much… */
  LOGIN_DELAY_STEP_MS: z.coerce.number().int().min(0).default(250),
  /** …up to this. */
  LOGIN_DELAY_MAX_MS: z.coerce.number().int().min(0).max(10_000).default(2000),
  /** Password-reset emails one address may receive per hour (beyond: same answer, no email). */
  PASSWORD_RESETS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(3),
  /** Password-reset requests one client address may make per hour (beyond: same answer, no email). */
  PASSWORD_RESETS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Access requests and new-link requests one client address may make per hour (beyond: same answer, dropped). */
  ACCESS_REQUESTS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(5),
  /** Access requests and new-link requests notified to one company's administrators per day (beyond: dropped). */
  ACCESS_REQUESTS_PER_COMPANY_PER_DAY: z.coerce.number().int().min(1).default(10),
  /**
   * The operator's sealing certificate for signed PDFs: a PKCS#12 file (RSA key and its certificate,
   * with the chain if any) and its passphrase. Absent: a self-signed development seal is made on
   * first start and kept in DATA_DIR/seal (PDF readers show it as not trusted).
   */
  SEAL_P12_PATH: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  SEAL_P12_PASSPHRASE: z.string().optional(),
  /** Where the operator's formalities service is told of what needs it (a signature locked or declined). */
  OPERATOR_EMAIL: z.email('OPERATOR_EMAIL: an email address').default('formalites@domicile-pro.fr'),
  /** Signature codes one signer may ask for per hour (beyond: RATE_LIMITED). */
  SIGNATURE_CODES_PER_SIGNER_PER_HOUR: z.coerce.number().int().min(1).default(5),
  /**
   * How long a SIGTERM/SIGINT shutdown may take: in-flight requests finish, the workers stop, the
   * database closes. Connections still open near the end are cut; past it the process is forced out.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
});

export type Env = z.infer<typeof EnvSchema> & {
  /** LOG_FORMAT, or its default for NODE_ENV. */
  logFormat: LogFormat;
  publicUrl: string;
  dataDir: string;
  webDistDir: string;
  filesDir: string;
  fileUrlSecret: string;
  isProduction: boolean;
  trustProxy: boolean | number | string[];
  /** RATE_LIMIT_PREFIX, or its default (see above). */
  rateLimitPrefix: string;
  /** The seller of the invoices, checked at start (SELLER_*). */
  seller: SellerIdentity;
  /** The rest of the legal pages' identity: publication director, contacts, approval, host (LEGAL_*). */
  legal: LegalIdentity;
  /** Where stored files live (FILE_STORAGE, FILES_DIR, S3_*). */
  fileStorage: FileStorageConfig;
  /** DKIM signing of sent emails (DKIM_*), when configured. */
  dkim: DkimConfig | undefined;
  /** How long data that serves no further purpose is kept (RETENTION_*). */
  retention: RetentionSettings;
};

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.SEAL_P12_PATH && !fs.existsSync(env.SEAL_P12_PATH)) {
    throw new Error(`Invalid configuration:\n  SEAL_P12_PATH: no file at ${env.SEAL_P12_PATH}`);
  }
  if (env.SEAL_P12_PASSPHRASE !== undefined && !env.SEAL_P12_PATH) {
    throw new Error('Invalid configuration:\n  SEAL_P12_PASSPHRASE: set SEAL_P12_PATH too (the PKCS#12 it opens)');
  }
  const dkim = dkimOf(env);
  // A key made at start would differ from one instance to the next, and change at each restart.
  if (env.NODE_ENV === 'production' && env.FILE_URL_SECRET === undefined) {
    throw new Error(
      'Invalid configuration:\n  FILE_URL_SECRET: required in production (NODE_ENV=production). It signs file links and ' +
        'signature codes: set the same value, at least 32 characters, on every instance (e.g. `openssl rand -base64 48`).',
    );
  }
  return {
    ...env,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(env.DATA_DIR),
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? path.join(__dirname, '..', '..', '..', 'web', 'dist')),
    filesDir: path.resolve(env.FILES_DIR ?? path.join(env.DATA_DIR, 'files')),
    fileUrlSecret: env.FILE_URL_SECRET ?? randomBytes(32).toString('base64url'),
    isProduction: env.NODE_ENV === 'production',
    logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    rateLimitPrefix: env.RATE_LIMIT_PREFIX ?? (env.NODE_ENV === 'production' ? 'guichet' : `guichet:${randomBytes(6).toString('hex')}`),
    seller: sellerIdentityOf(env),
    legal: legalIdentityOf(env),
    fileStorage: fileStorageOf(env),
    dkim,
    retention: {
      sessionsDays: env.RETENTION_SESSIONS_DAYS,
      resetLinksDays: env.RETENTION_RESET_LINKS_DAYS,
      journalIpMonths: env.RETENTION_JOURNAL_IP_MONTHS,
      sentEmailsDays: env.RETENTION_SENT_EMAILS_DAYS,
      failedRequestsDays: env.RETENTION_FAILED_REQUESTS_DAYS,
      decidedAccessRequestsMonths: env.RETENTION_ACCESS_REQUESTS_MONTHS,
    },
  };
}

export interface DkimConfig {
  domainName: string;
  keySelector: string;
  /** The private key, PEM. */
  privateKey: string;
}

/** DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_PATH: all three (the key read and checked now), or none. */
function dkimOf(env: z.infer<typeof EnvSchema>): DkimConfig | undefined {
  const set = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY_PATH].filter((v) => v !== undefined).length;
  if (set === 0) return undefined;
  if (set < 3) {
    throw new Error('Invalid configuration:\n  DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_PATH: set all three to sign emails, or none');
  }
  const file = env.DKIM_PRIVATE_KEY_PATH as string;
  let privateKey: string;
  try {
    privateKey = fs.readFileSync(file, 'utf8');
    createPrivateKey(privateKey);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no file at ${file}` : `${file} is not a PEM private key`;
    throw new Error(`Invalid configuration:\n  DKIM_PRIVATE_KEY_PATH: ${reason}`);
  }
  return { domainName: (env.DKIM_DOMAIN as string).toLowerCase(), keySelector: env.DKIM_SELECTOR as string, privateKey };
}

/** FILE_STORAGE and its settings: FILES_DIR for `local`, S3_* for `s3` (S3_BUCKET required). */
function fileStorageOf(env: z.infer<typeof EnvSchema>): FileStorageConfig {
  if (env.FILE_STORAGE === 'local') return { kind: 'local', dir: path.resolve(env.FILES_DIR ?? path.join(env.DATA_DIR, 'files')) };
  if (!env.S3_BUCKET) {
    throw new Error('Invalid configuration:\n  S3_BUCKET: required with FILE_STORAGE=s3 (the bucket the files are stored in)');
  }
  if ((env.S3_ACCESS_KEY_ID === undefined) !== (env.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new Error(
      'Invalid configuration:\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither (the AWS SDK then finds credentials itself)',
    );
  }
  return {
    kind: 's3',
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT?.replace(/\/$/, ''),
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    credentials:
      env.S3_ACCESS_KEY_ID !== undefined && env.S3_SECRET_ACCESS_KEY !== undefined
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
    prefix: env.S3_PREFIX ? `${env.S3_PREFIX.replace(/\/$/, '')}/` : '',
    checksums: env.S3_CHECKSUMS,
    requestTimeoutMs: env.S3_REQUEST_TIMEOUT_MS,
    maxAttempts: env.S3_MAX_ATTEMPTS,
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
