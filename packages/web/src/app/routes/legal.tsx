import type { LegalPage as LegalPageKey } from '@guichet/shared';
import { PlainLayout } from '@/components/layouts';
import { LegalPage } from '@/features/legal/components/legal-page';
import { AppShell } from '@/features/shell/components/app-shell';
import { useViewer } from '@/lib/auth';

/**
 * `/legal/…`: public. A signed-in person reads it in the signed-in frame, anyone else in the plain
 * one (the loader has read who is signed in, and the page's data).
 */
export function LegalRoute({ page }: { page: LegalPageKey }) {
  const viewer = useViewer();
  const content = <LegalPage page={page} />;
  return viewer ? <AppShell viewer={viewer}>{content}</AppShell> : <PlainLayout>{content}</PlainLayout>;
}
