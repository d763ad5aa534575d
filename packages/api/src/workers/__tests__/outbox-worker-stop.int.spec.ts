import { In } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database';
import { OutboxService } from '../../modules/mailer/outbox.service';
import { OutboxEmailEntity } from '../../modules/mailer/outbox-email.entity';
import { passwordResetEmail } from '../../modules/mailer/templates';
import { OutboxWorker, type MailTransport } from '../outbox-worker';

/** A transport whose sends stay pending until the test lets them through. */
function heldTransport(): MailTransport & { sending: Promise<string>; release(): void; sent: string[] } {
  let onSending!: (to: string) => void;
  const sending = new Promise<string>((resolve) => (onSending = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const sent: string[] = [];
  return {
    name: 'held',
    sending,
    release,
    sent,
    async send(message) {
      onSending(message.to);
      await released;
      sent.push(message.to);
    },
  };
}

describe('outbox worker stop (shutdown)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it('waits for the message being sent, and gives the rest of its batch back', async () => {
    const at = new Date(Date.now() - 1000);
    const outbox = new OutboxService(db.ds);
    const recipients = ['a@example.test', 'b@example.test', 'c@example.test'];
    const ids: string[] = [];
    for (const [i, to] of recipients.entries()) {
      const when = new Date(at.getTime() + i);
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
    const transport = heldTransport();
    const worker = new OutboxWorker(db.ds, transport, { pollMs: 10 });
    worker.start();
    // The batch has claimed the three rows and is sending the first one.
    const first = await transport.sending;
    const stopping = worker.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    // Everything already due has run (promises, I/O callbacks): stop() is still waiting for the send.
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    transport.release();
    await stopping;

    expect(transport.sent).toEqual([first]);
    const rows = await db.ds.getRepository(OutboxEmailEntity).find({ where: { id: In(ids) } });
    const byTo = new Map(rows.map((r) => [r.toAddress, r]));
    expect(byTo.get(first)?.status).toBe('SENT');
    const rest = recipients.filter((to) => to !== first);
    // Back in the queue, due now, with the attempt not counted: the next process sends them.
    expect(rest.map((to) => [byTo.get(to)?.status, byTo.get(to)?.attempts])).toEqual(rest.map(() => ['PENDING', 0]));
    for (const to of rest) expect(byTo.get(to)?.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await worker.pendingCount()).toBe(2);
  });
});
