import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { useErrorMessage } from './error-message';

/** A failed load: what went wrong, and a retry when the caller can offer one. */
export function ErrorState({
  error,
  title,
  onRetry,
  action,
}: {
  error?: unknown;
  title?: ReactNode;
  onRetry?: () => void;
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-md flex-col items-center gap-3 px-4 py-12 text-center"
    >
      <h2 className="text-lg font-semibold">{title ?? t('errorState.title')}</h2>
      {error !== undefined && (
        <p className="text-sm text-gray-700 dark:text-gray-300">{message(error)}</p>
      )}
      <div className="mt-2 flex flex-wrap justify-center gap-2">
        {onRetry && (
          <Button variant="secondary" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )}
        {action}
      </div>
    </div>
  );
}
