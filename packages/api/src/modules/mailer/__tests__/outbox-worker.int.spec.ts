import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-database';
import { OutboxWorker, backoffMs } from '../../../workers/outbox-worker';
import { OutboxService } from '../outbox.service';
import { OutboxEmailEntity } from '../outbox-email.entity';
import { smtpTransport } from '../transports';
import { passwordResetEmail } from '../templates';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP peer on loopback that can be told to refuse messages. */
async function startSmtp(): Promise<{ port: number; received: Received[]; refuse: { on: boolean }; close: () => Promise<void> }> {
  const received: Received[] = [];
  const refuse = { on: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(_address, _session, callback) {
      if (refuse.on) {
        const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
        error.responseCode = 451;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, refuse, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('outbox worker with a real SMTP server', () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await db.drop();
  });

  const enqueue = async (to: string, at: Date): Promise<string> => {
    const outbox = new OutboxService(db.ds);
    return db.ds.transaction((em) =>
      outbox.enqueue(
        em,
        to,
        passwordResetEmail('fr', {
          firstName: 'Alice',
          url: 'http://localhost/reset-password?token=abc',
          expiresAt: at,
          publicUrl: 'http://localhost',
        }),
        at,
      ),
    );
  };

  it('delivers a queued email once and marks it sent', async () => {
    const now = new Date();
    const id = await enqueue('alice.martin@demo-sas.fr', now);
    const worker = new OutboxWorker(db.ds, smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'Guichet <no-reply@guichet.test>'));
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['alice.martin@demo-sas.fr']);
    expect(smtp.received[0]?.raw).toMatch(/Subject: =\?UTF-8\?.*\?=|Subject: R/);
    const row = await db.ds.getRepository(OutboxEmailEntity).findOneByOrFail({ id });
    expect(row.status).toBe('SENT');
    expect(row.attempts).toBe(1);
  });

  it('keeps the email when the server refuses, and delivers it when the server recovers', async () => {
    smtp.received.length = 0;
    let clock = new Date();
    const id = await enqueue('bruno.petit@demo-sas.fr', clock);
    const worker = new OutboxWorker(db.ds, smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'Guichet <no-reply@guichet.test>'));
    smtp.refuse.on = true;
    expect(await worker.runOnce(() => clock)).toBe(0);
    let row = await db.ds.getRepository(OutboxEmailEntity).findOneByOrFail({ id });
    expect(row.status).toBe('PENDING');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/451|temporarily/i);
    // Not retried before its backoff is over…
    expect(await worker.runOnce(() => clock)).toBe(0);
    expect((await db.ds.getRepository(OutboxEmailEntity).findOneByOrFail({ id })).attempts).toBe(1);
    // …then retried once the server is back.
    smtp.refuse.on = false;
    clock = new Date(clock.getTime() + backoffMs(1) + 1000);
    expect(await worker.runOnce(() => clock)).toBe(1);
    row = await db.ds.getRepository(OutboxEmailEntity).findOneByOrFail({ id });
    expect(row.status).toBe('SENT');
    expect(row.attempts).toBe(2);
    expect(smtp.received.map((r) => r.to[0])).toEqual(['bruno.petit@demo-sas.fr']);
  });

  it('keeps retrying while the server is down (nothing lost) and gives up only after maxAttempts', async () => {
    let clock = new Date(Date.now() + 10 * 3_600_000);
    const id = await enqueue('chloe.durand@demo-sas.fr', clock);
    const worker = new OutboxWorker(db.ds, smtpTransport('smtp://127.0.0.1:1', 'Guichet <no-reply@guichet.test>'), { maxAttempts: 3 });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await worker.runOnce(() => clock);
      clock = new Date(clock.getTime() + backoffMs(attempt) + 1000);
    }
    const row = await db.ds.getRepository(OutboxEmailEntity).findOneByOrFail({ id });
    expect(row.status).toBe('FAILED');
    expect(row.attempts).toBe(3);
  });
});
