import WebSocket from 'ws';
import {
  startUpstreamSimulator,
  type SimulatorScript,
  type UpstreamSimulator,
} from './upstream-simulator.js';
import { bearer, setUpAdmin, type Signed } from './accounts.js';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/** One server-sent event as a client receives it. */
export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A test app whose Ollama upstream is a simulator, with an admin signed in. */
export interface ChatTestApp {
  t: TestApp;
  sim: UpstreamSimulator;
  admin: Signed;
  /** http://127.0.0.1:<port> of the listening app. */
  baseUrl: string;
  close(): Promise<void>;
}

export async function createChatTestApp(
  options: { script?: SimulatorScript; env?: Record<string, string> } & Omit<
    TestAppOptions,
    'env'
  > = {},
): Promise<ChatTestApp> {
  const sim = await startUpstreamSimulator({ script: options.script });
  const t = await createTestApp({
    ...options,
    env: {
      OLLAMA_URL: sim.url,
      UPSTREAM_RETRIES: '0',
      ENCLAVE_DEFAULT_MODEL: 'sim-small',
      ...options.env,
    },
  });
  const admin = await setUpAdmin(t);
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    t,
    sim,
    admin,
    baseUrl,
    async close() {
      await t.close();
      await sim.close();
    },
  };
}

export async function newConversation(
  t: TestApp,
  user: Signed,
  body: Record<string, unknown> = {},
): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/conversations',
    headers: bearer(user.accessToken),
    payload: body,
  });
  if (response.statusCode !== 201) throw new Error(`conversation: ${response.body}`);
  return response.json<{ id: string }>().id;
}

/**
 * Reads an SSE response as it arrives, calling `onEvent` for each event; resolves with every
 * event when the server ends the stream (or the signal aborts it).
 */
export async function readEventStream(
  response: Response,
  onEvent: (event: SseEvent) => void = () => undefined,
): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  if (!response.body) return events;
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        let name = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length === 0) continue; // a keep-alive comment
        const event = { event: name, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
        events.push(event);
        onEvent(event);
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  }
  return events;
}

/** Opens an SSE request against the listening app. */
export function openSse(
  app: ChatTestApp,
  path: string,
  user: Signed,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...bearer(user.accessToken),
      accept: 'text/event-stream',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
}

export const deltasOf = (events: SseEvent[]) =>
  events
    .filter((event) => event.event === 'delta')
    .map((event) => String(event.data.delta))
    .join('');

/** Sends a message over HTTP (no SSE): the 202 answer's two messages. */
export async function sendMessage(
  t: TestApp,
  user: Signed,
  conversationId: string,
  content: string,
): Promise<{
  userMessage: Record<string, unknown>;
  assistantMessage: Record<string, unknown> & { id: string };
}> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/conversations/${conversationId}/messages`,
    headers: bearer(user.accessToken),
    payload: { content },
  });
  if (response.statusCode !== 202) throw new Error(`send: ${response.body}`);
  return response.json();
}

/** Waits until an answer has some text (it is streaming, or done). */
export function waitForText(
  t: TestApp,
  user: Signed,
  messageId: string,
): Promise<Record<string, unknown>> {
  return waitForMessage(t, user, messageId, (m) => String(m.content).length > 0);
}

/** Polls a message until `done(message)` holds (the generation runs on its own). */
export async function waitForMessage(
  t: TestApp,
  user: Signed,
  messageId: string,
  done: (message: Record<string, unknown>) => boolean = (m) =>
    !['queued', 'streaming'].includes(String(m.status)),
): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/messages/${messageId}`,
      headers: bearer(user.accessToken),
    });
    const message = response.json<Record<string, unknown>>();
    if (done(message)) return message;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`message ${messageId} never reached the expected state`);
}

/** A WebSocket test client that records every message it receives. */
export class SocketClient {
  readonly received: Record<string, unknown>[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: {
    match: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>;
      this.received.push(message);
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.match(message)) return true;
        waiter.resolve(message);
        return false;
      });
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  static async connect(
    baseUrl: string,
    options: WebSocket.ClientOptions = {},
  ): Promise<SocketClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/ws`, options);
    const client = new SocketClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Connects and authenticates; resolves after `auth.ok`. */
  static async signedIn(baseUrl: string, user: Signed): Promise<SocketClient> {
    const client = await SocketClient.connect(baseUrl);
    client.send({ type: 'auth', token: user.accessToken });
    await client.next((m) => m.type === 'auth.ok');
    return client;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first message received (or to come) that matches. */
  next(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ match, resolve }));
  }

  close(): void {
    this.socket.close();
  }
}
