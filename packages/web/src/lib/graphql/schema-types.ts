export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
};

/** For a new account: names (default: as invited) and password. Ignored when signed in. */
export type AcceptInvitationInput = {
  firstName?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  password?: InputMaybe<Scalars['String']['input']>;
};

export type AccessRequestInput = {
  email: Scalars['String']['input'];
  firstName: Scalars['String']['input'];
  lastName: Scalars['String']['input'];
  /** A message for the administrators (1000 characters at most). */
  message?: InputMaybe<Scalars['String']['input']>;
  /** SIRET of the company to join; spaces allowed. */
  siret: Scalars['String']['input'];
};

export type AccessRequestStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

export type AddressInput = {
  city: Scalars['String']['input'];
  /** ISO 3166-1 alpha-2; defaults to FR. */
  country?: Scalars['String']['input'];
  line1: Scalars['String']['input'];
  line2?: InputMaybe<Scalars['String']['input']>;
  postalCode: Scalars['String']['input'];
};

/** REPLACED: a newer answer was given before this one was reviewed. */
export type AnswerReview =
  | 'ACCEPTED'
  | 'PENDING'
  | 'REJECTED'
  | 'REPLACED';

/** Permission sets offered when creating a token: MAIL_READ_ONLY, MAIL_FULL, INVOICES, FORMALITIES. */
export type ApiTokenPreset =
  | 'FORMALITIES'
  | 'INVOICES'
  | 'MAIL_FULL'
  | 'MAIL_READ_ONLY';

/** ACTIVE; ROTATING: replaced by a rotation, still accepted until graceEndsAt; EXPIRED; REVOKED. */
export type ApiTokenStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED'
  | 'ROTATING';

/** Errors come back as VALIDATION_FAILED with one entry per field (name, siret, address.*). */
export type CompanyInput = {
  address: AddressInput;
  name: Scalars['String']['input'];
  /** 14 digits; spaces allowed. */
  siret: Scalars['String']['input'];
};

/** The language of the consent statement shown to the signer. */
export type ConsentLocale =
  | 'EN'
  | 'FR';

/** What a member is the contact for: who gets notified of new mail, invoices or formality steps. */
export type ContactSubject =
  | 'COURRIER'
  | 'FACTURATION'
  | 'FORMALITE';

export type CreateApiTokenInput = {
  /** Addresses or CIDR ranges it may be used from (at most 20); empty: any. */
  allowedIps?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Days until it expires: 1 to 366, default 90. */
  expiresInDays?: InputMaybe<Scalars['Int']['input']>;
  /** What it is for, e.g. "Export comptable Pennylane" (at most 80 characters). */
  name: Scalars['String']['input'];
  /** Among the permissions of COURRIER, FACTURATION and FORMALITE, less those that need a person; company:read is always added. */
  permissions: Array<Permission>;
};

/** A new client company and its first administrator. Errors come back as VALIDATION_FAILED with one entry per field, all at once (name, siret, address.*, firstAdmin.*). */
export type CreateCompanyInput = {
  address: AddressInput;
  firstAdmin: FirstAdminInput;
  name: Scalars['String']['input'];
  /** 14 digits; spaces allowed. */
  siret: Scalars['String']['input'];
};

export type CreateOperatorTokenInput = {
  allowedIps?: InputMaybe<Array<Scalars['String']['input']>>;
  capabilities: Array<OperatorTokenCapability>;
  /** Days until it expires: 1 to 366, default 90. */
  expiresInDays?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};

export type CreditNoteInput = {
  /** What is credited. Omitted: the whole invoice, line by line (only while nothing of it has been credited yet). */
  lines?: InputMaybe<Array<InvoiceLineInput>>;
  /** Why the invoice is corrected; printed on the credit note (at most 500 characters). */
  reason: Scalars['String']['input'];
};

/** INLINE opens the PDF in the browser; ATTACHMENT downloads it. */
export type FileDisposition =
  | 'ATTACHMENT'
  | 'INLINE';

