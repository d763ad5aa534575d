import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../modules/identity/principal';

/**
 * What every service call receives first: who acts, at what instant, and — inside a unit of work —
 * the transaction to write through.
 */
export interface ServiceContext {
  actor: Actor | null;
  now: Date;
  em?: EntityManager;
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
