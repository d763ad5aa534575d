import {
  API_TOKEN_PERMISSIONS,
  API_TOKEN_PRESETS,
  API_TOKEN_PRESET_NAMES,
  apiTokenPresetOf,
  canAsApiToken,
  isApiTokenPermission,
  validateApiTokenExpiryDays,
  validateApiTokenGraceHours,
  validateApiTokenName,
  validateApiTokenPermissions,
  validateIpAllowList,
} from '../api-tokens';
import { INTERACTIVE_ONLY_PERMISSIONS, PERMISSIONS, type Permission } from '../permissions';

describe('API token permissions', () => {
  it('are the non-admin scopes’ permissions, less those that need a person (DESIGN §2)', () => {
    expect([...API_TOKEN_PERMISSIONS]).toEqual([
      'company:read',
      'mail:read',
      'mail:download',
      'mail:export',
      'mail:tag',
      'mail:forward',
      'invoice:read',
      'invoice:download',
      'formality:read',
      'formality:respond',
      'formality:download',
    ]);
    for (const permission of INTERACTIVE_ONLY_PERMISSIONS) expect(isApiTokenPermission(permission)).toBe(false);
    expect(isApiTokenPermission('formality:sign')).toBe(false);
    expect(isApiTokenPermission('mail:delete')).toBe(false);
  });

  it('canAsApiToken grants only what the token holds, and never a person-only permission', () => {
    expect(canAsApiToken(['company:read', 'mail:read'], 'mail:read')).toBe(true);
    expect(canAsApiToken(new Set<Permission>(['company:read', 'mail:read']), 'mail:read')).toBe(true);
    expect(canAsApiToken(['company:read', 'mail:read'], 'mail:download')).toBe(false);
    // Even a row that says so (a corrupted or hand-edited token) cannot reach these.
    for (const permission of INTERACTIVE_ONLY_PERMISSIONS) expect(canAsApiToken([...PERMISSIONS], permission)).toBe(false);
    expect(canAsApiToken(null, 'mail:read')).toBe(false);
  });

  it('presets are valid token permission sets, recognised back', () => {
    for (const name of API_TOKEN_PRESET_NAMES) {
      const preset: readonly Permission[] = API_TOKEN_PRESETS[name];
      expect(validateApiTokenPermissions(preset)).toEqual({ ok: true, value: [...preset] });
      expect(apiTokenPresetOf(preset)).toBe(name);
    }
    expect(apiTokenPresetOf(['company:read', 'mail:read', 'invoice:read'])).toBeNull();
  });
});

describe('validateApiTokenPermissions', () => {
  it('adds company:read, deduplicates and orders', () => {
    expect(validateApiTokenPermissions(['mail:tag', 'mail:read', 'mail:read'])).toEqual({
      ok: true,
      value: ['company:read', 'mail:read', 'mail:tag'],
    });
  });
  it('refuses an empty set, an unknown permission and those that need a person', () => {
    expect(validateApiTokenPermissions([])).toEqual({ ok: false, error: 'TOKEN_PERMISSIONS_REQUIRED' });
    expect(validateApiTokenPermissions(['mail:delete'])).toEqual({ ok: false, error: 'TOKEN_PERMISSION_NOT_ALLOWED' });
    expect(validateApiTokenPermissions(['mail:read', 'team:manage'])).toEqual({ ok: false, error: 'TOKEN_PERMISSION_NOT_ALLOWED' });
    expect(validateApiTokenPermissions(['formality:sign'])).toEqual({ ok: false, error: 'TOKEN_PERMISSION_NOT_ALLOWED' });
  });
});

describe('token name, expiry and grace', () => {
  it('name is trimmed, required and at most 80 characters', () => {
    expect(validateApiTokenName('  Pennylane   export ')).toEqual({ ok: true, value: 'Pennylane export' });
    expect(validateApiTokenName('   ')).toEqual({ ok: false, error: 'TOKEN_NAME_REQUIRED' });
    expect(validateApiTokenName('x'.repeat(81))).toEqual({ ok: false, error: 'TOKEN_NAME_TOO_LONG' });
  });
  it('expiry from 1 to 366 days, grace from 0 to 168 hours', () => {
    expect(validateApiTokenExpiryDays(90)).toEqual({ ok: true, value: 90 });
    expect(validateApiTokenExpiryDays(366).ok).toBe(true);
    for (const days of [0, 367, 1.5, Number.NaN])
      expect(validateApiTokenExpiryDays(days)).toEqual({ ok: false, error: 'TOKEN_EXPIRY_OUT_OF_RANGE' });
    expect(validateApiTokenGraceHours(0).ok).toBe(true);
    expect(validateApiTokenGraceHours(168).ok).toBe(true);
    for (const hours of [-1, 169, 2.5]) expect(validateApiTokenGraceHours(hours)).toEqual({ ok: false, error: 'TOKEN_GRACE_OUT_OF_RANGE' });
  });
});

describe('validateIpAllowList', () => {
  it('normalises addresses and ranges to CIDR, IPv4 and IPv6', () => {
    expect(validateIpAllowList([' 203.0.113.7 ', '203.0.113.0/24', '2001:DB8::/32', '::1', '', '203.0.113.7'])).toEqual({
      ok: true,
      value: ['203.0.113.7/32', '203.0.113.0/24', '2001:db8::/32', '::1/128'],
    });
    expect(validateIpAllowList([])).toEqual({ ok: true, value: [] });
    expect(validateIpAllowList(['::ffff:192.0.2.1/128']).ok).toBe(true);
  });
  it('refuses what is not an address or a range', () => {
    for (const bad of [
      '203.0.113',
      '256.1.1.1',
      '203.0.113.0/33',
      '2001:db8::/129',
      'example.fr',
      '10.0.0.1/8/8',
      '1::2::3',
      '01.2.3.4',
      '10.0.0.0/',
    ]) {
      expect(validateIpAllowList([bad])).toEqual({ ok: false, error: 'TOKEN_IP_RANGE_INVALID' });
    }
    const many = Array.from({ length: 21 }, (_, i) => `198.51.100.${i}`);
    expect(validateIpAllowList(many)).toEqual({ ok: false, error: 'TOKEN_TOO_MANY_IP_RANGES' });
  });
});
