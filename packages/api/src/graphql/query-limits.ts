import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import { DomainError } from '../common/domain-error';
import type { Env } from '../config/env';

/** The limits every GraphQL request is held to before anything executes. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** How often one response key may occur in a selection set, fragments flattened. */
  maxFieldRepeats: number;
  /** Largest estimated cost of one operation (see query-cost.ts). */
  maxCost: number;
  /** Cost one API or operator token may spend per minute. */
  tokenCostPerMinute: number;
}

export function queryLimitsOf(env: Env): QueryLimits {
  if (env.API_TOKEN_COST_PER_MINUTE < env.GRAPHQL_MAX_COST) {
    throw new Error(
      'Invalid configuration:\n  API_TOKEN_COST_PER_MINUTE must be at least GRAPHQL_MAX_COST (a query of the maximum cost must fit in a minute)',
    );
  }
  return {
    maxDepth: env.GRAPHQL_MAX_DEPTH,
    maxAliases: env.GRAPHQL_MAX_ALIASES,
    maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
    maxTokens: env.GRAPHQL_MAX_TOKENS,
    maxFieldRepeats: env.GRAPHQL_MAX_FIELD_REPEATS,
    maxCost: env.GRAPHQL_MAX_COST,
    tokenCostPerMinute: env.API_TOKEN_COST_PER_MINUTE,
  };
}

/** A request refused by a limit: `extensions.code` QUERY_TOO_COMPLEX, HTTP 400. */
export function queryTooComplex(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    originalError: new DomainError('QUERY_TOO_COMPLEX', message, [], extra),
    extensions: { http: { status: 400, headers: new Map() } },
  });
}

/**
 * graphql-armor's messages, without their "Syntax Error:" prefix (these are not syntax errors), and
 * the limit that was crossed. Aliases of `__typename` count like any other.
 */
function reject(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const message = error.message.replace(/^Syntax Error: /, '');
    // The rule's own error is not propagated (propagateOnRejection: false); this one is reported instead.
    context?.reportError(
      new GraphQLError(message, {
        originalError: new DomainError('QUERY_TOO_COMPLEX', `${message} Split the query.`, [], { limit }),
      }),
    );
  };
}

/**
 * Depth, aliases and directives: graphql-armor's validation rules. They depend on the document only,
 * so Apollo may cache the result with the validated document.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, onReject: [reject('depth')] }),
    maxAliasesRule({ ...common, n: limits.maxAliases, allowList: [], onReject: [reject('aliases')] }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [reject('directives')] }),
  ] as ValidationRule[];
}

/**
 * Tokens: graphql-js counts them while parsing and stops at the limit, before the document exists
 * (Apollo's `parseOptions`). The parse error is mapped to QUERY_TOO_COMPLEX by `formatError`.
 */
export function queryParseOptions(limits: QueryLimits): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/** graphql-js's message when the token limit stops the parser ("Document contains more that N tokens"). */
export const TOKEN_LIMIT_MESSAGE = /Document contains more th\w+ (\d+) tokens/;
