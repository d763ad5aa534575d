import { useId, useRef, useState, type RefObject } from 'react';
import { Alert, Button, Dialog } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import { useApiAccessTranslation } from '../hooks/use-api-access-translation';

export interface ShownSecret {
  /** `created` by "Créer un jeton", or `rotated`: a new secret for an existing token. */
  kind: 'created' | 'rotated';
  name: string;
  secret: string;
  /** After a rotation: until when the old secret is still accepted (null: not at all). */
  oldSecretUntil?: string | null;
}

export interface SecretDialogProps {
  shown: ShownSecret | null;
  onClose: () => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

type CopyState = 'idle' | 'copied' | 'selected';

/**
 * The secret of a token just issued, shown this once: read-only, monospace, selected on focus,
 * with "Copier" (the clipboard, or a selection to copy by hand where the clipboard is refused).
 * Closing asks nothing: the warning says it will not be shown again.
 */
export function SecretDialog({ shown, onClose, returnFocusRef }: SecretDialogProps) {
  const { t, i18n } = useApiAccessTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const [forSecret, setForSecret] = useState<string | null>(null);
  // A new secret starts with a fresh "Copier".
  if (shown && shown.secret !== forSecret) {
    setForSecret(shown.secret);
    setCopy('idle');
  }

  const selectAll = () => {
    input.current?.focus();
    input.current?.select();
  };
  const copySecret = async () => {
    if (!shown) return;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(shown.secret);
      setCopy('copied');
    } catch {
      selectAll();
      setCopy('selected');
    }
  };

  const inputId = `${id}-secret`;
  const statusId = `${id}-copy-status`;
  return (
    <Dialog
      open={shown !== null}
      onClose={onClose}
      title={shown ? t(shown.kind === 'created' ? 'secret.createdTitle' : 'secret.rotatedTitle', { name: shown.name }) : ''}
      description={
        <Alert tone="warning" title={t('secret.warningTitle')} live="off">
          <p>{t('secret.warning')}</p>
        </Alert>
      }
      returnFocusRef={returnFocusRef}
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t('secret.close')}
        </Button>
      }
    >
      {shown ? (
        <>
          <div className="field">
            <label className="field__label" htmlFor={inputId}>
              {t('secret.label')}
            </label>
            <div className="api-secret">
              <textarea
                ref={input}
                id={inputId}
                className="field__input api-secret__value"
                value={shown.secret}
                readOnly
                rows={2}
                spellCheck={false}
                autoComplete="off"
                aria-describedby={statusId}
                onFocus={(event) => event.currentTarget.select()}
              />
              <Button variant={copy === 'copied' ? 'secondary' : 'primary'} onClick={() => void copySecret()}>
                {copy === 'copied' ? (
                  <>
                    <span aria-hidden="true">✓</span> {t('secret.copied')}
                  </>
                ) : (
                  t('secret.copy')
                )}
              </Button>
            </div>
            <p id={statusId} role="status" className="field__hint api-secret__status">
              {copy === 'copied' ? t('secret.copiedNotice') : copy === 'selected' ? t('secret.copyFallback') : ''}
            </p>
          </div>
          <p className="muted small">{t('secret.usage')}</p>
          {shown.kind === 'rotated' ? (
            <p>
              {shown.oldSecretUntil ? t('secret.graceEnds', { date: formatDateTime(shown.oldSecretUntil, locale) }) : t('secret.noGrace')}
            </p>
          ) : null}
        </>
      ) : null}
    </Dialog>
  );
}
