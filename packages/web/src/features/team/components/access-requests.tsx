import { useMutation } from '@apollo/client/react';
import { scopesLabel, validationMessage, type ContactSubject } from '@guichet/shared';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, ConfirmDialog, Dialog, type BadgeTone } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { formatDateTime, formatRelative } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import {
  ApproveAccessRequestDocument,
  RejectAccessRequestDocument,
  TeamInvitationFragmentDoc,
  type TeamAccessRequestFragment,
} from '../api/generated';
import type { AccessRequestStatus } from '@/lib/graphql/schema-types';
import { useTeamTranslation } from '../hooks/use-team-translation';
import { issuesFromApi } from '../utils/invite-rows';
import { EMPTY_CHOICE, keepGranted, scopesOfChoice, type ScopeChoice } from '../utils/scopes';
import { ContactForPicker, ScopesPicker } from './scopes-picker';

const STATUS_TONES: Record<AccessRequestStatus, BadgeTone> = { PENDING: 'info', APPROVED: 'success', REJECTED: 'neutral' };

export interface AccessRequestsProps {
  requests: readonly TeamAccessRequestFragment[];
  companyId: string;
  companyName: string;
  /** team:manage: approve and reject. */
  canManage: boolean;
  onNotice: (notice: string) => void;
}

const personName = (request: TeamAccessRequestFragment) => `${request.firstName} ${request.lastName}`.trim();

/** Requests to join from the public form: pending ones first, each with its message. */
export function AccessRequests({ requests, companyId, companyName, canManage, onNotice }: AccessRequestsProps) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [approving, setApproving] = useState<TeamAccessRequestFragment | null>(null);
  const [rejecting, setRejecting] = useState<TeamAccessRequestFragment | null>(null);
  const [rejectError, setRejectError] = useState<string | null>(null);
  const [reject, rejectState] = useMutation(RejectAccessRequestDocument);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const ordered = [...requests].sort((a, b) => Number(b.status === 'PENDING') - Number(a.status === 'PENDING'));

  const confirmReject = async () => {
    if (!rejecting) return;
    setRejectError(null);
    try {
      await reject({ variables: { companyId, requestId: rejecting.id } });
    } catch (cause) {
      setRejectError(describeError(cause, locale, tApp('errors.network')));
      return;
    }
    onNotice(t('requests.rejected', { name: personName(rejecting) }));
    setRejecting(null);
  };

  if (requests.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('requests.empty')}</p>
        <p className="muted">{t('requests.emptyHint')}</p>
      </div>
    );
  }

  return (
    <div className="team-panel">
      <ul className="request-list">
        {ordered.map((request) => (
          <li key={request.id} className="request">
            <div className="request__head">
              <h3 className="request__name">{personName(request)}</h3>
              <Badge tone={STATUS_TONES[request.status]}>{t(`requests.status.${request.status}`)}</Badge>
            </div>
            <p className="request__meta">
              <a href={`mailto:${request.email}`}>{request.email}</a> ·{' '}
              <time dateTime={request.createdAt} title={formatDateTime(request.createdAt, locale)}>
                {t('requests.askedOn', { when: formatRelative(request.createdAt, locale) })}
              </time>
            </p>
            {request.message ? (
              <blockquote className="request__message">
                <p>
                  <span className="visually-hidden">{t('requests.message')} </span>
                  {request.message}
                </p>
              </blockquote>
            ) : (
              <p className="muted small">{t('requests.noMessage')}</p>
            )}
            {canManage && request.status === 'PENDING' ? (
              <div className="button-row">
                <Button
                  size="sm"
                  ref={(element) => {
                    if (element) buttons.current.set(request.id, element);
                  }}
                  aria-label={t('requests.approveLabel', { name: personName(request) })}
                  onClick={() => setApproving(request)}
                >
                  {t('requests.approve')}
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={t('requests.rejectLabel', { name: personName(request) })}
                  onClick={() => {
                    setRejectError(null);
                    setRejecting(request);
                  }}
                >
                  {t('requests.reject')}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {approving ? (
        <ApproveDialog
          key={approving.id}
          request={approving}
          companyId={companyId}
          companyName={companyName}
          onClose={() => setApproving(null)}
          onDone={onNotice}
        />
      ) : null}
      <ConfirmDialog
        open={rejecting !== null}
        title={t('requests.rejectTitle', { name: rejecting ? personName(rejecting) : '' })}
        confirmLabel={t('requests.rejectConfirm')}
        tone="danger"
        loading={rejectState.loading}
        error={rejectError}
        onConfirm={() => void confirmReject()}
        onClose={() => setRejecting(null)}
      >
        <p>{t('requests.rejectBody', { company: companyName })}</p>
      </ConfirmDialog>
    </div>
  );
}

interface ApproveDialogProps {
  request: TeamAccessRequestFragment;
  companyId: string;
  companyName: string;
  onClose: () => void;
  onDone: (notice: string) => void;
}

/** Approval: choose the access (and "contact for"); irreversible, and an activation email leaves at once. */
function ApproveDialog({ request, companyId, companyName, onClose, onDone }: ApproveDialogProps) {
  const { t } = useTeamTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [choice, setChoice] = useState<ScopeChoice>(EMPTY_CHOICE);
  const [contactFor, setContactFor] = useState<ContactSubject[]>([]);
  const [scopesError, setScopesError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [approve, { loading }] = useMutation(ApproveAccessRequestDocument);
  const name = personName(request);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const scopes = scopesOfChoice(choice);
    if (scopes.length === 0) {
      setScopesError(validationMessage('SCOPES_REQUIRED', locale));
      return;
    }
    try {
      const { data } = await approve({
        variables: { companyId, requestId: request.id, scopes, contactFor: keepGranted(contactFor, scopes) },
        update(cache, { data: result }) {
          const invitation = result?.approveAccessRequest?.invitation.invitation;
          if (!invitation) return;
          const ref = cache.writeFragment({ data: invitation, fragment: TeamInvitationFragmentDoc, fragmentName: 'TeamInvitation' });
          cache.modify({
            id: cache.identify({ __typename: 'Company', id: companyId }),
            fields: { invitations: (existing) => (Array.isArray(existing) && ref ? [ref, ...existing] : existing) },
          });
        },
      });
      const outcome = data?.approveAccessRequest?.invitation;
      if (outcome?.status === 'FAILED') {
        const issue = Object.values(issuesFromApi(outcome.errors))[0];
        setError(issue ? validationMessage(issue.code, locale) : tApp('errors.generic.body'));
        return;
      }
    } catch (cause) {
      setError(describeError(cause, locale, tApp('errors.network')));
      return;
    }
    onDone(t('requests.approved', { name, email: request.email, role: scopesLabel(scopes, locale) }));
    onClose();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('requests.approveTitle', { name })}
      description={
        <Alert tone="warning" live="off">
          <p>{t('requests.approveIrreversible', { name, company: companyName })}</p>
          <p>{t('requests.approveEmail', { email: request.email })}</p>
        </Alert>
      }
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        <ScopesPicker
          value={choice}
          error={scopesError}
          onChange={(next) => {
            setChoice(next);
            setScopesError(null);
            setContactFor((current) => keepGranted(current, scopesOfChoice(next)));
          }}
        />
        <ContactForPicker choice={choice} value={contactFor} onChange={setContactFor} />
        <div className="form__actions form__actions--end">
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.cancel')}
          </Button>
          <Button type="submit" isLoading={loading}>
            {t('requests.approveConfirm')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
