import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fr } from '@/locales/fr';
import { invoicesEn } from '@/locales/invoices/en';
import { invoicesFr } from '@/locales/invoices/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { normalized, renderApp } from '@/testing/test-utils';
import { PAGE_SIZE } from '../utils/filters';
import { openFileUrl } from '../utils/open-file-url';
import {
  buildInvoice,
  COMPANY_ID,
  COMPANY_NAME,
  CREDIT_NOTE,
  exportMock,
  FEBRUARY,
  INVOICES,
  invoicesMock,
  invoicesViewer,
  MARCH,
  totalsMock,
} from './invoice-fixtures';

jest.mock('../utils/open-file-url', () => ({ openFileUrl: jest.fn() }));

const t = invoicesFr;
/** The page's title, once its lazily loaded chunk is in (the first test of a file compiles it). */
const pageTitle = () => screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
const table = () => screen.getByRole('table', { name: `Factures et avoirs de ${COMPANY_NAME}` });
const rowOf = (number: string) => screen.getByRole('rowheader', { name: new RegExp(`^${number}`) }).closest('tr') as HTMLElement;
const numbers = () => screen.getAllByRole('rowheader').map((cell) => within(cell).getByRole('link').textContent?.split(',')[0]);

beforeEach(() => {
  jest.mocked(openFileUrl).mockClear();
});

describe('Factures: the list', () => {
  it('shows what is due at the top, then each invoice with its amounts in euros, status and due date', async () => {
    renderApp('/c/acme/invoices', { viewer: invoicesViewer(), mocks: [totalsMock(), invoicesMock({ invoices: INVOICES })] });
    expect(await pageTitle()).toHaveTextContent(fr.pages.invoices.title);
    const totals = await screen.findByRole('region', { name: t.totals.label });
    expect(normalized(totals.textContent ?? '')).toContain('À payer97,60 €2 factures');
    expect(normalized(totals.textContent ?? '')).toContain('Dont en retard38,80 €1 facture');

    await screen.findByText('3 documents');
    expect(
      within(table())
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(Object.values(t.list.columns));
    expect(numbers()).toEqual(['F2026-000003', 'F2026-000002', 'A2026-000001']);

    const march = rowOf('F2026-000003');
    expect(normalized(march.textContent ?? '')).toContain('1 mars 2026');
    expect(normalized(march.textContent ?? '')).toContain('mars 2026'); // the period: a whole month
    expect(normalized(march.textContent ?? '')).toContain('49,00 €');
    expect(normalized(march.textContent ?? '')).toContain('58,80 €');
    expect(within(march).getByText(t.statuses.DUE)).toBeInTheDocument();
    expect(normalized(march.textContent ?? '')).toContain('31 mars 2099');

    // Overdue is derived by the API: the badge says it, and that part of it was paid.
    const february = rowOf('F2026-000002');
    expect(within(february).getByText(t.statuses.OVERDUE)).toBeInTheDocument();
    expect(within(february).getByText(t.statuses.PARTIALLY_PAID)).toBeInTheDocument();
    expect(normalized(february.textContent ?? '')).toContain('Reste 38,80 €');
    expect(february).toHaveClass('is-overdue');

    // A credit note counts against what is owed, names the invoice it corrects, and has no due date.
    const credit = rowOf('A2026-000001');
    expect(normalized(credit.textContent ?? '')).toContain('Avoir sur F2026-000001');
    expect(normalized(credit.textContent ?? '')).toContain('-14,40 €');
    expect(within(credit).getByText(t.statuses.CREDIT_NOTE)).toBeInTheDocument();
    expect(credit.lastElementChild).toHaveTextContent('—');
  });

  it('explains an empty space: where invoices come from, and who gets an email', async () => {
    renderApp('/c/acme/invoices', {
      viewer: invoicesViewer(),
      mocks: [totalsMock({ dueCents: 0, dueCount: 0, overdueCents: 0, overdueCount: 0 }), invoicesMock({ invoices: [] })],
    });
    expect(await screen.findByText(t.list.emptyAll)).toBeInTheDocument();
    expect(screen.getByText(normalized(t.list.emptyAllHint))).toBeInTheDocument();
    expect(
      screen.getByText(`Les contacts facturation de ${COMPANY_NAME} reçoivent un e-mail à chaque nouvelle facture.`),
    ).toBeInTheDocument();
    expect(await screen.findByText(normalized(t.totals.nothingDue))).toBeInTheDocument();
    // Nothing to export.
    expect(screen.getByRole('button', { name: t.export.csv })).toBeDisabled();
  });

  it('brings the next page over the cursor and moves focus to the first new invoice', async () => {
    const user = userEvent.setup();
    const first = Array.from({ length: PAGE_SIZE }, (_, index) =>
      buildInvoice({ id: `p1-${index}`, number: `F2025-${String(100 - index)}` }),
    );
    const next = [buildInvoice({ id: 'p2-0', number: 'F2025-000001' })];
    renderApp('/c/acme/invoices', {
      viewer: invoicesViewer(),
      mocks: [
        totalsMock(),
        invoicesMock({ invoices: first, total: PAGE_SIZE + 1, hasNextPage: true }),
        invoicesMock({ invoices: next, total: PAGE_SIZE + 1, after: `cursor-p1-${PAGE_SIZE - 1}` }),
      ],
    });
    await screen.findByText(`${PAGE_SIZE + 1} documents`);
    expect(screen.getByText(`· ${PAGE_SIZE} affichés sur ${PAGE_SIZE + 1}`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t.list.loadMore }));
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(PAGE_SIZE + 1));
    await waitFor(() => expect(screen.getByRole('link', { name: /^F2025-000001/ })).toHaveFocus());
    expect(screen.queryByRole('button', { name: t.list.loadMore })).toBeNull();
  });

  it('shows cards on a narrow screen, with the same content', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as unknown as typeof window.matchMedia;
    try {
      renderApp('/c/acme/invoices', { viewer: invoicesViewer(), mocks: [totalsMock(), invoicesMock({ invoices: INVOICES })] });
      const list = await screen.findByRole('list', { name: `Factures et avoirs de ${COMPANY_NAME}` });
      expect(screen.queryByRole('table')).toBeNull();
      const cards = within(list).getAllByRole('listitem');
      expect(cards).toHaveLength(3);
      expect(normalized(cards[1]?.textContent ?? '')).toContain('58,80 € TTC');
      expect(normalized(cards[1]?.textContent ?? '')).toContain('Échéance le 3 mars 2026');
      expect(within(cards[1] as HTMLElement).getByText(t.statuses.OVERDUE)).toBeInTheDocument();
      // The filters fold under a button.
      expect(screen.getByRole('button', { name: t.filters.toggle })).toHaveAttribute('aria-expanded', 'false');
    } finally {
      window.matchMedia = original;
    }
  });

  it('speaks English, amounts in the English way', async () => {
    const viewer = buildViewer({ locale: 'EN', memberships: invoicesViewer().memberships });
    renderApp('/c/acme/invoices', { viewer, locale: 'en', mocks: [totalsMock(), invoicesMock({ invoices: INVOICES })] });
    expect(await pageTitle()).toHaveTextContent('Invoices');
    await screen.findByText('3 documents');
    expect(screen.getByRole('table', { name: `Invoices and credit notes of ${COMPANY_NAME}` })).toBeInTheDocument();
    expect(within(rowOf('F2026-000002')).getByText(invoicesEn.statuses.OVERDUE)).toBeInTheDocument();
    expect(rowOf('F2026-000003')).toHaveTextContent('€58.80');
    expect(screen.getByRole('button', { name: invoicesEn.export.csv })).toBeInTheDocument();
  });
});

