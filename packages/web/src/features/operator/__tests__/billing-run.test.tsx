import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { operatorBillingFr } from '@/locales/operator-billing/fr';
import { operatorFr } from '@/locales/operator/fr';
import { normalized, renderApp } from '@/testing/test-utils';
import { RunInvoicingDocument, type RunInvoicingMutation } from '../api/billing/generated';
import { OperatorCompaniesDocument } from '../api/generated';
import { runPeriods } from '../components/billing-page';
import { companyInvoicesMock, companyMock, staff } from './billing-fixtures';

const t = operatorBillingFr;
const [CURRENT = '', PREVIOUS = ''] = runPeriods();

type Item = NonNullable<RunInvoicingMutation['runInvoicing']>['items'][number];
const item = (overrides: Partial<Item>): Item => ({
  __typename: 'InvoicingRunItem',
  companyId: 'demo',
  companyName: 'Demo SAS',
  planLabel: 'Domiciliation commerciale — offre Essentielle',
  billingPeriod: PREVIOUS,
  outcome: 'WOULD_BILL',
  netCents: 4900,
  vatCents: 980,
  grossCents: 5880,
  error: null,
  errorCode: null,
  invoice: null,
  ...overrides,
});

function runMock(dryRun: boolean, items: Item[], remaining = 0, period = PREVIOUS): MockLink.MockedResponse {
  return {
    request: { query: RunInvoicingDocument, variables: { period, dryRun } },
    result: { data: { runInvoicing: { __typename: 'InvoicingRun', dryRun, period, remaining, items } } },
  };
}

/** The company search under the run (its first answer, with no search typed). */
const companiesMock: MockLink.MockedResponse = {
  request: { query: OperatorCompaniesDocument, variables: { search: null, first: 8 } },
  maxUsageCount: 10,
  result: {
    data: {
      companies: {
        __typename: 'CompanyConnection',
        edges: [{ __typename: 'CompanyEdge', node: { __typename: 'Company', id: 'demo', name: 'Demo SAS', siret: '73282932000074' } }],
      },
    },
  },
};

const PREVIEW = [
  item({}),
  item({ companyId: 'atelier', companyName: 'Atelier Lumière', netCents: 9900, vatCents: 1980, grossCents: 11880 }),
  item({
    companyId: 'boulangerie',
    companyName: 'Boulangerie Martin',
    outcome: 'ALREADY_BILLED',
    invoice: { __typename: 'Invoice', id: 'x', number: 'F2026-000007' },
  }),
  item({
    companyId: 'broken',
    companyName: 'Société sans SIREN',
    outcome: 'FAILED',
    netCents: null,
    vatCents: null,
    grossCents: null,
    errorCode: 'INVOICE_SIREN_INVALID',
    error: 'Invalid SIREN',
  }),
];

describe('operator: Facturation (the invoicing run)', () => {
  it('is in the operator navigation', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/operator', { viewer: staff, mocks: [companiesMock] });
    const nav = await screen.findByRole('navigation', { name: operatorFr.nav.label });
    await user.click(within(nav).getByRole('link', { name: operatorFr.nav.billing }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/operator/billing'));
    expect(await screen.findByRole('heading', { level: 1, name: t.run.title })).toBeInTheDocument();
  });

  it('previews who would be billed what, then bills after a confirmation that says it is definitive', async () => {
    const user = userEvent.setup();
    renderApp('/operator/billing', {
      viewer: staff,
      mocks: [
        companiesMock,
        runMock(true, PREVIEW),
        runMock(false, [
          item({ outcome: 'BILLED', invoice: { __typename: 'Invoice', id: 'i1', number: 'F2026-000020' } }),
          item({
            companyId: 'atelier',
            companyName: 'Atelier Lumière',
            outcome: 'BILLED',
            grossCents: 11880,
            invoice: { __typename: 'Invoice', id: 'i2', number: 'F2026-000021' },
          }),
        ]),
      ],
    });
    const period = await screen.findByLabelText(t.run.period, {}, { timeout: 10_000 });
    expect(period).toHaveValue(CURRENT);
    expect(within(period).getAllByRole('option')).toHaveLength(13);
    await user.selectOptions(period, PREVIOUS);
    await user.click(screen.getByRole('button', { name: t.run.preview }));

    const table = await screen.findByRole('table', { name: /^Sociétés facturées pour / });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    const text = normalized(document.querySelector('.billing-run__summary')?.textContent ?? '');
    expect(text).toContain(normalized('2 sociétés à facturer, pour 177,60 € TTC.'));
    expect(text).toContain('1 déjà facturée pour cette période.');
    expect(text).toContain(normalized('1 en erreur : elle ne sera pas facturée.'));
    const broken = within(table)
      .getByRole('rowheader', { name: /Société sans SIREN/ })
      .closest('tr') as HTMLElement;
    expect(broken).toHaveTextContent('Erreur');
    expect(normalized(broken.textContent ?? '')).toContain('corrigez le SIRET de l’entreprise');
    expect(
      within(table)
        .getByRole('rowheader', { name: /Boulangerie Martin/ })
        .closest('tr'),
    ).toHaveTextContent('F2026-000007');

    await user.click(screen.getByRole('button', { name: /^Lancer la facturation de / }));
    const confirm = await screen.findByRole('dialog', { name: /^Lancer la facturation de / });
    expect(confirm).toHaveTextContent('2 factures seront émises');
    expect(confirm).toHaveTextContent('C’est définitif');
    await user.click(within(confirm).getByRole('button', { name: t.run.confirm }));

    const done = await screen.findByRole('heading', { name: /^Facturation de / });
    await waitFor(() => expect(done).toHaveFocus());
    expect(screen.getByText(normalized('2 factures émises, pour 177,60 € TTC.'))).toBeInTheDocument();
    expect(screen.getByText('F2026-000021')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Lancer la facturation/ })).toBeNull();
  });

  it('opens a company’s billing page from the search under the run', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/operator/billing', { viewer: staff, mocks: [companiesMock, companyMock(), companyInvoicesMock([])] });
    await user.click(await screen.findByRole('button', { name: /^Demo SAS/ }, { timeout: 10_000 }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/operator/billing/demo'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Facturation de Demo SAS' })).toBeInTheDocument();
  });

  it('says why a run is refused', async () => {
    const user = userEvent.setup();
    renderApp('/operator/billing', {
      viewer: staff,
      mocks: [
        companiesMock,
        {
          request: { query: RunInvoicingDocument, variables: { period: CURRENT, dryRun: true } },
          result: {
            errors: [
              new GraphQLError('Invalid', {
                extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'period', code: 'INVOICING_PERIOD_OUT_OF_RANGE' }] },
              }),
            ],
          },
        },
      ],
    });
    await user.click(await screen.findByRole('button', { name: t.run.preview }, { timeout: 10_000 }));
    expect(await screen.findByText(/Seuls le mois en cours et les douze mois précédents/)).toBeInTheDocument();
  });
});
