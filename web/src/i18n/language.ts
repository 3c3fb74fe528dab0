import type { Language } from '../api/types';

export const LANGUAGES: readonly Language[] = ['en', 'de'];
/** The user's own choice in this browser. */
export const LANGUAGE_KEY = 'enclave.language';
/** The instance's language as last seen (admins load it; a public endpoint may come). */
export const INSTANCE_LANGUAGE_KEY = 'enclave.instanceLanguage';

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'de';
}

/**
 * The interface language: the user's choice, else the instance's setting, else the browser's
 * preferred languages, else English.
 */
export function resolveLanguage(props: {
  userChoice: string | null;
  instanceLanguage: string | null;
  browserLanguages: readonly string[];
}): Language {
  if (isLanguage(props.userChoice)) return props.userChoice;
  if (isLanguage(props.instanceLanguage)) return props.instanceLanguage;
  for (const tag of props.browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
}
