import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser, useAuth } from '../auth/auth-context';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { useErrorMessage } from '../ui/error-message';
import { Menu } from '../ui/Menu';
import { useToast } from '../ui/Toaster';
import { PreferenceControls } from './PreferenceControls';

/** The account button: who is signed in, preferences, sign out (here or everywhere). */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut, signOutEverywhere } = useAuth();
  const toast = useToast();
  const message = useErrorMessage();
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState(false);

  const initial = (user.displayName || user.username).slice(0, 1).toUpperCase();

  return (
    <Menu
      button={
        <>
          <span
            aria-hidden="true"
            className="flex size-8 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white"
          >
            {initial}
          </span>
          <span className="sr-only sm:not-sr-only sm:max-w-40 sm:truncate sm:text-sm">
            {t('userMenu.label', { name: user.displayName || user.username })}
          </span>
        </>
      }
      buttonClassName="flex items-center gap-2 rounded-full p-1 hover:bg-gray-200 sm:pr-3 dark:hover:bg-gray-800"
      panelClassName="absolute right-0 z-40 mt-2 w-72 max-w-[calc(100vw-1rem)] space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-lg dark:border-gray-700 dark:bg-gray-900"
      extra={
        <Dialog
          open={confirmAll}
          onClose={() => setConfirmAll(false)}
          title={t('userMenu.signOutEverywhereTitle')}
          description={t('userMenu.signOutEverywhereText')}
          actions={
            <>
              <Button variant="secondary" onClick={() => setConfirmAll(false)}>
                {t('actions.cancel')}
              </Button>
              <Button
                variant="danger"
                loading={busy}
                onClick={() => {
                  setBusy(true);
                  signOutEverywhere()
                    .catch((error: unknown) => toast.error(message(error)))
                    .finally(() => setBusy(false));
                }}
              >
                {t('userMenu.signOutEverywhere')}
              </Button>
            </>
          }
        />
      }
    >
      {(close) => (
        <>
          <div>
            <p className="truncate font-medium">{user.displayName || user.username}</p>
            <p className="truncate text-sm text-gray-600 dark:text-gray-400">
              @{user.username} · {t(`roles.${user.role}`)}
            </p>
          </div>
          <PreferenceControls />
          <div className="flex flex-col gap-2 border-t border-gray-200 pt-3 dark:border-gray-700">
            <Link
              to="/settings"
              onClick={() => close()}
              className="rounded px-2 py-1.5 text-sm hover:bg-gray-100 dark:hover:bg-gray-800"
            >
              {t('nav.settings')}
            </Link>
            <Button
              variant="secondary"
              loading={busy}
              onClick={() => {
                setBusy(true);
                void signOut().finally(() => setBusy(false));
              }}
            >
              {t('userMenu.signOut')}
            </Button>
            <Button variant="ghost" onClick={() => setConfirmAll(true)}>
              {t('userMenu.signOutEverywhere')}
            </Button>
          </div>
        </>
      )}
    </Menu>
  );
}
