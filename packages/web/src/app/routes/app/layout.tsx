import { Navigate, Outlet, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { useFollowAccountLocale, useSessionEnd, useViewer } from '@/lib/auth';

/**
 * Everything behind sign-in. The route loader already checked the session; this component
 * reacts when the viewer disappears later (sign-out, or a session that ended mid-visit).
 */
export function Component() {
  const viewer = useViewer();
  const reason = useSessionEnd();
  const location = useLocation();
  useFollowAccountLocale(reason ? null : viewer);
  if (!viewer || reason) {
    const target =
      reason === 'logout'
        ? paths.auth.login.getHref()
        : paths.auth.login.getHref(location.pathname + location.search, reason === 'expired' ? 'expired' : undefined);
    return <Navigate replace to={target} />;
  }
  return <Outlet />;
}
