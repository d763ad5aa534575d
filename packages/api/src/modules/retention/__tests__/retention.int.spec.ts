import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-database';
import { seedDemoIfEmpty } from '../../../seed/demo-seed';
import { LocalFileStorage } from '../../../storage/local-storage';
import { DEFAULT_RETENTION, purgeExpiredData, RetentionJob } from '../retention';

/**
 * Retention, with the clock moved: rows on both sides of every limit, then a purge "now" and a purge
 * a year ahead. What must be kept (invoices, signature evidence, formalities, the journal's entries,
 * emails still to send, pending requests) stays, whatever the date.
 */

const DAY = 86_400_000;
const NOW = new Date('2027-03-15T10:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('retention: what has served its purpose goes, what must be kept stays', () => {
  let db: TestDatabase;
  let userId: string;
  let companyId: string;
  const ids: Record<string, string> = {};

  const insert = async (table: string, row: Record<string, unknown>): Promise<void> => {
    const columns = Object.keys(row);
    const values = columns.map((c) => (row[c] instanceof Date ? db.date(row[c] as Date) : row[c]));
    await db.ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values);
  };
  const exists = async (table: string, id: string): Promise<boolean> =>
    (await db.ds.query(`SELECT id FROM ${table} WHERE id = ?`, [id])).length === 1;
  const count = async (table: string): Promise<number> => Number((await db.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-retention-'));
    await seedDemoIfEmpty(db.ds, 'demo-guichet-2026', ago(30), { storage: new LocalFileStorage(files) });
    userId = (await db.ds.query("SELECT id FROM users WHERE email = 'bruno.petit@demo-sas.fr'"))[0].id;
    companyId = (await db.ds.query("SELECT id FROM companies WHERE siret = '91234567500017'"))[0].id;

    const session = (key: string, expires: Date) => {
      ids[key] = randomUUID();
      return insert('sessions', {
        id: ids[key],
        token_hash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
        user_id: userId,
        created_at: new Date(expires.getTime() - 2 * DAY),
        expires_at: expires,
        last_seen_at: new Date(expires.getTime() - DAY),
        ip: '203.0.113.7',
        user_agent: 'Mozilla/5.0',
      });
    };
    await session('sessionLive', new Date(NOW.getTime() + DAY));
    await session('sessionExpiredRecently', ago(29));
    await session('sessionExpiredLongAgo', ago(31));

    const reset = (key: string, expires: Date, used: Date | null) => {
      ids[key] = randomUUID();
      return insert('password_resets', {
        id: ids[key],
        user_id: userId,
        token_hash: randomUUID().replace(/-/g, '').padEnd(64, '1'),
        created_at: new Date(expires.getTime() - DAY),
        expires_at: expires,
        used_at: used,
      });
    };
    await reset('resetExpiredLongAgo', ago(8), null);
    await reset('resetUsedLongAgo', ago(20), ago(20.5));
    await reset('resetUsedRecently', new Date(NOW.getTime() + DAY), ago(1));

    const event = (key: string, at: Date) => {
      ids[key] = randomUUID();
      return insert('activity_events', {
        id: ids[key],
        company_id: companyId,
        actor_user_id: userId,
        action: 'LOGIN',
        ip: '198.51.100.4',
        created_at: at,
      });
    };
    await event('eventOld', ago(400));
    await event('eventRecent', ago(30));

    const email = (key: string, status: string, created: Date, sent: Date | null) => {
      ids[key] = randomUUID();
      return insert('outbox_emails', {
        id: ids[key],
        to_address: 'bruno.petit@demo-sas.fr',
        subject: 'Sujet',
        text_body: 'texte',
        html_body: '<p>texte</p>',
        kind: 'test',
        status,
        attempts: status === 'PENDING' ? 0 : 1,
        next_attempt_at: created,
        created_at: created,
        sent_at: sent,
      });
    };
    await email('emailSentLongAgo', 'SENT', ago(100), ago(100));
    await email('emailSentRecently', 'SENT', ago(10), ago(10));
    await email('emailFailedLongAgo', 'FAILED', ago(100), null);
    await email('emailPendingForever', 'PENDING', ago(400), null);

    const deferred = (key: string, status: string, created: Date) => {
      ids[key] = randomUUID();
      return insert('deferred_requests', {
        id: ids[key],
        kind: 'password_reset',
        payload: '{}',
        status,
        attempts: 0,
        next_attempt_at: created,
        created_at: created,
      });
    };
    await deferred('deferredFailedLongAgo', 'FAILED', ago(40));
    await deferred('deferredPendingLongAgo', 'PENDING', ago(40));

    const access = (key: string, status: string, decided: Date | null, created: Date) => {
      ids[key] = randomUUID();
      return insert('access_requests', {
        id: ids[key],
        company_id: companyId,
        email: `${key.toLowerCase()}@example.fr`,
        first_name: 'Jeanne',
        last_name: 'Test',
        status,
        decided_at: decided,
        ip: '192.0.2.10',
        created_at: created,
      });
    };
    await access('accessDecidedLongAgo', 'REJECTED', ago(400), ago(401));
    await access('accessDecidedRecently', 'APPROVED', ago(30), ago(31));
    await access('accessPendingLongAgo', 'PENDING', null, ago(800));
  }, 120_000);

  afterAll(async () => db?.drop());

  it('purges each kind on its side of the limit, and only that', async () => {
    const kept = {
      invoices: await count('invoices'),
      signatureEvents: await count('signature_events'),
      formalities: await count('formalities'),
    };
    const counts = await purgeExpiredData(db.ds, DEFAULT_RETENTION, NOW);
    expect(counts).toEqual({ sessions: 1, resetLinks: 2, journalIps: 1, sentEmails: 2, failedRequests: 1, accessRequests: 1 });

    expect(await exists('sessions', ids.sessionLive as string)).toBe(true);
    expect(await exists('sessions', ids.sessionExpiredRecently as string)).toBe(true);
    expect(await exists('sessions', ids.sessionExpiredLongAgo as string)).toBe(false);
    expect(await exists('password_resets', ids.resetExpiredLongAgo as string)).toBe(false);
    expect(await exists('password_resets', ids.resetUsedLongAgo as string)).toBe(false);
    expect(await exists('password_resets', ids.resetUsedRecently as string)).toBe(true);
    const ipOf = async (id: string) => (await db.ds.query('SELECT ip FROM activity_events WHERE id = ?', [id]))[0]?.ip;
    expect(await ipOf(ids.eventOld as string)).toBeNull();
    expect(await exists('activity_events', ids.eventOld as string)).toBe(true);
    expect(await ipOf(ids.eventRecent as string)).toBe('198.51.100.4');
    expect(await exists('outbox_emails', ids.emailSentLongAgo as string)).toBe(false);
    expect(await exists('outbox_emails', ids.emailFailedLongAgo as string)).toBe(false);
    expect(await exists('outbox_emails', ids.emailSentRecently as string)).toBe(true);
    expect(await exists('outbox_emails', ids.emailPendingForever as string)).toBe(true);
    expect(await exists('deferred_requests', ids.deferredFailedLongAgo as string)).toBe(false);
    expect(await exists('deferred_requests', ids.deferredPendingLongAgo as string)).toBe(true);
    expect(await exists('access_requests', ids.accessDecidedLongAgo as string)).toBe(false);
    expect(await exists('access_requests', ids.accessDecidedRecently as string)).toBe(true);
    expect(await exists('access_requests', ids.accessPendingLongAgo as string)).toBe(true);

    expect({
      invoices: await count('invoices'),
      signatureEvents: await count('signature_events'),
      formalities: await count('formalities'),
    }).toEqual(kept);
    // Idempotent: a second run (another worker, the same day) finds nothing more.
    expect(Object.values(await purgeExpiredData(db.ds, DEFAULT_RETENTION, NOW)).every((n) => n === 0)).toBe(true);
  });

  it('a worker run with the clock a year ahead: journal entries and invoices stay, their IPs and the old sessions go', async () => {
    const events = await count('activity_events');
    const invoices = await count('invoices');
    const signatureEvents = await count('signature_events');
    expect(invoices).toBeGreaterThan(0);
    const logged: string[] = [];
    const job = new RetentionJob(db.ds, DEFAULT_RETENTION, (m) => logged.push(m));
    const yearAhead = new Date(NOW.getTime() + 366 * DAY);
    const first = await job.runIfDue(yearAhead);
    expect(first?.sessions).toBeGreaterThan(0);
    expect(logged.join('\n')).toMatch(/^retention: sessions \d+/);
    // Once a day per process.
    expect(await job.runIfDue(new Date(yearAhead.getTime() + 60_000))).toBeNull();

    expect(await count('activity_events')).toBe(events);
    expect(await count('invoices')).toBe(invoices);
    expect(await count('signature_events')).toBe(signatureEvents);
    const withIp = await db.ds.query('SELECT COUNT(*) AS n FROM activity_events WHERE ip IS NOT NULL AND created_at < ?', [
      db.date(new Date(yearAhead.getTime() - 366 * DAY)),
    ]);
    expect(Number(withIp[0].n)).toBe(0);
    expect(await exists('sessions', ids.sessionLive as string)).toBe(false);
    expect(await exists('outbox_emails', ids.emailPendingForever as string)).toBe(true);
    expect(await exists('access_requests', ids.accessPendingLongAgo as string)).toBe(true);
  });
});
