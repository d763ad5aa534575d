import type { InvoiceDocumentInput, SellerIdentity } from '../types';

/** A fictitious domiciliation company (Luhn-valid SIREN, matching VAT key, valid IBAN). */
export const SELLER: SellerIdentity = {
  legalName: 'Guichet Domiciliation SAS',
  legalForm: 'SAS',
  shareCapital: '50 000 €',
  rcsCity: 'Paris',
  siren: '732829320',
  siret: '73282932000074',
  vatNumber: 'FR44732829320',
  address: { line1: '10 rue de la Bourse', postalCode: '75002', city: 'Paris', country: 'FR' },
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP882',
  latePenaltyRate: 'trois fois le taux d’intérêt légal',
  vatOnDebits: true,
  email: 'facturation@guichet.example',
};

export const BUYER: InvoiceDocumentInput['buyer'] = {
  legalName: 'Atelier Dupont & Fils SARL',
  siren: '443061841',
  siret: '44306184100005',
  vatNumber: 'FR64443061841',
  address: { line1: '8 avenue Jean Médecin', line2: 'Bâtiment B', postalCode: '06000', city: 'Nice', country: 'FR' },
};

/** Several lines, every French rate, decimal quantities, an exempt line, a delivery address, a payment. */
export function demoInvoice(overrides: Partial<InvoiceDocumentInput> = {}): InvoiceDocumentInput {
  return {
    kind: 'INVOICE',
    number: 'F2026-000123',
    issueDate: '2026-01-31',
    dueDate: '2026-02-28',
    servicePeriod: { start: '2026-01-01', end: '2026-01-31' },
    seller: SELLER,
    buyer: BUYER,
    deliveryAddress: { line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
    lines: [
      { label: 'Domiciliation commerciale — formule Sérénité (janvier 2026)', quantity: '1', unitPriceCents: 4900, vatRate: '20' },
      { label: 'Réexpédition du courrier (plis)', quantity: '3.5', unitPriceCents: 333, vatRate: '20' },
      { label: 'Location de salle de réunion, heures', quantity: '2.25', unitPriceCents: 1990, vatRate: '10' },
      { label: 'Abonnement presse professionnelle', quantity: '1', unitPriceCents: 1235, vatRate: '5.5' },
      { label: 'Publication au BODACC (débours)', quantity: '1', unitPriceCents: 999, vatRate: '2.1' },
      {
        label: 'Frais de formalités refacturés à l’euro près',
        quantity: '1',
        unitPriceCents: 2500,
        vatRate: '0',
        exemptionReason: 'Débours refacturés au coût réel, exclus de la base d’imposition (article 267 II 2° du CGI)',
      },
    ],
    paidCents: 1000,
    note: 'Merci de votre confiance.',
    ...overrides,
  };
}

export function demoCreditNote(overrides: Partial<InvoiceDocumentInput> = {}): InvoiceDocumentInput {
  return {
    kind: 'CREDIT_NOTE',
    number: 'A2026-000007',
    issueDate: '2026-02-05',
    dueDate: '2026-02-05',
    preceding: { number: 'F2026-000123', issueDate: '2026-01-31' },
    seller: { ...SELLER, vatOnDebits: false },
    buyer: BUYER,
    lines: [{ label: 'Geste commercial sur la domiciliation de janvier 2026', quantity: '1', unitPriceCents: 1250, vatRate: '20' }],
    ...overrides,
  };
}

/** Enough lines to need three pages. */
export function longInvoice(): InvoiceDocumentInput {
  const rates = ['20', '10', '5.5', '2.1'] as const;
  return demoInvoice({
    number: 'F2026-000124',
    deliveryAddress: null,
    paidCents: 0,
    lines: Array.from({ length: 70 }, (_, i) => ({
      label:
        i % 7 === 0
          ? `Prestation n° ${i + 1} : accueil téléphonique personnalisé, prise de messages et transfert d’appels vers le numéro du dirigeant pendant les heures ouvrées`
          : `Prestation n° ${i + 1}`,
      quantity: ((i % 5) + 1).toString() + (i % 3 === 0 ? '.125' : ''),
      unitPriceCents: 101 + i * 37,
      vatRate: rates[i % rates.length]!,
    })),
  });
}
