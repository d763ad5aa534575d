import { useMutation } from '@apollo/client/react';
import { PERMISSION_LABELS, validationMessage } from '@guichet/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Dialog, SelectField, TextAreaField, TextField } from '@/components/ui';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import { prependToken } from '../api/cache';
import { CreateApiTokenDocument, type CreateApiTokenMutation } from '../api/generated';
import { useApiAccessTranslation } from '../hooks/use-api-access-translation';
import { toApiPermission } from '../utils/permissions';
import {
  ALWAYS_INCLUDED,
  CHOOSABLE_PERMISSIONS,
  checkTokenForm,
  EXPIRY_CHOICES,
  initialTokenForm,
  ipLines,
  isTokenField,
  PRESET_CHOICES,
  TOKEN_FIELDS,
  withPreset,
  type TokenField,
  type TokenForm,
} from '../utils/token-form';

export type IssuedToken = NonNullable<CreateApiTokenMutation['createApiToken']>;

export interface CreateTokenDialogProps {
  companyId: string;
  onClose: () => void;
  /** The token and its secret, returned this once. */
  onCreated: (issued: IssuedToken) => void;
}

const DAY_MS = 86_400_000;

/**
 * "Créer un jeton": a name, a preset (or permissions one by one), a validity period and an
 * optional IP allow-list, checked with the shared rules as they are filled in. The API's field
 * errors land on their fields, and the form keeps everything typed. Rendered while open, so each
 * opening starts afresh.
 */
