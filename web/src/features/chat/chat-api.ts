import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from '../../api/api';
import { errorFromResponse } from '../../api/api-error';
import type { ApiClient } from '../../api/client';
import type { Page } from '../../api/types';
import type {
  Conversation,
  ConversationPatch,
  ConversationWindow,
  ExportFormat,
  Message,
  SearchHit,
} from './chat-types';

const LIST_PAGE = 30;
const SEARCH_PAGE = 20;
const MESSAGE_PAGE = 50;

/** Query keys of the chat screens. */
export const chatKeys = {
  list: ['chat', 'conversations'] as const,
  search: (q: string) => ['chat', 'search', q] as const,
  conversation: (id: string) => ['chat', 'conversation', id] as const,
};

type ConversationData = InfiniteData<ConversationWindow, string | null>;
type ListData = InfiniteData<Page<Conversation>, string | null>;

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) search.set(key, String(value));
  }
  return search.toString();
}

const idPath = (id: string) => encodeURIComponent(id);

/** The caller's conversations, most recently active first, a page at a time. */
export function useConversationList() {
  return useInfiniteQuery({
    queryKey: chatKeys.list,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Conversation>>(
        `/api/conversations?${query({ limit: LIST_PAGE, cursor: pageParam })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Full-text search over the caller's messages; idle while `q` is blank. */
export function useConversationSearch(q: string) {
  const trimmed = q.trim();
  return useInfiniteQuery({
    queryKey: chatKeys.search(trimmed),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<SearchHit>>(
        `/api/conversations/search?${query({ q: trimmed, limit: SEARCH_PAGE, cursor: pageParam })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: trimmed.length > 0,
  });
}

/**
 * One conversation: the first page is its newest messages; each next page is older
 * (`before=`), so `fetchNextPage` loads history when the reader scrolls up.
 */
export function useConversation(id: string | undefined) {
  return useInfiniteQuery({
    queryKey: chatKeys.conversation(id ?? ''),
    queryFn: ({ pageParam, signal }) =>
      api.get<ConversationWindow>(
        `/api/conversations/${idPath(id ?? '')}?${query({ limit: MESSAGE_PAGE, before: pageParam })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasMore ? last.nextBefore : null),
    enabled: Boolean(id),
  });
}

/** The messages of every loaded page, oldest first, each once. */
export function messagesOf(data: InfiniteData<ConversationWindow, unknown> | undefined): Message[] {
  if (!data) return [];
  const seen = new Set<string>();
  const messages: Message[] = [];
  for (const page of [...data.pages].reverse()) {
    for (const message of page.messages) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      messages.push(message);
    }
  }
  return messages;
}

/** Puts a new, empty conversation in the cache so opening it needs no request. */
export function seedConversation(queryClient: QueryClient, conversation: Conversation) {
  queryClient.setQueryData<ConversationData>(chatKeys.conversation(conversation.id), {
    pages: [{ ...conversation, messages: [], hasMore: false, nextBefore: null }],
    pageParams: [null],
  });
  queryClient.setQueryData<ListData>(chatKeys.list, (old) =>
    old
      ? {
          ...old,
          pages: old.pages.map((page, index) =>
            index === 0 ? { ...page, items: [conversation, ...page.items] } : page,
          ),
        }
      : old,
  );
}

/** After a change on the server: the conversation and the list (order, titles) reload. */
export async function refreshConversation(queryClient: QueryClient, id: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: chatKeys.conversation(id) }),
    queryClient.invalidateQueries({ queryKey: chatKeys.list }),
  ]);
}

function replaceConversation(queryClient: QueryClient, conversation: Conversation) {
  queryClient.setQueryData<ConversationData>(chatKeys.conversation(conversation.id), (old) =>
    old ? { ...old, pages: old.pages.map((page) => ({ ...page, ...conversation })) } : old,
  );
  queryClient.setQueryData<ListData>(chatKeys.list, (old) =>
    old
      ? {
          ...old,
          pages: old.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === conversation.id ? conversation : item)),
          })),
        }
      : old,
  );
}

export function useCreateConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { model?: string; systemPrompt?: string }) =>
      api.post<Conversation>('/api/conversations', body),
    onSuccess: (conversation) => seedConversation(queryClient, conversation),
  });
}

/** Rename, choose the model, set the system prompt (`null` clears model or prompt). */
export function useUpdateConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ConversationPatch }) =>
      api.patch<Conversation>(`/api/conversations/${idPath(id)}`, patch),
    onSuccess: (conversation) => replaceConversation(queryClient, conversation),
  });
}

export function useDeleteConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/conversations/${idPath(id)}`),
    onSuccess: async (_result, id) => {
      queryClient.setQueryData<ListData>(chatKeys.list, (old) =>
        old
          ? {
              ...old,
              pages: old.pages.map((page) => ({
                ...page,
                items: page.items.filter((item) => item.id !== id),
              })),
            }
          : old,
      );
      queryClient.removeQueries({ queryKey: chatKeys.conversation(id) });
      await queryClient.invalidateQueries({ queryKey: ['chat', 'search'] });
    },
  });
}

/** Downloads the conversation as a file: fetched with the access token, saved from a Blob. */
export function useExportConversation() {
  return useMutation({
    mutationFn: ({ id, format }: { id: string; format: ExportFormat }) =>
      downloadExport(api, id, format),
  });
}

export async function downloadExport(client: ApiClient, id: string, format: ExportFormat) {
  const response = await client.fetch(`/api/conversations/${idPath(id)}/export?format=${format}`);
  if (!response.ok) throw await errorFromResponse(response);
  const blob = await response.blob();
  const extension = format === 'json' ? 'json' : 'md';
  const name =
    fileNameOf(response.headers.get('content-disposition')) ?? `conversation.${extension}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by then; the URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** `attachment; filename="x.md"` → `x.md` (the server sends safe ASCII names). */
export function fileNameOf(disposition: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? null;
}
