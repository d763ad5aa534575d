import type { MockLink } from '@apollo/client/testing';
import { validationMessage } from '@guichet/shared';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { operatorFr } from '@/locales/operator/fr';
import { buildViewer } from '@/testing/fixtures';
import { normalized, renderApp } from '@/testing/test-utils';
import {
  OperatorCompanyListDocument,
  ReplaceFirstAdminDocument,
  ResendFirstAdminInvitationDocument,
  type OperatorCompanyListQuery,
} from '../api/generated';

// The page is a lazily loaded chunk: leave room on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const t = operatorFr;
const staff = buildViewer({ isStaff: true });
type Listed = OperatorCompanyListQuery['companies']['edges'][number]['node'];

const invitation = (id: string, email: string, status: 'PENDING' | 'EXPIRED', expiresAt: string, sentCount = 1) => ({
  __typename: 'Invitation' as const,
  id,
  email,
  firstName: email.split('.')[0] ?? '',
  lastName: 'Test',
  status,
  expiresAt,
  sentCount,
  lastSentAt: '2026-03-01T10:00:00.000Z',
});

const company = (id: string, name: string, siret: string, state: Pick<Listed, 'hasAdministrator' | 'pendingAdminInvitation'>): Listed => ({
  __typename: 'Company',
  id,
  name,
  siret,
  createdAt: '2026-03-01T10:00:00.000Z',
  ...state,
});

const DEMO = company('company-demo', 'Demo SAS', '91234567800011', { hasAdministrator: true, pendingAdminInvitation: null });
const GARAGE = company('company-garage', 'Garage du Centre', '55210055400005', {
  hasAdministrator: false,
  pendingAdminInvitation: invitation('inv-garage', 'paul.centre@garage-centre.fr', 'PENDING', '2026-03-08T10:00:00.000Z'),
});
const CAVE = company('company-cave', 'Cave Solène', '73282932000074', {
  hasAdministrator: false,
  pendingAdminInvitation: invitation('inv-cave', 'luc.cave@cave-solene.fr', 'EXPIRED', '2026-03-02T10:00:00.000Z'),
});

function listMock(companies: Listed[]): MockLink.MockedResponse {
  return {
    request: { query: OperatorCompanyListDocument, variables: { search: null, first: 25 } },
    maxUsageCount: 3,
    result: {
      data: {
        companies: {
          __typename: 'CompanyConnection',
          edges: companies.map((node) => ({ __typename: 'CompanyEdge', cursor: node.id, node })),
          pageInfo: { __typename: 'PageInfo', endCursor: companies.at(-1)?.id ?? null, hasNextPage: false },
        },
      },
    },
  };
}

