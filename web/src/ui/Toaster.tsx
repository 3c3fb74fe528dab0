import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './cx';
import { toasts, type ToastStore, type ToastTone } from './toast-store';

const TONES: Record<ToastTone, string> = {
  error:
    'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
  success:
    'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100',
  info: 'border-gray-300 bg-white text-gray-900 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100',
};

/** Raises toasts: `const toast = useToast(); toast.error(message)`. */
export function useToast(): Pick<ToastStore, 'show' | 'error' | 'success' | 'info' | 'dismiss'> {
  return toasts;
}

/** Where toasts appear (once, in the app root); a live region so they are announced. */
export function Toaster({ store = toasts }: { store?: ToastStore }) {
  const { t } = useTranslation();
  const list = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
    >
      {list.map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          className={cx(
            'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-md border px-4 py-3 text-sm shadow-lg',
            TONES[toast.tone],
          )}
        >
          <p className="flex-1">{toast.message}</p>
          <button
            type="button"
            onClick={() => store.dismiss(toast.id)}
            aria-label={t('actions.dismiss')}
            className="-m-1 rounded p-1 opacity-80 hover:opacity-100"
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      ))}
    </div>
  );
}
