import { useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toaster';
import { cx } from '../../ui/cx';
import { INPUT_CLASS } from '../../ui/field-styles';
import { useConversationList } from './chat-api';
import type { Conversation } from './chat-types';
import { DeleteDialog, RenameDialog } from './ConversationDialogs';
import { titleOf } from './conversation-title';
import { PencilIcon, PlusIcon, TrashIcon } from './icons';
import { SearchResults } from './SearchResults';
import { useDebouncedValue } from './use-debounced-value';

const SEARCH_DELAY_MS = 300;

/**
 * The sidebar (a drawer on phones): new chat, search over all messages, and the
 * conversations, newest first, loading more as the list scrolls.
 */
export function ConversationList({
  activeId,
  searchRef,
  shortcutHint,
  onNewChat,
  onNavigate,
}: {
  activeId: string | undefined;
  searchRef: Ref<HTMLInputElement>;
  /** "Ctrl+K" or "⌘K", shown in the search field's placeholder. */
  shortcutHint: string;
  onNewChat: () => void;
  /** A conversation was opened (the drawer closes). */
  onNavigate: () => void;
}) {
  const { t } = useTranslation('chat');
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q, SEARCH_DELAY_MS);
  const searching = q.trim() !== '';

  return (
    <div className="flex h-full flex-col">
      <div className="space-y-2 p-3">
        <Button className="w-full" onClick={onNewChat}>
          <PlusIcon />
          {t('newChat')}
        </Button>
        <search>
          <label htmlFor="chat-search" className="sr-only">
            {t('search.label')}
          </label>
          <input
            ref={searchRef}
            id="chat-search"
            type="search"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && q !== '') {
                event.preventDefault();
                setQ('');
              }
            }}
            placeholder={t('search.placeholder', { shortcut: shortcutHint })}
            autoComplete="off"
            className={cx(INPUT_CLASS, 'border-gray-300 dark:border-gray-600')}
          />
        </search>
      </div>
      <nav aria-label={t('conversations.label')} className="min-h-0 flex-1 overflow-y-auto pb-3">
        {searching ? (
          <SearchResults q={debounced} onNavigate={onNavigate} />
        ) : (
          <Conversations activeId={activeId} onNavigate={onNavigate} />
        )}
      </nav>
    </div>
  );
}

function Conversations({
  activeId,
  onNavigate,
}: {
  activeId: string | undefined;
  onNavigate: () => void;
}) {
  const { t } = useTranslation('chat');
  const list = useConversationList();
  const navigate = useNavigate();
  const toast = useToast();
  const [renaming, setRenaming] = useState<Conversation | null>(null);
  const [deleting, setDeleting] = useState<Conversation | null>(null);
  const sentinel = useRef<HTMLLIElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) {
        void fetchNextPage();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (list.isPending) {
    return (
      <div className="flex justify-center p-4">
        <Spinner label={t('conversations.loading')} />
      </div>
    );
  }
  if (list.isError) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  const conversations = list.data.pages.flatMap((page) => page.items);
  if (conversations.length === 0) {
    return (
      <p className="px-4 py-6 text-sm text-gray-600 dark:text-gray-400">
        {t('conversations.empty')}
      </p>
    );
  }

  return (
    <>
      <ul className="space-y-0.5 px-2">
        {conversations.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            conversation={conversation}
            active={conversation.id === activeId}
            onNavigate={onNavigate}
            onRename={() => setRenaming(conversation)}
            onDelete={() => setDeleting(conversation)}
          />
        ))}
        {hasNextPage && (
          <li ref={sentinel} className="flex justify-center py-2">
            <Button
              variant="ghost"
              size="sm"
              loading={isFetchingNextPage}
              onClick={() => void fetchNextPage()}
            >
              {t('conversations.more')}
            </Button>
          </li>
        )}
      </ul>
      <RenameDialog conversation={renaming} onClose={() => setRenaming(null)} />
      <DeleteDialog
        conversation={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(id) => {
          toast.success(t('delete.done'));
          if (id === activeId) void navigate('/chat', { replace: true });
        }}
      />
    </>
  );
}

function ConversationItem({
  conversation,
  active,
  onNavigate,
  onRename,
  onDelete,
}: {
  conversation: Conversation;
  active: boolean;
  onNavigate: () => void;
  onRename: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation('chat');
  const title = titleOf(conversation.title, t);
  const when = new Date(conversation.updatedAt).toLocaleDateString(i18n.resolvedLanguage, {
    day: 'numeric',
    month: 'short',
  });
  return (
    <li
      className={cx(
        'group flex items-center gap-1 rounded-md pr-1',
        active
          ? 'bg-indigo-100 text-indigo-950 dark:bg-indigo-950 dark:text-indigo-50'
          : 'hover:bg-gray-200 dark:hover:bg-gray-800',
      )}
    >
      <Link
        to={`/chat/${conversation.id}`}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
        className="flex min-w-0 flex-1 flex-col rounded-md px-3 py-2"
      >
        <span className="truncate text-sm font-medium">{title}</span>
        <span className="text-xs text-gray-600 dark:text-gray-400">{when}</span>
      </Link>
      <div className="flex shrink-0 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
        <button
          type="button"
          onClick={onRename}
          aria-label={t('rename.action', { title })}
          className="rounded p-2 text-gray-700 hover:bg-gray-300 dark:text-gray-300 dark:hover:bg-gray-700"
        >
          <PencilIcon />
        </button>
        <button
          type="button"
          onClick={onDelete}
          aria-label={t('delete.action', { title })}
          className="rounded p-2 text-gray-700 hover:bg-gray-300 hover:text-red-800 dark:text-gray-300 dark:hover:bg-gray-700 dark:hover:text-red-300"
        >
          <TrashIcon />
        </button>
      </div>
    </li>
  );
}
