import { computeTotals, FacturXError, validateInvoiceInput, type InvoiceDocumentInput, type InvoiceLineInput } from '..';
import { divHalfUp, formatEuros, parseScaled } from '../money';
import { demoCreditNote, demoInvoice } from './fixtures';

const withLines = (lines: InvoiceLineInput[]): InvoiceDocumentInput => demoInvoice({ lines, paidCents: 0 });
const codes = (input: InvoiceDocumentInput): string[] => validateInvoiceInput(input).map((e) => `${e.field}:${e.code}`);

/** BR-CO-10, -13, -14, -15, -16, -17, BR-S-08 and BR-E-08, recomputed independently of totals.ts. */
function expectEn16931Totals(input: InvoiceDocumentInput): void {
  const t = computeTotals(input);
  expect(t.lineTotalCents).toBe(t.lines.reduce((s, l) => s + l.netCents, 0)); // BR-CO-10
  expect(t.taxBasisTotalCents).toBe(t.lineTotalCents); // BR-CO-13 (no allowances, no charges)
  expect(t.vatTotalCents).toBe(t.vatBreakdown.reduce((s, v) => s + v.vatCents, 0)); // BR-CO-14
  expect(t.grandTotalCents).toBe(t.taxBasisTotalCents + t.vatTotalCents); // BR-CO-15
  expect(t.dueCents).toBe(t.grandTotalCents - t.paidCents); // BR-CO-16
  for (const v of t.vatBreakdown) {
    const nets = t.lines.filter((l) => l.vatRate === v.rate).reduce((s, l) => s + l.netCents, 0);
    expect(v.basisCents).toBe(nets); // BR-S-08 / BR-E-08
    // BR-CO-17 as the Schematron writes it: round(basis × rate / 100) to 2 decimals.
    const rate100 = Number(parseScaled(v.rate, 2));
    expect(v.vatCents).toBe(Number(divHalfUp(BigInt(v.basisCents) * BigInt(rate100), 10_000n)));
    if (v.categoryCode === 'E') expect(v.vatCents).toBe(0); // BR-E-09
  }
  for (const v of t.vatBreakdown) expect(Number.isSafeInteger(v.basisCents) && Number.isSafeInteger(v.vatCents)).toBe(true);
}

