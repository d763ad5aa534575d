import { isPermission, type Permission } from '@guichet/shared';
import type { Permission as ApiPermission } from '@/lib/graphql/schema-types';

/**
 * The GraphQL enum spells permissions in upper snake case (`MAIL_READ`, `API_TOKEN_MANAGE`);
 * `@guichet/shared` as `mail:read`, `apiToken:manage`. These two functions are the only bridge.
 */
export function toApiPermission(permission: Permission): ApiPermission {
  return permission
    .replace(':', '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase() as ApiPermission;
}

/** `MAIL_READ` → `mail:read`; null for a value this client does not know (a newer API). */
export function fromApiPermission(value: ApiPermission): Permission | null {
  // `API_TOKEN_MANAGE`: the last word is the action, the others name the resource, camel-cased.
  const words = value.toLowerCase().split('_');
  const action = words.pop() ?? '';
  const resource = words.map((word, i) => (i === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`)).join('');
  const permission = `${resource}:${action}`;
  return isPermission(permission) ? permission : null;
}

/** The known permissions of a list from the API, unknown ones left out. */
export function fromApiPermissions(values: readonly ApiPermission[]): Permission[] {
  return values.map(fromApiPermission).filter((permission): permission is Permission => permission !== null);
}
