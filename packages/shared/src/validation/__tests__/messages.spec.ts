import { LOCALES } from '../../i18n/labels';
import {
  ADDRESS_ERROR_CODES,
  COMPANY_NAME_ERROR_CODES,
  EMAIL_ERROR_CODES,
  EMAIL_WARNING_CODES,
  NAME_ERROR_CODES,
  PASSWORD_ERROR_CODES,
  PHONE_ERROR_CODES,
  SCOPE_ERROR_CODES,
  SIREN_ERROR_CODES,
  SIRET_ERROR_CODES,
  VALIDATION_CODES,
  type ValidationCode,
  isValidationCode,
  TEAM_ERROR_CODES,
  TEAM_WARNING_CODES,
  MAIL_ERROR_CODES,
  DATE_ERROR_CODES,
  API_TOKEN_ERROR_CODES,
  TEXT_ERROR_CODES,
  INVOICE_ERROR_CODES,
  FORMALITY_ERROR_CODES,
  SIGNATURE_ERROR_CODES,
} from '../codes';
import { VALIDATION_MESSAGES, validationMessage } from '../messages';

describe('VALIDATION_CODES', () => {
  it('gathers every family of codes, without duplicates', () => {
    const families = [
      SCOPE_ERROR_CODES,
      EMAIL_ERROR_CODES,
      EMAIL_WARNING_CODES,
      SIRET_ERROR_CODES,
      SIREN_ERROR_CODES,
      PHONE_ERROR_CODES,
      PASSWORD_ERROR_CODES,
      NAME_ERROR_CODES,
      COMPANY_NAME_ERROR_CODES,
      ADDRESS_ERROR_CODES,
      TEAM_ERROR_CODES,
      TEAM_WARNING_CODES,
      MAIL_ERROR_CODES,
      DATE_ERROR_CODES,
      API_TOKEN_ERROR_CODES,
      TEXT_ERROR_CODES,
      INVOICE_ERROR_CODES,
      FORMALITY_ERROR_CODES,
      SIGNATURE_ERROR_CODES,
    ];
    expect(VALIDATION_CODES).toHaveLength(families.reduce((n, family) => n + family.length, 0));
    expect(new Set(VALIDATION_CODES).size).toBe(VALIDATION_CODES.length);
    for (const family of families) for (const code of family) expect(VALIDATION_CODES).toContain(code);
  });

  it('isValidationCode recognises the codes only', () => {
    for (const code of VALIDATION_CODES) expect(isValidationCode(code)).toBe(true);
    expect(isValidationCode('EMAIL_WRONG')).toBe(false);
    expect(isValidationCode(undefined)).toBe(false);
  });
});

describe('VALIDATION_MESSAGES', () => {
  it('has no message for a code that does not exist', () => {
    expect(Object.keys(VALIDATION_MESSAGES).sort()).toEqual([...VALIDATION_CODES].sort());
  });

  describe.each(VALIDATION_CODES)('%s', (code) => {
    it.each(LOCALES)('has a %s message ending with punctuation', (locale) => {
      const message = VALIDATION_MESSAGES[code][locale];
      expect(message.trim()).toBe(message);
      expect(message.length).toBeGreaterThan(10);
      expect(message).toMatch(/[.?!]$/);
    });

    it('is translated (French and English differ)', () => {
      expect(VALIDATION_MESSAGES[code].fr).not.toBe(VALIDATION_MESSAGES[code].en);
    });
  });

  it('uses typographic apostrophes and no-break spaces before French double punctuation', () => {
    for (const code of VALIDATION_CODES) {
      const fr = VALIDATION_MESSAGES[code].fr;
      expect(fr).not.toMatch(/[a-zà-ÿ]'[a-zà-ÿ]/i);
      expect(fr).not.toMatch(/ [?!:;]/);
    }
  });

  it('states the rule that failed', () => {
    expect(VALIDATION_MESSAGES.EMAIL_GENERIC_MAILBOX.fr).toBe(
      'Cette adresse est une boîte de service (contact@, compta@…)\u00a0: invitez une personne, pas un service.',
    );
    expect(VALIDATION_MESSAGES.EMAIL_GENERIC_MAILBOX.en).toBe(
      'This is a department mailbox (contact@, billing@…): invite a person, not a department.',
    );
    expect(VALIDATION_MESSAGES.EMAIL_NON_ASCII.fr).toBe('L’adresse ne doit pas contenir d’accents ni de caractères spéciaux.');
    expect(VALIDATION_MESSAGES.PASSWORD_TOO_SHORT.fr).toContain('12 caractères');
    expect(VALIDATION_MESSAGES.PASSWORD_TOO_LONG.en).toContain('128 characters');
    expect(VALIDATION_MESSAGES.SIRET_FORMAT.fr).toContain('14 chiffres');
    expect(VALIDATION_MESSAGES.NAME_TOO_LONG.en).toContain('80');
    expect(VALIDATION_MESSAGES.COMPANY_NAME_TOO_LONG.fr).toContain('120');
    expect(VALIDATION_MESSAGES.EMAIL_TOO_LONG.en).toContain('254');
  });
});

describe('validationMessage', () => {
  it('interpolates the typo suggestion', () => {
    expect(validationMessage('EMAIL_DOMAIN_TYPO', 'fr', { suggestion: 'jean@gmail.com' })).toBe('Vouliez-vous dire jean@gmail.com\u00a0?');
    expect(validationMessage('EMAIL_DOMAIN_TYPO', 'en', { suggestion: 'jean@gmail.com' })).toBe('Did you mean jean@gmail.com?');
  });

  it('leaves unknown placeholders in place and works without params', () => {
    expect(validationMessage('EMAIL_DOMAIN_TYPO', 'en')).toBe('Did you mean {suggestion}?');
    expect(validationMessage('EMAIL_DOMAIN_TYPO', 'en', { other: 'x' })).toBe('Did you mean {suggestion}?');
    expect(validationMessage('SIRET_REQUIRED', 'en', { suggestion: 'x' })).toBe('Enter the SIRET number.');
  });

  it('falls back to a generic message for a code it does not know', () => {
    expect(validationMessage('SOMETHING_NEW' as ValidationCode, 'fr')).toBe('Cette valeur n’est pas valide.');
    expect(validationMessage('SOMETHING_NEW' as ValidationCode, 'en')).toBe('This value is not valid.');
  });
});
