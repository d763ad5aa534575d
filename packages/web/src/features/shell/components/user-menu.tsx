import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button } from '@/components/ui';
import { useDisclosure } from '@/hooks/use-disclosure';
import { useLogout, type Viewer } from '@/lib/auth';

function initials(firstName: string, lastName: string, email: string): string {
  const letters = `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`;
  return (letters || email.charAt(0)).toUpperCase();
}

/** The account button: who is signed in, and signing out. */
export function UserMenu({ viewer }: { viewer: Viewer }) {
  const { t } = useTranslation();
  const { logout, loading } = useLogout();
  const [failed, setFailed] = useState(false);
  const { rootRef, buttonProps, panelProps } = useDisclosure();
  const { firstName, lastName, email, isStaff } = viewer.user;
  const fullName = `${firstName} ${lastName}`.trim() || email;

  return (
    <div className="switcher switcher--end" ref={rootRef}>
      <button type="button" className="switcher__button user-button" {...buttonProps}>
        <span className="avatar" aria-hidden="true">
          {initials(firstName, lastName, email)}
        </span>
        <span className="user-button__name">{fullName}</span>
        <span className="visually-hidden">, {t('shell.userMenu')}</span>
        <span className="chevron" aria-hidden="true" />
      </button>
      <div className="popover popover--end" {...panelProps}>
        <p className="popover__title">{t('shell.signedInAs')}</p>
        <p className="user-card">
          <span className="user-card__name">{fullName}</span>
          <span className="user-card__email">{email}</span>
          {isStaff ? <Badge tone="info">{t('shell.staffBadge')}</Badge> : null}
        </p>
        {failed ? <Alert tone="error">{t('shell.logoutFailed')}</Alert> : null}
        <Button
          variant="secondary"
          fullWidth
          isLoading={loading}
          onClick={async () => {
            setFailed(false);
            try {
              await logout(); // the signed-in layout then leaves for the login page
            } catch {
              setFailed(true);
            }
          }}
        >
          {loading ? t('shell.loggingOut') : t('shell.logout')}
        </Button>
      </div>
    </div>
  );
}
