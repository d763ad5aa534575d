import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { InputLimits } from '../../common/input-limits';
import { pageSize } from '../../common/cursor';
import { RequiresPermission, RequiresStaff } from '../../graphql/access';
import { serviceContext } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { CompanyType } from '../companies/company.type';
import { linkOwnerOf } from '../identity/principal';
import { FileDispositionEnum, FileLinkType } from '../mail/mail.type';
import { parisDay } from './calendar';
import {
  CreditNoteInputType,
  InvoiceFilterInput,
  IssueInvoiceInputType,
  PaymentInputType,
  PlanInputType,
  PlanUpdateInputType,
} from './invoices.inputs';
import type { InvoiceFilter } from './invoices.queries';
import type { InvoicePage } from './invoices.service';
import {
  InvoiceConnection,
  InvoiceFileFormatEnum,
  InvoiceLineType,
  InvoicesExportFormatEnum,
  InvoicesExportType,
  InvoiceTotalsType,
  InvoiceType,
  InvoicingRunType,
  PaymentType,
  PlanType,
  toInvoiceLineType,
  toInvoiceTotalsType,
  toInvoiceType,
  toInvoicingRunType,
  toPaymentType,
  toPlanType,
} from './invoices.type';

const toFilter = (f: InvoiceFilterInput | null | undefined): InvoiceFilter | null =>
  f ? { status: f.status ?? null, overdue: f.overdue ?? null, kind: f.kind ?? null, year: f.year ?? null, search: f.search ?? null } : null;

const today = (): string => parisDay(new Date());

function connection(page: InvoicePage, companyId: string | null, filter: InvoiceFilter | null): InvoiceConnection {
  const day = today();
  const edges = page.rows.map((r) => ({ cursor: page.cursorOf(r), node: toInvoiceType(r, day) }));
  return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.hasNextPage }, companyId, filter };
}

/** Signed links are bound to the member (or API token) that asked for them. */
function linkOwner(ctx: RequestContext): string {
  const owner = linkOwnerOf(ctx.principal);
  if (!owner) throw new Error('unreachable: guarded by a permission');
  return owner;
}

/** The invoice fields of Company: the edges to a company's invoices, each checked once for the whole request. */
@Resolver(() => CompanyType)
@UseMiddleware(InputLimits)
export class InvoiceCompanyFieldsResolver {
  @FieldResolver(() => InvoiceConnection, {
    nullable: true,
    description: 'Invoices and credit notes, newest first (keyset cursors). `totalCount` is computed only when selected.',
  })
  @RequiresPermission('invoice:read', 'parent')
  async invoices(
    @Root() company: CompanyType,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => InvoiceFilterInput, { nullable: true }) filter: InvoiceFilterInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoiceConnection> {
    const f = toFilter(filter);
    return connection(await ctx.services.invoices.list(serviceContext(ctx), company.id, pageSize(first), after, f), company.id, f);
  }

  @FieldResolver(() => InvoiceType, {
    nullable: true,
    description: 'One invoice or credit note of this company; null when there is none with this id.',
  })
  @RequiresPermission('invoice:read', 'parent')
  async invoice(@Root() company: CompanyType, @Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<InvoiceType | null> {
    const row = await ctx.services.invoices.find(serviceContext(ctx), company.id, id);
    return row ? toInvoiceType(row, today()) : null;
  }

  @FieldResolver(() => InvoiceTotalsType, { nullable: true, description: 'What the company owes: due, overdue, and invoices per status.' })
  @RequiresPermission('invoice:read', 'parent')
  async invoiceTotals(
    @Root() company: CompanyType,
    @Arg('year', () => Int, { nullable: true, description: 'Only invoices issued this year.' }) year: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoiceTotalsType> {
    return toInvoiceTotalsType(await ctx.services.invoices.totals(serviceContext(ctx), company.id, year));
  }

  @FieldResolver(() => PlanType, {
    nullable: true,
    description: 'Operator: the company’s subscription, billed by the invoicing run; null when it has none.',
  })
  @RequiresStaff()
  async plan(@Root() company: CompanyType, @Ctx() ctx: RequestContext): Promise<PlanType | null> {
    const plan = await ctx.loaders.invoices.planOfCompany.load(company.id);
    return plan ? toPlanType(plan) : null;
  }
}

@Resolver(() => InvoiceConnection)
export class InvoiceConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of invoices matching the filter (one COUNT query, only when selected).' })
  async totalCount(@Root() c: InvoiceConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.invoices.count(serviceContext(ctx), c.companyId, c.filter);
  }
}

/** The relations of an invoice, each read for the whole page in one statement, and only when selected. */
@Resolver(() => InvoiceType)
export class InvoiceFieldsResolver {
  @FieldResolver(() => [InvoiceLineType], { description: 'The lines, in printed order.' })
  async lines(@Root() invoice: InvoiceType, @Ctx() ctx: RequestContext): Promise<InvoiceLineType[]> {
    return (await ctx.loaders.invoices.linesOfInvoice.load(invoice.id)).map(toInvoiceLineType);
  }