describe('Factures: filters live in the URL', () => {
  it('reads the filters of a shared link and asks the API for exactly that list', async () => {
    renderApp('/c/acme/invoices?q=F2026&status=OVERDUE&year=2026', {
      viewer: invoicesViewer(),
      mocks: [totalsMock(), invoicesMock({ invoices: [FEBRUARY], filter: { search: 'F2026', overdue: true, year: 2026 } })],
    });
    await screen.findByText('1 document');
    expect(numbers()).toEqual(['F2026-000002']);
    expect(screen.getByRole('searchbox', { name: t.filters.search })).toHaveValue('F2026');
    expect(screen.getByLabelText(t.filters.status)).toHaveValue('OVERDUE');
    expect(screen.getByLabelText(t.filters.year)).toHaveValue('2026');
    // The figure's own list is shown: its button is not offered.
    expect(screen.queryByRole('button', { name: t.totals.showOverdue })).toBeNull();
  });

  it('writes each change to the URL; the back button brings the previous list back', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/c/acme/invoices', {
      viewer: invoicesViewer(),
      mocks: [
        totalsMock(),
        invoicesMock({ invoices: INVOICES }),
        invoicesMock({ invoices: [CREDIT_NOTE], filter: { kind: 'CREDIT_NOTE' } }),
        invoicesMock({ invoices: [CREDIT_NOTE], filter: { kind: 'CREDIT_NOTE', year: 2026 } }),
        invoicesMock({ invoices: [MARCH], filter: { search: 'mars' } }),
        invoicesMock({ invoices: [FEBRUARY], filter: { search: 'mars', overdue: true } }),
      ],
    });
    await screen.findByText('3 documents');
    await user.selectOptions(screen.getByLabelText(t.filters.status), 'CREDIT_NOTE');
    expect(router.state.location.search).toBe('?status=CREDIT_NOTE');
    await waitFor(() => expect(numbers()).toEqual(['A2026-000001']));
    await user.selectOptions(screen.getByLabelText(t.filters.year), '2026');
    expect(router.state.location.search).toBe('?status=CREDIT_NOTE&year=2026');
    await screen.findByText('1 document');

    await act(() => router.navigate(-1));
    await waitFor(() => expect(screen.getByLabelText(t.filters.year)).toHaveValue(''));
    await user.click(screen.getByRole('button', { name: t.filters.clear }));
    expect(router.state.location.search).toBe('');
    await waitFor(() => expect(numbers()).toHaveLength(3));

    await user.type(screen.getByRole('searchbox', { name: t.filters.search }), 'mars');
    await user.click(screen.getByRole('button', { name: t.filters.searchSubmit }));
    expect(router.state.location.search).toBe('?q=mars');
    await waitFor(() => expect(numbers()).toEqual(['F2026-000003']));

    // "Voir les factures en retard" from the totals is the OVERDUE filter.
    await user.click(screen.getByRole('button', { name: t.totals.showOverdue }));
    expect(router.state.location.search).toBe('?q=mars&status=OVERDUE');
    await waitFor(() => expect(numbers()).toEqual(['F2026-000002']));
  });

  it('says when nothing matches, and clears the filters in one click', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/c/acme/invoices?status=PAID', {
      viewer: invoicesViewer(),
      mocks: [totalsMock(), invoicesMock({ invoices: [], filter: { status: 'PAID' } }), invoicesMock({ invoices: INVOICES })],
    });
    expect(await screen.findByText(t.list.empty)).toBeInTheDocument();
    const empty = screen.getByText(t.list.empty).closest('.empty-state') as HTMLElement;
    await user.click(within(empty).getByRole('button', { name: t.filters.clear }));
    expect(router.state.location.search).toBe('');
    await screen.findByText('3 documents');
  });

  it('ignores malformed filters rather than sending them', async () => {
    renderApp('/c/acme/invoices?status=LOST&year=20x6', {
      viewer: invoicesViewer(),
      mocks: [totalsMock(), invoicesMock({ invoices: INVOICES })],
    });
    await screen.findByText('3 documents');
    expect(screen.getByLabelText(t.filters.status)).toHaveValue('');
  });
});

