import { LA_POSTE_SIREN, formatSiret, luhnValid, normaliseSiret, validateSiren, validateSiret } from '../siret';

describe('normaliseSiret', () => {
  it('removes spaces, including non-breaking and narrow no-break spaces', () => {
    expect(normaliseSiret(' 732 829 320 00074 ')).toBe('73282932000074');
    expect(normaliseSiret('732\u00a0829\u202f320\t00074')).toBe('73282932000074');
  });

  it('leaves other characters for the format rule to refuse', () => {
    expect(normaliseSiret('732.829.320.00074')).toBe('732.829.320.00074');
  });
});

describe('luhnValid', () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('732829320')).toBe(true);
  });
});

describe('validateSiret', () => {
  it.each([
    ['73282932000074', '73282932000074'],
    ['732 829 320 00074', '73282932000074'],
    ['  73282932000074  ', '73282932000074'],
    ['552 100 554 00021', '55210055400021'],
    ['35600000000048', '35600000000048'],
  ])('accepts %p (Luhn valid)', (raw, siret) => {
    expect(validateSiret(raw)).toEqual({ ok: true, siret });
  });

  it('accepts La Poste establishments whose digit sum is a multiple of 5', () => {
    expect(luhnValid('35600000052135')).toBe(false);
    expect(validateSiret('35600000052135')).toEqual({ ok: true, siret: '35600000052135' });
    // Synthetic La Poste number: digit sum 20, Luhn-invalid.
    expect(luhnValid('35600000010014')).toBe(false);
    expect(validateSiret('356 000 000 10014')).toEqual({ ok: true, siret: '35600000010014' });
  });

  it('refuses La Poste establishments that fail both rules', () => {
    expect(validateSiret('35600000052136')).toEqual({ ok: false, error: 'SIRET_CHECKSUM' });
  });

  it('does not extend the La Poste rule to other companies', () => {
    // Digit sum 35 (a multiple of 5) but Luhn-invalid and not La Poste.
    expect(validateSiret('73282932000075')).toEqual({ ok: false, error: 'SIRET_CHECKSUM' });
    expect(LA_POSTE_SIREN).toBe('356000000');
  });

  it.each([['73282932000070'], ['12345678901234'], ['73282932000047']])('refuses %p (Luhn invalid)', (raw) => {
    expect(validateSiret(raw)).toEqual({ ok: false, error: 'SIRET_CHECKSUM' });
  });

  it.each([
    ['7328293200007'],
    ['732829320000740'],
    ['732829320'],
    ['7328293200007A'],
    ['732.829.320.00074'],
    ['732-829-320-00074'],
    ['FR73282932000074'],
  ])('refuses %p as badly formed', (raw) => {
    expect(validateSiret(raw)).toEqual({ ok: false, error: 'SIRET_FORMAT' });
  });

  it('requires a value', () => {
    expect(validateSiret('')).toEqual({ ok: false, error: 'SIRET_REQUIRED' });
    expect(validateSiret('   ')).toEqual({ ok: false, error: 'SIRET_REQUIRED' });
  });
});

describe('validateSiren', () => {
  it('accepts Luhn-valid 9-digit numbers, spaces allowed', () => {
    expect(validateSiren('732 829 320')).toEqual({ ok: true, siren: '732829320' });
    expect(validateSiren('356000000')).toEqual({ ok: true, siren: '356000000' });
  });

  it('refuses bad checksums, bad formats and empty input', () => {
    expect(validateSiren('732829321')).toEqual({ ok: false, error: 'SIREN_CHECKSUM' });
    expect(validateSiren('73282932')).toEqual({ ok: false, error: 'SIREN_FORMAT' });
    expect(validateSiren('73282932000074')).toEqual({ ok: false, error: 'SIREN_FORMAT' });
    expect(validateSiren('73282932X')).toEqual({ ok: false, error: 'SIREN_FORMAT' });
    expect(validateSiren(' ')).toEqual({ ok: false, error: 'SIREN_REQUIRED' });
  });
});

describe('formatSiret', () => {
  it('groups the digits for display', () => {
    expect(formatSiret('73282932000074')).toBe('732 829 320 00074');
    expect(formatSiret('732829320 00074')).toBe('732 829 320 00074');
  });

  it('returns anything else unchanged', () => {
    expect(formatSiret('1234')).toBe('1234');
  });
});
