import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { isApiError, type ApiError } from '../../api/api-error';
import { useSetupStatus } from '../../api/queries';
import { useAuth } from '../../auth/auth-context';
import { PublicLayout } from '../../layout/PublicLayout';
import { safeNext } from '../../lib/safe-next';
import { useCountdown } from '../../lib/use-countdown';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useErrorMessage } from '../../ui/error-message';
import { PageLoading } from '../../ui/Spinner';
import { useToast } from '../../ui/Toaster';
import { TextField } from '../../ui/TextField';
import { useAuthErrorText } from './auth-error-text';
import { MfaStep, type SecondFactor } from './MfaStep';

/** Sign-in: username and password, then a TOTP or recovery code when the account has MFA. */
export function LoginPage() {
  const { t } = useTranslation('auth');
  const { status, signIn } = useAuth();
  const setup = useSetupStatus();
  const [params] = useSearchParams();
  const message = useErrorMessage();
  const toast = useToast();
  const authErrorText = useAuthErrorText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [needsMfa, setNeedsMfa] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; at: number } | null>(null);
  const wait = useCountdown(
    failure?.error.code === 'rate_limited' ? failure.error.retryAfter : null,
    failure?.at ?? 0,
  );

  if (status === 'signed-in') return <Navigate to={safeNext(params.get('next'))} replace />;
  if (status === 'booting' || setup.isPending) return <PageLoading />;
  if (setup.data && !setup.data.setupComplete) return <Navigate to="/setup" replace />;

  async function submit(second: SecondFactor | null) {
    setBusy(true);
    try {
      await signIn({ username: username.trim(), password, ...second });
      // The session change re-renders this page, which then leaves for `next`.
    } catch (error) {
      if (isApiError(error) && error.code === 'mfa_required') {
        setFailure(null);
        setNeedsMfa(true);
      } else if (isApiError(error)) {
        setFailure({ error, at: Date.now() });
      } else {
        setFailure(null);
        toast.error(message(error));
      }
    } finally {
      setBusy(false);
    }
  }

  const errorText = failure ? authErrorText(failure.error, wait) : null;
  const blocked = wait > 0;

  if (needsMfa) {
    return (
      <PublicLayout title={t('mfa.title')} subtitle={t('mfa.subtitle')}>
        <MfaStep
          busy={busy}
          blocked={blocked}
          error={errorText}
          onSubmit={(second) => void submit(second)}
          onBack={() => {
            setNeedsMfa(false);
            setFailure(null);
            setPassword('');
          }}
        />
      </PublicLayout>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(null);
  };

  return (
    <PublicLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {errorText && <Alert tone="error">{errorText}</Alert>}
        <TextField
          label={t('login.username')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button
          type="submit"
          className="w-full"
          loading={busy}
          disabled={blocked || username.trim() === '' || password === ''}
        >
          {t('login.submit')}
        </Button>
      </form>
    </PublicLayout>
  );
}
