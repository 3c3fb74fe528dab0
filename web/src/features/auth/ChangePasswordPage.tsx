import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../auth/auth-context';
import { PublicLayout } from '../../layout/PublicLayout';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PageLoading } from '../../ui/Spinner';
import { PasswordChangeForm } from './PasswordChangeForm';

/** The forced password change after an admin reset (and the way out of it: sign out). */
export function ChangePasswordPage() {
  const { t } = useTranslation('auth');
  const { status, user, signOut } = useAuth();
  const navigate = useNavigate();

  if (status === 'booting') return <PageLoading />;
  if (status !== 'signed-in' || !user) return <Navigate to="/login" replace />;

  return (
    <PublicLayout title={t('changePassword.title')}>
      <PasswordChangeForm
        className="space-y-4"
        submitClassName="w-full"
        texts={{
          current: t('changePassword.current'),
          new: t('changePassword.new'),
          confirm: t('changePassword.confirm'),
          mismatch: t('changePassword.mismatch'),
          wrongCurrent: t('changePassword.wrongCurrent'),
          submit: t('changePassword.submit'),
        }}
        notice={
          user.mustChangePassword && <Alert tone="warning">{t('changePassword.forced')}</Alert>
        }
        onChanged={() => void navigate('/chat', { replace: true })}
      >
        <Button variant="ghost" className="w-full" onClick={() => void signOut()}>
          {t('changePassword.signOut')}
        </Button>
      </PasswordChangeForm>
    </PublicLayout>
  );
}
