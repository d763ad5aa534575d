import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../common/domain-error';
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from '../db/unavailable';
import { isStorageUnavailable, STORAGE_UNAVAILABLE_MESSAGE } from '../storage/storage';
import { TOKEN_LIMIT_MESSAGE } from './query-limits';

/** Codes that Apollo or graphql-js produce for malformed requests; safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export interface FormatErrorOptions {
  exposeInternals: boolean;
  log: (error: unknown) => void;
}

/**
 * Maps domain errors to `extensions.code`, keeps request errors, and hides everything else
 * behind INTERNAL_SERVER_ERROR (logged server-side). No stack traces leave the server
 * outside development.
 */
export function createFormatError(options: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: original.code,
          ...(original.fields.length > 0 ? { fields: original.fields } : {}),
          ...original.extra,
        },
      };
    }
    // The file storage (S3) did not answer: retryable; the operation changed nothing.
    // Checked before the database: the storage's timeouts carry the same error codes.
    if (isStorageUnavailable(original)) {
      options.log(original);
      return {
        message: STORAGE_UNAVAILABLE_MESSAGE,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'STORAGE_UNAVAILABLE', retryAfter: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS },
      };
    }
    const code = formatted.extensions?.code;
    // The database does not answer (connection refused or lost, pool closed, SQLite locked):
    // retryable, unlike a bug. The HTTP status and Retry-After come from service-unavailable.ts.
    if (code === 'SERVICE_UNAVAILABLE' || isDatabaseUnavailable(original)) {
      options.log(original);
      return {
        message: SERVICE_UNAVAILABLE_MESSAGE,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS },
      };
    }
    // The parser stopped at GRAPHQL_MAX_TOKENS: a limit, not a syntax error.
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
    if (tokens) {
      return {
        message: `The query has more than ${tokens[1]} tokens, the maximum. Split the query, or pass long inputs as variables.`,
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens' },
      };
    }
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: options.exposeInternals ? formatted.extensions : extensions };
    }
    // Argument validation from TypeGraphQL (class-validator) carries a code of its own.
    if (code === 'BAD_USER_INPUT' || (original instanceof Error && original.name === 'ArgumentValidationError')) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    options.log(original);
    return {
      message: options.exposeInternals && original instanceof Error ? original.message : 'Internal server error.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        ...(options.exposeInternals && original instanceof Error ? { stacktrace: original.stack?.split('\n') } : {}),
      },
    };
  };
}
