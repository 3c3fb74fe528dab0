/** The access token, in memory only: never in localStorage, sessionStorage or a cookie. */
export interface AccessToken {
  token: string;
  /** Epoch milliseconds when it expires (from `expiresIn`). */
  expiresAt: number;
}

export interface TokenStore {
  get(): AccessToken | null;
  set(token: AccessToken | null): void;
  /** Called after every change; returns the unsubscribe function. */
  subscribe(listener: (token: AccessToken | null) => void): () => void;
}

export function createTokenStore(): TokenStore {
  let current: AccessToken | null = null;
  const listeners = new Set<(token: AccessToken | null) => void>();
  return {
    get: () => current,
    set(token) {
      current = token;
      for (const listener of listeners) listener(token);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** True when the token is gone or expires within `marginMs`. */
export function isExpiring(token: AccessToken | null, marginMs = 30_000, now = Date.now()) {
  return token === null || token.expiresAt - now <= marginMs;
}
