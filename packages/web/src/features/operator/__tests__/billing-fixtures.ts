import type { MockLink } from '@apollo/client/testing';
import { buildViewer } from '@/testing/fixtures';
import {
  CompanyBillingDocument,
  CompanyInvoicesDocument,
  type BilledInvoiceFragment,
  type BillingPlanFragment,
} from '../api/billing/generated';

export const COMPANY_ID = 'demo';
export const COMPANY_NAME = 'Demo SAS';
export const staff = buildViewer({ isStaff: true, firstName: 'Olivia', lastName: 'Robert' });

export const PLAN: BillingPlanFragment = {
  __typename: 'Plan',
  id: 'plan-1',
  label: 'Domiciliation commerciale — offre Essentielle',
  period: 'MONTHLY',
  priceCents: 4900,
  vatRate: '20',
  exemptionReason: null,
  active: true,
  updatedAt: '2026-01-01T08:00:00.000Z',
};

export function companyMock(plan: BillingPlanFragment | null = PLAN): MockLink.MockedResponse {
  return {
    request: { query: CompanyBillingDocument, variables: { companyId: COMPANY_ID } },
    maxUsageCount: 10,
    result: { data: { company: { __typename: 'Company', id: COMPANY_ID, name: COMPANY_NAME, siret: '73282932000074', plan } } },
  };
}

export function buildBilled(overrides: Partial<BilledInvoiceFragment> = {}): BilledInvoiceFragment {
  return {
    __typename: 'Invoice',
    id: 'inv-1',
    kind: 'INVOICE',
    number: 'F2026-000012',
    label: 'Réexpédition de colis',
    issueDate: '2026-03-10',
    dueDate: '2026-04-09',
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    billingPeriod: null,
    netCents: 5000,
    vatCents: 1000,
    grossCents: 6000,
    paidCents: 0,
    creditedCents: 0,
    remainingCents: 6000,
    status: 'DUE',
    overdue: false,
    creditedInvoiceNumber: null,
    lines: [
      {
        __typename: 'InvoiceLine',
        position: 1,
        label: 'Réexpédition de colis',
        quantity: '2',
        unitPriceCents: 2500,
        vatRate: '20',
        exemptionReason: null,
        netCents: 5000,
      },
    ],
    ...overrides,
  };
}

export function companyInvoicesMock(invoices: BilledInvoiceFragment[]): MockLink.MockedResponse {
  return {
    request: { query: CompanyInvoicesDocument, variables: { companyId: COMPANY_ID, first: 25 } },
    maxUsageCount: 10,
    result: {
      data: {
        operatorInvoices: {
          __typename: 'InvoiceConnection',
          edges: invoices.map((node) => ({ __typename: 'InvoiceEdge', cursor: `c-${node.id}`, node })),
          pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
        },
      },
    },
  };
}
