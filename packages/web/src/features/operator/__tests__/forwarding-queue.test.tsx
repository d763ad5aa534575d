import type { MockLink } from '@apollo/client/testing';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { operatorFr } from '@/locales/operator/fr';
import { buildViewer } from '@/testing/fixtures';
import { renderApp } from '@/testing/test-utils';
import { ForwardingQueueDocument, MarkForwardingSentDocument, type QueuedForwardingFragment } from '../api/generated';
import type { ForwardingStatus } from '@/lib/graphql/schema-types';

// The page is a lazily loaded chunk: leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const t = operatorFr;

const queued: QueuedForwardingFragment = {
  __typename: 'ForwardingRequest',
  id: 'fwd-1',
  status: 'REQUESTED',
  itemCount: 2,
  createdAt: '2026-03-05T10:00:00.000Z',
  processedAt: null,
  requestedByName: 'Bruno Petit',
  company: { __typename: 'Company', id: 'company-demo', name: 'Demo SAS', siret: '91234567800011' },
  address: { __typename: 'Address', line1: '12 rue de la Paix', line2: null, postalCode: '75002', city: 'Paris', country: 'FR' },
  items: [
    { __typename: 'MailItem', id: 'i1', sender: 'URSSAF', receivedAt: '2026-03-03T09:00:00.000Z', type: 'ADMINISTRATIVE' },
    { __typename: 'MailItem', id: 'i2', sender: 'EDF Entreprises', receivedAt: '2026-03-01T09:00:00.000Z', type: 'LETTER' },
  ],
};

function queueMock(status: ForwardingStatus, requests: QueuedForwardingFragment[]): MockLink.MockedResponse {
  return {
    request: { query: ForwardingQueueDocument, variables: { status, first: 25 } },
    result: {
      data: {
        forwardingQueue: {
          __typename: 'ForwardingRequestConnection',
          edges: requests.map((node) => ({ __typename: 'ForwardingRequestEdge', cursor: node.id, node })),
          pageInfo: { __typename: 'PageInfo', endCursor: requests.at(-1)?.id ?? null, hasNextPage: false },
        },
      },
    },
  };
}

describe('operator: File de réexpédition', () => {
  it('lists the requests to send and marks one as sent after confirmation', async () => {
    const user = userEvent.setup();
    renderApp('/operator/forwarding', {
      viewer: buildViewer({ isStaff: true }),
      mocks: [
        queueMock('REQUESTED', [queued]),
        {
          request: { query: MarkForwardingSentDocument, variables: { id: queued.id } },
          result: { data: { markForwardingSent: { ...queued, status: 'SENT', processedAt: '2026-03-06T10:00:00.000Z' } } },
        },
        queueMock('REQUESTED', []),
      ],
    });
    const table = await screen.findByRole('table', { name: /Demandes de réexpédition/ });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(row).toHaveTextContent('Demo SAS');
    expect(row).toHaveTextContent('2 courriers');
    expect(row).toHaveTextContent('URSSAF');
    expect(row).toHaveTextContent('12 rue de la Paix');
    expect(row).toHaveTextContent('Bruno Petit');

    await user.click(within(row).getByRole('button', { name: /^Marquer comme envoyée la demande de Demo SAS du/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Les 2 courriers de Demo SAS passeront au statut');
    await user.click(within(dialog).getByRole('button', { name: t.queue.markSentConfirm }));

    expect(await screen.findByText('Demande de Demo SAS marquée comme envoyée.')).toBeInTheDocument();
    expect(await screen.findByText(t.queue.empty.REQUESTED)).toBeInTheDocument();
  });

  it('keeps the status in the URL', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/operator/forwarding', {
      viewer: buildViewer({ isStaff: true }),
      mocks: [queueMock('REQUESTED', []), queueMock('SENT', [{ ...queued, status: 'SENT', processedAt: '2026-03-06T10:00:00.000Z' }])],
    });
    await screen.findByText(t.queue.empty.REQUESTED);
    await user.click(screen.getByRole('tab', { name: t.queue.statuses.SENT }));
    expect(router.state.location.search).toBe('?status=SENT');
    const table = await screen.findByRole('table', { name: /Envoyées/ });
    expect(within(table).queryByRole('button')).toBeNull();
    expect(table).toHaveTextContent('Traitée le 6 mars 2026');
  });
});
