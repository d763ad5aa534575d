import { useMutation } from '@apollo/client/react';
import { TEXT_LIMITS } from '@guichet/shared';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Dialog, TextAreaField, type BadgeTone } from '@/components/ui';
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
import { describeFormalityError, issueText, issuesFromApi, type Issue } from './formality-errors';
import { shortHash } from './formality-format';
import { SignatureEvidence } from './signature-evidence';
import { useFormalityForm } from './use-formality-form';

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

type Field = 'reason';

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
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [reason, setReason] = useState('');
  const form = useFormalityForm<Field>();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [cancel, { loading }] = useMutation(CancelSignatureRequestDocument, { refetchQueries: ['OperatorFormality'] });
  const clean = reason.trim();
  const local: Partial<Record<Field, Issue>> = !clean
    ? { reason: { code: 'FORMALITY_REASON_REQUIRED' } }
    : clean.length > TEXT_LIMITS.formalityReason
      ? { reason: { code: 'TEXT_TOO_LONG', params: { max: String(TEXT_LIMITS.formalityReason) } } }
      : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (form.focusFirst(['reason'], local)) return;
    try {
      const { data } = await cancel({ variables: { signatureRequestId: request.id, reason: clean } });
      if (data?.cancelSignatureRequest) onCancelled();
    } catch (cause) {
      const { issues } = issuesFromApi<Field>(cause, { reason: 'reason' });
      // The signer's own "say why you decline" would not fit the operator's cancellation.
      if (issues.reason?.code === 'SIGNATURE_REASON_REQUIRED') issues.reason = { code: 'FORMALITY_REASON_REQUIRED' };
      form.setServerIssues(issues);
      setFailure(`${t('signature.cancelFailed')} ${describeFormalityError(cause, locale, t, tApp('errors.network'))}`);
      if (!form.focusFirst(['reason'], issues)) failureRef.current?.focus();
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('signature.cancelTitle')}
      description={<p>{t('signature.cancelDescription', { document: request.documentTitle })}</p>}
      returnFocusRef={returnFocusRef}
    >
      <form noValidate className="form formalities-dialog-form" onSubmit={(event) => void submit(event)}>
        <TextAreaField
          ref={form.fieldRef('reason')}
          label={t('signature.cancelReason')}
          rows={3}
          value={reason}
          maxLength={TEXT_LIMITS.formalityReason}
          required
          error={issueText(form.issueOf('reason', local), locale, t)}
          onChange={(event) => {
            setReason(event.target.value);
            form.edited('reason');
          }}
          onBlur={() => form.touch('reason')}
        />
        {failure ? (
          <div ref={failureRef} tabIndex={-1}>
            <Alert tone="error">{failure}</Alert>
          </div>
        ) : null}
        <div className="form__actions form__actions--end">
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.cancel')}
          </Button>
          <Button type="submit" variant="danger" isLoading={loading}>
            {loading ? t('signature.cancelling') : t('signature.cancelSubmit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
