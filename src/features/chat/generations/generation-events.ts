import type { Selectable } from 'kysely';
import type { MessagesTable } from '../../../platform/db/tables.js';
import type { TokenUsage } from '../../models/upstream.types.js';

/** Who and what an event is about; `topic` is the assistant message id. */
interface About {
  topic: string;
  messageId: string;
  conversationId: string;
  userId: string;
}

/** A generation's life as its followers see it, in order; `done` and `error` end it. */
export type GenerationEvent = About &
  (
    | { type: 'queued'; position: number }
    /** `offset` is where `delta` starts in the message's text (UTF-16 units). */
    | { type: 'delta'; offset: number; delta: string }
    | { type: 'done'; status: 'complete' | 'cancelled'; usage: TokenUsage | null }
    | { type: 'error'; status: 'failed' | 'interrupted'; code: string; message: string }
    /** Asks whichever instance runs the generation to cancel it. */
    | { type: 'cancel-request' }
  );

/** The events a client is shown (everything but control messages). */
export type FollowEvent = Exclude<GenerationEvent, { type: 'cancel-request' }>;

export function isTerminal(event: GenerationEvent): boolean {
  return event.type === 'done' || event.type === 'error';
}

/** The end of an answer whose server stopped while it was being generated. */
export const INTERRUPTED = {
  type: 'error',
  status: 'interrupted',
  code: 'interrupted',
  message: 'The server stopped while this answer was being generated.',
} as const;

/** Who and what events about `message` concern. */
export function about(
  message: Pick<Selectable<MessagesTable>, 'id' | 'conversation_id' | 'user_id'>,
) {
  return {
    topic: message.id,
    messageId: message.id,
    conversationId: message.conversation_id,
    userId: message.user_id,
  };
}

/** Whether a message with this status is no longer being generated. */
export function isFinished(status: MessagesTable['status']): boolean {
  return status !== 'queued' && status !== 'streaming';
}

/** The event that ends a finished message, for a follower that arrives after the end. */
export function finalEventOf(message: Selectable<MessagesTable>): FollowEvent {
  const base = about(message);
  switch (message.status) {
    case 'complete':
    case 'cancelled':
      return {
        ...base,
        type: 'done',
        status: message.status,
        usage:
          message.prompt_tokens !== null && message.completion_tokens !== null
            ? { promptTokens: message.prompt_tokens, completionTokens: message.completion_tokens }
            : null,
      };
    case 'interrupted':
      return { ...base, ...INTERRUPTED };
    case 'failed':
    case 'queued':
    case 'streaming':
      return {
        ...base,
        type: 'error',
        status: 'failed',
        code: message.error_code ?? 'upstream_error',
        message: 'The generation failed.',
      };
  }
}
