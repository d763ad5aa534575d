import type { ErrorCode, FieldError } from '@guichet/shared';

/**
 * A coded business error. Services throw these; the GraphQL edge maps `code` to
 * `extensions.code` and hides every other kind of error.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** `extensions.resource` says what was not found (e.g. Company, Member), never why. */
export const notFound = (what = 'Resource'): DomainError =>
  new DomainError('NOT_FOUND', `${what} not found, or you do not have access to it.`, [], { resource: what });

export const validationFailed = (fields: FieldError[]): DomainError =>
  new DomainError('VALIDATION_FAILED', `Invalid input: ${fields.map((f) => `${f.field} (${f.code})`).join(', ')}.`, fields);
