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
