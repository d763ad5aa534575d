import type { ApolloClient } from '@apollo/client';
import { can, type Permission } from '@guichet/shared';
import { activeMemberships, refreshViewer, type Viewer } from '@/lib/auth';
import { MeDocument } from '@/lib/graphql/generated';

/**
 * The fields of `Company` that hold tenant data, with the permission the API checks on each (the
 * `@requiresPermission` directives of the schema; a test keeps the two in step).
 */
export const COMPANY_FIELD_PERMISSIONS: Readonly<Record<string, Permission>> = {
  mailItems: 'mail:read',
  mailItem: 'mail:read',
  tags: 'mail:read',
  forwardingRequests: 'mail:read',
  invoices: 'invoice:read',
  invoice: 'invoice:read',
  invoiceTotals: 'invoice:read',
  formalities: 'formality:read',
  formality: 'formality:read',
  members: 'team:read',
  invitations: 'team:read',
  accessRequests: 'team:read',
  activity: 'activity:read',
  apiTokens: 'apiToken:manage',
};

function readCachedViewer(client: ApolloClient): Viewer | null {
  return client.readQuery({ query: MeDocument })?.me ?? null;
}

/**
 * Forgets, for each company the person was a member of, the cached data that their access no
 * longer opens (a page they lost must not come back from the cache). Watchers are not told:
 * the guards, which follow the viewer, have already taken those pages away.
 */
function evictLostData(client: ApolloClient, before: Viewer, after: Viewer): void {
  const scopesNow = new Map(activeMemberships(after).map((membership) => [membership.company.id, membership.scopes]));
  let evicted = false;
  for (const membership of before.memberships) {
    const companyId = membership.company.id;
    const scopes = scopesNow.get(companyId) ?? [];
    const id = client.cache.identify({ __typename: 'Company', id: companyId });
    if (!id) continue;
    for (const [fieldName, permission] of Object.entries(COMPANY_FIELD_PERMISSIONS)) {
      if (can(scopes, permission)) continue;
      evicted = client.cache.evict({ id, fieldName, broadcast: false }) || evicted;
    }
  }
  if (evicted) client.cache.gc();
}

let following: Promise<void> | null = null;

/**
 * After a denied answer (FORBIDDEN): an administrator may have changed or withdrawn the person's
 * access since the page was loaded. Asks the API again who is signed in (the navigation and the
 * guards follow at once: a lost page gives way to the no-access page) and evicts the cached data
 * of what was lost. Several denied answers at once share one request.
 */
export function followAccessChange(client: ApolloClient): Promise<void> {
  following ??= (async () => {
    const before = readCachedViewer(client);
    await refreshViewer(client);
    const after = readCachedViewer(client);
    if (before && after) evictLostData(client, before, after);
  })().finally(() => {
    following = null;
  });
  return following;
}
