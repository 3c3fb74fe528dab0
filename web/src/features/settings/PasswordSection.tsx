import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiError } from '../../api/api-error';
import { useAuth, useUser } from '../../auth/auth-context';
import { PasswordRules } from '../../lib/PasswordRules';
import { passwordMeetsRules } from '../../lib/password-rules';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useErrorMessage } from '../../ui/error-message';
import { Section } from '../../ui/Section';
import { TextField } from '../../ui/TextField';
import { useToast } from '../../ui/Toaster';

/** `POST /api/auth/password`: the server ends the other sessions; this one carries on. */
export function PasswordSection() {
  const { t } = useTranslation('settings');
  const user = useUser();
  const { changePassword } = useAuth();
  const toast = useToast();
  const message = useErrorMessage();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const mismatch = confirm !== '' && confirm !== next;
  const ready = current !== '' && passwordMeetsRules(next, user.username) && confirm === next;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      toast.success(t('password.changed'));
    } catch (caught) {
      if (isApiError(caught)) setError(caught);
      else toast.error(message(caught));
    } finally {
      setBusy(false);
    }
  };

  const errorText =
    error?.code === 'invalid_credentials' ? t('password.wrongCurrent') : error && message(error);

  return (
    <Section title={t('password.title')} description={t('password.description')}>
      <form onSubmit={(event) => void submit(event)} className="max-w-md space-y-4" noValidate>
        {errorText && <Alert tone="error">{errorText}</Alert>}
        {/* Lets password managers file the new password under the right account. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={user.username}
          readOnly
          hidden
        />
        <TextField
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          label={t('password.new')}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
          description={<PasswordRules password={next} username={user.username} />}
        />
        <TextField
          label={t('password.confirm')}
          type="password"
          autoComplete="new-password"
          value={confirm}
          error={mismatch ? t('password.mismatch') : undefined}
          onChange={(event) => setConfirm(event.target.value)}
        />
        <Button type="submit" loading={busy} disabled={!ready}>
          {t('password.submit')}
        </Button>
      </form>
    </Section>
  );
}
