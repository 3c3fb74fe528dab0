import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, problem, type FakeCall } from '../test/fake-server';
import { isApiError } from './api-error';
import { createApiClient } from './client';
import { createRefresher, type AuthChannel, type AuthMessage } from './refresh';
import { createTokenStore } from './token-store';

const MINUTE = 60_000;

function setup(options: { refresh?: (call: FakeCall) => Response | Promise<Response> } = {}) {
  const tokens = createTokenStore();
  tokens.set({ token: 'old', expiresAt: Date.now() + 10 * MINUTE });
  const server = fakeFetch({
    'GET /api/things': ({ headers }) =>
      headers.get('authorization') === 'Bearer new'
        ? json({ items: [] })
        : problem(401, 'invalid_token'),
    'POST /api/auth/refresh':
      options.refresh ??
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return json({ accessToken: 'new', expiresIn: 900 });
      }),
  });
  const refresher = createRefresher({
    fetch: server.fetch,
    tokens,
    withLock: (work) => work(),
    channel: null,
    readCookie: (name) => (name === 'enclave_csrf' ? 'csrf-1' : null),
  });
  const api = createApiClient({ fetch: server.fetch, tokens, refresher });
  const refreshCalls = () => server.calls.filter((call) => call.path === '/api/auth/refresh');
  return { api, tokens, server, refreshCalls };
}

describe('the API client', () => {
  it('refreshes once for two requests that meet an expired token at once, then retries both', async () => {
    const { api, tokens, refreshCalls } = setup();
    const [first, second] = await Promise.all([api.get('/api/things'), api.get('/api/things')]);
    expect(first).toEqual({ items: [] });
    expect(second).toEqual({ items: [] });
    expect(refreshCalls()).toHaveLength(1);
    expect(tokens.get()?.token).toBe('new');
  });

  it('refreshes with the CSRF cookie and the cookie transport, sending no body', async () => {
    const { api, refreshCalls } = setup();
    await api.get('/api/things');
    const [call] = refreshCalls();
    expect(call?.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(call?.headers.get('x-enclave-refresh-transport')).toBe('cookie');
    expect(call?.body).toBeUndefined();
  });

  it('ends the session when the refresh is refused, and rejects with the 401', async () => {
    const { api, tokens } = setup({ refresh: () => problem(401, 'refresh_token_reused') });
    const ended = vi.fn();
    api.on('session-ended', ended);
    const failure = await api.get('/api/things').catch((error: unknown) => error);
    expect(isApiError(failure) && failure.code).toBe('invalid_token');
    expect(ended).toHaveBeenCalledOnce();
    expect(tokens.get()).toBeNull();
  });

  it('keeps the session when the server cannot be reached during a refresh', async () => {
    const { api, tokens } = setup({
      refresh: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const failure = await api.get('/api/things').catch((error: unknown) => error);
    expect(isApiError(failure) && failure.code).toBe('network_error');
    expect(tokens.get()?.token).toBe('old');
  });

  it('sends JSON bodies and reads 204 answers as undefined', async () => {
    const server = fakeFetch({ 'POST /api/echo': () => new Response(null, { status: 204 }) });
    const tokens = createTokenStore();
    const refresher = createRefresher({
      fetch: server.fetch,
      tokens,
      withLock: (work) => work(),
      channel: null,
      readCookie: () => null,
    });
    const api = createApiClient({ fetch: server.fetch, tokens, refresher });
    await expect(api.post('/api/echo', { a: 1 })).resolves.toBeUndefined();
    expect(server.calls[0]?.body).toEqual({ a: 1 });
    expect(server.calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(server.calls[0]?.headers.get('authorization')).toBeNull();
  });
});

describe('refreshing across tabs', () => {
  /** Two tabs: one cookie jar, one lock, one broadcast channel; their own token stores. */
  function twoTabs() {
    let csrf = 'csrf-1';
    let issued = 0;
    const server = fakeFetch({
      'POST /api/auth/refresh': async ({ headers }) => {
        if (headers.get('x-csrf-token') !== csrf) return problem(403, 'csrf_failed');
        await new Promise((resolve) => setTimeout(resolve, 10));
        issued += 1;
        csrf = `csrf-${issued + 1}`; // the server rotates both cookies
        return json({ accessToken: `token-${issued}`, expiresIn: 900 });
      },
    });
    let lock: Promise<unknown> = Promise.resolve();
    const withLock = <T>(work: () => Promise<T>): Promise<T> => {
      const run = lock.then(work, work);
      lock = run.catch(() => undefined);
      return run;
    };
    const listeners = new Set<{ from: number; listener: (event: MessageEvent) => void }>();
    const channelFor = (tab: number): AuthChannel => ({
      postMessage: (message: AuthMessage) => {
        for (const entry of listeners) {
          if (entry.from !== tab) {
            setTimeout(() => entry.listener(new MessageEvent('message', { data: message })), 0);
          }
        }
      },
      addEventListener: (_type, listener) => listeners.add({ from: tab, listener }),
      removeEventListener: () => undefined,
    });
    const tab = (id: number) => {
      const tokens = createTokenStore();
      tokens.set({ token: 'token-0', expiresAt: Date.now() - 1 });
      const refresher = createRefresher({
        fetch: server.fetch,
        tokens,
        withLock,
        channel: channelFor(id),
        readCookie: () => csrf,
      });
      return { tokens, refresher };
    };
    return { a: tab(1), b: tab(2), refreshes: () => server.calls.length };
  }

  it('lets one tab refresh while the other takes the token it broadcast', async () => {
    const { a, b, refreshes } = twoTabs();
    const [fromA, fromB] = await Promise.all([
      a.refresher.refresh('token-0'),
      b.refresher.refresh('token-0'),
    ]);
    expect(refreshes()).toBe(1);
    expect(fromA?.token).toBe('token-1');
    expect(fromB?.token).toBe('token-1');
  });

  it('signs the other tabs out when one signs out', async () => {
    const { a, b } = twoTabs();
    b.tokens.set({ token: 'token-9', expiresAt: Date.now() + MINUTE });
    a.refresher.announce({ type: 'signed-out' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(b.tokens.get()).toBeNull();
  });
});
