import { Outlet } from 'react-router';
import { NoAccess } from '@/components/errors/no-access';
import { AppShell } from '@/features/shell/components/app-shell';
import { OperatorLayout } from '@/features/operator/components/operator-layout';
import { useViewer } from '@/lib/auth';

/** `/operator/*`: the staff's space, inside the signed-in shell; anyone else gets the no-access page. */
export function Component() {
  const viewer = useViewer();
  if (!viewer) return null;
  return (
    <AppShell viewer={viewer}>
      {viewer.user.isStaff ? (
        <OperatorLayout>
          <Outlet />
        </OperatorLayout>
      ) : (
        <NoAccess reason="staff" />
      )}
    </AppShell>
  );
}
