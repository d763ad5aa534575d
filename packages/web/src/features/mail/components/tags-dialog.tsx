import { useMutation } from '@apollo/client/react';
import { validateTagName, type Locale } from '@guichet/shared';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ConfirmDialog, Dialog, TextField } from '@/components/ui';
import { describeError, errorCodeOf } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { CreateTagDocument, DeleteTagDocument, MailTagsDocument, UpdateTagDocument, type MailTagFragment } from '../api/generated';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { apiFieldErrors, fieldErrorMessage } from '../utils/field-errors';
import { TAG_PALETTE } from '../utils/tag-colors';
import { ColorPalette } from './color-palette';
import { TagChip } from './tag-chip';

export interface TagsDialogProps {
  open: boolean;
  companyId: string;
  tags: readonly MailTagFragment[];
  onClose: () => void;
  /** A tag was deleted: the page drops it from the filter. */
  onDeleted: (tagId: string) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

interface TagErrors {
  name?: string;
  color?: string;
  form?: string;
}

const NAME_MAX = 50;

/** Reads a failed tag mutation: field messages, or one sentence for the form. */
function tagErrors(cause: unknown, locale: Locale, networkMessage: string, nameTaken: string): TagErrors {
  if (errorCodeOf(cause) === 'CONFLICT') return { name: nameTaken };
  const errors: TagErrors = {};
  for (const { field, code } of apiFieldErrors(cause)) {
    if (field === 'name' || field === 'color') errors[field] = fieldErrorMessage(code, locale) ?? undefined;
  }
  if (!errors.name && !errors.color) errors.form = describeError(cause, locale, networkMessage);
  return errors;
}

/** Tags management (mail:tag): create with a name and a colour, rename or recolour, delete after confirmation. */
export function TagsDialog({ open, companyId, tags, onClose, onDeleted, returnFocusRef }: TagsDialogProps) {
  const { t } = useMailTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<MailTagFragment | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  // Focus after the confirmation: back to its "Supprimer" button, or to the new tag's name once deleted.
  const deleteReturn = useRef<HTMLElement | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const refetchQueries = [{ query: MailTagsDocument, variables: { companyId } }];
  const [deleteTag, deletion] = useMutation(DeleteTagDocument, { refetchQueries, awaitRefetchQueries: true });

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteError(null);
    try {
      await deleteTag({
        variables: { companyId, tagId: deleting.id },
        update: (cache) => {
          // Items that carried it drop it at once (Apollo leaves out dangling references).
          cache.evict({ id: cache.identify({ __typename: 'Tag', id: deleting.id }) });
          cache.gc();
        },
      });
      setNotice(t('tags.deleted', { name: deleting.name }));
      onDeleted(deleting.id);
      deleteReturn.current = nameInput.current;
      setDeleting(null);
    } catch (cause) {
      setDeleteError(describeError(cause, locale, tApp('errors.network')));
    }
  };

  return (
    <>
      <Dialog
        open={open}
        onClose={onClose}
        title={t('tags.title')}
        description={t('tags.description')}
        returnFocusRef={returnFocusRef}
        footer={
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.close')}
          </Button>
        }
      >
        <div role="status" className="page-notice">
          {notice ? (
            <Alert tone="success" live="off">
              {notice}
            </Alert>
          ) : null}
        </div>
        {tags.length === 0 ? (
          <p className="muted">{t('tags.empty')}</p>
        ) : (
          <ul className="tag-admin" aria-label={t('tags.listLabel')}>
            {tags.map((tag) =>
              editing === tag.id ? (
                <li key={tag.id} className="tag-admin__item tag-admin__item--editing">
                  <TagForm
                    mode="edit"
                    companyId={companyId}
                    tag={tag}
                    onCancel={() => {
                      setEditing(null);
                      editButtons.current.get(tag.id)?.focus();
                    }}
                    onSaved={(name) => {
                      setEditing(null);
                      setNotice(t('tags.updated', { name }));
                    }}
                  />
                </li>
              ) : (
                <li key={tag.id} className="tag-admin__item">
                  <TagChip tag={tag} />
                  <span className="tag-admin__actions">
                    <Button
                      ref={(element) => {
                        if (element) editButtons.current.set(tag.id, element);
                        else editButtons.current.delete(tag.id);
                      }}
                      variant="secondary"
                      size="sm"
                      aria-label={t('tags.editLabel', { name: tag.name })}
                      onClick={() => {
                        setNotice(null);
                        setEditing(tag.id);
                      }}
                    >
                      {t('tags.edit')}
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="btn--danger-text"
                      aria-label={t('tags.deleteLabel', { name: tag.name })}
                      onClick={(event) => {
                        deleteReturn.current = event.currentTarget;
                        setDeleteError(null);
                        setDeleting(tag);
                      }}
                    >
                      {t('tags.delete')}
                    </Button>
                  </span>
                </li>
              ),
            )}
          </ul>
        )}
        <section className="dialog__section" aria-labelledby="tag-new-title">
          <h3 id="tag-new-title" className="dialog__section-title">
            {t('tags.newTag')}
          </h3>
          <TagForm
            mode="create"
            companyId={companyId}
            nameRef={nameInput}
            onSaved={(name) => {
              setNotice(t('tags.created', { name }));
            }}
          />
        </section>
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        tone="danger"
        title={deleting ? t('tags.deleteTitle', { name: deleting.name }) : ''}
        confirmLabel={t('tags.deleteConfirm')}
        loading={deletion.loading}
        error={deleteError}
        onConfirm={() => void confirmDelete()}
        onClose={() => setDeleting(null)}
        returnFocusRef={deleteReturn}
      >
        <p>{t('tags.deleteBody')}</p>
      </ConfirmDialog>
    </>
  );
}

