import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Dialog } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { TagMailItemsDocument, UntagMailItemsDocument, type MailTagFragment } from '../api/generated';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { TagChip } from './tag-chip';

export interface TaggingDialogProps {
  open: boolean;
  companyId: string;
  itemIds: readonly string[];
  tags: readonly MailTagFragment[];
  onClose: () => void;
  /** A sentence for the page's notice. */
  onDone: (message: string) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

type Mode = 'add' | 'remove';

/** Adds tags to, or removes tags from, the selected items (the rows update from the answer). */
export function TaggingDialog(props: TaggingDialogProps) {
  const { t } = useMailTranslation();
  if (!props.open) return null;
  return (
    <Dialog open onClose={props.onClose} title={t('tagging.title', { count: props.itemIds.length })} returnFocusRef={props.returnFocusRef}>
      <TaggingForm {...props} />
    </Dialog>
  );
}

function TaggingForm({ companyId, itemIds, tags, onClose, onDone }: TaggingDialogProps) {
  const { t } = useMailTranslation();
  const { t: tApp, i18n } = useTranslation();
  const [mode, setMode] = useState<Mode>('add');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [tag, tagging] = useMutation(TagMailItemsDocument);
  const [untag, untagging] = useMutation(UntagMailItemsDocument);
  const busy = tagging.loading || untagging.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (chosen.size === 0) {
      setError(t('tagging.chooseOne'));
      return;
    }
    setError(null);
    const variables = { companyId, mailItemIds: [...itemIds], tagIds: [...chosen] };
    try {
      if (mode === 'add') await tag({ variables });
      else await untag({ variables });
      onDone(t(mode === 'add' ? 'tagging.added' : 'tagging.removed', { count: itemIds.length }));
    } catch (cause) {
      setError(describeError(cause, localeOf(i18n), tApp('errors.network')));
    }
  };

  if (tags.length === 0) {
    return (
      <>
        <Alert tone="info">{t('tagging.noTags')}</Alert>
        <div className="form__actions form__actions--end">
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.close')}
          </Button>
        </div>
      </>
    );
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <fieldset className="choice-group choice-group--inline">
        <legend>{t('tagging.mode')}</legend>
        {(['add', 'remove'] as const).map((value) => (
          <Checkbox
            key={value}
            type="radio"
            name="tagging-mode"
            value={value}
            checked={mode === value}
            onChange={() => setMode(value)}
            label={t(value === 'add' ? 'tagging.add' : 'tagging.remove')}
          />
        ))}
      </fieldset>
      <fieldset className="choice-group" aria-invalid={error && chosen.size === 0 ? true : undefined}>
        <legend>{t('tagging.tags')}</legend>
        {tags.map((candidate) => (
          <Checkbox
            key={candidate.id}
            checked={chosen.has(candidate.id)}
            onChange={(event) => {
              const next = new Set(chosen);
              if (event.target.checked) next.add(candidate.id);
              else next.delete(candidate.id);
              setChosen(next);
              if (next.size > 0) setError(null);
            }}
            label={<TagChip tag={candidate} />}
          />
        ))}
      </fieldset>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="form__actions form__actions--end">
        <Button variant="secondary" onClick={onClose}>
          {tApp('form.cancel')}
        </Button>
        <Button type="submit" isLoading={busy}>
          {t(mode === 'add' ? 'tagging.submitAdd' : 'tagging.submitRemove')}
        </Button>
      </div>
    </form>
  );
}
