import { frenchVatNumber } from '../../config/seller';
import type { CompanyEntity } from '../companies/company.entity';
import type { InvoiceDocumentInput, InvoiceKind, InvoiceLineInput, Party, SellerIdentity } from './facturx';

/**
 * The client company as the buyer of an invoice, at the time of issue (the invoice keeps this
 * snapshot: a later change of the company's address does not touch issued invoices). A French
 * company's VAT number is derived from its SIREN.
 */
export function buyerOf(
  company: Pick<CompanyEntity, 'name' | 'siret' | 'addressLine1' | 'addressLine2' | 'postalCode' | 'city' | 'country'>,
): Party {
  const siren = company.siret.slice(0, 9);
  return {
    legalName: company.name,
    siren,
    siret: company.siret,
    vatNumber: company.country === 'FR' ? frenchVatNumber(siren) : null,
    address: {
      line1: company.addressLine1,
      line2: company.addressLine2,
      postalCode: company.postalCode,
      city: company.city,
      country: company.country,
    },
  };
}

export interface DocumentDraft {
  kind: InvoiceKind;
  number: string;
  issueDate: string;
  dueDate: string;
  periodStart: string;
  periodEnd: string;
  seller: SellerIdentity;
  buyer: Party;
  lines: InvoiceLineInput[];
  /** The invoice a credit note corrects. */
  preceding?: { number: string; issueDate: string } | null;
  note?: string | null;
}

/** The Factur-X generator's input. The number is a placeholder until one is allocated. */
export function documentInput(d: DocumentDraft): InvoiceDocumentInput {
  return {
    kind: d.kind,
    number: d.number,
    issueDate: d.issueDate,
    dueDate: d.dueDate,
    servicePeriod: { start: d.periodStart, end: d.periodEnd },
    ...(d.preceding ? { preceding: d.preceding } : {}),
    seller: d.seller,
    buyer: d.buyer,
    lines: d.lines,
    ...(d.note ? { note: d.note } : {}),
  };
}

/** What an invoice number looks like before one is allocated (for checks and previews). */
export const DRAFT_NUMBER = 'BROUILLON';
