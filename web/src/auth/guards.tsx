import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSetupStatus } from '../api/queries';
import { NotAllowedPage } from '../layout/NotAllowedPage';
import { ErrorState } from '../ui/ErrorState';
import { PageLoading } from '../ui/Spinner';
import { useAuth } from './auth-context';

/** Routes for signed-in people; others go to sign-in (and come back after). */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const { status, user, bootError, retryBoot } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'booting') return <PageLoading />;
  if (status === 'unreachable') {
    return <ErrorState title={t('boot.unreachable')} error={bootError} onRetry={retryBoot} />;
  }
  if (status === 'signed-out' || !user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.mustChangePassword) return <Navigate to="/change-password" replace />;
  return children ?? <Outlet />;
}

/** Admin-only pages: a user sees "not allowed" (the server refuses them anyway). */
export function RequireAdmin({ children }: { children?: ReactNode }) {
  const { user } = useAuth();
  if (user?.role !== 'admin') return <NotAllowedPage />;
  return children ?? <Outlet />;
}

/** `/`: the wizard until setup is complete, then chat or sign-in. */
export function HomeRedirect() {
  const setup = useSetupStatus();
  const { status } = useAuth();
  if (setup.isPending || status === 'booting') return <PageLoading />;
  if (setup.isError) {
    return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;
  }
  if (!setup.data.setupComplete) return <Navigate to="/setup" replace />;
  return <Navigate to={status === 'signed-in' ? '/chat' : '/login'} replace />;
}
