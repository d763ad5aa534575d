import { useMutation } from '@apollo/client/react';
import { scopesLabel, validationMessage } from '@guichet/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, ConfirmDialog, type BadgeTone } from '@/components/ui';
import { useMediaQuery } from '@/hooks/use-media-query';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import { ResendInvitationDocument, RevokeInvitationDocument, type TeamInvitationFragment } from '../api/generated';
import type { InvitationStatus } from '@/lib/graphql/schema-types';
import { useTeamTranslation } from '../hooks/use-team-translation';

const STATUS_TONES: Record<InvitationStatus, BadgeTone> = {
  PENDING: 'info',
  ACCEPTED: 'success',
  EXPIRED: 'warning',
  REVOKED: 'neutral',
};

export interface InvitationsTableProps {
  invitations: readonly TeamInvitationFragment[];
  companyId: string;
  companyName: string;
  /** team:manage: resend and revoke. */
  canManage: boolean;
  onNotice: (notice: string) => void;
}

/**
 * Invitations, newest first: who, which role, where it stands, how many times the link was sent
 * and until when it works. A pending or expired one can be sent again (a new link, the old one
 * stops working); a pending one can be withdrawn, after confirmation.
 */
export function InvitationsTable({ invitations, companyId, companyName, canManage, onNotice }: InvitationsTableProps) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const captionId = `invitations-${useId()}`;
  const [resend] = useMutation(ResendInvitationDocument);
  const [revoke, revokeState] = useMutation(RevokeInvitationDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [revoking, setRevoking] = useState<TeamInvitationFragment | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const revokeButtons = useRef(new Map<string, HTMLButtonElement>());
  // Narrow screens (the breakpoint of Mes courriers): one card per invitation, its buttons in view.
  const compact = useMediaQuery('(max-width: 48rem)');

  const describe = (cause: unknown) => {
    const field = fieldErrorsOf(cause)[0];
    return field ? validationMessage(field.code, locale) : describeError(cause, locale, tApp('errors.network'));
  };

  const resendOne = async (invitation: TeamInvitationFragment) => {
    setRowError(null);
    setBusy(invitation.id);
    try {
      await resend({ variables: { companyId, invitationId: invitation.id } });
      onNotice(t('invitations.resent', { email: invitation.email }));
    } catch (cause) {
      setRowError({ id: invitation.id, message: describe(cause) });
    } finally {
      setBusy(null);
    }
  };

  const confirmRevoke = async () => {
    if (!revoking) return;
    setRevokeError(null);
    try {
      await revoke({ variables: { companyId, invitationId: revoking.id } });
    } catch (cause) {
      setRevokeError(describe(cause));
      return;
    }
    onNotice(t('invitations.revoked', { email: revoking.email }));
    setRevoking(null);
  };

  /** Resend (pending or expired) and revoke (pending), with the row's error under them. */
  const actions = (invitation: TeamInvitationFragment) => {
    // A withdrawn invitation whose invitee asked for a new link can be sent again in one click.
    const asked = invitation.status === 'REVOKED' && invitation.newLinkRequestedAt !== null;
    const open = invitation.status === 'PENDING' || invitation.status === 'EXPIRED' || asked;
    const errorId = `invitation-${invitation.id}-error`;
    const error = rowError?.id === invitation.id ? rowError.message : null;
    return (
      <>
        {open ? (
          <div className="button-row">
            <Button
              variant="secondary"
              size="sm"
              isLoading={busy === invitation.id}
              aria-label={t(asked ? 'invitations.sendNewLinkLabel' : 'invitations.resendLabel', { email: invitation.email })}
              aria-describedby={error ? errorId : undefined}
              onClick={() => void resendOne(invitation)}
            >
              {asked ? t('invitations.sendNewLink') : t('invitations.resend')}
            </Button>
            {invitation.status === 'PENDING' ? (
              <Button
                ref={(element) => {
                  if (element) revokeButtons.current.set(invitation.id, element);
                  else revokeButtons.current.delete(invitation.id);
                }}
                variant="ghost"
                size="sm"
                aria-label={t('invitations.revokeLabel', { email: invitation.email })}
                onClick={() => {
                  setRevokeError(null);
                  setRevoking(invitation);
                }}
              >
                {t('invitations.revoke')}
              </Button>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <p id={errorId} className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </>
    );
  };

  if (invitations.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('invitations.empty')}</p>
      </div>
    );
  }

  return (
    <div className="team-panel">
      {compact ? (
        <ul className="item-cards" aria-label={t('invitations.caption', { company: companyName })}>
          {invitations.map((invitation) => (
            <li key={invitation.id} className="item-card">
              <div className="item-card__head">
                <InvitationPerson invitation={invitation} />
                <InvitationStatusBadge invitation={invitation} />
              </div>
              <dl className="item-card__facts">
                <div>
                  <dt>{t('invitations.columns.role')}</dt>
                  <dd>{scopesLabel(invitation.scopes, locale)}</dd>
                </div>
                <div>
                  <dt>{t('invitations.columns.sentCount')}</dt>
                  <dd>{invitation.sentCount}</dd>
                </div>
                <div>
                  <dt>{t('invitations.columns.lastSent')}</dt>
                  <dd>
                    <InvitationLastSent invitation={invitation} />
                  </dd>
                </div>
                <div>
                  <dt>{t('invitations.columns.expiresAt')}</dt>
                  <dd>
                    <InvitationExpiry invitation={invitation} />
                  </dd>
                </div>
              </dl>
              {canManage ? <div className="item-card__actions">{actions(invitation)}</div> : null}
            </li>
          ))}
        </ul>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="table">
            <caption id={captionId} className="visually-hidden">
              {t('invitations.caption', { company: companyName })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.columns.person')}</th>
                <th scope="col">{t('invitations.columns.role')}</th>
                <th scope="col">{t('invitations.columns.status')}</th>
                <th scope="col">{t('invitations.columns.sentCount')}</th>
                <th scope="col">{t('invitations.columns.lastSent')}</th>
                <th scope="col">{t('invitations.columns.expiresAt')}</th>
                {canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('invitations.columns.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row" className="table__person">
                    <InvitationPerson invitation={invitation} />
                  </th>
                  <td>{scopesLabel(invitation.scopes, locale)}</td>
                  <td>
                    <InvitationStatusBadge invitation={invitation} />
                  </td>
                  <td>{invitation.sentCount}</td>
                  <td>
                    <InvitationLastSent invitation={invitation} />
                  </td>
                  <td>
                    <InvitationExpiry invitation={invitation} />
                  </td>
                  {canManage ? <td className="table__actions">{actions(invitation)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('invitations.revokeTitle')}
        confirmLabel={t('invitations.revokeConfirm')}
        tone="danger"
        loading={revokeState.loading}
        error={revokeError}
        onConfirm={() => void confirmRevoke()}
        onClose={() => setRevoking(null)}
        returnFocusRef={{ current: revoking ? (revokeButtons.current.get(revoking.id) ?? null) : null }}
      >
        <p>{revoking ? t('invitations.revokeBody', { email: revoking.email, company: companyName }) : null}</p>
      </ConfirmDialog>
    </div>
  );
}

function InvitationPerson({ invitation }: { invitation: TeamInvitationFragment }) {
  const { t } = useTeamTranslation();
  const name = `${invitation.firstName} ${invitation.lastName}`.trim();
  return (
    <div className="table__person-text">
      <span className="table__name">{invitation.email}</span>
      {name ? <span className="table__meta">{name}</span> : null}
      {invitation.invitedByName ? (
        <span className="table__meta">{t('invitations.invitedBy', { name: invitation.invitedByName })}</span>
      ) : null}
    </div>
  );
}

/** The status, and the invitee's request for a new link while it waits for an answer. */
function InvitationStatusBadge({ invitation }: { invitation: TeamInvitationFragment }) {
  const { t, i18n } = useTeamTranslation();
  const locale = localeOf(i18n);
  return (
    <>
      <Badge tone={STATUS_TONES[invitation.status]}>{t(`invitations.status.${invitation.status}`)}</Badge>
      {invitation.newLinkRequestedAt ? (
        <span className="table__meta">
          <time dateTime={invitation.newLinkRequestedAt} title={formatDateTime(invitation.newLinkRequestedAt, locale)}>
            {t('invitations.newLinkRequested', { date: formatDate(invitation.newLinkRequestedAt, locale) })}
          </time>
        </span>
      ) : null}
    </>
  );
}

function InvitationLastSent({ invitation }: { invitation: TeamInvitationFragment }) {
  const { i18n } = useTeamTranslation();
  const locale = localeOf(i18n);
  if (!invitation.lastSentAt) return null;
  return (
    <time dateTime={invitation.lastSentAt} title={formatDateTime(invitation.lastSentAt, locale)}>
      {formatRelative(invitation.lastSentAt, locale)}
    </time>
  );
}

function InvitationExpiry({ invitation }: { invitation: TeamInvitationFragment }) {
  const { t, i18n } = useTeamTranslation();
  const locale = localeOf(i18n);
  if (invitation.status !== 'PENDING' && invitation.status !== 'EXPIRED') {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('invitations.noExpiry')}</span>
      </>
    );
  }
  return (
    <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt, locale)}>
      {invitation.status === 'EXPIRED'
        ? t('invitations.expiredOn', { date: formatDate(invitation.expiresAt, locale) })
        : formatDate(invitation.expiresAt, locale)}
    </time>
  );
}
