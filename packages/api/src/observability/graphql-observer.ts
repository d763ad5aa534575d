import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../graphql/context';
import type { Metrics } from './metrics';
import { noteOperation, notePrincipal } from './request-record';

/**
 * What the request line and the metrics learn from Apollo: the operation's name, the caller and the
 * company the operation names (for the line), and each error's code (for the metrics).
 */
export function graphqlObserver(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    // Refused before any operation runs (a bad token, a rate limit, the database down).
    contextCreationDidFail: async ({ error }) => {
      metrics.countGraphqlError((error as { extensions?: { code?: unknown } }).extensions?.code);
    },
    requestDidStart: async ({ contextValue, request }) => {
      const res = contextValue.res;
      noteOperation(res, request.operationName);
      notePrincipal(res, contextValue.principal, request.variables?.companyId);
      return {
        didResolveOperation: async ({ operationName }) => {
          noteOperation(res, operationName);
        },
        willSendResponse: async ({ response }) => {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) metrics.countGraphqlError(error.extensions?.code);
        },
      };
    },
  };
}
