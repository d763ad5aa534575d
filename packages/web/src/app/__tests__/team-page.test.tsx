import { ERROR_MESSAGES, ROLE_SCOPES, ROLES, can } from '@guichet/shared';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { MockLink } from '@apollo/client/testing';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider } from '@/app/provider';
import {
  ApproveAccessRequestDocument,
  RemoveMemberDocument,
  ResendInvitationDocument,
  RevokeInvitationDocument,
  UpdateMemberScopesDocument,
} from '@/features/team/api/generated';
import { MembersTable } from '@/features/team/components/members-table';
import { createApolloClient } from '@/lib/apollo-client';
import { createI18n } from '@/lib/i18n';
import { fr } from '@/locales/fr';
import { teamFr } from '@/locales/team/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { buildAccessRequest, buildInvitation, buildMember, teamMock } from '@/testing/team-fixtures';
import { findPageTitle, normalized, renderApp } from '@/testing/test-utils';

const t = teamFr;
const adminMembership = buildMembership(['ADMIN'], { id: 'acme', name: 'ACME SAS' });
const admin = buildViewer({ memberships: [adminMembership] });
const camille = buildMember({
  userId: 'user-1',
  firstName: 'Camille',
  lastName: 'Martin',
  email: 'camille.martin@example.fr',
  scopes: ['ADMIN'],
  role: 'ADMINISTRATEUR',
  contactFor: ['COURRIER', 'FACTURATION'],
  lastLoginAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
});
const bruno = buildMember({
  firstName: 'Bruno',
  lastName: 'Petit',
  email: 'bruno.petit@demo-sas.fr',
  phone: '+33612345678',
  jobTitle: 'Assistant',
  scopes: ['COURRIER'],
  role: 'GESTION_COURRIER',
  invitedByName: 'Camille Martin',
  linkReceived: true,
});
const chloe = buildMember({ firstName: 'Chloé', lastName: 'Durand', scopes: ['COURRIER', 'FACTURATION'], status: 'SUSPENDED' });

async function renderTeam(url = '/c/acme/team', mocks: MockLink.MockedResponse[] = []) {
  const user = userEvent.setup();
  const view = renderApp(url, { viewer: admin, mocks: [teamMock('acme', { members: [camille, bruno, chloe] }), ...mocks] });
  expect(await findPageTitle()).toHaveTextContent(fr.pages.team.title);
  await screen.findByRole('table');
  return { user, ...view };
}

const rowOf = (name: string) => screen.getByRole('rowheader', { name: new RegExp(name) }).closest('tr') as HTMLElement;

