import type { Usage } from '../chat-types';
import type { SseEvent } from './sse-parser';

/** The events of an answer's stream (docs/chat-api.md, "Sending"). */
export type ChatEvent =
  | { type: 'queued'; messageId: string; position: number }
  | { type: 'delta'; messageId: string; delta: string; offset: number }
  | { type: 'done'; messageId: string; status: 'complete' | 'cancelled'; usage: Usage | null }
  | {
      type: 'error';
      messageId: string;
      status: 'failed' | 'interrupted';
      code: string;
      message: string;
    };

/** Reads one SSE event into a chat event; null for anything else (or malformed data). */
export function toChatEvent(event: SseEvent): ChatEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  const messageId = record.messageId;
  if (typeof messageId !== 'string') return null;
  switch (event.event) {
    case 'queued':
      return typeof record.position === 'number'
        ? { type: 'queued', messageId, position: record.position }
        : null;
    case 'delta':
      return typeof record.delta === 'string' && typeof record.offset === 'number'
        ? { type: 'delta', messageId, delta: record.delta, offset: record.offset }
        : null;
    case 'done':
      return {
        type: 'done',
        messageId,
        status: record.status === 'cancelled' ? 'cancelled' : 'complete',
        usage: isUsage(record.usage) ? record.usage : null,
      };
    case 'error':
      return {
        type: 'error',
        messageId,
        status: record.status === 'interrupted' ? 'interrupted' : 'failed',
        code: typeof record.code === 'string' ? record.code : 'upstream_error',
        message: typeof record.message === 'string' ? record.message : '',
      };
    default:
      return null;
  }
}

function isUsage(value: unknown): value is Usage {
  if (typeof value !== 'object' || value === null) return false;
  const usage = value as Record<string, unknown>;
  return typeof usage.promptTokens === 'number' && typeof usage.completionTokens === 'number';
}

/**
 * The text after a delta that starts at `offset`: what is already known is not added twice
 * (a reconnect replays from the start), and null means a gap — text between what is known and
 * the delta was missed, so the stream must be replayed.
 */
export function applyDelta(text: string, offset: number, delta: string): string | null {
  if (offset > text.length) return null;
  const end = offset + delta.length;
  if (end <= text.length) return text;
  return text + delta.slice(text.length - offset);
}
