import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { Alert, Link } from '@/components/ui';
import { paths, safeRedirect } from '@/config/paths';
import { AuthLayout } from '@/features/auth/components/auth-layout';
import { LoginForm } from '@/features/auth/components/login-form';
import { emailFromState } from '@/features/auth/utils/email-from-state';

export function Component() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const next = safeRedirect(searchParams.get('next'));
  const expired = searchParams.get('reason') === 'expired';
  const initialEmail = emailFromState(location.state);

  return (
    <AuthLayout>
      <PageHeader title={t('auth.login.title')} description={t('auth.login.intro')} />
      {expired ? <Alert tone="warning">{t('auth.login.sessionExpired')}</Alert> : null}
      <LoginForm
        initialEmail={initialEmail}
        onSuccess={() => {
          // `/` sends the person on to their first company (its first section they may open).
          void navigate(next ?? paths.home.getHref(), { replace: true });
        }}
      />
      <p className="muted small">{t('auth.login.noAccount')}</p>
      <p className="form__aside form__aside--center">
        {t('auth.login.requestAccessPrompt')} <Link to={paths.requestAccess.getHref()}>{t('auth.login.requestAccessLink')}</Link>
      </p>
    </AuthLayout>
  );
}