describe('Mon équipe: members', () => {
  it('lists the members with their role, status, contact-for tags and sign-in, under table headers', async () => {
    await renderTeam();
    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual(Object.values(t.members.columns));
    const row = rowOf('Bruno Petit');
    expect(row).toHaveTextContent('bruno.petit@demo-sas.fr');
    expect(row).toHaveTextContent('06 12 34 56 78');
    expect(row).toHaveTextContent('Assistant');
    expect(row).toHaveTextContent('Gestion de courrier');
    expect(row).toHaveTextContent(t.members.statusBadge.ACTIVE);
    expect(row).toHaveTextContent('Invité par Camille Martin');
    expect(row).toHaveTextContent(t.members.linkReceived);
    expect(row).toHaveTextContent(t.members.never);
    const self = rowOf('Camille Martin');
    expect(self).toHaveTextContent(`(${t.members.you})`);
    expect(within(self).getByRole('list')).toHaveTextContent('CourrierFacturation');
    expect(self).toHaveTextContent('il y a 3 heures');
    // An active member who joined without a link: "has not received a link" would contradict it.
    expect(self).not.toHaveTextContent(t.members.linkNotReceived);
    expect(self).not.toHaveTextContent(t.members.linkReceived);
    const suspended = rowOf('Chloé Durand');
    expect(suspended).toHaveTextContent('Courrier + Facturation');
    expect(suspended).toHaveTextContent(t.members.statusBadge.SUSPENDED);
  });

  it('filters by status and role through the URL', async () => {
    const { user, router } = await renderTeam('/c/acme/team?status=SUSPENDED');
    expect(screen.getAllByRole('rowheader').map((cell) => cell.querySelector('.table__name')?.textContent)).toEqual(['Chloé Durand']);
    expect(screen.getByText('1 membre sur 3')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(t.members.status), '');
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(3));
    await user.selectOptions(screen.getByLabelText(t.members.role), 'GESTION_COURRIER');
    await waitFor(() => expect(screen.getAllByRole('rowheader')).toHaveLength(1));
    expect(router.state.location.search).toBe('?role=GESTION_COURRIER');
    expect(rowOf('Bruno Petit')).toBeInTheDocument();
  });

  it('offers the management actions with team:manage only', async () => {
    await renderTeam();
    for (const name of ['Camille Martin', 'Bruno Petit', 'Chloé Durand']) {
      expect(screen.getByRole('button', { name: `Gérer l’accès de ${name}` })).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: t.page.invite })).toBeInTheDocument();

    // The same table without team:manage: no action column, no button.
    const client = createApolloClient({ link: new MockLink([]) });
    const router = createMemoryRouter(
      [
        {
          path: '*',
          element: (
            <MembersTable
              members={[camille, bruno]}
              companyId="acme"
              companyName="ACME SAS"
              viewerUserId="user-1"
              canManage={false}
              onNotice={() => undefined}
            />
          ),
        },
      ],
      { initialEntries: ['/c/acme/team'] },
    );
    const { container } = render(
      <AppProvider client={client} i18n={createI18n('fr')}>
        <RouterProvider router={router} />
      </AppProvider>,
    );
    const table = within(container);
    expect(await table.findAllByRole('rowheader')).toHaveLength(2);
    expect(table.queryByRole('button', { name: /Gérer/ })).toBeNull();
    expect(table.queryByRole('columnheader', { name: t.members.columns.actions })).toBeNull();
  });

  it.each(ROLES.filter((role) => !can(ROLE_SCOPES[role], 'team:read')))('keeps %s out of the page (no request)', async (role) => {
    renderApp('/c/acme/team', {
      viewer: buildViewer({ memberships: [buildMembership(ROLE_SCOPES[role], { id: 'acme', name: 'ACME SAS' })] }),
    });
    expect(await findPageTitle()).toHaveTextContent(fr.errors.noAccess.title);
    expect(screen.queryByRole('button', { name: /Gérer/ })).toBeNull();
    expect(screen.queryByRole('button', { name: t.page.invite })).toBeNull();
  });

  it('removes a member after a confirmation that says it is definitive', async () => {
    const { user } = await renderTeam('/c/acme/team', [
      {
        request: { query: RemoveMemberDocument, variables: { companyId: 'acme', memberId: bruno.id } },
        result: { data: { removeMember: true } },
      },
    ]);
    await user.click(screen.getByRole('button', { name: 'Gérer l’accès de Bruno Petit' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: t.member.remove }));
    const confirm = screen.getByRole('dialog', { name: /^Retirer Bruno Petit de l’équipe/ });
    expect(confirm).toHaveAccessibleDescription(expect.stringContaining('Cette action est définitive'));
    // Bruno is not an administrator: he created no API token, so none is mentioned.
    expect(within(confirm).queryByText(normalized(t.member.tokensRevokedNote))).toBeNull();
    expect(within(confirm).getByRole('button', { name: fr.form.cancel })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: t.member.removeConfirm }));
    expect(await screen.findByText('Bruno Petit a été retiré de l’équipe de ACME SAS.')).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: /Bruno Petit/ })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps the last administrator from demoting, suspending or removing herself, and says why', async () => {
    const { user } = await renderTeam();
    await user.click(screen.getByRole('button', { name: 'Gérer l’accès de Camille Martin' }));
    const dialog = screen.getByRole('dialog', { name: 'Accès de Camille Martin' });
    // Accessible descriptions keep the no-break spaces of French typography.
    const why = ERROR_MESSAGES.LAST_ADMIN.fr;
    expect(within(dialog).getByRole('radio', { name: /^Administrateur/ })).toBeChecked();
    for (const name of [/^Gestion de courrier/, /^Facturation/, /^Gestion de formalité/, new RegExp(`^${t.scopes.custom}`)]) {
      expect(within(dialog).getByRole('radio', { name })).toBeDisabled();
    }
    expect(within(dialog).getByRole('group', { name: t.scopes.legend })).toHaveAccessibleDescription(expect.stringContaining(why));
    expect(within(dialog).getByRole('button', { name: t.member.suspend })).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: t.member.remove })).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: t.member.remove })).toHaveAccessibleDescription(expect.stringContaining(why));
    // "Contact pour" stays editable.
    expect(within(dialog).getByRole('checkbox', { name: 'Courrier' })).toBeEnabled();
  });

  it('lets an administrator step down while another one remains', async () => {
    const dominique = buildMember({ firstName: 'Dominique', lastName: 'Roy', scopes: ['ADMIN'], role: 'ADMINISTRATEUR' });
    const user = userEvent.setup();
    renderApp('/c/acme/team', { viewer: admin, mocks: [teamMock('acme', { members: [camille, dominique, bruno] })] });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Gérer l’accès de Camille Martin' }));
    const dialog = screen.getByRole('dialog', { name: 'Accès de Camille Martin' });
    expect(within(dialog).getByRole('radio', { name: /^Facturation/ })).toBeEnabled();
    expect(within(dialog).getByRole('button', { name: t.member.remove })).toBeEnabled();
    expect(within(dialog).queryByText(normalized(ERROR_MESSAGES.LAST_ADMIN.fr))).toBeNull();
  });

  it('shows LAST_ADMIN clearly when the other administrator left meanwhile', async () => {
    // The list still shows a second administrator; the API knows better.
    const dominique = buildMember({ firstName: 'Dominique', lastName: 'Roy', scopes: ['ADMIN'], role: 'ADMINISTRATEUR' });
    const user = userEvent.setup();
    renderApp('/c/acme/team', {
      viewer: admin,
      mocks: [
        teamMock('acme', { members: [camille, dominique, bruno] }),
        {
          request: { query: UpdateMemberScopesDocument, variables: { companyId: 'acme', memberId: camille.id, scopes: ['FACTURATION'] } },
          result: { errors: [new GraphQLError('last admin', { extensions: { code: 'LAST_ADMIN' } })] },
        },
      ],
    });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Gérer l’accès de Camille Martin' }));
    const dialog = screen.getByRole('dialog', { name: 'Accès de Camille Martin' });
    await user.click(within(dialog).getByRole('radio', { name: /^Facturation/ }));
    expect(within(dialog).getByText(normalized(t.member.demoteSelfWarning))).toBeInTheDocument();
    // An administrator's API tokens end with the role: the dialog says so before saving.
    expect(within(dialog).getByText(normalized(t.member.tokensRevokedNote))).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: t.member.save }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(normalized(ERROR_MESSAGES.LAST_ADMIN.fr));
  });

  it('says which "contact for" subjects a role change drops, and keeps them ticked for a role that grants them again', async () => {
    const dana = buildMember({
      firstName: 'Dana',
      lastName: 'Roux',
      scopes: ['FACTURATION'],
      role: 'FACTURATION',
      contactFor: ['FACTURATION'],
    });
    const user = userEvent.setup();
    renderApp('/c/acme/team', {
      viewer: admin,
      mocks: [
        teamMock('acme', { members: [camille, dana] }),
        {
          request: {
            query: UpdateMemberScopesDocument,
            variables: { companyId: 'acme', memberId: dana.id, scopes: ['COURRIER', 'FACTURATION'] },
          },
          result: {
            data: { updateMemberScopes: { ...dana, scopes: ['COURRIER', 'FACTURATION'], role: null, contactFor: ['FACTURATION'] } },
          },
        },
      ],
    });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Gérer l’accès de Dana Roux' }));
    const dialog = screen.getByRole('dialog', { name: 'Accès de Dana Roux' });
    const contact = () => within(dialog).getByRole('group', { name: t.contactFor.legend });
    expect(within(contact()).getByRole('checkbox', { name: 'Facturation' })).toBeChecked();

    // To Courrier: Facturation would be dropped, and the dialog says so before saving.
    await user.click(within(dialog).getByRole('radio', { name: /^Gestion de courrier/ }));
    expect(within(dialog).getByText(normalized(t.member.contactForLost.replace('{{subjects}}', 'Facturation')))).toBeInTheDocument();
    // Back to Facturation: the subject comes back, still ticked, and nothing is lost any more.
    await user.click(within(dialog).getByRole('radio', { name: /^Facturation/ }));
    expect(within(contact()).getByRole('checkbox', { name: 'Facturation' })).toBeChecked();
    expect(within(dialog).queryByText(/ne sera plus/)).toBeNull();

    // Through a combination that grants it as well: kept, and sent as kept.
    await user.click(within(dialog).getByRole('radio', { name: new RegExp(`^${t.scopes.custom}`) }));
    const areas = within(dialog).getByRole('group', { name: t.scopes.customLegend });
    // The combination starts from the member's current area.
    expect(within(areas).getByRole('checkbox', { name: 'Facturation' })).toBeChecked();
    await user.click(within(areas).getByRole('checkbox', { name: 'Courrier' }));
    expect(within(contact()).getByRole('checkbox', { name: 'Facturation' })).toBeChecked();
    expect(within(contact()).getByRole('checkbox', { name: 'Courrier' })).not.toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: t.member.save }));
    expect(await screen.findByText(/Le rôle de Dana Roux est maintenant/)).toBeInTheDocument();
  });

  it('changes a role, limiting "contact for" to what the new role opens', async () => {
    const updated = { ...bruno, scopes: ['FACTURATION' as const], role: 'FACTURATION' as const };
    const { user } = await renderTeam('/c/acme/team', [
      {
        request: { query: UpdateMemberScopesDocument, variables: { companyId: 'acme', memberId: bruno.id, scopes: ['FACTURATION'] } },
        result: { data: { updateMemberScopes: updated } },
      },
    ]);
    await user.click(screen.getByRole('button', { name: 'Gérer l’accès de Bruno Petit' }));
    const dialog = screen.getByRole('dialog', { name: 'Accès de Bruno Petit' });
    expect(within(dialog).getByRole('radio', { name: /^Gestion de courrier/ })).toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: /^Facturation/ }));
    const contact = within(dialog).getByRole('group', { name: t.contactFor.legend });
    expect(
      within(contact)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual(['Facturation']);
    await user.click(within(dialog).getByRole('button', { name: t.member.save }));
    expect(await screen.findByText(/Le rôle de Bruno Petit est maintenant/)).toBeInTheDocument();
    expect(rowOf('Bruno Petit')).toHaveTextContent('Facturation');
  });
});

