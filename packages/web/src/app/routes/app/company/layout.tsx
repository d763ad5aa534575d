import { Outlet, useLocation, useParams } from 'react-router';
import { NoAccess } from '@/components/errors/no-access';
import { COMPANY_PAGE_KEYS, type CompanyPageKey } from '@/config/paths';
import type { Viewer } from '@/lib/auth';
import { AppShell } from '@/features/shell/components/app-shell';
import { findMembership, useViewer } from '@/lib/auth';
import { MembershipProvider } from '@/lib/authorization';

function pageKeyOf(pathname: string): CompanyPageKey | null {
  const segment = pathname.split('/')[3] ?? '';
  return (COMPANY_PAGE_KEYS as readonly string[]).includes(segment) ? (segment as CompanyPageKey) : null;
}

/** Why a company in the URL is not open to the person: suspended, staff (not a member), or neither. */
function NoCompanyAccess({ viewer, companyId }: { viewer: Viewer; companyId: string | undefined }) {
  const suspension = viewer.suspendedMemberships.find((membership) => membership.companyId === companyId);
  if (suspension) return <NoAccess reason="suspended" companyName={suspension.companyName} />;
  if (viewer.user.isStaff) return <NoAccess reason="staffOnCompany" />;
  return <NoAccess reason="company" />;
}

/**
 * `/c/:companyId/*`: the company must be one of the person's memberships; its scopes then drive
 * the navigation and the guard of every section below (the route's loader asks for them again on
 * each navigation).
 */
export function Component() {
  const viewer = useViewer();
  const { companyId } = useParams();
  const { pathname } = useLocation();
  if (!viewer) return null;
  const membership = findMembership(viewer, companyId);
  return (
    <MembershipProvider membership={membership}>
      <AppShell viewer={viewer} membership={membership} currentPage={pageKeyOf(pathname)}>
        {membership ? <Outlet /> : <NoCompanyAccess viewer={viewer} companyId={companyId} />}
      </AppShell>
    </MembershipProvider>
  );
}
