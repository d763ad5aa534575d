import {
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { TEXT_LIMITS, textLength, type FieldError, type TextLimitName, type ValidationCode } from '@guichet/shared';
import { DomainError, validationFailed } from './domain-error';

/**
 * How long one free-text input may be. `limit` names the shared maximum (the size of the column
 * the value ends in; see TEXT_LIMITS), `code` the field error when a rule of its own exists
 * (else TEXT_TOO_LONG with `max`). `perRow`: the service answers per row (inviteMembers) with the
 * same limits, so one bad row never fails the batch. `cursor`: an oversized cursor is a forged
 * one, answered BAD_USER_INPUT like any other.
 */
export interface InputLimit {
  limit: TextLimitName;
  code?: ValidationCode;
  perRow?: true;
  cursor?: true;
}

const person = (prefix: string, perRow?: true): Record<string, InputLimit> => ({
  [`${prefix}.email`]: { limit: 'email', code: 'EMAIL_TOO_LONG', ...(perRow ? { perRow } : {}) },
  [`${prefix}.firstName`]: { limit: 'personName', code: 'NAME_TOO_LONG', ...(perRow ? { perRow } : {}) },
  [`${prefix}.lastName`]: { limit: 'personName', code: 'NAME_TOO_LONG', ...(perRow ? { perRow } : {}) },
  [`${prefix}.phone`]: { limit: 'phone', code: 'PHONE_INVALID', ...(perRow ? { perRow } : {}) },
  [`${prefix}.jobTitle`]: { limit: 'jobTitle', code: 'JOB_TITLE_TOO_LONG', ...(perRow ? { perRow } : {}) },
});

const company = (type: string): Record<string, InputLimit> => ({
  [`${type}.name`]: { limit: 'companyName', code: 'COMPANY_NAME_TOO_LONG' },
  [`${type}.siret`]: { limit: 'siret', code: 'SIRET_FORMAT' },
});

const invoiceLine = (type: string): Record<string, InputLimit> => ({
  [`${type}.label`]: { limit: 'invoiceLabel', code: 'INVOICE_TEXT_TOO_LONG' },
  [`${type}.quantity`]: { limit: 'quantity', code: 'INVOICE_QUANTITY_INVALID' },
  [`${type}.vatRate`]: { limit: 'vatRate', code: 'INVOICE_VAT_RATE_INVALID' },
  [`${type}.exemptionReason`]: { limit: 'invoiceLabel', code: 'INVOICE_TEXT_TOO_LONG' },
});

const plan = (type: string): Record<string, InputLimit> => ({
  [`${type}.label`]: { limit: 'planLabel', code: 'INVOICE_TEXT_TOO_LONG' },
  [`${type}.vatRate`]: { limit: 'vatRate', code: 'INVOICE_VAT_RATE_INVALID' },
  [`${type}.exemptionReason`]: { limit: 'invoiceLabel', code: 'INVOICE_TEXT_TOO_LONG' },
});

const cursor: InputLimit = { limit: 'cursor', cursor: true };
const linkToken: InputLimit = { limit: 'linkToken' };

/**
 * Every String argument and String field of an input type of the schema, by coordinate
 * (`Type.field(arg)` for arguments, `Input.field` for input fields). A test walks the schema and
 * fails on a String input that is not listed here, and checks each limit against its column.
 * ID arguments are not listed: a malformed id (any length) answers NOT_FOUND like an unknown one.
 */
export const INPUT_LIMITS: Readonly<Record<string, InputLimit>> = {
  'Mutation.login(email)': { limit: 'email', code: 'EMAIL_TOO_LONG' },
  'Mutation.login(password)': { limit: 'password', code: 'PASSWORD_TOO_LONG' },
  'Mutation.requestPasswordReset(email)': { limit: 'email', code: 'EMAIL_TOO_LONG' },
  'Mutation.resetPassword(token)': linkToken,
  'Query.passwordResetLinkValid(token)': linkToken,
  'Mutation.resetPassword(password)': { limit: 'password', code: 'PASSWORD_TOO_LONG' },
  'Query.invitation(token)': linkToken,
  'Mutation.acceptInvitation(token)': linkToken,
  'Mutation.requestNewInvitationLink(token)': linkToken,
  'AcceptInvitationInput.firstName': { limit: 'personName', code: 'NAME_TOO_LONG' },
  'AcceptInvitationInput.lastName': { limit: 'personName', code: 'NAME_TOO_LONG' },
  'AcceptInvitationInput.password': { limit: 'password', code: 'PASSWORD_TOO_LONG' },
  ...person('InvitationInput', true),
  ...person('FirstAdminInput'),
  'AccessRequestInput.siret': { limit: 'siret', code: 'SIRET_FORMAT' },
  'AccessRequestInput.email': { limit: 'email', code: 'EMAIL_TOO_LONG' },
  'AccessRequestInput.firstName': { limit: 'personName', code: 'NAME_TOO_LONG' },
  'AccessRequestInput.lastName': { limit: 'personName', code: 'NAME_TOO_LONG' },
  'AccessRequestInput.message': { limit: 'accessRequestMessage' },
  ...company('CompanyInput'),
  ...company('CreateCompanyInput'),
  'AddressInput.line1': { limit: 'addressLine', code: 'ADDRESS_TOO_LONG' },
  'AddressInput.line2': { limit: 'addressLine', code: 'ADDRESS_TOO_LONG' },
  'AddressInput.postalCode': { limit: 'postalCode', code: 'POSTAL_CODE_INVALID' },
  'AddressInput.city': { limit: 'city', code: 'ADDRESS_TOO_LONG' },
  'AddressInput.country': { limit: 'country', code: 'COUNTRY_INVALID' },
  'Query.companies(search)': { limit: 'companySearch' },
  'Query.companies(after)': cursor,
  'Query.forwardingQueue(after)': cursor,
  'Company.activity(after)': cursor,
  'Company.mailItems(after)': cursor,
  'Company.forwardingRequests(after)': cursor,
  'MailFilter.search': { limit: 'mailSearch' },
  'Mutation.createTag(name)': { limit: 'tagName', code: 'TAG_NAME_TOO_LONG' },
  'Mutation.createTag(color)': { limit: 'tagColor', code: 'TAG_COLOR_INVALID' },
  'Mutation.updateTag(name)': { limit: 'tagName', code: 'TAG_NAME_TOO_LONG' },
  'Mutation.updateTag(color)': { limit: 'tagColor', code: 'TAG_COLOR_INVALID' },
  'Mutation.requestForwarding(idempotencyKey)': { limit: 'idempotencyKey', code: 'IDEMPOTENCY_KEY_INVALID' },
  'CreateApiTokenInput.name': { limit: 'tokenName', code: 'TOKEN_NAME_TOO_LONG' },
  'CreateApiTokenInput.allowedIps': { limit: 'ipRange', code: 'TOKEN_IP_RANGE_INVALID' },
  'CreateOperatorTokenInput.name': { limit: 'tokenName', code: 'TOKEN_NAME_TOO_LONG' },
  'CreateOperatorTokenInput.allowedIps': { limit: 'ipRange', code: 'TOKEN_IP_RANGE_INVALID' },
  // Invoices
  'Company.invoices(after)': cursor,
  'Query.operatorInvoices(after)': cursor,
  'InvoiceFilter.search': { limit: 'invoiceSearch' },
  'Mutation.runInvoicing(period)': { limit: 'month', code: 'INVOICING_PERIOD_INVALID' },
  ...invoiceLine('InvoiceLineInput'),
  'IssueInvoiceInput.periodStart': { limit: 'day', code: 'INVOICE_DATE_INVALID' },
  'IssueInvoiceInput.periodEnd': { limit: 'day', code: 'INVOICE_DATE_INVALID' },
  'IssueInvoiceInput.dueDate': { limit: 'day', code: 'INVOICE_DATE_INVALID' },
  'IssueInvoiceInput.label': { limit: 'invoiceLabel', code: 'INVOICE_TEXT_TOO_LONG' },
  'IssueInvoiceInput.note': { limit: 'invoiceNote', code: 'INVOICE_TEXT_TOO_LONG' },
  'CreditNoteInput.reason': { limit: 'invoiceNote', code: 'INVOICE_TEXT_TOO_LONG' },
  'PaymentInput.date': { limit: 'day', code: 'PAYMENT_DATE_INVALID' },
  'PaymentInput.reference': { limit: 'paymentReference', code: 'PAYMENT_REFERENCE_TOO_LONG' },
  ...plan('PlanInput'),
  ...plan('PlanUpdateInput'),
  // Formalities
  'Company.formalities(after)': cursor,
  'Query.operatorFormalities(after)': cursor,
  'Mutation.openFormality(title)': { limit: 'formalityTitle' },
  'MoveFormalityInput.reason': { limit: 'formalityReason' },
  'MoveFormalityInput.trackingNumber': { limit: 'trackingNumber' },
  'MoveFormalityInput.dueDate': { limit: 'day', code: 'FORMALITY_DATE_INVALID' },
  'InformationRequestInput.question': { limit: 'formalityQuestion' },
  'InformationRequestInput.choices': { limit: 'formalityQuestion' },
  'InformationRequestInput.dueDate': { limit: 'day', code: 'FORMALITY_DATE_INVALID' },
  'Mutation.answerInformationRequest(value)': { limit: 'formalityAnswer' },
  'Mutation.reviewAnswer(reason)': { limit: 'formalityReason' },
  // Signatures
  'Mutation.signDocument(code)': { limit: 'signatureCode', code: 'SIGNATURE_CODE_INVALID' },
  'Mutation.signDocument(consentVersion)': { limit: 'consentVersion' },
  'Mutation.declineSignature(reason)': { limit: 'formalityReason' },
  'Mutation.cancelSignatureRequest(reason)': { limit: 'formalityReason' },
  'Mutation.requestSignature(documentSha256)': { limit: 'sha256', code: 'DOCUMENT_HASH_INVALID' },
};

/** The limit of a String input with no entry (a new field not yet listed): refused beyond it. */
const UNLISTED_LIMIT = 1000;

const isStringScalar = (type: GraphQLInputType): boolean => isScalarType(type) && type.name === 'String';

/** The field error of a path: the `input` argument is the form itself (`name`, `address.city`), as the services name them. */
const fieldPath = (path: readonly string[]): string => (path[0] === 'input' && path.length > 1 ? path.slice(1) : path).join('.');

function walk(type: GraphQLInputType, value: unknown, coordinate: string, path: string[], errors: FieldError[]): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) for (const item of value) walk(nullable.ofType as GraphQLInputType, item, coordinate, path, errors);
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(nullable.getFields())) {
      const child = (value as Record<string, unknown>)[field.name];
      walk(field.type, child, `${nullable.name}.${field.name}`, [...path, field.name], errors);
    }
    return;
  }
  if (!isStringScalar(nullable) || typeof value !== 'string') return;
  const rule = INPUT_LIMITS[coordinate];
  if (rule?.perRow) return;
  const max = rule ? TEXT_LIMITS[rule.limit] : UNLISTED_LIMIT;
  if (textLength(value.trim()) <= max) return;
  if (rule?.cursor) throw new DomainError('BAD_USER_INPUT', 'Invalid cursor: pass an endCursor returned by a previous page.');
  const field = fieldPath(path);
  if (errors.some((e) => e.field === field)) return;
  errors.push({ field, code: rule?.code ?? 'TEXT_TOO_LONG', params: { max: String(max) } });
}

/** The field errors of the arguments of one field, or none. */
export function inputLimitErrors(
  args: readonly GraphQLArgument[],
  values: Record<string, unknown>,
  parent: string,
  field: string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const arg of args) walk(arg.type, values[arg.name], `${parent}.${field}(${arg.name})`, [arg.name], errors);
  return errors;
}

/**
 * Refuses, before the resolver and so before any database, a String argument or input field
 * longer than its limit: VALIDATION_FAILED with one coded field error each (a cursor:
 * BAD_USER_INPUT). Runs after the access check, so a caller without access learns nothing.
 * Declared on the resolver classes that take arguments (`@UseMiddleware(InputLimits)`).
 */
export const InputLimits: MiddlewareFn = ({ args, info }, next) => {
  const fieldDef = (info as GraphQLResolveInfo).parentType.getFields()[info.fieldName];
  if (fieldDef && fieldDef.args.length > 0) {
    const errors = inputLimitErrors(fieldDef.args, args, info.parentType.name, info.fieldName);
    if (errors.length > 0) throw validationFailed(errors);
  }
  return next();
};
