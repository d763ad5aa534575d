import { useMutation } from '@apollo/client/react';
import { validationMessage } from '@guichet/shared';
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Dialog } from '@/components/ui';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { prependToken } from '../api/cache';
import { ApiTokensDocument, RotateApiTokenDocument, type ApiTokenItemFragment, type RotateApiTokenMutation } from '../api/generated';
import { useApiAccessTranslation } from '../hooks/use-api-access-translation';

/** The transition periods offered, in hours, and the key of their texts. */
export const GRACE_CHOICES = [
  { hours: 0, key: 'none' },
  { hours: 1, key: 'hour' },
  { hours: 24, key: 'day' },
  { hours: 168, key: 'week' },
] as const;
const DEFAULT_GRACE_HOURS = 24;

export type RotatedToken = NonNullable<RotateApiTokenMutation['rotateApiToken']>;

export interface RotateTokenDialogProps {
  token: ApiTokenItemFragment;
  companyId: string;
  onClose: () => void;
  /** The new token and its secret; `oldSecretUntil` is when the old secret stops (null: already). */
  onRotated: (issued: RotatedToken, oldSecretUntil: string | null) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

/**
 * "Renouveler": a new secret for the token (same permissions, expiry and allow-list), with a
 * transition period during which the old secret still works, explained choice by choice.
 */
export function RotateTokenDialog({ token, companyId, onClose, onRotated, returnFocusRef }: RotateTokenDialogProps) {
  const { t, i18n } = useApiAccessTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const [graceHours, setGraceHours] = useState<number>(DEFAULT_GRACE_HOURS);
  const [failure, setFailure] = useState<string | null>(null);
  const [rotate, { loading }] = useMutation(RotateApiTokenDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    setFailure(null);
    try {
      const { data } = await rotate({
        variables: { companyId, tokenId: token.id, graceHours },
        update: (cache, result) => {
          const issued = result.data?.rotateApiToken;
          if (issued) prependToken(cache, companyId, issued.token);
        },
        // The old token's status and grace are the API's to say.
        refetchQueries: [{ query: ApiTokensDocument, variables: { companyId } }],
      });
      const issued = data?.rotateApiToken;
      if (!issued) return;
      // As the API sets it: the grace never outlives the token itself.
      const graceEnd = Math.min(Date.now() + graceHours * 3_600_000, new Date(token.expiresAt).getTime());
      const oldSecretUntil = graceHours > 0 ? new Date(graceEnd).toISOString() : null;
      onRotated(issued, oldSecretUntil);
    } catch (cause) {
      const [fieldError] = fieldErrorsOf(cause);
      setFailure(fieldError ? validationMessage(fieldError.code, locale) : describeError(cause, locale, tApp('errors.network')));
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('rotate.title', { name: token.name })}
      description={<p>{t('rotate.description')}</p>}
      returnFocusRef={returnFocusRef}
    >
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        <fieldset className="choice-group">
          <legend className="field__label">{t('rotate.graceLegend')}</legend>
          <p className="field__description">{t('rotate.graceHint')}</p>
          {GRACE_CHOICES.map(({ hours, key }) => (
            <Checkbox
              key={key}
              type="radio"
              name={`${id}-grace`}
              value={hours}
              checked={graceHours === hours}
              onChange={() => setGraceHours(hours)}
              label={t(`rotate.graces.${key}.label`)}
              description={t(`rotate.graces.${key}.description`)}
            />
          ))}
        </fieldset>
        {failure ? (
          <Alert tone="error" title={t('rotate.failed')}>
            {failure}
          </Alert>
        ) : null}
        <div className="form__actions form__actions--end dialog__footer-actions">
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.cancel')}
          </Button>
          <Button type="submit" isLoading={loading}>
            {t('rotate.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
