/**
 * The baselines, in their own process: a bare node:http + mysql2 handler that does the same work as
 * the product for the mail list (the session lookup, the same SQL through the product's own query
 * builders, the same JSON bytes — the bench checks the hash before timing), with the same pool size;
 * a bare "hello" for `{ __typename }`; and the scans of an export sent back to back.
 *
 *   BENCH_DATABASE_URL=mysql://… BENCH_FILES_DIR=… BENCH_POOL_SIZE=10 node bare-server.mjs
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';

const require = createRequire(import.meta.url);
const dist = (p) => require(path.join(import.meta.dirname, '..', '..', 'dist', p));
const { mailPageQuery, normaliseFilter, mailCursor, toMailItemRow, MAIL_ITEM_COLUMNS } = dist('modules/mail/mail.queries.js');
const mysql = require('mysql2/promise');

const pool = mysql.createPool({
  uri: process.env.BENCH_DATABASE_URL,
  connectionLimit: Number(process.env.BENCH_POOL_SIZE ?? 10),
  timezone: 'Z',
});
const filesDir = process.env.BENCH_FILES_DIR;

const sessionSql = `SELECT s.id AS session_id, s.expires_at, s.last_seen_at, u.id AS user_id, u.email, u.is_staff, u.disabled,
    m.id AS membership_id, m.company_id, m.scopes
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN memberships m ON m.user_id = u.id AND m.status = 'ACTIVE'
   WHERE s.token_hash = ?`;

async function mailList(req, res) {
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
  const q = mailPageQuery('mysql', variables.id, normaliseFilter(null), null, variables.first + 1);
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
  // Apollo Server ends its JSON with a newline: the same bytes here.
  const body = `${JSON.stringify({
    data: {
      company: { mailItems: { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > variables.first } } },
    },
  })}\n`;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function filesBackToBack(url, res) {
  const [files] = await pool.query(
    `SELECT ${MAIL_ITEM_COLUMNS} FROM mail_items mi WHERE mi.company_id = ? AND mi.received_at >= ? ORDER BY mi.received_at DESC, mi.id DESC`,
    [url.searchParams.get('company'), new Date(url.searchParams.get('from'))],
  );
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.setMaxListeners(0);
  for (const f of files) await pipeline(fs.createReadStream(path.join(filesDir, ...f.file_key.split('/'))), res, { end: false });
  res.end();
}

const HELLO = `${JSON.stringify({ data: { __typename: 'Query' } })}\n`;

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/hello') {
      for await (const _ of req);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(HELLO) });
      res.end(HELLO);
    } else if (url.pathname === '/files') await filesBackToBack(url, res);
    else await mailList(req, res);
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => console.log(`bare baseline listening at http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
