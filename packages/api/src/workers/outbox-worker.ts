import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { dbDate } from '../db/columns';
import { transaction } from '../db/with-transaction';
import { OutboxEmailEntity } from '../modules/mailer/outbox-email.entity';

export interface MailTransport {
  /** `development` keeps messages in the outbox table only (the dev mailbox shows them). */
  readonly name: string;
  /** `id`: the outbox row's, from which the SMTP transport makes the Message-ID (mailer/message-id.ts). */
  send(message: { id?: string; to: string; subject: string; text: string; html: string }): Promise<void>;
}

export interface OutboxWorkerOptions {
  batchSize?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** How long a claimed row stays reserved before another worker may take it again. */
  leaseMs?: number;
  log?: (message: string) => void;
}

/** Exponential backoff: 30 s, 1 min, 2 min, … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/**
 * Delivers outbox rows at least once. Rows are claimed (status SENDING with a lease) in a
 * short transaction — with FOR UPDATE SKIP LOCKED on MySQL/MariaDB so several workers share
 * the table — then sent outside it. A failure reschedules the row with backoff; after
 * `maxAttempts` it is marked FAILED and kept for inspection.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly ds: DataSource,
    private readonly transport: MailTransport,
    options: OutboxWorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 20;
    this.pollMs = options.pollMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.log = options.log ?? (() => undefined);
  }

  start(): void {
    this.stopped = false;
    const tick = async (): Promise<void> => {
      if (this.stopped) return;
      try {
        await this.runOnce();
      } catch (error) {
        this.log(`outbox: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /**
   * Stops the loop (at shutdown). A batch being sent finishes the message in hand; the rows it
   * claimed and has not sent yet go back to the queue at once, not after their lease, for the next
   * worker or process. Resolves when nothing runs any more: no timer, no query in progress.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Claims and sends one batch; returns how many were delivered. */
  runOnce(now: () => Date = () => new Date()): Promise<number> {
    const run = this.process(now);
    this.running = run.catch(() => 0);
    return run;
  }

  private async claim(at: Date): Promise<OutboxEmailEntity[]> {
    const isMysql = this.ds.options.type === 'mysql';
    return transaction(this.ds, async (em) => {
      const qb = em
        .getRepository(OutboxEmailEntity)
        .createQueryBuilder('o')
        .where('o.status IN (:...statuses)', { statuses: ['PENDING', 'SENDING'] })
        .andWhere('o.next_attempt_at <= :at', { at: dbDate(this.ds.options.type, at) })
        .orderBy('o.next_attempt_at', 'ASC')
        .limit(this.batchSize);
      if (isMysql) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await qb.getMany();
      if (rows.length === 0) return [];
      const lease = new Date(at.getTime() + this.leaseMs);
      await em
        .createQueryBuilder()
        .update(OutboxEmailEntity)
        .set({ status: 'SENDING', attempts: () => 'attempts + 1', nextAttemptAt: lease })
        .where({ id: In(rows.map((r) => r.id)) })
        .execute();
      return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
    });
  }

  private async process(now: () => Date): Promise<number> {
    const rows = await this.claim(now());
    let sent = 0;
    const repo = this.ds.getRepository(OutboxEmailEntity);
    for (const [index, row] of rows.entries()) {
      if (this.stopped) {
        await this.release(rows.slice(index), now());
        break;
      }
      try {
        await this.transport.send({ id: row.id, to: row.toAddress, subject: row.subject, text: row.textBody, html: row.htmlBody });
        await repo.update({ id: row.id }, { status: 'SENT', sentAt: now(), lastError: null });
        sent += 1;
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const failed = row.attempts >= this.maxAttempts;
        await repo.update(
          { id: row.id },
          {
            status: failed ? 'FAILED' : 'PENDING',
            lastError: message,
            nextAttemptAt: new Date(now().getTime() + backoffMs(row.attempts)),
          },
        );
        this.log(`outbox: delivery to ${row.toAddress} failed (attempt ${row.attempts}): ${message}`);
      }
    }
    return sent;
  }

  /** Gives claimed rows back, due now, as if this claim had not happened. */
  private async release(rows: OutboxEmailEntity[], at: Date): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(OutboxEmailEntity)
      .set({ status: 'PENDING', attempts: () => 'attempts - 1', nextAttemptAt: at })
      .where({ id: In(rows.map((r) => r.id)), status: 'SENDING' })
      .execute();
  }

  /** Rows due now (for tests and the readiness of the dev mailbox). */
  pendingCount(at: Date = new Date()): Promise<number> {
    return this.ds
      .getRepository(OutboxEmailEntity)
      .createQueryBuilder('o')
      .where('o.status IN (:...statuses)', { statuses: ['PENDING', 'SENDING'] })
      .andWhere('o.next_attempt_at <= :at', { at: dbDate(this.ds.options.type, at) })
      .getCount();
  }
}
