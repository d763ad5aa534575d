// Lighthouse budget (pnpm bench): the built product (`node packages/api/dist/main.js`, production
// settings, its own SQLite database with the demo data) audited by the `lighthouse` package with
// Debian's Chromium, on the login, mail and team pages (the last two signed in through a real
// session), desktop and mobile, median of BENCH_LIGHTHOUSE_RUNS runs (default 3).
//   performance ≥ 95 desktop, ≥ 90 mobile; accessibility 100; CLS ≤ 0.05
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3));
const results = [];

if (!fs.existsSync(CHROMIUM)) {
  console.log(`Lighthouse: NOT RUN — no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
  process.exit(1);
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function startProduct() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-lighthouse-'));
  // The embedded default (SQLite): no DATABASE_URL, whatever the calling shell has.
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(root, 'packages/api/dist/main.js')], {
    env: {
      ...inherited,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      FILE_URL_SECRET: randomBytes(32).toString('base64url'),
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /Guichet is running at (http:\/\/\S+)/.exec(line);
      if (m) resolve({ url: m[1].replace('//localhost:', '//127.0.0.1:'), stop: () => child.kill('SIGTERM'), dataDir });
    });
    child.once('exit', (code) => reject(new Error(`the product exited (${code}) before it was ready`)));
  });
}

async function signIn(base) {
  const gql = (query, variables, cookie) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  const login = await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }', {
    e: 'bruno.petit@demo-sas.fr',
    p: process.env.DEMO_PASSWORD ?? 'demo-guichet-2026',
  });
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0];
  const me = await (await gql('{ me { memberships { company { id name } } } }', {}, cookie)).json();
  const company = me.data?.me?.memberships?.[0]?.company;
  if (!cookie || !company) throw new Error(`sign-in failed: ${JSON.stringify(me).slice(0, 300)}`);
  return { cookie, company };
}

function budget(name, value, limit, met) {
  results.push({ name, value, limit, met });
  console.log(`  → ${name}: ${value} (budget ${limit})${met ? '' : '  NOT MET'}`);
}

const product = await startProduct();
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const { cookie, company } = await signIn(product.url);
  const pages = [
    { name: 'login', url: `${product.url}/login`, headers: {} },
    { name: 'mail', url: `${product.url}/c/${company.id}/mail`, headers: { Cookie: cookie } },
    { name: 'team', url: `${product.url}/c/${company.id}/team`, headers: { Cookie: cookie } },
  ];
  console.log(`Lighthouse 12 on ${pages.length} pages, desktop and mobile, median of ${RUNS} runs (Chromium ${CHROMIUM})`);
  for (const formFactor of ['desktop', 'mobile']) {
    for (const page of pages) {
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) {
        const flags = {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          extraHeaders: page.headers,
        };
        const result = await lighthouse(page.url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.message}`);
        if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(page.url).pathname)
          throw new Error(`${page.name}: ended on ${lhr.finalDisplayedUrl} instead of ${page.url} (not signed in?)`);
        runs.push({
          performance: Math.round(lhr.categories.performance.score * 100),
          accessibility: Math.round(lhr.categories.accessibility.score * 100),
          cls: lhr.audits['cumulative-layout-shift'].numericValue,
          tbt: lhr.audits['total-blocking-time'].numericValue,
          lcp: lhr.audits['largest-contentful-paint'].numericValue,
          failing: Object.values(lhr.audits)
            .filter(
              (a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0),
            )
            .map((a) => a.id),
        });
      }
      const perf = median(runs.map((r) => r.performance));
      const a11y = median(runs.map((r) => r.accessibility));
      const cls = median(runs.map((r) => r.cls));
      console.log(
        `  ${formFactor.padEnd(7)} ${page.name.padEnd(6)} performance ${perf} (runs ${runs.map((r) => r.performance).join(', ')}), accessibility ${a11y}, CLS ${cls.toFixed(3)}, TBT ${median(runs.map((r) => r.tbt)).toFixed(0)} ms, LCP ${median(runs.map((r) => r.lcp)).toFixed(0)} ms${runs[0].failing.length ? `; accessibility audits failing: ${runs[0].failing.join(', ')}` : ''}`,
      );
      const perfBudget = formFactor === 'desktop' ? 95 : 90;
      budget(`Lighthouse ${formFactor} ${page.name} performance`, String(perf), `≥ ${perfBudget}`, perf >= perfBudget);
      budget(`Lighthouse ${formFactor} ${page.name} accessibility`, String(a11y), '100', a11y === 100);
      budget(`Lighthouse ${formFactor} ${page.name} CLS`, cls.toFixed(3), '≤ 0.05', cls <= 0.05);
    }
  }
} finally {
  await chrome.kill();
  product.stop();
}
const missed = results.filter((r) => !r.met);
console.log(missed.length === 0 ? 'Lighthouse: every budget met' : `Lighthouse: ${missed.length} budget(s) not met`);
if (process.env.BENCH_RESULTS)
  fs.appendFileSync(process.env.BENCH_RESULTS, results.map((r) => JSON.stringify({ group: 'lighthouse', ...r })).join('\n') + '\n');
process.exit(missed.length === 0 ? 0 : 1);
