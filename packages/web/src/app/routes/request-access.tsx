import { AuthLayout } from '@/features/auth/components/auth-layout';
import { RequestAccessPage } from '@/features/team/components/request-access-page';

export function Component() {
  return (
    <AuthLayout>
      <RequestAccessPage />
    </AuthLayout>
  );
}
