import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { env } from '@/config/env';
import { errorCodeOf, SESSION_ERROR_CODES } from '@/lib/errors';

export type SessionEndReason = 'UNAUTHENTICATED' | 'SESSION_EXPIRED';

export interface CreateApolloClientOptions {
  /** Called when a protected operation finds no valid session (expired, revoked, signed out elsewhere). */
  onSessionEnd?: (reason: SessionEndReason) => void;
  /**
   * Called when the API refuses an operation (FORBIDDEN): the person's access may have changed
   * since the page was loaded.
   */
  onAccessDenied?: () => void;
  /** Replaces the HTTP link (tests). */
  link?: ApolloLink;
}

/** `me` answers null for an anonymous caller; its loader handles that itself. */
const OPERATIONS_WITHOUT_SESSION_REDIRECT = new Set(['Me', 'Login', 'Logout']);

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // The viewer has no id of its own: keep it embedded under `me`.
      Viewer: { keyFields: false },
    },
  });
}

export function createApolloClient(options: CreateApolloClientOptions = {}): ApolloClient {
  const sessionLink = new ErrorLink(({ error, operation }) => {
    if (OPERATIONS_WITHOUT_SESSION_REDIRECT.has(operation.operationName ?? '')) return;
    const code = errorCodeOf(error);
    if (code && SESSION_ERROR_CODES.includes(code)) {
      options.onSessionEnd?.(code as SessionEndReason);
    } else if (code === 'FORBIDDEN') {
      options.onAccessDenied?.();
    }
  });
  const httpLink = options.link ?? new HttpLink({ uri: env.graphqlUrl, credentials: 'same-origin' });
  return new ApolloClient({
    link: ApolloLink.from([sessionLink, httpLink]),
    cache: createCache(),
  });
}
