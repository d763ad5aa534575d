import fs from 'node:fs';
import path from 'node:path';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  defaultFieldResolver,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  Lexer,
  parse,
  print,
  Source,
  TokenKind,
  typeFromAST,
  validate,
  visit,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { maxFieldRepeats } from '../field-repeats';
import { operationCost } from '../query-cost';

const FEATURES_DIR = path.resolve(__dirname, '../../../../web/src/features');

export interface SpaOperation {
  file: string;
  name: string;
  kind: 'query' | 'mutation';
  /** The operation with the fragments it uses, and `__typename` in every selection, as Apollo Client sends it. */
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** Every operation of the SPA (`packages/web/src/features/<feature>/api/*.graphql`) with its fragments. */
export function spaOperations(): SpaOperation[] {
  const files = fs
    .readdirSync(FEATURES_DIR)
    .flatMap((feature) => {
      const dir = path.join(FEATURES_DIR, feature, 'api');
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
    })
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  const parsed = files.map((file) => ({ file, doc: parse(fs.readFileSync(file, 'utf8')) }));
  const fragments = new Map(
    parsed.flatMap(({ doc }) => doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d] as const)),
  );
  const operations: SpaOperation[] = [];
  for (const { file, doc } of parsed) {
    for (const def of doc.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION || def.operation === 'subscription') continue;
      // The fragments it spreads, transitively.
      const used = new Set<string>();
      const collect = (node: unknown): void => {
        visit(node as DocumentNode, {
          FragmentSpread: (spread) => {
            if (used.has(spread.name.value)) return;
            used.add(spread.name.value);
            collect(fragments.get(spread.name.value));
          },
        });
      };
      collect(def);
      const withFragments: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [def, ...[...used].map((n) => fragments.get(n)).filter((f) => f !== undefined)],
      };
      const document = parse(print(addTypename(withFragments)));
      const operation = document.definitions[0] as OperationDefinitionNode;
      operations.push({
        file: path.relative(path.resolve(FEATURES_DIR, '..'), file),
        name: def.name?.value ?? '(anonymous)',
        kind: def.operation,
        source: print(document),
        document,
        operation,
      });
    }
  }
  return operations;
}

/** Adds `__typename` to every selection set below the root, as Apollo Client's cache does. */
function addTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: (set, _key, parent) => {
      if (parent && !Array.isArray(parent) && (parent as { kind?: string }).kind === Kind.OPERATION_DEFINITION) return undefined;
      if (set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
      return { ...set, selections: [...set.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] };
    },
  });
}

export interface Measures {
  tokens: number;
  depth: number;
  aliases: number;
  directives: number;
  fieldRepeats: number;
  cost: number | string;
}

/** Tokens as graphql-js's parser counts them against `maxTokens`. */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  return tokens;
}

/** What the limits see in a document: the same counts (graphql-armor's rules, the cost estimator). */
export function measure(schema: GraphQLSchema, source: string, variables: Record<string, unknown> = {}): Measures {
  const tokens = countTokens(source);
  const document = parse(source);
  const seen: Record<'depth' | 'aliases' | 'directives', number> = { depth: 0, aliases: 0, directives: 0 };
  const record = (key: keyof typeof seen) => [(_ctx: unknown, details: { n: number }) => void (seen[key] = details.n)];
  const unlimited = Number.MAX_SAFE_INTEGER;
  const errors = validate(schema, document, [
    maxDepthRule({ n: unlimited, flattenFragments: true, ignoreIntrospection: true, onAccept: record('depth') }),
    maxAliasesRule({ n: unlimited, allowList: [], onAccept: record('aliases') }),
    maxDirectivesRule({ n: unlimited, onAccept: record('directives') }),
  ] as ValidationRule[]);
  if (errors.length > 0) throw new Error(`invalid document: ${errors.map((e) => e.message).join('; ')}`);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const cost = operationCost(schema, document, variables, operation?.name?.value);
  return { tokens, ...seen, fieldRepeats: maxFieldRepeats(document).count, cost: cost.kind === 'cost' ? cost.cost : cost.kind };
}

/**
 * Plausible variables for an operation: `first` at the given page size, `companyId` the given
 * company, lists of one item (`invitations`: 50 rows), nullable variables left out.
 */
export function variablesFor(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  options: { first: number; companyId: string },
): Record<string, unknown> {
  let n = 0;
  const value = (name: string, type: GraphQLInputType): unknown => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const rows = name === 'invitations' ? 50 : 1;
      return Array.from({ length: rows }, (_, i) => value(`${name}.${i}`, inner.ofType as GraphQLInputType));
    }
    if (isEnumType(inner)) return inner.getValues()[0]?.name;
    if (isInputObjectType(inner)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(inner.getFields())) {
        if (isNonNullType(field.type) && field.defaultValue === undefined) object[field.name] = value(field.name, field.type);
      }
      return object;
    }
    n += 1;
    const leaf = name.split('.').pop() ?? name;
    switch (getNamedType(inner).name) {
      case 'Int':
        return leaf === 'first' ? options.first : 24;
      case 'Boolean':
        return true;
      case 'ID':
        return leaf === 'companyId' ? options.companyId : `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`;
      case 'DateTimeISO':
        return '2026-01-15T09:30:00.000Z';
      default:
        if (/email/i.test(leaf)) return `person.${n}@example.com`;
        if (/password/i.test(leaf)) return 'not-the-password-2026';
        if (/siret/i.test(leaf)) return '73282932000074';
        return `Value ${n}`;
    }
  };
  const variables: Record<string, unknown> = {};
  for (const def of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, def.type as never) as GraphQLInputType | undefined;
    if (!type || !isNonNullType(type) || def.defaultValue) continue;
    variables[def.variable.name.value] = value(def.variable.name.value, type);
  }
  return variables;
}

/**
 * Counts every field resolution of the schema (the server executes with the same schema object),
 * default resolvers included. `restore()` puts the resolvers back.
 */
export function countResolverCalls(schema: GraphQLSchema): { readonly calls: number; reset(): void; restore(): void } {
  let calls = 0;
  const originals: (() => void)[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const original = field.resolve;
      const resolve = original ?? defaultFieldResolver;
      field.resolve = (...args) => {
        calls += 1;
        return resolve(...args);
      };
      originals.push(() => void (field.resolve = original));
    }
  }
  return {
    get calls() {
      return calls;
    },
    reset: () => void (calls = 0),
    restore: () => originals.forEach((undo) => undo()),
  };
}

/** Records the SQL statements the data source runs (TypeORM logs every query to its logger). */
export function recordSql(ds: DataSource): { readonly statements: string[]; reset(): void; restore(): void } {
  const statements: string[] = [];
  const logger = ds.logger;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    statements.push(query);
    return original(query, parameters, runner);
  };
  return {
    statements,
    reset: () => void statements.splice(0),
    restore: () => void (logger.logQuery = original),
  };
}
