import type { Scope } from '@guichet/shared';
import type { Membership, Viewer } from '@/lib/auth';

let sequence = 0;

export function buildMembership(scopes: readonly Scope[], company: { id?: string; name?: string; siret?: string } = {}): Membership {
  sequence += 1;
  const id = company.id ?? `company-${sequence}`;
  return {
    __typename: 'ViewerMembership',
    id: `membership-${id}`,
    scopes: [...scopes],
    permissions: [],
    status: 'ACTIVE',
    company: {
      __typename: 'Company',
      id,
      name: company.name ?? `Entreprise ${sequence}`,
      siret: company.siret ?? '73282932000074',
    },
  };
}

export function buildViewer(
  overrides: {
    memberships?: Membership[];
    suspendedMemberships?: Viewer['suspendedMemberships'];
    isStaff?: boolean;
    locale?: 'FR' | 'EN';
    firstName?: string;
    lastName?: string;
    email?: string;
  } = {},
): Viewer {
  return {
    __typename: 'Viewer',
    user: {
      __typename: 'User',
      id: 'user-1',
      email: overrides.email ?? 'camille.martin@example.fr',
      firstName: overrides.firstName ?? 'Camille',
      lastName: overrides.lastName ?? 'Martin',
      locale: overrides.locale ?? 'FR',
      isStaff: overrides.isStaff ?? false,
    },
    memberships: overrides.memberships ?? [],
    suspendedMemberships: overrides.suspendedMemberships ?? [],
  };
}
