import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../ui/cx';
import { ExportMenu } from './ExportMenu';
import { KeyboardIcon, MenuIcon, PlusIcon, SlidersIcon } from './icons';
import { ModelPicker } from './ModelPicker';
import { SystemPromptDialog } from './SystemPromptDialog';
import { TOOL_BUTTON } from './tool-button';

/** What the header edits: the saved conversation's, or the draft of a chat not started yet. */
export interface ConversationSettings {
  model: string | null;
  systemPrompt: string | null;
}

/**
 * The conversation's title and tools: model, system prompt, export, shortcuts; on phones
 * also the button that opens the conversation list and one for a new chat.
 */
export function ConversationHeader({
  title,
  conversationId,
  settings,
  saving,
  onChange,
  onOpenList,
  onNewChat,
  onShowShortcuts,
}: {
  title: string;
  /** Null for a chat not started yet (nothing to export). */
  conversationId: string | null;
  settings: ConversationSettings;
  saving: boolean;
  /** Resolves true once saved. */
  onChange: (patch: Partial<ConversationSettings>) => Promise<boolean>;
  /** Set on narrow screens, where the list is a drawer. */
  onOpenList?: () => void;
  onNewChat: () => void;
  onShowShortcuts: () => void;
}) {
  const { t } = useTranslation('chat');
  const [editingPrompt, setEditingPrompt] = useState(false);
  const hasPrompt = settings.systemPrompt !== null && settings.systemPrompt.trim() !== '';

  return (
    <header className="flex flex-wrap items-center gap-x-2 gap-y-2 border-b border-gray-200 bg-white px-3 py-2 sm:px-4 dark:border-gray-800 dark:bg-gray-900">
      {onOpenList && (
        <button type="button" onClick={onOpenList} className={TOOL_BUTTON}>
          <MenuIcon />
          <span className="sr-only">{t('conversations.open')}</span>
        </button>
      )}
      <h1 className="min-w-0 flex-1 truncate text-base font-semibold">{title}</h1>
      {onOpenList && (
        <button type="button" onClick={onNewChat} className={TOOL_BUTTON}>
          <PlusIcon />
          <span className="sr-only">{t('newChat')}</span>
        </button>
      )}
      <div className="flex w-full flex-wrap items-center justify-end gap-1 sm:w-auto">
        <div className="mr-auto sm:mr-1">
          <ModelPicker
            value={settings.model}
            disabled={saving}
            onChange={(model) => void onChange({ model })}
          />
        </div>
        <button
          type="button"
          onClick={() => setEditingPrompt(true)}
          className={cx(TOOL_BUTTON, hasPrompt && 'text-indigo-800 dark:text-indigo-200')}
        >
          <SlidersIcon />
          <span className="sr-only sm:not-sr-only">
            {hasPrompt ? t('systemPrompt.buttonSet') : t('systemPrompt.button')}
          </span>
        </button>
        {conversationId && <ExportMenu conversationId={conversationId} />}
        <button type="button" onClick={onShowShortcuts} className={TOOL_BUTTON}>
          <KeyboardIcon />
          <span className="sr-only">{t('shortcuts.title')}</span>
        </button>
      </div>
      <SystemPromptDialog
        open={editingPrompt}
        value={settings.systemPrompt}
        saving={saving}
        onClose={() => setEditingPrompt(false)}
        onSave={(systemPrompt) => {
          void onChange({ systemPrompt }).then((saved) => {
            if (saved) setEditingPrompt(false);
          });
        }}
      />
    </header>
  );
}
