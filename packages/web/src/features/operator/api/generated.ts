import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
};

/** For a new account: names (default: as invited) and password. Ignored when signed in. */
export type AcceptInvitationInput = {
  firstName?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  password?: InputMaybe<Scalars['String']['input']>;
};

export type AccessRequestInput = {
  email: Scalars['String']['input'];
  firstName: Scalars['String']['input'];
  lastName: Scalars['String']['input'];
  /** A message for the administrators (1000 characters at most). */
  message?: InputMaybe<Scalars['String']['input']>;
  /** SIRET of the company to join; spaces allowed. */
  siret: Scalars['String']['input'];
};

export type AccessRequestStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

export type AddressInput = {
  city: Scalars['String']['input'];
  /** ISO 3166-1 alpha-2; defaults to FR. */
  country?: Scalars['String']['input'];
  line1: Scalars['String']['input'];
  line2?: InputMaybe<Scalars['String']['input']>;
  postalCode: Scalars['String']['input'];
};

/** Errors come back as VALIDATION_FAILED with one entry per field (name, siret, address.*). */
export type CompanyInput = {
  address: AddressInput;
  name: Scalars['String']['input'];
  /** 14 digits; spaces allowed. */
  siret: Scalars['String']['input'];
};

/** What a member is the contact for: who gets notified of new mail, invoices or formality steps. */
export type ContactSubject =
  | 'COURRIER'
  | 'FACTURATION'
  | 'FORMALITE';

/** INLINE opens the PDF in the browser; ATTACHMENT downloads it. */
export type FileDisposition =
  | 'ATTACHMENT'
  | 'INLINE';

export type ForwardingStatus =
  | 'CANCELLED'
  | 'REQUESTED'
  | 'SENT';

/** One person to invite. Errors come back per row, never for the whole batch. */
export type InvitationInput = {
  /** What this person is the contact for; only areas their scopes grant. */
  contactFor?: Array<ContactSubject>;
  email: Scalars['String']['input'];
  firstName: Scalars['String']['input'];
  jobTitle?: InputMaybe<Scalars['String']['input']>;
  lastName: Scalars['String']['input'];
  /** Optional; normalised to E.164 (default region FR). */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** One role preset (e.g. [ADMIN]) or several non-admin scopes combined. */
  scopes: Array<Scope>;
};

export type InvitationRowStatus =
  | 'FAILED'
  | 'INVITED';

/** EXPIRED is a pending invitation whose link is past its 7 days. */
export type InvitationStatus =
  | 'ACCEPTED'
  | 'EXPIRED'
  | 'PENDING'
  | 'REVOKED';

/** Language of the interface and of the emails sent to the user. */
export type Locale =
  | 'EN'
  | 'FR';

/** Filters combine with AND. Dates are instants (ISO 8601). */
export type MailFilter = {
  /** Received at or after this instant (inclusive). */
  receivedFrom?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Received before this instant (exclusive). */
  receivedTo?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Text found in the sender or the recipient, ignoring case and accents. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<MailStatus>;
  /** Items carrying any of these tags. */
  tagIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  type?: InputMaybe<MailType>;
};

/** Where the physical item is: scanned and kept, asked to be forwarded, forwarded, or archived. */
export type MailStatus =
  | 'ARCHIVED'
  | 'FORWARDED'
  | 'FORWARD_REQUESTED'
  | 'SCANNED';

/** Kind of postal item. */
export type MailType =
  | 'ADMINISTRATIVE'
  | 'ADVERTISING'
  | 'LETTER'
  | 'PARCEL'
  | 'REGISTERED';

export type MembershipStatus =
  | 'ACTIVE'
  | 'SUSPENDED';

/** A named preset of scopes. Null where scopes are combined (e.g. COURRIER + FACTURATION). */
export type Role =
  | 'ADMINISTRATEUR'
  | 'FACTURATION'
  | 'GESTION_COURRIER'
  | 'GESTION_FORMALITE';

/** An access scope. ADMIN implies every other scope. */
export type Scope =
  | 'ADMIN'
  | 'COURRIER'
  | 'FACTURATION'
  | 'FORMALITE';

