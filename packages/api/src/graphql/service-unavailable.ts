import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { SERVICE_UNAVAILABLE_MESSAGE, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from '../db/unavailable';

/**
 * A database outage met before any operation runs (resolving the session or the token): the
 * request answers 503 with Retry-After and `extensions.code = SERVICE_UNAVAILABLE`.
 */
export function serviceUnavailableError(cause: unknown): GraphQLError {
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, {
    // By shape: an error from Node's own modules may come from another realm (see db/unavailable.ts).
    originalError: typeof cause === 'object' && cause !== null && 'message' in cause ? (cause as Error) : undefined,
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      retryAfter: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
      http: {
        status: 503,
        headers: new Map([['retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS)]]),
      },
    },
  });
}

/**
 * A database or file-storage outage met while executing (formatError gave it SERVICE_UNAVAILABLE or
 * STORAGE_UNAVAILABLE): the answer
 * carries Retry-After, and its status is 503 when there is no data at all. With partial data the
 * status stays 200, as the GraphQL-over-HTTP spec asks; the code says what to retry.
 */
export const serviceUnavailablePlugin: ApolloServerPlugin = {
  requestDidStart: async () => ({
    willSendResponse: async ({ response }) => {
      if (response.body.kind !== 'single') return;
      const { data, errors } = response.body.singleResult;
      if (!errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' || e.extensions?.code === 'STORAGE_UNAVAILABLE')) return;
      response.http.headers.set('retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
      if (data === undefined || data === null) response.http.status = 503;
    },
  }),
};
