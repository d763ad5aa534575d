import type { Scope } from '@guichet/shared';
import type { MockLink } from '@apollo/client/testing';
import {
  TeamDocument,
  type TeamAccessRequestFragment,
  type TeamInvitationFragment,
  type TeamMemberFragment,
  type TeamQuery,
} from '@/features/team/api/generated';

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

export function buildMember(
  overrides: Partial<Omit<TeamMemberFragment, '__typename' | 'scopes'>> & { scopes?: Scope[] } = {},
): TeamMemberFragment {
  const n = next();
  return {
    __typename: 'Member',
    id: `member-${n}`,
    userId: `user-${n}`,
    email: `person${n}@exemple.fr`,
    firstName: 'Prénom',
    lastName: `Nom${n}`,
    phone: null,
    jobTitle: null,
    role: null,
    status: 'ACTIVE',
    contactFor: [],
    invitedByName: null,
    linkReceived: false,
    joinedAt: '2025-01-15T09:00:00.000Z',
    lastLoginAt: null,
    ...overrides,
    scopes: overrides.scopes ?? ['COURRIER'],
  };
}

export function buildInvitation(overrides: Partial<Omit<TeamInvitationFragment, '__typename'>> = {}): TeamInvitationFragment {
  const n = next();
  return {
    __typename: 'Invitation',
    id: `invitation-${n}`,
    email: `invite${n}@exemple.fr`,
    firstName: 'Invité',
    lastName: `Nom${n}`,
    phone: null,
    jobTitle: null,
    scopes: ['COURRIER'],
    role: 'GESTION_COURRIER',
    contactFor: [],
    status: 'PENDING',
    expiresAt: '2030-01-08T09:00:00.000Z',
    sentCount: 1,
    lastSentAt: '2030-01-01T09:00:00.000Z',
    invitedByName: 'Camille Martin',
    createdAt: '2030-01-01T09:00:00.000Z',
    newLinkRequestedAt: null,
    ...overrides,
  };
}

export function buildAccessRequest(overrides: Partial<Omit<TeamAccessRequestFragment, '__typename'>> = {}): TeamAccessRequestFragment {
  const n = next();
  return {
    __typename: 'AccessRequest',
    id: `request-${n}`,
    email: `demande${n}@exemple.fr`,
    firstName: 'Hugo',
    lastName: `Demandeur${n}`,
    message: null,
    status: 'PENDING',
    createdAt: '2030-01-01T09:00:00.000Z',
    decidedAt: null,
    ...overrides,
  };
}

/** The answer to the Mon équipe page's query. */
export function teamMock(
  companyId: string,
  team: {
    members?: TeamMemberFragment[];
    invitations?: TeamInvitationFragment[];
    accessRequests?: TeamAccessRequestFragment[];
  },
): MockLink.MockedResponse<TeamQuery> {
  return {
    request: { query: TeamDocument, variables: { companyId } },
    result: {
      data: {
        company: {
          __typename: 'Company',
          id: companyId,
          members: team.members ?? [],
          invitations: team.invitations ?? [],
          accessRequests: team.accessRequests ?? [],
        },
      },
    },
  };
}
