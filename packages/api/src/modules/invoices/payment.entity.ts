import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export const PAYMENT_METHODS = ['TRANSFER', 'DIRECT_DEBIT', 'CARD', 'CHECK', 'CASH', 'OTHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A payment received for an invoice, recorded by the operator (or its billing tool). */
@Entity({ name: 'invoice_payments' })
export class InvoicePaymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'invoice_id', type: 'varchar', length: 36 })
  invoiceId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'amount_cents', type: 'int' })
  amountCents: number;

  /** The day the money was received, `YYYY-MM-DD`. */
  @Column({ name: 'paid_on', type: 'varchar', length: 10 })
  paidOn: string;

  @Column({ type: 'varchar', length: 16 })
  method: PaymentMethod;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reference: string | null;

  @Column({ name: 'recorded_by_id', type: 'varchar', length: 36, nullable: true })
  recordedById: string | null;

  @Column({ name: 'recorded_at', ...DATETIME })
  recordedAt: Date;
}
