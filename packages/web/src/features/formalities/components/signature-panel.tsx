import { useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, TextField } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import {
  CreateSignatureDocumentLinkDocument,
  RequestSignatureCodeDocument,
  SignDocumentDocument,
  type SignatureRequestFieldsFragment,
} from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { graphQLFailure } from '../utils/errors';
import { formatTime } from '../utils/format';
import { describeSignatureFailure, type SignatureProblem, type SignatureTexts } from '../utils/signature-errors';
import { FileFrame } from './file-frame';

export interface SignaturePanelProps {
  companyId: string;
  request: SignatureRequestFieldsFragment;
  /** After a signature, or a refusal that changed the request (locked, no longer pending…): the page reloads the formality. */
  onChanged: () => void;
  /** Opens the "Refuser de signer" dialog. */
  onDecline: () => void;
}

const CODE_PATTERN = /^\d{6}$/;

/**
 * Signing, for the signer of a pending request: the whole PDF in the page, a one-time code by email,
 * the consent sentence (in the page's language, versioned) ticked, and the code typed. Each coded
 * refusal of the API is said where it belongs (code, consent, or the whole form).
 */
export function SignaturePanel({ companyId, request, onChanged, onDecline }: SignaturePanelProps) {
  const { t, i18n } = useFormalitiesTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const ids = useId();
  const codeId = `signature-code-${ids}`;
  const consentId = `signature-consent-${ids}`;
  const consentRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const [createLink] = useMutation(CreateSignatureDocumentLinkDocument);
  const [requestCode, { loading: sending }] = useMutation(RequestSignatureCodeDocument);
  const [sign, { loading: signing }] = useMutation(SignDocumentDocument);

  const [sent, setSent] = useState<{ sentTo: string; expiresAt: string } | null>(null);
  const [codeNotice, setCodeNotice] = useState<string | null>(null);
  const [attemptsLeft, setAttemptsLeft] = useState(request.attemptsLeft);
  useEffect(() => setAttemptsLeft(request.attemptsLeft), [request.attemptsLeft]);
  const [consented, setConsented] = useState(false);
  const [code, setCode] = useState('');
  const [consentError, setConsentError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  // The consent sentence of the page's language: shown, and sent with its version.
  const consent = locale === 'en' ? request.consentEn : request.consentFr;
  const liveUntil =
    sent?.expiresAt ?? (request.codeExpiresAt && new Date(request.codeExpiresAt).getTime() > Date.now() ? request.codeExpiresAt : null);
  const codeAsked = liveUntil !== null;

  const texts: SignatureTexts = {
    locale,
    reasons: {
      RATE_LIMITED: t('signature.errors.RATE_LIMITED'),
      FORBIDDEN: t('signature.errors.FORBIDDEN'),
    },
    attemptsLeft: (count) => t('signature.errors.attemptsLeft', { count }),
    generic: t('errors.generic'),
  };

  /** Shows a refusal where it belongs; a request that changed on the server is loaded again. */
  const show = (problem: SignatureProblem, prefix: string) => {
    if (problem.target === 'code') {
      setCodeError(problem.message);
      if (problem.attemptsLeft !== null) setAttemptsLeft(problem.attemptsLeft);
      setCode('');
      codeRef.current?.focus();
      onChanged();
      return;
    }
    if (problem.target === 'consent') {
      setConsented(false);
      setConsentError(problem.message);
      consentRef.current?.focus();
      onChanged();
      return;
    }
    setFormError(`${prefix} ${problem.message}`);
    if (problem.reason) onChanged();
  };

  const askForCode = async () => {
    if (sending) return;
    setFormError(null);
    setCodeNotice(null);
    try {
      const { data } = await requestCode({ variables: { companyId, signatureRequestId: request.id } });
      const result = data?.requestSignatureCode;
      if (!result) throw new Error('No answer');
      setSent({ sentTo: result.sentTo, expiresAt: result.expiresAt });
      setAttemptsLeft(result.attemptsLeft);
      setCodeError(null);
      setCodeNotice(t('signature.panel.codeSent', { email: result.sentTo, time: formatTime(result.expiresAt, locale) }));
    } catch (cause) {
      const failure = graphQLFailure(cause);
      if (!failure) {
        setFormError(`${t('signature.errors.codeFailed')} ${tApp('errors.network')}`);
        return;
      }
      show(describeSignatureFailure(failure, texts), t('signature.errors.codeFailed'));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (signing) return;
    setFormError(null);
    const typed = code.replace(/\s/g, '');
    const nextConsentError = consented ? null : t('signature.errors.consentRequired');
    const nextCodeError = CODE_PATTERN.test(typed) ? null : t('signature.errors.codeFormat');
    setConsentError(nextConsentError);
    setCodeError(nextCodeError);
    if (nextConsentError) {
      consentRef.current?.focus();
      return;
    }
    if (nextCodeError) {
      codeRef.current?.focus();
      return;
    }
    if (!consent) {
      setFormError(t('signature.panel.consentMissing'));
      return;
    }
    try {
      await sign({
        variables: {
          companyId,
          signatureRequestId: request.id,
          code: typed,
          consentVersion: consent.version,
          consentLocale: consent.locale,
        },
      });
      onChanged();
    } catch (cause) {
      const failure = graphQLFailure(cause);
      if (!failure) {
        setFormError(`${t('signature.errors.signFailed')} ${tApp('errors.network')}`);
        return;
      }
      show(describeSignatureFailure(failure, texts), t('signature.errors.signFailed'));
    }
  };

  return (
    <div className="signature-panel">
      <p className="signature-panel__intro">{t('signature.panel.intro')}</p>
      <FileFrame
        loadUrl={async () => {
          const { data } = await createLink({ variables: { companyId, signatureRequestId: request.id, disposition: 'INLINE' } });
          return data?.createSignatureDocumentLink?.url ?? null;
        }}
        className="signature-panel__frame"
        title={t('signature.panel.frameTitle', { title: request.documentTitle })}
        loadingLabel={t('signature.panel.loading')}
        failedLabel={t('signature.panel.failed')}
        retryLabel={t('signature.panel.retry')}
        openInTabLabel={t('signature.panel.openInTab')}
      />
      <p className="signature-panel__sha">{t('signature.panel.sha256', { sha: request.documentSha256 })}</p>

      <div className="signature-panel__steps">
        <section className="signature-step" aria-labelledby={`${codeId}-step`}>
          <h4 id={`${codeId}-step`} className="signature-step__title">
            {t('signature.panel.stepCode')}
          </h4>
          <Button variant={codeAsked ? 'secondary' : 'primary'} isLoading={sending} onClick={() => void askForCode()}>
            {codeAsked ? t('signature.panel.resendCode') : t('signature.panel.sendCode')}
          </Button>
          <div role="status" className="signature-step__status">
            {codeNotice ? (
              <p className="signature-step__sent">{codeNotice}</p>
            ) : liveUntil ? (
              <p>{t('signature.panel.codeLive', { time: formatTime(liveUntil, locale) })}</p>
            ) : null}
          </div>
          {!liveUntil ? <p className="muted small">{t('signature.panel.codeNone')}</p> : null}
          <p className="muted small">{t('signature.panel.attemptsLeft', { count: attemptsLeft })}</p>
        </section>

        <form className="signature-step signature-step--form" noValidate onSubmit={(event) => void submit(event)}>
          <h4 className="signature-step__title">{t('signature.panel.stepConsent')}</h4>
          {consent ? (
            <div className={consentError ? 'signature-consent field--invalid' : 'signature-consent'}>
              <Checkbox
                ref={consentRef}
                id={consentId}
                label={consent.text}
                description={t('signature.panel.consentVersion', { version: consent.version })}
                checked={consented}
                aria-invalid={consentError ? true : undefined}
                aria-describedby={consentError ? `${consentId}-error` : undefined}
                onChange={(event) => {
                  setConsented(event.target.checked);
                  if (event.target.checked) setConsentError(null);
                }}
              />
              {consentError ? (
                <p id={`${consentId}-error`} className="field__error">
                  {consentError}
                </p>
              ) : null}
            </div>
          ) : (
            <Alert tone="error">{t('signature.panel.consentMissing')}</Alert>
          )}

          <h4 className="signature-step__title">{t('signature.panel.stepSign')}</h4>
          <TextField
            ref={codeRef}
            id={codeId}
            label={t('signature.panel.code')}
            description={t('signature.panel.codeHint')}
            value={code}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            error={codeError}
            className="signature-code"
            onChange={(event) => setCode(event.target.value.replace(/[^\d]/g, '').slice(0, 6))}
          />
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="signature-step__actions">
            <Button type="submit" isLoading={signing} aria-label={t('signature.panel.signLabel', { title: request.documentTitle })}>
              {t('signature.panel.sign')}
            </Button>
            <Button variant="ghost" onClick={onDecline}>
              {t('signature.panel.decline')}
            </Button>
          </div>
          <p className="muted small">{t('signature.panel.law')}</p>
        </form>
      </div>
    </div>
  );
}
