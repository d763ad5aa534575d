import { GraphQLError } from 'graphql';
import { DomainError } from '../../common/domain-error';
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
});
