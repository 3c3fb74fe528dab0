import { useTranslation } from 'react-i18next';
import { checkPasswordRules, MIN_PASSWORD_LENGTH } from './password-rules';

/** The password rules, ticked off live as the user types (linked to the password field). */
export function PasswordRules({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation();
  return (
    <ul className="space-y-0.5 text-sm" aria-label={t('password.rulesLabel')}>
      {checkPasswordRules(password, username).map(({ rule, met }) => (
        <li
          key={rule}
          className={
            met ? 'text-green-800 dark:text-green-300' : 'text-gray-700 dark:text-gray-300'
          }
        >
          <span aria-hidden="true">{met ? '✓ ' : '○ '}</span>
          {t(`password.rules.${rule}`, { count: MIN_PASSWORD_LENGTH })}
          <span className="sr-only"> — {met ? t('password.met') : t('password.notMet')}</span>
        </li>
      ))}
    </ul>
  );
}
