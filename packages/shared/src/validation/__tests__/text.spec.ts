import { validateEmail, decodePunycode, emailDomainWarning } from '../email';
import { validateApiTokenName, validateIpAllowList } from '../../permissions/api-tokens';
import { tagNameKey, validateMailParty, validateTagName } from '../mail';
import { nameComparisonKey, validateCompanyName, validatePersonName, validatePostalAddress } from '../names';
import { VALIDATION_MESSAGES, validationMessage } from '../messages';
import { foldForComparison, isCalendarDate, parseIsoDate, parseIsoInstant, TEXT_LIMITS, textLength, unsafeTextCode } from '../text';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

describe('unsafeTextCode', () => {
  it.each(BIDI.map((c) => [`U+${c.codePointAt(0)?.toString(16).toUpperCase()}`, c]))('refuses the bidirectional control %s', (_, c) => {
    expect(unsafeTextCode(`Fact${c}ure`)).toBe('TEXT_BIDI_CONTROL');
  });

  it.each(ZERO_WIDTH.map((c) => [`U+${c.codePointAt(0)?.toString(16).toUpperCase()}`, c]))(
    'refuses the zero-width character %s',
    (_, c) => {
      expect(unsafeTextCode(`Ur${c}gent`)).toBe('TEXT_INVISIBLE_CHARACTER');
    },
  );

  it('accepts ordinary text of any script, and nothing at all', () => {
    for (const text of ['Jean-Éric D’Artagnan', 'Андрей', 'Ελένη', '山田', 'محمد', 'URSSAF Île-de-France', '']) {
      expect(unsafeTextCode(text)).toBeNull();
    }
    expect(unsafeTextCode(null)).toBeNull();
  });
});

describe('the rules that refuse bidirectional controls and zero-width characters', () => {
  const evil = 'Jean\u202Eeoj';
  const hidden = 'Jean\u200BPierre';
  it('person names', () => {
    expect(validatePersonName(evil)).toEqual({ ok: false, error: 'TEXT_BIDI_CONTROL' });
    expect(validatePersonName(hidden)).toEqual({ ok: false, error: 'TEXT_INVISIBLE_CHARACTER' });
    // U+FEFF counts as whitespace for JavaScript: it is refused before any tidying.
    expect(validatePersonName('\uFEFFJean')).toEqual({ ok: false, error: 'TEXT_INVISIBLE_CHARACTER' });
  });
  it('company names', () => {
    expect(validateCompanyName('Demo SAS\u2067')).toEqual({ ok: false, error: 'TEXT_BIDI_CONTROL' });
    expect(validateCompanyName('Demo\u2060SAS')).toEqual({ ok: false, error: 'TEXT_INVISIBLE_CHARACTER' });
  });
  it('tag names', () => {
    expect(validateTagName('Urg\u202Eent')).toEqual({ ok: false, error: 'TEXT_BIDI_CONTROL' });
    expect(validateTagName('Urg\u200Dent')).toEqual({ ok: false, error: 'TEXT_INVISIBLE_CHARACTER' });
  });
  it('senders and recipients of mail', () => {
    expect(validateMailParty('URSSAF\u200F', 'sender')).toEqual({ ok: false, error: 'TEXT_BIDI_CONTROL' });
    expect(validateMailParty('Demo\u200CSAS', 'recipient')).toEqual({ ok: false, error: 'TEXT_INVISIBLE_CHARACTER' });
  });
  it('token names', () => {
    expect(validateApiTokenName('Pennylane\u202D')).toEqual({ ok: false, error: 'TEXT_BIDI_CONTROL' });
    expect(validateApiTokenName('Penny\uFEFFlane')).toEqual({ ok: false, error: 'TEXT_INVISIBLE_CHARACTER' });
  });
  it('have FR/EN messages', () => {
    expect(VALIDATION_MESSAGES.TEXT_BIDI_CONTROL.fr).toContain('sens d’affichage');
    expect(VALIDATION_MESSAGES.TEXT_INVISIBLE_CHARACTER.en).toContain('invisible character');
    expect(validationMessage('TEXT_TOO_LONG', 'fr', { max: 200 })).toBe('Ce texte est trop long (200 caractères au maximum).');
  });
});

