import { useLayoutEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { PageLoading } from '../../ui/Spinner';
import { useToast } from '../../ui/Toaster';
import { useErrorMessage } from '../../ui/error-message';
import {
  messagesOf,
  useConversation,
  useCreateConversation,
  useUpdateConversation,
} from './chat-api';
import { chatItems, runningAnswer, type ChatItem } from './chat-items';
import { Composer } from './Composer';
import { ChatIcon } from './icons';
import { ConversationHeader, type ConversationSettings } from './ConversationHeader';
import { titleOf } from './conversation-title';
import { MessageList } from './MessageList';
import type { MessageActions } from './MessageView';
import { useChatSession, useLiveAnswers, usePendingSends } from './streaming/chat-session-context';
import { useFollowRunning } from './use-follow-running';

export interface ViewProps {
  composerRef: Ref<HTMLTextAreaElement>;
  /** Set on narrow screens, where the conversation list is a drawer. */
  onOpenList?: () => void;
  onNewChat: () => void;
  onShowShortcuts: () => void;
}

/** The right-hand side: a conversation (or a new chat), its messages and the composer. */
export function ConversationView({
  conversationId,
  ...props
}: ViewProps & { conversationId: string | undefined }) {
  return conversationId ? (
    <OpenConversation id={conversationId} {...props} />
  ) : (
    <NewConversation {...props} />
  );
}

/** A chat not started: model and system prompt are a draft until the first message. */
function NewConversation({ composerRef, onOpenList, onNewChat, onShowShortcuts }: ViewProps) {
  const { t } = useTranslation('chat');
  const navigate = useNavigate();
  const { session } = useChatSession();
  const create = useCreateConversation();
  const toast = useToast();
  const message = useErrorMessage();
  const [draft, setDraft] = useState<ConversationSettings>({ model: null, systemPrompt: null });

  const send = async (content: string) => {
    let conversation;
    try {
      conversation = await create.mutateAsync({
        ...(draft.model ? { model: draft.model } : {}),
        ...(draft.systemPrompt ? { systemPrompt: draft.systemPrompt } : {}),
      });
    } catch {
      return false; // the mutation's toast says why
    }
    void session.send({ conversationId: conversation.id, content }).then((error) => {
      if (error) toast.error(message(error));
    });
    void navigate(`/chat/${conversation.id}`, { state: { focusComposer: true } });
    return true;
  };

  return (
    <>
      <ConversationHeader
        title={t('newChat')}
        conversationId={null}
        settings={draft}
        saving={false}
        onChange={async (patch) => {
          setDraft((old) => ({ ...old, ...patch }));
          return true;
        }}
        onOpenList={onOpenList}
        onNewChat={onNewChat}
        onShowShortcuts={onShowShortcuts}
      />
      <NoMessagesYet />
      <Composer
        textareaRef={composerRef}
        busy={create.isPending}
        running={false}
        canStop={false}
        stopping={false}
        onSend={send}
        onStop={() => undefined}
      />
    </>
  );
}

function OpenConversation({
  id,
  composerRef,
  onOpenList,
  onNewChat,
  onShowShortcuts,
}: ViewProps & { id: string }) {
  const { t } = useTranslation('chat');
  const conversation = useConversation(id);
  const { session } = useChatSession();
  const pending = usePendingSends(id);
  const answers = useLiveAnswers();
  const update = useUpdateConversation();
  const toast = useToast();
  const message = useErrorMessage();
  const [scrollSignal, setScrollSignal] = useState(0);
  const [stopping, setStopping] = useState(false);

  const messages = useMemo(() => messagesOf(conversation.data), [conversation.data]);
  const items = useMemo(() => chatItems(messages, pending, answers), [messages, pending, answers]);
  const running = runningAnswer(items);
  useFollowRunning(messages);

  const send = async (content: string) => {
    setScrollSignal((value) => value + 1);
    const error = await session.send({ conversationId: id, content });
    if (error) toast.error(message(error));
    return true;
  };

  // Stable for the memoised rows; they read the newest items through the ref.
  const itemsRef = useRef(items);
  const sendRef = useRef(send);
  useLayoutEffect(() => {
    itemsRef.current = items;
    sendRef.current = send;
  });
  const actions = useMemo<MessageActions>(
    () => ({
      retry: (item: ChatItem) => {
        const list = itemsRef.current;
        const index = list.findIndex((candidate) => candidate.key === item.key);
        const question = list
          .slice(0, index)
          .reverse()
          .find((candidate) => candidate.role === 'user');
        if (question) void sendRef.current(question.content);
      },
      resend: (item: ChatItem) => {
        if (!item.failedSend) return;
        session.dismiss(id, item.failedSend.localId);
        void sendRef.current(item.content);
      },
      dismiss: (item: ChatItem) => {
        if (item.failedSend) session.dismiss(id, item.failedSend.localId);
      },
    }),
    [id, session],
  );

  const stop = () => {
    if (!running?.messageId) return;
    setStopping(true);
    session
      .cancel(running.messageId)
      .catch((error: unknown) => toast.error(message(error)))
      .finally(() => setStopping(false));
  };

  const header = (settings: ConversationSettings, title: string, ready: boolean) => (
    <ConversationHeader
      title={title}
      conversationId={ready ? id : null}
      settings={settings}
      saving={update.isPending}
      onChange={async (patch) => {
        try {
          await update.mutateAsync({ id, patch });
          return true;
        } catch {
          return false;
        }
      }}
      onOpenList={onOpenList}
      onNewChat={onNewChat}
      onShowShortcuts={onShowShortcuts}
    />
  );

  if (conversation.isPending) {
    return (
      <Frame header={header({ model: null, systemPrompt: null }, t('loadingConversation'), false)}>
        <PageLoading label={t('loadingConversation')} />
      </Frame>
    );
  }
  if (conversation.isError) {
    const missing = isApiError(conversation.error) && conversation.error.status === 404;
    return (
      <Frame header={header({ model: null, systemPrompt: null }, t('title'), false)}>
        <ErrorState
          title={missing ? t('notFound.title') : undefined}
          error={missing ? undefined : conversation.error}
          onRetry={missing ? undefined : () => void conversation.refetch()}
          action={
            <Link
              to="/chat"
              className="inline-flex min-h-10 items-center px-4 text-sm font-medium text-indigo-700 underline dark:text-indigo-300"
            >
              {t('newChat')}
            </Link>
          }
        />
      </Frame>
    );
  }

  const meta = conversation.data.pages[0];
  return (
    <>
      {header(
        { model: meta?.model ?? null, systemPrompt: meta?.systemPrompt ?? null },
        titleOf(meta?.title ?? null, t),
        true,
      )}
      {items.length === 0 ? (
        <NoMessagesYet />
      ) : (
        <MessageList
          items={items}
          hasOlder={conversation.hasNextPage}
          loadingOlder={conversation.isFetchingNextPage}
          onLoadOlder={() => void conversation.fetchNextPage()}
          actions={actions}
          scrollToEndSignal={scrollSignal}
        />
      )}
      <p role="status" className="sr-only">
        {announcement(items, running, t)}
      </p>
      <Composer
        textareaRef={composerRef}
        busy={false}
        running={running !== null}
        canStop={Boolean(running?.messageId)}
        stopping={stopping}
        onSend={send}
        onStop={stop}
      />
    </>
  );
}

/** Where messages go, while there are none. */
function NoMessagesYet() {
  const { t } = useTranslation('chat');
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <EmptyState
        icon={<ChatIcon />}
        title={t('empty.title')}
        description={t('empty.description')}
      />
    </div>
  );
}

function Frame({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      {header}
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </>
  );
}

/** What a screen reader hears about the answer: waiting, writing, then how it ended. */
function announcement(
  items: readonly ChatItem[],
  running: ChatItem | null,
  t: ReturnType<typeof useTranslation<'chat'>>['t'],
): string {
  if (running) {
    if (running.status === 'queued') {
      return running.position !== null
        ? t('message.queued', { position: running.position })
        : t('message.queuedNoPosition');
    }
    return running.status === 'sending' ? t('message.waiting') : t('message.writing');
  }
  const last = items[items.length - 1];
  if (last?.role !== 'assistant') return '';
  switch (last.status) {
    case 'complete':
      return t('status.complete');
    case 'cancelled':
      return t('message.stopped');
    case 'failed':
    case 'interrupted':
      return t('status.failed');
    case 'sending':
    case 'queued':
    case 'streaming':
      return '';
  }
}
