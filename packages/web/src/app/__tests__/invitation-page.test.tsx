import { ERROR_MESSAGES, validationMessage } from '@guichet/shared';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import {
  AcceptInvitationDocument,
  InvitationPreviewDocument,
  RequestNewInvitationLinkDocument,
  type InvitationPreviewQuery,
} from '@/features/team/api/generated';
import { LogoutDocument } from '@/lib/graphql/generated';
import { fr } from '@/locales/fr';
import { teamFr } from '@/locales/team/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, normalized, renderApp, waitForPath } from '@/testing/test-utils';

const t = teamFr.invitation;
const TOKEN = 'tok_0123456789abcdefghijklmnop';
const URL = `/invitation?token=${TOKEN}`;

type Preview = NonNullable<InvitationPreviewQuery['invitation']>;

function preview(overrides: Partial<Preview> = {}): Preview {
  return {
    __typename: 'InvitationPreview',
    companyName: 'Demo SAS',
    inviterName: 'Alice Martin',
    email: 'lea.moreau@exemple.fr',
    firstName: 'Léa',
    lastName: 'Moreau',
    scopes: ['COURRIER'],
    role: 'GESTION_COURRIER',
    status: 'PENDING',
    expiresAt: '2030-01-08T09:00:00.000Z',
    accountExists: false,
    ...overrides,
  };
}

function previewMock(value: Preview | null): MockLink.MockedResponse<InvitationPreviewQuery> {
  return { request: { query: InvitationPreviewDocument, variables: { token: TOKEN } }, result: { data: { invitation: value } } };
}

const demo = buildMembership(['COURRIER'], { id: 'demo', name: 'Demo SAS' });

