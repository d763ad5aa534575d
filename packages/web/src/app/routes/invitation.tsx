import { useSearchParams } from 'react-router';
import { AuthLayout } from '@/features/auth/components/auth-layout';
import { InvitationPage } from '@/features/team/components/invitation-page';

/** `/invitation?token=…`: public, in the sign-in page's frame (the loader has read who is signed in). */
export function Component() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token')?.trim() || null;
  return (
    <AuthLayout>
      <InvitationPage token={token} />
    </AuthLayout>
  );
}
