import type { MockLink } from '@apollo/client/testing';
import { validationMessage } from '@guichet/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { addDaysTo, todayDay } from '@/lib/invoice-format';
import { operatorBillingFr } from '@/locales/operator-billing/fr';
import { normalized, renderApp } from '@/testing/test-utils';
import { IssueInvoiceDocument } from '../api/billing/generated';
import { buildBilled, COMPANY_ID, COMPANY_NAME, companyMock, staff } from './billing-fixtures';

const t = operatorBillingFr;
const DUE = addDaysTo(todayDay(), 20);

const INPUT = {
  lines: [
    { label: 'Réexpédition de colis', quantity: '2.5', unitPriceCents: 1234, vatRate: '20' },
    { label: 'Frais de dossier', quantity: '3', unitPriceCents: 3, vatRate: '20' },
    { label: 'Timbres', quantity: '1', unitPriceCents: 1000, vatRate: '0', exemptionReason: 'Exonération de TVA, article 261 C du CGI' },
  ],
  periodStart: '2026-03-01',
  periodEnd: '2026-03-31',
  dueDate: DUE,
};

function issueMock(result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: IssueInvoiceDocument, variables: { companyId: COMPANY_ID, input: INPUT } }, result };
}

const line = (index: number) => screen.getByRole('group', { name: `Ligne ${index}` });

async function openForm(mocks: MockLink.MockedResponse[] = [companyMock()]) {
  const user = userEvent.setup();
  const view = renderApp(`/operator/billing/${COMPANY_ID}/new`, { viewer: staff, mocks });
  await screen.findByRole('heading', { level: 1, name: t.invoiceForm.title }, { timeout: 10_000 });
  await screen.findByText(`Une facture ponctuelle pour ${COMPANY_NAME}`, { exact: false });
  return { user, ...view };
}

async function fillLines(user: ReturnType<typeof userEvent.setup>) {
  await user.type(within(line(1)).getByLabelText(t.lines.label), 'Réexpédition de colis');
  await user.clear(within(line(1)).getByLabelText(t.lines.quantity));
  await user.type(within(line(1)).getByLabelText(t.lines.quantity), '2,5');
  await user.type(within(line(1)).getByLabelText(t.lines.unitPrice), '12,34');
  await user.click(screen.getByRole('button', { name: t.lines.add }));
  expect(within(line(2)).getByLabelText(t.lines.label)).toHaveFocus();
  await user.type(within(line(2)).getByLabelText(t.lines.label), 'Frais de dossier');
  await user.clear(within(line(2)).getByLabelText(t.lines.quantity));
  await user.type(within(line(2)).getByLabelText(t.lines.quantity), '3');
  await user.type(within(line(2)).getByLabelText(t.lines.unitPrice), '0,03');
  await user.click(screen.getByRole('button', { name: t.lines.add }));
  await user.type(within(line(3)).getByLabelText(t.lines.label), 'Timbres');
  await user.type(within(line(3)).getByLabelText(t.lines.unitPrice), '10');
  await user.selectOptions(within(line(3)).getByLabelText(t.lines.vatRate), '0');
  await user.type(within(line(3)).getByLabelText(t.lines.exemptionReason, { exact: false }), 'Exonération de TVA, article 261 C du CGI');
  fireEvent.change(screen.getByLabelText(t.invoiceForm.periodStart), { target: { value: '2026-03-01' } });
  fireEvent.change(screen.getByLabelText(t.invoiceForm.periodEnd), { target: { value: '2026-03-31' } });
  fireEvent.change(screen.getByLabelText(t.invoiceForm.dueDate), { target: { value: DUE } });
}

