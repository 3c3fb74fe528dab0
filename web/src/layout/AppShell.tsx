import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useUser } from '../auth/auth-context';
import { cx } from '../ui/cx';
import { PageLoading } from '../ui/Spinner';
import { useInstanceName } from './use-instance-name';
import { UserMenu } from './UserMenu';

const navClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    'rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap',
    isActive
      ? 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100'
      : 'text-gray-700 hover:bg-gray-200 dark:text-gray-300 dark:hover:bg-gray-800',
  );

/** The signed-in frame: header (instance name, navigation, account) and the page below. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useUser();
  const instanceName = useInstanceName();
  return (
    <div className="flex h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-gray-900"
      >
        {t('skipToContent')}
      </a>
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-gray-200 bg-white px-3 py-2 sm:flex-nowrap sm:px-4 dark:border-gray-800 dark:bg-gray-900">
        <Link
          to="/chat"
          className="flex min-w-0 flex-1 items-center gap-2 font-semibold sm:flex-none"
        >
          <img src="/favicon.svg" alt="" className="size-7" />
          <span className="truncate">{instanceName}</span>
        </Link>
        <nav
          aria-label={t('nav.label')}
          className="order-last flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto sm:flex-1"
        >
          <NavLink to="/chat" className={navClass}>
            {t('nav.chat')}
          </NavLink>
          <NavLink to="/settings" className={navClass}>
            {t('nav.settings')}
          </NavLink>
          {user.role === 'admin' && (
            <NavLink to="/admin" className={navClass}>
              {t('nav.admin')}
            </NavLink>
          )}
        </nav>
        <UserMenu />
      </header>
      <main id="main" tabIndex={-1} className="flex min-h-0 flex-1 flex-col overflow-auto">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
