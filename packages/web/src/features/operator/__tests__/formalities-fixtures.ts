import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { buildViewer } from '@/testing/fixtures';
import {
  OperatorFormalitiesDocument,
  OperatorFormalityCompanyDocument,
  OperatorFormalityDocument,
  OperatorFormalitySignersDocument,
  OperatorSignatureEvidenceDocument,
  type OperatorFormalityDetailFragment,
  type OperatorFormalitySummaryFragment,
  type OperatorInformationRequestFragment,
  type OperatorSignatureEvidenceQuery,
  type OperatorSignatureRequestFragment,
} from '../api/formalities/generated';
import type { DeliveredDocument } from '../components/formalities/formality-documents';

export const COMPANY_ID = 'demo';
export const COMPANY_NAME = 'Demo SAS';
export const FORMALITY_ID = 'formality-1';
export const staff = buildViewer({ isStaff: true, firstName: 'Olivia', lastName: 'Robert' });

export function companyMock(): MockLink.MockedResponse {
  return {
    request: { query: OperatorFormalityCompanyDocument, variables: { companyId: COMPANY_ID } },
    maxUsageCount: 10,
    result: { data: { company: { __typename: 'Company', id: COMPANY_ID, name: COMPANY_NAME, siret: '73282932000074' } } },
  };
}

export function buildSummary(overrides: Partial<OperatorFormalitySummaryFragment> = {}): OperatorFormalitySummaryFragment {
  return {
    __typename: 'Formality',
    id: FORMALITY_ID,
    companyId: COMPANY_ID,
    type: 'TRANSFERT_SIEGE',
    title: 'Transfert du siège à Lyon',
    state: 'UNDER_REVIEW',
    turn: 'OPERATOR',
    dueDate: null,
    trackingNumber: null,
    createdAt: '2026-11-02T09:00:00.000Z',
    updatedAt: '2026-11-05T14:30:00.000Z',
    ...overrides,
  };
}

export function listMock(
  formalities: OperatorFormalitySummaryFragment[],
  filter: { state: string } | null = null,
  maxUsageCount = 3,
): MockLink.MockedResponse {
  return {
    request: { query: OperatorFormalitiesDocument, variables: { companyId: COMPANY_ID, first: 25, filter } },
    maxUsageCount,
    result: {
      data: {
        operatorFormalities: {
          __typename: 'FormalityConnection',
          edges: formalities.map((node) => ({ __typename: 'FormalityEdge', cursor: `c-${node.id}`, node })),
          pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
        },
      },
    },
  };
}

export type Answer = OperatorInformationRequestFragment['answers'][number];

export function buildAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    __typename: 'InformationAnswer',
    id: 'answer-1',
    value: '12 rue de la République, 69002 Lyon',
    fileType: null,
    fileSize: null,
    answeredAt: '2026-11-04T10:00:00.000Z',
    review: 'PENDING',
    reviewReason: null,
    reviewedAt: null,
    ...overrides,
  };
}

export function buildRequest(overrides: Partial<OperatorInformationRequestFragment> = {}): OperatorInformationRequestFragment {
  return {
    __typename: 'InformationRequest',
    id: 'request-1',
    kind: 'TEXT',
    question: 'Adresse du nouveau siège',
    required: true,
    choices: [],
    dueDate: null,
    status: 'ANSWERED',
    answers: [buildAnswer()],
    ...overrides,
  };
}

export function buildFormality(overrides: Partial<OperatorFormalityDetailFragment> = {}): OperatorFormalityDetailFragment {
  return {
    ...buildSummary(),
    reason: null,
    nextStates: ['INFORMATION_REQUESTED', 'AWAITING_SIGNATURE', 'FILED', 'CANCELLED'],
    requests: [],
    documents: [],
    signatureRequests: [],
    timeline: [
      {
        __typename: 'FormalityEvent',
        id: 'event-1',
        kind: 'OPENED',
        at: '2026-11-02T09:00:00.000Z',
        actorName: 'Olivia Robert',
        byOperator: true,
        fromState: null,
        toState: 'DRAFT',
        detail: null,
      },
    ],
    ...overrides,
  };
}

export function formalityMock(formality: OperatorFormalityDetailFragment | null, maxUsageCount = 1): MockLink.MockedResponse {
  return {
    request: { query: OperatorFormalityDocument, variables: { id: formality?.id ?? FORMALITY_ID } },
    maxUsageCount,
    result: { data: { operatorFormality: formality } },
  };
}

