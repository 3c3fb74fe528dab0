import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { useErrorMessage } from '../../ui/error-message';
import { TextField } from '../../ui/TextField';
import { FocusHeading } from './FocusHeading';
import { cleanTotp, groupSecret } from './mfa-flow';
import { MfaQrCode } from './MfaQrCode';
import { useMfaEnable } from './settings-api';
import { useCopyTexts } from './use-copy-texts';

/** Scan the QR code (or type the key), then prove it with a code. */
export function MfaEnrolment({
  secret,
  otpauthUrl,
  username,
  onEnabled,
  onCancel,
}: {
  secret: string;
  otpauthUrl: string;
  username: string;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('settings');
  const message = useErrorMessage();
  const copyTexts = useCopyTexts();
  const enable = useMfaEnable();
  const [code, setCode] = useState('');
  const totp = cleanTotp(code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!totp) return;
    enable.mutate(totp, {
      onSuccess: (answer) => onEnabled(answer.recoveryCodes),
      onError: () => setCode(''),
    });
  };

  const error = enable.error;
  const errorText =
    error && isApiError(error) && error.code === 'invalid_mfa_code'
      ? t('mfa.invalidCode')
      : error && message(error);

  return (
    <div className="space-y-5">
      <div className="space-y-3">
        <FocusHeading>{t('mfa.scanTitle')}</FocusHeading>
        <p className="text-sm text-gray-700 dark:text-gray-300">{t('mfa.scanText')}</p>
        <MfaQrCode otpauthUrl={otpauthUrl} username={username} />
        <div className="flex flex-wrap items-end gap-2">
          <TextField
            label={t('mfa.manualLabel')}
            value={groupSecret(secret)}
            readOnly
            spellCheck={false}
            className="min-w-0 flex-1 sm:max-w-sm"
            inputClassName="font-mono"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={secret} texts={copyTexts} size="md" />
        </div>
      </div>
      <form onSubmit={submit} className="max-w-sm space-y-3" noValidate>
        <h3 className="font-semibold">{t('mfa.enterTitle')}</h3>
        {errorText && <Alert tone="error">{errorText}</Alert>}
        <TextField
          label={t('mfa.code')}
          hint={t('mfa.codeHint')}
          name="totp"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" loading={enable.isPending} disabled={!totp}>
            {t('mfa.confirm')}
          </Button>
          <Button variant="secondary" onClick={onCancel} disabled={enable.isPending}>
            {t('mfa.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}