  @FieldResolver(() => [PaymentType], { description: 'Payments received, oldest first (none on a credit note).' })
  async payments(@Root() invoice: InvoiceType, @Ctx() ctx: RequestContext): Promise<PaymentType[]> {
    return (await ctx.loaders.invoices.paymentsOfInvoice.load(invoice.id)).map(toPaymentType);
  }

  @FieldResolver(() => [InvoiceType], { description: 'The credit notes that correct this invoice, oldest first.' })
  async creditNotes(@Root() invoice: InvoiceType, @Ctx() ctx: RequestContext): Promise<InvoiceType[]> {
    const day = today();
    return (await ctx.loaders.invoices.creditNotesOfInvoice.load(invoice.id)).map((r) => toInvoiceType(r, day));
  }
}

@Resolver()
@UseMiddleware(InputLimits)
export class InvoicesResolver {
  // ------------------------------------------------------------ client: files

  @Mutation(() => FileLinkType, {
    nullable: true,
    description:
      'A link to the Factur-X PDF (or its XML alone) of one invoice, valid 5 minutes, for the caller only; access is checked again when it is opened. Errors: NOT_FOUND.',
  })
  @RequiresPermission('invoice:download', { arg: 'companyId' })
  async createInvoiceLink(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('format', () => InvoiceFileFormatEnum, { defaultValue: InvoiceFileFormatEnum.PDF }) format: InvoiceFileFormatEnum,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.INLINE }) disposition: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    return ctx.services.invoiceFiles.createLink(
      serviceContext(ctx),
      companyId,
      invoiceId,
      format === InvoiceFileFormatEnum.XML ? 'xml' : 'pdf',
      linkOwner(ctx),
      disposition === FileDispositionEnum.ATTACHMENT ? 'attachment' : 'inline',
    );
  }

  @Mutation(() => InvoicesExportType, {
    nullable: true,
    description:
      'A link, valid 10 minutes, to the accountant’s export of the matching invoices (at most 20 000): CSV (one line per invoice and VAT rate) or ZIP (the Factur-X PDFs and that CSV). Access is checked again when it is opened.',
  })
  @RequiresPermission('invoice:download', { arg: 'companyId' })
  async createInvoicesExport(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('filter', () => InvoiceFilterInput, { nullable: true }) filter: InvoiceFilterInput | null,
    @Arg('format', () => InvoicesExportFormatEnum, { defaultValue: InvoicesExportFormatEnum.CSV }) format: InvoicesExportFormatEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoicesExportType> {
    const link = await ctx.services.invoiceFiles.createExport(
      serviceContext(ctx),
      companyId,
      toFilter(filter),
      format === InvoicesExportFormatEnum.ZIP ? 'zip' : 'csv',
      linkOwner(ctx),
    );
    return { ...link, format };
  }

  // ------------------------------------------------------------ operator

  @Query(() => InvoiceConnection, {
    nullable: true,
    description: 'Operator: the invoices of one company, or of every company when companyId is omitted, newest first.',
  })
  @RequiresStaff()
  async operatorInvoices(
    @Arg('companyId', () => ID, { nullable: true }) companyId: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => InvoiceFilterInput, { nullable: true }) filter: InvoiceFilterInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoiceConnection> {
    const f = toFilter(filter);
    return connection(await ctx.services.invoices.list(serviceContext(ctx), companyId, pageSize(first), after, f), companyId, f);
  }

  @Mutation(() => PlanType, {
    nullable: true,
    description:
      'Operator: gives a company its subscription, billed by the invoicing run from the current period. Errors: NOT_FOUND (company), CONFLICT (it has a plan: use updatePlan), VALIDATION_FAILED.',
  })
  @RequiresStaff()
  async setPlan(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('input', () => PlanInputType) input: PlanInputType,
    @Ctx() ctx: RequestContext,
  ): Promise<PlanType> {
    return toPlanType(await ctx.services.invoicing.setPlan(serviceContext(ctx), companyId, input));
  }

  @Mutation(() => PlanType, {
    nullable: true,
    description: 'Operator: changes or deactivates a plan for the periods not billed yet. Errors: NOT_FOUND (Plan), VALIDATION_FAILED.',
  })
  @RequiresStaff()
  async updatePlan(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('input', () => PlanUpdateInputType) input: PlanUpdateInputType,
    @Ctx() ctx: RequestContext,
  ): Promise<PlanType> {
    return toPlanType(await ctx.services.invoicing.updatePlan(serviceContext(ctx), companyId, input));
  }

  @Mutation(() => InvoicingRunType, {
    nullable: true,
    description:
      'Operator: bills every active plan for the month (a yearly plan once for its year): exactly one invoice per company and period, whoever runs it and however often. With dryRun, says who would be billed what and changes nothing. Bills at most 200 companies per call (see remaining). Errors: VALIDATION_FAILED (period: YYYY-MM, the current month or one of the 12 before).',
  })
  @RequiresStaff()
  async runInvoicing(
    @Arg('period', () => String, { description: 'YYYY-MM.' }) period: string,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoicingRunType> {
    return toInvoicingRunType(await ctx.services.invoicing.run(serviceContext(ctx), period, { dryRun }), today());
  }

  @Mutation(() => InvoiceType, {
    nullable: true,
    description:
      'Operator (or a billing tool’s operator token): issues a one-off invoice, numbered in the F<year> series, with its Factur-X PDF and XML, and emails the company’s billing contacts. Errors: NOT_FOUND (company), VALIDATION_FAILED (every field at fault; nothing is issued, no number is taken).',
  })
  @RequiresStaff('invoice:issue')
  async issueInvoice(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('input', () => IssueInvoiceInputType) input: IssueInvoiceInputType,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(await ctx.services.invoices.issueInvoice(serviceContext(ctx), companyId, input), today());
  }

  @Mutation(() => InvoiceType, {
    nullable: true,
    description:
      'Operator: issues a credit note (avoir, A<year> series, Factur-X type 381) that corrects an invoice of the company, in full (lines omitted) or in part; never more than what remains to be credited, in total and per VAT rate. Errors: NOT_FOUND (company, invoice), VALIDATION_FAILED (CREDIT_NOTE_EXCEEDS_INVOICE, CREDIT_NOTE_RATE_NOT_ON_INVOICE, …).',
  })
  @RequiresStaff()
  async issueCreditNote(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('input', () => CreditNoteInputType) input: CreditNoteInputType,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(await ctx.services.invoices.issueCreditNote(serviceContext(ctx), companyId, invoiceId, input), today());
  }

  @Mutation(() => InvoiceType, {
    nullable: true,
    description:
      'Operator (or a billing tool’s operator token): records money received for an invoice of the company, at most what remains due; returns the invoice with its new status. Errors: NOT_FOUND (invoice), VALIDATION_FAILED (PAYMENT_EXCEEDS_DUE with extensions.remainingCents, PAYMENT_DATE_…).',
  })
  @RequiresStaff('invoice:issue')
  async recordPayment(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('input', () => PaymentInputType) input: PaymentInputType,
    @Ctx() ctx: RequestContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(await ctx.services.invoices.recordPayment(serviceContext(ctx), companyId, invoiceId, input), today());
  }
}
