import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { buildIfStale, spawnServer, type Spawned } from '../../../test/built-server';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database';

/**
 * SIGTERM on the built server (`node dist/main.js`, as `pnpm start` runs it) with keep-alive
 * clients in flight. Every step waits on an event: a line of the server's output, the `100
 * Continue` that says the server holds a request, a response, the process's exit.
 */

const CLIENTS = 8;
const ALICE = 'alice.martin@demo-sas.fr';
const DEMO_PASSWORD = 'demo-guichet-2026';

/** `node dist/main.js` on the test's database, listening on a port the system picks. */
function spawnOn(db: TestDatabase): Promise<Spawned> {
  return spawnServer({
    NODE_ENV: 'production',
    FILE_URL_SECRET: randomBytes(32).toString('base64url'),
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: db.dataDir,
    ...(db.url ? { DATABASE_URL: db.url } : {}),
    SEED_DEMO: 'true',
    SHUTDOWN_TIMEOUT_MS: '30000',
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

function request(options: http.RequestOptions, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, reusedSocket: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface HeldRequest {
  /** The server has the request (it sent `100 Continue`) and waits for its body. */
  held: Promise<void>;
  /** Sends the body: the server can then answer. */
  finish(): void;
  answer: Promise<Answer>;
}

/**
 * A GraphQL request that stays in flight until `finish()`: its headers go out with
 * `Expect: 100-continue`, and the body only once the test says so.
 */
function heldGraphQLRequest(agent: http.Agent, port: number, cookie: string, query: string): HeldRequest {
  const body = JSON.stringify({ query });
  let onHeld!: () => void;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  let req!: http.ClientRequest;
  const answer = new Promise<Answer>((resolve, reject) => {
    req = http.request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: 'POST',
        path: '/graphql',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          expect: '100-continue',
          cookie,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, reusedSocket: req.reusedSocket }));
        res.on('error', reject);
      },
    );
    req.on('continue', onHeld);
    req.on('error', reject);
    req.flushHeaders();
  });
  return { held, finish: () => req.end(body), answer };
}

/** Whether a new TCP connection to the port is refused. */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('graceful shutdown of the built server (SIGTERM)', () => {
  let db: TestDatabase;
  let server: Spawned | undefined;

  beforeAll(async () => {
    buildIfStale();
    db = await createTestDatabase();
  }, 180_000);

  afterEach(() => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    server = undefined;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it(`answers ${CLIENTS} keep-alive requests in flight, refuses new connections, and exits 0`, async () => {
    server = await spawnOn(db);
    const { port } = server;

    // A session, then one keep-alive agent per client, each with a connection already used once.
    const login = await request(
      { host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' } },
      JSON.stringify({ query: `mutation { login(email: "${ALICE}", password: "${DEMO_PASSWORD}") { user { email } } }` }),
    );
    expect(login.status).toBe(200);
    const setCookie = login.headers['set-cookie']?.[0] ?? '';
    const cookie = setCookie.split(';')[0] ?? '';
    expect(cookie).toMatch(/^__Host-guichet_session=./);

    const agents = Array.from({ length: CLIENTS }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const warmUps = await Promise.all(agents.map((agent) => request({ host: '127.0.0.1', port, agent, path: '/healthz' })));
    expect(warmUps.map((a) => a.status)).toEqual(agents.map(() => 200));

    // Each client sends a request on its open connection; the server holds them all.
    const query = '{ me { user { email } memberships { company { name } } } }';
    const inFlight = agents.map((agent) => heldGraphQLRequest(agent, port, cookie, query));
    await Promise.all(inFlight.map((r) => r.held));

    server.child.kill('SIGTERM');
    await server.line(new RegExp(`shutdown: stopped accepting connections; ${CLIENTS} request\\(s\\) in flight`));
    // The process is still up (it holds the requests), but takes no new connection.
    expect(await connectionRefused(port)).toBe(true);

    for (const r of inFlight) r.finish();
    const settled = await Promise.allSettled(inFlight.map((r) => r.answer));
    const answers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const complete = answers.filter((a) => {
      if (a.status !== 200) return false;
      const body = JSON.parse(a.body) as { data?: { me?: { user?: { email?: string } } }; errors?: unknown };
      return body.errors === undefined && body.data?.me?.user?.email === ALICE;
    });
    const dropped = CLIENTS - complete.length;
    const { code, signal } = await server.exited;
    console.log(
      `shutdown (${db.kind}): ${CLIENTS} keep-alive requests in flight at SIGTERM, ${dropped} dropped, exit code ${code ?? signal}`,
    );

    expect(settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
    expect(dropped).toBe(0);
    // Each answer went over the connection already open, and closed it.
    expect(answers.map((a) => [a.reusedSocket, a.headers.connection])).toEqual(answers.map(() => [true, 'close']));
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/shutdown: in-flight requests finished, connections closed/);
    expect(server.output()).toMatch(/shutdown: workers stopped/);
    expect(server.output()).toMatch(/shutdown: database closed/);
    expect(server.output()).not.toMatch(/not finished after|were cut|shutdown failed/);
    for (const agent of agents) agent.destroy();
  }, 120_000);

  it('exits 0 with no load, and closes idle keep-alive connections', async () => {
    server = await spawnOn(db);
    const { port } = server;
    const agents = Array.from({ length: 3 }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const closed: Promise<void>[] = [];
    for (const agent of agents) {
      const answer = await request({ host: '127.0.0.1', port, agent, path: '/readyz' });
      expect(answer.status).toBe(200);
      // The connection stays open in the agent, idle.
      const socket = Object.values(agent.freeSockets).flat()[0];
      expect(socket).toBeDefined();
      closed.push(new Promise((resolve) => socket?.once('close', () => resolve())));
    }

    server.child.kill('SIGTERM');
    await Promise.all(closed);
    const { code, signal } = await server.exited;
    console.log(`shutdown (${db.kind}), no load: exit code ${code ?? signal}`);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/shutdown: database closed/);
    expect(server.output()).not.toMatch(/not finished after|were cut|shutdown failed/);
    for (const agent of agents) agent.destroy();
  }, 120_000);
});
