import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/api';
import { fakeFetch, json, type FakeCall } from '../../test/fake-server';
import { renderApp } from '../../test/render-app';
import { ChatPage } from './ChatPage';

const AT = '2026-01-01T10:00:00.000Z';
const CONVERSATION = {
  id: 'c1',
  title: 'Greetings',
  model: null,
  systemPrompt: null,
  createdAt: AT,
  updatedAt: AT,
};
const message = (id: string, role: 'user' | 'assistant', content: string, status = 'complete') => ({
  id,
  conversationId: 'c1',
  role,
  content,
  status,
  model: role === 'assistant' ? 'sim-small' : null,
  createdAt: AT,
  updatedAt: AT,
});

/** An event stream the test writes to. */
function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    send(name: string, data: Record<string, unknown>) {
      controller.enqueue(
        new TextEncoder().encode(
          `event: ${name}\ndata: ${JSON.stringify({ conversationId: 'c1', ...data })}\n\n`,
        ),
      );
    },
    end: () => controller.close(),
  };
}

const USER = {
  id: 'u',
  username: 'ann',
  displayName: 'Ann',
  role: 'user',
  mfaEnabled: false,
  mustChangePassword: false,
  createdAt: AT,
};

function start(handlers: Record<string, (call: FakeCall) => Response | Promise<Response>>) {
  const server = fakeFetch({
    'GET /api/auth/me': () => json(USER),
    'GET /api/conversations?limit=30': () => json({ items: [CONVERSATION], nextCursor: null }),
    'GET /api/models': () =>
      json({ items: [{ id: 'sim-small', provider: 'ollama', name: 'sim-small' }] }),
    'GET /api/conversations/c1?limit=50': () =>
      json({
        ...CONVERSATION,
        messages: [message('u1', 'user', 'Hello'), message('a1', 'assistant', 'Echo: **Hello**')],
        hasMore: false,
        nextBefore: null,
      }),
    ...handlers,
  });
  vi.stubGlobal('fetch', server.fetch);
  renderApp([{ path: '/chat/:conversationId?', element: <ChatPage /> }], '/chat/c1');
  return server;
}

describe('<ChatPage>', () => {
  beforeEach(() => {
    tokens.set({ token: 'token', expiresAt: Date.now() + 600_000 });
    // jsdom lays nothing out: give every element a size, so the virtualised list shows rows.
    for (const [property, size] of [
      ['clientHeight', 600],
      ['clientWidth', 800],
      ['offsetHeight', 100],
      ['offsetWidth', 800],
    ] as const) {
      vi.spyOn(HTMLElement.prototype, property, 'get').mockReturnValue(size);
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    tokens.set(null);
  });

  // The page loads its Markdown renderer on first use. Loaded here, so that a slow first import
  // (the test runner compiles the Markdown libraries then) is not taken for a rendering failure.
  beforeAll(async () => {
    await import('./markdown/Markdown');
  }, 30_000);

  it('shows the conversation with its answers rendered as Markdown', async () => {
    start({});
    await screen.findByRole('heading', { name: 'Greetings', level: 1 });
    const answer = await screen.findByRole('article', { name: 'Assistant (sim-small)' });
    await waitFor(() => expect(within(answer).getByText('Hello').tagName).toBe('STRONG'));
    expect(screen.getByRole('article', { name: 'You' }).textContent).toBe('Hello');
  });

  it('sends on Enter (Shift+Enter is a new line), streams the answer and offers Stop', async () => {
    const stream = eventStream();
    const server = start({
      'POST /api/conversations/c1/messages': stream.response,
      'POST /api/messages/a2/cancel': () => json(message('a2', 'assistant', 'Part', 'cancelled')),
    });
    const field = await screen.findByRole('textbox', { name: 'Message' });
    await userEvent.type(field, 'Two{Shift>}{Enter}{/Shift}lines{Enter}');
    await waitFor(() => expect(server.calls.some((call) => call.method === 'POST')).toBe(true));
    const sent = server.calls.find((call) => call.method === 'POST');
    expect(sent?.body).toEqual({ content: 'Two\nlines' });
    expect(sent?.headers.get('accept')).toBe('text/event-stream');
    expect(sent?.headers.get('authorization')).toBe('Bearer token');
    expect((field as HTMLTextAreaElement).value).toBe('');

    stream.send('queued', { messageId: 'a2', position: 2 });
    const answer = await screen.findByRole('article', { name: 'Assistant' });
    await within(answer).findByText('Waiting for the model — position 2 in the queue');
    stream.send('delta', { messageId: 'a2', delta: 'Part', offset: 0 });
    await within(answer).findByText('Part');
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() =>
      expect(server.calls.some((call) => call.path === '/api/messages/a2/cancel')).toBe(true),
    );
    stream.send('done', { messageId: 'a2', status: 'cancelled', usage: null });
    stream.end();
    await within(answer).findByText('Stopped.');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('offers to try a failed answer again, sending the question once more', async () => {
    const failing = eventStream();
    const retried = eventStream();
    let posts = 0;
    const server = start({
      'POST /api/conversations/c1/messages': () => (++posts === 1 ? failing : retried).response(),
    });
    const field = await screen.findByRole('textbox', { name: 'Message' });
    await userEvent.type(field, 'Still there?{Enter}');
    await waitFor(() => expect(posts).toBe(1));
    failing.send('error', {
      messageId: 'a2',
      status: 'failed',
      code: 'upstream_unavailable',
      message: 'down',
    });
    failing.end();
    await screen.findByText('The model provider cannot be reached.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(posts).toBe(2));
    const bodies = server.calls.filter((call) => call.method === 'POST').map((call) => call.body);
    expect(bodies).toEqual([{ content: 'Still there?' }, { content: 'Still there?' }]);
  });
});
