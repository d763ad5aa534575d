/**
 * Mail benchmarks (DESIGN §7): each figure is a ratio against a baseline measured side by side in
 * this run. The product runs as in production (`node dist/main.js`, NODE_ENV=production, its logging
 * on), the baselines (bench/lib/bare-server.mjs) and the load generator (bench/lib/load.mjs) each in
 * their own process; every slot is warmed up first, rounds are interleaved, and the median and the
 * spread of the rounds are printed with the load average.
 *
 * Needs a MySQL/MariaDB database holding a company with many mail items and the built API
 * (`pnpm bench` prepares both).
 *
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/guichet_bench BENCH_DATA_DIR=data/bench FILE_URL_SECRET=… \
 *     node packages/api/bench/mail-list.bench.mjs [list|compression|p99|hello|statements|deep|export|export-s3|all]
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { forkLoad, forkProduct, forkServer, loadAverage, median, withServerCpu, withSpread } from './lib/processes.mjs';

const require = createRequire(import.meta.url);
const dist = (p) => require(path.join(import.meta.dirname, '..', 'dist', p));
const { mailPageQuery, mailCountQuery, normaliseFilter, mailCursor, toMailItemRow } = dist('modules/mail/mail.queries.js');
const { MAX_PAGE_SIZE } = dist('common/cursor.js');
const mysql = require('mysql2/promise');

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/guichet_bench';
const DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR ?? 'data/bench');
const SIRET = process.env.BENCH_SIRET ?? '91234567500017';
const EMAIL = 'bruno.petit@demo-sas.fr';
const which = process.argv[2] ?? 'all';
const RATE = Number(process.env.BENCH_RATE ?? 200);
const ROUNDS = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 5));
const POOL_SIZE = 10; // the product's pool (db/data-source.ts)
const results = [];

const LIST = `query($id: ID!, $first: Int!, $after: String) { company(id: $id) { mailItems(first: $first, after: $after) {
  edges { cursor node { id receivedAt sender recipient type status pageCount tags { id name color } } }
  pageInfo { endCursor hasNextPage } } } }`;

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One budget line for the summary table. */
function budget(name, value, limit, met, unit = '') {
  results.push({ name, value, limit, met });
  console.log(`  → ${name}: ${value}${unit} (budget ${limit})${met ? '' : '  NOT MET'}`);
}

