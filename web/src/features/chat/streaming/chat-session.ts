import { ApiError, errorFromResponse, networkError } from '../../../api/api-error';
import type { ApiClient } from '../../../api/client';
import type { Message } from '../chat-types';
import { isRunning } from '../chat-types';
import { applyDelta, toChatEvent, type ChatEvent } from './chat-events';
import type { LiveAnswer, LiveStore } from './live-store';
import { readEventStream } from './sse-parser';

/** Reconnects after a dropped stream before giving up (the reload then shows the truth). */
const MAX_RECONNECTS = 5;
/**
 * How long a send's stream may stay silent before the answer is looked up instead: an answer
 * that waits in the upstream's queue may say nothing until it starts (a `queued` event sent
 * before the stream was followed is not replayed), and Stop needs the answer's id.
 */
const IDENTIFY_AFTER_MS = 600;

export interface ChatSessionDeps {
  client: Pick<ApiClient, 'fetch' | 'get' | 'post'>;
  store: LiveStore;
  /** An answer ended, or a send's fate is unknown: reload what the server has. */
  onSettled: (conversationId: string) => Promise<unknown>;
  sleep?: (ms: number) => Promise<void>;
  newId?: () => string;
  now?: () => Date;
  /** Default IDENTIFY_AFTER_MS. */
  identifyAfterMs?: number;
}

type Outcome = 'ended' | 'dropped' | 'gap' | 'aborted';

const EVENT_STREAM = { Accept: 'text/event-stream' } as const;

/**
 * The answers this tab follows: sending a message streams its answer from the POST itself,
 * and an answer that is still running when a conversation opens (after a reload, from another
 * tab) is followed with `GET /api/messages/:id/stream`. A dropped stream is followed again;
 * the events' offsets keep text from appearing twice. Everything lands in the live store.
 */
