import { afterEach, describe, expect, it } from 'vitest';
import { bearer } from '../support/accounts.js';
import {
  SocketClient,
  createChatTestApp,
  deltasOf,
  newConversation,
  readEventStream,
  sendMessage,
  waitForText,
  waitForMessage,
  type ChatTestApp,
} from '../support/chat-client.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_REDIS_URL, dialect } from '../support/test-env.js';

let chat: ChatTestApp;
let b: TestApp;
afterEach(async () => {
  await b?.close();
  await chat?.close();
});

let bRedis: TcpProxy | undefined;
let bSocket: SocketClient | undefined;
afterEach(async () => {
  bSocket?.socket.terminate();
  bSocket = undefined;
  await bRedis?.cut();
  bRedis = undefined;
});

/** A generation on A, and an instance B whose Redis connections go through `bRedis`. */
async function startOnA(tokens: number) {
  chat = await createChatTestApp({ script: { tokens, tokenDelayMs: 10 } });
  const redisUrl = new URL(TEST_REDIS_URL ?? '');
  bRedis = await new TcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379)).start();
  redisUrl.host = `127.0.0.1:${bRedis.port}`;
  b = await createTestApp({ instanceOf: chat.t, env: { REDIS_URL: redisUrl.toString() } });
  const conversationId = await newConversation(chat.t, chat.admin);
  const { assistantMessage } = await sendMessage(chat.t, chat.admin, conversationId, 'go');
  await waitForText(chat.t, chat.admin, assistantMessage.id);
  const bUrl = await b.app.listen({ port: 0, host: '127.0.0.1' });
  return { messageId: assistantMessage.id, bUrl };
}

/** A socket on B following a generation on A, once the first of the text has come. */
async function socketFollowingOnB(tokens: number) {
  const { messageId, bUrl } = await startOnA(tokens);
  const client = await SocketClient.signedIn(bUrl, chat.admin);
  bSocket = client;
  client.send({ type: 'chat.follow', messageId });
  await client.next((m) => m.type === 'chat.delta');
  return { messageId, client };
}

/** The text of every `chat.delta` a socket received. */
const textReceived = (client: SocketClient) =>
  client.received
    .filter((m) => m.type === 'chat.delta')
    .map((m) => m.delta)
    .join('');

describe.skipIf(!TEST_REDIS_URL)(
  `generations across instances (${dialect}, needs TEST_REDIS_URL)`,
  () => {
    it('a client on instance B follows over SSE a generation running on instance A, missing nothing', async () => {
      const { messageId, bUrl } = await startOnA(60);
      const response = await fetch(`${bUrl}/api/messages/${messageId}/stream`, {
        headers: { ...bearer(chat.admin.accessToken), accept: 'text/event-stream' },
      });
      const events = await readEventStream(response);
      const stored = await waitForMessage(chat.t, chat.admin, messageId);
      expect(stored.status).toBe('complete');
      expect(deltasOf(events)).toBe(stored.content);
      expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'complete' } });
    });

    it('a client on B that lost Redis while the answer ended on A still gets all of it, and the end', async () => {
      const { messageId, bUrl } = await startOnA(100);
      const response = await fetch(`${bUrl}/api/messages/${messageId}/stream`, {
        headers: { ...bearer(chat.admin.accessToken), accept: 'text/event-stream' },
      });
      let firstDelta: () => void = () => undefined;
      const following = new Promise<void>((resolve) => (firstDelta = resolve));
      const reading = readEventStream(response, (event) => {
        if (event.event === 'delta') firstDelta();
      });
      await following;
      await bRedis?.cut();
      const stored = await waitForMessage(chat.t, chat.admin, messageId);
      expect(stored.status).toBe('complete');
      await bRedis?.restore();
      const events = await reading;
      expect(deltasOf(events)).toBe(stored.content);
      expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'complete' } });
    });

    it('a socket on B that lost Redis for a while goes on with the answer, each character once', async () => {
      const { messageId, client } = await socketFollowingOnB(400);
      await bRedis?.cut();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await bRedis?.restore();
      const done = await client.next((m) => m.type === 'chat.done');
      expect(done).toMatchObject({ messageId, status: 'complete' });
      const stored = await waitForMessage(chat.t, chat.admin, messageId);
      expect(textReceived(client)).toBe(stored.content);
    });

    it('a socket on instance B follows a generation on A and can cancel it there', async () => {
      const { messageId, client } = await socketFollowingOnB(1000);
      client.send({ type: 'chat.cancel', messageId });
      const done = await client.next((m) => m.type === 'chat.done');
      expect(done).toMatchObject({ messageId, status: 'cancelled' });
      const stored = await waitForMessage(chat.t, chat.admin, messageId);
      expect(stored.status).toBe('cancelled');
      expect(textReceived(client)).toBe(stored.content);
    });
  },
);
