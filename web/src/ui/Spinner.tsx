import { useTranslation } from 'react-i18next';
import { cx } from './cx';

/** A spinning ring with a screen-reader label ("Loading…" unless given). */
export function Spinner({ label, className }: { label?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <span role="status" className={cx('inline-flex items-center gap-2', className)}>
      <span
        aria-hidden="true"
        className="size-5 animate-spin rounded-full border-2 border-current border-t-transparent"
      />
      <span className="sr-only">{label ?? t('loading')}</span>
    </span>
  );
}

/** A page-sized loading state. */
export function PageLoading({ label }: { label?: string }) {
  return (
    <div className="flex min-h-[40vh] items-center justify-center text-indigo-700 dark:text-indigo-300">
      <Spinner label={label} className="[&>span:first-child]:size-8" />
    </div>
  );
}
