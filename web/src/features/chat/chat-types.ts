/** The chat API's shapes as the web UI reads them (docs/chat-api.md). */

export type MessageRole = 'user' | 'assistant';

export type MessageStatus =
  'queued' | 'streaming' | 'complete' | 'cancelled' | 'failed' | 'interrupted';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface Message {
  id: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  model: string | null;
  errorCode?: string;
  usage?: Usage;
  createdAt: string;
  updatedAt: string;
}

export interface Conversation {
  id: string;
  title: string | null;
  model: string | null;
  systemPrompt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/conversations/:id`: the conversation with one window of its messages. */
export interface ConversationWindow extends Conversation {
  /** Oldest first. */
  messages: Message[];
  hasMore: boolean;
  nextBefore: string | null;
}

export interface SearchHit {
  conversationId: string;
  conversationTitle: string | null;
  messageId: string;
  role: MessageRole;
  /** Plain text around the match. */
  snippet: string;
  createdAt: string;
}

export type ConversationPatch = Partial<{
  title: string;
  model: string | null;
  systemPrompt: string | null;
}>;

export type ExportFormat = 'markdown' | 'json';

/** Still being generated: the UI follows it and offers to stop it. */
export function isRunning(status: MessageStatus | 'sending'): boolean {
  return status === 'sending' || status === 'queued' || status === 'streaming';
}
