import {
  API_TOKEN_DEFAULT_EXPIRY_DAYS,
  API_TOKEN_PERMISSIONS,
  API_TOKEN_PRESET_NAMES,
  API_TOKEN_PRESETS,
  validateApiTokenExpiryDays,
  validateApiTokenName,
  validateApiTokenPermissions,
  validateIpAllowList,
  type ApiTokenErrorCode,
  type UnsafeTextCode,
  type ApiTokenPreset,
  type Permission,
} from '@guichet/shared';

/** A preset, or the permissions ticked one by one. */
export type PresetChoice = ApiTokenPreset | 'CUSTOM';
export const PRESET_CHOICES: readonly PresetChoice[] = [...API_TOKEN_PRESET_NAMES, 'CUSTOM'];

/** The validity periods offered, in days; the default (90) is recommended. */
export const EXPIRY_CHOICES = [30, API_TOKEN_DEFAULT_EXPIRY_DAYS, 180, 366] as const;

/** Every token may read its company: always included, never a choice. */
export const ALWAYS_INCLUDED: Permission = 'company:read';
export const CHOOSABLE_PERMISSIONS: readonly Permission[] = API_TOKEN_PERMISSIONS.filter((permission) => permission !== ALWAYS_INCLUDED);

/** The fields of the form, named as the API names them in `extensions.fields`. */
export const TOKEN_FIELDS = ['name', 'permissions', 'expiresInDays', 'allowedIps'] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

export function isTokenField(value: string): value is TokenField {
  return (TOKEN_FIELDS as readonly string[]).includes(value);
}

export interface TokenForm {
  name: string;
  preset: PresetChoice;
  /** The permissions ticked under "Personnalisé" (company:read aside); kept when switching back and forth. */
  custom: Permission[];
  expiresInDays: number;
  /** The allow-list as typed: one address or CIDR range per line. */
  allowedIps: string;
}

export function initialTokenForm(): TokenForm {
  return {
    name: '',
    preset: 'MAIL_READ_ONLY',
    custom: API_TOKEN_PRESETS.MAIL_READ_ONLY.filter((permission) => permission !== ALWAYS_INCLUDED),
    expiresInDays: API_TOKEN_DEFAULT_EXPIRY_DAYS,
    allowedIps: '',
  };
}

/** The non-empty lines of the allow-list. */
export function ipLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The permissions a preset or the custom ticks stand for (company:read aside), in the shared order. */
export function chosenPermissions(form: Pick<TokenForm, 'preset' | 'custom'>): Permission[] {
  const chosen: readonly Permission[] = form.preset === 'CUSTOM' ? form.custom : API_TOKEN_PRESETS[form.preset];
  return CHOOSABLE_PERMISSIONS.filter((permission) => chosen.includes(permission));
}

/** Switching to "Personnalisé" starts from the preset that was chosen, so one can adjust it. */
export function withPreset(form: TokenForm, preset: PresetChoice): TokenForm {
  if (preset === 'CUSTOM' && form.preset !== 'CUSTOM') return { ...form, preset, custom: chosenPermissions(form) };
  return { ...form, preset };
}

export interface CheckedTokenForm {
  errors: Partial<Record<TokenField, ApiTokenErrorCode | UnsafeTextCode>>;
  /** The values to send, when every field is valid. */
  input: { name: string; permissions: Permission[]; expiresInDays: number; allowedIps: string[] } | null;
}

/** The shared rules the API applies, run as the form is filled in. */
export function checkTokenForm(form: TokenForm): CheckedTokenForm {
  const errors: CheckedTokenForm['errors'] = {};
  const name = validateApiTokenName(form.name);
  if (!name.ok) errors.name = name.error;
  const permissions = validateApiTokenPermissions(chosenPermissions(form));
  if (!permissions.ok) errors.permissions = permissions.error;
  const days = validateApiTokenExpiryDays(form.expiresInDays);
  if (!days.ok) errors.expiresInDays = days.error;
  const ips = validateIpAllowList(ipLines(form.allowedIps));
  if (!ips.ok) errors.allowedIps = ips.error;
  if (!name.ok || !permissions.ok || !days.ok || !ips.ok) return { errors, input: null };
  return { errors, input: { name: name.value, permissions: permissions.value, expiresInDays: days.value, allowedIps: ips.value } };
}
