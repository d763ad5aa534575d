/**
 * Answers that do not depend on the account or the SIRET: the time of `requestPasswordReset` for an
 * existing account against an unknown address, and of `requestAccess` for a client's SIRET against
 * another, measured side by side (interleaved pairs, same process, same run). The ratios are printed,
 * not asserted: the proof is structural (the same SQL statements on the request path, see
 * src/modules/deferred/__tests__/public-requests.int.spec.ts); this shows what a stopwatch sees.
 * The work that differs (lookups, rows, emails) runs afterwards in the deferred-request worker,
 * timed here too, apart from the answers.
 *
 * Needs the built API and a MySQL/MariaDB database with the demo data (what `pnpm bench` prepares):
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/guichet_bench BENCH_DATA_DIR=./data/bench \
 *     node packages/api/bench/uniform-answers.bench.mjs
 */
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const dist = (p) => require(path.join(import.meta.dirname, '..', 'dist', p));
const { loadEnv } = dist('config/env.js');
const { openDatabase } = dist('db/data-source.js');
const { startServer } = dist('server.js');

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/guichet_bench';
const DATA_DIR = process.env.BENCH_DATA_DIR ?? '/tmp/mailbench';
const PAIRS = Number(process.env.BENCH_ANSWER_PAIRS ?? 300);
const EXISTING_EMAIL = 'alice.martin@demo-sas.fr';
/** A valid SIRET that is no client's. */
const OTHER_SIRET = '73282932000074';
const LOTS = '1000000';

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function post(url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((a.length * p) / 100))];

async function timed(send, expected) {
  const t = process.hrtime.bigint();
  const res = await send();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (res.status !== 200 || res.body !== expected) throw new Error(`unexpected answer ${res.status}: ${res.body.slice(0, 200)}`);
  return ms;
}

/** Interleaved pairs (a then b, b then a, alternately); medians and p90 of each, and their ratio. */
async function compare(label, nameA, sendA, nameB, sendB, expected) {
  for (let i = 0; i < 20; i += 1) {
    await timed(sendA, expected);
    await timed(sendB, expected);
  }
  const a = [];
  const b = [];
  for (let i = 0; i < PAIRS; i += 1) {
    if (i % 2 === 0) {
      a.push(await timed(sendA, expected));
      b.push(await timed(sendB, expected));
    } else {
      b.push(await timed(sendB, expected));
      a.push(await timed(sendA, expected));
    }
  }
  console.log(`${label}, ${PAIRS} interleaved pairs`);
  console.log(
    `  median ${nameA} ${median(a).toFixed(2)} ms, ${nameB} ${median(b).toFixed(2)} ms, ratio ${(median(a) / median(b)).toFixed(2)}` +
      ` (p90 ${pct(a, 90).toFixed(2)} / ${pct(b, 90).toFixed(2)} ms)`,
  );
}

async function main() {
  const env = loadEnv({
    NODE_ENV: 'production',
    FILE_URL_SECRET: randomBytes(32).toString('base64url'),
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: DB_URL,
    DATA_DIR,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    // Counters of this run only, and limits out of the way: this measures the answers, not the limits.
    RATE_LIMIT_PREFIX: `guichet:bench:${randomBytes(4).toString('hex')}`,
    PASSWORD_RESETS_PER_EMAIL_PER_HOUR: LOTS,
    PASSWORD_RESETS_PER_IP_PER_HOUR: LOTS,
    ACCESS_REQUESTS_PER_IP_PER_HOUR: LOTS,
    ACCESS_REQUESTS_PER_COMPANY_PER_DAY: LOTS,
  });
  const ds = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir });
  const server = await startServer(env, { ds, worker: false, log: () => undefined });
  const started = new Date();
  const [client] = await ds.query("SELECT siret FROM companies WHERE name = 'Demo SAS'");
  if (!client) throw new Error('no Demo SAS in the bench database');
  const CLIENT_SIRET = client.siret;
  const gql = (query, variables) => () => post(`${server.url}/graphql`, { query, variables });
  try {
    const reset = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
    await compare(
      'requestPasswordReset',
      'existing account',
      gql(reset, { e: EXISTING_EMAIL }),
      'unknown address',
      gql(reset, { e: `personne.${randomBytes(3).toString('hex')}@demo-sas.fr` }),
      '{"data":{"requestPasswordReset":true}}\n',
    );
    const access = 'mutation($input: AccessRequestInput!) { requestAccess(input: $input) }';
    const form = (siret) => ({ input: { siret, email: 'jeanne.roux@exemple.fr', firstName: 'Jeanne', lastName: 'Roux' } });
    await compare(
      'requestAccess',
      'client SIRET',
      gql(access, form(CLIENT_SIRET)),
      'other SIRET',
      gql(access, form(OTHER_SIRET)),
      '{"data":{"requestAccess":true}}\n',
    );
    // The deferred work, after the answers: what the request path no longer waits for.
    const t = process.hrtime.bigint();
    const done = await server.deferred.drain();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(`  deferred work afterwards: ${done} requests carried out by the worker in ${ms.toFixed(0)} ms\n`);
  } finally {
    agent.destroy();
    // What this run left: reset links, emails, the access request and its journal entries.
    await ds.query('DELETE FROM deferred_requests WHERE created_at >= ?', [started]);
    await ds.query("DELETE FROM outbox_emails WHERE created_at >= ? AND kind IN ('password_reset', 'access_requested')", [started]);
    await ds.query('DELETE FROM password_resets WHERE created_at >= ?', [started]);
    await ds.query(
      "DELETE FROM activity_events WHERE created_at >= ? AND action IN ('auth.password_reset_requested', 'team.access_requested')",
      [started],
    );
    await ds.query("DELETE FROM access_requests WHERE created_at >= ? AND email = 'jeanne.roux@exemple.fr'", [started]);
    await server.close();
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
