import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { ERROR_MESSAGES, validatePostalAddress, validationMessage, type PostalAddressField } from '@guichet/shared';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Spinner, TextField } from '@/components/ui';
import { describeError, errorCodeOf } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import {
  ForwardingAddressDocument,
  RequestForwardingDocument,
  type ForwardingRequestSummaryFragment,
  type MailListItemFragment,
} from '../api/generated';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { apiFieldErrors, fieldErrorMessage } from '../utils/field-errors';
import { FORWARDABLE_STATUSES } from '../utils/filters';
import { formatDay } from '../utils/format';
import { newIdempotencyKey } from '../utils/idempotency-key';

export interface ForwardingDialogProps {
  open: boolean;
  companyId: string;
  /** The selected items; those already being forwarded (or forwarded) are left out. */
  items: readonly MailListItemFragment[];
  onClose: () => void;
  onDone: (request: ForwardingRequestSummaryFragment) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

interface AddressFields {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

type AddressErrors = Partial<Record<keyof AddressFields, string>>;

const FIELDS: readonly (keyof AddressFields)[] = ['line1', 'line2', 'postalCode', 'city', 'country'];

/** The forwarding form (réexpédition) in a dialog: the company's address, editable, then one request. */
export function ForwardingDialog({ open, companyId, items, onClose, onDone, returnFocusRef }: ForwardingDialogProps) {
  const { t } = useMailTranslation();
  const forwardable = items.filter((item) => FORWARDABLE_STATUSES.includes(item.status));
  const { data, loading, error, refetch } = useQuery(ForwardingAddressDocument, { variables: { companyId }, skip: !open });
  const { t: tApp, i18n } = useTranslation();
  const address = data?.company?.address;
  if (!open) return null;
  return (
    <Dialog
      open
      onClose={onClose}
      size="md"
      title={t('forwarding.title', { count: forwardable.length })}
      description={forwardable.length > 0 ? t('forwarding.description') : undefined}
      returnFocusRef={returnFocusRef}
    >
      {forwardable.length === 0 ? (
        <>
          <Alert tone="warning">{t('forwarding.noneForwardable')}</Alert>
          <div className="form__actions form__actions--end">
            <Button variant="secondary" onClick={onClose}>
              {tApp('form.close')}
            </Button>
          </div>
        </>
      ) : address ? (
        // Mounted once the address is known: the form (and its idempotency key) lives as long as the dialog.
        <ForwardingForm
          companyId={companyId}
          items={forwardable}
          excluded={items.length - forwardable.length}
          companyAddress={{ ...address, line2: address.line2 ?? '' }}
          onClose={onClose}
          onDone={onDone}
        />
      ) : loading ? (
        <Spinner label={t('forwarding.addressLoading')} />
      ) : (
        <Alert tone="error">
          <p>{describeError(error, localeOf(i18n), tApp('errors.network'))}</p>
          <Button variant="secondary" size="sm" onClick={() => void refetch()}>
            {tApp('errors.generic.retry')}
          </Button>
        </Alert>
      )}
    </Dialog>
  );
}

interface ForwardingFormProps {
  companyId: string;
  items: readonly MailListItemFragment[];
  excluded: number;
  companyAddress: AddressFields;
  onClose: () => void;
  onDone: (request: ForwardingRequestSummaryFragment) => void;
}

function ForwardingForm({ companyId, items, excluded, companyAddress, onClose, onDone }: ForwardingFormProps) {
  const { t } = useMailTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [fields, setFields] = useState<AddressFields>(companyAddress);
  const [errors, setErrors] = useState<AddressErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  // One key per form: a double click, or a retry after a lost answer, replays the same request
  // instead of creating a second one.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const submitting = useRef(false);
  const client = useApolloClient();
  const refs = useRef(new Map<keyof AddressFields, HTMLInputElement>());
  const [mutate, { loading }] = useMutation(RequestForwardingDocument, { refetchQueries: ['ForwardingRequests'] });

  const focusFirst = (found: AddressErrors) => {
    const first = FIELDS.find((field) => found[field]);
    if (first) refs.current.get(first)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting.current) return;
    setFailure(null);
    const checked = validatePostalAddress(fields);
    if (!checked.ok) {
      const found: AddressErrors = {};
      for (const [field, code] of Object.entries(checked.errors) as [
        PostalAddressField,
        NonNullable<(typeof checked.errors)[PostalAddressField]>,
      ][]) {
        found[field] = validationMessage(code, locale);
      }
      setErrors(found);
      focusFirst(found);
      return;
    }
    setErrors({});
    submitting.current = true;
    try {
      const { data } = await mutate({
        variables: { companyId, mailItemIds: items.map((item) => item.id), address: checked.value, idempotencyKey },
      });
      const request = data?.requestForwarding;
      if (request) onDone(request);
    } catch (cause) {
      const found: AddressErrors = {};
      for (const { field, code } of apiFieldErrors(cause)) {
        const name = field.replace(/^address\./, '') as keyof AddressFields;
        if (FIELDS.includes(name)) found[name] = fieldErrorMessage(code, locale) ?? ERROR_MESSAGES.VALIDATION_FAILED[locale];
      }
      setErrors(found);
      focusFirst(found);
      const conflict = errorCodeOf(cause) === 'CONFLICT';
      // Someone else asked for some of these items meanwhile: the list shows their new status.
      if (conflict) void client.refetchQueries({ include: ['MailItems'] });
      setFailure(conflict ? t('forwarding.conflict') : `${t('forwarding.failed')} ${describeError(cause, locale, tApp('errors.network'))}`);
    } finally {
      submitting.current = false;
    }
  };

