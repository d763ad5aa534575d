import { z } from 'zod';
import { validateSiren, validateSiret } from '@guichet/shared';
import type { SellerIdentity } from '../modules/invoices/facturx/types';
import { isIbanValid } from '../modules/invoices/facturx/validate';

/**
 * The operator's identity as it is printed on every invoice (the seller), read by `env.ts` from
 * `SELLER_*`. The defaults describe a fictitious company, "Domicile Pro SAS", whose identifiers
 * pass every check (SIREN and SIRET Luhn, VAT key, IBAN mod 97), so that the demo issues valid
 * Factur-X invoices; a real deployment sets its own.
 */
const text = (max: number, fallback: string) => z.string().trim().min(1).max(max).default(fallback);

export const SELLER_ENV_FIELDS = {
  SELLER_LEGAL_NAME: text(200, 'Domicile Pro SAS'),
  SELLER_LEGAL_FORM: text(50, 'SAS'),
  /** As printed after "au capital de". */
  SELLER_SHARE_CAPITAL: text(50, '50\u00a0000\u00a0€'),
  SELLER_ADDRESS_LINE1: text(200, '24 rue du Faubourg Montmartre'),
  SELLER_ADDRESS_LINE2: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(200).optional()),
  SELLER_POSTAL_CODE: text(20, '75009'),
  SELLER_CITY: text(100, 'Paris'),
  SELLER_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'SELLER_COUNTRY: two capital letters (ISO 3166-1), e.g. FR')
    .default('FR'),
  SELLER_SIREN: z
    .string()
    .transform((v) => v.replace(/\s+/g, ''))
    .refine((v) => validateSiren(v).ok, 'SELLER_SIREN: 9 digits with a valid Luhn checksum')
    .default('847123692'),
  SELLER_SIRET: z
    .string()
    .transform((v) => v.replace(/\s+/g, ''))
    .refine((v) => validateSiret(v).ok, 'SELLER_SIRET: 14 digits with a valid Luhn checksum')
    .default('84712369200018'),
  SELLER_RCS_CITY: text(100, 'Paris'),
  SELLER_VAT_NUMBER: z
    .string()
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .refine((v) => /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v), 'SELLER_VAT_NUMBER: an intra-community VAT number, e.g. FR91847123692')
    .default('FR91847123692'),
  SELLER_IBAN: z
    .string()
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .refine(isIbanValid, 'SELLER_IBAN: not a valid IBAN (check digits)')
    .default('FR7612345678900001234567858'),
  SELLER_BIC: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), 'SELLER_BIC: 8 or 11 characters, e.g. BNPAFRPP')
    .default('DOMPFRPP'),
  SELLER_EMAIL: z.email('SELLER_EMAIL: an email address').default('facturation@domicile-pro.fr'),
  /** Printed after "Pénalités de retard :" (French law: at least three times the legal interest rate). */
  SELLER_LATE_PENALTY_RATE: text(200, 'taux de refinancement de la BCE majoré de 10 points'),
  /** "Option pour le paiement de la TVA d'après les débits", printed on every invoice when true. */
  SELLER_VAT_ON_DEBITS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Days between an invoice of the invoicing run and its due date (at most 60, the legal maximum). */
  INVOICE_PAYMENT_DAYS: z.coerce.number().int().min(0).max(60).default(30),
};

type SellerFields = z.infer<z.ZodObject<typeof SELLER_ENV_FIELDS>>;

/** The French VAT key of a SIREN: FR + key + SIREN. */
export function frenchVatNumber(siren: string): string {
  return `FR${String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0')}${siren}`;
}

/**
 * The seller of the invoices, from the parsed configuration, with the checks that involve several
 * variables: the SIRET starts with the SIREN, and a French VAT number is the SIREN's.
 */
export function sellerIdentityOf(env: SellerFields): SellerIdentity {
  const problems: string[] = [];
  if (!env.SELLER_SIRET.startsWith(env.SELLER_SIREN)) problems.push('SELLER_SIRET: must start with SELLER_SIREN');
  if (env.SELLER_VAT_NUMBER.startsWith('FR') && env.SELLER_VAT_NUMBER !== frenchVatNumber(env.SELLER_SIREN)) {
    problems.push(`SELLER_VAT_NUMBER: the French VAT number of SIREN ${env.SELLER_SIREN} is ${frenchVatNumber(env.SELLER_SIREN)}`);
  }
  if (problems.length > 0) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    legalName: env.SELLER_LEGAL_NAME,
    legalForm: env.SELLER_LEGAL_FORM,
    shareCapital: env.SELLER_SHARE_CAPITAL,
    siren: env.SELLER_SIREN,
    siret: env.SELLER_SIRET,
    vatNumber: env.SELLER_VAT_NUMBER,
    rcsCity: env.SELLER_RCS_CITY,
    address: {
      line1: env.SELLER_ADDRESS_LINE1,
      line2: env.SELLER_ADDRESS_LINE2 ?? null,
      postalCode: env.SELLER_POSTAL_CODE,
      city: env.SELLER_CITY,
      country: env.SELLER_COUNTRY,
    },
    iban: env.SELLER_IBAN,
    bic: env.SELLER_BIC,
    email: env.SELLER_EMAIL,
    latePenaltyRate: env.SELLER_LATE_PENALTY_RATE,
    vatOnDebits: env.SELLER_VAT_ON_DEBITS,
  };
}

/** The demo seller (every SELLER_* at its default), for seeds and benches that have no configuration. */
export function defaultSeller(): SellerIdentity {
  return sellerIdentityOf(z.object(SELLER_ENV_FIELDS).parse({}));
}
