import { getNamedType, getNullableType, GraphQLError, isLeafType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../common/cursor';

/** What a list without a `first` argument (members, tags, rows…) is assumed to hold. */
export const LIST_SIZE_ESTIMATE = 10;
/** The fragment expansions a cost computation walks at most (graphql-query-complexity's guard). */
const MAX_QUERY_NODES = 5_000;
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/**
 * An estimate of the objects an answer may hold. A scalar costs nothing; an object costs 1 plus what
 * is selected under it; a connection (a field with `first`) multiplies what is selected under it by
 * `first`, taken from the arguments with the request's variables and the schema's default, capped
 * at the page size `pageSize()` allows; another list multiplies by LIST_SIZE_ESTIMATE, except the
 * `edges` of a connection, which `first` already counts. Introspection is bounded by graphql-js's own
 * rule (MaxIntrospectionDepthRule) and costs nothing here, so the playground can load the schema.
 */
export const objectCountEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (INTROSPECTION_FIELDS.has(field.name)) return 0;
  if (isLeafType(getNamedType(field.type))) return 0;
  const first: unknown = args.first;
  if (typeof first === 'number') {
    const pageSize = Math.min(Math.max(Math.trunc(first), 1), MAX_PAGE_SIZE);
    return 1 + pageSize * childComplexity;
  }
  if (isListType(getNullableType(field.type))) {
    const inConnection = type.name.endsWith('Connection');
    return (inConnection ? 1 : LIST_SIZE_ESTIMATE) * (1 + childComplexity);
  }
  return 1 + childComplexity;
};

export type CostResult =
  | { kind: 'cost'; cost: number }
  /** The fragments expand beyond what is worth computing: refuse. */
  | { kind: 'tooManyNodes' }
  /** The variables do not fit the operation: execution refuses it (BAD_USER_INPUT) before any resolver. */
  | { kind: 'invalidVariables' };

/** The cost of one operation of a validated document, with the request's variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): CostResult {
  try {
    const cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName,
      estimators: [objectCountEstimator],
      maxQueryNodes: MAX_QUERY_NODES,
    });
    return { kind: 'cost', cost };
  } catch (error) {
    if (error instanceof GraphQLError && error.message === TOO_MANY_NODES) return { kind: 'tooManyNodes' };
    if (error instanceof GraphQLError) return { kind: 'invalidVariables' };
    throw error;
  }
}
