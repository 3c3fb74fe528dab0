import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/api';
import { refreshConversation } from './chat-api';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { Drawer } from './Drawer';
import { isApple, shortcutOf } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { createChatSession } from './streaming/chat-session';
import { ChatSessionContext, type ChatSessionValue } from './streaming/chat-session-context';
import { createLiveStore } from './streaming/live-store';
import { useMediaQuery } from './use-media-query';

/**
 * The chat: the conversation list beside the open conversation (on phones the list is a
 * drawer). One route for `/chat` and `/chat/:id`, so switching conversations keeps the page,
 * its streams and the list mounted.
 */
export function ChatPage() {
  const { t } = useTranslation('chat');
  const { conversationId } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const wide = useMediaQuery('(min-width: 768px)');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const modifier = isApple() ? '⌘' : 'Ctrl';

  const [live] = useState<ChatSessionValue>(() => {
    const store = createLiveStore();
    const session = createChatSession({
      client: api,
      store,
      onSettled: (id) => refreshConversation(queryClient, id),
    });
    return { store, session };
  });
  // Leaving the page closes the streams; the answers go on on the server.
  useEffect(() => () => live.session.stopAll(), [live]);

  const newChat = useCallback(() => {
    setDrawerOpen(false);
    void navigate('/chat');
    // After the new chat's composer has rendered.
    requestAnimationFrame(() => composerRef.current?.focus());
  }, [navigate]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutOf(event);
      if (!action) return;
      event.preventDefault();
      switch (action) {
        case 'focusSearch':
          if (!wide) setDrawerOpen(true);
          requestAnimationFrame(() => searchRef.current?.focus());
          break;
        case 'newChat':
          newChat();
          break;
        case 'showShortcuts':
          setShowShortcuts(true);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wide, newChat]);

  const list = (
    <ConversationList
      activeId={conversationId}
      searchRef={searchRef}
      shortcutHint={`${modifier}+K`}
      onNewChat={newChat}
      onNavigate={() => setDrawerOpen(false)}
    />
  );

  return (
    <ChatSessionContext value={live}>
      <div className="flex min-h-0 flex-1">
        {wide ? (
          <div className="flex w-72 shrink-0 flex-col border-r border-gray-200 bg-gray-100 dark:border-gray-800 dark:bg-gray-900/60">
            {list}
          </div>
        ) : (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('conversations.label')}
          >
            {list}
          </Drawer>
        )}
        <section className="flex min-w-0 flex-1 flex-col">
          <ConversationView
            key={conversationId ?? 'new'}
            conversationId={conversationId}
            composerRef={composerRef}
            onOpenList={wide ? undefined : () => setDrawerOpen(true)}
            onNewChat={newChat}
            onShowShortcuts={() => setShowShortcuts(true)}
          />
        </section>
      </div>
      <ShortcutsDialog
        open={showShortcuts}
        onClose={() => setShowShortcuts(false)}
        modifier={modifier}
      />
    </ChatSessionContext>
  );
}
