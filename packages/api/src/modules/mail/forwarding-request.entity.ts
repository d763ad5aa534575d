import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export const FORWARDING_STATUSES = ['REQUESTED', 'SENT', 'CANCELLED'] as const;
export type ForwardingStatus = (typeof FORWARDING_STATUSES)[number];

/** A client's request that the operator post physical mail items to an address. */
@Entity({ name: 'forwarding_requests' })
export class ForwardingRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 16, default: 'REQUESTED' })
  status: ForwardingStatus;

  @Column({ name: 'address_line1', type: 'varchar', length: 200 })
  addressLine1: string;

  @Column({ name: 'address_line2', type: 'varchar', length: 200, nullable: true })
  addressLine2: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 16 })
  postalCode: string;

  @Column({ type: 'varchar', length: 100 })
  city: string;

  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({ name: 'item_count', type: 'int' })
  itemCount: number;

  /** Chosen by the client; unique per company. A retry with the same key replays the first result. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100 })
  idempotencyKey: string;

  /** SHA-256 of the request's content, to tell a replay from a different request reusing a key. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'requested_by_id', type: 'varchar', length: 36 })
  requestedById: string;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'processed_at', ...DATETIME, nullable: true })
  processedAt: Date | null;

  @Column({ name: 'processed_by_id', type: 'varchar', length: 36, nullable: true })
  processedById: string | null;
}

@Entity({ name: 'forwarding_request_items' })
export class ForwardingRequestItemEntity {
  @PrimaryColumn({ name: 'forwarding_request_id', type: 'varchar', length: 36 })
  forwardingRequestId: string;

  @PrimaryColumn({ name: 'mail_item_id', type: 'varchar', length: 36 })
  mailItemId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;
}
