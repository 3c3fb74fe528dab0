import { useEffect, useState } from 'react';
import { Button, type ButtonProps } from './Button';
import { useToast } from './Toaster';

export interface CopyTexts {
  /** The button's label ("Copy"). */
  copy: string;
  /** Shown for a moment after copying ("Copied"). */
  copied: string;
  /** Toast when the clipboard refuses (plain-HTTP pages have no clipboard API). */
  failed: string;
}

/**
 * Copies `text` to the clipboard and says so for a moment. The clipboard API exists only in
 * secure contexts (HTTPS, localhost), so callers also show the text selectable next to it.
 */
export function CopyButton({
  text,
  texts,
  ...button
}: { text: string; texts: CopyTexts } & Omit<ButtonProps, 'onClick' | 'children'>) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      toast.error(texts.failed);
    }
  };

  return (
    <Button variant="secondary" size="sm" {...button} onClick={() => void copy()}>
      <span aria-live="polite">{copied ? texts.copied : texts.copy}</span>
    </Button>
  );
}
