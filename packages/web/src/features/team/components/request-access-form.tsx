import { useMutation } from '@apollo/client/react';
import { formatSiret, validateEmail, validatePersonName, validateSiret, validationMessage, type ValidationCode } from '@guichet/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmailField } from '@/components/forms/email-field';
import { Alert, Button, Link, TextAreaField, TextField } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { RequestAccessDocument } from '../api/generated';
import { useTeamTranslation } from '../hooks/use-team-translation';

const MESSAGE_MAX_LENGTH = 1000;
const FIELDS = ['siret', 'firstName', 'lastName', 'email'] as const;
type Field = (typeof FIELDS)[number];

function check(field: Field, value: string): ValidationCode | null {
  if (field === 'siret') {
    const result = validateSiret(value);
    return result.ok ? null : result.error;
  }
  if (field === 'email') {
    const result = validateEmail(value);
    return result.ok ? null : result.error;
  }
  const result = validatePersonName(value);
  return result.ok ? null : result.error;
}

/**
 * The public "ask to join" form. The answer is the same whatever the SIRET (whether or not the
 * company is a client), so the page never reveals who is domiciled here.
 */
export function RequestAccessForm() {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [requestAccess, { loading, error, reset }] = useMutation(RequestAccessDocument);
  const [values, setValues] = useState<Record<Field | 'message', string>>({
    siret: '',
    firstName: '',
    lastName: '',
    email: '',
    message: '',
  });
  const [problems, setProblems] = useState<Partial<Record<Field, ValidationCode>>>({});
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const refs = {
    siret: useRef<HTMLInputElement>(null),
    firstName: useRef<HTMLInputElement>(null),
    lastName: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
  };
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sent) doneRef.current?.focus();
  }, [sent]);

  const serverFields = fieldErrorsOf(error);
  const message = (field: Field): string | undefined => {
    const code = problems[field] ?? serverFields.find((item) => item.field === field)?.code;
    return code ? validationMessage(code, locale) : undefined;
  };
  const formError = error && serverFields.length === 0 ? describeError(error, locale, tApp('errors.network')) : null;

  const change = (field: Field | 'message', value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (field !== 'message' && problems[field]) setProblems((current) => ({ ...current, [field]: check(field, value) ?? undefined }));
    if (field === 'email') setSuggestion(null);
  };
  const blur = (field: Field) => {
    if (values[field].trim() === '') return;
    setProblems((current) => ({ ...current, [field]: check(field, values[field]) ?? undefined }));
    if (field === 'email') {
      const result = validateEmail(values.email);
      setSuggestion(result.ok ? (result.warning?.suggestion ?? null) : null);
    }
    if (field === 'siret' && !check('siret', values.siret)) setValues((current) => ({ ...current, siret: formatSiret(current.siret) }));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loading) return;
    reset();
    const found = Object.fromEntries(FIELDS.map((field) => [field, check(field, values[field]) ?? undefined])) as Partial<
      Record<Field, ValidationCode>
    >;
    setProblems(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    try {
      await requestAccess({
        variables: {
          input: {
            siret: values.siret,
            firstName: values.firstName,
            lastName: values.lastName,
            email: values.email.trim().toLowerCase(),
            message: values.message.trim() || null,
          },
        },
      });
      setSent(true);
    } catch {
      // shown through `error`
    }
  };

  if (sent) {
    return (
      <div className="form">
        <h2 ref={doneRef} tabIndex={-1} className="card__title">
          {t('requestAccess.sentTitle')}
        </h2>
        <Alert tone="success">{t('requestAccess.sent')}</Alert>
        <p className="muted">{t('requestAccess.sentHint', { email: values.email.trim().toLowerCase() })}</p>
        <Link variant="button" to={paths.auth.login.getHref()}>
          {t('requestAccess.backToLogin')}
        </Link>
      </div>
    );
  }

  return (
    <form noValidate className="form" onSubmit={(event) => void submit(event)}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        ref={refs.siret}
        label={t('requestAccess.siret')}
        description={t('requestAccess.siretHint')}
        inputMode="numeric"
        autoComplete="off"
        required
        value={values.siret}
        error={message('siret')}
        onChange={(event) => change('siret', event.target.value)}
        onBlur={() => blur('siret')}
      />
      <div className="form__row">
        <TextField
          ref={refs.firstName}
          label={t('requestAccess.firstName')}
          autoComplete="given-name"
          required
          value={values.firstName}
          error={message('firstName')}
          onChange={(event) => change('firstName', event.target.value)}
          onBlur={() => blur('firstName')}
        />
        <TextField
          ref={refs.lastName}
          label={t('requestAccess.lastName')}
          autoComplete="family-name"
          required
          value={values.lastName}
          error={message('lastName')}
          onChange={(event) => change('lastName', event.target.value)}
          onBlur={() => blur('lastName')}
        />
      </div>
      <EmailField
        inputRef={refs.email}
        label={t('requestAccess.email')}
        description={t('requestAccess.emailHint')}
        autoComplete="email"
        value={values.email}
        error={message('email')}
        suggestion={suggestion}
        onChange={(value) => change('email', value)}
        onBlur={() => blur('email')}
        onAcceptSuggestion={(value) => {
          change('email', value);
          setProblems((current) => ({ ...current, email: undefined }));
          refs.email.current?.focus();
        }}
      />
      <TextAreaField
        label={t('requestAccess.message')}
        description={t('requestAccess.messageHint')}
        maxLength={MESSAGE_MAX_LENGTH}
        value={values.message}
        onChange={(event) => change('message', event.target.value)}
        hint={
          <span className="muted small">{t('requestAccess.messageCount', { count: values.message.length, max: MESSAGE_MAX_LENGTH })}</span>
        }
      />
      <Button type="submit" fullWidth isLoading={loading}>
        {loading ? t('requestAccess.submitting') : t('requestAccess.submit')}
      </Button>
      <p className="form__aside form__aside--center">
        <Link to={paths.auth.login.getHref()}>{t('requestAccess.backToLogin')}</Link>
      </p>
    </form>
  );
}
