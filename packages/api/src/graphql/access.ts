import { Authorized, Extensions } from 'type-graphql';
import { PERMISSION_MATRIX, type Permission } from '@guichet/shared';

/**
 * Who may call a root operation or read a tenant field. Every Query and Mutation field and
 * every field of `Company` declares one; a test walks the schema and fails on any that doesn't.
 * - a Permission of the shared matrix: decided from the caller's membership of the company
 *   named by the parent Company, `companyId` or `id`;
 * - 'staff': the operator's staff only;
 * - 'authenticated': any signed-in user, acting on their own data;
 * - 'public': anyone (login, password reset, …).
 */
export type AccessDeclaration = Permission | 'staff' | 'authenticated' | 'public';

export const ACCESS_EXTENSION = 'access';

type AnyDecorator = (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => void;

function declare(access: AccessDeclaration): AnyDecorator {
  return (target, propertyKey, descriptor) => {
    const decorate = Extensions({ [ACCESS_EXTENSION]: access }) as AnyDecorator;
    decorate(target, propertyKey, descriptor);
    if (access !== 'public') {
      (Authorized(access) as AnyDecorator)(target, propertyKey, descriptor);
    }
  };
}

/** Enforced through @Authorized and the shared `can()`; documented in the field description. */
export const RequiresPermission = (permission: Permission): AnyDecorator => declare(permission);
export const RequiresStaff = (): AnyDecorator => declare('staff');
export const RequiresSignIn = (): AnyDecorator => declare('authenticated');
export const Public = (): AnyDecorator => declare('public');

/** The sentence appended to a field's description so that API users know what to ask for. */
export function accessSentence(access: AccessDeclaration): string {
  switch (access) {
    case 'public':
      return 'Public: no authentication required.';
    case 'authenticated':
      return 'Requires a signed-in user.';
    case 'staff':
      return 'Requires operator (staff) access.';
    default: {
      const scopes = PERMISSION_MATRIX[access];
      const list = scopes.length === 4 ? 'any' : scopes.join(' or ');
      return `Requires scope: ${list} (permission ${access}).`;
    }
  }
}