/** The person invited as the company’s first administrator (access Administrateur), with the rules of a team invitation. Errors come back under firstAdmin.* (e.g. firstAdmin.email). */
export type FirstAdminInput = {
  /** A person’s address: generic mailboxes (contact@, compta@, …) are refused. */
  email: Scalars['String']['input'];
  firstName: Scalars['String']['input'];
  jobTitle?: InputMaybe<Scalars['String']['input']>;
  lastName: Scalars['String']['input'];
  /** Optional; normalised to E.164 (default region FR). */
  phone?: InputMaybe<Scalars['String']['input']>;
};

export type FormalityEventKind =
  | 'ANSWERED'
  | 'ANSWER_ACCEPTED'
  | 'ANSWER_REJECTED'
  | 'DOCUMENT_DELIVERED'
  | 'OPENED'
  | 'REQUEST_ADDED'
  | 'SIGNATURE_CANCELLED'
  | 'SIGNATURE_DECLINED'
  | 'SIGNATURE_LOCKED'
  | 'SIGNATURE_REQUESTED'
  | 'SIGNED'
  | 'STATE_CHANGED';

export type FormalityFilter = {
  state?: InputMaybe<FormalityState>;
};

/** Where the formality stands, mirroring the register: DRAFT → INFORMATION_REQUESTED → UNDER_REVIEW → AWAITING_SIGNATURE → FILED (tracking number) → AWAITING_VALIDATION → COMPLETED | REJECTED, with REGULARISATION_REQUESTED as a branch and CANCELLED. */
export type FormalityState =
  | 'AWAITING_SIGNATURE'
  | 'AWAITING_VALIDATION'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'DRAFT'
  | 'FILED'
  | 'INFORMATION_REQUESTED'
  | 'REGULARISATION_REQUESTED'
  | 'REJECTED'
  | 'UNDER_REVIEW';

/** Whose turn it is: the client’s ("à vous de jouer") or the operator’s. */
export type FormalityTurn =
  | 'CLIENT'
  | 'OPERATOR';

/** What the formality changes at the register. */
export type FormalityType =
  | 'AUGMENTATION_CAPITAL'
  | 'CHANGEMENT_DIRIGEANT'
  | 'DISSOLUTION'
  | 'MODIFICATION_STATUTS'
  | 'OTHER'
  | 'TRANSFERT_SIEGE';

export type ForwardingStatus =
  | 'CANCELLED'
  | 'REQUESTED'
  | 'SENT';

export type InformationRequestInput = {
  /** CHOICE only: 2 to 20 choices. */
  choices?: InputMaybe<Array<Scalars['String']['input']>>;
  /** YYYY-MM-DD. */
  dueDate?: InputMaybe<Scalars['String']['input']>;
  kind: InformationRequestKind;
  /** At most 500 characters. */
  question: Scalars['String']['input'];
  required?: Scalars['Boolean']['input'];
};

/** What the answer is: a text, a day (YYYY-MM-DD), a number, one of the choices, or a file (PDF, PNG or JPEG) uploaded to the file route. */
export type InformationRequestKind =
  | 'CHOICE'
  | 'DATE'
  | 'FILE'
  | 'NUMBER'
  | 'TEXT';

/** OPEN: waiting for an answer (again after a rejected one); ANSWERED: waiting for the operator’s review; ACCEPTED. */
export type InformationRequestStatus =
  | 'ACCEPTED'
  | 'ANSWERED'
  | 'OPEN';

/** One person to invite. Errors come back per row, never for the whole batch. */
export type InvitationInput = {
  /** What this person is the contact for; only areas their scopes grant. */
  contactFor?: Array<ContactSubject>;
  email: Scalars['String']['input'];
  firstName: Scalars['String']['input'];
  jobTitle?: InputMaybe<Scalars['String']['input']>;
  lastName: Scalars['String']['input'];
  /** Optional; normalised to E.164 (default region FR). */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** One role preset (e.g. [ADMIN]) or several non-admin scopes combined. */
  scopes: Array<Scope>;
};

export type InvitationRowStatus =
  | 'FAILED'
  | 'INVITED';

/** EXPIRED is a pending invitation whose link is past its 7 days. */
export type InvitationStatus =
  | 'ACCEPTED'
  | 'EXPIRED'
  | 'PENDING'
  | 'REVOKED';

