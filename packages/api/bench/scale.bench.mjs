/**
 * Scale-out and soak (pnpm bench): API instances as separate processes (`node dist/main.js`,
 * PROCESS_ROLE=api, production settings) behind a small round-robin proxy, as behind a load balancer.
 *
 *   1. The mail list through the proxy over 1 instance, then over 2 (interleaved rounds): the
 *      throughput ratio 2 vs 1. On a 2-core machine the load generator, the proxy, the instances and
 *      MariaDB share the same two cores: the ratio shows that a second instance adds capacity
 *      without errors or contention in the product itself (shared sessions, one database), not the
 *      gain a second machine would give.
 *   2. A soak of BENCH_SOAK_MINUTES (default 10) of mixed traffic at a fixed rate over 2 instances:
 *      per minute, requests, errors, p99 (from the scheduled send), and each instance's RSS and heap
 *      after a GC. Budgets: no error, and no upward trend of the heap after the first minute (the
 *      least-squares slope stays under 1 MB per minute on each instance).
 *
 *   BENCH_DATABASE_URL=… BENCH_DATA_DIR=… FILE_URL_SECRET=… node packages/api/bench/scale.bench.mjs [scale|soak|all]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { forkLoad, forkProduct, forkServer, loadAverage, median, withSpread } from './lib/processes.mjs';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/guichet_bench';
const DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR ?? 'data/bench');
const SIRET = process.env.BENCH_SIRET ?? '91234567500017';
const which = process.argv[2] ?? 'all';
const ROUNDS = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 5));
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const SOAK_RATE = Number(process.env.BENCH_SOAK_RATE ?? 60);
const SECRET = process.env.FILE_URL_SECRET ?? randomBytes(32).toString('base64url');
const results = [];

function budget(name, value, limit, met) {
  results.push({ name, value, limit, met });
  console.log(`  → ${name}: ${value} (budget ${limit})${met ? '' : '  NOT MET'}`);
}

const startApi = (n) => forkProduct({ label: `API instance ${n}`, env: { DATABASE_URL: DB_URL, DATA_DIR, FILE_URL_SECRET: SECRET } });

const startProxy = (upstreams) =>
  forkServer(path.join(import.meta.dirname, 'lib', 'round-robin-proxy.mjs'), {
    label: `proxy over ${upstreams.length}`,
    args: upstreams.map((u) => u.url),
    ready: /listening at (http:\/\/[^\s]+)/,
  });

/** Least-squares slope of ys over xs. */
function slope(xs, ys) {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function main() {
  const apis = [await startApi(1), await startApi(2)];
  const one = await startProxy([apis[0]]);
  const two = await startProxy(apis);
  const load = forkLoad();
  const pool = mysql.createPool({ uri: DB_URL, connectionLimit: 2, timezone: 'Z' });
  try {
    const [[company]] = await pool.query('SELECT id FROM companies WHERE siret = ?', [SIRET]);
    const login = await fetch(`${apis[0].url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }',
        variables: { e: 'bruno.petit@demo-sas.fr', p: process.env.DEMO_PASSWORD ?? 'demo-guichet-2026' },
      }),
    });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0];
    if (!cookie) throw new Error(`login failed: ${await login.text()}`);
    const headers = { 'content-type': 'application/json', cookie };
    const list = JSON.stringify({
      query: `query($id: ID!) { company(id: $id) { mailItems(first: 50) { edges { cursor node { id receivedAt sender recipient type status pageCount tags { id name color } } } pageInfo { endCursor hasNextPage } } } }`,
      variables: { id: company.id },
    });

    if (which === 'all' || which === 'scale') {
      const ratios = [];
      const rps = { one: [], two: [] };
      for (let r = 0; r < ROUNDS; r += 1) {
        const job = { kind: 'closed', concurrency: 32, warmupMs: 1000, ms: 3000, headers, body: list };
        const a = await load.run({ ...job, url: `${one.url}/graphql` });
        const b = await load.run({ ...job, url: `${two.url}/graphql` });
        if (a.errors + b.errors > 0) throw new Error(`scale-out: failed requests ${JSON.stringify({ ...a.failures, ...b.failures })}`);
        rps.one.push(a.rps);
        rps.two.push(b.rps);
        ratios.push(b.rps / a.rps);
      }
      console.log(`mail list through a round-robin proxy, closed loop ×32, ${ROUNDS} interleaved rounds (1 s warm-up + 3 s)`);
      console.log(`  1 instance ${median(rps.one).toFixed(0)} req/s, 2 instances ${median(rps.two).toFixed(0)} req/s; ${loadAverage()}`);
      console.log('  (2 cores: the load generator, the proxy, both instances and MariaDB share them; see the comment at the top)');
      budget('scale-out, 2 instances vs 1 (2 cores: informative)', withSpread(ratios), '≥ 1.00, no error', median(ratios) >= 1);
      console.log('');
    }

    if (which === 'all' || which === 'soak') {
      const [[item]] = await pool.query('SELECT id FROM mail_items WHERE company_id = ? ORDER BY received_at DESC LIMIT 1', [company.id]);
      const gqlBody = (query, variables) => JSON.stringify({ query, variables });
      const url = `${two.url}/graphql`;
      const mix = [
        { url, body: list },
        { url, body: gqlBody('{ me { user { email } } }') },
        {
          url,
          body: gqlBody(
            'query($id: ID!) { company(id: $id) { mailItems(first: 20, filter: { search: "urssaf" }) { edges { node { id sender } } } } }',
            {
              id: company.id,
            },
          ),
        },
        {
          url,
          body: gqlBody('query($id: ID!) { company(id: $id) { invoices(first: 20) { edges { node { id number } } } } }', {
            id: company.id,
          }),
        },
        {
          url,
          body: gqlBody('mutation($c: ID!, $m: ID!) { createMailItemLink(companyId: $c, mailItemId: $m) { url } }', {
            c: company.id,
            m: item.id,
          }),
        },
      ];
      console.log(
        `soak: ${SOAK_MINUTES} min of mixed traffic (list, me, search, invoices, file links) at ${SOAK_RATE} req/s over 2 instances`,
      );
      console.log('  minute  requests  errors   p99 ms   RSS 1 MB  heap 1 MB   RSS 2 MB  heap 2 MB');
      const rows = [];
      for (let minute = 1; minute <= SOAK_MINUTES; minute += 1) {
        const r = await load.run({ kind: 'rate', rps: SOAK_RATE, ms: 60_000, warmupMs: 0, headers, mix });
        const m = await Promise.all(apis.map((a) => a.probe('settledRss')));
        rows.push({ minute, ...r, mem: m });
        if (r.errors > 0) console.log(`          failed requests: ${JSON.stringify(r.failures)}`);
        const mb = (x) => (x / 1e6).toFixed(1).padStart(9);
        console.log(
          `  ${String(minute).padStart(6)}  ${String(r.done).padStart(8)}  ${String(r.errors).padStart(6)}  ${r.latencies.p99.toFixed(1).padStart(7)}  ${mb(m[0].rss)}  ${mb(m[0].heapUsed)}  ${mb(m[1].rss)}  ${mb(m[1].heapUsed)}`,
        );
      }
      const errors = rows.reduce((n, r) => n + r.errors, 0);
      const after = rows.filter((r) => r.minute > 1);
      const slopes = [0, 1].map((i) =>
        after.length < 2
          ? 0
          : slope(
              after.map((r) => r.minute),
              after.map((r) => r.mem[i].heapUsed / 1e6),
            ),
      );
      console.log(`  heap slope after minute 1: ${slopes.map((s) => `${s.toFixed(2)} MB/min`).join(', ')}; ${loadAverage()}`);
      budget(`soak ${SOAK_MINUTES} min, errors`, String(errors), '0', errors === 0);
      budget(
        'soak, heap growth per minute (each instance)',
        slopes.map((s) => s.toFixed(2)).join(' / '),
        '< 1.00 MB/min',
        slopes.every((s) => s < 1),
      );
      budget(
        'soak, p99 per minute (max / median)',
        `${Math.max(...rows.map((r) => r.latencies.p99)).toFixed(1)} / ${median(rows.map((r) => r.latencies.p99)).toFixed(1)} ms`,
        'printed',
        true,
      );
      console.log('');
    }
  } finally {
    load.stop();
    await pool.end();
    await Promise.all([one.stop(), two.stop(), ...apis.map((a) => a.stop())]);
  }
  const missed = results.filter((r) => !r.met);
  console.log(missed.length === 0 ? 'scale-out and soak: every budget met' : `scale-out and soak: ${missed.length} budget(s) not met`);
  if (process.env.BENCH_RESULTS)
    fs.appendFileSync(process.env.BENCH_RESULTS, results.map((r) => JSON.stringify({ group: 'scale', ...r })).join('\n') + '\n');
  process.exitCode = missed.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
