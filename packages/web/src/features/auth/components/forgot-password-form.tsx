import { useMutation } from '@apollo/client/react';
import { validateEmail, validationMessage, type ValidationCode } from '@guichet/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmailField } from '@/components/forms/email-field';
import { Alert, Button, Link } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { RequestPasswordResetDocument } from '@/lib/graphql/generated';
import { localeOf } from '@/lib/i18n';

type Problem = { kind: 'required' } | { kind: 'rule'; code: ValidationCode };

/**
 * Asks for a reset link. The answer is the same whether or not an account exists for the
 * address, so the page never reveals who has an account.
 */
export function ForgotPasswordForm({ initialEmail = '' }: { initialEmail?: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [requestReset, { loading, error, reset }] = useMutation(RequestPasswordResetDocument);
  const [email, setEmail] = useState(initialEmail);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sent) confirmationRef.current?.focus();
  }, [sent]);

  const check = (value: string): { problem: Problem | null; email: string } => {
    if (value.trim() === '') return { problem: { kind: 'required' }, email: '' };
    const result = validateEmail(value, { allowGenericMailbox: true });
    setSuggestion(result.ok ? (result.warning?.suggestion ?? null) : null);
    return result.ok ? { problem: null, email: result.email } : { problem: { kind: 'rule', code: result.error }, email: result.email };
  };

  const serverCode = fieldErrorsOf(error).find((item) => item.field === 'email')?.code;
  const emailError = problem
    ? problem.kind === 'required'
      ? t('auth.login.emailRequired')
      : validationMessage(problem.code, locale)
    : serverCode
      ? validationMessage(serverCode, locale)
      : null;
  const formError = error && !serverCode ? describeError(error, locale, t('errors.network')) : null;

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loading) return;
    reset();
    const checked = check(email);
    setProblem(checked.problem);
    if (checked.problem) {
      emailRef.current?.focus();
      return;
    }
    try {
      await requestReset({ variables: { email: checked.email } });
      setSent(true);
    } catch {
      // shown through `error`
    }
  };

  if (sent) {
    return (
      <div className="form">
        <h2 ref={confirmationRef} tabIndex={-1} className="card__title">
          {t('auth.forgot.sentTitle')}
        </h2>
        <Alert tone="success">{t('auth.forgot.sent')}</Alert>
        <p className="muted">{t('auth.forgot.sentHint')}</p>
        <div className="form__actions">
          <Link variant="button" to={paths.auth.login.getHref()}>
            {t('auth.forgot.backToLogin')}
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              setSent(false);
              setEmail('');
              setSuggestion(null);
            }}
          >
            {t('auth.forgot.tryAnother')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="form">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <EmailField
        label={t('auth.login.email')}
        value={email}
        error={emailError}
        suggestion={suggestion}
        inputRef={emailRef}
        onChange={(value) => {
          setEmail(value);
          if (problem) setProblem(check(value).problem);
          else if (suggestion) setSuggestion(null);
        }}
        onBlur={() => {
          if (email.trim() !== '') setProblem(check(email).problem);
        }}
        onAcceptSuggestion={(value) => {
          setEmail(value);
          setSuggestion(null);
          setProblem(null);
          emailRef.current?.focus();
        }}
      />
      <Button type="submit" fullWidth isLoading={loading}>
        {loading ? t('auth.forgot.submitting') : t('auth.forgot.submit')}
      </Button>
      <p className="form__aside form__aside--center">
        <Link to={paths.auth.login.getHref()}>{t('auth.forgot.backToLogin')}</Link>
      </p>
    </form>
  );
}
