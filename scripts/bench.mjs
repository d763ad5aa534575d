// `pnpm bench`: the budgets of the product, each printed as a ratio against a baseline measured
// side by side in this run (never as absolute times, which move 40% between runs here).
//   1. the SPA bundle against the framework floor (packages/web/bench/bundle-size.mjs);
//   2. the mail list, deep pages and the ZIP export against bare baselines
//      (packages/api/bench/mail-list.bench.mjs), on MySQL/MariaDB with BENCH_MAIL_COUNT items;
//   2b. the invoices list at BENCH_INVOICE_COUNT invoices (default 100 000), a deep page against the
//      first, and BENCH_FACTURX_COUNT Factur-X documents (default 1 000): time per invoice, peak RSS
//      (packages/api/bench/invoices.bench.mjs);
//   3. the answers of requestPasswordReset and requestAccess, existing account / client SIRET against
//      unknown ones (packages/api/bench/uniform-answers.bench.mjs), on the same database.
//   1b. Lighthouse on the login, mail and team pages, desktop and mobile (packages/web/bench/lighthouse.mjs);
//   2c. the scale-out line (1 then 2 API instances behind a round-robin proxy) and a soak of
//      BENCH_SOAK_MINUTES (default 10) of mixed traffic (packages/api/bench/scale.bench.mjs);
//   4. the cross-tenant property test (packages/api/test/cross-tenant.fuzz.int.spec.ts) with
//      BENCH_FUZZ_CASES seeded cases (default 20 000) on SQLite, when no BENCH_ONLY is set.
// The bench database is created and filled on the first run, then reused.
// Environment: BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/guichet_bench),
// BENCH_DATA_DIR (default ./data/bench), BENCH_MAIL_COUNT (default 1000000), BENCH_ONLY=web|api|answers|scale
// (answers: only 3, without filling the mail; scale: only 2c). Every budget line ends in the table
// printed last, which says "NOT MET" plainly.
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { buildWhatIsMissing, root, run } from './lib.mjs';

const require = createRequire(path.join(root, 'packages/api/package.json'));
const only = process.env.BENCH_ONLY;
const dbUrl = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/guichet_bench';
const dataDir = path.resolve(process.env.BENCH_DATA_DIR ?? path.join(root, 'data', 'bench'));
const count = Number(process.env.BENCH_MAIL_COUNT ?? 1_000_000);
const DEMO_SIRET = '91234567500017';
let failed = false;
// Each bench appends its budget lines here (JSON lines); the table at the end reads them.
const resultsFile = path.join(os.tmpdir(), `guichet-bench-${process.pid}.jsonl`);
fs.writeFileSync(resultsFile, '');
process.env.BENCH_RESULTS = resultsFile;

if (!(await buildWhatIsMissing())) process.exit(1);

if (!only || only === 'web') {
  console.log('\n━━━ SPA bundle ━━━');
  if ((await run(process.execPath, ['packages/web/bench/bundle-size.mjs'])) !== 0) failed = true;
  console.log('\n━━━ Lighthouse ━━━');
  if ((await run(process.execPath, ['packages/web/bench/lighthouse.mjs'])) !== 0) failed = true;
}

if (only !== 'web') {
  if (only !== 'answers' && only !== 'scale') console.log('\n━━━ mail list, deep pages, ZIP export ━━━');
  const mysql = require('mysql2/promise');
  const url = new URL(dbUrl);
  const database = url.pathname.replace(/^\//, '');
  const server = new URL(dbUrl);
  server.pathname = '/';
  const admin = await mysql.createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  // Migrations and the demo data (Bruno, Demo SAS), through the API's own code.
  require('reflect-metadata');
  const dist = (p) => require(path.join(root, 'packages/api/dist', p));
  const { openDatabase } = dist('db/data-source.js');
  const { seedDemoIfEmpty } = dist('seed/demo-seed.js');
  const { LocalFileStorage } = dist('storage/local-storage.js');
  const ds = await openDatabase({ url: dbUrl, dataDir });
  await seedDemoIfEmpty(ds, 'demo-guichet-2026', new Date(), { storage: new LocalFileStorage(path.join(dataDir, 'files')) });
  const [row] = await ds.query('SELECT COUNT(*) AS n FROM mail_items mi JOIN companies c ON c.id = mi.company_id WHERE c.siret = ?', [
    DEMO_SIRET,
  ]);
  await ds.destroy();
  const have = Number(row?.n ?? 0);
  // Production settings, so the file-link key production requires (one for the whole run).
  const env = {
    DATABASE_URL: dbUrl,
    DATA_DIR: dataDir,
    BENCH_DATABASE_URL: dbUrl,
    BENCH_DATA_DIR: dataDir,
    NODE_ENV: 'production',
    FILE_URL_SECRET: randomBytes(32).toString('base64url'),
  };
  if (have < count && only !== 'answers') {
    console.log(`Filling the bench database: ${count - have} mail items for Demo SAS (a million takes a few minutes)…`);
    const code = await run(
      process.execPath,
      ['packages/api/dist/seed/bulk-mail.js', '--company', DEMO_SIRET, '--count', String(count - have)],
      { env },
    );
    if (code !== 0) process.exit(code);
  }
  const mailOnly = only !== 'answers' && only !== 'scale';
  if (mailOnly && (await run(process.execPath, ['packages/api/bench/mail-list.bench.mjs', 'all'], { env })) !== 0) failed = true;
  if (only !== 'answers') {
    console.log('\n━━━ scale-out and soak ━━━');
    if ((await run(process.execPath, ['packages/api/bench/scale.bench.mjs', 'all'], { env })) !== 0) failed = true;
  }
  if (mailOnly) {
    console.log('\n━━━ invoices list (deep page), Factur-X generation ━━━');
    if ((await run(process.execPath, ['packages/api/bench/invoices.bench.mjs', 'all'], { env })) !== 0) failed = true;
  }

  if (only !== 'scale') {
    console.log('\n━━━ answers that do not depend on the account or the SIRET ━━━');
    if ((await run(process.execPath, ['packages/api/bench/uniform-answers.bench.mjs'], { env })) !== 0) failed = true;
  }
}

if (!only) {
  const cases = process.env.BENCH_FUZZ_CASES ?? '20000';
  console.log(`\n━━━ cross-tenant property: ${cases} cases ━━━`);
  const code = await run('pnpm', ['--filter', '@guichet/api', 'exec', 'jest', '--runInBand', 'test/cross-tenant.fuzz.int.spec.ts'], {
    env: { FUZZ_CASES: cases, TEST_DB: 'sqlite' },
  });
  if (code !== 0) failed = true;
}

const lines = fs
  .readFileSync(resultsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
fs.rmSync(resultsFile, { force: true });
if (lines.length > 0) {
  const width = Math.max(...lines.map((l) => l.name.length));
  console.log(
    `\n━━━ budgets (${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} load average, ${os.cpus().length} cores) ━━━`,
  );
  for (const l of lines)
    console.log(`  ${l.met ? 'met    ' : 'NOT MET'}  ${l.name.padEnd(width)}  ${String(l.value).padEnd(24)} budget ${l.limit}`);
  console.log('  (the other benches above print their own budgets)');
}
process.exit(failed ? 1 : 0);
