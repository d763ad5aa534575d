import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export type OutboxStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * Every email is written here first, in the transaction of the change that causes it;
 * the outbox worker delivers it with retries.
 */
@Entity({ name: 'outbox_emails' })
export class OutboxEmailEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'html_body', type: 'text' })
  htmlBody: string;

  /** Template name, e.g. password_reset. */
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', ...DATETIME })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'sent_at', ...DATETIME, nullable: true })
  sentAt: Date | null;

  /** The HTTP request that caused it (its X-Request-Id); null for scheduled jobs' work. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
