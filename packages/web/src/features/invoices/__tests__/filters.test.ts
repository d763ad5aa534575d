import { readFilters, toApiFilter, writeFilters, yearChoices } from '../utils/filters';

describe('Factures filters ↔ URL ↔ API', () => {
  it('round-trips through the URL and keeps other parameters', () => {
    const params = writeFilters(new URLSearchParams('invoice=abc'), { search: ' F2026 ', status: 'OVERDUE', year: 2026 });
    expect(params.toString()).toBe('invoice=abc&q=F2026&status=OVERDUE&year=2026');
    expect(readFilters(params)).toEqual({ search: 'F2026', status: 'OVERDUE', year: 2026 });
  });

  it('maps the two derived views: overdue (a flag) and credit notes (a kind)', () => {
    expect(toApiFilter({ search: '', status: 'OVERDUE', year: null })).toEqual({ overdue: true });
    expect(toApiFilter({ search: '', status: 'CREDIT_NOTE', year: null })).toEqual({ kind: 'CREDIT_NOTE' });
    expect(toApiFilter({ search: 'mars', status: 'PAID', year: 2025 })).toEqual({ search: 'mars', status: 'PAID', year: 2025 });
    expect(toApiFilter({ search: '', status: null, year: null })).toBeNull();
  });

  it('drops what the API would refuse', () => {
    expect(readFilters(new URLSearchParams('status=paid&year=1999&q=' + 'x'.repeat(150)))).toEqual({
      search: 'x'.repeat(100),
      status: null,
      year: null,
    });
  });

  it('offers this year and the five before, plus an older year from the URL', () => {
    const now = new Date(2026, 4, 1);
    expect(yearChoices(null, now)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    expect(yearChoices(2019, now)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2019]);
  });
});
