import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Spinner } from '../../ui/Spinner';
import { useConversationSearch } from './chat-api';
import { titleOf } from './conversation-title';

/** Messages that match the search, best first; each opens its conversation. */
export function SearchResults({ q, onNavigate }: { q: string; onNavigate: () => void }) {
  const { t } = useTranslation('chat');
  const search = useConversationSearch(q);

  if (search.isPending) {
    return (
      <div className="flex justify-center p-4">
        <Spinner label={t('search.searching')} />
      </div>
    );
  }
  if (search.isError) {
    return <ErrorState error={search.error} onRetry={() => void search.refetch()} />;
  }
  const hits = search.data.pages.flatMap((page) => page.items);
  return (
    <section aria-label={t('search.results')}>
      <p role="status" className="px-4 pb-2 text-xs text-gray-600 dark:text-gray-400">
        {hits.length === 0 ? t('search.none', { q }) : t('search.count', { count: hits.length })}
      </p>
      <ul className="space-y-0.5 px-2">
        {hits.map((hit) => (
          <li key={hit.messageId}>
            <Link
              to={`/chat/${hit.conversationId}`}
              onClick={onNavigate}
              className="block rounded-md px-3 py-2 hover:bg-gray-200 dark:hover:bg-gray-800"
            >
              <span className="block truncate text-sm font-medium">
                {titleOf(hit.conversationTitle, t)}
              </span>
              <span className="line-clamp-2 text-xs text-gray-700 dark:text-gray-300">
                {hit.role === 'user' ? t('search.you') : t('search.assistant')}: {hit.snippet}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {search.hasNextPage && (
        <div className="flex justify-center py-2">
          <Button
            variant="ghost"
            size="sm"
            loading={search.isFetchingNextPage}
            onClick={() => void search.fetchNextPage()}
          >
            {t('search.more')}
          </Button>
        </div>
      )}
    </section>
  );
}