describe('Mon équipe: invitations and access requests', () => {
  it('lists invitations with their status, resends an expired one and revokes a pending one after confirmation', async () => {
    const pending = buildInvitation({ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', sentCount: 2 });
    const expired = buildInvitation({ email: 'hugo@exemple.fr', status: 'EXPIRED', expiresAt: '2020-01-08T09:00:00.000Z' });
    const accepted = buildInvitation({ email: 'ines@exemple.fr', status: 'ACCEPTED' });
    const user = userEvent.setup();
    renderApp('/c/acme/team?tab=invitations', {
      viewer: admin,
      mocks: [
        teamMock('acme', { members: [camille], invitations: [pending, expired, accepted] }),
        {
          request: { query: ResendInvitationDocument, variables: { companyId: 'acme', invitationId: expired.id } },
          result: {
            data: {
              resendInvitation: {
                __typename: 'Invitation',
                id: expired.id,
                status: 'PENDING',
                expiresAt: '2030-02-08T09:00:00.000Z',
                sentCount: 2,
                lastSentAt: '2030-02-01T09:00:00.000Z',
                newLinkRequestedAt: null,
              },
            },
          },
        },
        {
          request: { query: RevokeInvitationDocument, variables: { companyId: 'acme', invitationId: pending.id } },
          result: { data: { revokeInvitation: { __typename: 'Invitation', id: pending.id, status: 'REVOKED', newLinkRequestedAt: null } } },
        },
      ],
    });
    await screen.findByRole('table');
    // The tab counts the invitations that still call for something: pending and expired.
    const tabCount = () => screen.getByRole('tab', { name: /^Invitations/ }).querySelector('.tabs__count')?.textContent;
    expect(tabCount()).toBe('2');
    const row = (email: string) => screen.getByRole('rowheader', { name: new RegExp(email) }).closest('tr') as HTMLElement;
    expect(row('lea.moreau@exemple.fr')).toHaveTextContent('En attente');
    expect(row('hugo@exemple.fr')).toHaveTextContent('Expirée');
    expect(row('ines@exemple.fr')).toHaveTextContent('Acceptée');
    expect(within(row('ines@exemple.fr')).queryByRole('button')).toBeNull();
    expect(within(row('hugo@exemple.fr')).queryByRole('button', { name: /Annuler/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Renvoyer l’invitation à hugo@exemple.fr' }));
    expect(await screen.findByText(/Un nouveau lien a été envoyé à hugo@exemple.fr/)).toBeInTheDocument();
    expect(row('hugo@exemple.fr')).toHaveTextContent('En attente');

    await user.click(screen.getByRole('button', { name: 'Annuler l’invitation de lea.moreau@exemple.fr' }));
    const confirm = screen.getByRole('dialog', { name: t.invitations.revokeTitle });
    await user.click(within(confirm).getByRole('button', { name: t.invitations.revokeConfirm }));
    expect(await screen.findByText(/L’invitation de lea.moreau@exemple.fr est annulée/)).toBeInTheDocument();
    expect(row('lea.moreau@exemple.fr')).toHaveTextContent('Annulée');
    expect(tabCount()).toBe('1');
  });

  it('shows a withdrawn invitation’s request for a new link on its row, and sends one in one click', async () => {
    const revoked = buildInvitation({
      email: 'paul@exemple.fr',
      status: 'REVOKED',
      sentCount: 1,
      newLinkRequestedAt: '2030-01-02T10:00:00.000Z',
    });
    const user = userEvent.setup();
    renderApp('/c/acme/team?tab=invitations', {
      viewer: admin,
      mocks: [
        teamMock('acme', { members: [camille], invitations: [revoked] }),
        {
          request: { query: ResendInvitationDocument, variables: { companyId: 'acme', invitationId: revoked.id } },
          result: {
            data: {
              resendInvitation: {
                __typename: 'Invitation',
                id: revoked.id,
                status: 'PENDING',
                expiresAt: '2030-02-08T09:00:00.000Z',
                sentCount: 2,
                lastSentAt: '2030-02-01T09:00:00.000Z',
                newLinkRequestedAt: null,
              },
            },
          },
        },
      ],
    });
    await screen.findByRole('table');
    const row = () => screen.getByRole('rowheader', { name: /paul@exemple.fr/ }).closest('tr') as HTMLElement;
    expect(screen.getByRole('tab', { name: /^Invitations/ }).querySelector('.tabs__count')?.textContent).toBe('1');
    expect(row()).toHaveTextContent('Annulée');
    expect(row()).toHaveTextContent('Nouveau lien demandé le 2 janv. 2030');
    await user.click(within(row()).getByRole('button', { name: 'Envoyer un nouveau lien à paul@exemple.fr' }));
    expect(await screen.findByText(/Un nouveau lien a été envoyé à paul@exemple.fr/)).toBeInTheDocument();
    expect(row()).toHaveTextContent('En attente');
    expect(row()).not.toHaveTextContent('Nouveau lien demandé');
  });

  it('approves an access request with a role, saying it is irreversible and that an email will be sent', async () => {
    const request = buildAccessRequest({
      firstName: 'Hugo',
      lastName: 'Bernard',
      email: 'hugo.bernard@exemple.fr',
      message: 'Je suis le nouveau comptable.',
    });
    const invitation = buildInvitation({ email: 'hugo.bernard@exemple.fr', scopes: ['FACTURATION'], role: 'FACTURATION' });
    const user = userEvent.setup();
    renderApp('/c/acme/team?tab=requests', {
      viewer: admin,
      mocks: [
        teamMock('acme', { members: [camille], accessRequests: [request] }),
        {
          request: {
            query: ApproveAccessRequestDocument,
            variables: { companyId: 'acme', requestId: request.id, scopes: ['FACTURATION'], contactFor: ['FACTURATION'] },
          },
          result: {
            data: {
              approveAccessRequest: {
                __typename: 'ApproveAccessRequestResult',
                request: { ...request, status: 'APPROVED', decidedAt: '2030-01-02T09:00:00.000Z' },
                invitation: {
                  __typename: 'InvitationRowResult',
                  index: 0,
                  email: invitation.email,
                  status: 'INVITED',
                  invitation,
                  errors: [],
                  warnings: [],
                },
              },
            },
          },
        },
      ],
    });
    expect(await screen.findByText('Je suis le nouveau comptable.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Approuver la demande de Hugo Bernard' }));
    const dialog = screen.getByRole('dialog', { name: 'Approuver la demande de Hugo Bernard' });
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('définitive'));
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('e-mail d’activation sera envoyé à hugo.bernard@exemple.fr'));
    await user.click(within(dialog).getByRole('button', { name: t.requests.approveConfirm }));
    expect(within(dialog).getByRole('group', { name: t.scopes.legend })).toHaveAccessibleDescription(
      expect.stringContaining('Choisissez au moins un accès.'),
    );
    await user.click(within(dialog).getByRole('radio', { name: /^Facturation/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Facturation' }));
    await user.click(within(dialog).getByRole('button', { name: t.requests.approveConfirm }));
    expect(await screen.findByText(/Demande de Hugo Bernard approuvée/)).toBeInTheDocument();
    expect(screen.getByText('Approuvée')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Approuver la demande/ })).toBeNull();
  });
});
