import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import {
  PASSWORD_MIN_LENGTH,
  scopesLabel,
  validatePassword,
  validatePersonName,
  validationMessage,
  type ValidationCode,
} from '@guichet/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PasswordField } from '@/components/forms/password-field';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, Link, Spinner, TextField } from '@/components/ui';
import { COMPANY_PAGES, paths } from '@/config/paths';
import { activeMemberships, useApplyLocaleAfterLogin, useLogout, useSessionEnd, useViewer, writeViewer, type Viewer } from '@/lib/auth';
import { canOpenPage, companyLandingHref } from '@/lib/authorization';
import { describeError, errorCodeOf, errorExtensionOf, fieldErrorsOf } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import {
  AcceptInvitationDocument,
  InvitationPreviewDocument,
  RequestNewInvitationLinkDocument,
  type InvitationPreviewQuery,
} from '../api/generated';
import { useTeamTranslation } from '../hooks/use-team-translation';

type Preview = NonNullable<InvitationPreviewQuery['invitation']>;

/** What the page shows; the API's answer to an acceptance can move it to another state. */
type View = 'new' | 'signIn' | 'join' | 'mismatch' | 'expired' | 'revoked' | 'accepted' | 'unknown';

function viewOf(preview: Preview, viewer: Viewer | null): View {
  if (preview.status === 'ACCEPTED') return 'accepted';
  if (preview.status === 'EXPIRED') return 'expired';
  if (preview.status === 'REVOKED') return 'revoked';
  if (viewer) return viewer.user.email === preview.email ? 'join' : 'mismatch';
  return preview.accountExists ? 'signIn' : 'new';
}

const VIEW_OF_ERROR: Partial<Record<string, View>> = {
  INVALID_TOKEN: 'unknown',
  INVITATION_EXPIRED: 'expired',
  INVITATION_REVOKED: 'revoked',
  INVITATION_ALREADY_ACCEPTED: 'accepted',
  SIGN_IN_REQUIRED: 'signIn',
  INVITATION_EMAIL_MISMATCH: 'mismatch',
};

/**
 * `/invitation?token=…`: what the invitation is (company, inviter, role, expiry), then the way in
 * that fits the visitor — a new person chooses a password; someone with an account signs in first;
 * someone signed in with another address is told so, with both addresses. An expired or withdrawn
 * link asks the administrators for a new one; an unknown link explains that a newer one may have
 * replaced it.
 */
export function InvitationPage({ token }: { token: string | null }) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const cachedViewer = useViewer();
  // Signed out from this page: nobody is signed in any more, whatever the cache still shows.
  const viewer = useSessionEnd() ? null : cachedViewer;
  const {
    data: fresh,
    previousData,
    loading,
    error,
    refetch,
  } = useQuery(InvitationPreviewDocument, {
    variables: { token: token ?? '' },
    skip: !token,
    fetchPolicy: 'network-only',
  });
  const [forced, setForced] = useState<{ view: View; email?: string } | null>(null);
  // While asking again (after signing out), the page keeps showing what it knows.
  const data = fresh ?? previousData;

  if (!token) {
    return (
      <>
        <PageHeader title={t('invitation.missing.title')} />
        <Alert tone="error" live="off">
          {t('invitation.missing.body')}
        </Alert>
        <Link variant="button-secondary" to={paths.auth.login.getHref()}>
          {t('invitation.goToLogin')}
        </Link>
      </>
    );
  }
  if (loading && !data) return <Spinner label={tApp('app.loading')} size="lg" />;
  if (error && !data) {
    return (
      <>
        <PageHeader title={t('invitation.failed.title')} />
        <Alert tone="error">{describeError(error, locale, tApp('errors.network'))}</Alert>
        <Button variant="secondary" onClick={() => void refetch()}>
          {tApp('errors.generic.retry')}
        </Button>
      </>
    );
  }

  const preview = data?.invitation ?? null;
  const view: View = forced?.view ?? (preview ? viewOf(preview, viewer) : 'unknown');
  const onOutcome = (code: string | null, email?: string) => {
    const next = code ? VIEW_OF_ERROR[code] : undefined;
    if (next) setForced({ view: next, email });
  };

  if (view === 'unknown' || !preview) return <UnknownLink signedIn={viewer !== null} />;
  const company = preview.companyName;

  if (view === 'accepted') {
    return (
      <>
        <PageHeader title={t('invitation.accepted.title')} />
        <p>{t('invitation.accepted.body', { company })}</p>
        {viewer ? (
          <Link variant="button" to={paths.home.getHref()}>
            {t('invitation.accepted.goHome')}
          </Link>
        ) : (
          <Link variant="button" to={paths.auth.login.getHref()} state={{ email: preview.email }}>
            {t('invitation.goToLogin')}
          </Link>
        )}
      </>
    );
  }

  if (view === 'expired' || view === 'revoked') return <ExpiredLink token={token} preview={preview} revoked={view === 'revoked'} />;

  return (
    <>
      <PageHeader title={t('invitation.title', { company })} />
      <InvitationSummary preview={preview} />
      {view === 'new' ? (
        <NewAccountForm token={token} preview={preview} onOutcome={onOutcome} />
      ) : view === 'signIn' ? (
        <SignInToAccept token={token} preview={preview} />
      ) : view === 'join' && viewer ? (
        <JoinButton token={token} preview={preview} viewer={viewer} onOutcome={onOutcome} />
      ) : viewer ? (
        <Mismatch
          invitedEmail={forced?.email ?? preview.email}
          viewer={viewer}
          onSignedOut={() => {
            setForced(null);
            void refetch();
          }}
        />
      ) : (
        <SignInToAccept token={token} preview={preview} />
      )}
    </>
  );
}

