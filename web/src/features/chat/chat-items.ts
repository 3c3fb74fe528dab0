import type { Message, MessageRole } from './chat-types';
import { isRunning } from './chat-types';
import type { LiveAnswer, LiveStatus, PendingSend } from './streaming/live-store';

/** One row of the message list: a stored message, or one this tab is sending. */
export interface ChatItem {
  /** Stable list key: the message id, or for what this tab sent, the send's local id. */
  key: string;
  /** The server's id, once known. */
  messageId: string | null;
  role: MessageRole;
  content: string;
  status: LiveStatus;
  model: string | null;
  errorCode: string | null;
  /** Place in the upstream queue while waiting. */
  position: number | null;
  /** A message that could not be sent: its local id and why. */
  failedSend: { localId: string; error: unknown } | null;
}

function fromMessage(message: Message, live: LiveAnswer | undefined): ChatItem {
  // While the stored copy says "running", the stream knows more; once it says finished, the
  // stored copy is the truth.
  const useLive = live !== undefined && message.role === 'assistant' && isRunning(message.status);
  return {
    key: message.id,
    messageId: message.id,
    role: message.role,
    content: useLive && live.text.length >= message.content.length ? live.text : message.content,
    status: useLive ? live.status : message.status,
    model: message.model,
    errorCode: (useLive ? live.errorCode : null) ?? message.errorCode ?? null,
    position: useLive ? live.position : null,
    failedSend: null,
  };
}

/**
 * The rows to show: the stored messages (running answers with their live text), then what
 * this tab sent that the stored copy does not hold yet.
 */
export function chatItems(
  messages: readonly Message[],
  pending: readonly PendingSend[],
  answers: Readonly<Record<string, LiveAnswer>>,
): ChatItem[] {
  // Rows keep the keys they had while pending once the stored copy arrives, so the list
  // neither remounts nor re-measures them: an answer by its id, its question just before it.
  const localOf = new Map<string, string>();
  for (const send of pending) if (send.assistantId) localOf.set(send.assistantId, send.localId);
  const items = messages.map((message) => fromMessage(message, answers[message.id]));
  items.forEach((item, index) => {
    const local = item.messageId ? localOf.get(item.messageId) : undefined;
    if (!local) return;
    item.key = `${local}:answer`;
    const question = items[index - 1];
    if (question?.role === 'user') question.key = `${local}:user`;
  });
  const stored = new Set(messages.map((message) => message.id));
  for (const send of pending) {
    if (send.assistantId !== null && stored.has(send.assistantId)) continue;
    items.push({
      key: `${send.localId}:user`,
      messageId: null,
      role: 'user',
      content: send.content,
      status: 'complete',
      model: null,
      errorCode: null,
      position: null,
      failedSend: send.failure ? { localId: send.localId, error: send.failure } : null,
    });
    if (send.failure) continue;
    const live = answers[send.assistantId ?? send.localId];
    items.push({
      key: `${send.localId}:answer`,
      messageId: send.assistantId,
      role: 'assistant',
      content: live?.text ?? '',
      status: live?.status ?? 'sending',
      model: null,
      errorCode: live?.errorCode ?? null,
      position: live?.position ?? null,
      failedSend: null,
    });
  }
  return items;
}

/** The answer still being generated in these rows, if any (the composer offers "Stop"). */
export function runningAnswer(items: readonly ChatItem[]): ChatItem | null {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index];
    if (item?.role === 'assistant' && isRunning(item.status)) return item;
  }
  return null;
}
