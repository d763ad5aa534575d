import type { ApolloClient } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import type { Locale } from '@guichet/shared';
import { render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider } from '@/app/provider';
import { createRoutes } from '@/app/router';
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
 * Renders the real route table at `url` with a mocked GraphQL link: the same loaders, guards
 * and layouts as the browser, minus the network.
 */
export function renderApp(url: string, options: RenderAppOptions = {}) {
  const client: ApolloClient = createApolloClient({
    link: new MockLink(options.mocks ?? [], { showWarnings: true }),
    onSessionEnd: () => void endSession(client, 'expired'), // as in the browser (app/index.tsx)
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
  return { ...view, client, i18n, router };
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
