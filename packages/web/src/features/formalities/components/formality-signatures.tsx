import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNATURE_CONFLICT_REASONS, TEXT_LIMITS } from '@guichet/shared';
import { Alert, Badge, Button, Dialog, TextAreaField, type BadgeTone } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import type { SignatureStatus } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { CreateSignedDocumentLinkDocument, DeclineSignatureDocument, type SignatureRequestFieldsFragment } from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { describeFailure, graphQLFailure } from '../utils/errors';
import { signatureConflictMessage } from '../utils/signature-errors';
import { openFileUrl } from '../utils/open-file-url';
import { SignaturePanel } from './signature-panel';

const STATUS_TONES: Record<SignatureStatus, BadgeTone> = {
  PENDING: 'warning',
  SIGNED: 'success',
  DECLINED: 'danger',
  LOCKED: 'danger',
  CANCELLED: 'neutral',
};

export interface SignaturePermissions {
  /** formality:sign: the signer may sign (a person's own session). */
  sign: boolean;
  /** formality:download: the signed PDF. */
  download: boolean;
}

export interface FormalitySignaturesProps {
  companyId: string;
  requests: readonly SignatureRequestFieldsFragment[];
  permissions: SignaturePermissions;
  /** The formality changed (signed, declined, locked…): the page loads it again. */
  onChanged: () => void;
}

/** The signatures asked on this formality, newest first: the signer signs here, everyone else sees where each stands. */
export function FormalitySignatures({ companyId, requests, permissions, onChanged }: FormalitySignaturesProps) {
  const { t } = useFormalitiesTranslation();
  if (requests.length === 0) return <p className="muted">{t('signature.empty')}</p>;
  return (
    <div className="signature-list">
      {requests.map((request) => (
        <SignatureRequestCard key={request.id} companyId={companyId} request={request} permissions={permissions} onChanged={onChanged} />
      ))}
    </div>
  );
}

