import { errorFromResponse, networkError, type ApiError } from './api-error';
import { isExpiring, type AccessToken, type TokenStore } from './token-store';

export const REFRESH_LOCK = 'enclave-refresh';
export const AUTH_CHANNEL = 'enclave-auth';
export const CSRF_COOKIE = 'enclave_csrf';
/** Asks the server to put the refresh token in its httpOnly cookie, never in the body. */
export const COOKIE_TRANSPORT = { 'X-Enclave-Refresh-Transport': 'cookie' } as const;
/** How long a tab that saw another tab refresh waits for that tab's token to arrive. */
const PEER_TOKEN_WAIT_MS = 1_000;

/** What tabs tell each other over the `enclave-auth` BroadcastChannel. */
export type AuthMessage =
  { type: 'token'; token: AccessToken } | { type: 'signed-in' } | { type: 'signed-out' };

/** The part of BroadcastChannel used here (tests pass a fake). */
export interface AuthChannel {
  postMessage(message: AuthMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface RefresherDeps {
  fetch: typeof fetch;
  tokens: TokenStore;
  /** Runs `work` while holding the cross-tab refresh lock. */
  withLock: <T>(work: () => Promise<T>) => Promise<T>;
  channel: AuthChannel | null;
  readCookie: (name: string) => string | null;
  now?: () => number;
}

export interface Refresher {
  /**
   * A fresh access token in place of `stale`: one refresh at a time in this tab (callers
   * share one promise) and across tabs (a lock; a tab that waited takes the token the other
   * tab broadcast instead of refreshing again). Resolves null when the session is over;
   * rejects with an ApiError when the server cannot be reached or fails.
   */
  refresh(stale: string | null): Promise<AccessToken | null>;
  /** Tells the other tabs. */
  announce(message: AuthMessage): void;
  /** Messages from other tabs (tokens are already taken into the store). */
  onMessage(listener: (message: AuthMessage) => void): () => void;
  close(): void;
}

export function createRefresher(deps: RefresherDeps): Refresher {
  const now = deps.now ?? Date.now;
  const listeners = new Set<(message: AuthMessage) => void>();
  let inflight: Promise<AccessToken | null> | null = null;

  const onChannelMessage = (event: MessageEvent) => {
    const message = event.data as AuthMessage;
    if (message.type === 'token') {
      const current = deps.tokens.get();
      if (!current || current.expiresAt < message.token.expiresAt) deps.tokens.set(message.token);
    } else if (message.type === 'signed-out') {
      deps.tokens.set(null);
    }
    for (const listener of listeners) listener(message);
  };
  deps.channel?.addEventListener('message', onChannelMessage);

  function waitForPeerToken(stale: string | null): Promise<AccessToken | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        unsubscribe();
        resolve(null);
      }, PEER_TOKEN_WAIT_MS);
      const unsubscribe = deps.tokens.subscribe((token) => {
        if (token && token.token !== stale) {
          clearTimeout(timer);
          unsubscribe();
          resolve(token);
        }
      });
    });
  }

  async function refreshHoldingLock(
    stale: string | null,
    csrfBefore: string | null,
  ): Promise<AccessToken | null> {
    // Another tab may have refreshed while this one waited for the lock.
    const current = deps.tokens.get();
    if (current && current.token !== stale && !isExpiring(current, 5_000, now())) return current;
    const csrf = deps.readCookie(CSRF_COOKIE);
    if (!csrf) return null; // no refresh cookie either: nobody is signed in
    if (csrfBefore !== null && csrf !== csrfBefore) {
      const fromPeer = await waitForPeerToken(stale);
      if (fromPeer) return fromPeer;
    }
    let response: Response;
    try {
      response = await deps.fetch('/api/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { ...COOKIE_TRANSPORT, 'X-CSRF-Token': csrf, Accept: 'application/json' },
      });
    } catch (error) {
      throw networkError(error);
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (sessionIsOver(error)) {
        deps.tokens.set(null);
        return null;
      }
      throw error;
    }
    const body = (await response.json()) as { accessToken: string; expiresIn: number };
    const token = { token: body.accessToken, expiresAt: now() + body.expiresIn * 1000 };
    deps.tokens.set(token);
    // Sent while this tab still holds the lock, so a waiting tab usually has it before its turn.
    deps.channel?.postMessage({ type: 'token', token });
    return token;
  }

  return {
    refresh(stale) {
      if (!inflight) {
        const csrfBefore = deps.readCookie(CSRF_COOKIE);
        inflight = deps
          .withLock(() => refreshHoldingLock(stale, csrfBefore))
          .finally(() => {
            inflight = null;
          });
      }
      return inflight;
    },
    announce(message) {
      deps.channel?.postMessage(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      deps.channel?.removeEventListener('message', onChannelMessage);
      listeners.clear();
    },
  };
}

/** Answers that mean the refresh cookie is gone, used up, revoked or expired. */
function sessionIsOver(error: ApiError): boolean {
  return error.status === 401 || error.code === 'csrf_failed' || error.code === 'account_disabled';
}
