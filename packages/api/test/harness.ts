import { randomBytes } from 'node:crypto';
import { loadEnv, type Env } from '../src/config/env';
import { seedDemoIfEmpty } from '../src/seed/demo-seed';
import { startServer, type RunningServer } from '../src/server';
import { createStorage } from '../src/storage/create-storage';
import { createTestDatabase, type TestDatabase } from './test-database';

export const DEMO_PASSWORD = 'demo-guichet-2026';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; fields?: { field: string; code: string }[]; [k: string]: unknown };
  }[];
  headers: Headers;
}

/** A GraphQL client with its own cookie, as a browser tab would have. */
export class Client {
  cookie: string | null = null;
  /** Sent as `Authorization: Bearer …` when set (an API token's client). */
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {}

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.authHeaders() },
      body: JSON.stringify({ query, variables }),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (!pair) continue;
      const value = pair.slice(pair.indexOf('=') + 1);
      this.cookie = value ? pair : null;
    }
    const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
    return { status: res.status, headers: res.headers, ...body };
  }

  /** The cookie and the bearer token this client sends. */
  authHeaders(): Record<string, string> {
    return { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}) };
  }

  /** A plain request with this client's session cookie or token (file links open only in their member's session). */
  fetch(target: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = target.toString();
    const absolute = url.startsWith('http') ? url : `${this.baseUrl}${url}`;
    return fetch(absolute, { ...init, headers: { ...this.authHeaders(), ...(init.headers as Record<string, string> | undefined) } });
  }

  /** A client that authenticates with an API token. */
  static withToken(baseUrl: string, secret: string): Client {
    const client = new Client(baseUrl);
    client.bearer = secret;
    return client;
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<this> {
    const res = await this.gql('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ user { id } } }', { e: email, p: password });
    if (res.errors) throw new Error(`login ${email} failed: ${JSON.stringify(res.errors)}`);
    return this;
  }
}

export const PERSONA_EMAILS = {
  alice: 'alice.martin@demo-sas.fr',
  bruno: 'bruno.petit@demo-sas.fr',
  chloe: 'chloe.durand@demo-sas.fr',
  david: 'david.bernard@demo-sas.fr',
  emma: 'emma.leroy@autre-sarl.fr',
  olivia: 'olivia.robert@domicile-pro.fr',
} as const;
export type PersonaName = keyof typeof PERSONA_EMAILS;

export interface TestApp {
  server: RunningServer;
  db: TestDatabase;
  env: Env;
  url: string;
  client(): Client;
  as(persona: PersonaName): Promise<Client>;
  companyId(name: 'Demo SAS' | 'Autre SARL'): Promise<string>;
  /** Carries out the deferred requests (password resets, access requests…) the answers left; how many. */
  runDeferred(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The Redis the tests keep their counters in (test/global-setup.ts: TEST_REDIS_URL, else
 * 127.0.0.1:6379 when it answers), or undefined: memory. Each test app has its own key prefix.
 */
export const TEST_REDIS_URL: string | undefined = process.env.GUICHET_TEST_REDIS || undefined;

/**
 * Starts the real HTTP server on a fresh database seeded with the demo data. Its counters are in
 * the tests' Redis when there is one (`REDIS_URL: ''` in `overrides` keeps them in memory).
 */
export async function startTestApp(overrides: Record<string, string> = {}, options: { invoices?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: db.dataDir,
    LOG_LEVEL: 'silent',
    // Required when a test runs the app with NODE_ENV=production; new for each test app.
    FILE_URL_SECRET: randomBytes(32).toString('base64url'),
    ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}),
    ...overrides,
  });
  // The demo's files go where the server's storage reads them (FILE_STORAGE: FILES_DIR, default
  // DATA_DIR/files, or the S3 bucket). The demo's year of invoices only with `{ invoices: true }`:
  // their Factur-X documents take seconds to generate.
  await seedDemoIfEmpty(db.ds, DEMO_PASSWORD, new Date(), {
    storage: createStorage(env.fileStorage),
    invoices: options.invoices ?? false,
  });
  const server = await startServer(env, { ds: db.ds, worker: false, log: () => undefined });
  const url = server.url;
  return {
    server,
    db,
    env,
    url,
    client: () => new Client(url),
    as: (persona) => new Client(url).login(PERSONA_EMAILS[persona]),
    companyId: async (name) => {
      const rows: { id: string }[] = await db.ds.query('SELECT id FROM companies WHERE name = ?', [name]);
      const id = rows[0]?.id;
      if (!id) throw new Error(`no company ${name}`);
      return id;
    },
    runDeferred: () => server.deferred.drain(),
    close: async () => {
      await server.close();
      await db.drop();
    },
  };
}

export function codesOf(res: GraphQLResponse): string[] {
  return (res.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
}
