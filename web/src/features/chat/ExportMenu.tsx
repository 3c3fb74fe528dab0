import { useTranslation } from 'react-i18next';
import { Menu } from '../../ui/Menu';
import { useExportConversation } from './chat-api';
import type { ExportFormat } from './chat-types';
import { DownloadIcon } from './icons';
import { TOOL_BUTTON } from './tool-button';

/** "Export" → Markdown or JSON, downloaded as a file. */
export function ExportMenu({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('chat');
  const exporter = useExportConversation();

  return (
    <Menu
      button={
        <>
          <DownloadIcon />
          <span className="sr-only sm:not-sr-only">{t('export.label')}</span>
        </>
      }
      buttonClassName={TOOL_BUTTON}
      buttonBusy={exporter.isPending}
      panelClassName="absolute right-0 z-30 mt-1 flex w-48 flex-col rounded-md border border-gray-200 bg-white p-1 shadow-lg dark:border-gray-700 dark:bg-gray-900"
    >
      {(close) => {
        const choose = (format: ExportFormat) => {
          close(true);
          exporter.mutate({ id: conversationId, format });
        };
        return (
          <>
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
          </>
        );
      }}
    </Menu>
  );
}