describe('computeTotals', () => {
  it('computes lines, the VAT breakdown per rate and the totals of a mixed-rate invoice', () => {
    const t = computeTotals(demoInvoice());
    expect(t.lines.map((l) => [l.lineId, l.quantity, l.netCents, l.categoryCode])).toEqual([
      ['1', '1', 4900, 'S'],
      ['2', '3.5', 1166, 'S'], // 3.5 × 3.33 = 11.655 → 11.66 (half-up)
      ['3', '2.25', 4478, 'S'], // 2.25 × 19.90 = 44.775 → 44.78
      ['4', '1', 1235, 'S'],
      ['5', '1', 999, 'S'],
      ['6', '1', 2500, 'E'],
    ]);
    expect(t.vatBreakdown).toEqual([
      { rate: '20', categoryCode: 'S', basisCents: 6066, vatCents: 1213 }, // 60.66 × 20 % = 12.132
      { rate: '10', categoryCode: 'S', basisCents: 4478, vatCents: 448 }, // 4.478
      { rate: '5.5', categoryCode: 'S', basisCents: 1235, vatCents: 68 }, // 0.67925
      { rate: '2.1', categoryCode: 'S', basisCents: 999, vatCents: 21 }, // 0.20979
      {
        rate: '0',
        categoryCode: 'E',
        basisCents: 2500,
        vatCents: 0,
        exemptionReason: 'Débours refacturés au coût réel, exclus de la base d’imposition (article 267 II 2° du CGI)',
      },
    ]);
    expect(t).toMatchObject({
      currency: 'EUR',
      lineTotalCents: 15278,
      taxBasisTotalCents: 15278,
      vatTotalCents: 1750,
      grandTotalCents: 17028,
      paidCents: 1000,
      dueCents: 16028,
    });
    expectEn16931Totals(demoInvoice());
  });

  it('rounds half-up once per line, then once per rate (never per line VAT)', () => {
    // Three lines of 0.05 € at 10 %: per-line VAT would be 3 × round(0.005) = 0.03; per rate it is round(0.015) = 0.02.
    const t = computeTotals(
      withLines(Array.from({ length: 3 }, () => ({ label: 'Timbre', quantity: '1', unitPriceCents: 5, vatRate: '10' as const }))),
    );
    expect(t.vatBreakdown).toEqual([{ rate: '10', categoryCode: 'S', basisCents: 15, vatCents: 2 }]);
    expect(t.grandTotalCents).toBe(17);
  });

  it.each([
    ['0.5', 1, '20', 1, 0], // 0.005 € → 0.01 ; VAT 0.002 → 0
    ['0.3333', 300, '20', 100, 20], // 0.99990 € → 1.00
    ['0.0001', 4999, '20', 0, 0], // 0.004999 € → 0.00
    ['0.0001', 5000, '20', 1, 0], // exactly 0.005 € → 0.01
    ['1.5', 3, '5.5', 5, 0], // 0.045 → 0.05 ; VAT 0.00275 → 0.00
    ['1', 10, '5.5', 10, 1], // VAT 0.0055 → 0.01 (half-up at the cent)
    ['1', 90, '5.5', 90, 5], // VAT 0.0495 → 0.05
    ['1', 2381, '2.1', 2381, 50], // VAT 0.50001 → 0.50
    ['1', 2380, '2.1', 2380, 50], // VAT 0.4998 → 0.50
    ['7', 1, '10', 7, 1], // VAT 0.007 → 0.01
    ['3', 5, '10', 15, 2], // VAT 0.015 → 0.02 (a half: up)
    ['1', 25, '20', 25, 5], // VAT 0.05 exactly
    ['10000', 99999999, '20', 99999999_0000, 19999999_8000],
  ])('quantity %s × %i c at %s %% → net %i c, VAT %i c', (quantity, unitPriceCents, vatRate, net, vat) => {
    const input = withLines([{ label: 'Ligne', quantity, unitPriceCents, vatRate: vatRate as '20' }]);
    const t = computeTotals(input);
    expect(t.lines[0]!.netCents).toBe(net);
    expect(t.vatBreakdown[0]!.vatCents).toBe(vat);
    expectEn16931Totals(input);
  });

  it('normalises quantities and keeps the rates in a fixed order whatever the line order', () => {
    const t = computeTotals(
      withLines([
        { label: 'A', quantity: '2.5000', unitPriceCents: 100, vatRate: '5.5' },
        { label: 'B', quantity: '007', unitPriceCents: 100, vatRate: '20' },
        { label: 'C', quantity: '1.0', unitPriceCents: 100, vatRate: '5.5' },
      ]),
    );
    expect(t.lines.map((l) => l.quantity)).toEqual(['2.5', '7', '1']);
    expect(t.vatBreakdown.map((v) => [v.rate, v.basisCents, v.vatCents])).toEqual([
      ['20', 700, 140],
      ['5.5', 350, 19], // 19.25 → 19
    ]);
  });

  it('holds the EN 16931 totals rules on many generated invoices', () => {
    // A deterministic pseudo-random walk over quantities, prices and rates.
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const rates = ['20', '10', '5.5', '2.1', '0'] as const;
    for (let k = 0; k < 200; k++) {
      const lines = Array.from({ length: 1 + next(8) }, (_, i) => {
        const vatRate = rates[next(rates.length)]!;
        return {
          label: `Ligne ${i}`,
          quantity: `${next(20) + 1}.${String(next(10_000)).padStart(4, '0')}`,
          unitPriceCents: next(100_000),
          vatRate,
          ...(vatRate === '0' ? { exemptionReason: 'Exonération de TVA, article 261 C du CGI' } : {}),
        };
      });
      expectEn16931Totals(withLines(lines));
    }
  });

  it('computes a credit note with positive amounts (the type code 381 carries the sign)', () => {
    const t = computeTotals(demoCreditNote());
    expect(t).toMatchObject({ lineTotalCents: 1250, vatTotalCents: 250, grandTotalCents: 1500, paidCents: 0, dueCents: 1500 });
    expectEn16931Totals(demoCreditNote());
  });

  it('refuses a payment above the total including VAT', () => {
    expect(() => computeTotals(demoCreditNote({ paidCents: 1501 }))).toThrow(FacturXError);
    expect(computeTotals(demoCreditNote({ paidCents: 1500 })).dueCents).toBe(0);
  });

  it('throws a coded error listing the invalid fields', () => {
    let error: unknown;
    try {
      computeTotals(withLines([{ label: ' ', quantity: '0', unitPriceCents: 100, vatRate: '19.6' as '20' }]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FacturXError);
    expect((error as FacturXError).code).toBe('INVOICE_INPUT_INVALID');
    expect((error as FacturXError).fields).toEqual([
      { field: 'lines[0].label', code: 'INVOICE_LABEL_REQUIRED' },
      { field: 'lines[0].quantity', code: 'INVOICE_QUANTITY_INVALID' },
      { field: 'lines[0].vatRate', code: 'INVOICE_VAT_RATE_INVALID' },
    ]);
  });

  it('formats amounts in French notation with non-breaking spaces', () => {
    expect(formatEuros(17028)).toBe('170,28\u00a0€');
    expect(formatEuros(123456789)).toBe('1\u00a0234\u00a0567,89\u00a0€');
    expect(formatEuros(5)).toBe('0,05\u00a0€');
    expect(formatEuros(-1250)).toBe('-12,50\u00a0€');
  });
});

describe('validateInvoiceInput', () => {
  it('accepts the demo invoice and credit note', () => {
    expect(validateInvoiceInput(demoInvoice())).toEqual([]);
    expect(validateInvoiceInput(demoCreditNote())).toEqual([]);
  });

  it.each<[string, Partial<InvoiceLineInput>, string]>([
    ['a rate that is not French', { vatRate: '19.6' as '20' }, 'lines[0].vatRate:INVOICE_VAT_RATE_INVALID'],
    ['a zero quantity', { quantity: '0' }, 'lines[0].quantity:INVOICE_QUANTITY_INVALID'],
    ['a negative quantity', { quantity: '-1' }, 'lines[0].quantity:INVOICE_QUANTITY_INVALID'],
    ['a quantity with 5 decimals', { quantity: '1.00001' }, 'lines[0].quantity:INVOICE_QUANTITY_INVALID'],
    ['a quantity with a comma', { quantity: '1,5' }, 'lines[0].quantity:INVOICE_QUANTITY_INVALID'],
    ['a quantity in exponent notation', { quantity: '1e3' }, 'lines[0].quantity:INVOICE_QUANTITY_INVALID'],
    ['a fractional price', { unitPriceCents: 10.5 }, 'lines[0].unitPriceCents:INVOICE_UNIT_PRICE_INVALID'],
    ['a negative price', { unitPriceCents: -100 }, 'lines[0].unitPriceCents:INVOICE_UNIT_PRICE_INVALID'],
    ['an empty label', { label: '  ' }, 'lines[0].label:INVOICE_LABEL_REQUIRED'],
    ['a label with a control character', { label: 'A\u0007B' }, 'lines[0].label:INVOICE_TEXT_INVALID'],
    ['a label the invoice font cannot draw', { label: 'Café ☕ 咖啡' }, 'lines[0].label:INVOICE_TEXT_INVALID'],
    ['a 0 % line without exemption reason', { vatRate: '0' }, 'lines[0].exemptionReason:INVOICE_EXEMPTION_REASON_REQUIRED'],
    [
      'an exemption reason on a 20 % line',
      { exemptionReason: 'Article 261' },
      'lines[0].exemptionReason:INVOICE_EXEMPTION_REASON_UNEXPECTED',
    ],
  ])('refuses %s', (_what, change, expected) => {
    const input = withLines([{ label: 'Domiciliation', quantity: '1', unitPriceCents: 4900, vatRate: '20', ...change }]);
    expect(codes(input)).toEqual([expected]);
  });

  it('refuses the document-level mistakes with their codes', () => {
    expect(codes(demoInvoice({ lines: [] }))).toEqual(['lines:INVOICE_LINES_REQUIRED']);
    expect(codes(demoInvoice({ dueDate: '2026-01-30' }))).toEqual(['dueDate:INVOICE_DUE_BEFORE_ISSUE']);
    expect(codes(demoInvoice({ issueDate: '2026-02-30' }))).toEqual(['issueDate:INVOICE_DATE_INVALID']);
    expect(codes(demoCreditNote({ preceding: undefined }))).toEqual(['preceding:INVOICE_CREDIT_NOTE_REFERENCE_REQUIRED']);
    expect(codes(demoCreditNote({ preceding: { number: 'F2026-000123', issueDate: '2026-03-01' } }))).toEqual([
      'preceding.issueDate:INVOICE_CREDIT_NOTE_REFERENCE_INVALID',
    ]);
    expect(codes(demoInvoice({ servicePeriod: { start: '2026-01-31', end: '2026-01-01' } }))).toEqual([
      'servicePeriod.end:INVOICE_PERIOD_INVALID',
    ]);
    expect(codes(demoInvoice({ number: '' }))).toEqual(['number:INVOICE_NUMBER_REQUIRED']);
    expect(codes(demoInvoice({ number: 'F 2026 <1>' }))).toEqual(['number:INVOICE_NUMBER_INVALID']);
    expect(codes(demoInvoice({ paidCents: -1 }))).toEqual(['paidCents:INVOICE_PAID_AMOUNT_INVALID']);
    expect(codes(demoInvoice({ kind: 'QUOTE' as 'INVOICE' }))).toEqual(['kind:INVOICE_KIND_INVALID']);
  });

  it('accepts French, other Latin, Greek and Cyrillic text, and line feeds only where text wraps', () => {
    const label = 'Œuvre « spéciale » — 2,5 % d’écart… Ÿ ß Ø Ł Ž € № Ωμέγα Привет\nsuite';
    expect(codes(withLines([{ label, quantity: '1', unitPriceCents: 100, vatRate: '20' }]))).toEqual([]);
    const base = demoInvoice();
    expect(codes({ ...base, note: 'Ligne 1\nLigne 2' })).toEqual([]);
    expect(codes({ ...base, buyer: { ...base.buyer, legalName: 'Dupont\nFils' } })).toEqual(['buyer.legalName:INVOICE_TEXT_INVALID']);
    expect(codes({ ...base, note: 'Tab\there' })).toEqual(['note:INVOICE_TEXT_INVALID']);
  });

  it('refuses two different exemption reasons (one VAT breakdown E per invoice, BR-E-01)', () => {
    const input = withLines([
      { label: 'A', quantity: '1', unitPriceCents: 100, vatRate: '0', exemptionReason: 'Article 261 C' },
      { label: 'B', quantity: '1', unitPriceCents: 100, vatRate: '0', exemptionReason: 'Article 262 ter' },
    ]);
    expect(codes(input)).toEqual(['lines:INVOICE_EXEMPTION_REASON_MIXED']);
  });

  it('checks the identities of both parties', () => {
    const base = demoInvoice();
    expect(codes({ ...base, buyer: { ...base.buyer, siren: '443061842' } })).toEqual([
      'buyer.siren:INVOICE_SIREN_INVALID',
      'buyer.siret:INVOICE_SIRET_INVALID',
      'buyer.vatNumber:INVOICE_VAT_NUMBER_INVALID',
    ]);
    expect(codes({ ...base, buyer: { ...base.buyer, vatNumber: 'FR00443061841' } })).toEqual([
      'buyer.vatNumber:INVOICE_VAT_NUMBER_INVALID',
    ]);
    expect(codes({ ...base, buyer: { ...base.buyer, vatNumber: null, siret: undefined } })).toEqual([]);
    expect(codes({ ...base, buyer: { ...base.buyer, address: { ...base.buyer.address, country: 'France' } } })).toEqual([
      'buyer.address.country:INVOICE_TEXT_TOO_LONG',
      'buyer.address.country:INVOICE_COUNTRY_INVALID',
    ]);
    expect(codes({ ...base, seller: { ...base.seller, vatNumber: null } })).toEqual([
      'seller.vatNumber:INVOICE_SELLER_VAT_NUMBER_REQUIRED',
    ]);
    expect(codes({ ...base, seller: { ...base.seller, iban: 'FR7630006000011234567890188' } })).toEqual([
      'seller.iban:INVOICE_IBAN_INVALID',
    ]);
    expect(codes({ ...base, seller: { ...base.seller, bic: 'agrifrpp' } })).toEqual(['seller.bic:INVOICE_BIC_INVALID']);
    expect(codes({ ...base, seller: { ...base.seller, legalName: '' } })).toEqual(['seller.legalName:INVOICE_FIELD_REQUIRED']);
  });
});
