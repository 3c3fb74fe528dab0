import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';

export type SecondFactor = { totp: string } | { recoveryCode: string };

/** The second step of sign-in: a 6-digit code from the authenticator app, or a recovery code. */
export function MfaStep({
  busy,
  blocked,
  error,
  onSubmit,
  onBack,
}: {
  busy: boolean;
  blocked: boolean;
  error: string | null;
  onSubmit: (second: SecondFactor) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation('auth');
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const cleaned = useRecovery ? code.trim() : code.replace(/\s+/g, '');
  const valid = useRecovery ? cleaned.length >= 8 : /^\d{6}$/.test(cleaned);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    onSubmit(useRecovery ? { recoveryCode: cleaned } : { totp: cleaned });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      {useRecovery ? (
        <TextField
          key="recovery"
          label={t('mfa.recoveryCode')}
          hint={t('mfa.recoveryHint')}
          name="recoveryCode"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      ) : (
        <TextField
          key="totp"
          label={t('mfa.totp')}
          hint={t('mfa.totpHint')}
          name="totp"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          autoFocus
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      )}
      <Button type="submit" className="w-full" loading={busy} disabled={blocked || !valid}>
        {t('mfa.submit')}
      </Button>
      <div className="flex flex-wrap justify-between gap-2">
        <Button variant="ghost" size="sm" onClick={onBack}>
          {t('mfa.back')}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setUseRecovery((value) => !value);
            setCode('');
          }}
        >
          {useRecovery ? t('mfa.useTotp') : t('mfa.useRecovery')}
        </Button>
      </div>
    </form>
  );
}
