import { computeInvoiceTotals, divHalfUp, lineNetCents, vatCents } from '../utils/invoice-totals';
import { centsToInput, parseEuros, parseQuantity } from '../utils/money-input';

/**
 * The live totals of the operator's forms follow the API's rule (facturx/totals.ts): each line net
 * rounded half-up to the cent, VAT rounded half-up once per rate on the sum of the line nets. The
 * expected values below were computed with the API's own functions.
 */
describe('rounding half-up', () => {
  it.each([
    [5n, 10n, 1n], // 0.5 → 1
    [4n, 10n, 0n],
    [15n, 10n, 2n], // 1.5 → 2
    [25n, 10n, 3n], // 2.5 → 3 (not banker's rounding)
    [-5n, 10n, -1n], // halves away from zero
    [-4n, 10n, 0n],
  ])('%p / %p → %p', (n, d, expected) => {
    expect(divHalfUp(n, d)).toBe(expected);
  });
});

describe('line net = round half-up (quantity × unit price)', () => {
  it.each([
    ['1', 4900, 4900],
    ['3', 3333, 9999],
    ['0.3333', 100, 33], // 33.33 cents
    ['2.5', 1, 3], // 2.5 cents → 3
    ['1.5', 3, 5], // 4.5 cents → 5
    ['0.5', 1, 1], // 0.5 cent → 1
    ['1.25', 199, 249], // 248.75 cents
    ['0.0001', 5000, 1], // 0.5 cent → 1
    ['0.0001', 4999, 0], // 0.4999 cent → 0
    ['7', 1429, 10003],
  ])('%s × %i cents → %i cents', (quantity, unitPrice, expected) => {
    expect(lineNetCents(quantity, unitPrice)).toBe(expected);
  });

  it('is exact where floating point is not (0.1 × 3 × 100 cents)', () => {
    expect(0.1 * 3 * 100).not.toBe(30);
    expect(lineNetCents('0.3', 100)).toBe(30);
    expect(lineNetCents('0.1', 1005)).toBe(101); // 100.5 → 101 (1.005 € would round down in floats)
  });

  it('refuses what is not a quantity', () => {
    expect(lineNetCents('1,5', 100)).toBeNull();
    expect(lineNetCents('-1', 100)).toBeNull();
    expect(lineNetCents('0.00001', 100)).toBeNull();
  });
});

describe('VAT = round half-up (basis × rate) per rate', () => {
  it.each([
    [4900, '20', 980],
    [9999, '20', 2000], // 1999.8
    [10, '5.5', 1], // 0.55 → 1
    [9, '5.5', 0], // 0.495 → 0
    [1005, '2.1', 21], // 21.105
    [10003, '10', 1000], // 1000.3
    [999, '5.5', 55], // 54.945
    [12345, '0', 0],
  ] as const)('%i cents at %s %% → %i cents', (basis, rate, expected) => {
    expect(vatCents(basis, rate)).toBe(expected);
  });

  it('rounds once per rate, never per line', () => {
    // Three lines of 0.03 € at 20 %: per line 0.6 cent → 1 each (3), per rate 1.8 → 2.
    const totals = computeInvoiceTotals([
      { quantity: '1', unitPriceCents: 3, vatRate: '20' },
      { quantity: '1', unitPriceCents: 3, vatRate: '20' },
      { quantity: '1', unitPriceCents: 3, vatRate: '20' },
    ]);
    expect(totals.breakdown).toEqual([{ rate: '20', basisCents: 9, vatCents: 2 }]);
    expect(totals).toMatchObject({ netCents: 9, vatCents: 2, grossCents: 11 });
  });

  it('gives the breakdown per rate, highest rate first, and the totals as sums of integers', () => {
    const totals = computeInvoiceTotals([
      { quantity: '2', unitPriceCents: 1050, vatRate: '5.5' },
      { quantity: '1', unitPriceCents: 333, vatRate: '20' },
      { quantity: '1', unitPriceCents: 333, vatRate: '20' },
      { quantity: '1', unitPriceCents: 334, vatRate: '20' },
      { quantity: '1', unitPriceCents: 1, vatRate: '5.5' },
      { quantity: '1', unitPriceCents: 12345, vatRate: '0' },
    ]);
    expect(totals.lineNets).toEqual([2100, 333, 333, 334, 1, 12345]);
    expect(totals.breakdown).toEqual([
      { rate: '20', basisCents: 1000, vatCents: 200 },
      { rate: '5.5', basisCents: 2101, vatCents: 116 }, // 115.555
      { rate: '0', basisCents: 12345, vatCents: 0 },
    ]);
    expect(totals).toMatchObject({ netCents: 15446, vatCents: 316, grossCents: 15762 });
  });

  it('is zero with no line', () => {
    expect(computeInvoiceTotals([])).toEqual({ lineNets: [], breakdown: [], netCents: 0, vatCents: 0, grossCents: 0 });
  });
});

describe('amounts and quantities as people type them', () => {
  it.each([
    ['49', 4900],
    ['49,9', 4990],
    ['49,90', 4990],
    ['49.90', 4990],
    ['1 234,56', 123456],
    ['1\u202f234,56', 123456],
    ['49 €', 4900],
    ['0', 0],
  ])('%s € → %i cents', (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(['', 'abc', '-5', '49,999', '1,2,3', '21474837,00'])('refuses %p as euros', (text) => {
    expect(parseEuros(text)).toBeNull();
  });

  it.each([
    ['1', '1'],
    ['2,5', '2.5'],
    ['2.50', '2.5'],
    ['0,3333', '0.3333'],
    ['007', '7'],
    ['1 000', '1000'],
  ])('quantity %s → %s', (text, quantity) => {
    expect(parseQuantity(text)).toBe(quantity);
  });

  it.each(['', '0', '0,000', '-1', '1,23456', 'deux'])('refuses %p as a quantity', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });

  it('writes cents back for editing, in the person’s notation', () => {
    expect(centsToInput(4990, 'fr')).toBe('49,90');
    expect(centsToInput(5, 'en')).toBe('0.05');
  });
});
