import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiTokensDocument } from '@/features/api-access/api/generated';
import { LogoutDocument, MeDocument } from '@/lib/graphql/generated';
import { fr } from '@/locales/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, renderApp, waitForPath } from '@/testing/test-utils';

describe('user menu', () => {
  it('shows who is signed in and signs out to a clean login page', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({
      firstName: 'Camille',
      lastName: 'Martin',
      memberships: [buildMembership(['ADMIN'], { id: 'acme', name: 'ACME SAS' })],
    });
    const { router, client } = renderApp('/c/acme/settings', {
      viewer,
      mocks: [
        // Paramètres shows the company's API tokens to an administrator.
        {
          request: { query: ApiTokensDocument, variables: { companyId: 'acme' } },
          result: { data: { company: { __typename: 'Company', id: 'acme', apiTokens: [] } } },
        },
        { request: { query: LogoutDocument }, result: { data: { logout: true } } },
      ],
    });
    await findPageTitle();

    const account = screen.getByRole('button', { name: /Camille Martin/ });
    await user.click(account);
    expect(screen.getByText('camille.martin@example.fr')).toBeVisible();
    await user.click(screen.getByRole('button', { name: fr.shell.logout }));

    await waitForPath(router, '/login');
    expect(router.state.location.search).toBe(''); // no return-to after a deliberate sign-out
    expect(await findPageTitle()).toHaveTextContent(fr.auth.login.title);
    expect(client.readQuery({ query: MeDocument })).toEqual({ me: null });
    expect(JSON.stringify(client.cache.extract())).not.toContain('ACME SAS');
  });
});
