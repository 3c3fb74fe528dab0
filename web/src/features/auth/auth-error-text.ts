import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/api-error';
import { useErrorMessage } from '../../ui/error-message';

/** What the sign-in form says for a refusal; `waitSeconds` is the live countdown. */
export function useAuthErrorText(): (error: ApiError, waitSeconds: number) => string {
  const { t } = useTranslation('auth');
  const message = useErrorMessage();
  return (error, waitSeconds) => {
    switch (error.code) {
      case 'invalid_credentials':
        return t('errors.invalidCredentials');
      case 'invalid_mfa_code':
        return t('errors.invalidMfaCode');
      case 'account_disabled':
        return t('errors.accountDisabled');
      case 'rate_limited':
        return waitSeconds > 0
          ? t('errors.rateLimitedWait', { count: waitSeconds })
          : t('errors.rateLimitedNow');
      default:
        return message(error);
    }
  };
}
