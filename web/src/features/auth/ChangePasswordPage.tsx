import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { isApiError, type ApiError } from '../../api/api-error';
import { useAuth } from '../../auth/auth-context';
import { PublicLayout } from '../../layout/PublicLayout';
import { PasswordRules } from '../../lib/PasswordRules';
import { passwordMeetsRules } from '../../lib/password-rules';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useErrorMessage } from '../../ui/error-message';
import { PageLoading } from '../../ui/Spinner';
import { TextField } from '../../ui/TextField';

/** The forced password change after an admin reset (and the way out of it: sign out). */
export function ChangePasswordPage() {
  const { t } = useTranslation('auth');
  const { status, user, changePassword, signOut } = useAuth();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  if (status === 'booting') return <PageLoading />;
  if (status !== 'signed-in' || !user) return <Navigate to="/login" replace />;

  const mismatch = confirm !== '' && confirm !== next;
  const ready = current !== '' && passwordMeetsRules(next, user.username) && confirm === next;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      void navigate('/chat', { replace: true });
    } catch (caught) {
      if (isApiError(caught)) setError(caught);
      else throw caught;
    } finally {
      setBusy(false);
    }
  };

  const errorText =
    error?.code === 'invalid_credentials'
      ? t('changePassword.wrongCurrent')
      : error && message(error);

  return (
    <PublicLayout title={t('changePassword.title')}>
      <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
        {user.mustChangePassword && <Alert tone="warning">{t('changePassword.forced')}</Alert>}
        {errorText && <Alert tone="error">{errorText}</Alert>}
        <TextField
          label={t('changePassword.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          label={t('changePassword.new')}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
          description={<PasswordRules password={next} username={user.username} />}
        />
        <TextField
          label={t('changePassword.confirm')}
          type="password"
          autoComplete="new-password"
          value={confirm}
          error={mismatch ? t('changePassword.mismatch') : undefined}
          onChange={(event) => setConfirm(event.target.value)}
        />
        <Button type="submit" className="w-full" loading={busy} disabled={!ready}>
          {t('changePassword.submit')}
        </Button>
        <Button variant="ghost" className="w-full" onClick={() => void signOut()}>
          {t('changePassword.signOut')}
        </Button>
      </form>
    </PublicLayout>
  );
}
