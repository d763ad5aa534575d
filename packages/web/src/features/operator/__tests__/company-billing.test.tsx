import type { MockLink } from '@apollo/client/testing';
import { validationMessage } from '@guichet/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { todayDay } from '@/lib/invoice-format';
import { operatorBillingFr } from '@/locales/operator-billing/fr';
import { normalized, renderApp } from '@/testing/test-utils';
import { IssueCreditNoteDocument, RecordPaymentDocument, SetPlanDocument, UpdatePlanDocument } from '../api/billing/generated';
import { buildBilled, COMPANY_ID, COMPANY_NAME, companyInvoicesMock, companyMock, PLAN, staff } from './billing-fixtures';

const t = operatorBillingFr;
const INVOICE = buildBilled();
const PARTLY_CREDITED = buildBilled({ id: 'inv-2', number: 'F2026-000011', creditedCents: 1200, remainingCents: 4800 });

async function openPage(mocks: MockLink.MockedResponse[]) {
  const user = userEvent.setup();
  const view = renderApp(`/operator/billing/${COMPANY_ID}`, { viewer: staff, mocks });
  await screen.findByRole('heading', { level: 1, name: `Facturation de ${COMPANY_NAME}` }, { timeout: 10_000 });
  return { user, ...view };
}

const rowOf = (number: string) => screen.getByRole('rowheader', { name: number }).closest('tr') as HTMLElement;
const validationFailed = (fields: { field: string; code: string }[], extensions: Record<string, unknown> = {}) => ({
  errors: [new GraphQLError('Invalid input', { extensions: { code: 'VALIDATION_FAILED', fields, ...extensions } })],
});

describe('operator: a company’s plan', () => {
  it('shows the plan with its price excluding and including VAT', async () => {
    await openPage([companyMock(), companyInvoicesMock([])]);
    const plan = screen.getByRole('region', { name: t.plan.title });
    expect(plan).toHaveTextContent(PLAN.label);
    expect(normalized(plan.textContent ?? '')).toContain(normalized('Mensuelle · 49,00 € HT · TVA 20 % · 58,80 € TTC'));
    expect(within(plan).getByText(t.plan.activeBadge)).toBeInTheDocument();
    expect(await screen.findByText(t.invoices.empty)).toBeInTheDocument();
  });

  it('sets a plan: euros typed the French way are sent in cents, the price with VAT shown as it is typed', async () => {
    const input = { label: 'Domiciliation — offre Sérénité', period: 'YEARLY', priceCents: 49990, vatRate: '20', exemptionReason: null };
    const saved = { ...PLAN, ...input, id: 'plan-2' };
    const { user } = await openPage([
      companyMock(null),
      companyInvoicesMock([]),
      {
        request: { query: SetPlanDocument, variables: { companyId: COMPANY_ID, input } },
        result: { data: { setPlan: saved } },
      },
    ]);
    expect(screen.getByText(normalized(t.plan.none))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t.plan.set }));
    const dialog = await screen.findByRole('dialog', { name: `Formule de ${COMPANY_NAME}` });
    expect(within(dialog).getByLabelText(t.plan.label, { exact: false })).toHaveFocus();
    await user.type(within(dialog).getByLabelText(t.plan.label, { exact: false }), 'Domiciliation — offre Sérénité');
    await user.click(within(dialog).getByRole('radio', { name: /^Annuelle/ }));
    await user.type(within(dialog).getByLabelText(t.plan.price, { exact: false }), '499,90');
    expect(normalized(dialog.textContent ?? '')).toContain(normalized('Soit 599,88 € TTC par période.'));
    await user.click(within(dialog).getByRole('button', { name: t.plan.save }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(`Formule de ${COMPANY_NAME} enregistrée.`)).toBeInTheDocument();
  });

  it('asks for the exemption statement at 0 %, and shows the API’s field errors on their fields', async () => {
    const input = { label: PLAN.label, period: 'MONTHLY', priceCents: 4900, vatRate: '0', exemptionReason: 'TVA non applicable' };
    const { user } = await openPage([
      companyMock(),
      companyInvoicesMock([]),
      {
        request: { query: UpdatePlanDocument, variables: { companyId: COMPANY_ID, input: { ...input, active: true } } },
        result: validationFailed([{ field: 'exemptionReason', code: 'INVOICE_TEXT_INVALID' }]),
      },
    ]);
    await user.click(screen.getByRole('button', { name: t.plan.edit }));
    const dialog = await screen.findByRole('dialog', { name: `Modifier la formule de ${COMPANY_NAME}` });
    expect(within(dialog).getByLabelText(t.plan.price, { exact: false })).toHaveValue('49,00');
    await user.selectOptions(within(dialog).getByLabelText(t.plan.vatRate), '0');
    await user.click(within(dialog).getByRole('button', { name: t.plan.save }));
    const reason = within(dialog).getByLabelText(t.plan.exemptionReason, { exact: false });
    expect(reason).toHaveFocus();
    expect(within(dialog).getByText(normalized(validationMessage('INVOICE_EXEMPTION_REASON_REQUIRED', 'fr')))).toBeInTheDocument();
    await user.type(reason, 'TVA non applicable');
    await user.click(within(dialog).getByRole('button', { name: t.plan.save }));
    expect(await within(dialog).findByText(normalized(validationMessage('INVOICE_TEXT_INVALID', 'fr')))).toBeInTheDocument();
    await waitFor(() => expect(reason).toHaveFocus());
    expect(reason).toHaveValue('TVA non applicable');
  });
});

