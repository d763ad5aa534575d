import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';

/**
 * Chooses the database the integration tests run on, once for the whole run:
 * TEST_DATABASE_URL, else DATABASE_URL, else MariaDB/MySQL on 127.0.0.1:3306 when it answers,
 * else SQLite; TEST_DB=sqlite forces SQLite. With REQUIRE_MYSQL=1 (CI) a missing server fails the run instead.
 * Each test file then creates (and drops) a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  await chooseRedis();
  if (process.env.TEST_DB === 'sqlite') {
    process.env.GUICHET_TEST_DB = 'sqlite';
    console.log('\n[api tests] database: SQLite (TEST_DB=sqlite)\n');
    return;
  }
  const explicit = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let url: string | null = explicit ?? null;
  if (!url) {
    const probe = 'mysql://root@127.0.0.1:3306/test';
    try {
      const conn = await createConnection({ uri: probe, connectTimeout: 2000 });
      await conn.end();
      url = probe;
    } catch {
      url = null;
    }
  }
  if (url) {
    const conn = await createConnection({ uri: url.replace(/^mariadb:/, 'mysql:'), connectTimeout: 5000 });
    const [rows] = await conn.query('SELECT VERSION() AS v');
    await conn.end();
    const version = (rows as { v: string }[])[0]?.v ?? '?';
    process.env.GUICHET_TEST_DB = url;
    console.log(`\n[api tests] database: MySQL/MariaDB ${version} at ${url.replace(/\/\/[^@]*@/, '//…@')} (one database per test file)\n`);
  } else {
    if (process.env.REQUIRE_MYSQL === '1') {
      throw new Error('REQUIRE_MYSQL=1 but no MySQL/MariaDB answers: set TEST_DATABASE_URL or start MariaDB on 127.0.0.1:3306.');
    }
    process.env.GUICHET_TEST_DB = 'sqlite';
    console.log('\n[api tests] database: SQLite (no MySQL/MariaDB reachable; set TEST_DATABASE_URL to use one)\n');
  }
}

/**
 * Where the tests keep the limits' counters: Redis at TEST_REDIS_URL (default redis://127.0.0.1:6379)
 * when it answers, else each test app's memory; TEST_REDIS=memory forces memory. With REQUIRE_REDIS=1
 * (CI) a Redis that does not answer fails the run. Each test app uses a key prefix of its own.
 */
async function chooseRedis(): Promise<void> {
  if (process.env.TEST_REDIS === 'memory') {
    process.env.GUICHET_TEST_REDIS = '';
    console.log('\n[api tests] counters: in memory (TEST_REDIS=memory)');
    return;
  }
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  let version: string | null = null;
  try {
    await client.connect();
    const info = await client.info('server');
    version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  } catch {
    version = null;
  } finally {
    client.disconnect();
  }
  if (version) {
    process.env.GUICHET_TEST_REDIS = url;
    console.log(`\n[api tests] counters: Redis ${version} at ${url.replace(/\/\/[^@]*@/, '//…@')}`);
    return;
  }
  if (process.env.REQUIRE_REDIS === '1') {
    throw new Error(`REQUIRE_REDIS=1 but no Redis answers at ${url}: start redis-server or set TEST_REDIS_URL.`);
  }
  process.env.GUICHET_TEST_REDIS = '';
  console.log(`\n[api tests] counters: in memory (no Redis answers at ${url}; set TEST_REDIS_URL to use one)`);
}
