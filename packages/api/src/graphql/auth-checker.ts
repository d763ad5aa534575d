import type { AuthChecker } from 'type-graphql';
import { authorize, companyIdFor, type AccessDeclaration } from '../modules/identity/access';
import type { RequestContext } from './context';

/**
 * TypeGraphQL's checker hands each declared field to the one `authorize()` that the file routes
 * use too. Synchronous: the principal and its memberships were loaded when the request started.
 */
export const authChecker: AuthChecker<RequestContext, AccessDeclaration> = ({ root, args, context, info }, declarations) => {
  const access = declarations[0];
  if (!access || declarations.length !== 1) {
    throw new Error(`Expected exactly one access declaration on ${info.parentType.name}.${info.fieldName}`);
  }
  authorize(context.principal, access, companyIdFor(access, root, args));
  return true;
};
