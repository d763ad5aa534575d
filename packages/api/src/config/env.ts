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
});

export type Env = z.infer<typeof EnvSchema> & {
  publicUrl: string;
  dataDir: string;
  webDistDir: string;
  isProduction: boolean;
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
    isProduction: env.NODE_ENV === 'production',
  };
}
