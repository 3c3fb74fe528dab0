import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatSession } from './chat-session';
import type { LiveAnswer, LiveStore, PendingSend } from './live-store';

export interface ChatSessionValue {
  session: ChatSession;
  store: LiveStore;
}

export const ChatSessionContext = createContext<ChatSessionValue | null>(null);

/** The chat page's streams (sending, following, cancelling). */
export function useChatSession(): ChatSessionValue {
  const value = useContext(ChatSessionContext);
  if (!value) throw new Error('useChatSession needs a ChatSessionContext');
  return value;
}

/** The live state of one answer (undefined when no stream has touched it). */
export function useLiveAnswer(key: string | null): LiveAnswer | undefined {
  const { store } = useChatSession();
  return useSyncExternalStore(store.subscribe, () => (key ? store.answer(key) : undefined));
}

/** Messages this tab sent in a conversation, with their answers' keys. */
export function usePendingSends(conversationId: string | null): readonly PendingSend[] {
  const { store } = useChatSession();
  return useSyncExternalStore(store.subscribe, () => store.pendingOf(conversationId ?? ''));
}

/** Every live answer, for the parts that ask "is anything running here?". */
export function useLiveAnswers(): Readonly<Record<string, LiveAnswer>> {
  const { store } = useChatSession();
  return useSyncExternalStore(store.subscribe, () => store.getState().answers);
}
