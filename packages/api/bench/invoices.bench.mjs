/**
 * Invoice benchmarks (DESIGN §7): the invoices list through the full stack at BENCH_INVOICE_COUNT
 * invoices in one company, a deep page against the first (a ratio, side by side, interleaved); and
 * the Factur-X generator: BENCH_FACTURX_COUNT documents, time per invoice and peak RSS.
 * Needs the built API (`pnpm --filter @guichet/api build`) and, for the list, a MySQL/MariaDB
 * database with the demo data (scripts/bench.mjs prepares it); the invoices are added on the first run.
 *
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/guichet_bench BENCH_DATA_DIR=./data/bench \
 *     node packages/api/bench/invoices.bench.mjs [list|facturx|all]
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const dist = (p) => require(path.join(import.meta.dirname, '..', 'dist', p));
const { loadEnv } = dist('config/env.js');
const { defaultSeller } = dist('config/seller.js');
const { openDatabase } = dist('db/data-source.js');
const { startServer } = dist('server.js');
const { generateFacturX } = dist('modules/invoices/facturx/index.js');
const { invoiceCursor, invoicePageQuery, normaliseFilter, toInvoiceRow } = dist('modules/invoices/invoices.queries.js');
const mysql = require('mysql2/promise');

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/guichet_bench';
const DATA_DIR = process.env.BENCH_DATA_DIR ?? './data/bench';
const SIRET = process.env.BENCH_SIRET ?? '91234567500017';
const EMAIL = 'chloe.durand@demo-sas.fr';
const COUNT = Number(process.env.BENCH_INVOICE_COUNT ?? 100_000);
const DOCUMENTS = Number(process.env.BENCH_FACTURX_COUNT ?? 1_000);
const which = process.argv[2] ?? 'all';
/** The bench's own series: its rows never collide with real numbers. */
const SERIES = 'BENCH';

