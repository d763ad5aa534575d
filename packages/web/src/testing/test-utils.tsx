import { ApolloLink, type ApolloClient } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { of, tap } from 'rxjs';
import type { Locale } from '@guichet/shared';
import { render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider } from '@/app/provider';
import { createRoutes } from '@/app/router';
import { followAccessChange } from '@/lib/access-change';
import { createApolloClient } from '@/lib/apollo-client';
import { endSession, writeViewer, type Viewer } from '@/lib/auth';
import { MeDocument } from '@/lib/graphql/generated';
import { createI18n } from '@/lib/i18n';

export interface RenderAppOptions {
  /** The signed-in user (null: anonymous). Written to the cache as the answer to `me`. */
  viewer?: Viewer | null;
  /** Responses for the operations the test expects, in order. */
  mocks?: MockLink.MockedResponse[];
  locale?: Locale;
}

/**
 * What the fake server answers to `me` when the test did not mock it (the SPA asks again on each
 * navigation inside a company): `viewer` at first, then whoever a mocked sign-in (or invitation
 * acceptance) returned, null after signing out. A test changes it to play an administrator's
 * change (a new role, a removal) made meanwhile.
 */
export interface FakeServer {
  viewer: Viewer | null;
}

/**
 * Renders the real route table at `url` with a mocked GraphQL link: the same loaders, guards
 * and layouts as the browser, minus the network.
 */
export function renderApp(url: string, options: RenderAppOptions = {}) {
  const server: FakeServer = { viewer: options.viewer ?? null };
  const mocksMe = (options.mocks ?? []).some((mock) => mock.request.query === MeDocument);
  const meLink = new ApolloLink(() => of({ data: { me: server.viewer } }));
  const mockLink = new MockLink(options.mocks ?? [], { showWarnings: true });
  // The session cookie of a real server: set by signing in or accepting, cleared by signing out.
  const sessionLink = new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      tap((result) => {
        const data = 'data' in result ? (result.data as Record<string, unknown> | null | undefined) : undefined;
        const signedIn = data?.login ?? data?.acceptInvitation;
        if (signedIn) server.viewer = signedIn as Viewer;
        if (operation.operationName === 'Logout' && data?.logout !== undefined) server.viewer = null;
      }),
    ),
  );
  const client: ApolloClient = createApolloClient({
    link: ApolloLink.from([
      sessionLink,
      mocksMe ? mockLink : ApolloLink.split((operation) => operation.operationName === 'Me', meLink, mockLink),
    ]),
    onSessionEnd: () => void endSession(client, 'expired'), // as in the browser (app/index.tsx)
    onAccessDenied: () => void followAccessChange(client),
  });
  if (options.viewer) writeViewer(client, options.viewer);
  else client.writeQuery({ query: MeDocument, data: { me: null } });
  const i18n = createI18n(options.locale ?? 'fr');
  const router = createMemoryRouter(createRoutes(client), { initialEntries: [url] });
  const view = render(
    <AppProvider client={client} i18n={i18n}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, client, i18n, router, server };
}

/** Waits for the page's `h1` (routes are lazy, so the first render is asynchronous). */
export async function findPageTitle(): Promise<HTMLElement> {
  return screen.findByRole('heading', { level: 1 });
}

export async function waitForPath(router: { state: { location: { pathname: string } } }, pathname: string) {
  await waitFor(() => expect(router.state.location.pathname).toBe(pathname));
}

/**
 * Testing Library collapses whitespace in the DOM text it compares (the no-break spaces of
 * French typography become plain spaces); expected texts go through the same normalisation.
 */
export function normalized(text: string): string {
  return text.replace(/\s+/g, ' ');
}
