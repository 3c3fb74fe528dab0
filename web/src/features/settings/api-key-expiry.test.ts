import { describe, expect, it } from 'vitest';
import { expiryToIso, localDate } from './api-key-expiry';

const NOW = new Date(2026, 10, 30, 12, 0, 0);

describe('API key expiry', () => {
  it('sends no expiry for "never" and a time so many days ahead otherwise', () => {
    expect(expiryToIso('never', '', NOW)).toBeUndefined();
    expect(expiryToIso('30', '', NOW)).toBe(
      new Date(NOW.getTime() + 30 * 86_400_000).toISOString(),
    );
    expect(expiryToIso('365', '', NOW)).toBe(
      new Date(NOW.getTime() + 365 * 86_400_000).toISOString(),
    );
  });

  it('ends a chosen date at the end of that local day', () => {
    expect(expiryToIso('custom', '2026-12-24', NOW)).toBe(
      new Date(2026, 11, 24, 23, 59, 59).toISOString(),
    );
    // Today still counts: the key lives until midnight.
    expect(expiryToIso('custom', localDate(NOW), NOW)).not.toBeNull();
  });

  it('refuses a missing, malformed or past date', () => {
    expect(expiryToIso('custom', '', NOW)).toBeNull();
    expect(expiryToIso('custom', '24.12.2026', NOW)).toBeNull();
    expect(expiryToIso('custom', '2026-11-29', NOW)).toBeNull();
  });

  it('formats today as a date input wants it', () => {
    expect(localDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
