import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser, useAuth } from '../auth/auth-context';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { useErrorMessage } from '../ui/error-message';
import { useToast } from '../ui/Toaster';
import { PreferenceControls } from './PreferenceControls';

/** The account button: who is signed in, preferences, sign out (here or everywhere). */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut, signOutEverywhere } = useAuth();
  const toast = useToast();
  const message = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const initial = (user.displayName || user.username).slice(0, 1).toUpperCase();

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full p-1 hover:bg-gray-200 sm:pr-3 dark:hover:bg-gray-800"
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white"
        >
          {initial}
        </span>
        <span className="sr-only sm:not-sr-only sm:max-w-40 sm:truncate sm:text-sm">
          {t('userMenu.label', { name: user.displayName || user.username })}
        </span>
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute right-0 z-40 mt-2 w-72 max-w-[calc(100vw-1rem)] space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-lg dark:border-gray-700 dark:bg-gray-900"
        >
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
              onClick={() => setOpen(false)}
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
        </div>
      )}
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
    </div>
  );
}
