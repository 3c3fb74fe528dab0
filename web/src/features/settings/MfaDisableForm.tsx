import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { useUser } from '../../auth/auth-context';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { HiddenUsernameField } from '../../ui/HiddenUsernameField';
import { useErrorMessage } from '../../ui/error-message';
import { TextField } from '../../ui/TextField';
import { FocusHeading } from './FocusHeading';
import { cleanTotp } from './mfa-flow';
import { useMfaDisable } from './settings-api';

/** Turning two-step verification off needs both the password and a current code. */
export function MfaDisableForm({
  onDisabled,
  onCancel,
}: {
  onDisabled: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('settings');
  const user = useUser();
  const message = useErrorMessage();
  const disable = useMfaDisable();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const totp = cleanTotp(code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!totp || password === '') return;
    disable.mutate({ password, totp }, { onSuccess: onDisabled, onError: () => setCode('') });
  };

  const error = disable.error;
  const errorText = !error
    ? null
    : isApiError(error) && error.code === 'invalid_credentials'
      ? t('mfa.wrongPassword')
      : isApiError(error) && error.code === 'invalid_mfa_code'
        ? t('mfa.invalidCode')
        : message(error);

  return (
    <form onSubmit={submit} className="max-w-sm space-y-3" noValidate>
      <FocusHeading>{t('mfa.disableTitle')}</FocusHeading>
      <p className="text-sm text-gray-700 dark:text-gray-300">{t('mfa.disableText')}</p>
      {errorText && <Alert tone="error">{errorText}</Alert>}
      <HiddenUsernameField username={user.username} />
      <TextField
        label={t('mfa.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <TextField
        label={t('mfa.code')}
        hint={t('mfa.codeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant="danger"
          loading={disable.isPending}
          disabled={!totp || password === ''}
        >
          {t('mfa.disableSubmit')}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={disable.isPending}>
          {t('mfa.cancel')}
        </Button>
      </div>
    </form>
  );
}
