import { ROLES, ROLE_SCOPES, isRole, normaliseScopes, roleOf, validateScopes } from '../roles';

describe('roles', () => {
  it('maps each preset to its single scope', () => {
    expect(ROLES).toEqual(['ADMINISTRATEUR', 'GESTION_COURRIER', 'FACTURATION', 'GESTION_FORMALITE']);
    expect(ROLE_SCOPES).toEqual({
      ADMINISTRATEUR: ['ADMIN'],
      GESTION_COURRIER: ['COURRIER'],
      FACTURATION: ['FACTURATION'],
      GESTION_FORMALITE: ['FORMALITE'],
    });
  });

  it('isRole accepts the presets only', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    expect(isRole('ADMIN')).toBe(false);
    expect(isRole('administrateur')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe('normaliseScopes', () => {
  it('deduplicates and sorts in canonical order', () => {
    expect(normaliseScopes(['FORMALITE', 'COURRIER', 'FORMALITE'])).toEqual(['COURRIER', 'FORMALITE']);
    expect(normaliseScopes(['FACTURATION', 'COURRIER'])).toEqual(['COURRIER', 'FACTURATION']);
  });

  it('collapses any set containing ADMIN to ADMIN alone', () => {
    expect(normaliseScopes(['COURRIER', 'ADMIN', 'FORMALITE'])).toEqual(['ADMIN']);
    expect(normaliseScopes(['ADMIN', 'ADMIN'])).toEqual(['ADMIN']);
  });

  it('returns an empty array for no scopes and does not mutate its input', () => {
    expect(normaliseScopes([])).toEqual([]);
    const input = ['FORMALITE', 'COURRIER'] as const;
    normaliseScopes(input);
    expect(input).toEqual(['FORMALITE', 'COURRIER']);
  });
});

describe('roleOf', () => {
  it.each(ROLES)('recognises the %s preset', (role) => {
    expect(roleOf(ROLE_SCOPES[role])).toBe(role);
  });

  it('matches after normalisation', () => {
    expect(roleOf(['COURRIER', 'COURRIER'])).toBe('GESTION_COURRIER');
    expect(roleOf(['FORMALITE', 'ADMIN'])).toBe('ADMINISTRATEUR');
  });

  it('returns null for combinations and for no scopes', () => {
    expect(roleOf(['COURRIER', 'FACTURATION'])).toBeNull();
    expect(roleOf(['COURRIER', 'FACTURATION', 'FORMALITE'])).toBeNull();
    expect(roleOf([])).toBeNull();
    expect(roleOf(null)).toBeNull();
    expect(roleOf(undefined)).toBeNull();
  });
});

describe('validateScopes', () => {
  it('accepts known scopes and returns them normalised', () => {
    expect(validateScopes(['FACTURATION', 'COURRIER', 'COURRIER'])).toEqual({
      ok: true,
      scopes: ['COURRIER', 'FACTURATION'],
    });
    expect(validateScopes(['ADMIN', 'COURRIER'])).toEqual({ ok: true, scopes: ['ADMIN'] });
  });

  it('refuses an empty set', () => {
    expect(validateScopes([])).toEqual({ ok: false, error: 'SCOPES_REQUIRED' });
  });

  it('refuses unknown or wrongly cased scopes', () => {
    expect(validateScopes(['COURRIER', 'OWNER'])).toEqual({ ok: false, error: 'UNKNOWN_SCOPE' });
    expect(validateScopes(['courrier'])).toEqual({ ok: false, error: 'UNKNOWN_SCOPE' });
    expect(validateScopes([''])).toEqual({ ok: false, error: 'UNKNOWN_SCOPE' });
  });
});