describe('foldForComparison and the duplicate checks built on it', () => {
  it('folds compatibility forms, accents, case and invisible characters', () => {
    expect(foldForComparison('Ｕｒｇｅｎｔ')).toBe('urgent');
    expect(foldForComparison('Ré\u0301sumé ﬁnal')).toBe('resume final');
    expect(foldForComparison('Ur\u200Bgent')).toBe('urgent');
  });

  it('turns Cyrillic and Greek look-alikes into the Latin letters they imitate', () => {
    expect(foldForComparison('Urgеnt')).toBe('urgent'); // Cyrillic е
    expect(foldForComparison('РАУРАL')).toBe('paypal'); // Cyrillic capitals
    expect(foldForComparison('ΑΒΕΗΚΜΝΟΡΤΧ')).toBe('abehkmnoptx'); // Greek capitals
    expect(foldForComparison('аесорху')).toBe('aecopxy');
  });

  it('keeps real letters of other scripts apart', () => {
    expect(foldForComparison('Андрей')).not.toBe(foldForComparison('Andrei'));
    // Only the look-alike letters fold: ж and н have no Latin twin.
    expect(foldForComparison('Жанна')).toBe('ж\u0061нн\u0061');
  });

  it('names: the same person whatever the look-alikes, accents and separators', () => {
    const key = nameComparisonKey('Jean-Éric Dupont');
    expect(nameComparisonKey('jean eric DUPONT')).toBe(key);
    expect(nameComparisonKey('Jеan-Eric Dupоnt')).toBe(key); // Cyrillic е and о
    expect(nameComparisonKey('Ｊｅａｎ－Ｅｒｉｃ Ｄｕｐｏｎｔ')).toBe(key);
    expect(nameComparisonKey('Jean Paul Dupont')).not.toBe(key);
  });

  it('tags: names that look identical share a key', () => {
    const key = tagNameKey('Urgent');
    for (const lookAlike of ['URGENT', 'Urgеnt', 'Ｕｒｇｅｎｔ', 'Úrgent']) expect(tagNameKey(lookAlike)).toBe(key);
    expect(tagNameKey('Urgence')).not.toBe(key);
    expect(textLength(tagNameKey('﷽'.repeat(50)))).toBeLessThanOrEqual(TEXT_LIMITS.tagName);
  });
});