const LIST = `query($id: ID!, $first: Int!, $after: String) { company(id: $id) { invoices(first: $first, after: $after) {
  edges { cursor node { id number kind issueDate dueDate label netCents vatCents grossCents status overdue remainingCents } }
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
    if (body) req.end(body);
    else req.end();
  });
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Adds invoices to the company until it has COUNT of the bench series: plain rows, no files (lists never read them). */
async function fill(pool, companyId) {
  const [[{ n }]] = await pool.query('SELECT COUNT(*) AS n FROM invoices WHERE company_id = ? AND series = ?', [companyId, SERIES]);
  const have = Number(n);
  if (have >= COUNT) return;
  console.log(`Filling: ${(COUNT - have).toLocaleString('en')} invoices for the bench company…`);
  const buyer = JSON.stringify({
    legalName: 'Demo SAS',
    siren: SIRET.slice(0, 9),
    siret: SIRET,
    vatNumber: null,
    address: { line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
  });
  const breakdown = JSON.stringify([{ rate: '20', categoryCode: 'S', basisCents: 4900, vatCents: 980 }]);
  const start = Date.UTC(2016, 0, 1);
  const span = Date.now() - start;
  for (let i = have; i < COUNT; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(COUNT, i + 1000); j += 1) {
      const issuedAt = new Date(start + Math.floor((span * j) / COUNT));
      const day = issuedAt.toISOString().slice(0, 10);
      const status = j % 50 === 0 ? 'DUE' : j % 97 === 0 ? 'PARTIALLY_PAID' : 'PAID';
      const number = `${SERIES}-${String(j + 1).padStart(7, '0')}`;
      const id = `b0000000-0000-7000-8000-${String(j).padStart(12, '0')}`;
      rows.push([
        id,
        companyId,
        'INVOICE',
        SERIES,
        j + 1,
        number,
        issuedAt,
        day,
        day,
        day,
        day,
        `Domiciliation ${j}`,
        buyer,
        'Demo SAS',
        4900,
        980,
        5880,
        breakdown,
        status,
        status === 'PAID' ? 5880 : 0,
        0,
        status === 'PAID' ? day : null,
        `bench/${id}.pdf`,
        1,
        '0'.repeat(64),
        `bench/${id}.xml`,
        1,
        '0'.repeat(64),
        `${number.toLowerCase()} domiciliation ${j}`,
        issuedAt,
      ]);
    }
    await pool.query(
      `INSERT INTO invoices (id, company_id, kind, series, sequence_number, number, issued_at, issue_date, due_date, period_start, period_end,
         label, buyer_json, buyer_name, net_cents, vat_cents, gross_cents, vat_breakdown_json, status, paid_cents, credited_cents, paid_date,
         pdf_key, pdf_size, pdf_sha256, xml_key, xml_size, xml_sha256, search_text, created_at) VALUES ?`,
      [rows],
    );
  }
}

async function listBench() {
  const env = loadEnv({
    NODE_ENV: 'production',
    FILE_URL_SECRET: randomBytes(32).toString('base64url'),
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: DB_URL,
    DATA_DIR,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
  });
  const pool = mysql.createPool({ uri: DB_URL, connectionLimit: 4, timezone: 'Z' });
  const ds = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir });
  const server = await startServer(env, { ds, worker: false, log: () => undefined });
  try {
    const [[company]] = await pool.query('SELECT id FROM companies WHERE siret = ?', [SIRET]);
    if (!company) throw new Error(`no company with SIRET ${SIRET}: run scripts/bench.mjs once to seed the bench database`);
    await fill(pool, company.id);
    const [[{ n: total }]] = await pool.query('SELECT COUNT(*) AS n FROM invoices WHERE company_id = ?', [company.id]);
    console.log(`company ${company.id}: ${Number(total).toLocaleString('en')} invoices\n`);
    const login = await request(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }',
        variables: { e: EMAIL, p: process.env.DEMO_PASSWORD ?? 'demo-guichet-2026' },
      }),
    });
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const gql = (variables) =>
      request(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: LIST, variables }),
      });
    const depth = Math.floor(Number(total) / 2);
    const q = invoicePageQuery('mysql', company.id, normaliseFilter(null), new Date().toISOString().slice(0, 10), null, 1);
    const [[row]] = await pool.query(q.sql.replace(/LIMIT \d+/, `LIMIT 1 OFFSET ${depth - 1}`), q.params);
    const after = invoiceCursor(toInvoiceRow(row));
    const first = [];
    const deep = [];
    for (let i = 0; i < 40; i += 1) {
      let t = process.hrtime.bigint();
      const a = await gql({ id: company.id, first: 50 });
      first.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      const b = await gql({ id: company.id, first: 50, after });
      deep.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (i === 0) {
        for (const r of [a, b]) {
          const edges = JSON.parse(r.body).data?.company?.invoices?.edges;
          if (edges?.length !== 50) throw new Error(`page is short: ${r.body.toString().slice(0, 300)}`);
        }
      }
    }
    console.log(`invoices: page ${depth.toLocaleString('en')} deep vs first page, 50 per page (full stack, 40 interleaved pairs)`);
    console.log(
      `  median first ${median(first).toFixed(2)} ms, deep ${median(deep).toFixed(2)} ms, ratio ${(median(deep) / median(first)).toFixed(2)} (budget ≤ 1.5)\n`,
    );
    return median(deep) / median(first) <= 1.5;
  } finally {
    await server.close();
    await ds.destroy();
    await pool.end();
  }
}

async function facturxBench() {
  const seller = defaultSeller();
  const input = (i) => ({
    kind: 'INVOICE',
    number: `F2026-${String(i + 1).padStart(6, '0')}`,
    issueDate: '2026-03-01',
    dueDate: '2026-03-31',
    servicePeriod: { start: '2026-03-01', end: '2026-03-31' },
    seller,
    buyer: {
      legalName: `Client ${i} SAS`,
      siren: '912345675',
      siret: '91234567500017',
      vatNumber: 'FR65912345675',
      address: { line1: `${i} rue de la Paix`, postalCode: '75002', city: 'Paris', country: 'FR' },
    },
    lines: [
      { label: 'Domiciliation commerciale — mars 2026', quantity: '1', unitPriceCents: 4900, vatRate: '20' },
      { label: 'Réexpédition hebdomadaire', quantity: String(1 + (i % 4)), unitPriceCents: 650, vatRate: '20' },
      {
        label: 'Affranchissement (débours)',
        quantity: '1',
        unitPriceCents: 290 + i,
        vatRate: '0',
        exemptionReason: 'Débours, article 267-II-2° du CGI',
      },
    ],
  });
  // Warm-up: fonts read, code compiled.
  await generateFacturX(input(0));
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const times = [];
  let bytes = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < DOCUMENTS; i += 1) {
    const t = process.hrtime.bigint();
    const doc = await generateFacturX(input(i));
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    bytes += doc.pdf.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const total = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(sampler);
  console.log(`Factur-X: ${DOCUMENTS.toLocaleString('en')} invoices (PDF/A-3 + CII XML, 3 lines, 2 VAT rates), one after the other`);
  console.log(
    `  ${(total / DOCUMENTS).toFixed(1)} ms per invoice (median ${median(times).toFixed(1)} ms), ${(bytes / DOCUMENTS / 1024).toFixed(0)} kB per PDF`,
  );
  console.log(`  peak RSS ${(peak / 1e6).toFixed(0)} MB (growth ${((peak - before) / 1e6).toFixed(0)} MB over the run)\n`);
  return true;
}

let ok = true;
if (which === 'all' || which === 'list') ok = (await listBench()) && ok;
if (which === 'all' || which === 'facturx') ok = (await facturxBench()) && ok;
agent.destroy();
process.exit(ok ? 0 : 1);
