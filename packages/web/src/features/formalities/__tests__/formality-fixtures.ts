import type { MockLink } from '@apollo/client/testing';
import type { Scope } from '@guichet/shared';
import { GraphQLError } from 'graphql';
import type { FormalityFilter } from '@/lib/graphql/schema-types';
import { buildMembership, buildViewer } from '@/testing/fixtures';
import {
  AnswerInformationRequestDocument,
  CreateFormalityDocumentLinkDocument,
  CreateSignatureDocumentLinkDocument,
  CreateSignedDocumentLinkDocument,
  DeclineSignatureDocument,
  FormalitiesDocument,
  FormalityDocument,
  RequestSignatureCodeDocument,
  SignDocumentDocument,
  type FormalityListItemFragment,
  type FormalityQuery,
  type InformationRequestFieldsFragment,
  type SignatureRequestFieldsFragment,
} from '../api/generated';
import { PAGE_SIZE } from '../utils/filters';

export const COMPANY_ID = 'acme';
export const COMPANY_NAME = 'ACME SAS';

export function formalitiesViewer(scopes: Scope[] = ['FORMALITE']) {
  return buildViewer({ memberships: [buildMembership(scopes, { id: COMPANY_ID, name: COMPANY_NAME })] });
}

let sequence = 0;

export function buildFormality(overrides: Partial<FormalityListItemFragment> = {}): FormalityListItemFragment {
  sequence += 1;
  return {
    __typename: 'Formality',
    id: `formality-${sequence}`,
    title: `Formalité ${sequence}`,
    type: 'OTHER',
    state: 'UNDER_REVIEW',
    turn: 'OPERATOR',
    dueDate: null,
    trackingNumber: null,
    updatedAt: '2026-03-10T09:30:00.000Z',
    ...overrides,
  };
}

export const TRANSFER = buildFormality({
  id: 'f-transfer',
  title: 'Transfert du siège à Lyon',
  type: 'TRANSFERT_SIEGE',
  state: 'INFORMATION_REQUESTED',
  turn: 'CLIENT',
  dueDate: '2099-04-15',
  updatedAt: '2026-03-12T10:00:00.000Z',
});
export const STATUTES = buildFormality({
  id: 'f-statutes',
  title: 'Mise à jour des statuts',
  type: 'MODIFICATION_STATUTS',
  state: 'FILED',
  turn: 'OPERATOR',
  trackingNumber: 'J26-000123',
  updatedAt: '2026-03-08T10:00:00.000Z',
});
export const CAPITAL = buildFormality({
  id: 'f-capital',
  title: 'Augmentation de capital 2025',
  type: 'AUGMENTATION_CAPITAL',
  state: 'COMPLETED',
  turn: null,
  dueDate: '2025-12-01',
  updatedAt: '2026-01-05T10:00:00.000Z',
});
export const FORMALITIES = [TRANSFER, STATUTES, CAPITAL];

export function formalitiesMock(options: {
  formalities: readonly FormalityListItemFragment[];
  filter?: FormalityFilter | null;
  total?: number;
  after?: string;
  hasNextPage?: boolean;
}): MockLink.MockedResponse {
  const { formalities, filter = null, total = formalities.length, after, hasNextPage = false } = options;
  return {
    request: { query: FormalitiesDocument, variables: { companyId: COMPANY_ID, first: PAGE_SIZE, filter, ...(after ? { after } : {}) } },
    maxUsageCount: 10,
    result: {
      data: {
        company: {
          __typename: 'Company',
          id: COMPANY_ID,
          formalities: {
            __typename: 'FormalityConnection',
            totalCount: total,
            edges: formalities.map((node) => ({ __typename: 'FormalityEdge', cursor: `cursor-${node.id}`, node })),
            pageInfo: {
              __typename: 'PageInfo',
              endCursor: formalities.length ? `cursor-${formalities[formalities.length - 1]?.id}` : null,
              hasNextPage,
            },
          },
        },
      },
    },
  };
}

export type FormalityDetails = NonNullable<NonNullable<FormalityQuery['company']>['formality']>;

export function buildRequest(overrides: Partial<InformationRequestFieldsFragment> = {}): InformationRequestFieldsFragment {
  sequence += 1;
  return {
    __typename: 'InformationRequest',
    id: `request-${sequence}`,
    kind: 'TEXT',
    question: `Question ${sequence}`,
    required: true,
    dueDate: null,
    status: 'OPEN',
    choices: [],
    answers: [],
    ...overrides,
  };
}

export const CONSENT_FR = `J’ai lu l’intégralité du document « Procès-verbal » et je le signe électroniquement.`;
export const CONSENT_EN = `I have read the whole document “Procès-verbal” and I sign it electronically.`;

export function buildSignature(overrides: Partial<SignatureRequestFieldsFragment> = {}): SignatureRequestFieldsFragment {
  sequence += 1;
  return {
    __typename: 'SignatureRequest',
    id: `signature-${sequence}`,
    formalityId: TRANSFER.id,
    documentId: 'doc-pv',
    documentTitle: 'Procès-verbal',
    documentSha256: 'a'.repeat(64),
    signerId: 'user-1',
    signerName: 'Camille Martin',
    status: 'PENDING',
    isMine: true,
    codeExpiresAt: null,
    attemptsLeft: 5,
    signedAt: null,
    signedSha256: null,
    verificationReference: null,
    declinedAt: null,
    declineReason: null,
    createdAt: '2026-03-11T08:00:00.000Z',
    consentFr: { __typename: 'SignatureConsent', version: '2026-12-v1', locale: 'FR', text: CONSENT_FR },
    consentEn: { __typename: 'SignatureConsent', version: '2026-12-v1', locale: 'EN', text: CONSENT_EN },
    ...overrides,
  };
}

