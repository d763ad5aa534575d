import { randomBytes } from 'node:crypto';
import { messageIdFor } from '../src/modules/mailer/message-id';
import { queueTestEmails } from './outbox-load';
import { buildIfStale, spawnServer, type Spawned } from './built-server';
import { describeFault, startSmtpPeer, until, type ReceivedMessage, type SmtpPeer } from './fault-support';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * A worker killed with SIGKILL while an email is in its hands: two built worker processes share the
 * outbox of one MariaDB database and send to an SMTP peer on loopback, which answers each message
 * after a short delay. When the peer has received some, it catches worker-1 with a message
 * transmitted and not yet accepted, and the test kills worker-1 right then and starts a new worker in
 * its place, as a supervisor would. worker-2 and the new one send the rest, and, once their lease has
 * run out, the emails worker-1 had claimed. Delivery is at least once: the message in worker-1's
 * hands may arrive twice, with the same Message-ID, and nothing else does.
 * (The same two workers stopping normally send nothing twice: several-instances.int.spec.ts.)
 */

const describeOnMariadb = describeFault('worker killed mid-send');

const COUNT = 200;
const MAIL_FROM = 'Guichet <no-reply@guichet.test>';
/** The lease of a claimed email (OUTBOX_LEASE_SECONDS): short, so that the test sees it run out. */
const LEASE_SECONDS = 4;
/** How long the peer takes to accept each message. */
const ACCEPT_DELAY_MS = 15;
/** The kill comes once the peer has received this many messages. */
const KILL_AFTER = 30;

describeOnMariadb('a worker killed mid-send', () => {
  let db: TestDatabase;
  let smtp: SmtpPeer;
  const workers: Spawned[] = [];
  let kill: ((message: ReceivedMessage) => Promise<void>) | undefined;

  beforeAll(async () => {
    buildIfStale();
    db = await createTestDatabase();
    smtp = await startSmtpPeer(async (message) => {
      if (kill) await kill(message);
      await new Promise((resolve) => setTimeout(resolve, ACCEPT_DELAY_MS));
    });
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await smtp?.close();
    await db?.drop();
  });

  it('every email is sent; the one in the killed worker’s hands may arrive twice, nothing else does', async () => {
    const ids = await queueTestEmails(db.ds, COUNT, 'killed');
    const idOf = new Map(ids.map((id) => [messageIdFor(id, MAIL_FROM), id]));
    const ours = (): ReceivedMessage[] => smtp.received.filter((r) => idOf.has(r.messageId));

    // The kill: the first message worker-1 has transmitted once the peer holds KILL_AFTER of ours.
    let killedAt = 0;
    const inHand: string[] = [];
    const killed = new Promise<void>((resolve) => {
      kill = async (message) => {
        if (killedAt || message.sender !== 'worker-1' || ours().length < KILL_AFTER) return;
        const victim = workers[0] as Spawned;
        killedAt = Date.now();
        inHand.push(message.messageId);
        victim.child.kill('SIGKILL');
        await victim.exited;
        resolve();
      };
    });

    const secret = randomBytes(32).toString('base64url');
    const env = (name: string): Record<string, string> => ({
      NODE_ENV: 'production',
      PROCESS_ROLE: 'worker',
      FILE_URL_SECRET: secret,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.url ?? '',
      SEED_DEMO: 'false',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}/?name=${name}`,
      MAIL_FROM,
      OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    workers.push(...(await Promise.all([spawnServer(env('worker-1')), spawnServer(env('worker-2'))])));
    const [worker1, worker2] = workers as [Spawned, Spawned];

    await until('worker-1 to be killed with a message in hand', async () => (killedAt ? true : undefined), 60_000);
    await killed;
    expect(await worker1.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Its replacement starts while the test looks at what worker-1 left.
    const restarting = spawnServer(env('worker-3'));

    // At the kill: what worker-1 had transmitted and not seen marked sent, and what it held claimed.
    const statusAtKill = new Map(
      ((await db.ds.query('SELECT id, status FROM outbox_emails')) as { id: string; status: string }[]).map((r) => [r.id, r.status]),
    );
    const fromWorker1 = ours().filter((r) => r.sender === 'worker-1');
    const inFlight = fromWorker1.filter((r) => statusAtKill.get(idOf.get(r.messageId) ?? '') !== 'SENT').map((r) => r.messageId);
    const sendingAtKill = [...statusAtKill.values()].filter((s) => s === 'SENDING').length;
    const receivedAtKill = ours().length;
    expect(inFlight).toEqual(inHand);
    const worker3 = await restarting;
    workers.push(worker3);

    // worker-2 carries on, and sends what worker-1 had claimed once the lease has run out.
    await until(
      'every row marked SENT',
      async () => {
        const rows = (await db.ds.query(`SELECT COUNT(*) AS n FROM outbox_emails WHERE status = 'SENT'`)) as { n: number }[];
        return Number(rows[0]?.n) === COUNT ? true : undefined;
      },
      90_000,
      100,
    );
    const doneAfterKillMs = Date.now() - killedAt;
    const received = ours();
    const distinct = new Set(received.map((r) => r.messageId));
    const duplicates = received.length - distinct.size;
    const count = (sender: string): number => received.filter((r) => r.sender === sender).length;
    console.log(
      `worker killed mid-send: ${COUNT} queued, ${received.length} received, ${distinct.size} distinct Message-IDs, ${duplicates} duplicate(s); ` +
        `at the kill ${receivedAtKill} received, ${inFlight.length} in flight (transmitted, not marked sent), ${sendingAtKill} row(s) SENDING; ` +
        `sent by worker-1 ${fromWorker1.length}, worker-2 ${count('worker-2')}, worker-3 (started after the kill) ${count('worker-3')}; ` +
        `all sent ${doneAfterKillMs} ms after the kill ` +
        `(lease ${LEASE_SECONDS} s)`,
    );
    expect(distinct.size).toBe(COUNT);
    expect([...idOf.keys()].every((m) => distinct.has(m))).toBe(true);
    expect(duplicates).toBeLessThanOrEqual(inFlight.length);
    // The copies are of the message in hand, the second one from another worker.
    const copies = received.filter((r) => inHand.includes(r.messageId));
    expect(copies.map((r) => r.sender)).toEqual(['worker-1', expect.stringMatching(/^worker-[23]$/)]);
    expect(count('worker-3')).toBeGreaterThan(0);
    // The rows worker-1 had claimed were sent again on a second attempt, by another worker; no row took more.
    const attempts = (await db.ds.query('SELECT attempts, COUNT(*) AS n FROM outbox_emails GROUP BY attempts ORDER BY attempts')) as {
      attempts: number;
      n: number;
    }[];
    const byAttempts = new Map(attempts.map((a) => [Number(a.attempts), Number(a.n)]));
    expect([...byAttempts.keys()].every((a) => a === 1 || a === 2)).toBe(true);
    expect(byAttempts.get(2) ?? 0).toBeGreaterThanOrEqual(inFlight.length);
    for (const w of [worker2, worker3]) expect(w.output()).not.toMatch(/outbox: .*failed/);

    worker2.child.kill('SIGTERM');
    worker3.child.kill('SIGTERM');
    expect(await Promise.all([worker2.exited, worker3.exited])).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  }, 150_000);
});