type TagFormProps = {
  companyId: string;
  onSaved: (name: string) => void;
  nameRef?: RefObject<HTMLInputElement | null>;
} & ({ mode: 'create'; tag?: undefined; onCancel?: undefined } | { mode: 'edit'; tag: MailTagFragment; onCancel: () => void });

function TagForm({ mode, companyId, tag, onSaved, onCancel, nameRef }: TagFormProps) {
  const { t } = useMailTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [name, setName] = useState(tag?.name ?? '');
  const [color, setColor] = useState<string>(tag?.color ?? TAG_PALETTE[0].color);
  const [errors, setErrors] = useState<TagErrors>({});
  const refetchQueries = [{ query: MailTagsDocument, variables: { companyId } }];
  const [create, creation] = useMutation(CreateTagDocument, { refetchQueries, awaitRefetchQueries: true });
  const [update, updating] = useMutation(UpdateTagDocument, { refetchQueries, awaitRefetchQueries: true });
  const busy = creation.loading || updating.loading;
  const localName = useRef<HTMLInputElement>(null);
  const inputRef = nameRef ?? localName;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (busy) return;
    // The API's rule: required, at most 50 characters, no invisible or bidirectional characters.
    const checked = validateTagName(name);
    if (!checked.ok) {
      setErrors({ name: fieldErrorMessage(checked.error, locale) ?? undefined });
      inputRef.current?.focus();
      return;
    }
    const trimmed = checked.value.name;
    setErrors({});
    try {
      if (mode === 'create') {
        await create({ variables: { companyId, name: trimmed, color } });
        setName('');
      } else {
        await update({ variables: { companyId, tagId: tag.id, name: trimmed, color } });
      }
      onSaved(trimmed);
      inputRef.current?.focus();
    } catch (cause) {
      const found = tagErrors(cause, locale, tApp('errors.network'), t('tags.nameTaken'));
      setErrors(found);
      if (found.name) inputRef.current?.focus();
    }
  };

  return (
    <form
      className="tag-form"
      noValidate
      aria-label={mode === 'edit' ? t('tags.editLegend', { name: tag.name }) : undefined}
      onSubmit={(event) => void submit(event)}
    >
      <TextField
        ref={inputRef}
        label={t('tags.name')}
        value={name}
        maxLength={NAME_MAX}
        required
        autoFocus={mode === 'edit'}
        error={errors.name}
        onChange={(event) => {
          setName(event.target.value);
          if (errors.name) setErrors((current) => ({ ...current, name: undefined }));
        }}
      />
      <ColorPalette value={color} onChange={setColor} error={errors.color} />
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="button-row">
        <Button type="submit" size="sm" isLoading={busy}>
          {mode === 'edit' ? t('tags.save') : t('tags.create')}
        </Button>
        {mode === 'edit' ? (
          <Button variant="secondary" size="sm" onClick={onCancel}>
            {t('tags.cancelEdit')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
