import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoicesFr } from '@/locales/invoices/fr';
import { normalized, renderApp } from '@/testing/test-utils';
import { openFileUrl } from '../utils/open-file-url';
import {
  COMPANY_NAME,
  CREDIT_NOTE,
  INVOICES,
  invoiceMock,
  invoicesMock,
  invoicesViewer,
  linkMock,
  MARCH,
  totalsMock,
} from './invoice-fixtures';

jest.mock('../utils/open-file-url', () => ({ openFileUrl: jest.fn() }));

const t = invoicesFr;
const listMocks = () => [totalsMock(), invoicesMock({ invoices: INVOICES })];

beforeEach(() => {
  jest.mocked(openFileUrl).mockClear();
});

describe('Factures: the preview of an invoice', () => {
  it('opens from the number: its figures and the Factur-X PDF in a frame on a signed INLINE link', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/c/acme/invoices?year=2026', {
      viewer: invoicesViewer(),
      mocks: [
        totalsMock(),
        invoicesMock({ invoices: INVOICES, filter: { year: 2026 } }),
        invoiceMock(MARCH),
        linkMock(MARCH.id, 'PDF', 'INLINE'),
        linkMock(MARCH.id, 'PDF', 'ATTACHMENT'),
        linkMock(MARCH.id, 'XML', 'ATTACHMENT'),
      ],
    });
    const link = await screen.findByRole('link', { name: /^F2026-000003/ });
    expect(link).toHaveAccessibleName(/^F2026-000003 ?, émise le 1 mars 2026$/);
    await user.click(link);
    // Same page, the preview in the URL (the filters stay).
    expect(router.state.location.pathname).toBe('/c/acme/invoices');
    expect(new URLSearchParams(router.state.location.search).get('invoice')).toBe(MARCH.id);
    expect(new URLSearchParams(router.state.location.search).get('year')).toBe('2026');

    const dialog = await screen.findByRole('dialog', { name: 'Facture F2026-000003' });
    // The frame comes once the invoice's details are in (a wrong id asks for no link).
    const frame = await within(dialog).findByTitle('Aperçu PDF de F2026-000003');
    expect(frame).toHaveAttribute('src', `http://localhost/files/invoices/acme/${MARCH.id}/pdf?d=inline`);
    const facts = normalized(dialog.textContent ?? '');
    for (const part of [
      'Total HT49,00 €',
      'TVA9,80 €',
      'TVA 20 % : 9,80 €',
      'Total TTC58,80 €',
      'Reste à payer58,80 €',
      'Échéance31 mars 2099',
    ]) {
      expect(facts).toContain(normalized(part));
    }

    await user.click(within(dialog).getByRole('button', { name: 'Télécharger le PDF Factur-X de F2026-000003' }));
    await waitFor(() => expect(openFileUrl).toHaveBeenCalledWith(`http://localhost/files/invoices/acme/${MARCH.id}/pdf?d=attachment`));
    expect(await within(dialog).findByText(t.preview.downloadStarted)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Télécharger le XML de F2026-000003 (norme EN 16931)' }));
    await waitFor(() => expect(openFileUrl).toHaveBeenCalledWith(`http://localhost/files/invoices/acme/${MARCH.id}/xml?d=attachment`));

    // Closing goes back to the list as it was; focus returns to the number.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.search).toBe('?year=2026');
    await waitFor(() => expect(screen.getByRole('link', { name: /^F2026-000003/ })).toHaveFocus());
  });

  it('opens straight from the link of the notification email, /c/:companyId/invoices/:invoiceId', async () => {
    const user = userEvent.setup();
    const { router } = renderApp(`/c/acme/invoices/${MARCH.id}`, {
      viewer: invoicesViewer(),
      mocks: [...listMocks(), invoiceMock(MARCH), linkMock(MARCH.id, 'PDF', 'INLINE')],
    });
    const dialog = await screen.findByRole('dialog', { name: 'Facture F2026-000003' }, { timeout: 10_000 });
    expect(await within(dialog).findByTitle('Aperçu PDF de F2026-000003')).toBeInTheDocument();
    // The footer's "Fermer" (the header's × has the same name).
    await user.click(within(dialog).getAllByRole('button', { name: 'Fermer' }).at(-1) as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe('/c/acme/invoices'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('3 documents')).toBeInTheDocument();
  });

  it('says when the invoice of a link cannot be found, and asks for no file link', async () => {
    renderApp('/c/acme/invoices/not-an-invoice', {
      viewer: invoicesViewer(),
      mocks: [...listMocks(), invoiceMock(null, 'not-an-invoice')],
    });
    const dialog = await screen.findByRole('dialog', { name: t.preview.details });
    expect(await within(dialog).findByText(normalized(t.preview.notFound.replace('{{company}}', COMPANY_NAME)))).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /Télécharger/ })).toBeNull();
    expect(within(dialog).queryByTitle(/Aperçu PDF/)).toBeNull();
  });

  it('links a credit note and the invoice it corrects', async () => {
    const user = userEvent.setup();
    const { router } = renderApp(`/c/acme/invoices?invoice=${CREDIT_NOTE.id}`, {
      viewer: invoicesViewer(),
      mocks: [...listMocks(), invoiceMock(CREDIT_NOTE), linkMock(CREDIT_NOTE.id, 'PDF', 'INLINE')],
    });
    const dialog = await screen.findByRole('dialog', { name: 'Avoir A2026-000001' });
    expect(within(dialog).queryByText(t.preview.fields.dueDate)).toBeNull();
    await user.click(within(dialog).getByRole('link', { name: 'F2026-000001' }));
    expect(new URLSearchParams(router.state.location.search).get('invoice')).toBe('inv-forwarding');
  });
});
