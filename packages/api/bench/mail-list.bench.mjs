/* global Buffer, global, setTimeout, setInterval, clearInterval */
/**
 * Mail benchmarks (DESIGN §7): each figure is a ratio against a baseline run side by side,
 * interleaved, in the same process and run. Needs a MySQL/MariaDB database holding a company with
 * many mail items (`pnpm --filter @guichet/api seed:bulk -- --company 91234567500017 --count 1000000`)
 * and the built API (`pnpm --filter @guichet/api build`).
 *
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/guichet_mailbench BENCH_DATA_DIR=/tmp/mailbench \
 *     node packages/api/bench/mail-list.bench.mjs [list|p99|deep|export|all]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const dist = (p) => require(path.join(import.meta.dirname, '..', 'dist', p));
const { loadEnv } = dist('config/env.js');
const { openDatabase } = dist('db/data-source.js');
const { startServer } = dist('server.js');
const { mailPageQuery, mailCountQuery, normaliseFilter, mailCursor, toMailItemRow, MAIL_ITEM_COLUMNS } =
  dist('modules/mail/mail.queries.js');
const mysql = require('mysql2/promise');

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/guichet_mailbench';
const DATA_DIR = process.env.BENCH_DATA_DIR ?? '/tmp/mailbench';
const SIRET = process.env.BENCH_SIRET ?? '91234567500017';
const EMAIL = 'bruno.petit@demo-sas.fr';
const which = process.argv[2] ?? 'all';
const RATE = Number(process.env.BENCH_RATE ?? 200);

const LIST = `query($id: ID!, $first: Int!, $after: String) { company(id: $id) { mailItems(first: $first, after: $after) {
  edges { cursor node { id receivedAt sender recipient type status pageCount tags { id name color } } }
  pageInfo { endCursor hasNextPage } } } }`;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** One HTTP request on a keep-alive socket; retried once when the server closed an idle socket. */
async function request(url, options = {}) {
  try {
    return await requestOnce(url, options);
  } catch (error) {
    if (error.code !== 'ECONNRESET') throw error;
    return requestOnce(url, options);
  }
}

function requestOnce(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor((a.length * p) / 100))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The bare baseline: node:http + mysql2, the same SQL (session lookup included), the same JSON. */
function baselineServer(pool) {
  const sessionSql = `SELECT s.id AS session_id, s.expires_at, s.last_seen_at, u.id AS user_id, u.email, u.is_staff, u.disabled,
      m.id AS membership_id, m.company_id, m.scopes
      FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN memberships m ON m.user_id = u.id AND m.status = 'ACTIVE'
     WHERE s.token_hash = ?`;
  return http.createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const cookie = /guichet_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const [session] = await pool.query(sessionSql, [
        createHash('sha256')
          .update(decodeURIComponent(cookie ?? ''))
          .digest('hex'),
      ]);
      const membership = session.find((r) => r.company_id === variables.id);
      if (!membership || !/ADMIN|COURRIER/.test(membership.scopes)) throw new Error('denied');
      const [companies] = await pool.query('SELECT * FROM companies WHERE id IN (?)', [[variables.id]]);
      if (companies.length === 0) throw new Error('no company');
      const f = normaliseFilter(null);
      const q = mailPageQuery('mysql', variables.id, f, null, variables.first + 1);
      const [raw] = await pool.query(q.sql, q.params);
      const rows = raw.map(toMailItemRow);
      const page = rows.slice(0, variables.first);
      const tagsByItem = new Map();
      if (page.length > 0) {
        const [tags] = await pool.query(
          `SELECT mt.mail_item_id, t.id, t.name, t.color FROM mail_item_tags mt JOIN tags t ON t.id = mt.tag_id
            WHERE mt.mail_item_id IN (?) ORDER BY t.name_key, t.id`,
          [page.map((r) => r.id)],
        );
        for (const t of tags)
          tagsByItem.set(t.mail_item_id, [...(tagsByItem.get(t.mail_item_id) ?? []), { id: t.id, name: t.name, color: t.color }]);
      }
      const edges = page.map((r) => ({
        cursor: mailCursor(r),
        node: {
          id: r.id,
          receivedAt: r.receivedAt.toISOString(),
          sender: r.sender,
          recipient: r.recipient,
          type: r.type,
          status: r.status,
          pageCount: r.pageCount,
          tags: tagsByItem.get(r.id) ?? [],
        },
      }));
      const body = JSON.stringify({
        data: {
          company: {
            mailItems: { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > variables.first } },
          },
        },
      });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
}

