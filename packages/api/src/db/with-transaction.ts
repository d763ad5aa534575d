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

/**
 * Runs `work` in one transaction. If `ctx` already carries one, `work` joins it, so several
 * service calls (and the outbox and journal rows they write) commit or roll back together.
 * Errors are re-thrown after the rollback.
 */
export function withTransaction<T>(ds: DataSource, ctx: ServiceContext, work: (ctx: TransactionalContext) => Promise<T>): Promise<T> {
  if (ctx.em) return work(ctx as TransactionalContext);
  return ds.transaction((em) => work({ ...ctx, em }));
}
