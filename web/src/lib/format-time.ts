import { useTranslation } from 'react-i18next';

/** Date and time in the interface language ("30 Nov 2026, 14:51"); empty for nothing. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

/** `formatDateTime` bound to the current language. */
export function useFormatDateTime(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (iso) => formatDateTime(iso, language);
}
