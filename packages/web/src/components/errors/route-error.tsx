import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Navigate, useLocation, useRouteError } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { Button, Card } from '@/components/ui';
import { paths } from '@/config/paths';
import { errorCodeOf, isNetworkError } from '@/lib/errors';
import { NoAccess } from './no-access';
import { NotFound } from './not-found';

/** A lazy chunk that no longer exists on the server: the SPA was redeployed meanwhile. */
function isStaleChunkError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
      error.message,
    )
  );
}

/**
 * Route-level error boundary: turns what a loader or a page threw into a page that says what
 * happened and what to do, inside the surrounding layout (header and navigation stay usable).
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  const location = useLocation();

  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  if (isRouteErrorResponse(error) && error.status === 403) return <NoAccess reason="generic" />;

  const code = errorCodeOf(error);
  if (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED') {
    return <Navigate replace to={paths.auth.login.getHref(location.pathname + location.search, 'expired')} />;
  }
  if (code === 'FORBIDDEN' || code === 'NOT_FOUND') return <NoAccess reason="generic" />;

  if (isStaleChunkError(error)) {
    return (
      <>
        <PageHeader title={t('errors.newVersion.title')} />
        <Card className="notice-card">
          <p>{t('errors.newVersion.body')}</p>
          <Button onClick={() => window.location.reload()}>{t('errors.newVersion.reload')}</Button>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('errors.generic.title')} />
      <Card className="notice-card">
        <p>{isNetworkError(error) ? t('errors.network') : t('errors.generic.body')}</p>
        <Button onClick={() => window.location.reload()}>{t('errors.generic.retry')}</Button>
      </Card>
    </>
  );
}
