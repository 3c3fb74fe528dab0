import { errorFromResponse, networkError, type ApiError } from './api-error';
import type { Refresher } from './refresh';
import { isExpiring, type AccessToken, type TokenStore } from './token-store';

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send no Authorization header (sign-in, setup). */
  anonymous?: boolean;
}

export type ApiEvent = 'session-ended' | 'password-change-required';

export interface ApiClient {
  /** JSON request; resolves with the parsed body (undefined for 204), rejects with ApiError. */
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  delete<T = void>(path: string, options?: RequestOptions): Promise<T>;
  /**
   * An authenticated fetch that refreshes and retries once on an expired token, for what is
   * not plain JSON (event streams, downloads). The caller reads and checks the response.
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** A valid access token (refreshed when it is about to expire), e.g. for the WebSocket. */
  accessToken(): Promise<string | null>;
  on(event: ApiEvent, listener: () => void): () => void;
}

export interface ApiClientDeps {
  fetch: typeof fetch;
  tokens: TokenStore;
  refresher: Refresher;
  now?: () => number;
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const now = deps.now ?? Date.now;
  const listeners = new Map<ApiEvent, Set<() => void>>();
  const emit = (event: ApiEvent) => listeners.get(event)?.forEach((listener) => listener());

  async function currentToken(): Promise<AccessToken | null> {
    const token = deps.tokens.get();
    if (token && isExpiring(token, 10_000, now())) {
      return (await deps.refresher.refresh(token.token)) ?? null;
    }
    return token;
  }

  async function send(path: string, init: RequestInit, anonymous: boolean): Promise<Response> {
    const token = anonymous ? null : await currentToken();
    const response = await fetchWith(path, init, token);
    if (response.status !== 401 || !token) return response;
    const error = await errorFromResponse(response.clone());
    if (error.code !== 'invalid_token') return response;
    const fresh = await deps.refresher.refresh(token.token);
    if (!fresh) {
      emit('session-ended');
      return response;
    }
    return fetchWith(path, init, fresh);
  }

  async function fetchWith(path: string, init: RequestInit, token: AccessToken | null) {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token.token}`);
    try {
      return await deps.fetch(path, { ...init, headers, credentials: 'same-origin' });
    } catch (error) {
      throw networkError(error);
    }
  }

  async function request<T>(method: string, path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const init: RequestInit = { method, headers, signal: options.signal };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    const response = await send(path, init, options.anonymous ?? false);
    if (!response.ok) throw await failure(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  async function failure(response: Response): Promise<ApiError> {
    const error = await errorFromResponse(response);
    if (error.code === 'password_change_required') emit('password-change-required');
    return error;
  }

  return {
    request,
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    put: (path, body, options) => request('PUT', path, { ...options, body }),
    delete: (path, options) => request('DELETE', path, options),
    fetch: (path, init = {}) => send(path, init, false),
    accessToken: async () => (await currentToken())?.token ?? null,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
