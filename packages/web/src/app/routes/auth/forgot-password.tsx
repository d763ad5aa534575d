import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { AuthLayout } from '@/features/auth/components/auth-layout';
import { ForgotPasswordForm } from '@/features/auth/components/forgot-password-form';
import { emailFromState } from '@/features/auth/utils/email-from-state';

export function Component() {
  const { t } = useTranslation();
  const initialEmail = emailFromState(useLocation().state);
  return (
    <AuthLayout>
      <PageHeader title={t('auth.forgot.title')} description={t('auth.forgot.intro')} />
      <ForgotPasswordForm initialEmail={initialEmail} />
    </AuthLayout>
  );
}
