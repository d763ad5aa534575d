import type { MockLink } from '@apollo/client/testing';
import type { Scope } from '@guichet/shared';
import type { InvoiceFilter } from '@/lib/graphql/schema-types';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import {
  CreateInvoiceLinkDocument,
  CreateInvoicesExportDocument,
  InvoiceDocument,
  InvoicesDocument,
  InvoiceTotalsDocument,
  type InvoiceListItemFragment,
  type InvoiceQuery,
} from '../api/generated';
import { PAGE_SIZE } from '../utils/filters';

export const COMPANY_ID = 'acme';
export const COMPANY_NAME = 'ACME SAS';

export function invoicesViewer(scopes: Scope[] = ['FACTURATION']) {
  return buildViewer({ memberships: [buildMembership(scopes, { id: COMPANY_ID, name: COMPANY_NAME })] });
}

let sequence = 0;

/** A monthly invoice of the plan, 49 € HT at 20 %, paid, unless told otherwise. */
export function buildInvoice(overrides: Partial<InvoiceListItemFragment> = {}): InvoiceListItemFragment {
  sequence += 1;
  return {
    __typename: 'Invoice',
    id: `invoice-${sequence}`,
    kind: 'INVOICE',
    number: `F2026-${String(sequence).padStart(6, '0')}`,
    label: 'Domiciliation commerciale — offre Essentielle',
    issueDate: '2026-03-01',
    billingPeriod: '2026-03',
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    dueDate: '2026-03-31',
    netCents: 4900,
    vatCents: 980,
    grossCents: 5880,
    remainingCents: 0,
    status: 'PAID',
    overdue: false,
    creditedInvoiceId: null,
    creditedInvoiceNumber: null,
    ...overrides,
  };
}

export const MARCH = buildInvoice({ id: 'inv-march', number: 'F2026-000003', status: 'DUE', remainingCents: 5880, dueDate: '2099-03-31' });
export const FEBRUARY = buildInvoice({
  id: 'inv-february',
  number: 'F2026-000002',
  issueDate: '2026-02-01',
  billingPeriod: '2026-02',
  periodStart: '2026-02-01',
  periodEnd: '2026-02-28',
  dueDate: '2026-03-03',
  status: 'PARTIALLY_PAID',
  overdue: true,
  remainingCents: 3880,
});
export const CREDIT_NOTE = buildInvoice({
  id: 'inv-credit',
  kind: 'CREDIT_NOTE',
  number: 'A2026-000001',
  label: 'Avoir sur F2026-000001',
  issueDate: '2026-01-20',
  billingPeriod: null,
  periodStart: '2026-01-14',
  periodEnd: '2026-01-14',
  dueDate: '2026-01-20',
  netCents: 1200,
  vatCents: 240,
  grossCents: 1440,
  status: null,
  creditedInvoiceId: 'inv-forwarding',
  creditedInvoiceNumber: 'F2026-000001',
});
export const INVOICES = [MARCH, FEBRUARY, CREDIT_NOTE];

export function invoicesMock(options: {
  invoices: readonly InvoiceListItemFragment[];
  filter?: InvoiceFilter | null;
  total?: number;
  after?: string;
  hasNextPage?: boolean;
}): MockLink.MockedResponse {
  const { invoices, filter = null, total = invoices.length, after, hasNextPage = false } = options;
  return {
    request: { query: InvoicesDocument, variables: { companyId: COMPANY_ID, first: PAGE_SIZE, filter, ...(after ? { after } : {}) } },
    maxUsageCount: 10,
    result: {
      data: {
        company: {
          __typename: 'Company',
          id: COMPANY_ID,
          invoices: {
            __typename: 'InvoiceConnection',
            totalCount: total,
            edges: invoices.map((node) => ({ __typename: 'InvoiceEdge', cursor: `cursor-${node.id}`, node })),
            pageInfo: {
              __typename: 'PageInfo',
              endCursor: invoices.length ? `cursor-${invoices[invoices.length - 1]?.id}` : null,
              hasNextPage,
            },
          },
        },
      },
    },
  };
}

export function totalsMock(totals: { dueCents?: number; dueCount?: number; overdueCents?: number; overdueCount?: number } = {}) {
  return {
    request: { query: InvoiceTotalsDocument, variables: { companyId: COMPANY_ID } },
    maxUsageCount: 10,
    result: {
      data: {
        company: {
          __typename: 'Company',
          id: COMPANY_ID,
          invoiceTotals: {
            __typename: 'InvoiceTotals',
            dueCents: 9760,
            dueCount: 2,
            overdueCents: 3880,
            overdueCount: 1,
            ...totals,
          },
        },
      },
    },
  } satisfies MockLink.MockedResponse;
}

type InvoiceDetails = NonNullable<NonNullable<InvoiceQuery['company']>['invoice']>;

/** The preview's query for `invoice` (null: not found). */
export function invoiceMock(invoice: InvoiceListItemFragment | null, id = invoice?.id ?? 'missing'): MockLink.MockedResponse {
  const details: InvoiceDetails | null = invoice
    ? {
        ...invoice,
        paidCents: invoice.grossCents - invoice.remainingCents,
        creditedCents: 0,
        paidDate: invoice.status === 'PAID' ? '2026-03-10' : null,
        pdfSize: 48213,
        vatBreakdown: [{ __typename: 'VatBreakdownEntry', rate: '20', basisCents: invoice.netCents, vatCents: invoice.vatCents }],
        payments: [],
        creditNotes: [],
      }
    : null;
  return {
    request: { query: InvoiceDocument, variables: { companyId: COMPANY_ID, id } },
    maxUsageCount: 5,
    result: { data: { company: { __typename: 'Company', id: COMPANY_ID, invoice: details } } },
  };
}

export function linkMock(invoiceId: string, format: 'PDF' | 'XML', disposition: 'INLINE' | 'ATTACHMENT'): MockLink.MockedResponse {
  return {
    request: { query: CreateInvoiceLinkDocument, variables: { companyId: COMPANY_ID, invoiceId, format, disposition } },
    maxUsageCount: 5,
    result: {
      data: {
        createInvoiceLink: {
          __typename: 'FileLink',
          url: `http://localhost/files/invoices/${COMPANY_ID}/${invoiceId}/${format.toLowerCase()}?d=${disposition.toLowerCase()}`,
          expiresAt: '2099-01-01T00:00:00.000Z',
        },
      },
    },
  };
}

export function exportMock(format: 'CSV' | 'ZIP', invoiceCount: number, filter: InvoiceFilter | null = null): MockLink.MockedResponse {
  return {
    request: { query: CreateInvoicesExportDocument, variables: { companyId: COMPANY_ID, filter, format } },
    delay: 20,
    result: {
      data: {
        createInvoicesExport: {
          __typename: 'InvoicesExport',
          url: `http://localhost/files/invoice-exports/signed-${format.toLowerCase()}`,
          expiresAt: '2099-01-01T00:00:00.000Z',
          format,
          invoiceCount,
        },
      },
    },
  };
}
