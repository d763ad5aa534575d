import { GraphQLError, type DocumentNode, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { DomainError } from '../common/domain-error';
import { ONCE_PER_DOCUMENT_EXTENSION } from './access';
import { rootFieldsOf } from './operation-walk';

const cache = new WeakMap<GraphQLSchema, Map<GraphQLObjectType, Set<string>>>();

/** The root fields declared `@OncePerDocument()`, per root type. */
export function sensitiveOperations(schema: GraphQLSchema): Map<GraphQLObjectType, Set<string>> {
  let found = cache.get(schema);
  if (!found) {
    found = new Map();
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      if (!root) continue;
      const names = Object.values(root.getFields())
        .filter((f) => f.extensions[ONCE_PER_DOCUMENT_EXTENSION] === true)
        .map((f) => f.name);
      found.set(root, new Set(names));
    }
    cache.set(schema, found);
  }
  return found;
}

/**
 * Refuses an operation that selects a sensitive root field more than once (aliases included) or two
 * sensitive fields: each guess of a password or code, each email, each credential takes a request.
 */
export function checkOncePerDocument(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): void {
  const root = schema.getRootType(operation.operation);
  const sensitive = root ? sensitiveOperations(schema).get(root) : undefined;
  if (!sensitive || sensitive.size === 0) return;
  const selected = rootFieldsOf(document, operation)
    .map((f) => f.name.value)
    .filter((name) => sensitive.has(name));
  if (selected.length <= 1) return;
  const message =
    `${[...new Set(selected)].join(', ')}: a request may run a sensitive operation once, and no other sensitive ` +
    `operation with it (found ${selected.length}). Send one request per operation.`;
  throw new GraphQLError(message, {
    originalError: new DomainError('BAD_USER_INPUT', message, [], { sensitiveOperations: selected }),
    extensions: { http: { status: 400, headers: new Map() } },
  });
}
