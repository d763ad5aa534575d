import { useMutation } from '@apollo/client/react';
import { TEXT_LIMITS } from '@guichet/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert, Button, SelectField, TextField } from '@/components/ui';
import { paths } from '@/config/paths';
import type { FormalityType } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { OpenFormalityDocument } from '../../api/formalities/generated';
import { useCheckedForm } from '../../hooks/use-checked-form';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { describeFormalityError, issueText, issuesFromApi, type Issue } from './formality-errors';

export const FORMALITY_TYPES: readonly FormalityType[] = [
  'TRANSFERT_SIEGE',
  'MODIFICATION_STATUTS',
  'CHANGEMENT_DIRIGEANT',
  'AUGMENTATION_CAPITAL',
  'DISSOLUTION',
  'OTHER',
];

type Field = 'type' | 'title';
const ORDER: readonly Field[] = ['type', 'title'];

function check(title: string): Partial<Record<Field, Issue>> {
  const clean = title.trim();
  if (!clean) return { title: { code: 'FORMALITY_TITLE_REQUIRED' } };
  if (clean.length > TEXT_LIMITS.formalityTitle)
    return { title: { code: 'TEXT_TOO_LONG', params: { max: String(TEXT_LIMITS.formalityTitle) } } };
  return {};
}

/** "Ouvrir une formalité": its type and title; it opens in DRAFT and the page goes to it. */
export function OpenFormalityForm({ companyId }: { companyId: string }) {
  const { t } = useFormalitiesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const navigate = useNavigate();
  const id = useId();
  const [type, setType] = useState<FormalityType>('TRANSFERT_SIEGE');
  const [title, setTitle] = useState('');
  const form = useCheckedForm<Field, Issue>();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [open, { loading }] = useMutation(OpenFormalityDocument, { refetchQueries: ['OperatorFormalities'] });
  const local = check(title);
  const message = (field: Field) => issueText(form.issueOf(field, local), locale, t);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (form.focusFirst(ORDER, local)) return;
    const clean = title.trim();
    try {
      const { data } = await open({ variables: { companyId, type, title: clean } });
      const opened = data?.openFormality;
      if (opened) {
        void navigate(paths.operator.formalities.getHref(companyId, opened.id), {
          state: { notice: t('open.done', { title: opened.title }) },
        });
      }
    } catch (cause) {
      const { issues } = issuesFromApi<Field>(cause, { type: 'type', title: 'title' });
      form.setServerIssues(issues);
      setFailure(`${t('open.failed')} ${describeFormalityError(cause, locale, t, tApp('errors.network'))}`);
      if (!form.focusFirst(ORDER, issues)) failureRef.current?.focus();
    }
  };

  return (
    <section className="upload-section formalities-open" aria-labelledby={`${id}-open`}>
      <h2 id={`${id}-open`} className="formalities-section__title">
        {t('open.legend')}
      </h2>
      <p className="muted">{t('open.hint')}</p>
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        <div className="formalities-form__row">
          <SelectField
            ref={form.fieldRef('type')}
            label={t('open.type')}
            description={t('open.typeHint')}
            value={type}
            error={message('type')}
            onChange={(event) => {
              setType(event.target.value as FormalityType);
              form.edited('type');
            }}
          >
            {FORMALITY_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`labels.types.${value}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            ref={form.fieldRef('title')}
            label={t('open.title')}
            description={t('open.titleHint')}
            value={title}
            autoComplete="off"
            maxLength={TEXT_LIMITS.formalityTitle}
            required
            error={message('title')}
            onChange={(event) => {
              setTitle(event.target.value);
              form.edited('title');
            }}
            onBlur={() => form.touch('title')}
          />
        </div>
        {failure ? (
          <div ref={failureRef} tabIndex={-1}>
            <Alert tone="error">{failure}</Alert>
          </div>
        ) : null}
        <div className="form__actions formalities-actions">
          <Button type="submit" isLoading={loading}>
            {loading ? t('open.submitting') : t('open.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
