import { registerEnumType } from 'type-graphql';
import {
  CONTACT_SUBJECTS,
  OPERATOR_TOKEN_CAPABILITIES,
  PERMISSIONS,
  SCOPES,
  type ContactSubject,
  type OperatorTokenCapability,
  type Permission,
  type Scope,
} from '@guichet/shared';

/** A GraphQL enum built from one of the shared lists: names and values are the list's own strings. */
function enumOf<const T extends readonly string[]>(values: T): { readonly [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { readonly [K in T[number]]: K };
}

/** `mail:read` → `MAIL_READ`, `apiToken:manage` → `API_TOKEN_MANAGE`: the GraphQL name of a permission. */
export function graphqlNameOf(value: string): string {
  return value
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

export const ScopeEnum = enumOf(SCOPES);
export type ScopeEnum = Scope;
registerEnumType(ScopeEnum, {
  name: 'Scope',
  description: 'An access scope. ADMIN implies every other scope.',
});

export const ContactSubjectEnum = enumOf(CONTACT_SUBJECTS);
export type ContactSubjectEnum = ContactSubject;
registerEnumType(ContactSubjectEnum, {
  name: 'ContactSubject',
  description: 'What a member is the contact for: who gets notified of new mail, invoices or formality steps.',
});

/** Every permission of the shared matrix; the GraphQL name is upper snake case, the value the shared string. */
export const PermissionEnum = Object.fromEntries(PERMISSIONS.map((p) => [graphqlNameOf(p), p])) as Readonly<Record<string, Permission>>;
export type PermissionEnum = Permission;
registerEnumType(PermissionEnum, {
  name: 'Permission',
  description: 'A permission of the access matrix (see the @requiresPermission directive on each field).',
});

export const OperatorTokenCapabilityEnum = Object.fromEntries(OPERATOR_TOKEN_CAPABILITIES.map((c) => [graphqlNameOf(c), c])) as Readonly<
  Record<string, OperatorTokenCapability>
>;
export type OperatorTokenCapabilityEnum = OperatorTokenCapability;
registerEnumType(OperatorTokenCapabilityEnum, {
  name: 'OperatorTokenCapability',
  description: 'What an operator token (scanning station, billing tool) may do.',
});

export enum MembershipStatusEnum {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(MembershipStatusEnum, { name: 'MembershipStatus' });

export enum LocaleEnum {
  FR = 'FR',
  EN = 'EN',
}
registerEnumType(LocaleEnum, { name: 'Locale', description: 'Language of the interface and of the emails sent to the user.' });
