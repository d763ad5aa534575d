import { dateRangeError } from '../dates';
import { validationMessage } from '../messages';

describe('a date range', () => {
  it('is refused when it starts after it ends', () => {
    expect(dateRangeError('2026-03-31', '2026-03-01')).toBe('DATE_RANGE_INVERTED');
    expect(dateRangeError(new Date('2026-03-31T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toBe('DATE_RANGE_INVERTED');
  });

  it('is accepted in order, on one day, or open on either side', () => {
    expect(dateRangeError('2026-03-01', '2026-03-31')).toBeNull();
    expect(dateRangeError('2026-03-01', '2026-03-01')).toBeNull();
    expect(dateRangeError(null, '2026-03-01')).toBeNull();
    expect(dateRangeError('2026-03-01', undefined)).toBeNull();
    expect(dateRangeError(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-02T00:00:00Z'))).toBeNull();
  });

  it('says which way round to put it', () => {
    expect(validationMessage('DATE_RANGE_INVERTED', 'fr')).toBe('La date de fin ne peut pas précéder la date de début.');
    expect(validationMessage('DATE_RANGE_INVERTED', 'en')).toBe('The end date cannot be before the start date.');
  });
});
