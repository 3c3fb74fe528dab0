import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';

/**
 * The message to show for a failed request: the translation of its code under
 * `common:errors.<code>` when there is one, else the server's own detail, else a generic text.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unexpected', { ns: 'common' });
  const key = `errors.${error.code}`;
  if (error.code === 'rate_limited' && error.retryAfter !== null) {
    return t('errors.rate_limited_wait', { ns: 'common', count: error.retryAfter });
  }
  // The server's detail is more specific for these (e.g. which password rule failed).
  if (error.code === 'weak_password' || error.code === 'validation_failed') {
    return error.detail;
  }
  const translated = t(key as 'errors.unexpected', { ns: 'common', defaultValue: '' });
  return translated || error.detail || t('errors.unexpected', { ns: 'common' });
}

/** `errorMessage` bound to the current language. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => errorMessage(t, error);
}
