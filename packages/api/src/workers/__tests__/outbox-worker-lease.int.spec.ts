import { In } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database';
import { OutboxService } from '../../modules/mailer/outbox.service';
import { OutboxEmailEntity } from '../../modules/mailer/outbox-email.entity';
import { passwordResetEmail } from '../../modules/mailer/templates';
import { OutboxWorker, type MailTransport } from '../outbox-worker';

/** A transport that records each send; with `hold`, the first send waits until `release()`. */
function recordingTransport(hold: boolean): MailTransport & { sending: Promise<string>; release(): void; sent: string[] } {
  let onSending!: (to: string) => void;
  const sending = new Promise<string>((resolve) => (onSending = resolve));
  let release!: () => void;
  const released = hold ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const sent: string[] = [];
  return {
    name: 'recording',
    sending,
    release: () => release?.(),
    sent,
    async send(message) {
      onSending(message.to);
      if (sent.length === 0) await released;
      sent.push(message.to);
    },
  };
}

describe('outbox worker lease', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it('a batch slower than its lease leaves the rows claimed again elsewhere to that worker: only the message in hand is sent twice', async () => {
    const t0 = Date.now() - 1000;
    const outbox = new OutboxService(db.ds);
    const recipients = ['lease.a@example.test', 'lease.b@example.test', 'lease.c@example.test'];
    const ids: string[] = [];
    for (const [i, to] of recipients.entries()) {
      const when = new Date(t0 + i);
      ids.push(
        await db.ds.transaction((em) =>
          outbox.enqueue(
            em,
            to,
            passwordResetEmail('fr', { firstName: 'A', url: 'http://localhost/r?token=x', expiresAt: when, publicUrl: 'http://localhost' }),
            when,
          ),
        ),
      );
    }
    const logs: string[] = [];
    // Worker A claims the three rows at t0 with a lease of 1 s, and its first send hangs.
    const slow = recordingTransport(true);
    const a = new OutboxWorker(db.ds, slow, { leaseMs: 1000, log: (m) => logs.push(m) });
    const clockA = { now: new Date(t0 + 10) };
    const batchA = a.runOnce(() => clockA.now);
    expect(await slow.sending).toBe(recipients[0]);

    // 5 s later, every lease of A has run out: worker B claims the three rows and sends them.
    const fast = recordingTransport(false);
    const b = new OutboxWorker(db.ds, fast, { leaseMs: 1000 });
    expect(await b.runOnce(() => new Date(t0 + 5000))).toBe(3);
    expect([...fast.sent].sort()).toEqual(recipients);

    // A's first send ends; A does not send the two rows B holds now.
    clockA.now = new Date(t0 + 5100);
    slow.release();
    await batchA;
    expect(slow.sent).toEqual([recipients[0]]);
    expect(logs.filter((l) => /claimed again after its lease ran out/.test(l))).toHaveLength(2);

    const rows = await db.ds.getRepository(OutboxEmailEntity).find({ where: { id: In(ids) } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['SENT', 2]));
  });

  it('a row claimed by a worker that died is claimed again once its lease has run out, not before', async () => {
    const t0 = Date.now() - 1000;
    const outbox = new OutboxService(db.ds);
    const id = await db.ds.transaction((em) =>
      outbox.enqueue(
        em,
        'lease.d@example.test',
        passwordResetEmail('fr', {
          firstName: 'D',
          url: 'http://localhost/r?token=y',
          expiresAt: new Date(t0),
          publicUrl: 'http://localhost',
        }),
        new Date(t0),
      ),
    );
    // A worker claims it and its send never ends (as if the process had died with it in hand).
    const stuck = recordingTransport(true);
    const dead = new OutboxWorker(db.ds, stuck, { leaseMs: 60_000 });
    const deadBatch = dead.runOnce(() => new Date(t0 + 1));
    expect(await stuck.sending).toBe('lease.d@example.test');

    const other = recordingTransport(false);
    const worker = new OutboxWorker(db.ds, other, { leaseMs: 60_000 });
    expect(await worker.runOnce(() => new Date(t0 + 59_000))).toBe(0);
    expect(await worker.runOnce(() => new Date(t0 + 61_000))).toBe(1);
    expect(other.sent).toEqual(['lease.d@example.test']);
    const row = await db.ds.getRepository(OutboxEmailEntity).findOneByOrFail({ id });
    expect([row.status, row.attempts]).toEqual(['SENT', 2]);
    stuck.release();
    await deadBatch;
  });
});