export function CreateTokenDialog({ companyId, onClose, onCreated }: CreateTokenDialogProps) {
  const { t, i18n } = useApiAccessTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const [form, setForm] = useState<TokenForm>(initialTokenForm);
  const [touched, setTouched] = useState<ReadonlySet<TokenField>>(new Set());
  const [attempted, setAttempted] = useState(false);
  /** The API's verdict on a field, until that field is changed. */
  const [serverErrors, setServerErrors] = useState<Partial<Record<TokenField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CreateApiTokenDocument);
  const fields = useRef(new Map<TokenField, HTMLElement>());
  const failureRef = useRef<HTMLDivElement>(null);

  const checked = checkTokenForm(form);
  const errorOf = (field: TokenField): string | undefined => {
    const server = serverErrors[field];
    if (server) return server;
    const code = checked.errors[field];
    return code && (attempted || touched.has(field)) ? validationMessage(code, locale) : undefined;
  };

  const update = (patch: Partial<TokenForm> | ((current: TokenForm) => TokenForm), field: TokenField) => {
    setForm((current) => (typeof patch === 'function' ? patch(current) : { ...current, ...patch }));
    setServerErrors((current) => {
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };
  const touch = (field: TokenField) => setTouched((current) => (current.has(field) ? current : new Set([...current, field])));
  const fieldRef = (field: TokenField) => (element: HTMLElement | null) => {
    if (element) fields.current.set(field, element);
    else fields.current.delete(field);
  };
  const focusFirst = (invalid: readonly TokenField[]) => {
    const first = TOKEN_FIELDS.find((field) => invalid.includes(field));
    if (first) fields.current.get(first)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    setAttempted(true);
    setFailure(null);
    if (!checked.input) {
      focusFirst(Object.keys(checked.errors).filter(isTokenField));
      return;
    }
    const { permissions, ...rest } = checked.input;
    try {
      const { data } = await create({
        variables: { companyId, input: { ...rest, permissions: permissions.map(toApiPermission) } },
        update: (cache, result) => {
          const issued = result.data?.createApiToken;
          if (issued) prependToken(cache, companyId, issued.token);
        },
      });
      if (data?.createApiToken) onCreated(data.createApiToken);
    } catch (cause) {
      const found: Partial<Record<TokenField, string>> = {};
      for (const { field, code } of fieldErrorsOf(cause)) {
        if (isTokenField(field) && !found[field]) found[field] = validationMessage(code, locale);
      }
      const invalid = Object.keys(found).filter(isTokenField);
      setServerErrors(found);
      setFailure(invalid.length > 0 ? t('create.fixFields') : describeError(cause, locale, tApp('errors.network')));
      if (invalid.length > 0) focusFirst(invalid);
      else failureRef.current?.focus();
    }
  };

  const permissionsError = errorOf('permissions');
  const permissionsErrorId = `${id}-permissions-error`;
  const ipCount = ipLines(form.allowedIps).length;
  const expiresOn = formatDate(new Date(Date.now() + form.expiresInDays * DAY_MS).toISOString(), locale);

  return (
    <Dialog open onClose={onClose} size="lg" title={t('create.title')} description={<p>{t('create.description')}</p>}>
      <form noValidate className="form api-token-form" onSubmit={(event) => void submit(event)}>
        <TextField
          ref={fieldRef('name')}
          label={t('create.name')}
          description={t('create.nameHint')}
          value={form.name}
          autoComplete="off"
          required
          error={errorOf('name')}
          onChange={(event) => update({ name: event.target.value }, 'name')}
          onBlur={() => touch('name')}
        />

        <fieldset
          className="choice-group api-token-form__permissions"
          aria-describedby={permissionsError ? permissionsErrorId : undefined}
          aria-invalid={permissionsError ? true : undefined}
        >
          <legend className="field__label">{t('create.permissions')}</legend>
          <p className="field__description">{t('create.permissionsHint')}</p>
          <div className="radio-cards">
            {PRESET_CHOICES.map((preset) => (
              <Checkbox
                key={preset}
                ref={preset === form.preset ? fieldRef('permissions') : undefined}
                type="radio"
                name={`${id}-preset`}
                value={preset}
                className="radio-card"
                checked={form.preset === preset}
                onChange={() => update((current) => withPreset(current, preset), 'permissions')}
                label={t(`presets.${preset}.label`)}
                description={t(`presets.${preset}.description`)}
              />
            ))}
          </div>
          {form.preset === 'CUSTOM' ? (
            <fieldset className="choice-group choice-group--nested api-token-form__custom">
              <legend className="visually-hidden">{t('create.customLegend')}</legend>
              <Checkbox checked disabled label={PERMISSION_LABELS[ALWAYS_INCLUDED][locale]} description={t('create.alwaysIncluded')} />
              {CHOOSABLE_PERMISSIONS.map((permission) => (
                <Checkbox
                  key={permission}
                  value={permission}
                  checked={form.custom.includes(permission)}
                  onChange={(event) => {
                    const on = event.target.checked;
                    update(
                      (current) => ({
                        ...current,
                        custom: on ? [...current.custom, permission] : current.custom.filter((item) => item !== permission),
                      }),
                      'permissions',
                    );
                    touch('permissions');
                  }}
                  label={PERMISSION_LABELS[permission][locale]}
                />
              ))}
            </fieldset>
          ) : null}
          {permissionsError ? (
            <p id={permissionsErrorId} className="field__error">
              {permissionsError}
            </p>
          ) : null}
        </fieldset>

        <div className="form__row api-token-form__row">
          <SelectField
            ref={fieldRef('expiresInDays')}
            label={t('create.expiry')}
            description={t('create.expiresOn', { date: expiresOn })}
            value={String(form.expiresInDays)}
            error={errorOf('expiresInDays')}
            onChange={(event) => update({ expiresInDays: Number(event.target.value) }, 'expiresInDays')}
          >
            {EXPIRY_CHOICES.map((days) => (
              <option key={days} value={days}>
                {days === 90
                  ? t('create.expiryDaysDefault', { count: days })
                  : days === 366
                    ? t('create.expiryYear', { count: days })
                    : t('create.expiryDays', { count: days })}
              </option>
            ))}
          </SelectField>
        </div>

        <TextAreaField
          ref={fieldRef('allowedIps')}
          label={t('create.ips')}
          description={t('create.ipsHint')}
          rows={3}
          className="api-token-form__ips"
          value={form.allowedIps}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          error={errorOf('allowedIps')}
          hint={ipCount > 0 ? t('create.ipsCount', { count: ipCount }) : undefined}
          onChange={(event) => update({ allowedIps: event.target.value }, 'allowedIps')}
          onBlur={() => touch('allowedIps')}
        />

        {failure ? (
          <div ref={failureRef} tabIndex={-1}>
            <Alert tone="error" title={t('create.failed')}>
              {failure}
            </Alert>
          </div>
        ) : null}

        <div className="form__actions form__actions--end dialog__footer-actions">
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.cancel')}
          </Button>
          <Button type="submit" isLoading={loading}>
            {loading ? t('create.submitting') : t('create.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