/** PDF: the Factur-X invoice (PDF/A-3 with its XML embedded). XML: the CII XML (EN 16931) alone. */
export type InvoiceFileFormat =
  | 'PDF'
  | 'XML';

/** Filters combine with AND. */
export type InvoiceFilter = {
  kind?: InputMaybe<InvoiceKind>;
  /** true: unpaid and past the due date; false: the others. */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Text found in the number, the label, or (credit notes) the corrected invoice’s number; ignoring case and accents. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<InvoiceStatus>;
  /** Issued in this calendar year (Paris time). */
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** An invoice, or a credit note (avoir) that corrects one. */
export type InvoiceKind =
  | 'CREDIT_NOTE'
  | 'INVOICE';

export type InvoiceLineInput = {
  /** Required with the 0 % rate, refused otherwise: the exemption statement (e.g. "Exonération de TVA, article 261 C du CGI"). */
  exemptionReason?: InputMaybe<Scalars['String']['input']>;
  /** At most 300 characters. */
  label: Scalars['String']['input'];
  /** Decimal with a dot, > 0, at most 4 decimals: "1", "2.5". */
  quantity: Scalars['String']['input'];
  /** Excluding VAT, in cents, ≥ 0. */
  unitPriceCents: Scalars['Int']['input'];
  /** Percent: "20", "10", "5.5", "2.1" or "0". */
  vatRate: Scalars['String']['input'];
};

/** Payment state of an invoice: DUE, PARTIALLY_PAID, PAID ("encaissée"), CREDITED (cancelled in full by credit notes). Overdue is derived: see Invoice.overdue. */
export type InvoiceStatus =
  | 'CREDITED'
  | 'DUE'
  | 'PAID'
  | 'PARTIALLY_PAID';

/** CSV: one line per invoice and VAT rate, for the accountant (UTF-8 with BOM, `;`, decimal comma). ZIP: the Factur-X PDFs and that CSV. */
export type InvoicesExportFormat =
  | 'CSV'
  | 'ZIP';

/** What the run did for a company: billed it, would bill it (dry run), found the period already billed, or could not bill it (see error). */
export type InvoicingOutcome =
  | 'ALREADY_BILLED'
  | 'BILLED'
  | 'FAILED'
  | 'WOULD_BILL';

export type IssueInvoiceInput = {
  /** YYYY-MM-DD, from the issue date to 60 days after it. Default: the configured payment terms (INVOICE_PAYMENT_DAYS). */
  dueDate?: InputMaybe<Scalars['String']['input']>;
  /** What lists show. Default: the first line’s label. */
  label?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 500 lines. */
  lines: Array<InvoiceLineInput>;
  /** A note printed on the invoice (at most 500 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
  /** Last day of the service period, YYYY-MM-DD. */
  periodEnd: Scalars['String']['input'];
  /** First day of the service period, YYYY-MM-DD. */
  periodStart: Scalars['String']['input'];
};

/** Language of the interface and of the emails sent to the user. */
export type Locale =
  | 'EN'
  | 'FR';

/** Filters combine with AND. Dates are instants (ISO 8601). */
export type MailFilter = {
  /** Received at or after this instant (inclusive). */
  receivedFrom?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Received before this instant (exclusive). A range ending before `receivedFrom` is refused (BAD_USER_INPUT). */
  receivedTo?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Text found in the sender or the recipient, ignoring case and accents. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<MailStatus>;
  /** Items carrying any of these tags. */
  tagIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  type?: InputMaybe<MailType>;
};

/** Where the physical item is: scanned and kept, asked to be forwarded, forwarded, or archived. */
export type MailStatus =
  | 'ARCHIVED'
  | 'FORWARDED'
  | 'FORWARD_REQUESTED'
  | 'SCANNED';

/** Kind of postal item. */
export type MailType =
  | 'ADMINISTRATIVE'
  | 'ADVERTISING'
  | 'LETTER'
  | 'PARCEL'
  | 'REGISTERED';

export type MembershipStatus =
  | 'ACTIVE'
  | 'SUSPENDED';

export type MoveFormalityInput = {
  /** The day the new step is due, YYYY-MM-DD. */
  dueDate?: InputMaybe<Scalars['String']['input']>;
  /** Required for REJECTED and REGULARISATION_REQUESTED. At most 1000 characters. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Required for FILED: the register’s tracking number. */
  trackingNumber?: InputMaybe<Scalars['String']['input']>;
};

/** What an operator token (scanning station, billing tool) may do. */
export type OperatorTokenCapability =
  | 'INVOICE_ISSUE'
  | 'SCAN_UPLOAD';

export type PaymentInput = {
  /** In cents, > 0, at most what remains due. */
  amountCents: Scalars['Int']['input'];
  /** The day the money was received, YYYY-MM-DD: not in the future, not before the invoice date. */
  date: Scalars['String']['input'];
  method: PaymentMethod;
  /** E.g. the bank transfer’s reference (at most 100 characters). */
  reference?: InputMaybe<Scalars['String']['input']>;
};

export type PaymentMethod =
  | 'CARD'
  | 'CASH'
  | 'CHECK'
  | 'DIRECT_DEBIT'
  | 'OTHER'
  | 'TRANSFER';

/** A permission of the access matrix (see the @requiresPermission directive on each field). */
export type Permission =
  | 'ACTIVITY_READ'
  | 'API_TOKEN_MANAGE'
  | 'COMPANY_READ'
  | 'COMPANY_UPDATE'
  | 'FORMALITY_DOWNLOAD'
  | 'FORMALITY_READ'
  | 'FORMALITY_RESPOND'
  | 'FORMALITY_SIGN'
  | 'INVOICE_DOWNLOAD'
  | 'INVOICE_READ'
  | 'MAIL_DOWNLOAD'
  | 'MAIL_EXPORT'
  | 'MAIL_FORWARD'
  | 'MAIL_READ'
  | 'MAIL_TAG'
  | 'TEAM_INVITE'
  | 'TEAM_MANAGE'
  | 'TEAM_READ';

export type PlanInput = {
  /** Required with the 0 % rate. */
  exemptionReason?: InputMaybe<Scalars['String']['input']>;
  /** Printed on each invoice with the period, e.g. "Domiciliation commerciale". */
  label: Scalars['String']['input'];
  period: PlanPeriod;
  /** Price per period excluding VAT, in cents. */
  priceCents: Scalars['Int']['input'];
  /** Percent: "20", "10", "5.5", "2.1" or "0". */
  vatRate: Scalars['String']['input'];
};

/** How often a plan is billed: each month, or once a year (for the calendar year). */
export type PlanPeriod =
  | 'MONTHLY'
  | 'YEARLY';

/** Only the fields given change; invoices already issued never do. */
export type PlanUpdateInput = {
  /** false: the run stops billing this company. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** Give "" to remove it. */
  exemptionReason?: InputMaybe<Scalars['String']['input']>;
  label?: InputMaybe<Scalars['String']['input']>;
  period?: InputMaybe<PlanPeriod>;
  priceCents?: InputMaybe<Scalars['Int']['input']>;
  vatRate?: InputMaybe<Scalars['String']['input']>;
};

/** A named preset of scopes. Null where scopes are combined (e.g. COURRIER + FACTURATION). */
export type Role =
  | 'ADMINISTRATEUR'
  | 'FACTURATION'
  | 'GESTION_COURRIER'
  | 'GESTION_FORMALITE';

/** An access scope. ADMIN implies every other scope. */
export type Scope =
  | 'ADMIN'
  | 'COURRIER'
  | 'FACTURATION'
  | 'FORMALITE';

/** What an event of the evidence trail records. */
export type SignatureEventKind =
  | 'CANCELLED'
  | 'CODE_ACCEPTED'
  | 'CODE_FAILED'
  | 'CODE_SENT'
  | 'CONSENT_GIVEN'
  | 'DECLINED'
  | 'DOCUMENT_OPENED'
  | 'EMAIL_SENT'
  | 'LOCKED'
  | 'REQUEST_CREATED'
  | 'SIGNED';

/** PENDING: waiting for the signer; SIGNED; DECLINED by the signer; LOCKED after 5 wrong codes (the operator is told); CANCELLED by the operator. */
export type SignatureStatus =
  | 'CANCELLED'
  | 'DECLINED'
  | 'LOCKED'
  | 'PENDING'
  | 'SIGNED';
