import type { MockLink } from '@apollo/client/testing';
import type { Scope } from '@guichet/shared';
import {
  ForwardingAddressDocument,
  MailItemsDocument,
  MailTagsDocument,
  type MailListItemFragment,
  type MailTagFragment,
} from '../api/generated';
import type { MailFilter } from '@/lib/graphql/schema-types';
import { PAGE_SIZE } from '../utils/filters';
import { buildMembership, buildViewer } from '@/testing/fixtures';

export const COMPANY_ID = 'acme';
export const COMPANY_NAME = 'ACME SAS';

export const TAG_BANQUE: MailTagFragment = {
  __typename: 'Tag',
  id: '0199a000-0000-7000-8000-000000000001',
  name: 'Banque',
  color: '#2563eb',
};
export const TAG_URGENT: MailTagFragment = {
  __typename: 'Tag',
  id: '0199a000-0000-7000-8000-000000000002',
  name: 'Urgent',
  color: '#ea580c',
};
export const TAGS = [TAG_BANQUE, TAG_URGENT];

const year = new Date().getFullYear();

export function buildItem(overrides: Partial<MailListItemFragment> & Pick<MailListItemFragment, 'id' | 'sender'>): MailListItemFragment {
  return {
    __typename: 'MailItem',
    receivedAt: `${year}-03-03T09:00:00.000Z`,
    recipient: COMPANY_NAME,
    type: 'LETTER',
    pageCount: 1,
    status: 'SCANNED',
    tags: [],
    ...overrides,
  };
}

/** "le courrier de URSSAF du 3 mars" (this year: no year in the label). */
export const URSSAF = buildItem({ id: 'item-urssaf', sender: 'URSSAF', type: 'ADMINISTRATIVE', receivedAt: `${year}-03-03T09:00:00.000Z` });
export const BANQUE = buildItem({
  id: 'item-banque',
  sender: 'Banque Populaire',
  receivedAt: `${year}-02-14T09:00:00.000Z`,
  tags: [TAG_BANQUE],
  pageCount: 2,
});
export const GREFFE = buildItem({
  id: 'item-greffe',
  sender: 'Greffe du Tribunal de commerce',
  type: 'REGISTERED',
  receivedAt: `${year}-01-20T09:00:00.000Z`,
  status: 'FORWARD_REQUESTED',
  tags: [TAG_URGENT],
});
export const ITEMS = [URSSAF, BANQUE, GREFFE];

export function mailViewer(scopes: Scope[] = ['COURRIER']) {
  return buildViewer({ memberships: [buildMembership(scopes, { id: COMPANY_ID, name: COMPANY_NAME })] });
}

export function mailItemsMock(options: {
  items: readonly MailListItemFragment[];
  filter?: MailFilter | null;
  total?: number;
  after?: string;
  hasNextPage?: boolean;
}): MockLink.MockedResponse {
  const { items, filter = null, total = items.length, after, hasNextPage = false } = options;
  return {
    request: { query: MailItemsDocument, variables: { companyId: COMPANY_ID, first: PAGE_SIZE, filter, ...(after ? { after } : {}) } },
    maxUsageCount: 10,
    result: {
      data: {
        company: {
          __typename: 'Company',
          id: COMPANY_ID,
          mailItems: {
            __typename: 'MailItemConnection',
            totalCount: total,
            edges: items.map((node) => ({ __typename: 'MailItemEdge', cursor: `cursor-${node.id}`, node })),
            pageInfo: { __typename: 'PageInfo', endCursor: items.length ? `cursor-${items[items.length - 1]?.id}` : null, hasNextPage },
          },
        },
      },
    },
  };
}

export function tagsMock(tags: readonly MailTagFragment[] = TAGS): MockLink.MockedResponse {
  return {
    request: { query: MailTagsDocument, variables: { companyId: COMPANY_ID } },
    maxUsageCount: 10,
    result: { data: { company: { __typename: 'Company', id: COMPANY_ID, tags } } },
  };
}

export function addressMock(): MockLink.MockedResponse {
  return {
    request: { query: ForwardingAddressDocument, variables: { companyId: COMPANY_ID } },
    maxUsageCount: 10,
    result: {
      data: {
        company: {
          __typename: 'Company',
          id: COMPANY_ID,
          name: COMPANY_NAME,
          address: { __typename: 'Address', line1: '12 rue de la Paix', line2: null, postalCode: '75002', city: 'Paris', country: 'FR' },
        },
      },
    },
  };
}