/** Company, inviter, role (and the sections it opens), address and expiry. */
function InvitationSummary({ preview }: { preview: Preview }) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const sections = COMPANY_PAGES.filter((page) => canOpenPage(preview.scopes, page)).map((page) => tApp(`nav.${page.key}`));
  return (
    <div className="invitation-summary">
      <p className="invitation-summary__lead">
        {preview.inviterName
          ? t('invitation.summary.lead', { inviter: preview.inviterName, company: preview.companyName })
          : t('invitation.summary.leadNoInviter', { company: preview.companyName })}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('invitation.summary.company')}</dt>
          <dd>{preview.companyName}</dd>
        </div>
        <div>
          <dt>{t('invitation.summary.role')}</dt>
          <dd>
            {scopesLabel(preview.scopes, locale)}
            {sections.length > 0 ? (
              <span className="facts__meta">
                {t('invitation.summary.sections', { sections: new Intl.ListFormat(locale).format(sections) })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('invitation.summary.email')}</dt>
          <dd className="facts__email">{preview.email}</dd>
        </div>
        <div>
          <dt>{t('invitation.summary.expires')}</dt>
          <dd>
            <time dateTime={preview.expiresAt}>{formatDateTime(preview.expiresAt, locale)}</time>
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** After accepting: the viewer (with the new membership) goes to the cache, the person to the company. */
function useEnterCompany(preview: Preview) {
  const client = useApolloClient();
  const navigate = useNavigate();
  const applyLocale = useApplyLocaleAfterLogin();
  const before = useViewer();
  return (viewer: Viewer) => {
    const known = new Set(activeMemberships(before).map((membership) => membership.id));
    const memberships = activeMemberships(viewer);
    const joined =
      memberships.find((membership) => !known.has(membership.id)) ??
      memberships.find((membership) => membership.company.name === preview.companyName) ??
      memberships[0];
    writeViewer(client, viewer);
    if (!before) applyLocale(viewer);
    void navigate(joined ? companyLandingHref(joined) : paths.home.getHref(), { replace: true });
  };
}

type Problem = { kind: 'required' } | { kind: 'mismatch' } | { kind: 'rule'; code: ValidationCode };
type Field = 'firstName' | 'lastName' | 'password' | 'confirmation';

function NewAccountForm({ token, preview, onOutcome }: { token: string; preview: Preview; onOutcome: (code: string | null) => void }) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [accept, { loading, error, reset }] = useMutation(AcceptInvitationDocument);
  const enter = useEnterCompany(preview);
  const [values, setValues] = useState({ firstName: preview.firstName, lastName: preview.lastName, password: '', confirmation: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, Problem>>>({});
  const refs = {
    firstName: useRef<HTMLInputElement>(null),
    lastName: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirmation: useRef<HTMLInputElement>(null),
  };

  const check = (field: Field, next = values): Problem | undefined => {
    if (field === 'firstName' || field === 'lastName') {
      const result = validatePersonName(next[field]);
      return result.ok ? undefined : { kind: 'rule', code: result.error };
    }
    if (field === 'password') {
      if (next.password === '') return { kind: 'required' };
      const result = validatePassword(next.password, { email: preview.email, firstName: next.firstName, lastName: next.lastName });
      return result.ok ? undefined : { kind: 'rule', code: result.error };
    }
    if (next.confirmation === '') return { kind: 'required' };
    return next.confirmation === next.password ? undefined : { kind: 'mismatch' };
  };

  const serverFields = fieldErrorsOf(error);
  const message = (field: Field): string | undefined => {
    const problem = problems[field];
    if (problem?.kind === 'required')
      return field === 'confirmation' ? t('invitation.new.confirmRequired') : t('invitation.new.passwordRequired');
    if (problem?.kind === 'mismatch') return t('invitation.new.mismatch');
    if (problem?.kind === 'rule') return validationMessage(problem.code, locale);
    const server = serverFields.find((item) => item.field === field);
    return server ? validationMessage(server.code, locale) : undefined;
  };
  const code = errorCodeOf(error);
  const formError =
    error && serverFields.length === 0 && !(code && VIEW_OF_ERROR[code]) ? describeError(error, locale, tApp('errors.network')) : null;

  const change = (field: Field, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (problems[field]) setProblems((current) => ({ ...current, [field]: check(field, next) }));
    if (field === 'password' && problems.confirmation && next.confirmation !== '') {
      setProblems((current) => ({ ...current, confirmation: check('confirmation', next) }));
    }
  };
  const blur = (field: Field) => {
    if (values[field] !== '') setProblems((current) => ({ ...current, [field]: check(field) }));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loading) return;
    reset();
    const fields: Field[] = ['firstName', 'lastName', 'password', 'confirmation'];
    const found = Object.fromEntries(fields.map((field) => [field, check(field)])) as Partial<Record<Field, Problem>>;
    setProblems(found);
    const first = fields.find((field) => found[field]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    try {
      const { data } = await accept({
        variables: { token, input: { firstName: values.firstName, lastName: values.lastName, password: values.password } },
      });
      if (data) enter(data.acceptInvitation);
    } catch (cause) {
      onOutcome(errorCodeOf(cause));
    }
  };

  return (
    <form noValidate className="form" onSubmit={(event) => void submit(event)}>
      <h2 className="card__title">{t('invitation.new.title')}</h2>
      <p className="muted">{t('invitation.new.intro', { email: preview.email })}</p>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="form__row">
        <TextField
          ref={refs.firstName}
          label={t('invitation.new.firstName')}
          autoComplete="given-name"
          required
          value={values.firstName}
          error={message('firstName')}
          onChange={(event) => change('firstName', event.target.value)}
          onBlur={() => blur('firstName')}
        />
        <TextField
          ref={refs.lastName}
          label={t('invitation.new.lastName')}
          autoComplete="family-name"
          required
          value={values.lastName}
          error={message('lastName')}
          onChange={(event) => change('lastName', event.target.value)}
          onBlur={() => blur('lastName')}
        />
      </div>
      {/* The address is fixed by the invitation; password managers still need it as the user name. */}
      <input type="email" name="email" autoComplete="username" value={preview.email} readOnly hidden />
      <PasswordField
        ref={refs.password}
        label={t('invitation.new.password')}
        description={t('invitation.new.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        name="new-password"
        autoComplete="new-password"
        required
        value={values.password}
        error={message('password')}
        onChange={(event) => change('password', event.target.value)}
        onBlur={() => blur('password')}
      />
      <PasswordField
        ref={refs.confirmation}
        label={t('invitation.new.confirm')}
        name="confirm-password"
        autoComplete="new-password"
        required
        value={values.confirmation}
        error={message('confirmation')}
        onChange={(event) => change('confirmation', event.target.value)}
        onBlur={() => blur('confirmation')}
      />
      <Button type="submit" fullWidth isLoading={loading}>
        {loading ? t('invitation.new.submitting') : t('invitation.new.submit', { company: preview.companyName })}
      </Button>
    </form>
  );
}

function SignInToAccept({ token, preview }: { token: string; preview: Preview }) {
  const { t } = useTeamTranslation();
  return (
    <div className="form">
      <Alert tone="info" live="off">
        {t('invitation.signIn.body', { email: preview.email })}
      </Alert>
      <Link variant="button" to={paths.auth.login.getHref(paths.invitation.getHref(token))} state={{ email: preview.email }}>
        {t('invitation.signIn.action')}
      </Link>
      <p className="form__aside form__aside--center">
        <Link to={paths.auth.forgotPassword.getHref()} state={{ email: preview.email }}>
          {t('invitation.signIn.forgot')}
        </Link>
      </p>
    </div>
  );
}

function JoinButton({
  token,
  preview,
  viewer,
  onOutcome,
}: {
  token: string;
  preview: Preview;
  viewer: Viewer;
  onOutcome: (code: string | null, email?: string) => void;
}) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [accept, { loading, error }] = useMutation(AcceptInvitationDocument);
  const enter = useEnterCompany(preview);
  const code = errorCodeOf(error);
  return (
    <div className="form">
      <p>{t('invitation.join.body', { email: viewer.user.email })}</p>
      {error && !(code && VIEW_OF_ERROR[code]) ? <Alert tone="error">{describeError(error, locale, tApp('errors.network'))}</Alert> : null}
      <Button
        fullWidth
        isLoading={loading}
        onClick={async () => {
          try {
            const { data } = await accept({ variables: { token } });
            if (data) enter(data.acceptInvitation);
          } catch (cause) {
            const invitationEmail = errorExtensionOf(cause, 'invitationEmail');
            onOutcome(errorCodeOf(cause), typeof invitationEmail === 'string' ? invitationEmail : undefined);
          }
        }}
      >
        {t('invitation.join.action', { company: preview.companyName })}
      </Button>
    </div>
  );
}

function Mismatch({ invitedEmail, viewer, onSignedOut }: { invitedEmail: string; viewer: Viewer; onSignedOut: () => void }) {
  const { t } = useTeamTranslation();
  const { t: tApp } = useTranslation();
  const { logout, loading } = useLogout();
  const [failed, setFailed] = useState(false);
  return (
    <div className="form">
      <Alert tone="warning" title={t('invitation.mismatch.title')}>
        <p>{t('invitation.mismatch.body', { invited: invitedEmail, current: viewer.user.email })}</p>
        <p>{t('invitation.mismatch.next', { invited: invitedEmail })}</p>
      </Alert>
      {failed ? <Alert tone="error">{tApp('shell.logoutFailed')}</Alert> : null}
      <Button
        fullWidth
        variant="secondary"
        isLoading={loading}
        onClick={async () => {
          setFailed(false);
          try {
            await logout();
            onSignedOut();
          } catch {
            setFailed(true);
          }
        }}
      >
        {loading ? tApp('shell.loggingOut') : tApp('shell.logout')}
      </Button>
    </div>
  );
}

function ExpiredLink({ token, preview, revoked }: { token: string; preview: Preview; revoked: boolean }) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [requestLink, { loading, error, data }] = useMutation(RequestNewInvitationLinkDocument);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const done = Boolean(data?.requestNewInvitationLink);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const company = preview.companyName;
  return (
    <>
      <PageHeader title={revoked ? t('invitation.revoked.title') : t('invitation.expired.title')} />
      <p>
        {revoked
          ? t('invitation.revoked.body', { company })
          : t('invitation.expired.body', { company, date: formatDateTime(preview.expiresAt, locale) })}
      </p>
      {done ? (
        <div className="form">
          <h2 ref={doneRef} tabIndex={-1} className="card__title">
            {t('invitation.newLink.doneTitle')}
          </h2>
          <Alert tone="success">{t('invitation.newLink.done', { company, email: preview.email })}</Alert>
        </div>
      ) : (
        <div className="form">
          <p className="muted">{t('invitation.newLink.intro', { company })}</p>
          {error ? <Alert tone="error">{describeError(error, locale, tApp('errors.network'))}</Alert> : null}
          <Button fullWidth isLoading={loading} onClick={() => void requestLink({ variables: { token } }).catch(() => undefined)}>
            {t('invitation.newLink.action')}
          </Button>
        </div>
      )}
    </>
  );
}

function UnknownLink({ signedIn }: { signedIn: boolean }) {
  const { t } = useTeamTranslation();
  return (
    <>
      <PageHeader title={t('invitation.unknown.title')} />
      <p>{t('invitation.unknown.body')}</p>
      <p className="muted">{t('invitation.unknown.hint')}</p>
      {signedIn ? (
        <Link variant="button" to={paths.home.getHref()}>
          {t('invitation.accepted.goHome')}
        </Link>
      ) : (
        <Link variant="button" to={paths.auth.login.getHref()}>
          {t('invitation.goToLogin')}
        </Link>
      )}
    </>
  );
}