export const validationFailed = (fields: { field: string; code: string; params?: Record<string, string> }[]) => ({
  errors: [new GraphQLError('Invalid input', { extensions: { code: 'VALIDATION_FAILED', fields } })],
});

export const conflict = (reason: string, extensions: Record<string, unknown> = {}) => ({
  errors: [new GraphQLError('Conflict', { extensions: { code: 'CONFLICT', reason, ...extensions } })],
});

export const SHA_KBIS = 'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdefabcdef0123';
export const SHA_POUVOIR = '9b8c7d6e5f4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0';

export function buildDocument(overrides: Partial<DeliveredDocument> = {}): DeliveredDocument {
  return {
    __typename: 'FormalityDocument',
    id: 'doc-1',
    title: 'Extrait Kbis',
    sha256: SHA_KBIS,
    size: 182_000,
    deliveredAt: '2026-11-05T09:00:00.000Z',
    ...overrides,
  };
}

export function buildSignatureRequest(overrides: Partial<OperatorSignatureRequestFragment> = {}): OperatorSignatureRequestFragment {
  return {
    __typename: 'SignatureRequest',
    id: 'signature-1',
    formalityId: FORMALITY_ID,
    documentId: 'doc-2',
    documentTitle: 'Pouvoir',
    documentSha256: SHA_POUVOIR,
    signerId: 'user-david',
    signerName: 'David Bernard',
    status: 'PENDING',
    attemptsLeft: 5,
    codeExpiresAt: null,
    signedAt: null,
    signedSha256: null,
    verificationReference: null,
    declinedAt: null,
    declineReason: null,
    createdAt: '2026-11-06T10:00:00.000Z',
    ...overrides,
  };
}

export function signersMock(): MockLink.MockedResponse {
  return {
    request: { query: OperatorFormalitySignersDocument, variables: { companyId: COMPANY_ID } },
    maxUsageCount: 5,
    result: {
      data: {
        operatorFormalitySigners: [
          { __typename: 'FormalitySigner', userId: 'user-alice', name: 'Alice Martin', email: 'alice.martin@demo-sas.fr' },
          { __typename: 'FormalitySigner', userId: 'user-david', name: 'David Bernard', email: 'david.bernard@demo-sas.fr' },
        ],
      },
    },
  };
}

type EvidenceEvent = NonNullable<NonNullable<OperatorSignatureEvidenceQuery['operatorSignatureRequest']>['evidence']>['events'][number];

const hashOf = (seq: number) => `${String(seq).repeat(8)}${'e'.repeat(56)}`.slice(0, 64);

export function buildEvidenceEvents(kinds: EvidenceEvent['kind'][]): EvidenceEvent[] {
  return kinds.map((kind, index) => ({
    __typename: 'SignatureEvent',
    seq: index + 1,
    kind,
    at: `2026-11-06T10:0${index}:0${index}.123Z`,
    ip: kind === 'REQUEST_CREATED' || kind === 'EMAIL_SENT' ? null : '203.0.113.7',
    userAgent: kind === 'REQUEST_CREATED' || kind === 'EMAIL_SENT' ? null : 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
    userId: kind === 'EMAIL_SENT' ? null : 'user-david',
    userName: kind === 'EMAIL_SENT' ? null : kind === 'REQUEST_CREATED' ? 'Olivia Robert' : 'David Bernard',
    companyId: COMPANY_ID,
    detail: null,
    previousHash: index === 0 ? '0'.repeat(64) : hashOf(index),
    hash: hashOf(index + 1),
  }));
}

export function evidenceMock(
  request: OperatorSignatureRequestFragment,
  events: EvidenceEvent[],
  verdict: { intact: boolean; brokenAtSeq?: number | null; problem?: string | null },
): MockLink.MockedResponse {
  return {
    request: { query: OperatorSignatureEvidenceDocument, variables: { id: request.id } },
    maxUsageCount: 3,
    result: {
      data: {
        operatorSignatureRequest: {
          ...request,
          evidence: {
            __typename: 'SignatureEvidence',
            events,
            finalHash: events.at(-1)?.hash ?? '',
            intact: verdict.intact,
            brokenAtSeq: verdict.brokenAtSeq ?? null,
            problem: verdict.problem ?? null,
          },
        },
      },
    },
  };
}
