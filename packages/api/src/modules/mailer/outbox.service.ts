import type { DataSource, EntityManager } from 'typeorm';
import { newId } from '../../common/ids';
import { transactionRequestId } from '../../db/with-transaction';
import { OutboxEmailEntity } from './outbox-email.entity';
import type { RenderedEmail } from './templates';

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Writes emails to the outbox in the caller's transaction, and lists them for the dev mailbox. */
export class OutboxService {
  constructor(private readonly ds: DataSource) {}

  /** The email carries the request id of the unit of work `em` belongs to (withTransaction), if any. */
  async enqueue(em: EntityManager, to: string, email: RenderedEmail, at: Date = new Date()): Promise<string> {
    const id = newId(at.getTime());
    await em.insert(OutboxEmailEntity, {
      id,
      toAddress: to,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      kind: email.kind,
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      createdAt: at,
      sentAt: null,
      requestId: transactionRequestId(em),
    });
    return id;
  }

  /** Newest first; for the development mailbox and tests. */
  latest(limit = 50, to?: string): Promise<OutboxEmailEntity[]> {
    return this.ds.getRepository(OutboxEmailEntity).find({
      where: to ? { toAddress: to } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
