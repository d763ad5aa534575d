import {
  can,
  canAsApiToken,
  isApiTokenPermission,
  PERMISSION_MATRIX,
  type OperatorTokenCapability,
  type Permission,
} from '@guichet/shared';
import { DomainError, notFound } from '../../common/domain-error';
import { isId } from '../../common/ids';
import type { Principal } from './principal';

/**
 * Where a permission's company comes from: the parent `Company` object, a named argument (or, on a
 * file route, path or query parameter), or the company a signed link names.
 */
export type CompanySource = 'parent' | { arg: string } | 'signedLink';

/**
 * Who may call an operation, read a tenant field or open a file route. Every entry point declares
 * one; `authorize` is the only place that reads them.
 * - permission: a permission of the shared matrix, in the company named by `company`;
 * - staff: the operator's staff, and operator tokens holding `operatorToken` if it is given;
 * - person: any signed-in person, on their own data (never a token);
 * - apiToken: an API token, about itself;
 * - public: anyone.
 */
export type AccessDeclaration =
  | { kind: 'permission'; permission: Permission; company: CompanySource }
  | { kind: 'staff'; operatorToken?: OperatorTokenCapability }
  | { kind: 'person' }
  | { kind: 'apiToken' }
  | { kind: 'public' };

const forbidden = (message: string, permission?: Permission): DomainError =>
  new DomainError('FORBIDDEN', message, [], permission ? { permission } : undefined);

const needsPerson = (): DomainError => forbidden('This operation needs a person signed in to Guichet: API tokens cannot use it.');

function unauthenticated(principal: Principal): DomainError {
  return principal.kind === 'anonymous' && principal.sessionExpired
    ? new DomainError('SESSION_EXPIRED', 'Your session has expired. Sign in again.')
    : new DomainError('UNAUTHENTICATED', 'You must be signed in, or send an API token (Authorization: Bearer …).');
}

function requiresScope(permission: Permission): string {
  return `Requires scope: ${PERMISSION_MATRIX[permission].join(' or ')} (permission ${permission}).`;
}

/**
 * The single access decision, for GraphQL fields and HTTP file routes alike. Synchronous: the
 * principal and its memberships were loaded once when the request started. Returns when allowed;
 * otherwise throws a coded error, so a client can tell "sign in" from "not allowed" from "no such
 * company". A company the caller has no part in answers exactly like one that does not exist.
 *
 * `companyId` is the company the access is about (from the parent or the named argument), or
 * undefined when the declaration names none.
 */
export function authorize(principal: Principal, access: AccessDeclaration, companyId?: unknown): void {
  if (access.kind === 'public') return;
  if (principal.kind === 'anonymous') throw unauthenticated(principal);

  switch (access.kind) {
    case 'person':
      if (principal.kind === 'session') return;
      throw needsPerson();
    case 'apiToken':
      if (principal.kind === 'apiToken') return;
      throw forbidden('This field describes the API token of the request: call it with Authorization: Bearer <token>.');
    case 'staff':
      if (principal.kind === 'session' && principal.isStaff) return;
      if (principal.kind === 'operatorToken' && access.operatorToken && principal.capabilities.has(access.operatorToken)) return;
      throw forbidden('This operation is reserved to the operator’s staff.');
    case 'permission':
      return authorizePermission(principal, access, companyId);
  }
}

function authorizePermission(
  principal: Exclude<Principal, { kind: 'anonymous' }>,
  access: Extract<AccessDeclaration, { kind: 'permission' }>,
  companyId: unknown,
): void {
  const { permission } = access;
  const fromParent = access.company === 'parent';
  if (typeof companyId !== 'string' || !isId(companyId)) throw notFound('Company');

  switch (principal.kind) {
    case 'session': {
      const membership = principal.memberships.get(companyId);
      if (membership) {
        if (can(membership.scopes, permission)) return;
        throw forbidden(requiresScope(permission), permission);
      }
      if (permission === 'company:read' && principal.isStaff) return;
      // A parent Company was already reachable (staff reading a client's page): say no plainly.
      if (fromParent) throw forbidden(requiresScope(permission), permission);
      throw notFound('Company');
    }
    case 'apiToken': {
      if (principal.companyId !== companyId) throw notFound('Company');
      if (canAsApiToken(principal.permissions, permission)) return;
      if (!isApiTokenPermission(permission)) throw needsPerson();
      throw forbidden(`This API token does not hold the permission ${permission}.`, permission);
    }
    case 'operatorToken':
      // Operator tokens reach no client data beyond what their capabilities name.
      throw notFound('Company');
  }
}

/** Where the company of a declaration is read from, given the parent object and the arguments. */
export function companyIdFor(access: AccessDeclaration, parent: unknown, args: Readonly<Record<string, unknown>>): unknown {
  if (access.kind !== 'permission') return undefined;
  if (access.company === 'parent') return (parent as { id?: unknown } | null | undefined)?.id;
  if (access.company === 'signedLink') return undefined;
  return args[access.company.arg];
}

/** The sentence appended to a field's description, so that playground readers know what to ask for. */
export function accessSentence(access: AccessDeclaration): string {
  switch (access.kind) {
    case 'public':
      return 'Public: no authentication required.';
    case 'person':
      return 'Requires a signed-in person (not available to API tokens).';
    case 'apiToken':
      return 'Requires an API token (Authorization: Bearer).';
    case 'staff':
      return access.operatorToken
        ? `Requires operator (staff) access, or an operator token with the capability ${access.operatorToken}.`
        : 'Requires operator (staff) access.';
    case 'permission': {
      const scopes = PERMISSION_MATRIX[access.permission];
      const list = scopes.length === 4 ? 'any' : scopes.join(' or ');
      const token = isApiTokenPermission(access.permission)
        ? 'API tokens holding this permission may use it.'
        : 'Not available to API tokens: needs a signed-in person.';
      return `Requires scope: ${list} (permission ${access.permission}). ${token}`;
    }
  }
}