describe('lengths', () => {
  it('counts characters as the database does (code points)', () => {
    expect(textLength('😀'.repeat(3))).toBe(3);
    expect(textLength('é')).toBe(1);
  });

  it('addresses: lines of at most 200 characters, a city of at most 100', () => {
    const base = { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' };
    expect(validatePostalAddress({ ...base, line1: 'a'.repeat(200) }).ok).toBe(true);
    expect(validatePostalAddress({ ...base, line1: 'a'.repeat(201) })).toEqual({ ok: false, errors: { line1: 'ADDRESS_TOO_LONG' } });
    expect(validatePostalAddress({ ...base, line2: 'b'.repeat(900_000) })).toEqual({ ok: false, errors: { line2: 'ADDRESS_TOO_LONG' } });
    expect(validatePostalAddress({ ...base, city: 'c'.repeat(101) })).toEqual({ ok: false, errors: { city: 'ADDRESS_TOO_LONG' } });
  });

  it('tags, senders and recipients', () => {
    expect(validateTagName('x'.repeat(50))).toEqual({ ok: true, value: { name: 'x'.repeat(50), key: 'x'.repeat(50) } });
    expect(validateTagName('x'.repeat(51))).toEqual({ ok: false, error: 'TAG_NAME_TOO_LONG' });
    expect(validateTagName('  ')).toEqual({ ok: false, error: 'TAG_NAME_REQUIRED' });
    expect(validateMailParty('s'.repeat(201), 'sender')).toEqual({ ok: false, error: 'MAIL_SENDER_TOO_LONG' });
    expect(validateMailParty('r'.repeat(201), 'recipient')).toEqual({ ok: false, error: 'MAIL_RECIPIENT_TOO_LONG' });
    expect(validateMailParty('', 'sender')).toEqual({ ok: false, error: 'MAIL_SENDER_REQUIRED' });
    expect(validateMailParty('  URSSAF \n Paris ', 'sender')).toEqual({ ok: true, value: 'URSSAF Paris' });
  });

  it('IP allow-lists: an entry longer than any address, or a list far too long, is refused unread', () => {
    expect(validateIpAllowList(['1'.repeat(50)])).toEqual({ ok: false, error: 'TOKEN_IP_RANGE_INVALID' });
    expect(validateIpAllowList(Array.from({ length: 101 }, () => '203.0.113.7'))).toEqual({ ok: false, error: 'TOKEN_TOO_MANY_IP_RANGES' });
    expect(validateIpAllowList(['ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128']).ok).toBe(true);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-30T09:30:00Z'],
    ['2026-02-29T09:30:00Z'],
    ['2026-04-31T00:00:00+02:00'],
    ['2026-13-01T00:00:00Z'],
    ['2026-00-10T00:00:00Z'],
    ['2026-01-00T00:00:00Z'],
    ['2026-01-10T24:00:00Z'],
    ['2026-01-10T10:60:00Z'],
    ['2026-01-10T10:00:60Z'],
    ['2026-01-10T10:00:00+15:00'],
    ['2026-01-10 10:00:00Z'],
    ['2026-01-10'],
    ['10/01/2026'],
    [''],
  ])('refuses %p', (raw) => {
    expect(parseIsoInstant(raw)).toBeNull();
  });

  it.each([
    ['2024-02-29T09:30:00Z', '2024-02-29T09:30:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['2026-11-20T09:30Z', '2026-11-20T09:30:00.000Z'],
    ['2026-11-20T09:30:00.5+01:00', '2026-11-20T08:30:00.500Z'],
    ['2026-12-31T23:59:59.999-05:30', '2027-01-01T05:29:59.999Z'],
  ])('reads %p as %p', (raw, iso) => {
    expect(parseIsoInstant(raw)?.toISOString()).toBe(iso);
  });

  it('knows leap years', () => {
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(2028, 2, 29)).toBe(true);
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
  });
});

describe('email domains stay ASCII; internationalised ones are warned about', () => {
  it('decodes punycode labels (RFC 3492)', () => {
    expect(decodePunycode('bcher-kva')).toBe('bücher');
    expect(decodePunycode('mnchen-3ya')).toBe('münchen');
    expect(decodePunycode('80ak6aa92e')).toBe('аррӏе');
    expect(decodePunycode('!!!')).toBeNull();
  });

  it('refuses a domain written in Unicode (accents, other scripts)', () => {
    expect(validateEmail('jean@münchen.de')).toMatchObject({ ok: false, error: 'EMAIL_NON_ASCII' });
    expect(validateEmail('jean@аррӏе.com')).toMatchObject({ ok: false, error: 'EMAIL_NON_ASCII' });
  });

  it('warns about punycode, with the domain as it reads', () => {
    expect(validateEmail('marie@xn--bcher-kva.example')).toEqual({
      ok: true,
      email: 'marie@xn--bcher-kva.example',
      domainWarning: { code: 'EMAIL_DOMAIN_PUNYCODE', domain: 'bücher.example' },
    });
  });

  it('warns about mixed scripts and whole-script look-alikes', () => {
    // "pаypal" with a Cyrillic а, and "аррӏе" wholly in Cyrillic.
    expect(emailDomainWarning('xn--pypal-4ve.com')).toEqual({ code: 'EMAIL_DOMAIN_MIXED_SCRIPT', domain: 'pаypal.com' });
    expect(emailDomainWarning('xn--80ak6aa92e.com')).toEqual({ code: 'EMAIL_DOMAIN_MIXED_SCRIPT', domain: 'аррӏе.com' });
    expect(emailDomainWarning('xn--ypal-9nd08d.com')?.code).toBe('EMAIL_DOMAIN_MIXED_SCRIPT');
    // Accented Latin is internationalised, not a look-alike.
    expect(emailDomainWarning('xn--caf-dma.fr')).toEqual({ code: 'EMAIL_DOMAIN_PUNYCODE', domain: 'café.fr' });
  });

  it('is silent for plain ASCII domains, and keeps the typo suggestion apart', () => {
    expect(emailDomainWarning('exemple.fr')).toBeNull();
    expect(validateEmail('jean@gmail.con')).toEqual({
      ok: true,
      email: 'jean@gmail.con',
      warning: { code: 'EMAIL_DOMAIN_TYPO', suggestion: 'jean@gmail.com' },
    });
  });

  it('has FR/EN messages that show the decoded domain', () => {
    expect(validationMessage('EMAIL_DOMAIN_PUNYCODE', 'fr', { domain: 'bücher.example' })).toContain('bücher.example');
    expect(validationMessage('EMAIL_DOMAIN_MIXED_SCRIPT', 'en', { domain: 'pаypal.com' })).toContain('mixes alphabets');
  });
});
