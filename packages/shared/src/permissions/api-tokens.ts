import type { API_TOKEN_ERROR_CODES } from '../validation/codes';
import { isIP } from '../validation/ip';
import { TEXT_LIMITS, unsafeTextCode, type UnsafeTextCode } from '../validation/text';
import { PERMISSION_MATRIX } from './matrix';
import { INTERACTIVE_ONLY_PERMISSIONS, PERMISSIONS, type Permission, isPermission } from './permissions';

/**
 * API tokens carry permissions, chosen at creation among those that the COURRIER, FACTURATION
 * and FORMALITE scopes grant, less the ones that need a person's interactive session. A token
 * never holds ADMIN's permissions, so a leaked token can never widen access.
 */
export const API_TOKEN_PERMISSIONS: readonly Permission[] = PERMISSIONS.filter(
  (permission) => !INTERACTIVE_ONLY_PERMISSIONS.includes(permission) && PERMISSION_MATRIX[permission].some((scope) => scope !== 'ADMIN'),
);

export function isApiTokenPermission(x: unknown): x is Permission {
  return isPermission(x) && API_TOKEN_PERMISSIONS.includes(x);
}

/** Presets offered when creating a token. Every token may read its own company (company:read). */
export const API_TOKEN_PRESETS = {
  MAIL_READ_ONLY: ['company:read', 'mail:read', 'mail:download'],
  MAIL_FULL: ['company:read', 'mail:read', 'mail:download', 'mail:export', 'mail:tag', 'mail:forward'],
  INVOICES: ['company:read', 'invoice:read', 'invoice:download'],
  FORMALITIES: ['company:read', 'formality:read', 'formality:respond', 'formality:download'],
} as const satisfies Record<string, readonly Permission[]>;
export type ApiTokenPreset = keyof typeof API_TOKEN_PRESETS;
export const API_TOKEN_PRESET_NAMES = Object.keys(API_TOKEN_PRESETS) as ApiTokenPreset[];

/** The preset whose permissions are exactly these, or null for a custom set. */
export function apiTokenPresetOf(permissions: readonly Permission[]): ApiTokenPreset | null {
  const set = new Set(permissions);
  for (const name of API_TOKEN_PRESET_NAMES) {
    const preset: readonly Permission[] = API_TOKEN_PRESETS[name];
    if (preset.length === set.size && preset.every((p) => set.has(p))) return name;
  }
  return null;
}

/**
 * The decision for a request authenticated by an API token: the permission must be among the
 * token's, and never one that needs a person (whatever a corrupted row might say).
 */
export function canAsApiToken(
  tokenPermissions: readonly Permission[] | ReadonlySet<Permission> | null | undefined,
  permission: Permission,
): boolean {
  if (!tokenPermissions || !isApiTokenPermission(permission)) return false;
  return tokenPermissions instanceof Set
    ? tokenPermissions.has(permission)
    : (tokenPermissions as readonly Permission[]).includes(permission);
}

/**
 * What the operator's own programs may be allowed to do: upload scans (scanning station); issue
 * invoices and record payments (billing tool) — never the rest of the operator's invoicing.
 */
export const OPERATOR_TOKEN_CAPABILITIES = ['scan:upload', 'invoice:issue'] as const;
export type OperatorTokenCapability = (typeof OPERATOR_TOKEN_CAPABILITIES)[number];
export function isOperatorTokenCapability(x: unknown): x is OperatorTokenCapability {
  return typeof x === 'string' && (OPERATOR_TOKEN_CAPABILITIES as readonly string[]).includes(x);
}

export const API_TOKEN_NAME_MAX_LENGTH = 80;
export const API_TOKEN_DEFAULT_EXPIRY_DAYS = 90;
export const API_TOKEN_MAX_EXPIRY_DAYS = 366;
export const API_TOKEN_MAX_GRACE_HOURS = 7 * 24;
export const API_TOKEN_MAX_ALLOWED_IPS = 20;

export type ApiTokenErrorCode = (typeof API_TOKEN_ERROR_CODES)[number];

type Checked<T> = { ok: true; value: T } | { ok: false; error: ApiTokenErrorCode | UnsafeTextCode };

/** A token's name: at most 80 characters, without bidirectional controls or zero-width characters. */
export function validateApiTokenName(input: string): Checked<string> {
  const unsafe = unsafeTextCode(input);
  if (unsafe) return { ok: false, error: unsafe };
  const value = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (value.length === 0) return { ok: false, error: 'TOKEN_NAME_REQUIRED' };
  if (value.length > API_TOKEN_NAME_MAX_LENGTH) return { ok: false, error: 'TOKEN_NAME_TOO_LONG' };
  return { ok: true, value };
}

/**
 * A non-empty set of token permissions, deduplicated, in the order of PERMISSIONS, always with
 * company:read (a token may always read the company it belongs to).
 */
export function validateApiTokenPermissions(input: readonly string[]): Checked<Permission[]> {
  if (input.length === 0) return { ok: false, error: 'TOKEN_PERMISSIONS_REQUIRED' };
  for (const value of input) if (!isApiTokenPermission(value)) return { ok: false, error: 'TOKEN_PERMISSION_NOT_ALLOWED' };
  const set = new Set<string>([...input, 'company:read']);
  return { ok: true, value: PERMISSIONS.filter((p) => set.has(p)) };
}

export function validateApiTokenExpiryDays(days: number): Checked<number> {
  if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_EXPIRY_DAYS) return { ok: false, error: 'TOKEN_EXPIRY_OUT_OF_RANGE' };
  return { ok: true, value: days };
}

export function validateApiTokenGraceHours(hours: number): Checked<number> {
  if (!Number.isInteger(hours) || hours < 0 || hours > API_TOKEN_MAX_GRACE_HOURS) return { ok: false, error: 'TOKEN_GRACE_OUT_OF_RANGE' };
  return { ok: true, value: hours };
}

/**
 * An IP allow-list: addresses or CIDR ranges, IPv4 or IPv6 (`203.0.113.0/24`, `2001:db8::/32`,
 * `198.51.100.7`). Returns them normalised as CIDR, deduplicated. Empty means "any address".
 */
export function validateIpAllowList(input: readonly string[]): Checked<string[]> {
  const out: string[] = [];
  // Beyond five times the limit the list is refused without reading it (duplicates aside, it could not fit).
  if (input.length > API_TOKEN_MAX_ALLOWED_IPS * 5) return { ok: false, error: 'TOKEN_TOO_MANY_IP_RANGES' };
  for (const raw of input) {
    const entry = raw.trim().toLowerCase();
    if (entry.length === 0) continue;
    if (entry.length > TEXT_LIMITS.ipRange) return { ok: false, error: 'TOKEN_IP_RANGE_INVALID' };
    const [address = '', prefixText, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return { ok: false, error: 'TOKEN_IP_RANGE_INVALID' };
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return { ok: false, error: 'TOKEN_IP_RANGE_INVALID' };
    const cidr = `${address}/${prefix}`;
    if (!out.includes(cidr)) out.push(cidr);
  }
  if (out.length > API_TOKEN_MAX_ALLOWED_IPS) return { ok: false, error: 'TOKEN_TOO_MANY_IP_RANGES' };
  return { ok: true, value: out };
}
