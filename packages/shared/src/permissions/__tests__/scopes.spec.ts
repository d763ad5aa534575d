import { NON_ADMIN_SCOPES, CONTACT_SUBJECTS, SCOPES, isNonAdminScope, isContactSubject, isScope } from '../scopes';

describe('scopes', () => {
  it('lists the four scopes in canonical order', () => {
    expect(SCOPES).toEqual(['ADMIN', 'COURRIER', 'FACTURATION', 'FORMALITE']);
  });

  it('offers the three non-admin scopes as contact subjects and API token scopes', () => {
    expect(CONTACT_SUBJECTS).toEqual(['COURRIER', 'FACTURATION', 'FORMALITE']);
    expect(NON_ADMIN_SCOPES).toEqual(['COURRIER', 'FACTURATION', 'FORMALITE']);
    expect(NON_ADMIN_SCOPES).not.toContain('ADMIN');
  });

  it.each(SCOPES)('isScope accepts %s', (scope) => {
    expect(isScope(scope)).toBe(true);
  });

  it.each([['admin'], ['Courrier'], [''], ['OWNER'], [null], [undefined], [1], [{}], [['ADMIN']]])('isScope refuses %p', (value) => {
    expect(isScope(value)).toBe(false);
  });

  it('isContactSubject and isNonAdminScope refuse ADMIN and accept the other scopes', () => {
    expect(isContactSubject('ADMIN')).toBe(false);
    expect(isNonAdminScope('ADMIN')).toBe(false);
    for (const scope of NON_ADMIN_SCOPES) {
      expect(isContactSubject(scope)).toBe(true);
      expect(isNonAdminScope(scope)).toBe(true);
    }
    expect(isContactSubject('courrier')).toBe(false);
    expect(isNonAdminScope(42)).toBe(false);
  });
});
