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
  return transaction(ds, (em) => work({ ...ctx, em }));
}
