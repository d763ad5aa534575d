import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export type DeferredStatus = 'PENDING' | 'RUNNING' | 'FAILED';

/**
 * A public request whose work depends on what it names (an account, a SIRET, an invitation link):
 * written on the request path with the same statement whatever it names, then carried out by the
 * deferred-request worker after the answer has gone. Deleted once carried out.
 */
@Entity({ name: 'deferred_requests' })
export class DeferredRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** What to do (see deferred.service.ts). */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** The request's arguments, as JSON. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: DeferredStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', ...DATETIME })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  /** The HTTP request that caused it (its X-Request-Id); null for scheduled jobs' work. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
