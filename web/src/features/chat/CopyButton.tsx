import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../../ui/Toaster';
import { cx } from '../../ui/cx';
import { copyText } from './markdown/copy-text';

/** A small "Copy" button that says "Copied" for a moment; a failure raises a toast. */
export function CopyButton({
  text,
  label,
  className,
}: {
  text: string;
  /** The accessible name, e.g. "Copy code". */
  label: string;
  className?: string;
}) {
  const { t } = useTranslation('chat');
  const toast = useToast();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <button
      type="button"
      aria-label={copied ? t('copy.copied') : label}
      onClick={() => {
        copyText(text).then(
          () => setCopied(true),
          () => toast.error(t('copy.failed')),
        );
      }}
      className={cx(
        'rounded px-2 py-1 text-xs font-medium text-gray-700 hover:bg-gray-200 dark:text-gray-300 dark:hover:bg-gray-700',
        className,
      )}
    >
      <span aria-hidden="true">{copied ? t('copy.copiedShort') : t('copy.short')}</span>
    </button>
  );
}
