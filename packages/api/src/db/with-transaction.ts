import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../modules/identity/principal';

/**
 * What every service call receives first: who acts, at what instant, and — inside a unit of work —
 * the transaction to write through.
 */
export interface ServiceContext {
  /** Who acts; null for an anonymous caller (login, password reset, public forms) or a background job. */
  actor: Actor | null;
  /** The instant of the request (or of the job run): every row written by the call carries it. */
  now: Date;
  /** The caller's address and browser, for the journal and sessions (null in jobs). */
  ip?: string | null;
  userAgent?: string | null;
  /**
   * The id of the HTTP request (X-Request-Id), or of the request a job carries out: the outbox emails
   * and deferred requests written by the call carry it. Null or absent in scheduled jobs.
   */
  requestId?: string | null;
  /** Set inside a unit of work: services write through it instead of opening their own transaction. */
  em?: EntityManager;
}

/** The context of a background job (reminders, invoicing runs, workers): no actor. */
export function jobContext(now: Date = new Date()): ServiceContext {
  return { actor: null, now, ip: null, userAgent: null };
}

export type TransactionalContext = ServiceContext & { em: EntityManager };

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * One transaction on `ds`. MySQL/MariaDB give each transaction its own pooled connection. The
 * embedded SQLite has a single connection, on which TypeORM would nest two concurrent transactions
 * as savepoints of one another, so that the rollback of one undoes the other's writes while it
 * reports success: there, transactions run one after the other (SQLite serialises writers anyway).
 * Never call it from inside a transaction on the same data source: join that one instead.
 */
export function transaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (ds.options.type === 'mysql') return ds.transaction(work);
  const start = (): Promise<T> => ds.transaction(work);
  const run = (sqliteQueues.get(ds) ?? Promise.resolve()).then(start, start);
  sqliteQueues.set(
    ds,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Runs `work` in one transaction. If `ctx` already carries one, `work` joins it, so several
 * service calls (and the outbox and journal rows they write) commit or roll back together.
 * Errors are re-thrown after the rollback.
 */
export function withTransaction<T>(ds: DataSource, ctx: ServiceContext, work: (ctx: TransactionalContext) => Promise<T>): Promise<T> {
  if (ctx.em) return work(ctx as TransactionalContext);
  const requestId = ctx.requestId;
  if (!requestId) return transaction(ds, (em) => work({ ...ctx, em }));
  return transaction(ds, async (em) => {
    transactionRequests.set(em, requestId);
    try {
      return await work({ ...ctx, em });
    } finally {
      transactionRequests.delete(em);
    }
  });
}

/**
 * The request each transaction under way works for. The rows written deep in a unit of work (an
 * outbox email written by a helper that receives only the EntityManager) find the request id here.
 * Removed when the work ends: on SQLite every transaction uses the same EntityManager, one at a time.
 */
const transactionRequests = new WeakMap<EntityManager, string>();

/** The request id of the unit of work `em` belongs to (null outside one, or in a scheduled job). */
export function transactionRequestId(em: EntityManager): string | null {
  return transactionRequests.get(em) ?? null;
}
