import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../api/types';
import {
  INSTANCE_LANGUAGE_KEY,
  LANGUAGE_KEY,
  readStored,
  resolveLanguage,
  writeStored,
} from './language';
import { resources } from './resources';

/** Starts i18next with the bundled English and German texts; call once before rendering. */
export function initI18n(): typeof i18next {
  const lng = resolveLanguage({
    userChoice: readStored(LANGUAGE_KEY),
    instanceLanguage: readStored(INSTANCE_LANGUAGE_KEY),
    browserLanguages: navigator.languages,
  });
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: ['en', 'de'],
    defaultNS: 'common',
    ns: Object.keys(resources.en),
    // React escapes what it renders; i18next must not escape a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18next;
}

/** The user picks a language for this browser. */
export function chooseLanguage(language: Language): void {
  writeStored(LANGUAGE_KEY, language);
  void i18next.changeLanguage(language);
}

/**
 * The instance's language became known (settings loaded or changed): remembered for the next
 * visit, and applied now unless the user chose one.
 */
export function noteInstanceLanguage(language: Language): void {
  writeStored(INSTANCE_LANGUAGE_KEY, language);
  if (readStored(LANGUAGE_KEY) === null && i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
}
