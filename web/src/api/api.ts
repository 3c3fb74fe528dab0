import { createApiClient } from './client';
import { readCookie } from './cookies';
import { AUTH_CHANNEL, createRefresher, REFRESH_LOCK, type AuthChannel } from './refresh';
import { withStorageLock } from './storage-lock';
import { createTokenStore } from './token-store';

/**
 * The app's one API client and its session plumbing. Import `api` to call the server:
 * `api.get<T>('/api/...')`, `api.post<T>(path, body)`; failures reject with `ApiError`.
 */
export const tokens = createTokenStore();

const channel: AuthChannel | null =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(AUTH_CHANNEL);

/**
 * Web Locks exist only in secure contexts (HTTPS, localhost); a plain-HTTP LAN install falls
 * back to a localStorage lock.
 */
function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks) {
    return navigator.locks.request(REFRESH_LOCK, work) as Promise<T>;
  }
  return withStorageLock(REFRESH_LOCK, work);
}

export const refresher = createRefresher({
  fetch: (input, init) => window.fetch(input, init),
  tokens,
  channel,
  readCookie: (name) => readCookie(name),
  withLock: withRefreshLock,
});

export const api = createApiClient({
  fetch: (input, init) => window.fetch(input, init),
  tokens,
  refresher,
});
