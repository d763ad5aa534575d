import { can, type Permission, type Scope } from '@guichet/shared';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { COMPANY_PAGES, paths, type CompanyPage, type CompanyPageKey } from '@/config/paths';
import type { Membership } from '@/lib/auth';

/**
 * The membership the person is acting through: the company in the URL. Every permission check
 * of the SPA goes through the shared `can()` with its scopes, the same function the API uses,
 * so the interface never offers what the API would refuse.
 */
const MembershipContext = createContext<Membership | null>(null);

export function MembershipProvider({ membership, children }: { membership: Membership | null; children: ReactNode }) {
  return <MembershipContext.Provider value={membership}>{children}</MembershipContext.Provider>;
}

export function useCurrentMembership(): Membership | null {
  return useContext(MembershipContext);
}

/** `const allowed = useCan(); allowed('mail:read')` — false outside a company. */
export function useCan(): (permission: Permission) => boolean {
  const membership = useCurrentMembership();
  const scopes = membership?.scopes;
  return useCallback((permission: Permission) => can(scopes, permission), [scopes]);
}

/** Renders `children` only when the current membership grants `permission`. */
export function Can({ permission, children, fallback = null }: { permission: Permission; children: ReactNode; fallback?: ReactNode }) {
  const allowed = useCan();
  return <>{allowed(permission) ? children : fallback}</>;
}

/** Whether `scopes` open a company page: `can()` allows one of the permissions that open it. */
export function canOpenPage(scopes: readonly Scope[] | null | undefined, page: CompanyPage): boolean {
  return page.anyOf.some((permission) => can(scopes, permission));
}

/** `const opens = useCanOpenPage(); opens(page)` — false outside a company. */
export function useCanOpenPage(): (page: CompanyPage) => boolean {
  const scopes = useCurrentMembership()?.scopes;
  return useCallback((page: CompanyPage) => canOpenPage(scopes, page), [scopes]);
}

/** The first company page (in navigation order) that `scopes` open, if any. */
export function firstAllowedPage(scopes: readonly Scope[] | null | undefined): CompanyPage | null {
  return COMPANY_PAGES.find((page) => canOpenPage(scopes, page)) ?? null;
}

/**
 * Where a member of `membership`'s company lands: `preferred` when their scopes open it
 * (e.g. the same section after switching company), otherwise the first section they may open.
 */
export function companyLandingHref(membership: Pick<Membership, 'scopes' | 'company'>, preferred: CompanyPageKey | null = null): string {
  const companyId = membership.company.id;
  const same = COMPANY_PAGES.find((page) => page.key === preferred);
  if (same && canOpenPage(membership.scopes, same)) return same.getHref(companyId);
  return firstAllowedPage(membership.scopes)?.getHref(companyId) ?? paths.company.getHref(companyId);
}
