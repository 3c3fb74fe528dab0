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
import { createTestApp, type TestApp } from '../support/test-app.js';
import { TEST_REDIS_URL, dialect } from '../support/test-env.js';

let chat: ChatTestApp;
let b: TestApp;
afterEach(async () => {
  await b?.close();
  await chat?.close();
});

async function startOnA(tokens: number) {
  chat = await createChatTestApp({ script: { tokens, tokenDelayMs: 10 } });
  b = await createTestApp({ instanceOf: chat.t });
  const conversationId = await newConversation(chat.t, chat.admin);
  const { assistantMessage } = await sendMessage(chat.t, chat.admin, conversationId, 'go');
  await waitForText(chat.t, chat.admin, assistantMessage.id);
  const bUrl = await b.app.listen({ port: 0, host: '127.0.0.1' });
  return { messageId: assistantMessage.id, bUrl };
}

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

    it('a socket on instance B follows a generation on A and can cancel it there', async () => {
      const { messageId, bUrl } = await startOnA(1000);
      const client = await SocketClient.signedIn(bUrl, chat.admin);
      try {
        client.send({ type: 'chat.follow', messageId });
        await client.next((m) => m.type === 'chat.delta');
        client.send({ type: 'chat.cancel', messageId });
        const done = await client.next((m) => m.type === 'chat.done');
        expect(done).toMatchObject({ messageId, status: 'cancelled' });
        const stored = await waitForMessage(chat.t, chat.admin, messageId);
        expect(stored.status).toBe('cancelled');
        const text = client.received
          .filter((m) => m.type === 'chat.delta')
          .map((m) => m.delta)
          .join('');
        expect(text).toBe(stored.content);
      } finally {
        client.socket.terminate();
      }
    });
  },
);
