import type { AuthChecker } from 'type-graphql';
import { can, isPermission, PERMISSION_MATRIX } from '@guichet/shared';
import { DomainError, notFound } from '../common/domain-error';
import { isId } from '../common/ids';
import type { AccessDeclaration } from './access';
import type { RequestContext } from './context';

/** Types whose fields are checked against the company the object belongs to. */
const COMPANY_SCOPED_PARENTS = new Set(['Company']);

function companyIdOf(root: unknown, args: Record<string, unknown>, parentType: string): unknown {
  if (COMPANY_SCOPED_PARENTS.has(parentType)) {
    return (root as { id?: unknown } | undefined)?.id;
  }
  return args.companyId ?? args.id;
}

/**
 * The single authorization decision. Synchronous: everything it needs (the session and its
 * memberships) was loaded once when the request started. It throws coded errors so the
 * client can tell "sign in" from "not allowed" from "no such company".
 */
export const authChecker: AuthChecker<RequestContext, AccessDeclaration> = ({ root, args, context, info }, roles) => {
  const access = roles[0];
  const principal = context.principal;
  if (!principal) {
    throw context.sessionExpired
      ? new DomainError('SESSION_EXPIRED', 'Your session has expired. Sign in again.')
      : new DomainError('UNAUTHENTICATED', 'You must be signed in.');
  }
  if (access === 'authenticated') return true;
  if (access === 'staff') {
    if (principal.isStaff) return true;
    throw new DomainError('FORBIDDEN', 'This operation is reserved to the operator’s staff.');
  }
  if (access === undefined || !isPermission(access)) {
    throw new Error(`Unknown access declaration on ${info.parentType.name}.${info.fieldName}`);
  }
  const parentType = info.parentType.name;
  const companyId = companyIdOf(root, args, parentType);
  if (typeof companyId !== 'string' || !isId(companyId)) {
    throw notFound('Company');
  }
  const membership = principal.memberships.get(companyId);
  if (!membership) {
    if (access === 'company:read' && principal.isStaff) return true;
    if (COMPANY_SCOPED_PARENTS.has(parentType)) {
      throw new DomainError('FORBIDDEN', `Requires scope: ${PERMISSION_MATRIX[access].join(' or ')}.`);
    }
    // Same answer as for a company that does not exist: ids of other tenants reveal nothing.
    throw notFound('Company');
  }
  if (can(membership.scopes, access)) return true;
  throw new DomainError('FORBIDDEN', `Requires scope: ${PERMISSION_MATRIX[access].join(' or ')} (permission ${access}).`, [], {
    permission: access,
  });
};