export function createChatSession(deps: ChatSessionDeps) {
  const { client, store } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const now = deps.now ?? (() => new Date());
  /** Open streams by answer key (the message id; a local id until the server names it). */
  const running = new Map<string, AbortController>();

  const settle = (conversationId: string) => deps.onSettled(conversationId).catch(() => undefined);

  /**
   * Applies one event to the answer under `key`; returns false when the stream must stop
   * (it ended, or text was missed and must be replayed).
   */
  function apply(key: string, event: ChatEvent, state: { ended: boolean; gap: boolean }) {
    store.setAnswer(key, (old) => {
      const answer: LiveAnswer = old ?? {
        conversationId: '',
        text: '',
        status: 'queued',
        position: null,
        errorCode: null,
        usage: null,
      };
      switch (event.type) {
        case 'queued':
          return { ...answer, status: 'queued', position: event.position };
        case 'delta': {
          const text = applyDelta(answer.text, event.offset, event.delta);
          if (text === null) {
            state.gap = true;
            return answer;
          }
          if (text === answer.text && answer.status === 'streaming') return answer;
          return { ...answer, text, status: 'streaming', position: null };
        }
        case 'done':
          state.ended = true;
          return { ...answer, status: event.status, position: null, usage: event.usage };
        case 'error':
          state.ended = true;
          return { ...answer, status: event.status, position: null, errorCode: event.code };
      }
    });
    return !state.ended && !state.gap;
  }

  /** Reads one response's events into the store. `onFirstId` learns the answer's id. */
  async function consume(
    response: Response,
    signal: AbortSignal,
    keyOf: (messageId: string) => string,
  ): Promise<Outcome> {
    const state = { ended: false, gap: false };
    if (!response.body) return 'dropped';
    try {
      await readEventStream(response.body, (sse) => {
        const event = toChatEvent(sse);
        if (!event) return true;
        return apply(keyOf(event.messageId), event, state);
      });
    } catch {
      // A dropped connection; what was applied stays.
    }
    if (state.ended) return 'ended';
    if (signal.aborted) return 'aborted';
    return state.gap ? 'gap' : 'dropped';
  }

  /** Follows `messageId` until its end, reconnecting after drops. */
  async function followLoop(
    messageId: string,
    conversationId: string,
    controller: AbortController,
  ) {
    const { signal } = controller;
    let failures = 0;
    try {
      while (!signal.aborted) {
        const before = store.answer(messageId)?.text.length ?? 0;
        let outcome: Outcome;
        try {
          const response = await client.fetch(
            `/api/messages/${encodeURIComponent(messageId)}/stream`,
            { headers: EVENT_STREAM, signal },
          );
          if (!response.ok) {
            const error = await errorFromResponse(response);
            // Gone or not ours any more: the conversation's reload shows what is left.
            if (error.status >= 400 && error.status < 500) break;
            throw error;
          }
          outcome = await consume(response, signal, () => messageId);
        } catch {
          outcome = signal.aborted ? 'aborted' : 'dropped';
        }
        if (outcome === 'ended' || outcome === 'aborted') break;
        const progressed = (store.answer(messageId)?.text.length ?? 0) > before;
        failures = progressed || outcome === 'gap' ? 0 : failures + 1;
        if (failures > MAX_RECONNECTS) break;
        if (failures > 0) await sleep(Math.min(8_000, 500 * 2 ** (failures - 1)));
      }
    } finally {
      if (running.get(messageId) === controller) running.delete(messageId);
    }
    if (!signal.aborted) await settle(conversationId);
  }

  /**
   * The id of the answer to `content` when the stream has not named it yet: the newest
   * running answer right after a message with that content, not claimed by another send.
   */
  async function identify(conversationId: string, content: string): Promise<Message | null> {
    const window = await client.get<{ messages: Message[] }>(
      `/api/conversations/${encodeURIComponent(conversationId)}?limit=6`,
    );
    const claimed = new Set(store.pendingOf(conversationId).map((send) => send.assistantId));
    const { messages } = window;
    for (let index = messages.length - 1; index > 0; index--) {
      const answer = messages[index];
      const question = messages[index - 1];
      if (
        answer?.role === 'assistant' &&
        isRunning(answer.status) &&
        !claimed.has(answer.id) &&
        question?.role === 'user' &&
        question.content === content
      ) {
        return answer;
      }
    }
    return null;
  }

  /** Reads the answer from the send's own response, then follows it if the stream drops. */
  async function streamAnswer(props: {
    response: Response;
    conversationId: string;
    content: string;
    localId: string;
    controller: AbortController;
  }) {
    const { response, conversationId, content, localId, controller } = props;
    let messageId: string | null = null;
    const keyOf = (id: string) => {
      if (messageId === null) {
        messageId = id;
        store.renameAnswer(localId, id);
        store.updatePending(conversationId, localId, { assistantId: id });
        running.delete(localId);
        running.set(id, controller);
      }
      return id;
    };
    const silence = setTimeout(() => {
      if (messageId !== null || controller.signal.aborted) return;
      identify(conversationId, content).then(
        (answer) => {
          if (!answer || messageId !== null || controller.signal.aborted) return;
          keyOf(answer.id);
          store.setAnswer(answer.id, (old) =>
            old?.status === 'sending' ? { ...old, status: answer.status } : old,
          );
        },
        () => undefined, // The stream names the answer when it starts, as a last resort.
      );
    }, deps.identifyAfterMs ?? IDENTIFY_AFTER_MS);
    const outcome = await consume(response, controller.signal, keyOf);
    clearTimeout(silence);
    const id = messageId as string | null;
    if (id === null) {
      running.delete(localId);
      // Left before the answer was named, or the connection dropped: whatever the server
      // stored shows after the reload (and is followed from there if it still runs).
      store.removePending(conversationId, [localId]);
      if (outcome !== 'aborted') await settle(conversationId);
      return;
    }
    if (outcome === 'aborted') return;
    if (outcome === 'ended') {
      if (running.get(id) === controller) running.delete(id);
      await settle(conversationId);
      return;
    }
    await followLoop(id, conversationId, controller);
  }

  return {
    /**
     * Sends `content` and streams its answer into the store. Resolves once the server has
     * taken the message (null) or refused it (the error; the message then stays in the
     * conversation, marked unsent, to retry or dismiss). The answer streams on after that.
     */
    async send(props: {
      conversationId: string;
      content: string;
      model?: string | null;
    }): Promise<ApiError | null> {
      const { conversationId, content } = props;
      const localId = `local-${newId()}`;
      store.addPending({
        localId,
        conversationId,
        content,
        createdAt: now().toISOString(),
        assistantId: null,
        failure: null,
      });
      store.setAnswer(localId, () => ({
        conversationId,
        text: '',
        status: 'sending',
        position: null,
        errorCode: null,
        usage: null,
      }));
      const controller = new AbortController();
      running.set(localId, controller);

      let response: Response;
      try {
        response = await client.fetch(
          `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
          {
            method: 'POST',
            headers: { ...EVENT_STREAM, 'Content-Type': 'application/json' },
            body: JSON.stringify(props.model ? { content, model: props.model } : { content }),
            signal: controller.signal,
          },
        );
        if (!response.ok) throw await errorFromResponse(response);
      } catch (cause) {
        running.delete(localId);
        if (controller.signal.aborted) {
          store.removePending(conversationId, [localId]);
          return null;
        }
        const error = cause instanceof ApiError ? cause : networkError(cause);
        // Refused before anything was stored: the message stays here with its error.
        store.updatePending(conversationId, localId, { failure: error });
        return error;
      }
      void streamAnswer({ response, conversationId, content, localId, controller });
      return null;
    },

    /** Follows an answer the server is still generating, unless this tab already does. */
    follow(message: Pick<Message, 'id' | 'conversationId' | 'content' | 'status'>) {
      if (running.has(message.id) || !isRunning(message.status)) return;
      store.setAnswer(message.id, (old) => {
        if (old && old.text.length >= message.content.length && isRunning(old.status)) return old;
        return {
          conversationId: message.conversationId,
          text: old && old.text.length > message.content.length ? old.text : message.content,
          status: message.status,
          position: null,
          errorCode: null,
          usage: null,
        };
      });
      const controller = new AbortController();
      running.set(message.id, controller);
      void followLoop(message.id, message.conversationId, controller);
    },

    /** Stops the generation on the server; the stream then ends with `done` (cancelled). */
    async cancel(messageId: string) {
      const message = await client.post<Message>(
        `/api/messages/${encodeURIComponent(messageId)}/cancel`,
      );
      store.setAnswer(messageId, (old) =>
        old && isRunning(old.status)
          ? {
              ...old,
              status: message.status,
              text: message.content.length > old.text.length ? message.content : old.text,
            }
          : old,
      );
      return message;
    },

    /** Forgets a message that could not be sent. */
    dismiss(conversationId: string, localId: string) {
      store.removePending(conversationId, [localId]);
    },

    isFollowing: (messageId: string) => running.has(messageId),

    /** Closes every stream (leaving the page); the answers go on on the server. */
    stopAll() {
      for (const controller of running.values()) controller.abort();
      running.clear();
    },
  };
}

export type ChatSession = ReturnType<typeof createChatSession>;
