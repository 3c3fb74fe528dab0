import { memo, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { ApiError } from '../../api/api-error';
import { errorMessage, useErrorMessage } from '../../ui/error-message';
import type { ChatItem } from './chat-items';
import { isRunning } from './chat-types';
import { LazyMarkdown } from './LazyMarkdown';
import { useCopyTexts } from './use-copy-texts';

export interface MessageActions {
  /** Sends the user message before a failed answer again. */
  retry: (item: ChatItem) => void;
  /** A message that could not be sent: send it again, or drop it. */
  resend: (item: ChatItem) => void;
  dismiss: (item: ChatItem) => void;
}

/** One message: the user's as plain text, an answer as safe Markdown with its state. */
export const MessageView = memo(function MessageView({
  item,
  isLast,
  actions,
}: {
  item: ChatItem;
  isLast: boolean;
  actions: MessageActions;
}) {
  return item.role === 'user' ? (
    <UserMessage item={item} actions={actions} />
  ) : (
    <AssistantMessage item={item} isLast={isLast} actions={actions} />
  );
});

function UserMessage({ item, actions }: { item: ChatItem; actions: MessageActions }) {
  const { t } = useTranslation('chat');
  const message = useErrorMessage();
  return (
    <article aria-label={t('message.you')} className="flex flex-col items-end gap-1">
      <div className="max-w-[85%] rounded-2xl rounded-br-sm bg-indigo-600 px-4 py-2 break-words whitespace-pre-wrap text-white dark:bg-indigo-700">
        {item.content}
      </div>
      {item.failedSend && (
        <div className="flex flex-wrap items-center justify-end gap-2 text-sm">
          <span className="text-red-800 dark:text-red-300">
            {t('message.notSent', { reason: message(item.failedSend.error) })}
          </span>
          <Button size="sm" variant="secondary" onClick={() => actions.resend(item)}>
            {t('message.resend')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => actions.dismiss(item)}>
            {t('message.dismiss')}
          </Button>
        </div>
      )}
    </article>
  );
}

function AssistantMessage({
  item,
  isLast,
  actions,
}: {
  item: ChatItem;
  isLast: boolean;
  actions: MessageActions;
}) {
  const { t } = useTranslation('chat');
  const copyTexts = useCopyTexts();
  // Re-rendering Markdown on every token may lag behind a fast stream; React skips ahead.
  const text = useDeferredValue(item.content);
  const running = isRunning(item.status);
  const failed = item.status === 'failed' || item.status === 'interrupted';
  return (
    <article
      aria-label={
        item.model ? t('message.assistantWith', { model: item.model }) : t('message.assistant')
      }
      aria-busy={running || text !== item.content || undefined}
      className="rounded-2xl border border-gray-200 bg-white px-4 py-3 dark:border-gray-800 dark:bg-gray-900"
    >
      {text !== '' && <LazyMarkdown text={text} />}
      {running && <RunningNote item={item} />}
      {item.status === 'cancelled' && (
        <p className="mt-2 text-sm text-gray-600 italic dark:text-gray-400">
          {t('message.stopped')}
        </p>
      )}
      {failed && <FailureNote item={item} />}
      {!running && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {text !== '' && (
            <CopyButton text={item.content} texts={copyTexts} label={t('message.copy')} />
          )}
          {isLast && (failed || item.status === 'cancelled') && (
            <Button size="sm" variant="secondary" onClick={() => actions.retry(item)}>
              {failed ? t('message.retry') : t('message.regenerate')}
            </Button>
          )}
        </div>
      )}
    </article>
  );
}

function RunningNote({ item }: { item: ChatItem }) {
  const { t } = useTranslation('chat');
  let label: string;
  if (item.status === 'queued') {
    label =
      item.position !== null
        ? t('message.queued', { position: item.position })
        : t('message.queuedNoPosition');
  } else if (item.status === 'streaming') {
    label = t('message.writing');
  } else {
    label = t('message.waiting');
  }
  return (
    // The page's status line announces this; here it is only shown.
    <div className="mt-2 flex items-center gap-2 text-sm text-gray-700 dark:text-gray-300">
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent"
      />
      <span>{label}</span>
    </div>
  );
}

function FailureNote({ item }: { item: ChatItem }) {
  const { t } = useTranslation('chat');
  const { t: tc } = useTranslation();
  const reason =
    item.status === 'interrupted'
      ? t('message.interrupted')
      : item.errorCode
        ? errorMessage(tc, new ApiError({ status: 502, code: item.errorCode, detail: '' }))
        : t('message.failed');
  return (
    <p className="mt-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      {reason}
    </p>
  );
}
