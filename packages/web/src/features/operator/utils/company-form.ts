import {
  validateCompanyName,
  validateEmail,
  validatePersonName,
  validatePhone,
  validatePostalAddress,
  validateSiret,
  type FieldError,
  type ValidationCode,
} from '@guichet/shared';
import type { CreateCompanyInput, FirstAdminInput } from '@/lib/graphql/schema-types';

/** The API refuses a longer job title (JOB_TITLE_TOO_LONG), as for a team invitation. */
export const JOB_TITLE_MAX_LENGTH = 100;

export const PERSON_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'jobTitle'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type PersonValues = Record<PersonField, string>;

export const COMPANY_FIELDS = ['name', 'siret', 'line1', 'line2', 'postalCode', 'city', 'country'] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

/** The "Nouvelle société" form, in the order of the page (the first field in error gets the focus). */
export const NEW_COMPANY_FIELDS = [...COMPANY_FIELDS, ...PERSON_FIELDS] as const;
export type NewCompanyField = (typeof NEW_COMPANY_FIELDS)[number];
export type NewCompanyValues = Record<NewCompanyField, string>;

/** A problem on a field: a shared validation code, or the SIRET of a company already registered (CONFLICT). */
export type FieldIssue = ValidationCode | 'SIRET_TAKEN';
export type Issues<F extends string> = Partial<Record<F, FieldIssue>>;

export const EMPTY_PERSON: PersonValues = { email: '', firstName: '', lastName: '', phone: '', jobTitle: '' };

export const EMPTY_NEW_COMPANY: NewCompanyValues = {
  name: '',
  siret: '',
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  country: 'FR',
  ...EMPTY_PERSON,
};

export interface PersonCheck {
  errors: Issues<PersonField>;
  /** The corrected address when the domain looks like a typo (`gmail.con`). */
  suggestion: string | null;
  input: FirstAdminInput | null;
}

/** The rules the API applies to the first administrator (those of a team invitation), checked before sending. */
export function checkPerson(values: PersonValues): PersonCheck {
  const errors: Issues<PersonField> = {};
  const email = validateEmail(values.email);
  if (!email.ok) errors.email = email.error;
  const firstName = validatePersonName(values.firstName);
  if (!firstName.ok) errors.firstName = firstName.error;
  const lastName = validatePersonName(values.lastName);
  if (!lastName.ok) errors.lastName = lastName.error;
  const phone = validatePhone(values.phone);
  if (!phone.ok) errors.phone = phone.error;
  const jobTitle = values.jobTitle.trim().replace(/\s+/g, ' ');
  if (jobTitle.length > JOB_TITLE_MAX_LENGTH) errors.jobTitle = 'JOB_TITLE_TOO_LONG';
  const suggestion = email.ok ? (email.warning?.suggestion ?? null) : null;
  const ok = Object.keys(errors).length === 0;
  return {
    errors,
    suggestion,
    input:
      ok && email.ok && firstName.ok && lastName.ok && phone.ok
        ? { email: email.email, firstName: firstName.value, lastName: lastName.value, phone: phone.phone, jobTitle: jobTitle || null }
        : null,
  };
}

const ADDRESS_FIELDS = { line1: 'line1', line2: 'line2', postalCode: 'postalCode', city: 'city', country: 'country' } as const;

export interface NewCompanyCheck {
  errors: Issues<NewCompanyField>;
  suggestion: string | null;
  input: CreateCompanyInput | null;
}

/** The company's rules (name, SIRET, address) and the first administrator's, every error at once, as the API does. */
export function checkNewCompany(values: NewCompanyValues): NewCompanyCheck {
  const errors: Issues<NewCompanyField> = {};
  const name = validateCompanyName(values.name);
  if (!name.ok) errors.name = name.error;
  const siret = validateSiret(values.siret);
  if (!siret.ok) errors.siret = siret.error;
  const address = validatePostalAddress({
    line1: values.line1,
    line2: values.line2,
    postalCode: values.postalCode,
    city: values.city,
    country: values.country,
  });
  if (!address.ok) {
    for (const [field, code] of Object.entries(address.errors)) {
      if (code) errors[ADDRESS_FIELDS[field as keyof typeof ADDRESS_FIELDS]] = code;
    }
  }
  const person = checkPerson(values);
  Object.assign(errors, person.errors);
  return {
    errors,
    suggestion: person.suggestion,
    input:
      name.ok && siret.ok && address.ok && person.input
        ? {
            name: name.value,
            siret: siret.siret,
            address: {
              line1: address.value.line1,
              line2: address.value.line2,
              postalCode: address.value.postalCode,
              city: address.value.city,
              country: address.value.country,
            },
            firstAdmin: person.input,
          }
        : null,
  };
}

/** The form field of an API field path: `address.city` → `city`, `firstAdmin.email` → `email`. */
export function formFieldOf(apiField: string): NewCompanyField | null {
  const name = apiField.replace(/^(address|firstAdmin)\./, '');
  return (NEW_COMPANY_FIELDS as readonly string[]).includes(name) ? (name as NewCompanyField) : null;
}

/** The API's field errors (`extensions.fields`) on the form's fields; the first one per field. */
export function issuesFromApi<F extends NewCompanyField>(fields: readonly FieldError[], allowed: readonly F[]): Issues<F> {
  const issues: Issues<F> = {};
  for (const { field, code } of fields) {
    const name = formFieldOf(field);
    if (!name || !(allowed as readonly string[]).includes(name) || issues[name as F]) continue;
    issues[name as F] = code;
  }
  return issues;
}
