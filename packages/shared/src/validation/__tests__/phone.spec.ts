import { formatPhone, validatePhone } from '../phone';

describe('validatePhone', () => {
  it.each([[''], ['   '], [null], [undefined]])('treats %p as "no phone"', (raw) => {
    expect(validatePhone(raw)).toEqual({ ok: true, phone: null });
  });

  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['01 23 45 67 89', '+33123456789'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (212) 555-0123', '+12125550123'],
    ['+32 2 555 12 34', '+3225551234'],
  ])('accepts %p as %p', (raw, phone) => {
    expect(validatePhone(raw)).toEqual({ ok: true, phone });
  });

  it('reads national numbers in the given default region', () => {
    expect(validatePhone('020 7946 0958', 'GB')).toEqual({ ok: true, phone: '+442079460958' });
    expect(validatePhone('020 7946 0958')).toEqual({ ok: false, error: 'PHONE_INVALID' });
  });

  it.each([
    ['0612'],
    ['06 12 34 56 78 9'],
    ['00 00 00 00 00'],
    ['abc'],
    ['06 12 34 56 78 abc'],
    ['tel: 06 12 34 56 78'],
    ['+33 6 12'],
    ['+999 123 456 789'],
  ])('refuses %p', (raw) => {
    expect(validatePhone(raw)).toEqual({ ok: false, error: 'PHONE_INVALID' });
  });
});

describe('formatPhone', () => {
  it('formats home-region numbers nationally and others internationally', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('+442079460958', 'GB')).toBe('020 7946 0958');
  });

  it('formats every number internationally without a home region', () => {
    expect(formatPhone('+33199001234', null)).toBe('+33 1 99 00 12 34');
    expect(formatPhone('+442079460958', null)).toBe('+44 20 7946 0958');
  });

  it('returns unparsable input unchanged', () => {
    expect(formatPhone('not a phone')).toBe('not a phone');
  });
});
