export const PERMISSIONS = [
  'company:read',
  'company:update',
  'team:read',
  'team:invite',
  'team:manage',
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
  'formality:sign',
  'apiToken:manage',
  'activity:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(x: unknown): x is Permission {
  return typeof x === 'string' && (PERMISSIONS as readonly string[]).includes(x);
}

/**
 * Permissions that need a person's interactive (cookie) session. A bearer API token can never
 * use them, whatever it was given: a leaked token must not be able to widen access, and never signs.
 */
export const INTERACTIVE_ONLY_PERMISSIONS: readonly Permission[] = [
  'team:read',
  'team:invite',
  'team:manage',
  'apiToken:manage',
  'company:update',
  'activity:read',
  'formality:sign',
];
