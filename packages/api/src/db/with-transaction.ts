import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one transaction. Everything written through the given manager, outbox
 * rows included, commits or rolls back together; errors are re-thrown after the rollback.
 */
export function withTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(work);
}