/** Closed loop: `concurrency` clients for `ms`; requests per second and CPU milliseconds per request. */
async function throughput(send, concurrency, ms) {
  let done = 0;
  const until = Date.now() + ms;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const r = await send();
        if (r.status !== 200) throw new Error(`status ${r.status}: ${r.body.toString().slice(0, 200)}`);
        done += 1;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { rps: (done * 1000) / ms, cpuMs: (used.user + used.system) / 1000 / done };
}

/** Open loop at a fixed rate; latencies in ms. */
async function fixedRate(send, rps, ms) {
  const latencies = [];
  const pending = [];
  const start = Date.now();
  for (let i = 0; Date.now() - start < ms; i += 1) {
    const due = start + (i * 1000) / rps;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const t = process.hrtime.bigint();
    pending.push(send().then(() => latencies.push(Number(process.hrtime.bigint() - t) / 1e6)));
  }
  await Promise.all(pending);
  return latencies;
}

async function main() {
  const env = loadEnv({
    NODE_ENV: 'production',
    FILE_URL_SECRET: randomBytes(32).toString('base64url'),
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: DB_URL,
    DATA_DIR: DATA_DIR,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
  });
  const ds = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir });
  const server = await startServer(env, { ds, worker: false, log: () => undefined });
  const pool = mysql.createPool({ uri: DB_URL, connectionLimit: 10, timezone: 'Z' });
  const baseline = baselineServer(pool);
  await new Promise((r) => baseline.listen(0, '127.0.0.1', r));
  const baselineUrl = `http://127.0.0.1:${baseline.address().port}`;
  try {
    const [[company]] = await pool.query('SELECT id FROM companies WHERE siret = ?', [SIRET]);
    const [[{ n: total }]] = await pool.query('SELECT COUNT(*) AS n FROM mail_items WHERE company_id = ?', [company.id]);
    const login = await request(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }',
        variables: { e: EMAIL, p: process.env.DEMO_PASSWORD ?? 'demo-guichet-2026' },
      }),
    });
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const gql = (base, variables) =>
      request(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: LIST, variables }),
      });
    console.log(`company ${company.id}: ${Number(total).toLocaleString('en')} mail items\n`);

    // Same answer from both (apart from key order, which is the same by construction).
    const a = JSON.parse((await gql(server.url, { id: company.id, first: 50 })).body);
    const b = JSON.parse((await gql(baselineUrl, { id: company.id, first: 50 })).body);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the two handlers do not return the same JSON');

    if (which === 'all' || which === 'list') {
      const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
      const full = [];
      const bare = [];
      for (let r = 0; r < rounds; r += 1) {
        full.push(await throughput(() => gql(server.url, { id: company.id, first: 50 }), 16, 3000));
        bare.push(await throughput(() => gql(baselineUrl, { id: company.id, first: 50 }), 16, 3000));
      }
      console.log(`list, 50 items with tags, closed loop x16, ${rounds} interleaved rounds of 3 s`);
      const rps = (a) => median(a.map((x) => x.rps));
      const cpu = (a) => median(a.map((x) => x.cpuMs));
      console.log(`  full stack ${rps(full).toFixed(0)} req/s, bare node:http + mysql2 ${rps(bare).toFixed(0)} req/s`);
      console.log(`  throughput ratio ${(rps(full) / rps(bare)).toFixed(2)} (budget ≥ 0.50)`);
      console.log(
        `  CPU per request (client included, both in this process): full ${cpu(full).toFixed(2)} ms, bare ${cpu(bare).toFixed(2)} ms, ratio ${(cpu(bare) / cpu(full)).toFixed(2)}\n`,
      );
    }
    if (which === 'all' || which === 'p99') {
      const full = [];
      const bare = [];
      for (let r = 0; r < 3; r += 1) {
        full.push(...(await fixedRate(() => gql(server.url, { id: company.id, first: 50 }), RATE, 5000)));
        bare.push(...(await fixedRate(() => gql(baselineUrl, { id: company.id, first: 50 }), RATE, 5000)));
      }
      console.log(`list at a fixed ${RATE} req/s, 3 interleaved rounds of 5 s`);
      console.log(
        `  p50 ${median(full).toFixed(2)} / ${median(bare).toFixed(2)} ms, p99 ${pct(full, 99).toFixed(2)} / ${pct(bare, 99).toFixed(2)} ms (full / bare)`,
      );
      console.log(`  p99 ratio ${(pct(full, 99) / pct(bare, 99)).toFixed(2)} (budget ≤ 2)\n`);
    }
    if (which === 'all' || which === 'deep') {
      const depth = Math.min(500_000, Math.floor(Number(total) / 2));
      const q = mailPageQuery('mysql', company.id, normaliseFilter(null), null, 1);
      const [[row]] = await pool.query(q.sql.replace(/LIMIT \d+/, `LIMIT 1 OFFSET ${depth - 1}`), q.params);
      const after = mailCursor(toMailItemRow(row));
      const first = [];
      const deep = [];
      for (let i = 0; i < 40; i += 1) {
        let t = process.hrtime.bigint();
        await gql(server.url, { id: company.id, first: 50 });
        first.push(Number(process.hrtime.bigint() - t) / 1e6);
        t = process.hrtime.bigint();
        const r = await gql(server.url, { id: company.id, first: 50, after });
        deep.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (i === 0 && JSON.parse(r.body).data.company.mailItems.edges.length !== 50) throw new Error('deep page is short');
      }
      console.log(`page ${depth.toLocaleString('en')} items deep vs first page (full stack, 40 interleaved pairs)`);
      console.log(
        `  median first ${median(first).toFixed(2)} ms, deep ${median(deep).toFixed(2)} ms, ratio ${(median(deep) / median(first)).toFixed(2)} (budget ≤ 1.5)\n`,
      );
    }
    // The budgets are set on 10 000 scans; 20 000 (the largest export allowed) proves no limit is in the way.
    const exportTargets = process.env.BENCH_EXPORT_ITEMS ? [Number(process.env.BENCH_EXPORT_ITEMS)] : [10_000, 20_000];
    for (const target of which === 'all' || which === 'export' ? exportTargets : []) {
      // A date window holding about `target` items.
      const q = mailPageQuery('mysql', company.id, normaliseFilter(null), null, 1);
      const [[newest]] = await pool.query(q.sql, q.params);
      const [[edge]] = await pool.query(q.sql.replace(/LIMIT \d+/, `LIMIT 1 OFFSET ${target}`), q.params);
      const filter = { receivedFrom: new Date(new Date(edge.received_at).getTime() + 1).toISOString() };
      const cq = mailCountQuery('mysql', company.id, normaliseFilter({ receivedFrom: new Date(filter.receivedFrom) }));
      const [[{ n }]] = await pool.query(cq.sql, cq.params);
      void newest;
      const made = await request(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({
          query: 'mutation($c: ID!, $f: MailFilter) { createMailExport(companyId: $c, filter: $f) { url itemCount } }',
          variables: { c: company.id, f: filter },
        }),
      });
      const exp = JSON.parse(made.body).data.createMailExport;
      // Baseline: the same files sent back to back on a bare handler.
      const [files] = await pool.query(
        `SELECT ${MAIL_ITEM_COLUMNS} FROM mail_items mi WHERE mi.company_id = ? AND mi.received_at >= ? ORDER BY mi.received_at DESC, mi.id DESC`,
        [company.id, new Date(filter.receivedFrom)],
      );
      const filesServer = http.createServer(async (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.setMaxListeners(0);
        for (const f of files) await pipeline(fs.createReadStream(path.join(env.filesDir, ...f.file_key.split('/'))), res, { end: false });
        res.end();
      });
      await new Promise((r) => filesServer.listen(0, '127.0.0.1', r));
      const download = async (url, headers = {}) => {
        const t = process.hrtime.bigint();
        let bytes = 0;
        await new Promise((resolve, reject) => {
          http.get(url, { agent, headers }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`GET ${url} answered ${res.statusCode}`));
            res.on('data', (c) => (bytes += c.length));
            res.on('end', resolve);
            res.on('error', reject);
          });
        });
        return { ms: Number(process.hrtime.bigint() - t) / 1e6, bytes };
      };
      const zipTimes = [];
      const rawTimes = [];
      let peakGrowth = 0;
      let zipBytes = 0;
      for (let r = 0; r < 3; r += 1) {
        global.gc?.();
        const base = process.memoryUsage().rss;
        let peak = base;
        const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
        // Export links open only in the session of the member they were made for.
        const z = await download(`${server.url}${new URL(exp.url).pathname}`, { cookie });
        clearInterval(timer);
        peakGrowth = Math.max(peakGrowth, peak - base);
        zipBytes = z.bytes;
        zipTimes.push(z.ms);
        rawTimes.push((await download(`http://127.0.0.1:${filesServer.address().port}/`)).ms);
      }
      filesServer.close();
      console.log(`ZIP export of ${Number(n).toLocaleString('en')} scans (${(zipBytes / 1e6).toFixed(1)} MB), 3 interleaved rounds`);
      console.log(`  peak RSS growth ${(peakGrowth / 1e6).toFixed(1)} MB (budget < 64 MB)`);
      console.log(
        `  median ${median(zipTimes).toFixed(0)} ms vs files back to back ${median(rawTimes).toFixed(0)} ms, ratio ${(median(zipTimes) / median(rawTimes)).toFixed(2)} (budget ≤ 1.25)\n`,
      );
    }
  } finally {
    baseline.close();
    agent.destroy();
    await pool.end();
    await server.close();
    await ds.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