describe('invitation page', () => {
  it('shows the invitation and lets a new person choose a password, then opens the company', async () => {
    const user = userEvent.setup();
    const joined = buildViewer({ email: 'lea.moreau@exemple.fr', firstName: 'Léa', lastName: 'Moreau', memberships: [demo] });
    const { router } = renderApp(URL, {
      mocks: [
        previewMock(preview()),
        {
          request: {
            query: AcceptInvitationDocument,
            variables: { token: TOKEN, input: { firstName: 'Léa', lastName: 'Moreau-Dupuis', password: 'trois mots de passe' } },
          },
          result: { data: { acceptInvitation: joined } },
        },
      ],
    });
    expect(await findPageTitle()).toHaveTextContent('Rejoindre Demo SAS');
    const main = screen.getByRole('main');
    expect(main).toHaveTextContent('Alice Martin vous invite à rejoindre l’espace client de Demo SAS');
    expect(main).toHaveTextContent('Gestion de courrier');
    expect(main).toHaveTextContent('Accès : Mes courriers');
    expect(main).toHaveTextContent('lea.moreau@exemple.fr');
    expect(main).toHaveTextContent('2030');

    expect(screen.getByLabelText(t.new.firstName)).toHaveValue('Léa');
    await user.type(screen.getByLabelText(t.new.lastName), '-Dupuis');
    await user.type(screen.getByLabelText(t.new.password), 'court');
    await user.tab();
    expect(screen.getByLabelText(t.new.password)).toHaveAccessibleDescription(
      expect.stringContaining(validationMessage('PASSWORD_TOO_SHORT', 'fr')),
    );
    await user.clear(screen.getByLabelText(t.new.password));
    await user.type(screen.getByLabelText(t.new.password), 'trois mots de passe');
    await user.type(screen.getByLabelText(t.new.confirm), 'trois mots de passe!');
    await user.click(screen.getByRole('button', { name: 'Rejoindre Demo SAS' }));
    expect(screen.getByLabelText(t.new.confirm)).toHaveAccessibleDescription(expect.stringContaining(t.new.mismatch));
    await user.type(screen.getByLabelText(t.new.confirm), '{Backspace}');
    await user.click(screen.getByRole('button', { name: 'Rejoindre Demo SAS' }));
    await waitForPath(router, '/c/demo/mail');
    expect(await screen.findByRole('heading', { level: 1, name: fr.pages.mail.title })).toBeInTheDocument();
  });

  it('asks a person with an account to sign in first, and comes back here afterwards', async () => {
    renderApp(URL, { mocks: [previewMock(preview({ accountExists: true }))] });
    expect(await findPageTitle()).toHaveTextContent('Rejoindre Demo SAS');
    expect(screen.getByRole('main')).toHaveTextContent('Vous avez déjà un compte Guichet avec l’adresse lea.moreau@exemple.fr');
    expect(screen.getByRole('link', { name: t.signIn.action })).toHaveAttribute('href', `/login?next=${encodeURIComponent(URL)}`);
    expect(screen.queryByLabelText(t.new.password)).toBeNull();
  });

  it('lets the right account join in one click; the company switcher then lists both companies', async () => {
    const user = userEvent.setup();
    const other = buildMembership(['ADMIN'], { id: 'other', name: 'Autre SARL' });
    const viewer = buildViewer({ email: 'lea.moreau@exemple.fr', memberships: [other] });
    const { router } = renderApp(URL, {
      viewer,
      mocks: [
        previewMock(preview({ accountExists: true })),
        {
          request: { query: AcceptInvitationDocument, variables: { token: TOKEN } },
          result: { data: { acceptInvitation: { ...viewer, memberships: [other, demo] } } },
        },
      ],
    });
    await findPageTitle();
    expect(screen.getByRole('main')).toHaveTextContent('Vous êtes connecté avec lea.moreau@exemple.fr');
    await user.click(screen.getByRole('button', { name: 'Rejoindre Demo SAS' }));
    await waitForPath(router, '/c/demo/mail');
    const switcher = await screen.findByRole('button', { name: /Changer d’entreprise/ });
    await user.click(switcher);
    expect(screen.getAllByRole('link', { name: /Demo SAS|Autre SARL/ }).map((link) => link.textContent)).toEqual([
      'Autre SARL',
      expect.stringContaining('Demo SAS'),
    ]);
  });

  it('names both addresses when signed in as someone else, and offers to sign out', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({ email: 'bruno.petit@demo-sas.fr', memberships: [demo] });
    renderApp(URL, {
      viewer,
      mocks: [
        previewMock(preview({ accountExists: true })),
        { request: { query: LogoutDocument }, result: { data: { logout: true } } },
        previewMock(preview({ accountExists: true })),
      ],
    });
    await findPageTitle();
    const warning = screen.getByText(t.mismatch.title).closest('.alert') as HTMLElement;
    expect(warning).toHaveTextContent('Elle a été envoyée à lea.moreau@exemple.fr, mais vous êtes connecté avec bruno.petit@demo-sas.fr.');
    expect(screen.queryByRole('button', { name: /Rejoindre/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: fr.shell.logout }));
    expect(await screen.findByRole('link', { name: t.signIn.action })).toBeInTheDocument();
  });

  it('says so when the API refuses the account (INVITATION_EMAIL_MISMATCH), with both addresses', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({ email: 'lea.moreau@exemple.fr', memberships: [] });
    renderApp(URL, {
      viewer,
      mocks: [
        previewMock(preview({ email: 'lea.moreau@exemple.fr' })),
        {
          request: { query: AcceptInvitationDocument, variables: { token: TOKEN } },
          result: {
            errors: [
              new GraphQLError('mismatch', {
                extensions: {
                  code: 'INVITATION_EMAIL_MISMATCH',
                  invitationEmail: 'lea@exemple.fr',
                  signedInEmail: 'lea.moreau@exemple.fr',
                },
              }),
            ],
          },
        },
      ],
    });
    await findPageTitle();
    await user.click(screen.getByRole('button', { name: 'Rejoindre Demo SAS' }));
    expect(
      await screen.findByText('Elle a été envoyée à lea@exemple.fr, mais vous êtes connecté avec lea.moreau@exemple.fr.'),
    ).toBeInTheDocument();
  });

  it('explains an expired link and asks the administrators for a new one', async () => {
    const user = userEvent.setup();
    renderApp(URL, {
      mocks: [
        previewMock(preview({ status: 'EXPIRED', expiresAt: '2020-01-08T09:00:00.000Z' })),
        {
          request: { query: RequestNewInvitationLinkDocument, variables: { token: TOKEN } },
          result: { data: { requestNewInvitationLink: true } },
        },
      ],
    });
    expect(await findPageTitle()).toHaveTextContent(t.expired.title);
    expect(screen.getByRole('main')).toHaveTextContent('a expiré le 8 janvier 2020');
    await user.click(screen.getByRole('button', { name: t.newLink.action }));
    expect(await screen.findByRole('heading', { name: t.newLink.doneTitle })).toHaveFocus();
    expect(screen.getByRole('main')).toHaveTextContent('Les administrateurs de Demo SAS ont été prévenus');
  });

  it('explains a withdrawn link the same way', async () => {
    renderApp(URL, { mocks: [previewMock(preview({ status: 'REVOKED' }))] });
    expect(await findPageTitle()).toHaveTextContent(t.revoked.title);
    expect(screen.getByRole('button', { name: t.newLink.action })).toBeInTheDocument();
  });

  it('explains an unknown or replaced link and offers the login page', async () => {
    renderApp(URL, { mocks: [previewMock(null)] });
    expect(await findPageTitle()).toHaveTextContent(t.unknown.title);
    expect(screen.getByRole('main')).toHaveTextContent(normalized(t.unknown.body));
    expect(screen.getByRole('link', { name: t.goToLogin })).toHaveAttribute('href', '/login');
  });

  it('turns INVALID_TOKEN at acceptance into the unknown-link page', async () => {
    const user = userEvent.setup();
    renderApp(URL, {
      mocks: [
        previewMock(preview()),
        {
          request: {
            query: AcceptInvitationDocument,
            variables: { token: TOKEN, input: { firstName: 'Léa', lastName: 'Moreau', password: 'trois mots de passe' } },
          },
          result: { errors: [new GraphQLError('invalid', { extensions: { code: 'INVALID_TOKEN' } })] },
        },
      ],
    });
    await findPageTitle();
    await user.type(screen.getByLabelText(t.new.password), 'trois mots de passe');
    await user.type(screen.getByLabelText(t.new.confirm), 'trois mots de passe');
    await user.click(screen.getByRole('button', { name: 'Rejoindre Demo SAS' }));
    expect(await screen.findByRole('heading', { level: 1, name: t.unknown.title })).toBeInTheDocument();
    expect(screen.queryByText(ERROR_MESSAGES.INVALID_TOKEN.fr)).toBeNull();
  });

  it('sends an already accepted invitation to the login page', async () => {
    renderApp(URL, { mocks: [previewMock(preview({ status: 'ACCEPTED' }))] });
    expect(await findPageTitle()).toHaveTextContent(t.accepted.title);
    expect(screen.getByRole('link', { name: t.goToLogin })).toHaveAttribute('href', '/login');
  });

  it('says a link without token is incomplete', async () => {
    renderApp('/invitation');
    expect(await findPageTitle()).toHaveTextContent(t.missing.title);
    expect(within(screen.getByRole('main')).getByRole('link', { name: t.goToLogin })).toBeInTheDocument();
  });
});
