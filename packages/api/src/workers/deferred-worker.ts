import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { dbDate } from '../db/columns';
import { transaction, withTransaction } from '../db/with-transaction';
import { DeferredRequestEntity } from '../modules/deferred/deferred-request.entity';
import type { DeferredRequests } from '../modules/deferred/deferred.service';
import type { Log } from '../observability/logger';
import { backoffMs } from './outbox-worker';

export interface DeferredWorkerOptions {
  batchSize?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** How long a claimed row stays reserved before another worker may take it again. */
  leaseMs?: number;
  log?: Log;
}

/**
 * Carries out the deferred requests (deferred.service.ts) after their answers have gone. Rows are
 * claimed like the outbox's (status RUNNING with a lease, FOR UPDATE SKIP LOCKED on MySQL/MariaDB,
 * so several instances share the table); each row is carried out and deleted in one transaction,
 * so its effects (rows, outbox emails, journal) commit exactly once. A failure is retried with the
 * outbox's backoff; after `maxAttempts` the row is kept as FAILED.
 */
export class DeferredWorker {
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
    private readonly requests: DeferredRequests,
    options: DeferredWorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 20;
    this.pollMs = options.pollMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 5;
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
        this.log(`deferred requests: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops polling; resolves once the batch under way (if any) is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Claims and carries out one batch; returns how many rows were carried out. */
  runOnce(now: () => Date = () => new Date()): Promise<number> {
    const run = this.process(now);
    this.running = run.catch(() => 0);
    return run;
  }

  /** Runs batches until none is due (tests, and a worker catching up). */
  async drain(now: () => Date = () => new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      // A failed row is rescheduled with backoff, so a batch that carries nothing out ends the loop.
      const done = await this.runOnce(now);
      if (done === 0) return total;
      total += done;
    }
  }

  private async claim(at: Date): Promise<DeferredRequestEntity[]> {
    const isMysql = this.ds.options.type === 'mysql';
    return transaction(this.ds, async (em) => {
      const qb = em
        .getRepository(DeferredRequestEntity)
        .createQueryBuilder('d')
        .where('d.status IN (:...statuses)', { statuses: ['PENDING', 'RUNNING'] })
        .andWhere('d.next_attempt_at <= :at', { at: dbDate(this.ds.options.type, at) })
        .orderBy('d.next_attempt_at', 'ASC')
        .limit(this.batchSize);
      if (isMysql) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await qb.getMany();
      if (rows.length === 0) return [];
      await em
        .createQueryBuilder()
        .update(DeferredRequestEntity)
        .set({ status: 'RUNNING', attempts: () => 'attempts + 1', nextAttemptAt: new Date(at.getTime() + this.leaseMs) })
        .where({ id: In(rows.map((r) => r.id)) })
        .execute();
      return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
    });
  }

  private async process(now: () => Date): Promise<number> {
    const rows = await this.claim(now());
    let done = 0;
    for (const row of rows) {
      try {
        // The emails it writes carry the id of the request that asked for it.
        const ctx = { actor: null, now: now(), ip: null, userAgent: null, requestId: row.requestId };
        await withTransaction(this.ds, ctx, async (tx) => {
          await this.requests.carryOut(tx, row);
          await tx.em.delete(DeferredRequestEntity, { id: row.id });
        });
        done += 1;
        this.log(`deferred requests: ${row.kind} ${row.id} carried out`, {
          requestId: row.requestId,
          deferredId: row.id,
          kind: row.kind,
          attempt: row.attempts,
        });
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const failed = row.attempts >= this.maxAttempts;
        await this.ds.getRepository(DeferredRequestEntity).update(
          { id: row.id },
          {
            status: failed ? 'FAILED' : 'PENDING',
            lastError: message,
            nextAttemptAt: new Date(now().getTime() + backoffMs(row.attempts)),
          },
        );
        this.log(`deferred requests: ${row.kind} ${row.id} failed (attempt ${row.attempts}): ${message}`, {
          level: 'warn',
          requestId: row.requestId,
          deferredId: row.id,
          kind: row.kind,
          attempt: row.attempts,
        });
      }
    }
    return done;
  }

  /** Rows due now. */
  dueCount(at: Date = new Date()): Promise<number> {
    return this.ds
      .getRepository(DeferredRequestEntity)
      .createQueryBuilder('d')
      .where('d.status IN (:...statuses)', { statuses: ['PENDING', 'RUNNING'] })
      .andWhere('d.next_attempt_at <= :at', { at: dbDate(this.ds.options.type, at) })
      .getCount();
  }
}
