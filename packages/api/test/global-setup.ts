import { createConnection } from 'mysql2/promise';

/**
 * Chooses the database the integration tests run on, once for the whole run:
 * TEST_DATABASE_URL, else DATABASE_URL, else MariaDB/MySQL on 127.0.0.1:3306 when it answers,
 * else SQLite; TEST_DB=sqlite forces SQLite. With REQUIRE_MYSQL=1 (CI) a missing server fails the run instead.
 * Each test file then creates (and drops) a database of its own.
 */
export default async function globalSetup(): Promise<void> {
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
