import type { ApolloClient } from '@apollo/client';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import type { Locale } from '@guichet/shared';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { redirect } from 'react-router';
import { paths } from '@/config/paths';
import { isSessionError } from '@/lib/errors';
import { LogoutDocument, MeDocument, SetMyLocaleDocument, type ViewerFieldsFragment } from '@/lib/graphql/generated';
import { fromApiLocale, localeOf, readStoredLocale, storeLocale, toApiLocale } from '@/lib/i18n';

export type Viewer = ViewerFieldsFragment;
export type Membership = Viewer['memberships'][number];

/** Memberships that give access (the API lists active ones only; suspended ones never count). */
export function activeMemberships(viewer: Viewer | null | undefined): Membership[] {
  return viewer ? viewer.memberships.filter((membership) => membership.status === 'ACTIVE') : [];
}

export function findMembership(viewer: Viewer | null | undefined, companyId: string | undefined): Membership | null {
  if (!companyId) return null;
  return activeMemberships(viewer).find((membership) => membership.company.id === companyId) ?? null;
}

/**
 * The signed-in user, from the cache when present (one `me` request per page load). A session
 * that the API reports as ended counts as anonymous.
 */
export async function loadViewer(client: ApolloClient): Promise<Viewer | null> {
  try {
    const { data } = await client.query({ query: MeDocument });
    return data?.me ?? null;
  } catch (error) {
    if (isSessionError(error)) return null;
    throw error;
  }
}

/** Loader guard: the viewer, or a redirect to the login page that comes back here. */
export async function requireViewer(client: ApolloClient, request: Request): Promise<Viewer> {
  const viewer = await loadViewer(client);
  if (!viewer) {
    const url = new URL(request.url);
    throw redirect(paths.auth.login.getHref(url.pathname + url.search));
  }
  return viewer;
}

/**
 * Asks the API again who is signed in and with which access. Run before each navigation inside a
 * company (and after a change to one's own membership), so a role change or a removal made by an
 * administrator applies on the member's very next click, as the API applies it on their next
 * request. On the first page load it joins the `me` request already in flight (Apollo sends one).
 * A failure keeps what the cache has.
 */
export async function refreshViewer(client: ApolloClient): Promise<void> {
  try {
    await client.query({ query: MeDocument, fetchPolicy: 'network-only' });
  } catch {
    // offline or server error: the next navigation tries again
  }
}

export type SessionEnd = 'logout' | 'expired';

/** Why the session ended during this page's life (null while signed in, or never signed in). */
let sessionEnd: SessionEnd | null = null;
const sessionEndListeners = new Set<() => void>();

function setSessionEnd(value: SessionEnd | null): void {
  if (sessionEnd === value) return;
  sessionEnd = value;
  for (const listener of sessionEndListeners) listener();
}

function subscribeSessionEnd(listener: () => void): () => void {
  sessionEndListeners.add(listener);
  return () => sessionEndListeners.delete(listener);
}

/** The signed-in layout watches this to leave for the login page when the session ends. */
export function useSessionEnd(): SessionEnd | null {
  return useSyncExternalStore(
    subscribeSessionEnd,
    () => sessionEnd,
    () => sessionEnd,
  );
}

/**
 * Forgets everything about the previous user (every cached object), records that nobody is
 * signed in (so loaders do not ask again), then tells the signed-in layout, which sends the
 * person to the login page; `reason` says whether to mention an expired session.
 */
export async function endSession(client: ApolloClient, reason: SessionEnd): Promise<void> {
  await client.clearStore();
  client.writeQuery({ query: MeDocument, data: { me: null } });
  setSessionEnd(reason);
}

export function writeViewer(client: Pick<ApolloClient, 'writeQuery'>, viewer: Viewer): void {
  client.writeQuery({ query: MeDocument, data: { me: viewer } });
  setSessionEnd(null);
}

/** The signed-in user (reactive: follows cache updates such as a language change). */
export function useViewer(): Viewer | null {
  const { data } = useQuery(MeDocument, { fetchPolicy: 'cache-first' });
  return data?.me ?? null;
}

export function useLogout(): { logout: () => Promise<void>; loading: boolean } {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(LogoutDocument);
  const logout = useCallback(async () => {
    try {
      await mutate();
    } catch (error) {
      if (!isSessionError(error)) throw error; // already signed out: nothing to undo
    }
    await endSession(client, 'logout');
  }, [client, mutate]);
  return { logout, loading };
}

/**
 * Changes the interface language: saved on this browser and, when signed in, on the account
 * (emails then follow it too). The cache is updated at once so nothing flips back.
 */
export function useSetLocale(): (locale: Locale) => void {
  const { i18n } = useTranslation();
  const viewer = useViewer();
  const [mutate] = useMutation(SetMyLocaleDocument);
  const userId = viewer?.user.id;
  return useCallback(
    (locale: Locale) => {
      storeLocale(locale);
      void i18n.changeLanguage(locale);
      if (!userId) return;
      const apiLocale = toApiLocale(locale);
      mutate({
        variables: { locale: apiLocale },
        optimisticResponse: { setMyLocale: { __typename: 'User', id: userId, locale: apiLocale } },
      }).catch(() => {
        // The language is already changed on this browser; the account keeps the old one.
      });
    },
    [i18n, mutate, userId],
  );
}

/**
 * After sign-in: a language chosen explicitly on this browser is sent to the account;
 * otherwise the account's language is adopted.
 */
export function useApplyLocaleAfterLogin(): (viewer: Viewer) => void {
  const { i18n } = useTranslation();
  const [mutate] = useMutation(SetMyLocaleDocument);
  return useCallback(
    (viewer: Viewer) => {
      const chosen = readStoredLocale();
      const accountLocale = fromApiLocale(viewer.user.locale);
      if (!chosen) {
        if (accountLocale !== localeOf(i18n)) void i18n.changeLanguage(accountLocale);
        return;
      }
      if (chosen === accountLocale) return;
      const apiLocale = toApiLocale(chosen);
      mutate({
        variables: { locale: apiLocale },
        optimisticResponse: {
          setMyLocale: { __typename: 'User', id: viewer.user.id, locale: apiLocale },
        },
      }).catch(() => undefined);
    },
    [i18n, mutate],
  );
}

/**
 * While signed in, the account's language wins (it may have been changed on another device):
 * the interface follows it and this browser remembers it.
 */
export function useFollowAccountLocale(viewer: Viewer | null): void {
  const { i18n } = useTranslation();
  const accountLocale = viewer ? fromApiLocale(viewer.user.locale) : null;
  const applied = useRef<Locale | null>(null);
  useEffect(() => {
    if (!accountLocale || applied.current === accountLocale) return;
    applied.current = accountLocale;
    if (accountLocale !== localeOf(i18n)) {
      storeLocale(accountLocale);
      void i18n.changeLanguage(accountLocale);
    }
  }, [accountLocale, i18n]);
}
