import { getCountries } from 'libphonenumber-js/min';
import { isCountryCode, validateCompanyName, validatePersonName, validatePostalAddress } from '../names';

describe('validatePersonName', () => {
  it.each([
    ['Jean', 'Jean'],
    ['  Jean   Pierre  ', 'Jean Pierre'],
    ['Jean-Éric', 'Jean-Éric'],
    ['D’Artagnan', 'D’Artagnan'],
    ["O'Neil", "O'Neil"],
    ['J. R. R.', 'J. R. R.'],
    ['Müller-Lüdenscheidt', 'Müller-Lüdenscheidt'],
    ['Łukasz Żółć', 'Łukasz Żółć'],
    ['Андрей', 'Андрей'],
    ['山田', '山田'],
    ['’t Hart', '’t Hart'],
    ['Jose\u0301', 'José'],
  ])('accepts %p as %p', (raw, value) => {
    expect(validatePersonName(raw)).toEqual({ ok: true, value });
  });

  it('refuses empty or blank names', () => {
    expect(validatePersonName('')).toEqual({ ok: false, error: 'NAME_REQUIRED' });
    expect(validatePersonName('  \t ')).toEqual({ ok: false, error: 'NAME_REQUIRED' });
    expect(validatePersonName(null)).toEqual({ ok: false, error: 'NAME_REQUIRED' });
  });

  it('refuses names longer than 80 characters once tidied', () => {
    expect(validatePersonName(`  ${'a'.repeat(80)}  `)).toEqual({ ok: true, value: 'a'.repeat(80) });
    expect(validatePersonName('a'.repeat(81))).toEqual({ ok: false, error: 'NAME_TOO_LONG' });
  });

  it.each([['Jean2'], ['Jean_Pierre'], ['Jean@'], ['<script>'], ['Jean, Pierre'], ['😀 Jean'], ["'-."], ['--']])('refuses %p', (raw) => {
    expect(validatePersonName(raw)).toEqual({ ok: false, error: 'NAME_INVALID' });
  });
});

describe('validateCompanyName', () => {
  it('trims, collapses spaces and accepts any characters', () => {
    expect(validateCompanyName('  Démo   SAS & Fils (Paris 2e)  ')).toEqual({
      ok: true,
      value: 'Démo SAS & Fils (Paris 2e)',
    });
  });

  it('requires a value of at most 120 characters', () => {
    expect(validateCompanyName('')).toEqual({ ok: false, error: 'COMPANY_NAME_REQUIRED' });
    expect(validateCompanyName('   ')).toEqual({ ok: false, error: 'COMPANY_NAME_REQUIRED' });
    expect(validateCompanyName('x'.repeat(120))).toEqual({ ok: true, value: 'x'.repeat(120) });
    expect(validateCompanyName('x'.repeat(121))).toEqual({ ok: false, error: 'COMPANY_NAME_TOO_LONG' });
  });
});

describe('validatePostalAddress', () => {
  it('normalises a French address', () => {
    expect(
      validatePostalAddress({
        line1: '  12   rue de la Paix ',
        line2: '  ',
        postalCode: ' 75 002 ',
        city: ' Paris ',
        country: 'fr',
      }),
    ).toEqual({
      ok: true,
      value: { line1: '12 rue de la Paix', line2: null, postalCode: '75002', city: 'Paris', country: 'FR' },
    });
  });

  it('keeps a second line when given', () => {
    const result = validatePostalAddress({
      line1: '3 avenue Foch',
      line2: 'Bâtiment B',
      postalCode: '97400',
      city: 'Saint-Denis',
      country: 'RE',
    });
    expect(result).toMatchObject({ ok: true, value: { line2: 'Bâtiment B', postalCode: '97400' } });
  });

  it('accepts foreign postal codes and addresses without one', () => {
    expect(validatePostalAddress({ line1: '10 Downing Street', postalCode: 'sw1a 2aa', city: 'London', country: 'GB' })).toMatchObject({
      ok: true,
      value: { postalCode: 'SW1A 2AA', country: 'GB' },
    });
    expect(validatePostalAddress({ line1: '1 Queen’s Road', postalCode: '', city: 'Hong Kong', country: 'HK' })).toMatchObject({
      ok: true,
      value: { postalCode: '' },
    });
  });

  it('requires 5 digits for France, its overseas territories and Monaco', () => {
    for (const [postalCode, country] of [
      ['7500', 'FR'],
      ['750021', 'FR'],
      ['75A02', 'FR'],
      ['', 'FR'],
      ['9740', 'RE'],
      ['MC980', 'MC'],
    ] as const) {
      expect(validatePostalAddress({ line1: '1 rue X', postalCode, city: 'Ville', country })).toEqual({
        ok: false,
        errors: { postalCode: 'POSTAL_CODE_INVALID' },
      });
    }
  });

  it('refuses badly formed foreign postal codes', () => {
    expect(validatePostalAddress({ line1: '1 Main St', postalCode: '#12', city: 'Town', country: 'US' })).toEqual({
      ok: false,
      errors: { postalCode: 'POSTAL_CODE_INVALID' },
    });
    expect(validatePostalAddress({ line1: '1 Main St', postalCode: '12345678901', city: 'Town', country: 'US' })).toEqual({
      ok: false,
      errors: { postalCode: 'POSTAL_CODE_INVALID' },
    });
  });

  it.each([['France'], ['XX'], ['F'], ['FRA'], [''], ['1A']])('refuses the country %p', (country) => {
    expect(validatePostalAddress({ line1: '1 rue X', postalCode: '75001', city: 'Paris', country })).toMatchObject({
      ok: false,
      errors: { country: 'COUNTRY_INVALID' },
    });
  });

  it('reports every invalid field at once', () => {
    expect(validatePostalAddress({ line1: ' ', postalCode: '123', city: '', country: 'FR' })).toEqual({
      ok: false,
      errors: { line1: 'ADDRESS_LINE_REQUIRED', postalCode: 'POSTAL_CODE_INVALID', city: 'CITY_REQUIRED' },
    });
    expect(validatePostalAddress({})).toEqual({
      ok: false,
      errors: { line1: 'ADDRESS_LINE_REQUIRED', city: 'CITY_REQUIRED', country: 'COUNTRY_INVALID' },
    });
  });
});

describe('isCountryCode', () => {
  it('accepts upper-case ISO 3166-1 alpha-2 codes only', () => {
    for (const code of ['FR', 'BE', 'CH', 'LU', 'MC', 'GB', 'US', 'DE', 'RE', 'XK']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['fr', 'UK', 'EU', 'XX', 'ZZ', 'F', 'FRA', 'R ', ' F', '', null, 33]) {
      expect(isCountryCode(code)).toBe(false);
    }
  });

  it('knows every territory libphonenumber knows (except the non-ISO AC and TA)', () => {
    const missing = getCountries().filter((code) => code !== 'AC' && code !== 'TA' && !isCountryCode(code));
    expect(missing).toEqual([]);
  });
});
