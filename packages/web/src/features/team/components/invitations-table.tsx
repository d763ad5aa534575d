import { useMutation } from '@apollo/client/react';
import { scopesLabel, validationMessage } from '@guichet/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, ConfirmDialog, type BadgeTone } from '@/components/ui';
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

  if (invitations.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('invitations.empty')}</p>
      </div>
    );
  }

  return (
    <div className="team-panel">
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
            {invitations.map((invitation) => {
              const name = `${invitation.firstName} ${invitation.lastName}`.trim();
              const open = invitation.status === 'PENDING' || invitation.status === 'EXPIRED';
              const errorId = `invitation-${invitation.id}-error`;
              const error = rowError?.id === invitation.id ? rowError.message : null;
              return (
                <tr key={invitation.id}>
                  <th scope="row" className="table__person">
                    <span className="table__name">{invitation.email}</span>
                    {name ? <span className="table__meta">{name}</span> : null}
                    {invitation.invitedByName ? (
                      <span className="table__meta">{t('invitations.invitedBy', { name: invitation.invitedByName })}</span>
                    ) : null}
                  </th>
                  <td>{scopesLabel(invitation.scopes, locale)}</td>
                  <td>
                    <Badge tone={STATUS_TONES[invitation.status]}>{t(`invitations.status.${invitation.status}`)}</Badge>
                  </td>
                  <td>{invitation.sentCount}</td>
                  <td>
                    {invitation.lastSentAt ? (
                      <time dateTime={invitation.lastSentAt} title={formatDateTime(invitation.lastSentAt, locale)}>
                        {formatRelative(invitation.lastSentAt, locale)}
                      </time>
                    ) : null}
                  </td>
                  <td>
                    {invitation.status === 'PENDING' || invitation.status === 'EXPIRED' ? (
                      <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt, locale)}>
                        {invitation.status === 'EXPIRED'
                          ? t('invitations.expiredOn', { date: formatDate(invitation.expiresAt, locale) })
                          : formatDate(invitation.expiresAt, locale)}
                      </time>
                    ) : (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">{t('invitations.noExpiry')}</span>
                      </>
                    )}
                  </td>
                  {canManage ? (
                    <td className="table__actions">
                      {open ? (
                        <div className="button-row">
                          <Button
                            variant="secondary"
                            size="sm"
                            isLoading={busy === invitation.id}
                            aria-label={t('invitations.resendLabel', { email: invitation.email })}
                            aria-describedby={error ? errorId : undefined}
                            onClick={() => void resendOne(invitation)}
                          >
                            {t('invitations.resend')}
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
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
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
