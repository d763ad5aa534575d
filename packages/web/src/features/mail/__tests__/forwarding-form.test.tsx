import { validationMessage } from '@guichet/shared';
import type { MockLink } from '@apollo/client/testing';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { mailFr } from '@/locales/mail/fr';
import { renderApp } from '@/testing/test-utils';
import { ForwardingRequestsDocument, RequestForwardingDocument, type ForwardingRequestSummaryFragment } from '../api/generated';
import { addressMock, BANQUE, COMPANY_ID, GREFFE, ITEMS, mailItemsMock, mailViewer, tagsMock, URSSAF } from './mail-fixtures';

// The page is a lazily loaded chunk with several requests: leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const t = mailFr;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const request: ForwardingRequestSummaryFragment = {
  __typename: 'ForwardingRequest',
  id: 'fwd-1',
  status: 'REQUESTED',
  itemCount: 2,
  createdAt: '2026-03-05T10:00:00.000Z',
  processedAt: null,
  requestedByName: 'Camille Martin',
  address: { __typename: 'Address', line1: '8 avenue Foch', line2: null, postalCode: '75009', city: 'Paris', country: 'FR' },
  items: [
    { __typename: 'MailItem', id: URSSAF.id, sender: URSSAF.sender, receivedAt: URSSAF.receivedAt, status: 'FORWARD_REQUESTED' },
    { __typename: 'MailItem', id: BANQUE.id, sender: BANQUE.sender, receivedAt: BANQUE.receivedAt, status: 'FORWARD_REQUESTED' },
  ],
};

const requestsMock: MockLink.MockedResponse = {
  request: { query: ForwardingRequestsDocument, variables: { companyId: COMPANY_ID, first: 20 } },
  maxUsageCount: 10,
  result: {
    data: {
      company: {
        __typename: 'Company',
        id: COMPANY_ID,
        forwardingRequests: {
          __typename: 'ForwardingRequestConnection',
          edges: [{ __typename: 'ForwardingRequestEdge', cursor: 'c1', node: request }],
          pageInfo: { __typename: 'PageInfo', endCursor: 'c1', hasNextPage: false },
        },
      },
    },
  },
};

