import { formatDateFr } from './money';
import type { InvoiceDocumentInput } from './types';

/** A mention of a French B2B invoice, printed on the PDF and carried as a CII note (BT-21 subject, BT-22 text). */
export interface Mention {
  /** UNTDID 4451 text subject code. */
  subjectCode: 'PMT' | 'PMD' | 'AAB' | 'REG' | 'TXD' | 'AAI';
  text: string;
}

export const RECOVERY_INDEMNITY_TEXT =
  'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € (articles L441-10 et D441-5 du Code de commerce).';
export const NO_DISCOUNT_TEXT = 'Pas d’escompte pour paiement anticipé.';
export const OPERATION_CATEGORY_TEXT = 'Catégorie d’opération : prestation de services.';
export const VAT_ON_DEBITS_TEXT = 'Option pour le paiement de la TVA d’après les débits.';

export function latePenaltyText(rate: string): string {
  return `Pénalités de retard : ${rate.trim()}, exigibles de plein droit dès le lendemain de la date d’échéance.`;
}

/** `SAS au capital de 10 000 € · RCS Paris 732 829 320` (BT-33, seller additional legal information). */
export function sellerLegalText(input: InvoiceDocumentInput): string {
  const s = input.seller;
  return `${s.legalForm.trim()} au capital de ${s.shareCapital.trim()} · RCS ${s.rcsCity.trim()} ${formatSiren(s.siren)}`;
}

/** BT-20, payment terms: a transfer to the seller, or (credit note) a deduction or refund to the buyer. */
export function paymentTermsText(input: InvoiceDocumentInput): string {
  return input.kind === 'CREDIT_NOTE'
    ? `Montant à déduire de votre prochain règlement ou remboursé par virement au plus tard le ${formatDateFr(input.dueDate)}.`
    : `Paiement par virement bancaire au plus tard le ${formatDateFr(input.dueDate)}.`;
}

/**
 * The legal mentions in the order they are printed: the €40 indemnity (PMT), the penalty rate
 * (PMD), no discount (AAB), the category of operation (REG), the VAT-on-debits option when chosen
 * (TXD), then the free note (AAI).
 */
export function frenchMentions(input: InvoiceDocumentInput): Mention[] {
  const mentions: Mention[] = [
    { subjectCode: 'PMT', text: RECOVERY_INDEMNITY_TEXT },
    { subjectCode: 'PMD', text: latePenaltyText(input.seller.latePenaltyRate) },
    { subjectCode: 'AAB', text: NO_DISCOUNT_TEXT },
    { subjectCode: 'REG', text: OPERATION_CATEGORY_TEXT },
  ];
  if (input.seller.vatOnDebits) mentions.push({ subjectCode: 'TXD', text: VAT_ON_DEBITS_TEXT });
  if (input.note != null && input.note.trim() !== '') mentions.push({ subjectCode: 'AAI', text: input.note.trim() });
  return mentions;
}

/** `732829320` → `732 829 320`. */
export function formatSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}` : siren;
}

/** Whether the delivery address differs from the buyer's (only then is it a mandatory mention). */
export function deliveryDiffers(input: InvoiceDocumentInput): boolean {
  const d = input.deliveryAddress;
  if (d == null) return false;
  const b = input.buyer.address;
  const norm = (s: string | null | undefined): string => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return (
    norm(d.line1) !== norm(b.line1) ||
    norm(d.line2) !== norm(b.line2) ||
    norm(d.postalCode) !== norm(b.postalCode) ||
    norm(d.city) !== norm(b.city) ||
    norm(d.country) !== norm(b.country)
  );
}
