import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { DomainError } from '../common/domain-error';
import type { RequestContext } from './context';
import type { CostBudget } from './cost-budget';
import { selectsAnyField } from './operation-walk';
import { operationCost } from './query-cost';
import { queryTooComplex, type QueryLimits } from './query-limits';
import { checkOncePerDocument } from './sensitive-operations';

export interface RequestLimitsOptions {
  limits: QueryLimits;
  /** Where API and operator tokens spend their cost per minute. */
  budget: CostBudget;
  /** In production, anonymous callers get no introspection and no "Did you mean …" suggestions. */
  production: boolean;
}

const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);
/** graphql-js's suggestions: `Did you mean "x"?`, `Did you mean "x" or "y"?`, `Did you mean the enum value "X"?`. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

const hidesSchema = (options: RequestLimitsOptions, ctx: RequestContext): boolean =>
  options.production && ctx.principal.kind === 'anonymous';

function shownCost(cost: number): string {
  return cost > Number.MAX_SAFE_INTEGER ? `more than ${Number.MAX_SAFE_INTEGER}` : String(Math.ceil(cost));
}

/**
 * The checks that depend on the caller or the variables, so they run for every request, after the
 * operation is resolved and before anything executes (Apollo caches validated documents, so these
 * cannot be validation rules): introspection for anonymous callers in production, sensitive
 * operations once per request, the cost with the variables' `first`, and the tokens' budget.
 */
export function requestLimitsPlugin(options: RequestLimitsOptions): ApolloServerPlugin<RequestContext> {
  const { limits, budget } = options;
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ contextValue, document, operation, request, schema }) => {
        if (!operation) return;
        if (hidesSchema(options, contextValue) && selectsAnyField(document, operation, INTROSPECTION_FIELDS)) {
          throw new GraphQLError('Introspection is not available to anonymous callers: sign in, or send an API token.', {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400, headers: new Map() } },
          });
        }
        checkOncePerDocument(schema, document, operation);

        const result = operationCost(schema, document, request.variables, operation.name?.value);
        if (result.kind === 'invalidVariables') return; // execution answers BAD_USER_INPUT before any resolver
        if (result.kind === 'tooManyNodes') {
          throw queryTooComplex('The query’s fragments expand too far to be run. Split the query.', { limit: 'cost' });
        }
        const { cost } = result;
        if (cost > limits.maxCost) {
          throw queryTooComplex(
            `The query’s estimated cost is ${shownCost(cost)}, above the maximum of ${limits.maxCost}: ask for fewer items (first) or nest fewer lists.`,
            { limit: 'cost', cost: Math.min(cost, Number.MAX_SAFE_INTEGER), maxCost: limits.maxCost },
          );
        }
        const principal = contextValue.principal;
        if (principal.kind === 'apiToken' || principal.kind === 'operatorToken') {
          const retryAfter = await budget.spend(`${principal.kind}:${principal.tokenId}`, cost);
          if (retryAfter > 0) {
            const message = `This token spent its query budget (${limits.tokenCostPerMinute} per minute): retry in ${retryAfter} s.`;
            throw new GraphQLError(message, {
              originalError: new DomainError('RATE_LIMITED', message, [], { retryAfter, cost, budgetPerMinute: limits.tokenCostPerMinute }),
              extensions: { http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
            });
          }
        }
      },
      didEncounterErrors: async ({ contextValue, errors }) => {
        if (!contextValue || !hidesSchema(options, contextValue)) return;
        for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
      },
    }),
  };
}
