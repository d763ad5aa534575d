import type { ApolloClient } from '@apollo/client';
import { LEGAL_PAGES, type LegalPage } from '@guichet/shared';
import { useMemo, type ComponentType } from 'react';
import { createBrowserRouter, redirect, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { RouteError } from '@/components/errors/route-error';
import { COMPANY_PAGES, paths, safeRedirect, type CompanyPage, type CompanyPageKey } from '@/config/paths';
import { activeMemberships, loadViewer, refreshViewer, requireViewer } from '@/lib/auth';
import { companyLandingHref } from '@/lib/authorization';
import { RootErrorBoundary, RootHydrateFallback, RootLayout } from './routes/root';

type PageModule = { Component: ComponentType };

/** One lazy module per company section, so each is its own chunk. */
const companyPageModules: Record<CompanyPageKey, () => Promise<PageModule>> = {
  mail: () => import('./routes/app/company/mail'),
  invoices: () => import('./routes/app/company/invoices'),
  services: () => import('./routes/app/company/services'),
  team: () => import('./routes/app/company/team'),
  settings: () => import('./routes/app/company/settings'),
};

/** A company section behind its permission guard; errors stay inside the shell. */
function companyPageRoute(page: CompanyPage): RouteObject {
  return {
    path: page.path,
    lazy: async () => {
      const [{ Component: Page }, { PermissionGuard }] = await Promise.all([
        companyPageModules[page.key](),
        import('./routes/app/company/permission-guard'),
      ]);
      function GuardedPage() {
        return (
          <PermissionGuard page={page}>
            <Page />
          </PermissionGuard>
        );
      }
      return { Component: GuardedPage, ErrorBoundary: RouteError };
    },
  };
}

/**
 * A legal page (public, signed in or not): its loader reads who is signed in (the page shows in their
 * frame) and preloads the operator's identity, so the page renders whole; a failed load is shown
 * and retried by the page.
 */
function legalPageRoute(client: ApolloClient, page: LegalPage): RouteObject {
  return {
    path: paths.legal[page].path,
    loader: async () => {
      const { LegalNoticeDocument } = await import('@/features/legal/api/generated');
      await Promise.all([loadViewer(client), client.query({ query: LegalNoticeDocument }).catch(() => undefined)]);
      return null;
    },
    lazy: async () => {
      const { LegalRoute } = await import('./routes/legal');
      function LegalPageRoute() {
        return <LegalRoute page={page} />;
      }
      return { Component: LegalPageRoute };
    },
  };
}

/** The route table. Loaders get the Apollo client so the `me` query is shared with the hooks. */
export function createRoutes(client: ApolloClient): RouteObject[] {
  const redirectIfSignedIn = async ({ request }: LoaderFunctionArgs) => {
    const viewer = await loadViewer(client);
    if (!viewer) return null;
    const next = safeRedirect(new URL(request.url).searchParams.get('next'));
    return redirect(next ?? paths.home.getHref());
  };

  /** Memberships are read again on each navigation: a role changed or removed by an administrator applies at the next click. */
  const freshViewer = async () => {
    await refreshViewer(client);
    return null;
  };

  const home = async ({ request }: LoaderFunctionArgs) => {
    await refreshViewer(client); // land on a section the current access opens
    const viewer = await requireViewer(client, request);
    const [first] = activeMemberships(viewer);
    if (first) return redirect(companyLandingHref(first));
    if (viewer.user.isStaff) return redirect(paths.operator.getHref());
    return null; // signed in, no company: a friendly empty state
  };

  return [
    {
      id: 'root',
      Component: RootLayout,
      ErrorBoundary: RootErrorBoundary,
      HydrateFallback: RootHydrateFallback,
      children: [
        {
          path: paths.auth.login.path,
          loader: redirectIfSignedIn,
          lazy: () => import('./routes/auth/login'),
        },
        {
          path: paths.auth.forgotPassword.path,
          lazy: () => import('./routes/auth/forgot-password'),
        },
        {
          path: paths.auth.resetPassword.path,
          lazy: () => import('./routes/auth/reset-password'),
        },
        {
          // Public: the page adapts to who is signed in (join, or sign out first), so it reads it.
          path: paths.invitation.path,
          loader: async () => {
            await loadViewer(client);
            return null;
          },
          lazy: () => import('./routes/invitation'),
        },
        {
          path: paths.requestAccess.path,
          lazy: () => import('./routes/request-access'),
        },
        {
          path: paths.devMailbox.path,
          lazy: () => import('./routes/dev/mailbox'),
        },
        ...LEGAL_PAGES.map((page) => legalPageRoute(client, page)),
        {
          id: 'app',
          loader: async ({ request }) => {
            await requireViewer(client, request);
            return null;
          },
          lazy: () => import('./routes/app/layout'),
          children: [
            { index: true, loader: home, lazy: () => import('./routes/app/home') },
            {
              path: paths.company.path,
              loader: freshViewer,
              // Every navigation but a change of filters within the page (same path, other query).
              shouldRevalidate: ({ currentUrl, nextUrl }) =>
                currentUrl.pathname !== nextUrl.pathname || currentUrl.search === nextUrl.search,
              lazy: () => import('./routes/app/company/layout'),
              children: [
                {
                  index: true,
                  lazy: async () => ({
                    ...(await import('./routes/app/company/index')),
                    ErrorBoundary: RouteError,
                  }),
                },
                ...COMPANY_PAGES.map(companyPageRoute),
                { path: '*', lazy: () => import('./routes/app/company/not-found') },
              ],
            },
            {
              // Staff only: the layout checks `isStaff`; each tool is its own chunk.
              path: paths.operator.path,
              lazy: () => import('./routes/app/operator/layout'),
              children: [
                { index: true, lazy: async () => ({ ...(await import('./routes/app/operator/index')), ErrorBoundary: RouteError }) },
                {
                  path: paths.operator.companies.path,
                  lazy: async () => ({ ...(await import('./routes/app/operator/companies')), ErrorBoundary: RouteError }),
                },
                {
                  path: paths.operator.newCompany.path,
                  lazy: async () => ({ ...(await import('./routes/app/operator/new-company')), ErrorBoundary: RouteError }),
                },
                {
                  path: paths.operator.upload.path,
                  lazy: async () => ({ ...(await import('./routes/app/operator/upload')), ErrorBoundary: RouteError }),
                },
                {
                  path: paths.operator.forwarding.path,
                  lazy: async () => ({ ...(await import('./routes/app/operator/forwarding')), ErrorBoundary: RouteError }),
                },
                {
                  // The billing pages route their own children (one chunk).
                  path: paths.operator.billing.path,
                  lazy: async () => ({ ...(await import('./routes/app/operator/billing')), ErrorBoundary: RouteError }),
                },
                {
                  // The formalities pages route their own children (one chunk).
                  path: paths.operator.formalities.path,
                  lazy: async () => ({ ...(await import('./routes/app/operator/formalities')), ErrorBoundary: RouteError }),
                },
              ],
            },
            { path: '*', lazy: () => import('./routes/app/not-found') },
          ],
        },
      ],
    },
  ];
}

export function AppRouter({ client }: { client: ApolloClient }) {
  const router = useMemo(() => createBrowserRouter(createRoutes(client)), [client]);
  return <RouterProvider router={router} />;
}
