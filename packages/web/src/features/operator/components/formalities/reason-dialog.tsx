import { TEXT_LIMITS } from '@guichet/shared';
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, TextAreaField } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { useCheckedForm } from '../../hooks/use-checked-form';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { describeFormalityError, issueText, issuesFromApi, type Issue } from './formality-errors';

/** What the API says of a formality reason (already trimmed): required, and not too long. */
export function reasonIssue(reason: string): Issue | undefined {
  if (!reason) return { code: 'FORMALITY_REASON_REQUIRED' };
  if (reason.length > TEXT_LIMITS.formalityReason) {
    return { code: 'TEXT_TOO_LONG', params: { max: String(TEXT_LIMITS.formalityReason) } };
  }
  return undefined;
}

export interface ReasonDialogProps {
  title: string;
  description: ReactNode;
  /** The reason field's label, and the sentence under it. */
  label: string;
  hint?: string;
  submitLabel: string;
  submittingLabel: string;
  /** The start of the sentence shown when the API refuses (its own reason follows). */
  failedLabel: string;
  loading: boolean;
  /** Sends the reason (trimmed); a refusal is thrown. */
  onSubmit: (reason: string) => Promise<void>;
  /** Rewords the API's issue on the reason, when the page says it otherwise. */
  apiIssue?: (issue: Issue) => Issue;
  onClose: () => void;
  returnFocusRef: RefObject<HTMLElement | null>;
}

type Field = 'reason';

/**
 * A definitive action on a formality that needs a reason (required, checked as it is typed):
 * the reason, the API's refusal in the dialog, Cancel and the action's (danger) button.
 */
export function ReasonDialog({
  title,
  description,
  label,
  hint,
  submitLabel,
  submittingLabel,
  failedLabel,
  loading,
  onSubmit,
  apiIssue,
  onClose,
  returnFocusRef,
}: ReasonDialogProps) {
  const { t } = useFormalitiesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [reason, setReason] = useState('');
  const form = useCheckedForm<Field, Issue>();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const clean = reason.trim();
  const found = reasonIssue(clean);
  const local: Partial<Record<Field, Issue>> = found ? { reason: found } : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (form.focusFirst(['reason'], local)) return;
    try {
      await onSubmit(clean);
    } catch (cause) {
      const { issues } = issuesFromApi<Field>(cause, { reason: 'reason' });
      if (issues.reason && apiIssue) issues.reason = apiIssue(issues.reason);
      form.setServerIssues(issues);
      setFailure(`${failedLabel} ${describeFormalityError(cause, locale, t, tApp('errors.network'))}`);
      if (!form.focusFirst(['reason'], issues)) failureRef.current?.focus();
    }
  };

  return (
    <Dialog open onClose={onClose} title={title} description={description} returnFocusRef={returnFocusRef}>
      <form noValidate className="form formalities-dialog-form" onSubmit={(event) => void submit(event)}>
        <TextAreaField
          ref={form.fieldRef('reason')}
          label={label}
          description={hint}
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
            {loading ? submittingLabel : submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
