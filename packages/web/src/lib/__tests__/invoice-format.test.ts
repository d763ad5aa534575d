import { addDaysTo, formatCalendarDay, formatCents, formatServicePeriod, formatVatRate } from '../invoice-format';

/** Testing Library aside, Intl's French output has no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('invoice formats', () => {
  it('writes cents as euros, the French way in French', () => {
    expect(plain(formatCents(123456, 'fr'))).toBe('1 234,56 €');
    expect(plain(formatCents(-1440, 'fr'))).toBe('-14,40 €');
    expect(formatCents(5880, 'en')).toBe('€58.80');
  });

  it('writes VAT rates', () => {
    expect(plain(formatVatRate('5.5', 'fr'))).toBe('5,5 %');
    expect(formatVatRate('20', 'en')).toBe('20%');
  });

  it('writes calendar days without moving them across time zones', () => {
    expect(formatCalendarDay('2026-03-01', 'fr')).toBe('1 mars 2026');
    expect(formatCalendarDay('2026-03-01', 'fr', 'numeric')).toBe('01/03/2026');
    expect(formatCalendarDay('not a day', 'fr')).toBe('not a day');
    expect(addDaysTo('2026-02-27', 2)).toBe('2026-03-01');
  });

  it('says a service period as people do', () => {
    expect(formatServicePeriod('2026-02-01', '2026-02-28', 'fr')).toBe('février 2026');
    expect(formatServicePeriod('2026-01-01', '2026-12-31', 'fr')).toBe('2026');
    expect(plain(formatServicePeriod('2026-03-01', '2026-03-15', 'fr'))).toBe('1–15 mars 2026');
    expect(formatServicePeriod('2026-01-14', '2026-01-14', 'en')).toBe('14 Jan 2026');
  });
});
