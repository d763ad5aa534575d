import {
  NON_ADMIN_SCOPES,
  CONTACT_SUBJECTS,
  normaliseScopes,
  ROLE_SCOPES,
  ROLES,
  roleOf,
  type NonAdminScope,
  type ContactSubject,
  type Role,
  type Scope,
} from '@guichet/shared';

/** The areas that can be combined on one membership (every scope but ADMIN). */
export const COMBINABLE_SCOPES: readonly NonAdminScope[] = NON_ADMIN_SCOPES;

/** A role preset, a combination of non-admin scopes, or nothing chosen yet. */
export type RoleChoice = Role | 'CUSTOM' | '';

export interface ScopeChoice {
  role: RoleChoice;
  /** The areas ticked when `role` is CUSTOM (kept when switching back and forth). */
  custom: NonAdminScope[];
}

export const EMPTY_CHOICE: ScopeChoice = { role: '', custom: [] };

export function isRoleChoice(value: string): value is RoleChoice {
  return value === '' || value === 'CUSTOM' || (ROLES as readonly string[]).includes(value);
}

/** The scopes a choice stands for, in canonical order; empty when nothing (valid) is chosen. */
export function scopesOfChoice(choice: ScopeChoice): Scope[] {
  if (choice.role === '') return [];
  if (choice.role === 'CUSTOM') return normaliseScopes(choice.custom);
  return [...ROLE_SCOPES[choice.role]];
}

/** The choice that shows `scopes`: their preset when they match one, else a combination. */
export function choiceOfScopes(scopes: readonly Scope[]): ScopeChoice {
  const role = roleOf(scopes);
  if (role) return { role, custom: role === 'ADMINISTRATEUR' ? [] : (scopes.filter((s) => s !== 'ADMIN') as NonAdminScope[]) };
  return { role: 'CUSTOM', custom: COMBINABLE_SCOPES.filter((scope) => scopes.includes(scope)) };
}

/** The subjects a member with `scopes` may be the contact for (ADMIN: every one), as the API checks. */
export function grantedSubjects(scopes: readonly Scope[]): ContactSubject[] {
  return CONTACT_SUBJECTS.filter((subject) => scopes.includes('ADMIN') || scopes.includes(subject));
}

/** Drops the subjects `scopes` no longer grant (after a role change). */
export function keepGranted(contactFor: readonly ContactSubject[], scopes: readonly Scope[]): ContactSubject[] {
  const granted = grantedSubjects(scopes);
  return contactFor.filter((subject) => granted.includes(subject));
}

export function sameScopes(a: readonly Scope[], b: readonly Scope[]): boolean {
  const x = normaliseScopes(a);
  const y = normaliseScopes(b);
  return x.length === y.length && x.every((scope, i) => y[i] === scope);
}
