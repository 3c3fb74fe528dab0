import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../i18n/i18n';

// findBy… waits up to 5 s, not testing-library's 1 s: the first render of a file loads its
// components' modules, which took 2.4 s while the server's tests loaded both cores in CI.
configure({ asyncUtilTimeout: 5_000 });

// Component tests render in English, as a browser with no stored choice would here.
window.localStorage.clear();
initI18n();

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
});

// jsdom has no matchMedia; the theme follows it.
if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    value: (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList,
  });
}
