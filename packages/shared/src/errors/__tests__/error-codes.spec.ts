import { LOCALES } from '../../i18n/labels';
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode, type FieldError, errorMessage, isErrorCode } from '../error-codes';

const CODES = Object.values(ERROR_CODES);

describe('ERROR_CODES', () => {
  it('lists the codes the API uses, each mapped to itself', () => {
    expect(Object.keys(ERROR_CODES).sort()).toEqual(
      [
        'UNAUTHENTICATED',
        'SESSION_EXPIRED',
        'FORBIDDEN',
        'NOT_FOUND',
        'VALIDATION_FAILED',
        'INVALID_CREDENTIALS',
        'ACCOUNT_DISABLED',
        'INVALID_TOKEN',
        'RATE_LIMITED',
        'CONFLICT',
        'INTERNAL_SERVER_ERROR',
        'BAD_USER_INPUT',
        'LAST_ADMIN',
        'SIGN_IN_REQUIRED',
        'INVITATION_EMAIL_MISMATCH',
        'INVITATION_EXPIRED',
        'INVITATION_REVOKED',
        'INVITATION_ALREADY_ACCEPTED',
        'BATCH_TOO_LARGE',
        'QUERY_TOO_COMPLEX',
        'SERVICE_UNAVAILABLE',
        'STORAGE_UNAVAILABLE',
        'PAYLOAD_TOO_LARGE',
        'UNSUPPORTED_MEDIA_TYPE',
      ].sort(),
    );
    for (const [key, value] of Object.entries(ERROR_CODES)) expect(value).toBe(key);
  });

  it('isErrorCode recognises the codes only', () => {
    for (const code of CODES) expect(isErrorCode(code)).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('unauthenticated')).toBe(false);
    expect(isErrorCode(null)).toBe(false);
  });
});

describe('ERROR_MESSAGES', () => {
  it('has exactly one entry per code', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...CODES].sort());
  });

  describe.each(CODES)('%s', (code) => {
    it.each(LOCALES)('has a %s message', (locale) => {
      const message = ERROR_MESSAGES[code][locale];
      expect(message.trim()).toBe(message);
      expect(message).toMatch(/^\p{Lu}.{8,}[.!?]$/u);
    });

    it('is translated', () => {
      expect(ERROR_MESSAGES[code].fr).not.toBe(ERROR_MESSAGES[code].en);
    });
  });

  it('uses the agreed wording for the messages users see most', () => {
    expect(ERROR_MESSAGES.INVALID_CREDENTIALS.fr).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(ERROR_MESSAGES.SESSION_EXPIRED.fr).toBe('Votre session a expiré. Veuillez vous reconnecter.');
    expect(ERROR_MESSAGES.NOT_FOUND.fr).toBe('Introuvable ou vous n’y avez pas accès.');
  });
});

describe('errorMessage', () => {
  it('returns the message in the requested locale', () => {
    expect(errorMessage('INVALID_CREDENTIALS', 'en')).toBe('Incorrect email address or password.');
    expect(errorMessage('FORBIDDEN', 'fr')).toBe(ERROR_MESSAGES.FORBIDDEN.fr);
  });

  it('falls back to the generic error for an unknown code', () => {
    expect(errorMessage('TEAPOT' as ErrorCode, 'fr')).toBe(ERROR_MESSAGES.INTERNAL_SERVER_ERROR.fr);
  });
});

describe('FieldError', () => {
  it('pairs a field with a validation code', () => {
    const fields: FieldError[] = [
      { field: 'email', code: 'EMAIL_GENERIC_MAILBOX' },
      { field: 'invitations.2.phone', code: 'PHONE_INVALID' },
    ];
    expect(fields.map((f) => f.code)).toEqual(['EMAIL_GENERIC_MAILBOX', 'PHONE_INVALID']);
  });
});
