/**
 * Scopes are the unit of access held by a membership (and by an API token).
 * `ADMIN` implies every other scope; the three others may be combined freely.
 */
export const SCOPES = ['ADMIN', 'COURRIER', 'FACTURATION', 'FORMALITE'] as const;
export type Scope = (typeof SCOPES)[number];

/** Subjects a member can be tagged "contact for" (who gets notified about what). */
export const CONTACT_SUBJECTS = ['COURRIER', 'FACTURATION', 'FORMALITE'] as const;
export type ContactSubject = (typeof CONTACT_SUBJECTS)[number];

/** The scopes other than ADMIN: each grants one space, and they combine freely on a membership. */
export const NON_ADMIN_SCOPES = ['COURRIER', 'FACTURATION', 'FORMALITE'] as const;
export type NonAdminScope = (typeof NON_ADMIN_SCOPES)[number];

export function isScope(x: unknown): x is Scope {
  return typeof x === 'string' && (SCOPES as readonly string[]).includes(x);
}

export function isContactSubject(x: unknown): x is ContactSubject {
  return typeof x === 'string' && (CONTACT_SUBJECTS as readonly string[]).includes(x);
}

export function isNonAdminScope(x: unknown): x is NonAdminScope {
  return typeof x === 'string' && (NON_ADMIN_SCOPES as readonly string[]).includes(x);
}