describe('operator: payments', () => {
  it('records a payment, all of what is due by default, and says what remains', async () => {
    const today = todayDay();
    const { user } = await openPage([
      companyMock(),
      companyInvoicesMock([INVOICE]),
      {
        request: {
          query: RecordPaymentDocument,
          variables: { companyId: COMPANY_ID, invoiceId: INVOICE.id, input: { amountCents: 2000, date: today, method: 'CHECK' } },
        },
        result: { data: { recordPayment: { ...INVOICE, status: 'PARTIALLY_PAID', paidCents: 2000, remainingCents: 4000 } } },
      },
    ]);
    const row = await waitFor(() => rowOf('F2026-000012'));
    await user.click(within(row).getByRole('button', { name: 'Enregistrer un paiement pour F2026-000012' }));
    const dialog = await screen.findByRole('dialog', { name: 'Paiement reçu pour F2026-000012' });
    const amount = within(dialog).getByLabelText(t.payment.amount, { exact: false });
    expect(amount).toHaveValue('60,00');
    expect(amount).toHaveFocus();
    // More than what is due is refused before sending.
    await user.clear(amount);
    await user.type(amount, '61');
    await user.click(within(dialog).getByRole('button', { name: t.payment.submit }));
    expect(within(dialog).getByText(normalized('Le paiement dépasse le reste à payer (60,00 €).'))).toBeInTheDocument();
    await user.clear(amount);
    await user.type(amount, '20');
    await user.selectOptions(within(dialog).getByLabelText(t.payment.method), 'CHECK');
    await user.click(within(dialog).getByRole('button', { name: t.payment.submit }));
    expect(await screen.findByText(normalized('Paiement de 20,00 € enregistré sur F2026-000012 : reste 40,00 €.'))).toBeInTheDocument();
  });

  it('shows the API’s refusal on the amount, with what remains due', async () => {
    const today = todayDay();
    const { user } = await openPage([
      companyMock(),
      companyInvoicesMock([INVOICE]),
      {
        request: {
          query: RecordPaymentDocument,
          variables: { companyId: COMPANY_ID, invoiceId: INVOICE.id, input: { amountCents: 6000, date: today, method: 'TRANSFER' } },
        },
        result: validationFailed([{ field: 'amountCents', code: 'PAYMENT_EXCEEDS_DUE' }], { remainingCents: 1000 }),
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Enregistrer un paiement pour F2026-000012' }));
    const dialog = await screen.findByRole('dialog', { name: 'Paiement reçu pour F2026-000012' });
    await user.click(within(dialog).getByRole('button', { name: t.payment.submit }));
    expect(await within(dialog).findByText(normalized('Le paiement dépasse le reste à payer (10,00 €).'))).toBeInTheDocument();
    expect(within(dialog).getByLabelText(t.payment.amount, { exact: false })).toHaveValue('60,00');
  });
});

describe('operator: credit notes', () => {
  it('credits a whole invoice, with the reason printed on the credit note', async () => {
    const note = buildBilled({
      id: 'note-1',
      kind: 'CREDIT_NOTE',
      number: 'A2026-000002',
      status: null,
      creditedInvoiceNumber: 'F2026-000012',
    });
    const { user } = await openPage([
      companyMock(),
      companyInvoicesMock([INVOICE]),
      {
        request: {
          query: IssueCreditNoteDocument,
          variables: { companyId: COMPANY_ID, invoiceId: INVOICE.id, input: { reason: 'Réexpédition facturée par erreur' } },
        },
        result: { data: { issueCreditNote: note } },
      },
      companyInvoicesMock([note, { ...INVOICE, status: 'CREDITED', creditedCents: 6000, remainingCents: 0 }]),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Émettre un avoir sur F2026-000012' }));
    const dialog = await screen.findByRole('dialog', { name: 'Avoir sur F2026-000012' });
    expect(within(dialog).getByRole('radio', { name: /^Toute la facture/ })).toBeChecked();
    // The reason is required.
    await user.click(within(dialog).getByRole('button', { name: /^Émettre l’avoir de 60,00.€ TTC$/ }));
    expect(within(dialog).getByLabelText(t.creditNote.reason, { exact: false })).toHaveFocus();
    await user.type(within(dialog).getByLabelText(t.creditNote.reason, { exact: false }), 'Réexpédition facturée par erreur');
    await user.click(within(dialog).getByRole('button', { name: /^Émettre l’avoir/ }));
    expect(await screen.findByText(normalized('Avoir A2026-000002 émis sur F2026-000012 : 60,00 € TTC.'))).toBeInTheDocument();
  });

  it('credits part of an invoice: lines from the invoice’s, live totals, never more than what remains to credit', async () => {
    const lines = [{ label: 'Réexpédition de colis', quantity: '1', unitPriceCents: 2500, vatRate: '20' }];
    const { user } = await openPage([
      companyMock(),
      companyInvoicesMock([PARTLY_CREDITED]),
      {
        request: {
          query: IssueCreditNoteDocument,
          variables: { companyId: COMPANY_ID, invoiceId: PARTLY_CREDITED.id, input: { reason: 'Un colis non réexpédié', lines } },
        },
        result: validationFailed([{ field: 'lines', code: 'CREDIT_NOTE_RATE_NOT_ON_INVOICE' }]),
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Émettre un avoir sur F2026-000011' }));
    const dialog = await screen.findByRole('dialog', { name: 'Avoir sur F2026-000011' });
    // Part of it is credited already: only a partial credit note, starting from the invoice's lines.
    expect(within(dialog).getByRole('radio', { name: /^Toute la facture/ })).toBeDisabled();
    expect(within(dialog).getByRole('radio', { name: /^Une partie/ })).toBeChecked();
    const quantity = within(dialog).getByLabelText(t.lines.quantity);
    expect(quantity).toHaveValue('2');
    expect(normalized(within(dialog).getByRole('region', { name: t.totals.title }).textContent ?? '')).toContain(
      normalized('Total TTC60,00 €'),
    );
    await user.type(within(dialog).getByLabelText(t.creditNote.reason, { exact: false }), 'Un colis non réexpédié');
    await user.click(within(dialog).getByRole('button', { name: /^Émettre l’avoir/ }));
    // 60 € > 48 € left to credit: said on the lines, nothing sent.
    expect(within(dialog).getByText(normalized('L’avoir (60,00 € TTC) dépasse le reste à créditer (48,00 € TTC).'))).toBeInTheDocument();
    await user.clear(quantity);
    await user.type(quantity, '1');
    expect(within(dialog).getByRole('button', { name: /^Émettre l’avoir de 30,00.€ TTC$/ })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: /^Émettre l’avoir/ }));
    expect(await within(dialog).findByText(normalized(validationMessage('CREDIT_NOTE_RATE_NOT_ON_INVOICE', 'fr')))).toBeInTheDocument();
    expect(quantity).toHaveValue('1');
  });
});
