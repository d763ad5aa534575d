import { ERROR_MESSAGES, validationMessage } from '@guichet/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import { LoginDocument, type LoginMutation } from '@/lib/graphql/generated';
import { fr } from '@/locales/fr';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import { findPageTitle, normalized, renderApp, waitForPath } from '@/testing/test-utils';

const emailField = () => screen.getByLabelText(fr.auth.login.email);
const passwordField = () => screen.getByLabelText(fr.auth.login.password);
const submit = () => screen.getByRole('button', { name: fr.auth.login.submit });

function loginMock(
  email: string,
  password: string,
  result: { data?: LoginMutation; errors?: GraphQLError[] },
): MockLink.MockedResponse<LoginMutation> {
  return { request: { query: LoginDocument, variables: { email, password } }, result };
}

describe('login page', () => {
  it('says what is missing when the form is sent empty, and focuses the first field', async () => {
    const user = userEvent.setup();
    renderApp('/login');
    expect(await findPageTitle()).toHaveTextContent(fr.auth.login.title);

    await user.click(submit());
    expect(emailField()).toHaveAccessibleDescription(expect.stringContaining(fr.auth.login.emailRequired));
    expect(emailField()).toHaveAttribute('aria-invalid', 'true');
    expect(emailField()).toHaveFocus();

    await user.type(emailField(), 'camille@example.fr');
    expect(emailField()).not.toHaveAttribute('aria-invalid');
    await user.click(submit());
    expect(passwordField()).toHaveAccessibleDescription(expect.stringContaining(fr.auth.login.passwordRequired));
    expect(passwordField()).toHaveFocus();
  });

  it('explains which email rule is broken, with the shared message', async () => {
    const user = userEvent.setup();
    renderApp('/login');
    await findPageTitle();
    await user.type(emailField(), 'camille.example.fr');
    await user.tab();
    expect(emailField()).toHaveAccessibleDescription(expect.stringContaining(validationMessage('EMAIL_MISSING_AT', 'fr')));
  });

  it('offers the likely fix for a typo in the domain, as one click', async () => {
    const user = userEvent.setup();
    renderApp('/login');
    await findPageTitle();
    await user.type(emailField(), 'camille@gmail.con');
    await user.tab();
    const fix = screen.getByRole('button', { name: 'camille@gmail.com' });
    expect(emailField()).toHaveAccessibleDescription(expect.stringContaining('Vouliez-vous dire'));
    await user.click(fix);
    expect(emailField()).toHaveValue('camille@gmail.com');
    expect(screen.queryByRole('button', { name: 'camille@gmail.com' })).toBeNull();
  });

  it('shows the French message for INVALID_CREDENTIALS and clears the password', async () => {
    const user = userEvent.setup();
    renderApp('/login', {
      mocks: [
        loginMock('camille@example.fr', 'wrong password', {
          errors: [new GraphQLError('Invalid credentials', { extensions: { code: 'INVALID_CREDENTIALS' } })],
        }),
      ],
    });
    await findPageTitle();
    await user.type(emailField(), '  Camille@Example.fr ');
    await user.type(passwordField(), 'wrong password');
    await user.click(submit());

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Adresse e-mail ou mot de passe incorrect.');
    expect(alert).toHaveTextContent(ERROR_MESSAGES.INVALID_CREDENTIALS.fr);
    expect(passwordField()).toHaveValue('');
    expect(passwordField()).toHaveFocus();
  });

  it('puts VALIDATION_FAILED field errors on their fields', async () => {
    const user = userEvent.setup();
    renderApp('/login', {
      mocks: [
        loginMock('camille@example.fr', 'secret', {
          errors: [
            new GraphQLError('Validation failed', {
              extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'email', code: 'EMAIL_INVALID_DOMAIN' }] },
            }),
          ],
        }),
      ],
    });
    await findPageTitle();
    await user.type(emailField(), 'camille@example.fr');
    await user.type(passwordField(), 'secret');
    await user.click(submit());
    expect(await screen.findByText(normalized(validationMessage('EMAIL_INVALID_DOMAIN', 'fr')))).toBeInTheDocument();
    expect(emailField()).toHaveAttribute('aria-invalid', 'true');
  });

  it('signs in and goes to the first company, or back where the person was', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({
      memberships: [buildMembership(['FACTURATION', 'FORMALITE'], { id: 'acme', name: 'ACME SAS' })],
    });
    const { router } = renderApp('/login', {
      mocks: [loginMock('camille@example.fr', 'correct horse battery', { data: { login: viewer } })],
    });
    await findPageTitle();
    await user.type(emailField(), 'camille@example.fr');
    await user.type(passwordField(), 'correct horse battery');
    await user.click(submit());
    await waitForPath(router, '/c/acme/invoices');
    expect(await screen.findByRole('heading', { level: 1, name: fr.pages.invoices.title })).toBeInTheDocument();
  });

  it('after an expired session, says so and returns to the page afterwards', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({ memberships: [buildMembership(['ADMIN'], { id: 'acme' })] });
    const { router } = renderApp(`/login?next=${encodeURIComponent('/c/acme/team')}&reason=expired`, {
      mocks: [loginMock('camille@example.fr', 'correct horse battery', { data: { login: viewer } })],
    });
    await findPageTitle();
    expect(screen.getByRole('status')).toHaveTextContent(fr.auth.login.sessionExpired);
    await user.type(emailField(), 'camille@example.fr');
    await user.type(passwordField(), 'correct horse battery');
    await user.click(submit());
    await waitForPath(router, '/c/acme/team');
  });

  it('never follows a return-to URL that leaves the site', async () => {
    const user = userEvent.setup();
    const viewer = buildViewer({ memberships: [buildMembership(['COURRIER'], { id: 'acme' })] });
    const { router } = renderApp(`/login?next=${encodeURIComponent('//evil.example/phish')}`, {
      mocks: [loginMock('camille@example.fr', 'correct horse battery', { data: { login: viewer } })],
    });
    await findPageTitle();
    await user.type(emailField(), 'camille@example.fr');
    await user.type(passwordField(), 'correct horse battery');
    await user.click(submit());
    await waitForPath(router, '/c/acme/mail');
  });

  it('sends a signed-in visitor of /login straight on', async () => {
    const viewer = buildViewer({ memberships: [buildMembership(['COURRIER'], { id: 'acme' })] });
    const { router } = renderApp('/login', { viewer });
    await waitForPath(router, '/c/acme/mail');
  });
});
