import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createUser, setUpAdmin } from '../support/accounts.js';
import {
  createChatTestApp,
  deltasOf,
  newConversation,
  openSse,
  readEventStream,
  sendMessage,
  waitForText,
  waitForMessage,
  type ChatTestApp,
} from '../support/chat-client.js';
import { makeConversation, makeMessage } from '../support/chat-fixtures.js';
import { createTestApp } from '../support/test-app.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { startUpstreamSimulator } from '../support/upstream-simulator.js';

let chat: ChatTestApp;

/** Polls until `condition` holds (it never measures time). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(condition()).toBe(true);
}
afterEach(async () => {
  await chat?.close();
});

const send = (conversationId: string, content: string) =>
  ({ method: 'POST', body: { content } }) as const;

const sendAccepted = (conversationId: string, content: string) =>
  sendMessage(chat.t, chat.admin, conversationId, content);

describe('sending a message', () => {
  it('streams deltas over SSE that equal the text stored when it is done', async () => {
    chat = await createChatTestApp({ script: { tokens: ['Hello', ', ', 'wor', 'ld', '!'] } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const response = await openSse(
      chat,
      `/api/conversations/${conversationId}/messages`,
      chat.admin,
      send(conversationId, 'Hi there'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const events = await readEventStream(response);
    expect(deltasOf(events)).toBe('Hello, world!');
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    expect(done?.data).toMatchObject({ conversationId, status: 'complete' });
    expect(done?.data.usage).toMatchObject({ completionTokens: 5 });
    for (const event of events)
      expect(event.data).toMatchObject({ conversationId, messageId: done?.data.messageId });

    const stored = await chat.t.app.inject({
      method: 'GET',
      url: `/api/conversations/${conversationId}`,
      headers: bearer(chat.admin.accessToken),
    });
    const { messages, title } = stored.json<{
      title: string;
      messages: Record<string, unknown>[];
    }>();
    expect(title).toBe('Hi there');
    expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Hi there', 'complete'],
      ['assistant', 'Hello, world!', 'complete'],
    ]);
    expect(messages[1]).toMatchObject({ model: 'sim-small', usage: { completionTokens: 5 } });
  });

  it('answers 202 with both messages without SSE, and the answer completes on its own', async () => {
    chat = await createChatTestApp({ script: { tokens: 5, tokenDelayMs: 5 } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const { userMessage, assistantMessage } = await sendAccepted(conversationId, 'Hello');
    expect(userMessage).toMatchObject({
      role: 'user',
      content: 'Hello',
      status: 'complete',
      conversationId,
    });
    expect(assistantMessage).toMatchObject({ role: 'assistant', content: '', conversationId });
    expect(['queued', 'streaming']).toContain(assistantMessage.status);
    const finished = await waitForMessage(chat.t, chat.admin, assistantMessage.id);
    expect(finished).toMatchObject({ status: 'complete', content: 'tok0 tok1 tok2 tok3 tok4 ' });
  });

  it('sends the system prompt and the history to the model', async () => {
    chat = await createChatTestApp({ script: { tokens: ['ok'] } });
    const conversationId = await newConversation(chat.t, chat.admin, { systemPrompt: 'Be brief.' });
    const first = await sendAccepted(conversationId, 'one');
    await waitForMessage(chat.t, chat.admin, first.assistantMessage.id);
    const second = await sendAccepted(conversationId, 'two');
    await waitForMessage(chat.t, chat.admin, second.assistantMessage.id);
    const last = chat.sim.requests.filter((r) => r.path === '/api/chat').at(-1);
    expect((last?.body as { messages: unknown[] }).messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'two' },
    ]);
  });

  it('rejects an empty message and a message to another user’s conversation, storing nothing', async () => {
    chat = await createChatTestApp();
    const conversationId = await newConversation(chat.t, chat.admin);
    const bob = await createUser(chat.t, chat.admin, 'bob');
    const empty = await chat.t.app.inject({
      method: 'POST',
      url: `/api/conversations/${conversationId}/messages`,
      headers: bearer(chat.admin.accessToken),
      payload: { content: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'validation_failed' });
    const foreign = await chat.t.app.inject({
      method: 'POST',
      url: `/api/conversations/${conversationId}/messages`,
      headers: bearer(bob.accessToken),
      payload: { content: 'let me in' },
    });
    expect(foreign.statusCode).toBe(404);
    const count = await chat.t.database.db
      .selectFrom('messages')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

describe('durable generations', () => {
  it('a client that disconnects mid-stream does not stop the generation', async () => {
    chat = await createChatTestApp({ script: { tokens: 30, tokenDelayMs: 10 } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const abort = new AbortController();
    const response = await openSse(
      chat,
      `/api/conversations/${conversationId}/messages`,
      chat.admin,
      {
        ...send(conversationId, 'go'),
        signal: abort.signal,
      },
    );
    let messageId = '';
    await readEventStream(response, (event) => {
      if (event.event === 'delta') {
        messageId = String(event.data.messageId);
        abort.abort();
      }
    });
    expect(messageId).not.toBe('');
    const finished = await waitForMessage(chat.t, chat.admin, messageId);
    expect(finished.status).toBe('complete');
    expect(finished.content).toBe(Array.from({ length: 30 }, (_, i) => `tok${i} `).join(''));
  });

  it('writes the text to the database while it streams', async () => {
    chat = await createChatTestApp({ script: { tokens: 400, tokenDelayMs: 5 } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const { assistantMessage } = await sendAccepted(conversationId, 'long answer please');
    const row = async () =>
      chat.t.database.db
        .selectFrom('messages')
        .select(['content', 'status'])
        .where('id', '=', assistantMessage.id)
        .executeTakeFirstOrThrow();
    let seenPartial = false;
    for (let attempt = 0; attempt < 400 && !seenPartial; attempt++) {
      const current = await row();
      if (current.status !== 'streaming' && current.status !== 'queued') break;
      seenPartial = current.status === 'streaming' && current.content.length > 0;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seenPartial).toBe(true);
    await waitForMessage(chat.t, chat.admin, assistantMessage.id);
  });

  it('a second connection replays the text so far and follows it to the end', async () => {
    chat = await createChatTestApp({ script: { tokens: 40, tokenDelayMs: 5 } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const { assistantMessage } = await sendAccepted(conversationId, 'go');
    await waitForMessage(
      chat.t,
      chat.admin,
      assistantMessage.id,
      (m) => String(m.content).length > 0 || m.status !== 'queued',
    );
    const follower = await openSse(chat, `/api/messages/${assistantMessage.id}/stream`, chat.admin);
    const events = await readEventStream(follower);
    const finished = await waitForMessage(chat.t, chat.admin, assistantMessage.id);
    expect(deltasOf(events)).toBe(finished.content);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'complete' } });
  });

  it('following a finished message replays it and ends at once', async () => {
    chat = await createChatTestApp({ script: { tokens: ['all', ' done'] } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const { assistantMessage } = await sendAccepted(conversationId, 'go');
    await waitForMessage(chat.t, chat.admin, assistantMessage.id);
    const events = await readEventStream(
      await openSse(chat, `/api/messages/${assistantMessage.id}/stream`, chat.admin),
    );
    expect(events.map((e) => e.event)).toEqual(['delta', 'done']);
    expect(deltasOf(events)).toBe('all done');
  });

  it('cancel stops the generation and keeps the text so far, status cancelled', async () => {
    chat = await createChatTestApp({ script: { tokens: 1000, tokenDelayMs: 10 } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const { assistantMessage } = await sendAccepted(conversationId, 'go');
    const following = readEventStream(
      await openSse(chat, `/api/messages/${assistantMessage.id}/stream`, chat.admin),
    );
    await waitForText(chat.t, chat.admin, assistantMessage.id);
    const cancelled = await chat.t.app.inject({
      method: 'POST',
      url: `/api/messages/${assistantMessage.id}/cancel`,
      headers: bearer(chat.admin.accessToken),
    });
    expect(cancelled.statusCode).toBe(200);
    const message = cancelled.json<{ status: string; content: string }>();
    expect(message.status).toBe('cancelled');
    expect(message.content.length).toBeGreaterThan(0);
    expect(message.content.length).toBeLessThan('tok999 '.length * 1000);
    const events = await following;
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'cancelled' } });
    expect(deltasOf(events)).toBe(message.content);
    await waitUntil(() => chat.sim.activeStreams === 0);
    // Cancelling again changes nothing.
    const again = await chat.t.app.inject({
      method: 'POST',
      url: `/api/messages/${assistantMessage.id}/cancel`,
      headers: bearer(chat.admin.accessToken),
    });
    expect(again.json()).toMatchObject({ status: 'cancelled', content: message.content });
  });

  it('another user cannot read, follow or cancel a message', async () => {
    chat = await createChatTestApp({ script: { tokens: 200, tokenDelayMs: 5 } });
    const bob = await createUser(chat.t, chat.admin, 'bob');
    const conversationId = await newConversation(chat.t, chat.admin);
    const { assistantMessage } = await sendAccepted(conversationId, 'secret plans');
    for (const [method, url] of [
      ['GET', `/api/messages/${assistantMessage.id}`],
      ['GET', `/api/messages/${assistantMessage.id}/stream`],
      ['POST', `/api/messages/${assistantMessage.id}/cancel`],
    ] as const) {
      const response = await chat.t.app.inject({ method, url, headers: bearer(bob.accessToken) });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const finished = await waitForMessage(chat.t, chat.admin, assistantMessage.id);
    expect(finished.status).toBe('complete');
  });

  it('reports the queue position while waiting for the upstream', async () => {
    chat = await createChatTestApp({
      script: { tokens: 100, tokenDelayMs: 10 },
      env: { UPSTREAM_CONCURRENCY: '1' },
    });
    const conversationId = await newConversation(chat.t, chat.admin);
    const first = await sendAccepted(conversationId, 'first');
    await waitForMessage(
      chat.t,
      chat.admin,
      first.assistantMessage.id,
      (m) => m.status === 'streaming',
    );
    const other = await newConversation(chat.t, chat.admin);
    const events = await readEventStream(
      await openSse(
        chat,
        `/api/conversations/${other}/messages`,
        chat.admin,
        send(other, 'second'),
      ),
    );
    expect(events[0]).toMatchObject({ event: 'queued', data: { position: 1 } });
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'complete' } });
  });
});

describe('upstream failures end in a clear state', () => {
  const cases = [
    { name: 'an HTTP 500', script: { failStatus: 500 }, code: 'upstream_error' },
    {
      name: 'a hang before the first token',
      script: { hang: 'headers' as const },
      code: 'upstream_timeout',
    },
    {
      name: 'a hang mid-stream',
      script: { hang: 'stream' as const, hangAfterTokens: 2 },
      code: 'upstream_timeout',
    },
    { name: 'a stream dropped mid-way', script: { dropAfterTokens: 2 }, code: 'upstream_error' },
  ];
  for (const { name, script, code } of cases) {
    it(`${name} fails the message with ${code} while other routes stay up`, async () => {
      chat = await createChatTestApp({
        script: { tokens: 5, ...script },
        env: { UPSTREAM_FIRST_TOKEN_TIMEOUT_MS: '400', UPSTREAM_IDLE_TIMEOUT_MS: '400' },
      });
      const conversationId = await newConversation(chat.t, chat.admin);
      const streaming = readEventStream(
        await openSse(
          chat,
          `/api/conversations/${conversationId}/messages`,
          chat.admin,
          send(conversationId, 'go'),
        ),
      );
      const live = await chat.t.app.inject({ method: 'GET', url: '/health/live' });
      expect(live.statusCode).toBe(200);
      const list = await chat.t.app.inject({
        method: 'GET',
        url: '/api/conversations',
        headers: bearer(chat.admin.accessToken),
      });
      expect(list.statusCode).toBe(200);
      const events = await streaming;
      const last = events.at(-1);
      expect(last).toMatchObject({ event: 'error', data: { code, status: 'failed' } });
      const stored = await waitForMessage(chat.t, chat.admin, String(last?.data.messageId));
      expect(stored).toMatchObject({ status: 'failed', errorCode: code });
      const user = await chat.t.database.db
        .selectFrom('messages')
        .selectAll()
        .where('role', '=', 'user')
        .execute();
      expect(user.map((m) => m.content)).toEqual(['go']);
    });
  }

  it('without a chosen or default model, answers 503 while no upstream can be asked, storing nothing, and sends once it answers again', async () => {
    const sim = await startUpstreamSimulator();
    const t = await createTestApp({ env: { OLLAMA_URL: sim.url, UPSTREAM_RETRIES: '0' } });
    try {
      const admin = await setUpAdmin(t);
      const conversationId = await newConversation(t, admin);
      const sendHello = () =>
        t.app.inject({
          method: 'POST',
          url: `/api/conversations/${conversationId}/messages`,
          headers: bearer(admin.accessToken),
          payload: { content: 'hello' },
        });
      await sim.refuseConnections();
      const refused = await sendHello();
      expect(refused.statusCode).toBe(503);
      expect(refused.json()).toMatchObject({ code: 'upstream_unavailable' });
      const stored = await t.database.db.selectFrom('messages').select('id').execute();
      expect(stored).toEqual([]);

      // The failed listing is not held against the next send.
      await sim.resume();
      const sent = await sendHello();
      expect(sent.statusCode).toBe(202);
      const { assistantMessage } = sent.json<{ assistantMessage: { id: string } }>();
      expect(await waitForMessage(t, admin, assistantMessage.id)).toMatchObject({
        status: 'complete',
        model: 'sim-small',
      });
    } finally {
      await t.close();
      await sim.close();
    }
  });

  it('a refused connection fails the message with upstream_unavailable', async () => {
    chat = await createChatTestApp();
    await chat.sim.refuseConnections();
    const conversationId = await newConversation(chat.t, chat.admin);
    const events = await readEventStream(
      await openSse(chat, `/api/conversations/${conversationId}/messages`, chat.admin, {
        ...send(conversationId, 'go'),
        body: { content: 'go', model: 'sim-small' },
      }),
    );
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'upstream_unavailable' } });
  });
});

describe('restarts', () => {
  it('turns generations left running by a stopped server into interrupted, keeping the user message', async () => {
    chat = await createChatTestApp();
    const { db } = chat.t.database;
    const conversation = await makeConversation(db, chat.admin.userId);
    const question = await makeMessage(db, conversation, {
      role: 'user',
      content: 'question',
      status: 'complete',
    });
    const answer = await makeMessage(db, conversation, {
      role: 'assistant',
      content: 'half an ans',
      status: 'streaming',
    });
    await db
      .updateTable('messages')
      .set({ runner_id: 'a-server-that-crashed' })
      .where('id', '=', answer.id)
      .execute();
    const restarted = await createTestApp({ instanceOf: chat.t });
    try {
      // With Redis, a runner without a key is taken for gone when it still has none two
      // heartbeats later.
      await expect
        .poll(
          async () =>
            (
              await db
                .selectFrom('messages')
                .select('status')
                .where('id', '=', answer.id)
                .executeTakeFirstOrThrow()
            ).status,
          { timeout: 15_000, interval: 200 },
        )
        .toBe('interrupted');
      const rows = await db.selectFrom('messages').selectAll().orderBy('id').execute();
      expect(rows.map((r) => [r.id, r.status, r.content])).toEqual([
        [question.id, 'complete', 'question'],
        [answer.id, 'interrupted', 'half an ans'],
      ]);
      const events = await readEventStream(
        await openSse(chat, `/api/messages/${answer.id}/stream`, chat.admin),
      );
      expect(events.map((e) => e.event)).toEqual(['delta', 'error']);
      expect(events[1]?.data).toMatchObject({ code: 'interrupted', status: 'interrupted' });
    } finally {
      await restarted.close();
    }
  });

  it.runIf(TEST_REDIS_URL)(
    'keeps the answer of a running server whose key Redis lost, as a Redis restart does (needs TEST_REDIS_URL)',
    async () => {
      chat = await createChatTestApp({ script: { tokens: 300, tokenDelayMs: 10 } });
      const redis = chat.t.redis;
      if (!redis) throw new Error('this test needs Redis');
      const conversationId = await newConversation(chat.t, chat.admin);
      const { assistantMessage } = await sendMessage(chat.t, chat.admin, conversationId, 'go');
      await waitForText(chat.t, chat.admin, assistantMessage.id);
      const runners = await redis.keys(`${chat.t.redisPrefix}:runners:*`);
      expect(runners).toHaveLength(1);
      await redis.del(...runners);
      // Its start-up sweep finds the running server without a key.
      const started = await createTestApp({ instanceOf: chat.t });
      try {
        const stored = await waitForMessage(chat.t, chat.admin, assistantMessage.id);
        expect(stored.status).toBe('complete');
      } finally {
        await started.close();
      }
    },
  );

  it('a server shutting down marks its running generations interrupted with their text', async () => {
    chat = await createChatTestApp({ script: { tokens: 1000, tokenDelayMs: 10 } });
    const second = await createTestApp({ instanceOf: chat.t });
    const conversationId = await newConversation(chat.t, chat.admin);
    const { assistantMessage } = await sendMessage(second, chat.admin, conversationId, 'go');
    await waitForText(chat.t, chat.admin, assistantMessage.id);
    await second.close();
    const stored = await waitForMessage(chat.t, chat.admin, assistantMessage.id);
    expect(stored.status).toBe('interrupted');
    expect(String(stored.content).length).toBeGreaterThan(0);
  });

  it('shutting down ends open event streams with an interrupted event instead of waiting on them', async () => {
    chat = await createChatTestApp({ script: { tokens: 5000, tokenDelayMs: 10 } });
    const second = await createTestApp({ instanceOf: chat.t });
    const secondUrl = await second.app.listen({ port: 0, host: '127.0.0.1' });
    const conversationId = await newConversation(chat.t, chat.admin);
    const response = await fetch(`${secondUrl}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: {
        ...bearer(chat.admin.accessToken),
        accept: 'text/event-stream',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ content: 'go' }),
    });
    let firstDelta: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstDelta = resolve));
    const reading = readEventStream(response, (event) => {
      if (event.event === 'delta') firstDelta();
    });
    await started;
    await second.close();
    const events = await reading;
    expect(events.at(-1)).toMatchObject({
      event: 'error',
      data: { status: 'interrupted', code: 'interrupted' },
    });
  });
});
