import { Authorized, Extensions } from 'type-graphql';
import type { OperatorTokenCapability, Permission } from '@guichet/shared';
import type { AccessDeclaration, CompanySource } from '../modules/identity/access';

export type { AccessDeclaration, CompanySource } from '../modules/identity/access';

/** The field extension that holds each field's declaration (read by the checker, the docs and the SDL printer). */
export const ACCESS_EXTENSION = 'access';

type AnyDecorator = (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => void;

function declare(access: AccessDeclaration): AnyDecorator {
  return (target, propertyKey, descriptor) => {
    (Extensions({ [ACCESS_EXTENSION]: access }) as AnyDecorator)(target, propertyKey, descriptor);
    if (access.kind !== 'public') {
      (Authorized<AccessDeclaration>(access) as AnyDecorator)(target, propertyKey, descriptor);
    }
  };
}

/**
 * A permission of the shared matrix, in the company named by `company`: `'parent'` for a field of
 * `Company`, `{ arg: 'companyId' }` for an operation that names it.
 */
export const RequiresPermission = (permission: Permission, company: CompanySource): AnyDecorator =>
  declare({ kind: 'permission', permission, company });
/** The operator's staff; with a capability, operator tokens that hold it too. */
export const RequiresStaff = (operatorToken?: OperatorTokenCapability): AnyDecorator =>
  declare(operatorToken ? { kind: 'staff', operatorToken } : { kind: 'staff' });
/** A signed-in person acting on their own data (never an API token). */
export const RequiresSignIn = (): AnyDecorator => declare({ kind: 'person' });
/** An API token, about itself. */
export const RequiresApiToken = (): AnyDecorator => declare({ kind: 'apiToken' });
export const Public = (): AnyDecorator => declare({ kind: 'public' });

/** The field extension that marks an operation as sensitive (read by the request limits). */
export const ONCE_PER_DOCUMENT_EXTENSION = 'oncePerDocument';

/**
 * A sensitive operation — it checks a secret (password, link, code) or sends an email, or issues a
 * credential: a request may select it once, and with no other sensitive operation (aliases count).
 * Goes next to the operation's access declaration.
 */
export const OncePerDocument = (): AnyDecorator => (target, propertyKey, descriptor) =>
  (Extensions({ [ONCE_PER_DOCUMENT_EXTENSION]: true }) as AnyDecorator)(target, propertyKey, descriptor);