  const field = (name: keyof AddressFields, props: { label: string; autoComplete: string; description?: string; required?: boolean }) => (
    <TextField
      ref={(element) => {
        if (element) refs.current.set(name, element);
        else refs.current.delete(name);
      }}
      label={props.label}
      description={props.description}
      autoComplete={props.autoComplete}
      required={props.required}
      value={fields[name]}
      error={errors[name]}
      onChange={(event) => {
        const value = event.target.value;
        setFields((current) => ({ ...current, [name]: value }));
        if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
      }}
    />
  );

  const changed = FIELDS.some((name) => fields[name] !== companyAddress[name]);
  return (
    <form className="form forwarding-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="forwarding-form__items">
        <p className="forwarding-form__label">{t('forwarding.items')}</p>
        <ul className="bullets">
          {items.map((item) => (
            <li key={item.id}>
              {item.sender} <span className="muted">— {formatDay(item.receivedAt, locale)}</span>
            </li>
          ))}
        </ul>
        {excluded > 0 ? <Alert tone="info">{t('forwarding.excluded', { count: excluded })}</Alert> : null}
      </div>
      <fieldset className="forwarding-form__address">
        <legend className="forwarding-form__label">{t('forwarding.address')}</legend>
        {field('line1', { label: t('forwarding.line1'), autoComplete: 'address-line1', required: true })}
        {field('line2', { label: t('forwarding.line2'), autoComplete: 'address-line2' })}
        <div className="forwarding-form__row">
          {field('postalCode', { label: t('forwarding.postalCode'), autoComplete: 'postal-code', required: true })}
          {field('city', { label: t('forwarding.city'), autoComplete: 'address-level2', required: true })}
        </div>
        {field('country', {
          label: t('forwarding.country'),
          autoComplete: 'country',
          description: t('forwarding.countryHint'),
          required: true,
        })}
        {changed ? (
          <Button
            variant="link"
            onClick={() => {
              setFields(companyAddress);
              setErrors({});
            }}
          >
            {t('forwarding.resetAddress')}
          </Button>
        ) : null}
      </fieldset>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <div className="form__actions form__actions--end">
        <Button variant="secondary" onClick={onClose}>
          {tApp('form.cancel')}
        </Button>
        <Button type="submit" isLoading={loading}>
          {t('forwarding.submit')}
        </Button>
      </div>
    </form>
  );
}