describe('Factures: exports of the current filter', () => {
  it('prepares the CSV of the filter, says so, then sends the browser to the signed link', async () => {
    const user = userEvent.setup();
    renderApp('/c/acme/invoices?year=2026', {
      viewer: invoicesViewer(),
      mocks: [totalsMock(), invoicesMock({ invoices: INVOICES, filter: { year: 2026 } }), exportMock('CSV', 3, { year: 2026 })],
    });
    await screen.findByText('3 documents');
    await user.click(screen.getByRole('button', { name: t.export.csv }));
    expect(await screen.findByText(t.export.preparingCsv)).toBeInTheDocument();
    expect(await screen.findByText(normalized('Export de 3 documents : le téléchargement commence.'))).toBeInTheDocument();
    expect(openFileUrl).toHaveBeenCalledWith('http://localhost/files/invoice-exports/signed-csv');
  });

  it('prepares the ZIP of the PDFs the same way, and says when a filter has nothing to export', async () => {
    const user = userEvent.setup();
    renderApp('/c/acme/invoices', {
      viewer: invoicesViewer(),
      mocks: [totalsMock(), invoicesMock({ invoices: INVOICES }), exportMock('ZIP', 3), exportMock('CSV', 0)],
    });
    await screen.findByText('3 documents');
    await user.click(screen.getByRole('button', { name: t.export.zip }));
    expect(await screen.findByText(t.export.preparingZip)).toBeInTheDocument();
    await waitFor(() => expect(openFileUrl).toHaveBeenCalledWith('http://localhost/files/invoice-exports/signed-zip'));
    await user.click(screen.getByRole('button', { name: t.export.csv }));
    expect(await screen.findByText(t.export.empty)).toBeInTheDocument();
    expect(openFileUrl).toHaveBeenCalledTimes(1);
  });
});

describe('Factures: who may open it', () => {
  it('is a no-access page for a member without Facturation, even from an invoice’s link, with no request', async () => {
    const viewer = buildViewer({ memberships: [buildMembership(['COURRIER'], { id: COMPANY_ID, name: COMPANY_NAME })] });
    renderApp('/c/acme/invoices/inv-march', { viewer });
    expect(await pageTitle()).toHaveTextContent(fr.errors.noAccess.title);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('navigation', { name: fr.shell.mainNav })).not.toHaveTextContent(fr.nav.invoices);
  });
});
