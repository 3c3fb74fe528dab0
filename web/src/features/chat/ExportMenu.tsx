import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExportConversation } from './chat-api';
import type { ExportFormat } from './chat-types';
import { DownloadIcon } from './icons';
import { TOOL_BUTTON } from './tool-button';

/** "Export" → Markdown or JSON, downloaded as a file. */
export function ExportMenu({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('chat');
  const exporter = useExportConversation();
  const [open, setOpen] = useState(false);
  const menuId = useId();
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

  const choose = (format: ExportFormat) => {
    setOpen(false);
    buttonRef.current?.focus();
    exporter.mutate({ id: conversationId, format });
  };

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-busy={exporter.isPending || undefined}
        onClick={() => setOpen((value) => !value)}
        className={TOOL_BUTTON}
      >
        <DownloadIcon />
        <span className="sr-only sm:not-sr-only">{t('export.label')}</span>
      </button>
      {open && (
        <div
          id={menuId}
          className="absolute right-0 z-30 mt-1 flex w-48 flex-col rounded-md border border-gray-200 bg-white p-1 shadow-lg dark:border-gray-700 dark:bg-gray-900"
        >
          <button
            type="button"
            onClick={() => choose('markdown')}
            className="rounded px-3 py-2 text-left text-sm hover:bg-gray-100 dark:hover:bg-gray-800"
          >
            {t('export.markdown')}
          </button>
          <button
            type="button"
            onClick={() => choose('json')}
            className="rounded px-3 py-2 text-left text-sm hover:bg-gray-100 dark:hover:bg-gray-800"
          >
            {t('export.json')}
          </button>
        </div>
      )}
    </div>
  );
}
