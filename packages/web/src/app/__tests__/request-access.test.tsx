import { validationMessage } from '@guichet/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RequestAccessDocument } from '@/features/team/api/generated';
import { fr } from '@/locales/fr';
import { teamFr } from '@/locales/team/fr';
import { findPageTitle, renderApp, waitForPath } from '@/testing/test-utils';

const t = teamFr.requestAccess;

describe('request access page', () => {
  it('is linked from the login page', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/login');
    await findPageTitle();
    expect(screen.getByRole('main')).toHaveTextContent('Pas encore d’accès ? Demander l’accès');
    await user.click(screen.getByRole('link', { name: fr.auth.login.requestAccessLink }));
    await waitForPath(router, '/request-access');
    expect(await screen.findByRole('heading', { level: 1, name: t.title })).toBeInTheDocument();
  });

  it('checks the SIRET and the address with the shared rules, then always confirms the same way', async () => {
    const user = userEvent.setup();
    renderApp('/request-access', {
      mocks: [
        {
          request: {
            query: RequestAccessDocument,
            variables: {
              input: {
                siret: '912 345 678 00011',
                firstName: 'Hugo',
                lastName: 'Bernard',
                email: 'hugo.bernard@exemple.fr',
                message: 'Nouveau comptable',
              },
            },
          },
          result: { data: { requestAccess: true } },
        },
      ],
    });
    await findPageTitle();
    const siret = screen.getByLabelText(t.siret);
    await user.type(siret, '912 345 678 00012');
    await user.tab();
    expect(siret).toHaveAccessibleDescription(expect.stringContaining(validationMessage('SIRET_CHECKSUM', 'fr')));
    await user.clear(siret);
    await user.type(siret, '91234567800011');
    await user.tab();
    expect(siret).toHaveValue('912 345 678 00011');
    expect(siret).not.toHaveAttribute('aria-invalid');

    await user.type(screen.getByLabelText(t.firstName), 'Hugo');
    await user.type(screen.getByLabelText(t.lastName), 'Bernard');
    const email = screen.getByLabelText(t.email);
    await user.type(email, 'compta@exemple.fr');
    await user.click(screen.getByRole('button', { name: t.submit }));
    expect(email).toHaveAccessibleDescription(expect.stringContaining(validationMessage('EMAIL_GENERIC_MAILBOX', 'fr')));
    expect(email).toHaveFocus();

    await user.clear(email);
    await user.type(email, 'hugo.bernard@exemple.fr');
    await user.type(screen.getByLabelText(t.message), 'Nouveau comptable');
    await user.click(screen.getByRole('button', { name: t.submit }));
    expect(await screen.findByRole('heading', { name: t.sentTitle })).toHaveFocus();
    expect(screen.getByRole('main')).toHaveTextContent(t.sent);
  });
});
