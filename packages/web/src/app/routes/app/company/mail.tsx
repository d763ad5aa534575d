import { MailPage } from '@/features/mail/components/mail-page';

/** `/c/:companyId/mail` (mail:read, checked by the route's permission guard). */
export function Component() {
  return <MailPage />;
}
