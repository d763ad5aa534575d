import { once } from 'node:events';
import { DEMO_PASSWORD, PERSONA_EMAILS, startTestApp, type TestApp } from '../../../test/harness';

describe('HTTP server', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('answers /healthz and /readyz (database reachable)', async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: app.db.kind === 'mysql' ? 'mysql' : 'better-sqlite3' });
  });

  it('rejects a malformed GraphQL document with a coded error and no stack trace', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query { nope' }),
    });
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it('refuses a cross-site form post (CSRF prevention: only JSON bodies are read)', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
    expect(res.status).toBe(415);
  });

  it('sends security headers', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then stops accepting connections', async () => {
    const app = await startTestApp();
    const arrived = once(app.server.httpServer, 'request');
    // A login spends an argon2 verification: it is in flight when close() starts.
    const inFlight = app.client().gql('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ user { email } } }', {
      e: PERSONA_EMAILS.alice,
      p: DEMO_PASSWORD,
    });
    // close() starts once the server has the request, not after a guessed delay.
    await arrived;
    const closing = app.server.close();
    const res = await inFlight;
    expect(res.data).toEqual({ login: { user: { email: PERSONA_EMAILS.alice } } });
    await closing;
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    await app.db.drop();
  });
});
