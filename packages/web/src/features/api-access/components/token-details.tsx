import { PERMISSION_LABELS } from '@guichet/shared';
import { Badge, type BadgeTone } from '@/components/ui';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import type { ApiTokenItemFragment } from '../api/generated';
import { useApiAccessTranslation } from '../hooks/use-api-access-translation';
import { fromApiPermissions } from '../utils/permissions';

/**
 * The pieces of a token shown in both layouts (table cells, card facts): what it may do, who
 * made it and when, its last use, its expiry and its status.
 */

type Token = ApiTokenItemFragment;

const STATUS_TONES: Record<Token['status'], BadgeTone> = {
  ACTIVE: 'success',
  ROTATING: 'warning',
  EXPIRED: 'neutral',
  REVOKED: 'danger',
};

const REVOKED_REASONS = ['REVOKED', 'CREATOR_REMOVED', 'CREATOR_SUSPENDED', 'CREATOR_NOT_ADMIN'] as const;
type RevokedReason = (typeof REVOKED_REASONS)[number];
const isRevokedReason = (value: string | null): value is RevokedReason => (REVOKED_REASONS as readonly (string | null)[]).includes(value);

const WEEK_MS = 7 * 86_400_000;

/** The start of the secret, so the token can be recognised in a program's settings. */
export function TokenPrefix({ token }: { token: Token }) {
  const { t } = useApiAccessTranslation();
  return (
    <span className="api-token__prefix">
      <span className="visually-hidden">{t('list.prefix')} : </span>
      <code>{token.prefix}…</code>
    </span>
  );
}

/** The preset's name, or the permissions one by one for a custom set. */
export function TokenPermissions({ token }: { token: Token }) {
  const { t, i18n } = useApiAccessTranslation();
  const locale = localeOf(i18n);
  if (token.preset) return <Badge tone="info">{t(`presets.${token.preset}.label`)}</Badge>;
  return (
    <>
      <Badge>{t('list.custom')}</Badge>
      <ul className="api-token__permissions">
        {fromApiPermissions(token.permissions).map((permission) => (
          <li key={permission}>{PERMISSION_LABELS[permission][locale]}</li>
        ))}
      </ul>
    </>
  );
}

export function TokenCreated({ token }: { token: Token }) {
  const { t, i18n } = useApiAccessTranslation();
  const locale = localeOf(i18n);
  return (
    <>
      <time className="table__line" dateTime={token.createdAt} title={formatDateTime(token.createdAt, locale)}>
        {formatDate(token.createdAt, locale)}
      </time>
      <span className="table__meta">
        {token.createdByName ? t('list.createdBy', { name: token.createdByName }) : t('list.createdByUnknown')}
      </span>
    </>
  );
}

export function TokenLastUsed({ token }: { token: Token }) {
  const { t, i18n } = useApiAccessTranslation();
  const locale = localeOf(i18n);
  if (!token.lastUsedAt) return <span className="muted">{t('list.neverUsed')}</span>;
  return (
    <>
      <time className="table__line" dateTime={token.lastUsedAt} title={formatDateTime(token.lastUsedAt, locale)}>
        {formatRelative(token.lastUsedAt, locale)}
      </time>
      {token.lastUsedIp ? <span className="table__meta api-token__ip">{t('list.fromIp', { ip: token.lastUsedIp })}</span> : null}
    </>
  );
}

export function TokenExpiry({ token, now = Date.now() }: { token: Token; now?: number }) {
  const { t, i18n } = useApiAccessTranslation();
  const locale = localeOf(i18n);
  const left = new Date(token.expiresAt).getTime() - now;
  const live = token.status === 'ACTIVE' || token.status === 'ROTATING';
  return (
    <>
      <time className="table__line" dateTime={token.expiresAt} title={formatDateTime(token.expiresAt, locale)}>
        {formatDate(token.expiresAt, locale)}
      </time>
      {live && left < WEEK_MS ? <span className="table__meta api-token__soon">{formatRelative(token.expiresAt, locale, now)}</span> : null}
      {token.allowedIps.length > 0 ? (
        <span className="table__meta" title={token.allowedIps.join(', ')}>
          {t('list.allowedIps', { count: token.allowedIps.length })}
        </span>
      ) : null}
    </>
  );
}

export function TokenStatusBadge({ token }: { token: Token }) {
  const { t } = useApiAccessTranslation();
  return <Badge tone={STATUS_TONES[token.status]}>{t(`statuses.${token.status}`)}</Badge>;
}

/** What explains the status, when something does: the end of a rotation's grace, or when and why it was revoked. */
export function TokenStatusDetail({ token }: { token: Token }) {
  const { t, i18n } = useApiAccessTranslation();
  const locale = localeOf(i18n);
  if (token.status === 'ROTATING' && token.graceEndsAt) {
    return <span className="table__meta">{t('list.graceUntil', { date: formatDateTime(token.graceEndsAt, locale) })}</span>;
  }
  if (token.status === 'ACTIVE' && token.rotatedFromId) return <span className="table__meta">{t('list.rotatedFrom')}</span>;
  if (token.status === 'REVOKED' && token.revokedAt) {
    return (
      <span className="table__meta">
        {t('list.revokedOn', { date: formatDate(token.revokedAt, locale) })}
        {isRevokedReason(token.revokedReason) ? ` — ${t(`list.revokedReasons.${token.revokedReason}`)}` : null}
      </span>
    );
  }
  return null;
}

/** The badge and what explains it. */
export function TokenStatus({ token }: { token: Token }) {
  return (
    <>
      <TokenStatusBadge token={token} />
      <TokenStatusDetail token={token} />
    </>
  );
}
