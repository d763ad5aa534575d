import { EMPTY_FILTERS, parseDay, readFilters, toApiFilter, writeFilters } from '../utils/filters';

const TAG = '01a20392-e971-760d-b4f7-fbc3bbf3e06e';

describe('mail filters in the URL', () => {
  it('reads every filter, and ignores what is malformed rather than sending it to the API', () => {
    const params = new URLSearchParams(
      `q=%20urssaf%20&type=REGISTERED&status=SCANNED&tag=${TAG}&tag=not-an-id&tag=${TAG.toUpperCase()}&from=2026-03-01&to=2026-02-30`,
    );
    expect(readFilters(params)).toEqual({
      search: 'urssaf',
      type: 'REGISTERED',
      status: 'SCANNED',
      tagIds: [TAG],
      from: '2026-03-01',
      to: null,
    });
    expect(readFilters(new URLSearchParams('type=LETTRE&status=nope'))).toEqual(EMPTY_FILTERS);
  });

  it('writes them back, keeping the other parameters but closing the preview', () => {
    const current = new URLSearchParams('tab=forwarding&item=abc&type=LETTER');
    const next = writeFilters(current, { ...EMPTY_FILTERS, search: 'banque', tagIds: [TAG], from: '2026-01-01' });
    expect(next.toString()).toBe(`tab=forwarding&q=banque&tag=${TAG}&from=2026-01-01`);
    expect(readFilters(next)).toEqual({ ...EMPTY_FILTERS, search: 'banque', tagIds: [TAG], from: '2026-01-01' });
  });

  it('turns calendar days into the API’s instants, both days included', () => {
    const filter = toApiFilter({ ...EMPTY_FILTERS, from: '2026-03-01', to: '2026-03-31' });
    expect(filter).toEqual({
      receivedFrom: new Date(2026, 2, 1).toISOString(),
      receivedTo: new Date(2026, 2, 32).toISOString(),
    });
    expect(toApiFilter(EMPTY_FILTERS)).toBeNull();
  });

  it('never sends a reversed range, nor turns it round: the dates are left out (the fields say why)', () => {
    expect(toApiFilter({ ...EMPTY_FILTERS, from: '2026-03-31', to: '2026-03-01' })).toBeNull();
    expect(toApiFilter({ ...EMPTY_FILTERS, type: 'LETTER', from: '2026-03-31', to: '2026-03-01' })).toEqual({ type: 'LETTER' });
  });

  it('accepts real days only', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('3 mars')).toBeNull();
  });
});
