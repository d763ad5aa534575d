import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { SetMyLocaleDocument } from '@/lib/graphql/generated';
import { LOCALE_STORAGE_KEY } from '@/lib/i18n';
import { en } from '@/locales/en';
import { fr } from '@/locales/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, renderApp, waitForPath } from '@/testing/test-utils';

const languageGroup = () => screen.getByRole('group', { name: /Langue|Language/ });

describe('language', () => {
  it('switches the login page to English and back, and remembers the choice', async () => {
    const user = userEvent.setup();
    renderApp('/login');
    expect(await findPageTitle()).toHaveTextContent(fr.auth.login.title);
    expect(document.documentElement.lang).toBe('fr');

    const english = within(languageGroup()).getByRole('button', { name: /English/ });
    expect(english).toHaveAttribute('aria-pressed', 'false');
    await user.click(english);

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(en.auth.login.title);
    expect(screen.getByLabelText(en.auth.login.email)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.auth.login.submit })).toBeInTheDocument();
    expect(english).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');

    await user.click(within(languageGroup()).getByRole('button', { name: /Français/ }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(fr.auth.login.title);
    expect(document.documentElement.lang).toBe('fr');
  });

  it('re-renders validation messages already shown in the new language', async () => {
    const user = userEvent.setup();
    renderApp('/login');
    await findPageTitle();
    await user.click(screen.getByRole('button', { name: fr.auth.login.submit }));
    expect(screen.getByText(fr.auth.login.emailRequired)).toBeInTheDocument();
    await user.click(within(languageGroup()).getByRole('button', { name: /English/ }));
    expect(screen.getByText(en.auth.login.emailRequired)).toBeInTheDocument();
  });

  it('saves the choice on the account when signed in', async () => {
    const user = userEvent.setup();
    const sent = jest.fn(() => ({ data: { setMyLocale: { __typename: 'User', id: 'user-1', locale: 'EN' } } }));
    renderApp('/c/acme/mail', {
      viewer: buildViewer({ memberships: [buildMembership(['COURRIER'], { id: 'acme' })] }),
      mocks: [{ request: { query: SetMyLocaleDocument, variables: { locale: 'EN' } }, result: sent }],
    });
    await findPageTitle();
    await user.click(within(languageGroup()).getByRole('button', { name: /English/ }));
    expect(await screen.findByRole('heading', { level: 1, name: en.pages.mail.title })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: en.shell.mainNav })).getByRole('link')).toHaveTextContent(en.nav.mail);
    await waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    expect(document.documentElement.lang).toBe('en');
  });

  it('follows the account language when the session starts', async () => {
    renderApp('/c/acme/mail', {
      viewer: buildViewer({ locale: 'EN', memberships: [buildMembership(['COURRIER'], { id: 'acme' })] }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: en.pages.mail.title })).toBeInTheDocument();
  });

  it('sends the person to the login page when the session has expired', async () => {
    const user = userEvent.setup();
    const { router } = renderApp('/c/acme/mail', {
      viewer: buildViewer({ memberships: [buildMembership(['COURRIER'], { id: 'acme' })] }),
      mocks: [
        {
          request: { query: SetMyLocaleDocument, variables: { locale: 'EN' } },
          result: { errors: [new GraphQLError('expired', { extensions: { code: 'SESSION_EXPIRED' } })] },
        },
      ],
    });
    await findPageTitle();
    await user.click(within(languageGroup()).getByRole('button', { name: /English/ }));
    await waitForPath(router, '/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/c/acme/mail')}&reason=expired`);
    expect(await screen.findByRole('status')).toHaveTextContent(en.auth.login.sessionExpired);
  });
});
