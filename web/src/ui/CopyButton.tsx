import { useEffect, useState } from 'react';
import { Button, type ButtonProps } from './Button';
import { copyText } from './copy-text';
import { cx } from './cx';
import { useToast } from './Toaster';

export interface CopyTexts {
  /** The button's text ("Copy"). */
  copy: string;
  /** Shown for a moment after copying ("Copied"). */
  copied: string;
  /** The accessible name for a moment after copying, when `label` is set; `copied` if unset. */
  copiedLabel?: string;
  /** Toast when the clipboard refuses. */
  failed: string;
}

/**
 * Copies `text` to the clipboard and says so for a moment; a failure raises a toast. Plain-HTTP
 * pages have no clipboard API and fall back to `execCommand('copy')`, so callers that can also
 * show the text selectable next to it. With `label` it is a small inline button whose accessible
 * name is `label` (e.g. "Copy code"), for toolbars in chat.
 */
export function CopyButton({
  text,
  texts,
  label,
  className,
  ...button
}: {
  text: string;
  texts: CopyTexts;
  /** The accessible name of the small inline variant. */
  label?: string;
} & Omit<ButtonProps, 'onClick' | 'children'>) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () => {
    copyText(text).then(
      () => setCopied(true),
      () => toast.error(texts.failed),
    );
  };

  if (label !== undefined) {
    return (
      <button
        type="button"
        aria-label={copied ? (texts.copiedLabel ?? texts.copied) : label}
        onClick={copy}
        className={cx(
          'rounded px-2 py-1 text-xs font-medium text-gray-700 hover:bg-gray-200 dark:text-gray-300 dark:hover:bg-gray-700',
          className,
        )}
      >
        <span aria-hidden="true">{copied ? texts.copied : texts.copy}</span>
      </button>
    );
  }

  return (
    <Button variant="secondary" size="sm" className={className} {...button} onClick={copy}>
      <span aria-live="polite">{copied ? texts.copied : texts.copy}</span>
    </Button>
  );
}