export function buildDetails(overrides: Partial<FormalityDetails> = {}, base: FormalityListItemFragment = TRANSFER): FormalityDetails {
  return {
    ...base,
    reason: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    requests: [],
    documents: [],
    signatureRequests: [],
    timeline: [
      {
        __typename: 'FormalityEvent',
        id: 'event-1',
        kind: 'OPENED',
        at: '2026-03-01T08:00:00.000Z',
        actorName: 'Léa Opératrice',
        byOperator: true,
        detail: base.title,
        fromState: null,
        toState: 'DRAFT',
      },
    ],
    ...overrides,
  };
}

/** The page's query for `details` (null: not found). `maxUsageCount` 1 lets a second mock answer the reload. */
export function formalityMock(
  details: FormalityDetails | null,
  id = details?.id ?? 'missing',
  maxUsageCount = 10,
): MockLink.MockedResponse {
  return {
    request: { query: FormalityDocument, variables: { companyId: COMPANY_ID, id } },
    maxUsageCount,
    result: { data: { company: { __typename: 'Company', id: COMPANY_ID, formality: details } } },
  };
}

export function answerMock(requestId: string, value: string, error?: GraphQLError): MockLink.MockedResponse {
  return {
    request: { query: AnswerInformationRequestDocument, variables: { companyId: COMPANY_ID, requestId, value } },
    result: error
      ? { errors: [error] }
      : {
          data: {
            answerInformationRequest: {
              __typename: 'InformationAnswer',
              id: `answer-${requestId}`,
              value,
              answeredAt: '2026-03-12T11:00:00.000Z',
              review: 'PENDING',
            },
          },
        },
  };
}

export function validationError(field: string, code: string, params?: Record<string, string>): GraphQLError {
  return new GraphQLError('Invalid input', {
    extensions: { code: 'VALIDATION_FAILED', fields: [{ field, code, ...(params ? { params } : {}) }] },
  });
}

export function conflictError(reason: string): GraphQLError {
  return new GraphQLError('Conflict', { extensions: { code: 'CONFLICT', reason } });
}

const link = (url: string) => ({ __typename: 'FileLink' as const, url, expiresAt: '2099-01-01T00:00:00.000Z' });

export function documentLinkMock(documentId: string, disposition: 'INLINE' | 'ATTACHMENT'): MockLink.MockedResponse {
  return {
    request: { query: CreateFormalityDocumentLinkDocument, variables: { companyId: COMPANY_ID, documentId, disposition } },
    maxUsageCount: 5,
    result: {
      data: {
        createFormalityDocumentLink: link(`http://localhost/files/formality-documents/acme/${documentId}?d=${disposition.toLowerCase()}`),
      },
    },
  };
}

export function signatureLinkMock(signatureRequestId: string): MockLink.MockedResponse {
  return {
    request: {
      query: CreateSignatureDocumentLinkDocument,
      variables: { companyId: COMPANY_ID, signatureRequestId, disposition: 'INLINE' },
    },
    maxUsageCount: 5,
    result: {
      data: { createSignatureDocumentLink: link(`http://localhost/files/signature-documents/acme/${signatureRequestId}?d=inline`) },
    },
  };
}

export function signedLinkMock(signatureRequestId: string): MockLink.MockedResponse {
  return {
    request: {
      query: CreateSignedDocumentLinkDocument,
      variables: { companyId: COMPANY_ID, signatureRequestId, disposition: 'ATTACHMENT' },
    },
    maxUsageCount: 5,
    result: { data: { createSignedDocumentLink: link(`http://localhost/files/signed-documents/acme/${signatureRequestId}?d=attachment`) } },
  };
}

export function requestCodeMock(signatureRequestId: string, expiresAt: string, error?: GraphQLError): MockLink.MockedResponse {
  return {
    request: { query: RequestSignatureCodeDocument, variables: { companyId: COMPANY_ID, signatureRequestId } },
    result: error
      ? { errors: [error] }
      : { data: { requestSignatureCode: { __typename: 'SignatureCodeSent', sentTo: 'c***@example.fr', expiresAt, attemptsLeft: 5 } } },
  };
}

export function signMock(
  request: SignatureRequestFieldsFragment,
  code: string,
  outcome: { signed: SignatureRequestFieldsFragment } | { error: GraphQLError },
  consentLocale: 'FR' | 'EN' = 'FR',
): MockLink.MockedResponse {
  return {
    request: {
      query: SignDocumentDocument,
      variables: { companyId: COMPANY_ID, signatureRequestId: request.id, code, consentVersion: '2026-12-v1', consentLocale },
    },
    result: 'error' in outcome ? { errors: [outcome.error] } : { data: { signDocument: outcome.signed } },
  };
}

export function declineMock(request: SignatureRequestFieldsFragment, reason: string): MockLink.MockedResponse {
  return {
    request: { query: DeclineSignatureDocument, variables: { companyId: COMPANY_ID, signatureRequestId: request.id, reason } },
    result: {
      data: {
        declineSignature: { ...request, status: 'DECLINED', declinedAt: '2026-03-12T12:00:00.000Z', declineReason: reason },
      },
    },
  };
}
