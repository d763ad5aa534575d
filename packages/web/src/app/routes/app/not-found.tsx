import { NotFound } from '@/components/errors/not-found';
import { AppShell } from '@/features/shell/components/app-shell';
import { useViewer } from '@/lib/auth';

/**
 * Unknown paths. They sit behind sign-in: an anonymous visitor is sent to the login page first
 * (and comes back here afterwards), so the site reveals nothing about its URLs.
 */
export function Component() {
  const viewer = useViewer();
  if (!viewer) return null;
  return (
    <AppShell viewer={viewer}>
      <NotFound />
    </AppShell>
  );
}
