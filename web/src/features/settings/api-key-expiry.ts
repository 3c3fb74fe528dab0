/** The expiry choices of a new API key. */
export type ExpiryChoice = 'never' | '30' | '90' | '365' | 'custom';
export const EXPIRY_CHOICES: readonly ExpiryChoice[] = ['never', '30', '90', '365', 'custom'];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `expiresAt` for the server: undefined for no expiry, the end of the chosen local day for a
 * custom date, null when the custom date is missing or not in the future.
 */
export function expiryToIso(
  choice: ExpiryChoice,
  customDate: string,
  now: Date = new Date(),
): string | undefined | null {
  switch (choice) {
    case 'never':
      return undefined;
    case '30':
    case '90':
    case '365':
      return new Date(now.getTime() + Number(choice) * DAY_MS).toISOString();
    case 'custom': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customDate);
      if (!match) return null;
      const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
      return end.getTime() > now.getTime() ? end.toISOString() : null;
    }
  }
}

/** Today as `YYYY-MM-DD` in local time (the `min` of a date input). */
export function localDate(date: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
