import { can, permissionsOf } from '../can';
import { PERMISSION_MATRIX } from '../matrix';
import { INTERACTIVE_ONLY_PERMISSIONS, PERMISSIONS, type Permission, isPermission } from '../permissions';
import { SCOPES, type Scope } from '../scopes';

/**
 * DESIGN.md §2, written out independently of PERMISSION_MATRIX: for each permission, which single
 * scope grants it (ADMIN is checked separately: it grants everything).
 */
const EXPECTED: Record<Permission, Record<Exclude<Scope, 'ADMIN'>, boolean>> = {
  'company:read': { COURRIER: true, FACTURATION: true, FORMALITE: true },
  'company:update': { COURRIER: false, FACTURATION: false, FORMALITE: false },
  'team:read': { COURRIER: false, FACTURATION: false, FORMALITE: false },
  'team:invite': { COURRIER: false, FACTURATION: false, FORMALITE: false },
  'team:manage': { COURRIER: false, FACTURATION: false, FORMALITE: false },
  'mail:read': { COURRIER: true, FACTURATION: false, FORMALITE: false },
  'mail:download': { COURRIER: true, FACTURATION: false, FORMALITE: false },
  'mail:export': { COURRIER: true, FACTURATION: false, FORMALITE: false },
  'mail:tag': { COURRIER: true, FACTURATION: false, FORMALITE: false },
  'mail:forward': { COURRIER: true, FACTURATION: false, FORMALITE: false },
  'invoice:read': { COURRIER: false, FACTURATION: true, FORMALITE: false },
  'invoice:download': { COURRIER: false, FACTURATION: true, FORMALITE: false },
  'formality:read': { COURRIER: false, FACTURATION: false, FORMALITE: true },
  'formality:respond': { COURRIER: false, FACTURATION: false, FORMALITE: true },
  'formality:download': { COURRIER: false, FACTURATION: false, FORMALITE: true },
  'formality:sign': { COURRIER: false, FACTURATION: false, FORMALITE: true },
  'apiToken:manage': { COURRIER: false, FACTURATION: false, FORMALITE: false },
  'activity:read': { COURRIER: false, FACTURATION: false, FORMALITE: false },
};

const NON_ADMIN_SCOPES = ['COURRIER', 'FACTURATION', 'FORMALITE'] as const;

describe('permissions', () => {
  it('lists exactly the permissions of the design, without duplicates', () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it('isPermission accepts listed permissions only', () => {
    for (const permission of PERMISSIONS) expect(isPermission(permission)).toBe(true);
    expect(isPermission('mail:delete')).toBe(false);
    expect(isPermission('MAIL:READ')).toBe(false);
    expect(isPermission(null)).toBe(false);
  });

  it('marks team, API token, company update, activity and signing as needing a person', () => {
    expect([...INTERACTIVE_ONLY_PERMISSIONS].sort()).toEqual(
      ['activity:read', 'apiToken:manage', 'company:update', 'formality:sign', 'team:invite', 'team:manage', 'team:read'].sort(),
    );
  });
});

describe('PERMISSION_MATRIX', () => {
  it('has a row for every permission, with known scopes only', () => {
    expect(Object.keys(PERMISSION_MATRIX).sort()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS) {
      const row = PERMISSION_MATRIX[permission];
      expect(row.length).toBeGreaterThan(0);
      for (const scope of row) expect(SCOPES).toContain(scope);
    }
  });

  it('grants company:read to every scope and admin-only permissions to ADMIN alone', () => {
    expect(PERMISSION_MATRIX['company:read']).toEqual(['ADMIN', 'COURRIER', 'FACTURATION', 'FORMALITE']);
    for (const permission of INTERACTIVE_ONLY_PERMISSIONS.filter((p) => p !== 'formality:sign')) {
      expect(PERMISSION_MATRIX[permission]).toEqual(['ADMIN']);
    }
  });
});

describe('can', () => {
  describe.each(PERMISSIONS)('%s', (permission) => {
    it.each(NON_ADMIN_SCOPES)('with %s matches the design table', (scope) => {
      expect(can([scope], permission)).toBe(EXPECTED[permission][scope]);
    });

    it('is granted to ADMIN', () => {
      expect(can(['ADMIN'], permission)).toBe(true);
    });

    it('is refused without scopes', () => {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
      expect(can([], permission)).toBe(false);
    });

    it('is granted to a combination when any of its scopes grants it', () => {
      const combo = ['COURRIER', 'FACTURATION'] as const;
      expect(can(combo, permission)).toBe(EXPECTED[permission].COURRIER || EXPECTED[permission].FACTURATION);
    });
  });

  it('refuses a permission it does not know, even to ADMIN', () => {
    expect(can(['ADMIN'], 'mail:delete' as Permission)).toBe(false);
  });
});

describe('permissionsOf', () => {
  it('returns every permission for ADMIN, in PERMISSIONS order', () => {
    expect(permissionsOf(['ADMIN'])).toEqual([...PERMISSIONS]);
  });

  it('returns the mail permissions plus company:read for COURRIER', () => {
    expect(permissionsOf(['COURRIER'])).toEqual(['company:read', 'mail:read', 'mail:download', 'mail:export', 'mail:tag', 'mail:forward']);
  });

  it('unions the permissions of combined scopes', () => {
    expect(permissionsOf(['FORMALITE', 'FACTURATION'])).toEqual([
      'company:read',
      'invoice:read',
      'invoice:download',
      'formality:read',
      'formality:respond',
      'formality:download',
      'formality:sign',
    ]);
  });

  it('returns nothing for no scopes', () => {
    expect(permissionsOf([])).toEqual([]);
    expect(permissionsOf(null)).toEqual([]);
  });
});
