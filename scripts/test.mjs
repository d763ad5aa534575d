// `pnpm test`: every test of the product, with one closing line counting them all.
//   shared unit tests → API integration tests (MariaDB/MySQL when reachable, then SQLite too)
//   → web component tests → build → browser tests in Chromium.
// The limits' counters live in Redis when one answers (TEST_REDIS_URL, default 127.0.0.1:6379), else in memory.
// REQUIRE_MYSQL=1, REQUIRE_REDIS=1 and REQUIRE_BROWSER=1 (set by CI) turn a missing server or browser into a failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'node:net';
import { buildWhatIsMissing, run } from './lib.mjs';

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-test-report-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

async function jest(label, filter, script, env = {}) {
  console.log(`\n━━━ ${label} ━━━`);
  const report = path.join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  const code = await run('pnpm', ['--filter', filter, script, '--ci', '--json', `--outputFile=${report}`], { env });
  let counted = false;
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    counted = true;
    if (r.numTotalTests === 0) failures.push(`${label}: no test ran`);
  }
  if (code !== 0 || !counted) failures.push(`${label} (exit ${code})`);
}

function mysqlAnswers() {
  if (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL) return Promise.resolve(true);
  return listening('127.0.0.1', 3306);
}

/** Redis for the limits' counters: TEST_REDIS_URL, else 127.0.0.1:6379 (the API tests then say which they use). */
function redisTarget() {
  const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  return { host: url.hostname, port: Number(url.port || 6379) };
}

function listening(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(1500);
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
  });
}

await jest('shared unit tests', '@guichet/shared', 'test');
const redis = redisTarget();
if (process.env.TEST_REDIS !== 'memory' && (await listening(redis.host, redis.port))) {
  console.log(`\nLimits' counters: Redis at ${redis.host}:${redis.port}`);
} else {
  console.log(`\nLimits' counters: in memory (no Redis at ${redis.host}:${redis.port}, or TEST_REDIS=memory)`);
  if (process.env.REQUIRE_REDIS === '1') failures.push(`REQUIRE_REDIS=1 but no Redis answers on ${redis.host}:${redis.port}`);
}
if (await mysqlAnswers()) {
  await jest('API integration tests on MariaDB/MySQL', '@guichet/api', 'test');
  await jest('API integration tests on SQLite', '@guichet/api', 'test', { TEST_DB: 'sqlite' });
} else {
  if (process.env.REQUIRE_MYSQL === '1') failures.push('REQUIRE_MYSQL=1 but no MySQL/MariaDB answers on 127.0.0.1:3306');
  await jest('API integration tests on SQLite', '@guichet/api', 'test');
}
await jest('web component tests', '@guichet/web', 'test');

console.log('\n━━━ build for the browser tests ━━━');
if (await buildWhatIsMissing()) {
  await jest('browser tests (Chromium)', '@guichet/web', 'test:e2e');
} else {
  failures.push('build');
}

console.log('\n━━━ summary ━━━');
for (const f of failures) console.log(`✗ ${f}`);
console.log(`all: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