function SignatureRequestCard({
  companyId,
  request,
  permissions,
  onChanged,
}: {
  companyId: string;
  request: SignatureRequestFieldsFragment;
  permissions: SignaturePermissions;
  onChanged: () => void;
}) {
  const { t, i18n } = useFormalitiesTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const titleId = `signature-${useId()}`;
  const [createSignedLink] = useMutation(CreateSignedDocumentLinkDocument);
  const [downloading, setDownloading] = useState(false);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' } | null>(null);
  const [declining, setDeclining] = useState(false);
  // The status the request had when this card appeared: a signature made here is then announced.
  const [initialStatus] = useState(request.status);
  const downloadButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const justSigned = request.status === 'SIGNED' && initialStatus === 'PENDING';
  // The form that had focus is gone once signed: focus goes on to the signed PDF's download.
  useEffect(() => {
    if (justSigned) (downloadButton.current ?? heading.current)?.focus();
  }, [justSigned]);

  const download = async () => {
    setDownloading(true);
    setNotice(null);
    try {
      const { data } = await createSignedLink({ variables: { companyId, signatureRequestId: request.id, disposition: 'ATTACHMENT' } });
      const url = data?.createSignedDocumentLink?.url;
      if (!url) throw new Error('No link');
      openFileUrl(url);
      setNotice({ text: t('signature.downloadStarted'), tone: 'success' });
    } catch (cause) {
      setNotice({ text: `${t('signature.downloadFailed')} ${describeError(cause, locale, tApp('errors.network'))}`, tone: 'error' });
    } finally {
      setDownloading(false);
    }
  };

  const signed = request.status === 'SIGNED';
  return (
    <article className={`signature-request signature-request--${request.status.toLowerCase()}`} aria-labelledby={titleId}>
      <div className="signature-request__head">
        <h3 id={titleId} ref={heading} tabIndex={-1} className="signature-request__title">
          {request.documentTitle}
        </h3>
        <Badge tone={STATUS_TONES[request.status]}>{t(`signature.statuses.${request.status}`)}</Badge>
      </div>
      <p className="signature-request__meta">
        <span>{t('signature.signer', { name: request.signerName })}</span>
        <span>{t('signature.requestedOn', { date: formatDate(request.createdAt, locale) })}</span>
      </p>

      {justSigned ? (
        <Alert tone="success" live="polite">
          {t('signature.panel.signed')}
        </Alert>
      ) : null}

      {request.status === 'PENDING' ? (
        request.isMine ? (
          permissions.sign ? (
            <SignaturePanel companyId={companyId} request={request} onChanged={onChanged} onDecline={() => setDeclining(true)} />
          ) : (
            <p className="muted">{t('signature.noSignPermission')}</p>
          )
        ) : (
          <p>{t('signature.waitingFor', { name: request.signerName })}</p>
        )
      ) : null}

      {signed ? (
        <>
          <p>
            {t('signature.signedBy', { name: request.signerName, date: request.signedAt ? formatDateTime(request.signedAt, locale) : '' })}
          </p>
          <dl className="facts signature-request__facts">
            {request.verificationReference ? (
              <div>
                <dt>{t('signature.reference')}</dt>
                <dd className="signature-request__reference">{request.verificationReference}</dd>
              </div>
            ) : null}
            {request.signedSha256 ? (
              <div>
                <dt>{t('signature.signedSha256')}</dt>
                <dd className="signature-request__sha">{request.signedSha256}</dd>
              </div>
            ) : null}
          </dl>
          {permissions.download ? (
            <div>
              <Button
                ref={downloadButton}
                isLoading={downloading}
                aria-label={t('signature.downloadSignedLabel', { title: request.documentTitle })}
                onClick={() => void download()}
              >
                {t('signature.downloadSigned')}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}

      {request.status === 'DECLINED' ? (
        <>
          <p>
            {t('signature.declinedBy', {
              name: request.signerName,
              date: request.declinedAt ? formatDateTime(request.declinedAt, locale) : '',
            })}
          </p>
          {request.declineReason ? (
            <p className="signature-request__reason">{t('signature.declineReason', { reason: request.declineReason })}</p>
          ) : null}
        </>
      ) : null}
      {request.status === 'LOCKED' ? <p>{t('signature.locked')}</p> : null}
      {request.status === 'CANCELLED' ? <p>{t('signature.cancelled')}</p> : null}

      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone={notice.tone} live="off">
            {notice.text}
          </Alert>
        ) : null}
      </div>

      {declining ? (
        <DeclineDialog
          companyId={companyId}
          request={request}
          onClose={() => setDeclining(false)}
          onDeclined={() => {
            setDeclining(false);
            setNotice({ text: t('signature.decline.done', { title: request.documentTitle }), tone: 'success' });
            onChanged();
          }}
        />
      ) : null}
    </article>
  );
}

function DeclineDialog({
  companyId,
  request,
  onClose,
  onDeclined,
}: {
  companyId: string;
  request: SignatureRequestFieldsFragment;
  onClose: () => void;
  onDeclined: () => void;
}) {
  const { t, i18n } = useFormalitiesTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const [decline, { loading }] = useMutation(DeclineSignatureDocument);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const formId = `decline-${useId()}`;

  const submit = async () => {
    if (loading) return;
    setError(null);
    if (!reason.trim()) {
      setFieldError(t('signature.decline.reasonRequired'));
      return;
    }
    setFieldError(null);
    try {
      await decline({ variables: { companyId, signatureRequestId: request.id, reason: reason.trim() } });
      onDeclined();
    } catch (cause) {
      const failure = graphQLFailure(cause);
      if (!failure) {
        setError(`${t('signature.decline.failed')} ${tApp('errors.network')}`);
        return;
      }
      const onReason = failure.fields.filter((field) => field.field === 'reason');
      const text = describeFailure(onReason.length > 0 ? { ...failure, reason: null, fields: onReason } : failure, {
        locale,
        generic: t('errors.generic'),
        reasons: Object.fromEntries(SIGNATURE_CONFLICT_REASONS.map((reason) => [reason, signatureConflictMessage(reason, locale)])),
      });
      if (onReason.length > 0) setFieldError(text);
      else setError(`${t('signature.decline.failed')} ${text}`);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('signature.decline.title', { title: request.documentTitle })}
      description={<p>{t('signature.decline.body')}</p>}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.cancel')}
          </Button>
          <Button type="submit" form={formId} variant="danger" isLoading={loading}>
            {t('signature.decline.confirm')}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextAreaField
          label={t('signature.decline.reason')}
          value={reason}
          rows={4}
          required
          maxLength={TEXT_LIMITS.formalityReason}
          error={fieldError}
          onChange={(event) => setReason(event.target.value)}
        />
        {error ? <Alert tone="error">{error}</Alert> : null}
      </form>
    </Dialog>
  );
}
