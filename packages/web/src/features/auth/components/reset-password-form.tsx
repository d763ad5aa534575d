import { useMutation, useQuery } from '@apollo/client/react';
import { PASSWORD_MIN_LENGTH, validatePassword, validationMessage, type ValidationCode } from '@guichet/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '@/components/forms/password-field';
import { Alert, Button, Link, Spinner } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError, errorCodeOf, fieldErrorsOf } from '@/lib/errors';
import { PasswordResetLinkValidDocument, ResetPasswordDocument } from '@/lib/graphql/generated';
import { localeOf } from '@/lib/i18n';

type Problem = { kind: 'required' } | { kind: 'mismatch' } | { kind: 'rule'; code: ValidationCode };

/** Chooses a new password with the single-use token from the email link. */
export function ResetPasswordForm({ token }: { token: string | null }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [resetPassword, { loading, error, reset }] = useMutation(ResetPasswordDocument);
  // A used, expired or unknown link is told at once, not after typing a password twice. If the
  // check itself fails (offline, too many checks), the form shows: sending it checks the link too.
  const check = useQuery(PasswordResetLinkValidDocument, {
    variables: { token: token ?? '' },
    skip: !token,
    fetchPolicy: 'network-only',
  });
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [passwordProblem, setPasswordProblem] = useState<Problem | null>(null);
  const [confirmationProblem, setConfirmationProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (!token) {
    return (
      <div className="form">
        <Alert tone="error">{t('auth.reset.missingToken')}</Alert>
        <Link variant="button" to={paths.auth.forgotPassword.getHref()}>
          {t('auth.reset.askAgain')}
        </Link>
      </div>
    );
  }

  if (check.loading && !check.data) {
    return <Spinner label={t('auth.reset.checking')} />;
  }

  if (check.data?.passwordResetLinkValid === false) {
    return <DeadLink />;
  }

  if (done) {
    return (
      <div className="form">
        <h2 ref={doneRef} tabIndex={-1} className="card__title">
          {t('auth.reset.doneTitle')}
        </h2>
        <Alert tone="success">{t('auth.reset.done')}</Alert>
        <Link variant="button" to={paths.auth.login.getHref()}>
          {t('auth.reset.goToLogin')}
        </Link>
      </div>
    );
  }

  const checkPassword = (value: string): Problem | null => {
    if (value === '') return { kind: 'required' };
    const result = validatePassword(value);
    return result.ok ? null : { kind: 'rule', code: result.error };
  };
  const checkConfirmation = (value: string, against: string): Problem | null => {
    if (value === '') return { kind: 'required' };
    return value === against ? null : { kind: 'mismatch' };
  };
  const text = (problem: Problem | null, required: string): string | null => {
    if (!problem) return null;
    if (problem.kind === 'required') return required;
    if (problem.kind === 'mismatch') return t('auth.reset.mismatch');
    return validationMessage(problem.code, locale);
  };

  const code = errorCodeOf(error);
  const serverPasswordCode = fieldErrorsOf(error).find((item) => item.field === 'password')?.code;
  const passwordError =
    text(passwordProblem, t('auth.reset.passwordRequired')) ?? (serverPasswordCode ? validationMessage(serverPasswordCode, locale) : null);
  const confirmationError = text(confirmationProblem, t('auth.reset.confirmRequired'));

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loading) return;
    reset();
    const first = checkPassword(password);
    const second = checkConfirmation(confirmation, password);
    setPasswordProblem(first);
    setConfirmationProblem(second);
    if (first) return passwordRef.current?.focus();
    if (second) return confirmationRef.current?.focus();
    try {
      await resetPassword({ variables: { token, password } });
      setDone(true);
    } catch {
      // shown below through `error`
    }
  };

  return (
    <form noValidate onSubmit={handleSubmit} className="form">
      {code === 'INVALID_TOKEN' ? (
        <Alert tone="error">
          <p>{t('auth.reset.invalidToken')}</p>
          <p>
            <Link to={paths.auth.forgotPassword.getHref()}>{t('auth.reset.askAgain')}</Link>
          </p>
        </Alert>
      ) : error && !serverPasswordCode ? (
        <Alert tone="error">{describeError(error, locale, t('errors.network'))}</Alert>
      ) : null}
      <PasswordField
        ref={passwordRef}
        label={t('auth.reset.password')}
        description={t('auth.reset.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        name="new-password"
        autoComplete="new-password"
        required
        value={password}
        error={passwordError ?? undefined}
        onChange={(event) => {
          setPassword(event.target.value);
          if (passwordProblem) setPasswordProblem(checkPassword(event.target.value));
          if (confirmationProblem && confirmation !== '') {
            setConfirmationProblem(checkConfirmation(confirmation, event.target.value));
          }
        }}
        onBlur={() => {
          if (password !== '') setPasswordProblem(checkPassword(password));
        }}
      />
      <PasswordField
        ref={confirmationRef}
        label={t('auth.reset.confirm')}
        name="confirm-password"
        autoComplete="new-password"
        required
        value={confirmation}
        error={confirmationError ?? undefined}
        onChange={(event) => {
          setConfirmation(event.target.value);
          if (confirmationProblem) {
            setConfirmationProblem(checkConfirmation(event.target.value, password));
          }
        }}
        onBlur={() => {
          if (confirmation !== '') setConfirmationProblem(checkConfirmation(confirmation, password));
        }}
      />
      <Button type="submit" fullWidth isLoading={loading}>
        {loading ? t('auth.reset.submitting') : t('auth.reset.submit')}
      </Button>
    </form>
  );
}

/** The link no longer works (used, expired, replaced or unknown): say so, and offer a new one. */
function DeadLink() {
  const { t } = useTranslation();
  return (
    <div className="form">
      <Alert tone="error">{t('auth.reset.invalidToken')}</Alert>
      <Link variant="button" to={paths.auth.forgotPassword.getHref()}>
        {t('auth.reset.askAgain')}
      </Link>
    </div>
  );
}
