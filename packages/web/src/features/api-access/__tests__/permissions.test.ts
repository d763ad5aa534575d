import fs from 'node:fs';
import path from 'node:path';
import { API_TOKEN_PERMISSIONS, API_TOKEN_PRESETS, PERMISSIONS } from '@guichet/shared';
import type { Permission as ApiPermission } from '@/lib/graphql/schema-types';
import { fromApiPermission, fromApiPermissions, toApiPermission } from '../utils/permissions';
import { checkTokenForm, chosenPermissions, initialTokenForm, withPreset } from '../utils/token-form';

/** The values of `enum Permission` in the committed schema, the contract with the API. */
function schemaPermissions(): string[] {
  const schema = fs.readFileSync(path.resolve(__dirname, '../../../../../api/schema.graphql'), 'utf8');
  const body = /enum Permission \{([^}]*)\}/.exec(schema)?.[1] ?? '';
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Z_]+$/.test(line));
}

describe('permission names between shared and GraphQL', () => {
  it('maps every shared permission onto a value of the schema enum, and back', () => {
    expect(toApiPermission('mail:read')).toBe('MAIL_READ');
    expect(toApiPermission('apiToken:manage')).toBe('API_TOKEN_MANAGE');
    expect(fromApiPermission('API_TOKEN_MANAGE')).toBe('apiToken:manage');
    expect(PERMISSIONS.map(toApiPermission).sort()).toEqual(schemaPermissions().sort());
    for (const permission of PERMISSIONS) expect(fromApiPermission(toApiPermission(permission))).toBe(permission);
  });

  it('leaves out a value this client does not know', () => {
    expect(fromApiPermissions(['MAIL_READ', 'MAIL_SHRED' as ApiPermission])).toEqual(['mail:read']);
  });
});

describe('the create form', () => {
  it('sends the preset’s permissions, company:read always included', () => {
    const checked = checkTokenForm({ ...initialTokenForm(), name: '  Export   comptable ', allowedIps: '203.0.113.7\n\n2001:DB8::/32\n' });
    expect(checked.errors).toEqual({});
    expect(checked.input).toEqual({
      name: 'Export comptable',
      permissions: [...API_TOKEN_PRESETS.MAIL_READ_ONLY],
      expiresInDays: 90,
      allowedIps: ['203.0.113.7/32', '2001:db8::/32'],
    });
  });

  it('starts "Personnalisé" from the preset chosen, and offers only token permissions', () => {
    const custom = withPreset({ ...initialTokenForm(), preset: 'INVOICES' }, 'CUSTOM');
    expect(chosenPermissions(custom)).toEqual(['invoice:read', 'invoice:download']);
    const everything = { ...custom, custom: [...PERMISSIONS] };
    expect(chosenPermissions(everything).every((permission) => API_TOKEN_PERMISSIONS.includes(permission))).toBe(true);
    expect(checkTokenForm({ ...custom, name: 'x', custom: [] }).errors).toEqual({ permissions: 'TOKEN_PERMISSIONS_REQUIRED' });
  });
});
