import { Field, InputType, Int } from 'type-graphql';
import { InvoiceKindEnum, InvoiceStatusEnum, PaymentMethodEnum, PlanPeriodEnum } from './invoices.type';

@InputType('InvoiceFilter', { description: 'Filters combine with AND.' })
export class InvoiceFilterInput {
  @Field(() => InvoiceStatusEnum, { nullable: true })
  status?: InvoiceStatusEnum | null;

  @Field(() => Boolean, { nullable: true, description: 'true: unpaid and past the due date; false: the others.' })
  overdue?: boolean | null;

  @Field(() => InvoiceKindEnum, { nullable: true })
  kind?: InvoiceKindEnum | null;

  @Field(() => Int, { nullable: true, description: 'Issued in this calendar year (Paris time).' })
  year?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text found in the number, the label, or (credit notes) the corrected invoice’s number; ignoring case and accents.',
  })
  search?: string | null;
}

@InputType('InvoiceLineInput')
export class InvoiceLineInput {
  @Field(() => String, { description: 'At most 300 characters.' })
  label: string;

  @Field(() => String, { description: 'Decimal with a dot, > 0, at most 4 decimals: "1", "2.5".' })
  quantity: string;

  @Field(() => Int, { description: 'Excluding VAT, in cents, ≥ 0.' })
  unitPriceCents: number;

  @Field(() => String, { description: 'Percent: "20", "10", "5.5", "2.1" or "0".' })
  vatRate: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Required with the 0 % rate, refused otherwise: the exemption statement (e.g. "Exonération de TVA, article 261 C du CGI").',
  })
  exemptionReason?: string | null;
}

@InputType('IssueInvoiceInput')
export class IssueInvoiceInputType {
  @Field(() => [InvoiceLineInput], { description: '1 to 500 lines.' })
  lines: InvoiceLineInput[];

  @Field(() => String, { description: 'First day of the service period, YYYY-MM-DD.' })
  periodStart: string;

  @Field(() => String, { description: 'Last day of the service period, YYYY-MM-DD.' })
  periodEnd: string;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, from the issue date to 60 days after it. Default: the configured payment terms (INVOICE_PAYMENT_DAYS).',
  })
  dueDate?: string | null;

  @Field(() => String, { nullable: true, description: 'What lists show. Default: the first line’s label.' })
  label?: string | null;

  @Field(() => String, { nullable: true, description: 'A note printed on the invoice (at most 500 characters).' })
  note?: string | null;
}

@InputType('CreditNoteInput')
export class CreditNoteInputType {
  @Field(() => [InvoiceLineInput], {
    nullable: true,
    description: 'What is credited. Omitted: the whole invoice, line by line (only while nothing of it has been credited yet).',
  })
  lines?: InvoiceLineInput[] | null;

  @Field(() => String, { description: 'Why the invoice is corrected; printed on the credit note (at most 500 characters).' })
  reason: string;
}

@InputType('PaymentInput')
export class PaymentInputType {
  @Field(() => Int, { description: 'In cents, > 0, at most what remains due.' })
  amountCents: number;

  @Field(() => String, { description: 'The day the money was received, YYYY-MM-DD: not in the future, not before the invoice date.' })
  date: string;

  @Field(() => PaymentMethodEnum)
  method: PaymentMethodEnum;

  @Field(() => String, { nullable: true, description: 'E.g. the bank transfer’s reference (at most 100 characters).' })
  reference?: string | null;
}

@InputType('PlanInput')
export class PlanInputType {
  @Field(() => String, { description: 'Printed on each invoice with the period, e.g. "Domiciliation commerciale".' })
  label: string;

  @Field(() => PlanPeriodEnum)
  period: PlanPeriodEnum;

  @Field(() => Int, { description: 'Price per period excluding VAT, in cents.' })
  priceCents: number;

  @Field(() => String, { description: 'Percent: "20", "10", "5.5", "2.1" or "0".' })
  vatRate: string;

  @Field(() => String, { nullable: true, description: 'Required with the 0 % rate.' })
  exemptionReason?: string | null;
}

@InputType('PlanUpdateInput', { description: 'Only the fields given change; invoices already issued never do.' })
export class PlanUpdateInputType {
  @Field(() => String, { nullable: true })
  label?: string | null;

  @Field(() => PlanPeriodEnum, { nullable: true })
  period?: PlanPeriodEnum | null;

  @Field(() => Int, { nullable: true })
  priceCents?: number | null;

  @Field(() => String, { nullable: true })
  vatRate?: string | null;

  @Field(() => String, { nullable: true, description: 'Give "" to remove it.' })
  exemptionReason?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false: the run stops billing this company.' })
  active?: boolean | null;
}
