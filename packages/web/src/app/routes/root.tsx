import { Outlet, ScrollRestoration } from 'react-router';
import { RouteError } from '@/components/errors/route-error';
import { FullPageSpinner, PlainLayout, RouteFocus } from '@/components/layouts';

/** Everything renders inside this: focus management and scroll restoration on navigation. */
export function RootLayout() {
  return (
    <>
      <RouteFocus />
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

/** Last-resort boundary (also catches a lazy chunk that failed to load). */
export function RootErrorBoundary() {
  return (
    <PlainLayout>
      <RouteError />
    </PlainLayout>
  );
}

/** Shown while the first page's data (the signed-in user) loads. */
export function RootHydrateFallback() {
  return <FullPageSpinner />;
}
