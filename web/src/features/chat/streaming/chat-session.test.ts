import { describe, expect, it, vi } from 'vitest';
import { json, problem } from '../../../test/fake-server';
import { createChatSession } from './chat-session';
import { createLiveStore } from './live-store';

/** An event-stream response whose chunks the test pushes, then ends or drops. */
function streamResponse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    event(name: string, data: Record<string, unknown>) {
      controller.enqueue(encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    raw(text: string) {
      controller.enqueue(encoder.encode(text));
    },
    end: () => controller.close(),
    drop: () => controller.error(new TypeError('network error')),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await tick();
  expect(check()).toBe(true);
}

function setup(routes: Record<string, () => Response | Promise<Response>>) {
  const calls: { path: string; init: RequestInit }[] = [];
  const client = {
    fetch: vi.fn(async (path: string, init: RequestInit = {}) => {
      calls.push({ path, init });
      const route = routes[`${init.method ?? 'GET'} ${path}`];
      return route ? route() : problem(404, 'not_found');
    }),
    get: vi.fn(async <T>(path: string) => {
      const route = routes[`GET ${path}`];
      const response = route ? await route() : problem(404, 'not_found');
      return (await response.json()) as T;
    }),
    post: vi.fn(async <T>(path: string) => {
      const route = routes[`POST ${path}`];
      const response = route ? await route() : problem(404, 'not_found');
      return (await response.json()) as T;
    }),
  };
  const store = createLiveStore();
  const settled: string[] = [];
  const session = createChatSession({
    client: client as never,
    store,
    onSettled: async (id) => {
      settled.push(id);
    },
    sleep: () => Promise.resolve(),
    newId: () => 'n1',
    identifyAfterMs: 20,
  });
  return { session, store, calls, settled };
}

describe('the chat session', () => {
  it('streams an answer from the send, naming it by its id, then reloads the conversation', async () => {
    const stream = streamResponse();
    const { session, store, calls, settled } = setup({
      'POST /api/conversations/c1/messages': () => stream.response,
    });
    await expect(session.send({ conversationId: 'c1', content: 'Hi' })).resolves.toBeNull();
    expect(calls[0]?.init.headers).toMatchObject({ Accept: 'text/event-stream' });
    expect(store.pendingOf('c1')).toMatchObject([{ content: 'Hi', assistantId: null }]);
    expect(store.answer('local-n1')?.status).toBe('sending');

    stream.event('queued', { messageId: 'a1', position: 2 });
    await until(() => store.answer('a1')?.status === 'queued');
    expect(store.answer('a1')?.position).toBe(2);
    expect(store.answer('local-n1')).toBeUndefined();
    expect(store.pendingOf('c1')[0]?.assistantId).toBe('a1');

    stream.event('delta', { messageId: 'a1', delta: 'Hel', offset: 0 });
    stream.event('delta', { messageId: 'a1', delta: 'lo', offset: 3 });
    stream.event('done', { messageId: 'a1', status: 'complete', usage: null });
    stream.end();
    await until(() => settled.length === 1);
    expect(store.answer('a1')).toMatchObject({ text: 'Hello', status: 'complete' });
    expect(session.isFollowing('a1')).toBe(false);
  });

  it('follows a dropped answer again and takes the replay without repeating text', async () => {
    const first = streamResponse();
    const again = streamResponse();
    const { session, store, calls } = setup({
      'POST /api/conversations/c1/messages': () => first.response,
      'GET /api/messages/a1/stream': () => again.response,
    });
    await session.send({ conversationId: 'c1', content: 'Hi' });
    first.event('delta', { messageId: 'a1', delta: 'One ', offset: 0 });
    first.event('delta', { messageId: 'a1', delta: 'two ', offset: 4 });
    await until(() => store.answer('a1')?.text === 'One two ');
    first.drop();
    await until(() => calls.some((call) => call.path === '/api/messages/a1/stream'));
    // The replay: everything so far as one delta, then the live rest.
    again.event('delta', { messageId: 'a1', delta: 'One two thr', offset: 0 });
    again.event('delta', { messageId: 'a1', delta: 'ee', offset: 11 });
    again.event('done', { messageId: 'a1', status: 'complete', usage: null });
    again.end();
    await until(() => store.answer('a1')?.status === 'complete');
    expect(store.answer('a1')?.text).toBe('One two three');
  });

  it('looks up an answer that waits silently in the queue, so that it can be stopped', async () => {
    const stream = streamResponse();
    const message = (id: string, role: string, content: string, status: string) => ({
      id,
      conversationId: 'c1',
      role,
      content,
      status,
    });
    const { session, store } = setup({
      'POST /api/conversations/c1/messages': () => stream.response,
      'GET /api/conversations/c1?limit=6': () =>
        json({
          messages: [
            message('u0', 'user', 'Hi', 'complete'),
            message('a0', 'assistant', 'Old', 'complete'),
            message('u1', 'user', 'Hi', 'complete'),
            message('a1', 'assistant', '', 'queued'),
          ],
        }),
    });
    await session.send({ conversationId: 'c1', content: 'Hi' });
    await until(() => store.pendingOf('c1')[0]?.assistantId === 'a1');
    expect(store.answer('a1')?.status).toBe('queued');
    stream.event('delta', { messageId: 'a1', delta: 'Hello', offset: 0 });
    stream.event('done', { messageId: 'a1', status: 'complete', usage: null });
    stream.end();
    await until(() => store.answer('a1')?.status === 'complete');
    expect(store.answer('a1')?.text).toBe('Hello');
  });

  it('keeps a refused message with its error, to send again', async () => {
    const { session, store } = setup({
      'POST /api/conversations/c1/messages': () => problem(400, 'no_model'),
    });
    const error = await session.send({ conversationId: 'c1', content: 'Hi' });
    expect(error?.code).toBe('no_model');
    expect(store.pendingOf('c1')[0]?.failure).toBe(error);
    session.dismiss('c1', 'local-n1');
    expect(store.pendingOf('c1')).toEqual([]);
  });

  it('follows a running answer once, from the text already stored', async () => {
    const stream = streamResponse();
    const { session, store, calls } = setup({
      'GET /api/messages/a1/stream': () => stream.response,
    });
    const message = {
      id: 'a1',
      conversationId: 'c1',
      content: 'Hello',
      status: 'streaming',
    } as const;
    session.follow(message);
    session.follow(message);
    expect(store.answer('a1')?.text).toBe('Hello');
    stream.event('delta', { messageId: 'a1', delta: 'Hello, world', offset: 0 });
    stream.event('done', { messageId: 'a1', status: 'cancelled', usage: null });
    stream.end();
    await until(() => store.answer('a1')?.status === 'cancelled');
    expect(store.answer('a1')?.text).toBe('Hello, world');
    expect(calls).toHaveLength(1);
  });

  it('ends a failed answer with its error code', async () => {
    const stream = streamResponse();
    const { session, store } = setup({
      'POST /api/conversations/c1/messages': () => stream.response,
    });
    await session.send({ conversationId: 'c1', content: 'Hi' });
    stream.event('error', {
      messageId: 'a1',
      status: 'failed',
      code: 'upstream_unavailable',
      message: 'down',
    });
    stream.end();
    await until(() => store.answer('a1')?.status === 'failed');
    expect(store.answer('a1')?.errorCode).toBe('upstream_unavailable');
  });

  it('cancels on the server and shows the answer as stopped', async () => {
    const { session, store } = setup({
      'POST /api/messages/a1/cancel': () =>
        json({ id: 'a1', conversationId: 'c1', content: 'Partial', status: 'cancelled' }),
    });
    store.setAnswer('a1', () => ({
      conversationId: 'c1',
      text: 'Part',
      status: 'streaming',
      position: null,
      errorCode: null,
      usage: null,
    }));
    await session.cancel('a1');
    expect(store.answer('a1')).toMatchObject({ status: 'cancelled', text: 'Partial' });
  });
});
