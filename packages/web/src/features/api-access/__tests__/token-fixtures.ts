import type { MockLink } from '@apollo/client/testing';
import { ApiTokensDocument, type ApiTokenItemFragment } from '../api/generated';

let sequence = 0;

/** An API token as the list receives it: active, never used, Courrier lecture seule, unless told. */
export function buildToken(overrides: Partial<Omit<ApiTokenItemFragment, '__typename'>> = {}): ApiTokenItemFragment {
  sequence += 1;
  return {
    __typename: 'ApiToken',
    id: `token-${sequence}`,
    name: `Jeton ${sequence}`,
    prefix: `gct_Fx${String(sequence).padStart(6, '0')}`,
    status: 'ACTIVE',
    permissions: ['COMPANY_READ', 'MAIL_READ', 'MAIL_DOWNLOAD'],
    preset: 'MAIL_READ_ONLY',
    createdByName: 'Camille Martin',
    createdAt: '2026-03-02T09:00:00.000Z',
    expiresAt: '2099-06-01T09:00:00.000Z',
    lastUsedAt: null,
    lastUsedIp: null,
    allowedIps: [],
    graceEndsAt: null,
    revokedAt: null,
    revokedReason: null,
    rotatedFromId: null,
    ...overrides,
  };
}

/** The answer to the page's query for `companyId`. */
export function tokensMock(companyId: string, tokens: ApiTokenItemFragment[]): MockLink.MockedResponse {
  return {
    request: { query: ApiTokensDocument, variables: { companyId } },
    result: { data: { company: { __typename: 'Company', id: companyId, apiTokens: tokens } } },
  };
}
