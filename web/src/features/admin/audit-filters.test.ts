import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  auditFiltersToParams,
  auditQueryString,
  dayBound,
  NO_FILTERS,
  readAuditFilters,
} from './audit-filters';

describe('audit filters', () => {
  it('asks for the first page with no filters set', () => {
    expect(auditQueryString(NO_FILTERS)).toBe('limit=50');
  });

  it('sends the set filters and the cursor, trimmed', () => {
    const query = new URLSearchParams(
      auditQueryString(
        { ...NO_FILTERS, action: ' auth.login ', outcome: 'failure', actorId: 'u1' },
        { cursor: 'evt-9', limit: 20 },
      ),
    );
    expect(Object.fromEntries(query)).toEqual({
      limit: '20',
      cursor: 'evt-9',
      action: 'auth.login',
      outcome: 'failure',
      actorId: 'u1',
    });
  });

  it('turns days into the local instants that bound them, "to" including the whole day', () => {
    const query = new URLSearchParams(
      auditQueryString({ ...NO_FILTERS, from: '2026-11-01', to: '2026-11-30' }),
    );
    expect(query.get('from')).toBe(new Date(2026, 10, 1, 0, 0, 0, 0).toISOString());
    expect(query.get('to')).toBe(new Date(2026, 10, 30, 23, 59, 59, 999).toISOString());
  });

  it('swaps a reversed range rather than asking for nothing', () => {
    const query = new URLSearchParams(
      auditQueryString({ ...NO_FILTERS, from: '2026-11-30', to: '2026-11-01' }),
    );
    expect(query.get('from')).toBe(dayBound('2026-11-01', 'start'));
    expect(query.get('to')).toBe(dayBound('2026-11-30', 'end'));
  });

  it('reads filters from the address, dropping malformed values', () => {
    const filters = readAuditFilters(
      new URLSearchParams('action=user.create&outcome=maybe&from=yesterday&to=2026-11-30'),
    );
    expect(filters).toEqual({
      action: 'user.create',
      outcome: '',
      actorId: '',
      from: '',
      to: '2026-11-30',
    });
    expect(activeFilterCount(filters)).toBe(2);
  });

  it('writes only the set filters into the address, and reads them back the same', () => {
    const filters = { ...NO_FILTERS, outcome: 'success' as const, from: '2026-01-02' };
    const params = auditFiltersToParams(filters);
    expect(params.toString()).toBe('outcome=success&from=2026-01-02');
    expect(readAuditFilters(params)).toEqual(filters);
  });

  it('refuses a day that is not a date', () => {
    expect(dayBound('2026-13-45x', 'start')).toBeNull();
  });
});
