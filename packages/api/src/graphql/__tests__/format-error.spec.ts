import { GraphQLError } from 'graphql';
import { DomainError } from '../../common/domain-error';
import { StorageUnavailableError } from '../../storage/storage';
import { createFormatError } from '../format-error';

describe('formatError', () => {
  const logged: unknown[] = [];
  const production = createFormatError({ exposeInternals: false, log: (e) => logged.push(e) });

  it('maps a domain error to its code and field errors', () => {
    const original = new DomainError('VALIDATION_FAILED', 'Invalid input', [{ field: 'email', code: 'EMAIL_MISSING_AT' }]);
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['login'] });
    expect(production({ message: original.message, path: ['login'] }, wrapped)).toEqual({
      message: 'Invalid input',
      path: ['login'],
      locations: undefined,
      extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'email', code: 'EMAIL_MISSING_AT' }] },
    });
  });

  it('hides unknown errors behind INTERNAL_SERVER_ERROR, without message or stack, and logs them', () => {
    const original = new Error('ER_NO_SUCH_TABLE: secret table name');
    const wrapped = new GraphQLError(original.message, { originalError: original });
    const out = production({ message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, wrapped);
    expect(out).toEqual({
      message: 'Internal server error.',
      locations: undefined,
      path: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toContain(original);
  });

  it('maps a file storage outage to STORAGE_UNAVAILABLE, even when its cause is a timeout like a database’s', () => {
    const timeout = Object.assign(new Error('socket timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    const original = new StorageUnavailableError('File storage: could not store c/mail/x.pdf', { cause: timeout });
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['issueInvoice'] });
    expect(production({ message: original.message, path: ['issueInvoice'] }, wrapped)).toEqual({
      message: 'The file storage is temporarily unavailable: nothing was changed. Retry in a few seconds.',
      path: ['issueInvoice'],
      locations: undefined,
      extensions: { code: 'STORAGE_UNAVAILABLE', retryAfter: 5 },
    });
    expect(logged).toContain(original);
    // The same timeout alone is a database outage, as before.
    expect(production({ message: 'x' }, new GraphQLError('x', { originalError: timeout })).extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
