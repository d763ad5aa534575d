import type { ScopeErrorCode } from '../validation/codes';
import { type Scope, SCOPES, isScope } from './scopes';

/** The four named roles are presets over scopes (DESIGN.md §2). */
export const ROLES = ['ADMINISTRATEUR', 'GESTION_COURRIER', 'FACTURATION', 'GESTION_FORMALITE'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  ADMINISTRATEUR: ['ADMIN'],
  GESTION_COURRIER: ['COURRIER'],
  FACTURATION: ['FACTURATION'],
  GESTION_FORMALITE: ['FORMALITE'],
};

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/**
 * Deduplicates and sorts scopes in the canonical order of `SCOPES`.
 * ADMIN implies every other scope, so a set containing ADMIN collapses to `['ADMIN']`.
 */
export function normaliseScopes(scopes: readonly Scope[]): Scope[] {
  if (scopes.includes('ADMIN')) return ['ADMIN'];
  return SCOPES.filter((scope) => scopes.includes(scope));
}

/** The preset matching the scopes exactly (after normalisation), or null for combinations. */
export function roleOf(scopes: readonly Scope[] | null | undefined): Role | null {
  if (!scopes || scopes.length === 0) return null;
  const normalised = normaliseScopes(scopes);
  for (const role of ROLES) {
    const preset = ROLE_SCOPES[role];
    if (preset.length === normalised.length && preset.every((scope, i) => normalised[i] === scope)) {
      return role;
    }
  }
  return null;
}

export type ScopesValidation<S extends Scope = Scope, E extends ScopeErrorCode = ScopeErrorCode> =
  { ok: true; scopes: S[] } | { ok: false; error: E };

/** Validates scopes chosen for a membership or an invitation (strings from the outside world). */
export function validateScopes(input: readonly string[]): ScopesValidation<Scope, 'SCOPES_REQUIRED' | 'UNKNOWN_SCOPE'> {
  if (input.length === 0) return { ok: false, error: 'SCOPES_REQUIRED' };
  const scopes: Scope[] = [];
  for (const value of input) {
    if (!isScope(value)) return { ok: false, error: 'UNKNOWN_SCOPE' };
    scopes.push(value);
  }
  return { ok: true, scopes: normaliseScopes(scopes) };
}