export type CancelForwardingMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CancelForwardingMutation = { cancelForwarding: { __typename: 'ForwardingRequest', id: string, status: ForwardingStatus, itemCount: number, createdAt: string, processedAt: string | null, requestedByName: string | null, company: { __typename: 'Company', id: string, name: string, siret: string }, address: { __typename: 'Address', line1: string, line2: string | null, postalCode: string, city: string, country: string }, items: Array<{ __typename: 'MailItem', id: string, sender: string, receivedAt: string, type: MailType }> } | null };

export type ForwardingQueueQueryVariables = Exact<{
  status: ForwardingStatus;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ForwardingQueueQuery = { forwardingQueue: { __typename: 'ForwardingRequestConnection', edges: Array<{ __typename: 'ForwardingRequestEdge', cursor: string, node: { __typename: 'ForwardingRequest', id: string, status: ForwardingStatus, itemCount: number, createdAt: string, processedAt: string | null, requestedByName: string | null, company: { __typename: 'Company', id: string, name: string, siret: string }, address: { __typename: 'Address', line1: string, line2: string | null, postalCode: string, city: string, country: string }, items: Array<{ __typename: 'MailItem', id: string, sender: string, receivedAt: string, type: MailType }> } }>, pageInfo: { __typename: 'PageInfo', endCursor: string | null, hasNextPage: boolean } } };

export type MarkForwardingSentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type MarkForwardingSentMutation = { markForwardingSent: { __typename: 'ForwardingRequest', id: string, status: ForwardingStatus, itemCount: number, createdAt: string, processedAt: string | null, requestedByName: string | null, company: { __typename: 'Company', id: string, name: string, siret: string }, address: { __typename: 'Address', line1: string, line2: string | null, postalCode: string, city: string, country: string }, items: Array<{ __typename: 'MailItem', id: string, sender: string, receivedAt: string, type: MailType }> } | null };

export type OperatorCompaniesQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
  first: Scalars['Int']['input'];
}>;


export type OperatorCompaniesQuery = { companies: { __typename: 'CompanyConnection', edges: Array<{ __typename: 'CompanyEdge', node: { __typename: 'Company', id: string, name: string, siret: string } }> } };

export type OperatorCompanyFragment = { __typename: 'Company', id: string, name: string, siret: string };

export type QueuedForwardingFragment = { __typename: 'ForwardingRequest', id: string, status: ForwardingStatus, itemCount: number, createdAt: string, processedAt: string | null, requestedByName: string | null, company: { __typename: 'Company', id: string, name: string, siret: string }, address: { __typename: 'Address', line1: string, line2: string | null, postalCode: string, city: string, country: string }, items: Array<{ __typename: 'MailItem', id: string, sender: string, receivedAt: string, type: MailType }> };

export const OperatorCompanyFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OperatorCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"siret"}}]}}]} as unknown as DocumentNode<OperatorCompanyFragment, unknown>;
export const QueuedForwardingFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"QueuedForwarding"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForwardingRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestedByName"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OperatorCompany"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sender"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OperatorCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"siret"}}]}}]} as unknown as DocumentNode<QueuedForwardingFragment, unknown>;
export const CancelForwardingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelForwarding"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelForwarding"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"QueuedForwarding"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OperatorCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"siret"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"QueuedForwarding"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForwardingRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestedByName"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OperatorCompany"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sender"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]} as unknown as DocumentNode<CancelForwardingMutation, CancelForwardingMutationVariables>;
export const ForwardingQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ForwardingQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ForwardingStatus"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forwardingQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"QueuedForwarding"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OperatorCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"siret"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"QueuedForwarding"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForwardingRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestedByName"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OperatorCompany"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sender"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]} as unknown as DocumentNode<ForwardingQueueQuery, ForwardingQueueQueryVariables>;
export const MarkForwardingSentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkForwardingSent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markForwardingSent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"QueuedForwarding"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OperatorCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"siret"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"QueuedForwarding"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForwardingRequest"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestedByName"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OperatorCompany"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sender"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]} as unknown as DocumentNode<MarkForwardingSentMutation, MarkForwardingSentMutationVariables>;
export const OperatorCompaniesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OperatorCompanies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OperatorCompany"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OperatorCompany"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Company"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"siret"}}]}}]} as unknown as DocumentNode<OperatorCompaniesQuery, OperatorCompaniesQueryVariables>;