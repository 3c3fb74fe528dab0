import { useEffect } from 'react';
import type { Message } from './chat-types';
import { useChatSession } from './streaming/chat-session-context';

/**
 * Follows every answer the server is still generating in these messages — after a reload,
 * or one sent from another tab — unless this tab already streams it.
 */
export function useFollowRunning(messages: readonly Message[]) {
  const { session } = useChatSession();
  useEffect(() => {
    for (const message of messages) {
      if (message.role === 'assistant') session.follow(message);
    }
  }, [messages, session]);
}
