import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export const PLAN_PERIODS = ['MONTHLY', 'YEARLY'] as const;
export type PlanPeriod = (typeof PLAN_PERIODS)[number];

/** A company's subscription, billed once per period by the invoicing run. One per company. */
@Entity({ name: 'invoice_plans' })
export class InvoicePlanEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ type: 'varchar', length: 8 })
  period: PlanPeriod;

  @Column({ name: 'price_cents', type: 'int' })
  priceCents: number;

  @Column({ name: 'vat_rate', type: 'varchar', length: 5 })
  vatRate: string;

  @Column({ name: 'exemption_reason', type: 'varchar', length: 300, nullable: true })
  exemptionReason: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true })
  createdById: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;
}

/**
 * The last number given in each series. The issuing transaction increments its row (an exclusive
 * row lock on MySQL/MariaDB; SQLite has one writer), so numbers are given in commit order, and a
 * rolled-back issue gives its number back.
 */
@Entity({ name: 'invoice_sequences' })
export class InvoiceSequenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  series: string;

  @Column({ name: 'last_number', type: 'int' })
  lastNumber: number;

  /** When the last number was given: a later issue is never dated before it. */
  @Column({ name: 'last_issued_at', ...DATETIME })
  lastIssuedAt: Date;
}