const rowOf = async (name: string): Promise<HTMLElement> => {
  const table = await screen.findByRole('table', { name: t.companies.caption });
  const row = within(table)
    .getAllByRole('row')
    .find((candidate) => within(candidate).queryByRole('rowheader', { name: new RegExp(name) }));
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

describe('operator: Sociétés', () => {
  it('shows where each company stands with its first administrator, and resends a pending invitation', async () => {
    const user = userEvent.setup();
    renderApp('/operator/companies', {
      viewer: staff,
      mocks: [
        listMock([GARAGE, CAVE, DEMO]),
        {
          request: { query: ResendFirstAdminInvitationDocument, variables: { companyId: GARAGE.id } },
          result: {
            data: {
              resendFirstAdminInvitation: {
                __typename: 'Company',
                id: GARAGE.id,
                hasAdministrator: false,
                pendingAdminInvitation: invitation('inv-garage', 'paul.centre@garage-centre.fr', 'PENDING', '2026-03-15T10:00:00.000Z', 2),
              },
            },
          },
        },
      ],
    });
    const demo = await rowOf('Demo SAS');
    expect(demo).toHaveTextContent(t.companies.state.active);
    expect(within(demo).queryByRole('button')).toBeNull();
    const cave = await rowOf('Cave Solène');
    expect(cave).toHaveTextContent(t.companies.state.expired);
    expect(cave).toHaveTextContent('Expirée le 2 mars 2026');

    const garage = await rowOf('Garage du Centre');
    expect(garage).toHaveTextContent(t.companies.state.pending);
    expect(garage).toHaveTextContent('paul.centre@garage-centre.fr');
    expect(garage).toHaveTextContent('Expire le 8 mars 2026');
    await user.click(within(garage).getByRole('button', { name: 'Renvoyer l’invitation du premier administrateur de Garage du Centre' }));
    expect(
      await screen.findByText(
        normalized(
          'Invitation renvoyée à paul.centre@garage-centre.fr pour Garage du Centre : le nouveau lien expire le 15 mars 2026, l’ancien ne fonctionne plus.',
        ),
      ),
    ).toBeInTheDocument();
    expect(await rowOf('Garage du Centre')).toHaveTextContent('Expire le 15 mars 2026');
    expect(await rowOf('Garage du Centre')).toHaveTextContent('envoyée 2 fois');
  });

  it('invites someone else in place of the pending first administrator, with field errors on the fields', async () => {
    const user = userEvent.setup();
    const person = { email: 'sophie.cave@cave-solene.fr', firstName: 'Sophie', lastName: 'Cave', phone: null, jobTitle: null };
    renderApp('/operator/companies', {
      viewer: staff,
      mocks: [
        listMock([CAVE, DEMO]),
        {
          request: { query: ReplaceFirstAdminDocument, variables: { companyId: CAVE.id, firstAdmin: person } },
          result: {
            errors: [
              new GraphQLError('Invalid input', {
                extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'firstAdmin.email', code: 'EMAIL_SEND_LIMIT' }] },
              }),
            ],
          },
        },
        {
          request: { query: ReplaceFirstAdminDocument, variables: { companyId: CAVE.id, firstAdmin: person } },
          result: {
            data: {
              replaceFirstAdmin: {
                __typename: 'Company',
                id: CAVE.id,
                hasAdministrator: false,
                pendingAdminInvitation: invitation('inv-cave-2', 'sophie.cave@cave-solene.fr', 'PENDING', '2026-03-15T10:00:00.000Z'),
              },
            },
          },
        },
      ],
    });
    const cave = await rowOf('Cave Solène');
    await user.click(within(cave).getByRole('button', { name: 'Inviter quelqu’un d’autre comme premier administrateur de Cave Solène' }));
    const dialog = await screen.findByRole('dialog', { name: 'Premier administrateur de Cave Solène' });
    expect(dialog).toHaveTextContent('L’invitation envoyée à luc.cave@cave-solene.fr sera retirée');

    const email = within(dialog).getByLabelText(t.firstAdmin.email);
    await user.type(email, 'compta@cave-solene.fr');
    await user.click(within(dialog).getByRole('button', { name: t.companies.replace.submit }));
    expect(within(dialog).getByText(normalized(validationMessage('EMAIL_GENERIC_MAILBOX', 'fr')))).toBeInTheDocument();
    expect(email).toHaveFocus();

    await user.clear(email);
    await user.type(email, 'sophie.cave@cave-solene.fr');
    await user.type(within(dialog).getByLabelText(t.firstAdmin.firstName), 'Sophie');
    await user.type(within(dialog).getByLabelText(t.firstAdmin.lastName), 'Cave');
    await user.click(within(dialog).getByRole('button', { name: t.companies.replace.submit }));
    expect(await within(dialog).findByText(normalized(validationMessage('EMAIL_SEND_LIMIT', 'fr')))).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: t.companies.replace.submit }));
    expect(
      await screen.findByText(
        normalized('Invitation envoyée à sophie.cave@cave-solene.fr pour Cave Solène ; elle expire le 15 mars 2026.'),
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    const updated = await rowOf('Cave Solène');
    expect(updated).toHaveTextContent('sophie.cave@cave-solene.fr');
    expect(updated).toHaveTextContent(t.companies.state.pending);
  });
});
