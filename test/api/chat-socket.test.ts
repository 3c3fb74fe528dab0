import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createUser } from '../support/accounts.js';
import {
  SocketClient,
  createChatTestApp,
  newConversation,
  sendMessage,
  waitForText,
  waitForMessage,
  type ChatTestApp,
} from '../support/chat-client.js';

let chat: ChatTestApp;
const sockets: SocketClient[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.socket.terminate();
  await chat?.close();
});

async function signedIn(user = chat.admin): Promise<SocketClient> {
  const client = await SocketClient.signedIn(chat.baseUrl, user);
  sockets.push(client);
  return client;
}

async function connect(options: WebSocket.ClientOptions = {}): Promise<SocketClient> {
  const client = await SocketClient.connect(chat.baseUrl, options);
  sockets.push(client);
  return client;
}

describe('chat over WebSocket', () => {
  it('authenticates with the first message, then streams a reply that names its conversation and message', async () => {
    chat = await createChatTestApp({ script: { tokens: ['Hi', ' there', '!'] } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const client = await signedIn();
    expect(client.received[0]).toEqual({ type: 'auth.ok', userId: chat.admin.userId });
    client.send({ type: 'chat.send', conversationId, content: 'hello', ref: 'r1' });
    const accepted = await client.next((m) => m.type === 'chat.accepted');
    expect(accepted).toMatchObject({
      conversationId,
      ref: 'r1',
      userMessage: { content: 'hello' },
    });
    const done = await client.next((m) => m.type === 'chat.done');
    const messageId = accepted.messageId;
    expect(done).toMatchObject({ conversationId, messageId, status: 'complete' });
    const deltas = client.received.filter((m) => m.type === 'chat.delta');
    expect(deltas.map((m) => m.delta).join('')).toBe('Hi there!');
    for (const delta of deltas) expect(delta).toMatchObject({ conversationId, messageId });
    const stored = await waitForMessage(chat.t, chat.admin, String(messageId));
    expect(stored.content).toBe('Hi there!');
  });

  it('follows a running generation: replay, then live, to the end', async () => {
    chat = await createChatTestApp({ script: { tokens: 40, tokenDelayMs: 5 } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const { assistantMessage } = await sendMessage(chat.t, chat.admin, conversationId, 'go');
    await waitForText(chat.t, chat.admin, assistantMessage.id);
    const client = await signedIn();
    client.send({ type: 'chat.follow', messageId: assistantMessage.id });
    await client.next((m) => m.type === 'chat.done');
    const stored = await waitForMessage(chat.t, chat.admin, assistantMessage.id);
    const text = client.received
      .filter((m) => m.type === 'chat.delta')
      .map((m) => m.delta)
      .join('');
    expect(text).toBe(stored.content);
  });

  it('cancels a generation from the socket', async () => {
    chat = await createChatTestApp({ script: { tokens: 1000, tokenDelayMs: 10 } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const client = await signedIn();
    client.send({ type: 'chat.send', conversationId, content: 'go' });
    const first = await client.next((m) => m.type === 'chat.delta');
    client.send({ type: 'chat.cancel', messageId: first.messageId });
    const done = await client.next((m) => m.type === 'chat.done');
    expect(done).toMatchObject({ messageId: first.messageId, status: 'cancelled' });
  });

  it('answers ping with pong', async () => {
    chat = await createChatTestApp();
    const client = await signedIn();
    client.send({ type: 'ping' });
    expect(await client.next((m) => m.type === 'pong')).toEqual({ type: 'pong' });
  });
});

describe('socket security and limits', () => {
  it('closes with 4401 when no auth message comes within 5 s', async () => {
    chat = await createChatTestApp();
    const client = await connect();
    expect((await client.closed).code).toBe(4401);
  }, 15_000);

  it('closes with 4401 on a forged, revoked or missing token', async () => {
    chat = await createChatTestApp();
    const forged = chat.admin.accessToken.slice(0, -4) + 'AAAA';
    for (const first of [
      { type: 'auth', token: forged },
      { type: 'auth', token: 'enc_notatokenatall' },
      { type: 'chat.send', conversationId: 'x', content: 'no auth' },
      'not json',
    ]) {
      const client = await connect();
      client.socket.send(typeof first === 'string' ? first : JSON.stringify(first));
      expect((await client.closed).code, JSON.stringify(first)).toBe(4401);
    }
    await chat.t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(chat.admin.accessToken),
    });
    const revoked = await connect();
    revoked.send({ type: 'auth', token: chat.admin.accessToken });
    expect((await revoked.closed).code).toBe(4401);
  });

  it('refuses a browser origin that is not on the allow-list', async () => {
    chat = await createChatTestApp({ env: { CORS_ORIGINS: 'https://chat.example.com' } });
    const refused = new WebSocket(`${chat.baseUrl.replace('http', 'ws')}/api/ws`, {
      origin: 'https://evil.example',
    });
    const status = await new Promise<number>((resolve) => {
      refused.on('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      refused.on('error', () => undefined);
      refused.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
    const allowed = await connect({ origin: 'https://chat.example.com' });
    expect(allowed.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('rate-limits messages with an error, then closes with 4429 if they go on', async () => {
    chat = await createChatTestApp({ env: { WS_MESSAGES_PER_MINUTE: '3' } });
    const client = await signedIn();
    for (let i = 0; i < 12; i++) client.send({ type: 'ping' });
    const closed = await client.closed;
    expect(closed.code).toBe(4429);
    expect(client.received.filter((m) => m.type === 'pong')).toHaveLength(3);
    expect(client.received).toContainEqual(
      expect.objectContaining({ type: 'error', code: 'rate_limited' }),
    );
  });

  it('caps the sockets one user may hold open', async () => {
    chat = await createChatTestApp({ env: { WS_MAX_CONNECTIONS_PER_USER: '2' } });
    await signedIn();
    await signedIn();
    const third = await connect();
    third.send({ type: 'auth', token: chat.admin.accessToken });
    expect((await third.closed).code).toBe(4429);
  });

  it('closes a socket that sends an oversized message (1009)', async () => {
    chat = await createChatTestApp();
    const client = await signedIn();
    client.send({ type: 'ping', ref: 'x'.repeat(70 * 1024) });
    expect((await client.closed).code).toBe(1009);
  });

  it('answers an unknown message type or a bad message with an error and stays open', async () => {
    chat = await createChatTestApp();
    const client = await signedIn();
    client.send({ type: 'chat.explode' });
    expect(await client.next((m) => m.type === 'error')).toMatchObject({ code: 'unknown_type' });
    client.send({ type: 'chat.send', conversationId: 'x' });
    expect(await client.next((m) => m.code === 'validation_failed')).toMatchObject({
      type: 'error',
    });
    client.socket.send('{not json');
    expect(await client.next((m) => m.code === 'malformed_json')).toMatchObject({ type: 'error' });
    client.send({ type: 'ping' });
    await client.next((m) => m.type === 'pong');
  });

  it("never sends one user's events to another user's socket", async () => {
    chat = await createChatTestApp({ script: { tokens: 20, tokenDelayMs: 5 } });
    const bob = await createUser(chat.t, chat.admin, 'bob');
    const bobSocket = await signedIn(bob);
    const aliceSocket = await signedIn();
    const conversationId = await newConversation(chat.t, chat.admin);
    aliceSocket.send({ type: 'chat.send', conversationId, content: 'private' });
    const accepted = await aliceSocket.next((m) => m.type === 'chat.accepted');
    bobSocket.send({ type: 'chat.follow', messageId: accepted.messageId });
    bobSocket.send({ type: 'chat.cancel', messageId: accepted.messageId });
    bobSocket.send({ type: 'chat.send', conversationId, content: 'me too' });
    await aliceSocket.next((m) => m.type === 'chat.done');
    bobSocket.send({ type: 'ping' });
    await bobSocket.next((m) => m.type === 'pong');
    expect(bobSocket.received.filter((m) => String(m.type).startsWith('chat.'))).toEqual([]);
    expect(bobSocket.received.filter((m) => m.type === 'error').map((m) => m.code)).toEqual([
      'not_found',
      'not_found',
      'not_found',
    ]);
    expect(aliceSocket.received.find((m) => m.type === 'chat.done')).toMatchObject({
      status: 'complete',
    });
  });

  it('drops a socket that stops answering pings', async () => {
    chat = await createChatTestApp({ env: { WS_HEARTBEAT_MS: '100' } });
    const client = await SocketClient.connect(chat.baseUrl, { autoPong: false });
    sockets.push(client);
    client.send({ type: 'auth', token: chat.admin.accessToken });
    await client.next((m) => m.type === 'auth.ok');
    expect((await client.closed).code).toBe(1006);
  });

  it('closes the socket when its session is revoked', async () => {
    chat = await createChatTestApp({ env: { WS_HEARTBEAT_MS: '100' } });
    const client = await signedIn();
    await chat.t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(chat.admin.accessToken),
    });
    expect((await client.closed).code).toBe(4401);
  });

  it('drops a socket that stops reading instead of buffering without limit; the answer still completes', async () => {
    const big = 'x'.repeat(64 * 1024);
    chat = await createChatTestApp({ script: { tokens: Array.from({ length: 300 }, () => big) } });
    const conversationId = await newConversation(chat.t, chat.admin);
    const client = await signedIn();
    client.send({ type: 'chat.send', conversationId, content: 'a very long answer' });
    const accepted = await client.next((m) => m.type === 'chat.accepted');
    client.socket.pause();
    const stored = await waitForMessage(chat.t, chat.admin, String(accepted.messageId));
    expect(stored.status).toBe('complete');
    expect(String(stored.content)).toHaveLength(300 * big.length);
    client.socket.resume();
    const closed = await client.closed;
    expect([1006, 4008]).toContain(closed.code);
    expect(client.received.filter((m) => m.type === 'chat.delta').length).toBeLessThan(300);
    expect(client.received.find((m) => m.type === 'chat.done')).toBeUndefined();
  });
});
