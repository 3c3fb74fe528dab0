export type ThemeChoice = 'light' | 'dark' | 'system';

/** Same key as public/theme-boot.js, which applies it before the first paint. */
export const THEME_KEY = 'enclave.theme';

export function readThemeChoice(storage: Storage = window.localStorage): ThemeChoice {
  try {
    const stored = storage.getItem(THEME_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function storeThemeChoice(choice: ThemeChoice, storage: Storage = window.localStorage) {
  try {
    if (choice === 'system') storage.removeItem(THEME_KEY);
    else storage.setItem(THEME_KEY, choice);
  } catch {
    // Private mode or a full storage: the choice lasts for this page only.
  }
}

export function prefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Sets or clears the `dark` class on <html>, which Tailwind's `dark:` variant follows. */
export function applyTheme(choice: ThemeChoice, systemDark = prefersDark()): void {
  const dark = choice === 'dark' || (choice === 'system' && systemDark);
  document.documentElement.classList.toggle('dark', dark);
}
