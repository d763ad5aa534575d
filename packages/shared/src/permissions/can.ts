import { PERMISSION_MATRIX } from './matrix';
import { PERMISSIONS, type Permission } from './permissions';
import type { Scope } from './scopes';

/**
 * Whether a holder of `scopes` may exercise `permission`. No scopes means no access; ADMIN
 * grants everything; otherwise one of the scopes must appear in the permission's matrix row.
 * An unknown permission (e.g. a string from an older client) is always denied.
 */
export function can(scopes: readonly Scope[] | null | undefined, permission: Permission): boolean {
  if (!scopes || scopes.length === 0) return false;
  const row: readonly Scope[] | undefined = PERMISSION_MATRIX[permission];
  if (!row) return false;
  if (scopes.includes('ADMIN')) return true;
  return row.some((scope) => scopes.includes(scope));
}

/** Every permission granted by `scopes`, in the order of `PERMISSIONS`. */
export function permissionsOf(scopes: readonly Scope[] | null | undefined): Permission[] {
  return PERMISSIONS.filter((permission) => can(scopes, permission));
}
