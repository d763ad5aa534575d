import { useMutation } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, type BadgeTone } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import type { SignatureStatus } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import {
  CancelSignatureRequestDocument,
  OperatorSignedDocumentLinkDocument,
  type OperatorSignatureRequestFragment,
} from '../../api/formalities/generated';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { FileLinkButton } from './file-link-button';
import { shortHash } from './formality-format';
import { ReasonDialog } from './reason-dialog';
import { SignatureEvidence } from './signature-evidence';

const STATUS_TONES: Readonly<Record<SignatureStatus, BadgeTone>> = {
  PENDING: 'warning',
  SIGNED: 'success',
  DECLINED: 'danger',
  LOCKED: 'danger',
  CANCELLED: 'neutral',
};

/**
 * The formality's signature requests, newest first: status, signer, the document's fingerprint, and
 * per request its evidence trail (on demand), the signed PDF once signed, or its cancellation while
 * pending.
 */
export function SignatureRequests({
  requests,
  onDone,
}: {
  requests: readonly OperatorSignatureRequestFragment[];
  onDone: (message: string) => void;
}) {
  const { t } = useFormalitiesTranslation();
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [cancelling, setCancelling] = useState<OperatorSignatureRequestFragment | null>(null);
  const cancelButtons = useRef(new Map<string, HTMLButtonElement>());
  const [signedLink] = useMutation(OperatorSignedDocumentLinkDocument);

  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (requests.length === 0) return <p className="muted">{t('signature.empty')}</p>;

  return (
    <>
      <ul className="signature-requests">
        {requests.map((request) => {
          const shown = open.has(request.id);
          const evidenceId = `evidence-${request.id}`;
          return (
            <li key={request.id} className="signature-request">
              <div className="signature-request__head">
                <h4 className="signature-request__title">
                  {t('signature.requestTitle', { document: request.documentTitle, signer: request.signerName })}
                </h4>
                <Badge tone={STATUS_TONES[request.status]}>{t(`labels.signatureStatuses.${request.status}`)}</Badge>
              </div>
              <ul className="signature-request__facts muted small">
                <li>{t('signature.createdAt', { date: formatDateTime(request.createdAt, locale) })}</li>
                <li>
                  {t('signature.documentSha256')}{' '}
                  <code className="formality-hash" title={request.documentSha256}>
                    {shortHash(request.documentSha256)}
                  </code>
                </li>
                {request.status === 'PENDING' ? <li>{t('signature.attemptsLeft', { count: request.attemptsLeft })}</li> : null}
                {request.signedAt ? <li>{t('signature.signedAt', { date: formatDateTime(request.signedAt, locale) })}</li> : null}
                {request.signedSha256 ? (
                  <li>
                    {t('signature.signedSha256')}{' '}
                    <code className="formality-hash" title={request.signedSha256}>
                      {shortHash(request.signedSha256)}
                    </code>
                  </li>
                ) : null}
                {request.verificationReference ? (
                  <li>{t('signature.verificationReference', { reference: request.verificationReference })}</li>
                ) : null}
                {request.declinedAt ? <li>{t('signature.declinedAt', { date: formatDateTime(request.declinedAt, locale) })}</li> : null}
                {request.declineReason ? <li>{t('signature.declineReason', { reason: request.declineReason })}</li> : null}
              </ul>
              <div className="signature-request__actions">
                <Button variant="secondary" size="sm" aria-expanded={shown} aria-controls={evidenceId} onClick={() => toggle(request.id)}>
                  {shown ? t('signature.hideEvidence') : t('signature.showEvidence')}
                </Button>
                {request.status === 'SIGNED' ? (
                  <FileLinkButton
                    disposition="ATTACHMENT"
                    variant="primary"
                    aria-label={t('signature.downloadLabel', { document: request.documentTitle })}
                    failedText={t('signature.downloadFailed')}
                    getUrl={async () => {
                      const { data } = await signedLink({ variables: { signatureRequestId: request.id, disposition: 'ATTACHMENT' } });
                      return data?.operatorSignedDocumentLink?.url ?? null;
                    }}
                  >
                    {t('signature.download')}
                  </FileLinkButton>
                ) : null}
                {request.status === 'PENDING' ? (
                  <Button
                    ref={(element) => {
                      if (element) cancelButtons.current.set(request.id, element);
                      else cancelButtons.current.delete(request.id);
                    }}
                    variant="secondary"
                    size="sm"
                    aria-label={t('signature.cancelLabel', { document: request.documentTitle })}
                    onClick={() => setCancelling(request)}
                  >
                    {t('signature.cancel')}
                  </Button>
                ) : null}
              </div>
              <div id={evidenceId} hidden={!shown}>
                {shown ? <SignatureEvidence signatureRequestId={request.id} documentTitle={request.documentTitle} /> : null}
              </div>
            </li>
          );
        })}
      </ul>
      {cancelling ? (
        <CancelSignatureDialog
          request={cancelling}
          onClose={() => setCancelling(null)}
          onCancelled={() => {
            setCancelling(null);
            onDone(t('signature.cancelled'));
          }}
          returnFocusRef={{ current: cancelButtons.current.get(cancelling.id) ?? null }}
        />
      ) : null}
    </>
  );
}

/** Cancels a pending signature request, with the reason that goes into the evidence trail. */
function CancelSignatureDialog({
  request,
  onClose,
  onCancelled,
  returnFocusRef,
}: {
  request: OperatorSignatureRequestFragment;
  onClose: () => void;
  onCancelled: () => void;
  returnFocusRef: { current: HTMLElement | null };
}) {
  const { t } = useFormalitiesTranslation();
  const [cancel, { loading }] = useMutation(CancelSignatureRequestDocument, { refetchQueries: ['OperatorFormality'] });

  return (
    <ReasonDialog
      title={t('signature.cancelTitle')}
      description={<p>{t('signature.cancelDescription', { document: request.documentTitle })}</p>}
      label={t('signature.cancelReason')}
      submitLabel={t('signature.cancelSubmit')}
      submittingLabel={t('signature.cancelling')}
      failedLabel={t('signature.cancelFailed')}
      loading={loading}
      onSubmit={async (reason) => {
        const { data } = await cancel({ variables: { signatureRequestId: request.id, reason } });
        if (data?.cancelSignatureRequest) onCancelled();
      }}
      // The signer's own "say why you decline" would not fit the operator's cancellation.
      apiIssue={(issue) => (issue.code === 'SIGNATURE_REASON_REQUIRED' ? { code: 'FORMALITY_REASON_REQUIRED' } : issue)}
      onClose={onClose}
      returnFocusRef={returnFocusRef}
    />
  );
}
