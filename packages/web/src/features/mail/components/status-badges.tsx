import { Badge, type BadgeTone } from '@/components/ui';
import type { ForwardingStatus, MailStatus } from '@/lib/graphql/schema-types';
import { useMailTranslation } from '../hooks/use-mail-translation';

const MAIL_TONES: Record<MailStatus, BadgeTone> = {
  SCANNED: 'info',
  FORWARD_REQUESTED: 'warning',
  FORWARDED: 'success',
  ARCHIVED: 'neutral',
};

const FORWARDING_TONES: Record<ForwardingStatus, BadgeTone> = {
  REQUESTED: 'warning',
  SENT: 'success',
  CANCELLED: 'neutral',
};

export function MailStatusBadge({ status }: { status: MailStatus }) {
  const { t } = useMailTranslation();
  return <Badge tone={MAIL_TONES[status]}>{t(`statuses.${status}`)}</Badge>;
}

export function ForwardingStatusBadge({ status }: { status: ForwardingStatus }) {
  const { t } = useMailTranslation();
  return <Badge tone={FORWARDING_TONES[status]}>{t(`forwardingStatuses.${status}`)}</Badge>;
}
