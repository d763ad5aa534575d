import { useApolloClient, useMutation } from '@apollo/client/react';
import { validateEmail, validationMessage, type ValidationCode } from '@guichet/shared';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmailField } from '@/components/forms/email-field';
import { PasswordField } from '@/components/forms/password-field';
import { Alert, Button, Link } from '@/components/ui';
import { paths } from '@/config/paths';
import { useApplyLocaleAfterLogin, writeViewer, type Viewer } from '@/lib/auth';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { LoginDocument } from '@/lib/graphql/generated';
import { localeOf } from '@/lib/i18n';

/** Field problems are kept as codes and turned into text at render time, in the current language. */
type FieldProblem = { kind: 'required' } | { kind: 'rule'; code: ValidationCode };

function checkEmail(raw: string): { problem: FieldProblem | null; suggestion: string | null; email: string } {
  if (raw.trim() === '') return { problem: { kind: 'required' }, suggestion: null, email: '' };
  // Signing in is not the place to enforce account-creation rules (e.g. department mailboxes):
  // only the shape of the address is checked.
  const result = validateEmail(raw, { allowGenericMailbox: true });
  if (!result.ok) return { problem: { kind: 'rule', code: result.error }, suggestion: null, email: result.email };
  return { problem: null, suggestion: result.warning?.suggestion ?? null, email: result.email };
}

export interface LoginFormProps {
  /** Called once the session cookie is set and the viewer is in the cache. */
  onSuccess: (viewer: Viewer) => void;
  /** Prefills the address (e.g. coming back from "forgot password"). */
  initialEmail?: string;
}

export function LoginForm({ onSuccess, initialEmail = '' }: LoginFormProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const client = useApolloClient();
  const applyLocale = useApplyLocaleAfterLogin();
  const [login, { loading, error: apiError, reset }] = useMutation(LoginDocument);

  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [emailProblem, setEmailProblem] = useState<FieldProblem | null>(null);
  const [passwordProblem, setPasswordProblem] = useState<FieldProblem | null>(null);
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const serverFieldErrors = fieldErrorsOf(apiError);
  const serverEmailCode = serverFieldErrors.find((item) => item.field === 'email')?.code;
  const serverPasswordCode = serverFieldErrors.find((item) => item.field === 'password')?.code;

  const message = (problem: FieldProblem | null, requiredText: string): string | null => {
    if (!problem) return null;
    return problem.kind === 'required' ? requiredText : validationMessage(problem.code, locale);
  };
  const emailError =
    message(emailProblem, t('auth.login.emailRequired')) ?? (serverEmailCode ? validationMessage(serverEmailCode, locale) : null);
  const passwordError =
    message(passwordProblem, t('auth.login.passwordRequired')) ??
    (serverPasswordCode ? validationMessage(serverPasswordCode, locale) : null);
  const formError = apiError && serverFieldErrors.length === 0 ? describeError(apiError, locale, t('errors.network')) : null;

  const validateEmailField = (value: string) => {
    const { problem, suggestion: next } = checkEmail(value);
    setEmailProblem(problem);
    setSuggestion(next);
    return problem;
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loading) return;
    reset();
    const checked = checkEmail(email);
    const passwordCheck: FieldProblem | null = password === '' ? { kind: 'required' } : null;
    setEmailProblem(checked.problem);
    setSuggestion(checked.suggestion);
    setPasswordProblem(passwordCheck);
    if (checked.problem) {
      emailRef.current?.focus();
      return;
    }
    if (passwordCheck) {
      passwordRef.current?.focus();
      return;
    }
    try {
      const { data } = await login({ variables: { email: checked.email, password } });
      if (!data) return;
      writeViewer(client, data.login);
      applyLocale(data.login);
      onSuccess(data.login);
    } catch {
      // Shown through `apiError`; the password is cleared so a retry starts clean.
      setPassword('');
      passwordRef.current?.focus();
    }
  };

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
          if (emailProblem)
            validateEmailField(value); // clear the error as soon as it is fixed
          else if (suggestion) setSuggestion(null);
        }}
        onBlur={() => {
          if (email.trim() !== '') validateEmailField(email);
        }}
        onAcceptSuggestion={(value) => {
          setEmail(value);
          setSuggestion(null);
          setEmailProblem(null);
          emailRef.current?.focus();
        }}
      />
      <PasswordField
        ref={passwordRef}
        label={t('auth.login.password')}
        name="password"
        autoComplete="current-password"
        required
        value={password}
        error={passwordError ?? undefined}
        onChange={(event) => {
          setPassword(event.target.value);
          if (passwordProblem && event.target.value !== '') setPasswordProblem(null);
        }}
      />
      <p className="form__aside">
        <Link to={paths.auth.forgotPassword.getHref()} state={{ email }}>
          {t('auth.login.forgotPassword')}
        </Link>
      </p>
      <Button type="submit" fullWidth isLoading={loading}>
        {loading ? t('auth.login.submitting') : t('auth.login.submit')}
      </Button>
    </form>
  );
}
