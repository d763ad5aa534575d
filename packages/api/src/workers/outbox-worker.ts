import type { DataSource, UpdateQueryBuilder, UpdateResult } from 'typeorm';
import { In } from 'typeorm';
import { dbDate } from '../db/columns';
import { transaction } from '../db/with-transaction';
import { OutboxEmailEntity } from '../modules/mailer/outbox-email.entity';
import type { Log } from '../observability/logger';

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
  log?: Log;
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
 *
 * The lease is the row's `next_attempt_at` while it is SENDING: a worker that dies leaves its rows
 * to the others once it has passed. Before each message the worker renews the lease on that row,
 * and only if it still holds it (same deadline): a row whose lease ran out during a slow batch and
 * was claimed again elsewhere is not sent a second time from here. What can still be sent twice is
 * a message accepted by the SMTP server just before its worker died, before the row was marked:
 * its Message-ID is the same both times (mailer/message-id.ts).
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly log: Log;

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
      // Each row carries the lease this claim holds: the later updates are made only while it still does.
      return rows.map((r) => ({ ...r, status: 'SENDING' as const, attempts: r.attempts + 1, nextAttemptAt: lease }));
    });
  }

  private async process(now: () => Date): Promise<number> {
    const rows = await this.claim(now());
    let sent = 0;
    for (const [index, row] of rows.entries()) {
      if (this.stopped) {
        await this.release(rows.slice(index), now());
        break;
      }
      // The lease was taken for the whole batch; each message gets a whole lease of its own before it
      // is sent. A row whose lease ran out while the earlier ones were sent may have been claimed by
      // another worker since: it is that worker's now, and sending it here too would send it twice.
      if (!(await this.renew(row, now()))) {
        this.log(`outbox: email ${row.id} was claimed again after its lease ran out; left to the worker that holds it`);
        continue;
      }
      try {
        await this.transport.send({ id: row.id, to: row.toAddress, subject: row.subject, text: row.textBody, html: row.htmlBody });
        // Delivered: recorded even if another worker has claimed the row meanwhile (it then finds it sent).
        await this.ds
          .createQueryBuilder()
          .update(OutboxEmailEntity)
          .set({ status: 'SENT', sentAt: now(), lastError: null })
          .where({ id: row.id, status: 'SENDING' })
          .execute();
        sent += 1;
        // The id of the request that caused the email, to find both lines together.
        this.log(`outbox: ${row.kind} email ${row.id} sent`, {
          requestId: row.requestId,
          emailId: row.id,
          kind: row.kind,
          attempt: row.attempts,
        });
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const failed = row.attempts >= this.maxAttempts;
        await this.updateWhileHeld(row, {
          status: failed ? 'FAILED' : 'PENDING',
          lastError: message,
          nextAttemptAt: new Date(now().getTime() + backoffMs(row.attempts)),
        });
        this.log(`outbox: delivery to ${row.toAddress} failed (attempt ${row.attempts}): ${message}`, {
          level: 'warn',
          requestId: row.requestId,
          emailId: row.id,
          kind: row.kind,
          attempt: row.attempts,
        });
      }
    }
    return sent;
  }

  /** Updates `row` only while this worker's lease on it holds (still SENDING, with the deadline it set). */
  private updateWhileHeld(
    row: OutboxEmailEntity,
    values: Parameters<UpdateQueryBuilder<OutboxEmailEntity>['set']>[0],
  ): Promise<UpdateResult> {
    return this.ds
      .createQueryBuilder()
      .update(OutboxEmailEntity)
      .set(values)
      .where('id = :id AND status = :status AND next_attempt_at = :held', {
        id: row.id,
        status: 'SENDING',
        held: dbDate(this.ds.options.type, row.nextAttemptAt),
      })
      .execute();
  }

  /** Extends the lease on `row` to a whole lease from `at`; false when this worker no longer holds it. */
  private async renew(row: OutboxEmailEntity, at: Date): Promise<boolean> {
    // Always a new deadline, even within the millisecond of the claim, so that the row's update counts.
    const lease = new Date(Math.max(at.getTime() + this.leaseMs, row.nextAttemptAt.getTime() + 1));
    const result = await this.updateWhileHeld(row, { nextAttemptAt: lease });
    if (result.affected !== 1) return false;
    row.nextAttemptAt = lease;
    return true;
  }

  /**
   * Gives claimed rows back, due now, as if this claim had not happened. They were not sent, so
   * they still hold the batch's lease; a row claimed again elsewhere since (lease run out) is left alone.
   */
  private async release(rows: OutboxEmailEntity[], at: Date): Promise<void> {
    const [first] = rows;
    if (!first) return;
    await this.ds
      .createQueryBuilder()
      .update(OutboxEmailEntity)
      .set({ status: 'PENDING', attempts: () => 'attempts - 1', nextAttemptAt: at })
      .where({ id: In(rows.map((r) => r.id)), status: 'SENDING' })
      .andWhere('next_attempt_at = :held', { held: dbDate(this.ds.options.type, first.nextAttemptAt) })
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
