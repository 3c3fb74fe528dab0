import type { MessageStatus, Usage } from '../chat-types';

/** `sending`: the request is on its way and no event has come back yet. */
export type LiveStatus = MessageStatus | 'sending';

/** An answer as its stream has shown it so far. */
export interface LiveAnswer {
  conversationId: string;
  text: string;
  status: LiveStatus;
  /** Place in the upstream's queue while `queued` (1 is next). */
  position: number | null;
  errorCode: string | null;
  usage: Usage | null;
}

/** A message this tab sent whose answer the server's copy of the conversation may not show yet. */
export interface PendingSend {
  localId: string;
  conversationId: string;
  content: string;
  createdAt: string;
  /** The answer's id once the first event names it. */
  assistantId: string | null;
  /** Why the message could not be sent (no answer was started); null while all is well. */
  failure: unknown;
}

export interface LiveState {
  /** By message id (or a pending send's local id until the server names the answer). */
  answers: Readonly<Record<string, LiveAnswer>>;
  /** By conversation id. */
  pending: Readonly<Record<string, readonly PendingSend[]>>;
}

const NO_PENDING: readonly PendingSend[] = [];

/**
 * What the open streams know, outside React so that stream readers can write to it at any
 * pace; components subscribe to the part they show (`useLive`). Every change replaces the
 * objects it touches and nothing else, so unchanged parts keep their identity.
 */
export function createLiveStore() {
  let state: LiveState = { answers: {}, pending: {} };
  const listeners = new Set<() => void>();
  const set = (next: LiveState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  return {
    getState: () => state,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    answer: (key: string): LiveAnswer | undefined => state.answers[key],
    pendingOf: (conversationId: string): readonly PendingSend[] =>
      state.pending[conversationId] ?? NO_PENDING,
    /** `update` returns the answer's new state, or undefined (or the old one) for no change. */
    setAnswer(key: string, update: (old: LiveAnswer | undefined) => LiveAnswer | undefined) {
      const old = state.answers[key];
      const next = update(old);
      if (next === undefined || next === old) return;
      set({ ...state, answers: { ...state.answers, [key]: next } });
    },
    /** The answer known by a local id now has the server's id. */
    renameAnswer(from: string, to: string) {
      const answer = state.answers[from];
      if (!answer || from === to) return;
      const answers = { ...state.answers };
      delete answers[from];
      answers[to] = state.answers[to] ?? answer;
      set({ ...state, answers });
    },
    addPending(send: PendingSend) {
      const list = state.pending[send.conversationId] ?? NO_PENDING;
      set({ ...state, pending: { ...state.pending, [send.conversationId]: [...list, send] } });
    },
    updatePending(conversationId: string, localId: string, patch: Partial<PendingSend>) {
      const list = state.pending[conversationId];
      if (!list?.some((send) => send.localId === localId)) return;
      set({
        ...state,
        pending: {
          ...state.pending,
          [conversationId]: list.map((send) =>
            send.localId === localId ? { ...send, ...patch } : send,
          ),
        },
      });
    },
    removePending(conversationId: string, localIds: readonly string[]) {
      const list = state.pending[conversationId];
      if (!list) return;
      const kept = list.filter((send) => !localIds.includes(send.localId));
      if (kept.length === list.length) return;
      set({ ...state, pending: { ...state.pending, [conversationId]: kept } });
    },
  };
}

export type LiveStore = ReturnType<typeof createLiveStore>;