async function main() {
  const server = await forkProduct({
    env: { DATABASE_URL: DB_URL, DATA_DIR, FILE_URL_SECRET: process.env.FILE_URL_SECRET ?? randomBytes(32).toString('base64url') },
  });
  const bare = await forkServer(path.join(import.meta.dirname, 'lib', 'bare-server.mjs'), {
    label: 'the bare baseline',
    env: { BENCH_DATABASE_URL: DB_URL, BENCH_FILES_DIR: path.join(DATA_DIR, 'files'), BENCH_POOL_SIZE: String(POOL_SIZE) },
    ready: /listening at (http:\/\/[^\s]+)/,
  });
  const load = forkLoad();
  const pool = mysql.createPool({ uri: DB_URL, connectionLimit: 2, timezone: 'Z' });
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
    if (!cookie) throw new Error(`login failed: ${login.body.toString().slice(0, 300)}`);
    const headers = { 'content-type': 'application/json', cookie };
    const listBody = (first, after) => JSON.stringify({ query: LIST, variables: { id: company.id, first, after } });
    const gql = (base, first, after) => request(`${base}/graphql`, { method: 'POST', headers, body: listBody(first, after) });
    console.log(`company ${company.id}: ${Number(total).toLocaleString('en')} mail items; ${loadAverage()}\n`);

    // The baseline does the same work: the same JSON bytes, checked by hash before any timing.
    const hash = (b) => createHash('sha256').update(b).digest('hex');
    const a = await gql(server.url, 50);
    const b = await gql(bare.url, 50);
    if (a.status !== 200 || hash(a.body) !== hash(b.body))
      throw new Error(
        `the two handlers do not return the same bytes:\n${a.body.toString().slice(0, 300)}\n${b.body.toString().slice(0, 300)}`,
      );
    console.log(`same answer from both (${a.body.length} bytes, sha256 ${hash(a.body).slice(0, 16)}…)`);
    console.log(
      `product answer headers: cache-control ${a.headers['cache-control']}, content-encoding ${a.headers['content-encoding'] ?? 'none'}\n`,
    );

    const slot = (target, job) =>
      withServerCpu(target, () => load.run({ headers, warmupMs: 1000, ...job })).then(({ result, cpuMs }) => {
        if (result.errors > 0) throw new Error(`${target.label}: failed requests ${JSON.stringify(result.failures)}`);
        return { ...result, cpuPerRequest: cpuMs / Math.max(1, result.done) };
      });

    if (which === 'all' || which === 'list') {
      const ratios = [];
      const full = [];
      const base = [];
      for (let r = 0; r < ROUNDS; r += 1) {
        const job = { kind: 'closed', concurrency: 16, ms: 3000 };
        const f = await slot(server, { ...job, url: `${server.url}/graphql`, body: listBody(50) });
        const g = await slot(bare, { ...job, url: `${bare.url}/graphql`, body: listBody(50) });
        full.push(f);
        base.push(g);
        ratios.push(f.rps / g.rps);
      }
      const m = (xs, k) => median(xs.map((x) => x[k]));
      console.log(`list, 50 items with tags, closed loop ×16 from a separate process, ${ROUNDS} interleaved rounds (1 s warm-up + 3 s)`);
      console.log(`  product ${m(full, 'rps').toFixed(0)} req/s, bare node:http + mysql2 ${m(base, 'rps').toFixed(0)} req/s`);
      console.log(
        `  server CPU per request: product ${m(full, 'cpuPerRequest').toFixed(2)} ms, bare ${m(base, 'cpuPerRequest').toFixed(2)} ms; ${loadAverage()}`,
      );
      budget('mail list throughput vs bare', withSpread(ratios), '≥ 0.60', median(ratios) >= 0.6);
      console.log('');
    }
    if (which === 'all' || which === 'compression') {
      // What compressing the answers costs the server, and what it saves on the wire.
      const plain = await gql(server.url, 50);
      const zipped = await request(`${server.url}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'accept-encoding': 'gzip' },
        body: listBody(50),
      });
      if (zipped.headers['content-encoding'] !== 'gzip') throw new Error('the answer was not compressed');
      const ratios = [];
      const cpu = { gzip: [], none: [] };
      for (let r = 0; r < ROUNDS; r += 1) {
        const job = { kind: 'closed', concurrency: 16, ms: 2000, url: `${server.url}/graphql`, body: listBody(50) };
        const g = await slot(server, { ...job, headers: { ...headers, 'accept-encoding': 'gzip' } });
        const n = await slot(server, job);
        cpu.gzip.push(g.cpuPerRequest);
        cpu.none.push(n.cpuPerRequest);
        ratios.push(g.rps / n.rps);
      }
      const saved = plain.body.length - zipped.body.length;
      console.log(`compression of the list answer (50 items): ${plain.body.length} → ${zipped.body.length} bytes with gzip`);
      console.log(
        `  server CPU per request ${median(cpu.gzip).toFixed(2)} ms gzip vs ${median(cpu.none).toFixed(2)} ms plain; saves ${(((saved * 8) / 10e6) * 1000).toFixed(1)} ms on a 10 Mbit/s link, ${(((saved * 8) / 1e6) * 1000).toFixed(0)} ms at 1 Mbit/s`,
      );
      console.log(`  throughput with gzip vs without (loopback, where bytes are free): ${withSpread(ratios)}\n`);
    }
    if (which === 'all' || which === 'p99') {
      const ratios = [];
      const full = [];
      const base = [];
      for (let r = 0; r < ROUNDS; r += 1) {
        const job = { kind: 'rate', rps: RATE, ms: 5000 };
        const f = await slot(server, { ...job, url: `${server.url}/graphql`, body: listBody(50) });
        const g = await slot(bare, { ...job, url: `${bare.url}/graphql`, body: listBody(50) });
        full.push(f.latencies);
        base.push(g.latencies);
        ratios.push(f.latencies.p99 / g.latencies.p99);
      }
      const m = (xs, k) => median(xs.map((x) => x[k])).toFixed(2);
      console.log(`list at a fixed ${RATE} req/s, latency from the scheduled send, ${ROUNDS} interleaved rounds (1 s warm-up + 5 s)`);
      console.log(
        `  p50 ${m(full, 'p50')} / ${m(base, 'p50')} ms, p99 ${m(full, 'p99')} / ${m(base, 'p99')} ms (product / bare); ${loadAverage()}`,
      );
      budget(`mail list p99 at ${RATE} req/s vs bare`, withSpread(ratios), '≤ 1.50', median(ratios) <= 1.5);
      console.log('');
    }
    if (which === 'all' || which === 'hello') {
      const ratios = [];
      const hello = JSON.stringify({ query: '{ __typename }' });
      for (let r = 0; r < ROUNDS; r += 1) {
        const job = { kind: 'closed', concurrency: 16, ms: 2000, body: hello };
        const f = await slot(server, { ...job, url: `${server.url}/graphql` });
        const g = await slot(bare, { ...job, url: `${bare.url}/hello` });
        ratios.push(f.rps / g.rps);
      }
      console.log(`{ __typename } through the full production context (a session) vs a bare node:http hello, ${ROUNDS} rounds`);
      budget('{ __typename } vs bare hello', withSpread(ratios), '≥ 0.50', median(ratios) >= 0.5);
      console.log('');
    }
    if (which === 'all' || which === 'statements') {
      const counts = [];
      // 200 is above the largest page the API serves (MAX_PAGE_SIZE): the largest allowed is measured instead.
      const sizes = [10, 50, Math.min(200, MAX_PAGE_SIZE)];
      for (const first of sizes) {
        const check = JSON.parse((await gql(server.url, first)).body);
        if (check.data?.company?.mailItems?.edges?.length !== first)
          throw new Error(`list at first ${first}: ${JSON.stringify(check).slice(0, 300)}`);
        const before = (await server.probe('statements')).statements;
        for (let i = 0; i < 20; i += 1) await gql(server.url, first);
        const after = (await server.probe('statements')).statements;
        counts.push((after - before) / 20);
      }
      console.log(`SQL statements per list request at first ${sizes.join(', ')}: ${counts.map((c) => c.toFixed(1)).join(', ')}`);
      budget(
        'statements per request identical across page sizes',
        counts.map((c) => c.toFixed(1)).join(' / '),
        'identical',
        new Set(counts).size === 1,
      );
      console.log('');
    }
    if (which === 'all' || which === 'deep') {
      const depth = Math.min(500_000, Math.floor(Number(total) / 2));
      const q = mailPageQuery('mysql', company.id, normaliseFilter(null), null, 1);
      const [[row]] = await pool.query(q.sql.replace(/LIMIT \d+/, `LIMIT 1 OFFSET ${depth - 1}`), q.params);
      const after = mailCursor(toMailItemRow(row));
      const first = [];
      const deep = [];
      for (let i = 0; i < 10; i += 1) await gql(server.url, 50, after);
      for (let i = 0; i < 40; i += 1) {
        let t = performance.now();
        await gql(server.url, 50);
        first.push(performance.now() - t);
        t = performance.now();
        const r = await gql(server.url, 50, after);
        deep.push(performance.now() - t);
        if (i === 0 && JSON.parse(r.body).data.company.mailItems.edges.length !== 50) throw new Error('deep page is short');
      }
      console.log(`page ${depth.toLocaleString('en')} items deep vs first page (product, 40 interleaved pairs after 10 warm-up)`);
      console.log(`  median first ${median(first).toFixed(2)} ms, deep ${median(deep).toFixed(2)} ms`);
      budget('deep page vs first page', (median(deep) / median(first)).toFixed(2), '≤ 1.50', median(deep) / median(first) <= 1.5);
      console.log('');
    }
    // The budgets are set on 10 000 scans; 20 000 (the largest export allowed) proves no limit is in the way.
    const exportTargets = process.env.BENCH_EXPORT_ITEMS ? [Number(process.env.BENCH_EXPORT_ITEMS)] : [10_000, 20_000];
    for (const target of which === 'all' || which === 'export' ? exportTargets : []) {
      const q = mailPageQuery('mysql', company.id, normaliseFilter(null), null, 1);
      const [[edge]] = await pool.query(q.sql.replace(/LIMIT \d+/, `LIMIT 1 OFFSET ${target}`), q.params);
      const from = new Date(new Date(edge.received_at).getTime() + 1).toISOString();
      const cq = mailCountQuery('mysql', company.id, normaliseFilter({ receivedFrom: new Date(from) }));
      const [[{ n }]] = await pool.query(cq.sql, cq.params);
      const made = await request(`${server.url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          query: 'mutation($c: ID!, $f: MailFilter) { createMailExport(companyId: $c, filter: $f) { url itemCount } }',
          variables: { c: company.id, f: { receivedFrom: from } },
        }),
      });
      const exp = JSON.parse(made.body).data.createMailExport;
      const download = (url, extra = {}) =>
        new Promise((resolve, reject) => {
          const t = performance.now();
          let bytes = 0;
          http.get(url, { agent, headers: extra }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`GET ${url} answered ${res.statusCode}`));
            res.on('data', (c) => (bytes += c.length));
            res.on('end', () => resolve({ ms: performance.now() - t, bytes }));
            res.on('error', reject);
          });
        });
      const zipTimes = [];
      const rawTimes = [];
      const growth = [];
      let zipBytes = 0;
      let gc = false;
      // One unmeasured export first: code paths loaded, buffers allocated once.
      await download(`${server.url}${new URL(exp.url).pathname}`, { cookie });
      for (let r = 0; r < ROUNDS; r += 1) {
        const settled = await server.probe('settledRss');
        gc = settled.gc;
        await server.probe('peakStart');
        const z = await download(`${server.url}${new URL(exp.url).pathname}`, { cookie });
        const { peak } = await server.probe('peakStop');
        growth.push((peak - settled.rss) / 1e6);
        zipBytes = z.bytes;
        zipTimes.push(z.ms);
        rawTimes.push((await download(`${bare.url}/files?company=${company.id}&from=${encodeURIComponent(from)}`)).ms);
      }
      console.log(
        `ZIP export of ${Number(n).toLocaleString('en')} scans (${(zipBytes / 1e6).toFixed(1)} MB), ${ROUNDS} interleaved rounds, RSS from a settled baseline${gc ? ' (after GC)' : ' (NO GC: run with --expose-gc)'}`,
      );
      console.log(`  median ${median(zipTimes).toFixed(0)} ms vs files back to back ${median(rawTimes).toFixed(0)} ms`);
      budget(`ZIP export ${target} scans, peak RSS growth`, withSpread(growth, 1), '< 64 MB', median(growth) < 64, ' MB');
      const ratios = zipTimes.map((z, i) => z / rawTimes[i]);
      budget(`ZIP export ${target} scans vs files back to back`, withSpread(ratios), '≤ 1.25', median(ratios) <= 1.25);
      console.log('');
    }
    if (which === 'all' || which === 'export' || which === 'export-s3') await exportOnS3(company.id, headers, cookie, pool);
  } finally {
    agent.destroy();
    load.stop();
    await pool.end();
    await Promise.all([server.stop(), bare.stop()]);
  }
  const missed = results.filter((r) => !r.met);
  console.log(missed.length === 0 ? 'mail benchmarks: every budget met' : `mail benchmarks: ${missed.length} budget(s) not met`);
  if (process.env.BENCH_RESULTS) {
    const fs = await import('node:fs');
    fs.appendFileSync(process.env.BENCH_RESULTS, results.map((r) => JSON.stringify({ group: 'mail', ...r })).join('\n') + '\n');
  }
  process.exitCode = missed.length === 0 ? 0 : 1;
}

