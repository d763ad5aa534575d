import { useMutation } from '@apollo/client/react';
import { TEXT_LIMITS } from '@guichet/shared';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, TextAreaField, TextField } from '@/components/ui';
import { errorCodeOf, errorExtensionOf } from '@/lib/errors';
import type { FormalityState, MoveFormalityInput } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { MoveFormalityDocument, type OperatorFormalityDetailFragment } from '../../api/formalities/generated';
import { useCheckedForm } from '../../hooks/use-checked-form';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { describeFormalityError, issueText, issuesFromApi, type Issue } from './formality-errors';
import { reasonIssue } from './reason-dialog';

type Field = 'trackingNumber' | 'reason' | 'dueDate';
const ORDER: readonly Field[] = ['trackingNumber', 'reason', 'dueDate'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What a move to `to` asks for: FILED the register's tracking number, a rejection or a regularisation its reason. */
export const needsTrackingNumber = (to: FormalityState) => to === 'FILED';
export const needsReason = (to: FormalityState) => to === 'REJECTED' || to === 'REGULARISATION_REQUESTED';

interface Values {
  trackingNumber: string;
  reason: string;
  dueDate: string;
}

function check(to: FormalityState, values: Values): Partial<Record<Field, Issue>> {
  const issues: Partial<Record<Field, Issue>> = {};
  const tracking = values.trackingNumber.trim();
  if (needsTrackingNumber(to)) {
    if (!tracking) issues.trackingNumber = { code: 'FORMALITY_TRACKING_NUMBER_REQUIRED' };
    else if (tracking.length > TEXT_LIMITS.trackingNumber)
      issues.trackingNumber = { code: 'TEXT_TOO_LONG', params: { max: String(TEXT_LIMITS.trackingNumber) } };
  }
  const reason = needsReason(to) ? reasonIssue(values.reason.trim()) : undefined;
  if (reason) issues.reason = reason;
  if (values.dueDate && !DAY.test(values.dueDate)) issues.dueDate = { code: 'FORMALITY_DATE_INVALID' };
  return issues;
}

export interface MoveFormalityDialogProps {
  formality: OperatorFormalityDetailFragment;
  to: FormalityState;
  onClose: () => void;
  onMoved: (formality: OperatorFormalityDetailFragment) => void;
  /** The API refused the move as no longer allowed: the page reloads the formality. */
  onStale: () => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

/**
 * Moves a formality to one of its next states, with what that state needs: the register's tracking
 * number for FILED, a reason for REJECTED and REGULARISATION_REQUESTED, and an optional due date.
 */
export function MoveFormalityDialog({ formality, to, onClose, onMoved, onStale, returnFocusRef }: MoveFormalityDialogProps) {
  const { t } = useFormalitiesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [values, setValues] = useState<Values>({ trackingNumber: '', reason: '', dueDate: '' });
  const form = useCheckedForm<Field, Issue>();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [move, { loading }] = useMutation(MoveFormalityDocument, { refetchQueries: ['OperatorFormalities'] });
  const local = check(to, values);
  const message = (field: Field) => issueText(form.issueOf(field, local), locale, t);

  const set = (field: Field, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    form.edited(field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (form.focusFirst(ORDER, local)) return;
    const input: MoveFormalityInput = {
      ...(needsTrackingNumber(to) ? { trackingNumber: values.trackingNumber.trim() } : {}),
      ...(needsReason(to) ? { reason: values.reason.trim() } : {}),
      ...(values.dueDate ? { dueDate: values.dueDate } : {}),
    };
    try {
      const { data } = await move({ variables: { formalityId: formality.id, to, input } });
      if (data?.moveFormality) onMoved(data.moveFormality);
    } catch (cause) {
      const { issues } = issuesFromApi<Field>(cause, { trackingNumber: 'trackingNumber', reason: 'reason', dueDate: 'dueDate' });
      form.setServerIssues(issues);
      setFailure(`${t('move.failed')} ${describeFormalityError(cause, locale, t, tApp('errors.network'))}`);
      if (errorCodeOf(cause) === 'CONFLICT' && errorExtensionOf(cause, 'reason') === 'INVALID_TRANSITION') onStale();
      if (!form.focusFirst(ORDER, issues)) failureRef.current?.focus();
    }
  };

  const reasonHint = to === 'REJECTED' ? t('move.reasonHintRejected') : t('move.reasonHintRegularisation');

  return (
    <Dialog
      open
      onClose={onClose}
      title={t(`move.actions.${to}`)}
      description={<p>{t('move.dialogDescription', { from: t(`labels.states.${formality.state}`), to: t(`labels.states.${to}`) })}</p>}
      returnFocusRef={returnFocusRef}
    >
      <form noValidate className="form formalities-dialog-form" onSubmit={(event) => void submit(event)}>
        {needsTrackingNumber(to) ? (
          <TextField
            ref={form.fieldRef('trackingNumber')}
            label={t('move.trackingNumber')}
            description={t('move.trackingHint')}
            value={values.trackingNumber}
            autoComplete="off"
            maxLength={TEXT_LIMITS.trackingNumber}
            required
            error={message('trackingNumber')}
            onChange={(event) => set('trackingNumber', event.target.value)}
            onBlur={() => form.touch('trackingNumber')}
          />
        ) : null}
        {needsReason(to) ? (
          <TextAreaField
            ref={form.fieldRef('reason')}
            label={t('move.reason')}
            description={reasonHint}
            rows={3}
            value={values.reason}
            maxLength={TEXT_LIMITS.formalityReason}
            required
            error={message('reason')}
            onChange={(event) => set('reason', event.target.value)}
            onBlur={() => form.touch('reason')}
          />
        ) : null}
        <TextField
          ref={form.fieldRef('dueDate')}
          type="date"
          label={t('move.dueDate')}
          description={t('move.dueDateHint')}
          value={values.dueDate}
          error={message('dueDate')}
          onChange={(event) => set('dueDate', event.target.value)}
          onBlur={() => form.touch('dueDate')}
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
          <Button type="submit" variant={to === 'CANCELLED' || to === 'REJECTED' ? 'danger' : 'primary'} isLoading={loading}>
            {loading ? t('move.submitting') : t('move.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