/** Two answers to requestForwarding: a failure (the answer is lost), then the request; records the keys sent. */
function forwardingMocks(keys: string[]): MockLink.MockedResponse[] {
  const expected = {
    companyId: COMPANY_ID,
    mailItemIds: [URSSAF.id, BANQUE.id],
    address: { line1: '8 avenue Foch', line2: null, postalCode: '75009', city: 'Paris', country: 'FR' },
  };
  const matches = (variables: Record<string, unknown>) =>
    JSON.stringify({ ...variables, idempotencyKey: undefined }) === JSON.stringify({ ...expected, idempotencyKey: undefined });
  return [
    {
      request: { query: RequestForwardingDocument, variables: matches },
      result: (variables: Record<string, unknown>) => {
        keys.push(String(variables.idempotencyKey));
        return { errors: [new GraphQLError('Unexpected', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
      },
    },
    {
      request: { query: RequestForwardingDocument, variables: matches },
      // Answers twice if asked twice: a duplicate request would show in `keys`.
      maxUsageCount: 2,
      delay: 50,
      result: (variables: Record<string, unknown>) => {
        keys.push(String(variables.idempotencyKey));
        return { data: { requestForwarding: request } };
      },
    },
  ];
}

async function openForwardingForm(mocks: MockLink.MockedResponse[]) {
  const user = userEvent.setup();
  const view = renderApp('/c/acme/mail', {
    viewer: mailViewer(),
    mocks: [tagsMock(), mailItemsMock({ items: ITEMS }), addressMock(), ...mocks],
  });
  await screen.findByRole('heading', { level: 1 }, { timeout: 10_000 });
  await screen.findByText('3 courriers');
  await user.click(screen.getByRole('checkbox', { name: /URSSAF/ }));
  await user.click(screen.getByRole('checkbox', { name: /Banque Populaire/ }));
  await user.click(screen.getByRole('checkbox', { name: /Greffe/ }));
  await user.click(screen.getByRole('button', { name: t.selection.forward }));
  const dialog = await screen.findByRole('dialog', { name: 'Réexpédier 2 courriers' });
  await within(dialog).findByLabelText(t.forwarding.line1);
  return { user, dialog, ...view };
}

describe('forwarding form (réexpédition)', () => {
  it('starts from the company’s address and leaves out letters already on their way', async () => {
    const { dialog } = await openForwardingForm([]);
    expect(within(dialog).getByLabelText(t.forwarding.line1)).toHaveValue('12 rue de la Paix');
    expect(within(dialog).getByLabelText(t.forwarding.line2)).toHaveValue('');
    expect(within(dialog).getByLabelText(t.forwarding.postalCode)).toHaveValue('75002');
    expect(within(dialog).getByLabelText(t.forwarding.city)).toHaveValue('Paris');
    expect(within(dialog).getByLabelText(t.forwarding.country)).toHaveValue('FR');
    expect(dialog).toHaveTextContent('1 courrier sélectionné est déjà en cours de réexpédition ou réexpédié');
    const list = within(dialog).getByText(t.forwarding.items).nextElementSibling as HTMLElement;
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent?.split(' —')[0]),
    ).toEqual([URSSAF.sender, BANQUE.sender]);
    expect(within(list).queryByText(GREFFE.sender)).toBeNull();
  });

  it('checks the address with the shared rules before sending anything', async () => {
    const { user, dialog } = await openForwardingForm([]);
    const postalCode = within(dialog).getByLabelText(t.forwarding.postalCode);
    await user.clear(postalCode);
    await user.type(postalCode, '7500');
    await user.clear(within(dialog).getByLabelText(t.forwarding.city));
    await user.click(within(dialog).getByRole('button', { name: t.forwarding.submit }));
    expect(postalCode).toHaveAttribute('aria-invalid', 'true');
    expect(postalCode).toHaveAccessibleDescription(validationMessage('POSTAL_CODE_INVALID', 'fr'));
    expect(within(dialog).getByLabelText(t.forwarding.city)).toHaveAccessibleDescription(validationMessage('CITY_REQUIRED', 'fr'));
    expect(postalCode).toHaveFocus();
    // No mock answers requestForwarding: had the form sent it, an error would show.
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('reuses its idempotency key when the person retries, and a double click sends one request', async () => {
    const keys: string[] = [];
    const { user, dialog } = await openForwardingForm([...forwardingMocks(keys), requestsMock]);
    await user.clear(within(dialog).getByLabelText(t.forwarding.line1));
    await user.type(within(dialog).getByLabelText(t.forwarding.line1), '8 avenue Foch');
    await user.clear(within(dialog).getByLabelText(t.forwarding.postalCode));
    await user.type(within(dialog).getByLabelText(t.forwarding.postalCode), '75009');

    await user.click(within(dialog).getByRole('button', { name: t.forwarding.submit }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(t.forwarding.failed);
    await user.dblClick(within(dialog).getByRole('button', { name: t.forwarding.submit }));

    expect(await screen.findByText('Réexpédition demandée pour 2 courriers.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);

    // The request and its status, in the Réexpéditions tab.
    await user.click(screen.getByRole('button', { name: t.forwarding.seeRequests }));
    const table = await screen.findByRole('table', { name: /Demandes de réexpédition de ACME SAS/ });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(row).toHaveTextContent('2 courriers');
    expect(row).toHaveTextContent('8 avenue Foch');
    expect(within(row).getByText(t.forwardingStatuses.REQUESTED)).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: /Annuler la demande de réexpédition du/ })).toBeInTheDocument();
  });

  it('starts a new key with a new form', async () => {
    const keys: string[] = [];
    const { user, dialog } = await openForwardingForm(forwardingMocks(keys));
    await user.clear(within(dialog).getByLabelText(t.forwarding.line1));
    await user.type(within(dialog).getByLabelText(t.forwarding.line1), '8 avenue Foch');
    await user.clear(within(dialog).getByLabelText(t.forwarding.postalCode));
    await user.type(within(dialog).getByLabelText(t.forwarding.postalCode), '75009');
    await user.click(within(dialog).getByRole('button', { name: t.forwarding.submit }));
    await within(dialog).findByRole('alert');
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: t.selection.forward }));
    const again = await screen.findByRole('dialog', { name: 'Réexpédier 2 courriers' });
    expect(within(again).getByLabelText(t.forwarding.line1)).toHaveValue('12 rue de la Paix');
    await user.clear(within(again).getByLabelText(t.forwarding.line1));
    await user.type(within(again).getByLabelText(t.forwarding.line1), '8 avenue Foch');
    await user.clear(within(again).getByLabelText(t.forwarding.postalCode));
    await user.type(within(again).getByLabelText(t.forwarding.postalCode), '75009');
    await user.click(within(again).getByRole('button', { name: t.forwarding.submit }));
    await waitFor(() => expect(keys).toHaveLength(2));
    expect(keys[1]).not.toBe(keys[0]);
  });
});