/**
 * The ZIP export with the files on S3 (an S3-protocol server, s3rver, on loopback): the scans of the
 * export window copied into a bucket, a second product instance with FILE_STORAGE=s3, the same
 * memory budget. s3rver serves from this (the bench's) process, not from the measured one.
 */
async function exportOnS3(companyId, headers, cookie, pool) {
  const target = Number(process.env.BENCH_EXPORT_ITEMS ?? 10_000);
  const { S3Client, CreateBucketCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
  const S3rver = require('s3rver');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-s3-'));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, vhostBuckets: false });
  const { port } = await s3rver.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  let s3Server;
  try {
    await client.send(new CreateBucketCommand({ Bucket: 'guichet-bench' }));
    const q = mailPageQuery('mysql', companyId, normaliseFilter(null), null, 1);
    const [[edge]] = await pool.query(q.sql.replace(/LIMIT \d+/, `LIMIT 1 OFFSET ${target}`), q.params);
    const from = new Date(new Date(edge.received_at).getTime() + 1);
    const [rows] = await pool.query('SELECT file_key FROM mail_items WHERE company_id = ? AND received_at >= ?', [companyId, from]);
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 32) {
      await Promise.all(
        rows.slice(i, i + 32).map((r) =>
          client.send(
            new PutObjectCommand({
              Bucket: 'guichet-bench',
              Key: r.file_key,
              Body: fs.readFileSync(path.join(DATA_DIR, 'files', ...r.file_key.split('/'))),
            }),
          ),
        ),
      );
    }
    console.log(
      `ZIP export on S3: ${rows.length.toLocaleString('en')} scans copied into s3rver in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    s3Server = await forkProduct({
      label: 'the product on S3',
      env: {
        DATABASE_URL: DB_URL,
        DATA_DIR,
        FILE_URL_SECRET: process.env.FILE_URL_SECRET ?? randomBytes(32).toString('base64url'),
        FILE_STORAGE: 's3',
        S3_BUCKET: 'guichet-bench',
        S3_ENDPOINT: endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        S3_CHECKSUMS: 'when_required',
      },
    });
    const made = await request(`${s3Server.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: 'mutation($c: ID!, $f: MailFilter) { createMailExport(companyId: $c, filter: $f) { url itemCount } }',
        variables: { c: companyId, f: { receivedFrom: from.toISOString() } },
      }),
    });
    const exp = JSON.parse(made.body).data.createMailExport;
    const download = () =>
      new Promise((resolve, reject) => {
        let bytes = 0;
        http.get(`${s3Server.url}${new URL(exp.url).pathname}`, { agent, headers: { cookie } }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`ZIP on S3 answered ${res.statusCode}`));
          res.on('data', (c) => (bytes += c.length));
          res.on('end', () => resolve(bytes));
          res.on('error', reject);
        });
      });
    await download();
    const growth = [];
    let bytes = 0;
    for (let r = 0; r < ROUNDS; r += 1) {
      const settled = await s3Server.probe('settledRss');
      await s3Server.probe('peakStart');
      bytes = await download();
      const { peak } = await s3Server.probe('peakStop');
      growth.push((peak - settled.rss) / 1e6);
    }
    console.log(
      `  ${exp.itemCount.toLocaleString('en')} scans, ${(bytes / 1e6).toFixed(1)} MB, ${ROUNDS} rounds, RSS of the product from a settled baseline`,
    );
    budget(`ZIP export ${target} scans on S3, peak RSS growth`, withSpread(growth, 1), '< 64 MB', median(growth) < 64, ' MB');
    console.log('');
  } finally {
    await s3Server?.stop();
    client.destroy();
    await s3rver.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
