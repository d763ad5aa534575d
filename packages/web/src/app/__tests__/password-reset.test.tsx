import { validationMessage } from '@guichet/shared';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { PasswordResetLinkValidDocument, RequestPasswordResetDocument, ResetPasswordDocument } from '@/lib/graphql/generated';
import { fr } from '@/locales/fr';
import { findPageTitle, normalized, renderApp } from '@/testing/test-utils';

describe('forgot password', () => {
  it('always answers with the same confirmation', async () => {
    const user = userEvent.setup();
    renderApp('/forgot-password', {
      mocks: [
        {
          request: { query: RequestPasswordResetDocument, variables: { email: 'nobody@example.fr' } },
          result: { data: { requestPasswordReset: true } },
        },
      ],
    });
    expect(await findPageTitle()).toHaveTextContent(fr.auth.forgot.title);
    await user.type(screen.getByLabelText(fr.auth.login.email), 'nobody@example.fr');
    await user.click(screen.getByRole('button', { name: fr.auth.forgot.submit }));
    expect(await screen.findByRole('status')).toHaveTextContent('Si un compte existe pour cette adresse, un e-mail vient de partir');
    expect(screen.getByRole('heading', { level: 2, name: fr.auth.forgot.sentTitle })).toHaveFocus();
  });

  it('is reached from the login page with the address already typed', async () => {
    const user = userEvent.setup();
    renderApp('/login');
    await findPageTitle();
    await user.type(screen.getByLabelText(fr.auth.login.email), 'camille@example.fr');
    await user.click(screen.getByRole('link', { name: fr.auth.login.forgotPassword }));
    expect(await screen.findByRole('heading', { level: 1, name: fr.auth.forgot.title })).toBeInTheDocument();
    expect(screen.getByLabelText(fr.auth.login.email)).toHaveValue('camille@example.fr');
  });
});

/** The page's check of its link on load (the API answers true or false). */
const linkCheck = (token: string, valid: boolean) => ({
  request: { query: PasswordResetLinkValidDocument, variables: { token } },
  result: { data: { passwordResetLinkValid: valid } },
});

describe('reset password', () => {
  it('says at once that a used, expired or unknown link no longer works, with a way to ask for a new one', async () => {
    renderApp('/reset-password?token=dead-token', { mocks: [linkCheck('dead-token', false)] });
    await findPageTitle();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(normalized(fr.auth.reset.invalidToken));
    expect(screen.getByRole('link', { name: fr.auth.reset.askAgain })).toHaveAttribute('href', '/forgot-password');
    // No form to fill in for nothing.
    expect(screen.queryByLabelText(fr.auth.reset.password)).toBeNull();
    expect(screen.queryByRole('button', { name: fr.auth.reset.submit })).toBeNull();
  });

  it('checks the new password with the shared rules and the confirmation', async () => {
    const user = userEvent.setup();
    renderApp('/reset-password?token=abc', { mocks: [linkCheck('abc', true)] });
    await findPageTitle();
    const password = await screen.findByLabelText(fr.auth.reset.password);
    const confirmation = screen.getByLabelText(fr.auth.reset.confirm);
    await user.type(password, 'short');
    await user.type(confirmation, 'other');
    await user.click(screen.getByRole('button', { name: fr.auth.reset.submit }));
    expect(password).toHaveAccessibleDescription(expect.stringContaining(validationMessage('PASSWORD_TOO_SHORT', 'fr')));
    await user.clear(password);
    await user.type(password, 'un cheval violet mange des crepes');
    await user.click(screen.getByRole('button', { name: fr.auth.reset.submit }));
    expect(confirmation).toHaveAccessibleDescription(expect.stringContaining(fr.auth.reset.mismatch));
  });

  it('explains an invalid link and offers to ask for a new one', async () => {
    const user = userEvent.setup();
    const password = 'un cheval violet mange des crepes';
    renderApp('/reset-password?token=used-token', {
      mocks: [
        // Still valid when the page opened; used elsewhere before the form was sent.
        linkCheck('used-token', true),
        {
          request: { query: ResetPasswordDocument, variables: { token: 'used-token', password } },
          result: {
            errors: [new GraphQLError('Invalid token', { extensions: { code: 'INVALID_TOKEN' } })],
          },
        },
      ],
    });
    await findPageTitle();
    await user.type(await screen.findByLabelText(fr.auth.reset.password), password);
    await user.type(screen.getByLabelText(fr.auth.reset.confirm), password);
    await user.click(screen.getByRole('button', { name: fr.auth.reset.submit }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(normalized(fr.auth.reset.invalidToken));
    expect(screen.getByRole('link', { name: fr.auth.reset.askAgain })).toHaveAttribute('href', '/forgot-password');
  });

  it('confirms the change', async () => {
    const user = userEvent.setup();
    const password = 'un cheval violet mange des crepes';
    renderApp('/reset-password?token=good', {
      mocks: [
        linkCheck('good', true),
        {
          request: { query: ResetPasswordDocument, variables: { token: 'good', password } },
          result: { data: { resetPassword: true } },
        },
      ],
    });
    await findPageTitle();
    await user.type(await screen.findByLabelText(fr.auth.reset.password), password);
    await user.type(screen.getByLabelText(fr.auth.reset.confirm), password);
    await user.click(screen.getByRole('button', { name: fr.auth.reset.submit }));
    expect(await screen.findByRole('status')).toHaveTextContent(fr.auth.reset.done);
    expect(screen.getByRole('link', { name: fr.auth.reset.goToLogin })).toHaveAttribute('href', '/login');
  });

  it('says when the link has no token', async () => {
    renderApp('/reset-password');
    await findPageTitle();
    expect(screen.getByRole('alert')).toHaveTextContent(fr.auth.reset.missingToken);
  });
});
