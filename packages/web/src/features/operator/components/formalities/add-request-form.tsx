import { useMutation } from '@apollo/client/react';
import { TEXT_LIMITS } from '@guichet/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, SelectField, TextAreaField, TextField } from '@/components/ui';
import type { InformationRequestInput, InformationRequestKind } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { AddInformationRequestDocument } from '../../api/formalities/generated';
import { useCheckedForm } from '../../hooks/use-checked-form';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { describeFormalityError, issueText, issuesFromApi, type Issue } from './formality-errors';

const KINDS: readonly InformationRequestKind[] = ['TEXT', 'DATE', 'NUMBER', 'CHOICE', 'FILE'];
const MAX_CHOICES = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Field = 'kind' | 'question' | 'choices' | 'dueDate';
const ORDER: readonly Field[] = ['kind', 'question', 'choices', 'dueDate'];

interface Values {
  kind: InformationRequestKind;
  question: string;
  required: boolean;
  choices: string;
  dueDate: string;
}

const EMPTY: Values = { kind: 'TEXT', question: '', required: true, choices: '', dueDate: '' };

/** The choices typed one per line: trimmed, without blank lines or repeats. */
export function choicesOf(text: string): string[] {
  const choices: string[] = [];
  for (const line of text.split('\n')) {
    const choice = line.trim();
    if (choice && !choices.includes(choice)) choices.push(choice);
  }
  return choices;
}

const tooLong = (max: number): Issue => ({ code: 'TEXT_TOO_LONG', params: { max: String(max) } });

function check(values: Values): { issues: Partial<Record<Field, Issue>>; input: InformationRequestInput | null } {
  const issues: Partial<Record<Field, Issue>> = {};
  const question = values.question.trim();
  if (!question) issues.question = { code: 'QUESTION_REQUIRED' };
  else if (question.length > TEXT_LIMITS.formalityQuestion) issues.question = tooLong(TEXT_LIMITS.formalityQuestion);
  const choices = values.kind === 'CHOICE' ? choicesOf(values.choices) : [];
  if (values.kind === 'CHOICE') {
    if (choices.length < 2) issues.choices = { code: 'CHOICES_TOO_FEW' };
    else if (choices.length > MAX_CHOICES) issues.choices = { code: 'CHOICES_TOO_MANY' };
    else if (choices.some((choice) => choice.length > TEXT_LIMITS.formalityQuestion))
      issues.choices = tooLong(TEXT_LIMITS.formalityQuestion);
  }
  if (values.dueDate && !DAY.test(values.dueDate)) issues.dueDate = { code: 'FORMALITY_DATE_INVALID' };
  if (Object.keys(issues).length > 0) return { issues, input: null };
  return {
    issues,
    input: {
      kind: values.kind,
      question,
      required: values.required,
      ...(values.kind === 'CHOICE' ? { choices } : {}),
      ...(values.dueDate ? { dueDate: values.dueDate } : {}),
    },
  };
}

/** "Ajouter une demande": a question (text, date, number, choice) or a file the client must provide. */
export function AddRequestForm({ formalityId, onDone }: { formalityId: string; onDone: (message: string) => void }) {
  const { t } = useFormalitiesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const [values, setValues] = useState<Values>(EMPTY);
  const form = useCheckedForm<Field, Issue>();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [add, { loading }] = useMutation(AddInformationRequestDocument, { refetchQueries: ['OperatorFormality'] });
  const checked = check(values);
  const message = (field: Field) => issueText(form.issueOf(field, checked.issues), locale, t);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (key !== 'required') form.edited(key as Field);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (!checked.input) {
      form.focusFirst(ORDER, checked.issues);
      return;
    }
    try {
      const { data } = await add({ variables: { formalityId, input: checked.input } });
      const added = data?.addInformationRequest;
      if (added) {
        setValues(EMPTY);
        form.reset();
        onDone(t('addRequest.done', { question: added.question }));
      }
    } catch (cause) {
      const { issues } = issuesFromApi<Field>(cause, { kind: 'kind', question: 'question', choices: 'choices', dueDate: 'dueDate' });
      // The API says a question left empty is a required answer; the form names it.
      if (issues.question?.code === 'FORMALITY_ANSWER_REQUIRED') issues.question = { code: 'QUESTION_REQUIRED' };
      form.setServerIssues(issues);
      setFailure(`${t('addRequest.failed')} ${describeFormalityError(cause, locale, t, tApp('errors.network'))}`);
      if (!form.focusFirst(ORDER, issues)) failureRef.current?.focus();
    }
  };

  return (
    <section className="formalities-subsection" aria-labelledby={`${id}-add`}>
      <h3 id={`${id}-add`} className="formalities-subsection__title">
        {t('addRequest.legend')}
      </h3>
      <p className="muted small">{t('addRequest.hint')}</p>
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        <div className="formalities-form__row">
          <SelectField
            ref={form.fieldRef('kind')}
            label={t('addRequest.kind')}
            value={values.kind}
            error={message('kind')}
            onChange={(event) => set('kind', event.target.value as InformationRequestKind)}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`labels.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            ref={form.fieldRef('dueDate')}
            type="date"
            label={t('addRequest.dueDate')}
            value={values.dueDate}
            error={message('dueDate')}
            onChange={(event) => set('dueDate', event.target.value)}
            onBlur={() => form.touch('dueDate')}
          />
        </div>
        <TextField
          ref={form.fieldRef('question')}
          label={t('addRequest.question')}
          description={t('addRequest.questionHint')}
          value={values.question}
          autoComplete="off"
          maxLength={TEXT_LIMITS.formalityQuestion}
          required
          error={message('question')}
          onChange={(event) => set('question', event.target.value)}
          onBlur={() => form.touch('question')}
        />
        {values.kind === 'CHOICE' ? (
          <TextAreaField
            ref={form.fieldRef('choices')}
            label={t('addRequest.choices')}
            description={t('addRequest.choicesHint')}
            rows={4}
            value={values.choices}
            required
            error={message('choices')}
            onChange={(event) => set('choices', event.target.value)}
            onBlur={() => form.touch('choices')}
          />
        ) : null}
        <Checkbox
          checked={values.required}
          onChange={(event) => set('required', event.target.checked)}
          label={t('addRequest.required')}
          description={t('addRequest.requiredHint')}
        />
        {failure ? (
          <div ref={failureRef} tabIndex={-1}>
            <Alert tone="error">{failure}</Alert>
          </div>
        ) : null}
        <div className="form__actions formalities-actions">
          <Button type="submit" variant="secondary" isLoading={loading}>
            {loading ? t('addRequest.submitting') : t('addRequest.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
