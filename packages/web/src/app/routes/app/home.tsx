import { AppShell } from '@/features/shell/components/app-shell';
import { NoCompany } from '@/features/shell/components/no-company';
import { useViewer } from '@/lib/auth';

/**
 * `/` for a signed-in person with no company (the loader has already sent members to their first
 * company and staff to the operator space).
 */
export function Component() {
  const viewer = useViewer();
  if (!viewer) return null;
  return (
    <AppShell viewer={viewer}>
      <NoCompany />
    </AppShell>
  );
}