/** The texts a field is described by (its error first), whitespace normalised. */
const description = (element: HTMLElement) =>
  normalized(
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

const totalsText = () => normalized(screen.getByRole('region', { name: t.totals.title }).textContent ?? '');

describe('operator: Nouvelle facture', () => {
  it('computes the totals as they are typed, by the API’s rounding rule', async () => {
    const { user } = await openForm();
    await fillLines(user);
    // 2.5 × 12,34 € = 30,85 €; 3 × 0,03 € = 0,09 €; VAT at 20 % once on their sum, 30,94 €: 6,188 → 6,19 €.
    expect(normalized(within(line(1)).getByRole('status', { hidden: true })?.textContent ?? '')).toBe(normalized('30,85 €'));
    expect(normalized(within(line(2)).getByRole('status', { hidden: true })?.textContent ?? '')).toBe(normalized('0,09 €'));
    const totals = totalsText();
    expect(totals).toContain(normalized('Total HT40,94 €'));
    expect(totals).toContain(normalized('TVA 20 % sur 30,94 €6,19 €'));
    expect(totals).toContain(normalized('TVA 0 % sur 10,00 €0,00 €'));
    expect(totals).toContain(normalized('Total TTC47,13 €'));

    // A line whose price is not a number yet counts for nothing, and says so.
    await user.clear(within(line(2)).getByLabelText(t.lines.unitPrice));
    await user.type(within(line(2)).getByLabelText(t.lines.unitPrice), '0,0x');
    expect(totalsText()).toContain(normalized('Total HT40,85 €'));
    expect(totalsText()).toContain(t.totals.incomplete);
  });

  it('checks every field before sending, focuses the first one at fault, and sends nothing', async () => {
    const { user } = await openForm();
    await user.click(screen.getByRole('button', { name: t.invoiceForm.submit }));
    const label = within(line(1)).getByLabelText(t.lines.label);
    expect(label).toHaveFocus();
    expect(description(label)).toContain(normalized(validationMessage('INVOICE_LABEL_REQUIRED', 'fr')));
    expect(description(within(line(1)).getByLabelText(t.lines.unitPrice))).toContain(t.issues.AMOUNT_REQUIRED);
    await user.type(within(line(1)).getByLabelText(t.lines.unitPrice), '12,345');
    expect(description(within(line(1)).getByLabelText(t.lines.unitPrice))).toContain(normalized(t.issues.PRICE_INVALID));
    await user.selectOptions(within(line(1)).getByLabelText(t.lines.vatRate), '0');
    await user.click(screen.getByRole('button', { name: t.invoiceForm.submit }));
    expect(description(within(line(1)).getByLabelText(t.lines.exemptionReason, { exact: false }))).toContain(
      normalized(validationMessage('INVOICE_EXEMPTION_REASON_REQUIRED', 'fr')),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks before issuing, with the amount, then says which number the invoice took', async () => {
    const { user } = await openForm([
      companyMock(),
      issueMock({ data: { issueInvoice: buildBilled({ number: 'F2026-000013', grossCents: 4713, dueDate: DUE }) } }),
    ]);
    await fillLines(user);
    await user.click(screen.getByRole('button', { name: t.invoiceForm.submit }));
    const confirm = await screen.findByRole('dialog', { name: /^Émettre la facture de 47,13.€ TTC.\?$/ });
    expect(confirm).toHaveTextContent('C’est définitif');
    expect(within(confirm).getByRole('button', { name: 'Annuler' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: t.invoiceForm.confirm }));
    const done = await screen.findByRole('heading', { name: 'Facture F2026-000013 émise' });
    await waitFor(() => expect(done).toHaveFocus());
    expect(screen.getByText(/47,13.€ TTC pour Demo SAS/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: `Voir la facturation de ${COMPANY_NAME}` })).toHaveAttribute(
      'href',
      `/operator/billing/${COMPANY_ID}`,
    );
  });

  it('puts the API’s field errors on their fields and keeps everything typed', async () => {
    const { user } = await openForm([
      companyMock(),
      issueMock({
        errors: [
          new GraphQLError('Invalid input', {
            extensions: {
              code: 'VALIDATION_FAILED',
              fields: [
                { field: 'lines[1].quantity', code: 'INVOICE_QUANTITY_INVALID' },
                { field: 'dueDate', code: 'INVOICE_DUE_DATE_TOO_LATE' },
              ],
            },
          }),
        ],
      }),
    ]);
    await fillLines(user);
    await user.click(screen.getByRole('button', { name: t.invoiceForm.submit }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: t.invoiceForm.confirm }));
    expect(await screen.findByText(normalized(t.invoiceForm.fixFields))).toBeInTheDocument();
    const quantity = within(line(2)).getByLabelText(t.lines.quantity);
    await waitFor(() => expect(quantity).toHaveFocus());
    expect(description(quantity)).toContain(normalized(validationMessage('INVOICE_QUANTITY_INVALID', 'fr')));
    expect(description(screen.getByLabelText(t.invoiceForm.dueDate))).toContain(
      normalized(validationMessage('INVOICE_DUE_DATE_TOO_LATE', 'fr')),
    );
    // Nothing typed is lost.
    expect(within(line(1)).getByLabelText(t.lines.label)).toHaveValue('Réexpédition de colis');
    expect(quantity).toHaveValue('3');
    expect(within(line(3)).getByLabelText(t.lines.exemptionReason, { exact: false })).toHaveValue(
      'Exonération de TVA, article 261 C du CGI',
    );
    // Editing the field clears the API's verdict on it.
    await user.type(quantity, '0');
    expect(description(quantity)).not.toContain('quantité');
  });
});
